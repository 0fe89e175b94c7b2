"""Polish formatting of numbers, money, dates and text; each function is also a Jinja filter."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from num2words import num2words

LOCALE = Locale.parse("pl_PL")
NBSP = "\u00a0"

# A one-letter word (a, i, o, u, w, z and capitals, also after an opening bracket or quote)
# must not end a line: glue it to the next word.
_ORPHAN = re.compile(r"(?<![\w\-])([aiouwzAIOUWZ])[ ]+(?=\S)")


def _decimal(value: Any, filter_name: str) -> Decimal:
    """The number a numeric filter formats; a value of another kind is a TypeError naming the filter
    (the renderer reports it with the template's tag)."""
    try:
        if isinstance(value, bool):
            raise TypeError
        return Decimal(value)
    except (TypeError, ValueError, ArithmeticError):
        raise TypeError(f"filtr {filter_name} oczekuje liczby, a dostał {_kind(value)}") from None


def _date(value: Any, filter_name: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise TypeError(f"filtr {filter_name} oczekuje daty, a dostał {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    from .problems import quoted

    kinds = {str: "tekst", list: "listę", tuple: "listę", dict: "słownik", bool: "wartość logiczną"}
    if value is None:
        return "brak wartości (None)"
    kind = next((name for cls, name in kinds.items() if isinstance(value, cls)), f"obiekt {type(value).__name__}")
    shown = isinstance(value, (str, int, float, Decimal)) and not isinstance(value, bool)
    return f"{kind} {quoted(value)}" if shown else kind


def money(value: Any, currency: bool = True) -> str:
    """1234567.891 -> '1 234 567,89 zł' (non-breaking spaces)."""
    return _money(_decimal(value, "money").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), currency)


@functools.lru_cache(maxsize=4096)
def _money(amount: Decimal, currency: bool) -> str:
    # Babel's formatting is the cost of a large table; amounts repeat (zeros, equal tasks).
    if currency:
        return format_currency(amount, "PLN", locale=LOCALE)
    return format_decimal(amount, format="#,##0.00", locale=LOCALE)


def money_words(value: Any) -> str:
    """1234.50 -> 'tysiąc dwieście trzydzieści cztery złote, pięćdziesiąt groszy'."""
    amount = _decimal(value, "money_words").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # num2words reads an int as grosze: always hand it a Decimal with two places.
    return num2words(amount, lang="pl", to="currency", currency="PLN")


def number(value: Any, places: int | None = None) -> str:
    """12345.5 -> '12 345,5'; with places=2 -> '12 345,50'."""
    if value is None:
        return ""
    if places is None:
        return format_decimal(_decimal(value, "number"), locale=LOCALE, decimal_quantization=False)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(_decimal(value, "number"), format=pattern, locale=LOCALE)


def percent(value: Any, places: int = 2) -> str:
    """A percentage given in points: 85 -> '85,00%'; places=0 -> '85%'."""
    return number(value, places) + "%"


def date_long(value: dt.date) -> str:
    """2026-11-22 -> '22 listopada 2026 r.'."""
    return format_date(_date(value, "date_long"), "d MMMM y", locale=LOCALE).replace(" ", NBSP, 1) + NBSP + "r."


def date_short(value: dt.date) -> str:
    """2026-11-22 -> '22.11.2026 r.'."""
    return _date(value, "date_short").strftime("%d.%m.%Y") + NBSP + "r."


def month_year(value: dt.date) -> str:
    """2026-11-22 -> 'listopad 2026' (nominative, for headings and schedules)."""
    return format_date(_date(value, "month_year"), "LLLL y", locale=LOCALE)


def month_numeric(value: dt.date) -> str:
    """2026-11-22 -> '11.2026'."""
    return _date(value, "month_numeric").strftime("%m.%Y")


def plural_form(count: int, one: str, few: str, many: str) -> str:
    """The Polish form for count: 1 gmina, 2 gminy, 5 gmin (Babel's CLDR plural rule)."""
    category = LOCALE.plural_form(abs(count))
    return {"one": one, "few": few}.get(category, many)


def plural(count: int, one: str, few: str, many: str) -> str:
    """count with its noun: plural(5, 'gmina', 'gminy', 'gmin') -> '5 gmin'."""
    return f"{number(count)}{NBSP}{plural_form(count, one, few, many)}"


_UNITS = r"(?:zł|gr|PLN|EUR|USD|tys\.|mln|mld|km²|km2|km|m²|m2|m³|m|cm|mm|ha|t|kg|kWh|MWh|kW|MW|GJ|proc\.|%|szt\.|os\.|r\.|rok|lat|lata|dni|mies\.)"
_BEFORE_NUMBER = r"(?:art\.|ust\.|pkt|lit\.|§|nr|Nr|poz\.|str\.|s\.|tab\.|rys\.|zał\.|ul\.|al\.|pl\.|godz\.|tys\.|mln|mld)"
_UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
# Spaces that must not break a line (Polish typesetting practice). Each alternative captures what
# stands before the space; the space becomes a non-breaking one (the length never changes).
_TYPOGRAPHY = re.compile("|".join((
    rf"(\d) (?={_UNITS}(?!\w))",                            # 24,6 km, 5 mln, 85 %, 2026 r.
    r"((?<![\w.])(?:tys\.|mln|mld)) (?=(?:zł|PLN|EUR|USD)(?!\w))",  # mln EUR
    rf"((?<![\w.]){_BEFORE_NUMBER}) (?=\d|[a-z]\b)",        # art. 10e, ust. 3, pkt 4, lit. c, § 3
    r"(\b\d{2}-\d{3}) (?=[" + _UPPER + "])",                # 78-600 Wałcz
    r"(\b\d{1,2}) (?=(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
    r"listopada|grudnia)\b)",                                  # 4 maja
    r"((?<![\w.])[" + _UPPER + r"]\.) (?=[" + _UPPER + "])",  # J. Kowalski
    r"(\S) (?=[–—] )",                                       # a dash never opens a line
    r"((?<![\w.])t) (?=CO[₂2]e?(?!\w))",                      # t CO₂e (a unit of two words)
)))


_POSTAL_CODE = re.compile(r"(?<![\d-])(\d{2})-(\d{3})(?![\d-])")
NON_BREAKING_HYPHEN = "\u2011"


ONE_LETTER = re.compile(r"(?<![\w\-])([aiouwzAIOUWZ]) (?=\S)")  # _ORPHAN for one space: keeps the length


def one_letter_words(text: str) -> str:
    """The one-letter-word rule where the length must not change (text sliced back into runs)."""
    return ONE_LETTER.sub(lambda m: m.group(1) + NBSP, text)


def typography(text: str) -> str:
    """Polish non-breaking spaces beyond one-letter words, and a non-breaking hyphen in postal codes
    (78‑600); every replacement keeps the length."""
    text = _TYPOGRAPHY.sub(lambda m: next(g for g in m.groups() if g is not None) + NBSP, text)
    return _POSTAL_CODE.sub(lambda m: m.group(1) + NON_BREAKING_HYPHEN + m.group(2), text) if "-" in text else text


def nbsp(text: Any) -> Any:
    """Non-breaking spaces after one-letter words, between a number and its unit, after "art.", "§",
    in postal codes and initials, and before a dash."""
    if not isinstance(text, str) or " " not in text:
        return text
    return typography(_ORPHAN.sub(lambda m: m.group(1) + NBSP, text))


def paragraphs(text: str | None) -> list[str]:
    """Split text on blank lines into paragraphs; single line breaks become spaces."""
    if not text:
        return []
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


GAP_MARK = "DO UZUPEŁNIENIA"


def gap_text(what: str) -> str:
    """How a document marks missing content where it would stand: "[DO UZUPEŁNIENIA: …]"."""
    return f"[{GAP_MARK}: {what}]"


_HAS_AND = re.compile(r"(?<!\w)i(?!\w)")


def join_words(items: list[str], last: str | None = None) -> str:
    """The one way a list is joined in a sentence: ['a', 'b', 'c'] -> 'a, b i c'.

    When an item has an "i" of its own (names of members: "Miasto i Gmina Człopa") the last one is joined
    with "oraz", so that the list reads as a list: 'Miasto i Gmina Człopa oraz Gmina i Miasto Tuczno'.
    last overrides the conjunction (" oraz " for every list of a sentence that already has "i")."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    if last is None:
        last = " oraz " if any(_HAS_AND.search(item.replace(NBSP, " ")) for item in items) else " i "
    return ", ".join(items[:-1]) + last + items[-1]


def percent_beside(value: Any, limit: Any, places: int = 2) -> str:
    """value as a percentage with as many places as it takes to differ from limit when they differ.

    85.0000119 beside 85 -> '85,000012%' (never '85,00%' beside a limit of '85,00%').
    """
    value, limit = _decimal(value, "percent"), _decimal(limit, "percent")
    while value != limit and places < 10 and round(value, places) == round(limit, places):
        places += 1
    return percent(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), places)


_CONSONANTS = set("bcćdfghjklłmnńpqrsśtvwxzźż")


def z_ze(word: str) -> str:
    """The preposition before word: 'ze' before s, z, ś, ź, ż, w or m opening a consonant cluster
    ('ze Wspólnej', 'ze Szczecina', 'ze środków', 'ze mną'), otherwise 'z' ('z Wałcza', 'z sieci')."""
    text = word.strip().lower()
    if len(text) >= 2 and text[0] in "szśźżwm" and text[1] in _CONSONANTS:
        if text[0] in "wm" and text[1] not in ("szśźżn" if text[0] == "m" else "szśźż"):
            return "z"
        return "ze"
    return "z"


def parenthetical(text: Any) -> str:
    """'(text)', or '– text' when text has brackets of its own: never a bracket inside a bracket."""
    text = str(text)
    return f"– {text}" if "(" in text or ")" in text else f"({text})"


def partners_phrase(names: list[str]) -> str:
    """'a partnerem: A' for one partner, 'a partnerami: A oraz B' for several (instrumental case)."""
    if not names:
        return ""
    noun = "partnerem" if len(names) == 1 else "partnerami"
    return f"a {noun}: {join_words(list(names), ' oraz ')}"


# The Polish formatting filters; with the Markdown ones (rendering.markdown) they are the built-in
# filters of every template (rendering.environment.FILTERS).
FILTERS: dict[str, Callable[..., Any]] = {
    "money": money,
    "money_words": money_words,
    "number": number,
    "percent": percent,
    "date_long": date_long,
    "date_short": date_short,
    "month_year": month_year,
    "month_numeric": month_numeric,
    "plural": plural,
    "plural_form": plural_form,
    "nbsp": nbsp,
    "paragraphs": paragraphs,
    "join_words": join_words,
    "z_ze": z_ze,
    "parenthetical": parenthetical,
    "partners_phrase": partners_phrase,
}
