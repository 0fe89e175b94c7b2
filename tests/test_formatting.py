import datetime as dt
from decimal import Decimal

import pytest

from cwd_docs import formatting as f

NBSP = "\u00a0"


@pytest.mark.parametrize("value, expected", [
    (Decimal("1234567.89"), f"1{NBSP}234{NBSP}567,89{NBSP}zł"),
    (Decimal("0"), f"0,00{NBSP}zł"),
    (Decimal("1234.5"), f"1{NBSP}234,50{NBSP}zł"),
    ("0.005", f"0,01{NBSP}zł"),  # half up, as in accounting
    (12, f"12,00{NBSP}zł"),
])
def test_money(value, expected):
    assert f.money(value) == expected


def test_money_without_currency():
    assert f.money(Decimal("9840000"), False) == f"9{NBSP}840{NBSP}000,00"


@pytest.mark.parametrize("value, expected", [
    ("1.00", "jeden złoty, zero groszy"),
    ("2.00", "dwa złote, zero groszy"),
    ("5.00", "pięć złotych, zero groszy"),
    ("12.00", "dwanaście złotych, zero groszy"),
    ("22.00", "dwadzieścia dwa złote, zero groszy"),
    ("25.00", "dwadzieścia pięć złotych, zero groszy"),
    ("0.01", "zero złotych, jeden grosz"),
    ("0.22", "zero złotych, dwadzieścia dwa grosze"),
    ("0.12", "zero złotych, dwanaście groszy"),
    ("1234.50", "tysiąc dwieście trzydzieści cztery złote, pięćdziesiąt groszy"),
])
def test_money_words(value, expected):
    assert f.money_words(Decimal(value)) == expected


def test_money_words_takes_integers_as_zloty_not_grosze():
    assert f.money_words(5) == "pięć złotych, zero groszy"


@pytest.mark.parametrize("count, expected", [
    (0, "0 gmin"), (1, "1 gmina"), (2, "2 gminy"), (4, "4 gminy"), (5, "5 gmin"), (12, "12 gmin"),
    (13, "13 gmin"), (22, "22 gminy"), (25, "25 gmin"), (102, "102 gminy"), (112, "112 gmin"),
])
def test_plural(count, expected):
    assert f.plural(count, "gmina", "gminy", "gmin").replace(NBSP, " ") == expected


def test_plural_form_alone():
    assert [f.plural_form(n, "złoty", "złote", "złotych") for n in (1, 2, 5, 12, 22, 25)] == [
        "złoty", "złote", "złotych", "złotych", "złote", "złotych"]


def test_dates():
    day = dt.date(2026, 11, 22)
    assert f.date_long(day) == f"22{NBSP}listopada 2026{NBSP}r."  # the day stays with its month
    assert f.date_long(dt.date(2027, 3, 1)) == f"1{NBSP}marca 2027{NBSP}r."
    assert f.date_short(dt.date(2027, 3, 1)) == f"01.03.2027{NBSP}r."
    assert f.month_year(day) == "listopad 2026"
    assert f.month_year(dt.date(2027, 2, 1)) == "luty 2027"
    assert f.month_numeric(dt.date(2027, 2, 1)) == "02.2027"


def test_numbers_and_percent():
    assert f.number(Decimal("12345.5")) == f"12{NBSP}345,5"
    assert f.number(Decimal("24.6")) == "24,6"
    assert f.number(Decimal("3.14159"), 2) == "3,14"
    assert f.number(None) == ""
    assert f.percent(Decimal("85")) == "85,00%"
    assert f.percent(Decimal("83.7412"), 1) == "83,7%"
    assert f.percent(85, 0) == "85%"


@pytest.mark.parametrize("text, expected", [
    ("droga w Wałczu i Tucznie", f"droga w{NBSP}Wałczu i{NBSP}Tucznie"),
    ("Z uwagi na to", f"Z{NBSP}uwagi na to"),
    ("budowa (a także remont)", f"budowa (a{NBSP}także remont)"),
    ("o  dwóch spacjach", f"o{NBSP}dwóch spacjach"),
    ("na końcu zdania jest z", "na końcu zdania jest z"),
    ("słowo Tucznoa i", "słowo Tucznoa i"),
    ("e-a b", "e-a b"),
])
def test_one_letter_words_glued(text, expected):
    assert f.nbsp(text) == expected


def test_nbsp_passes_non_text():
    assert f.nbsp(5) == 5


def test_paragraphs_and_join():
    assert f.paragraphs("Pierwszy\nciąg dalszy.\n\n  Drugi.  \n") == ["Pierwszy ciąg dalszy.", "Drugi."]
    assert f.paragraphs("") == []
    assert f.join_words(["A", "B", "C"]) == "A, B i C"
    assert f.join_words(["A"]) == "A"
    assert f.join_words([]) == ""


def test_names_with_an_i_of_their_own_are_joined_with_oraz():
    names = ["Gmina Wiejska Wałcz", "Miasto i Gmina Człopa", "Gmina i Miasto Tuczno"]
    assert f.join_words(names) == "Gmina Wiejska Wałcz, Miasto i Gmina Człopa oraz Gmina i Miasto Tuczno"
    assert f.join_words(["Powiat Wałecki", "Gmina Miejska Wałcz"]) == "Powiat Wałecki i Gmina Miejska Wałcz"
    assert f.join_words(["Miasto\u00a0i\u00a0Gmina Człopa", "Tuczno"]).endswith(" oraz Tuczno")  # after nbsp
    assert f.join_words(["A", "B"], " lub ") == "A lub B"


def test_every_filter_is_registered():
    assert set(f.FILTERS) >= {"money", "money_words", "number", "percent", "date_long", "date_short",
                              "month_year", "plural", "nbsp", "paragraphs", "join_words"}


def test_typography_keeps_units_references_codes_initials_and_dashes_together():
    from cwd_docs.formatting import nbsp

    text = nbsp("art. 10e ust. 3 pkt 4 lit. c, § 3, 5 mln EUR, 24,6 km, 85 %, 2026 r., 78-600 Wałcz, "
                "J. Kowalski – trasa")
    for kept in ("art.\u00a010e", "ust.\u00a03", "pkt\u00a04", "lit.\u00a0c", "§\u00a03", "5\u00a0mln\u00a0EUR",
                 "24,6\u00a0km", "85\u00a0%", "2026\u00a0r.", "78\u2011600\u00a0Wałcz", "J.\u00a0Kowalski",
                 "Kowalski\u00a0–"):
        assert kept in text, kept
    assert len(text) == len(text.replace("\u00a0", " "))
    assert nbsp("tel. 67-000-00-00, 4 maja") == "tel. 67-000-00-00, 4\u00a0maja"  # only postal codes keep the hyphen
    assert nbsp("Wałcz 2026") == "Wałcz 2026" and nbsp("ok. 5 osób") == "ok. 5 osób"
