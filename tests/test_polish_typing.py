"""Polish typing understood (issue 24 point 3): dates and amounts as advisors write them, an editor
schema that accepts exactly what the tool does, items named by their ids, one problem per typo,
problems in file order, YAML syntax errors that say what to do."""

from __future__ import annotations

import datetime as dt

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from cwd_docs.api import json_schema, validate
from cwd_docs.domain.dates import coerce_date
from cwd_docs.domain.money import parse_decimal, parse_money, parse_percent
from cwd_docs.loading.reader import LoadFailed, read_data_file

SCHEMA = json_schema("feasibility")
DEFS = SCHEMA["$defs"]


def field_schema(model: str, name: str) -> dict:
    node = DEFS[model]["properties"][name]
    options = [o for o in node.get("anyOf", [node]) if o.get("type") != "null"]
    return {"anyOf": options, "$defs": DEFS} if len(options) != 1 else {**options[0], "$defs": DEFS}


KINDS = {
    "money": (field_schema("Operation", "annual_costs"), parse_money),
    "percent": (field_schema("CostItem", "flat_rate"), parse_percent),
    "number": (field_schema("Indicator", "target"), parse_decimal),
    "date": (field_schema("Task", "start"), coerce_date),
}


def tool_accepts(kind: str, text: str) -> bool:
    try:
        KINDS[kind][1](text)
        return True
    except PydanticCustomError:
        return False


def schema_accepts(kind: str, text: str) -> bool:
    return jsonschema.Draft202012Validator(KINDS[kind][0]).is_valid(text)


CASES = {
    "money": ["1.234.567,00 zł", "1 234 567,00 zł", "1\u00a0234,50", "86 000,00 zł", "1234.50", "1234,5", "0",
              "1.234,5 PLN", "1.234", "1.234.567", "12 34", "1234,567", "-5", "-0", "1e3", "9 999 999 999 999,99",
              "10 000 000 000 000", "0001234", "1.23.456", "5 %", "", "zł", "1234.500", "1 234.5"],
    "percent": ["85", "85 %", "33,33", "100", "100,0", "100,01", "-1", "0,5%", "1 000", "12.34567890123", "zł"],
    # (a number's exponent form, "1e5", is accepted by both; its size only the tool checks: "1e20" is the one
    # text the schema accepts and the tool refuses)
    "number": ["12,5", "-3", "1 234,5", "1.234.567,891", "1e5", "12 %", "-0", "9 999 999 999 999 999"],
    "date": ["2027-03-15", "15.03.2027", "15.03.2027 r.", "5.3.2027", "2028-02-29", "29.02.2028", "2027-02-29",
             "30.02.2028", "2028-02-30", "31.04.2027", "2027-13-01", "15/03/2027", "15.03.27", "2000-02-29",
             "1900-02-29", "0000-01-01", " 2027-03-15 ", "2027-03-15T00:00"],
}


@pytest.mark.parametrize("kind,text", [(kind, text) for kind, texts in CASES.items() for text in texts])
def test_the_editor_schema_accepts_exactly_what_the_tool_accepts(kind, text):
    assert schema_accepts(kind, text) == tool_accepts(kind, text), (kind, text)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(["money", "percent", "number"]),
       text=st.text(st.sampled_from("0123456789 ,.-zł%\u00a0"), max_size=16))
def test_any_almost_number_is_judged_alike_by_the_schema_and_the_tool(kind, text):
    assert schema_accepts(kind, text) == tool_accepts(kind, text), (kind, text)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(st.sampled_from("0123456789-. r"), max_size=14),
                      st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: f"{d:%d.%m.%Y} r."),
                      st.tuples(st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32)).map(
                          lambda t: f"{t[2]:02d}.{t[1]:02d}.{t[0]:04d}")))
def test_any_date_text_is_judged_alike_by_the_schema_and_the_tool(text):
    assert schema_accepts("date", text) == tool_accepts("date", text), text


def only(result, code):
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [p.describe() for p in result.problems]
    return found[0]


@pytest.mark.parametrize("typed", ["15.03.2027", '"15.03.2027 r."', "15.03.2027 r."])
def test_polish_dates_are_read_as_dates(example, typed):
    example.edit("start: 2027-04-01, end: 2027-12-31", f"start: {typed}, end: 2027-12-31")
    result = validate("feasibility", example.project)
    assert result.ok, [p.describe() for p in result.problems]
    assert result.model.project.tasks[1].start == dt.date(2027, 3, 15)


@pytest.mark.parametrize("typed,day", [("2028-02-30", "30 lutego 2028"), ("31.04.2027", "31 kwietnia 2027")])
def test_an_impossible_date_says_the_day_does_not_exist(example, typed, day):
    line = example.edit("start: 2027-04-01, end: 2027-12-31", f"start: {typed}, end: 2027-12-31")
    problem = only(validate("feasibility", example.project), "date.no_such_day")
    assert (problem.dotted_path, problem.line, problem.subject) == ("project.tasks[1].start", line, "zadanie T2")
    assert problem.message == f"niepoprawna data '{typed}': nie ma dnia {day}"


def test_a_date_in_another_format_names_both_accepted_formats(example):
    example.edit("start: 2027-04-01, end: 2027-12-31", "start: 15/03/2027, end: 2027-12-31")
    problem = only(validate("feasibility", example.project), "field.type")
    assert problem.message == ("niepoprawna wartość '15/03/2027'; oczekiwano daty w formacie RRRR-MM-DD albo "
                               "DD.MM.RRRR, np. 2027-03-31 albo 31.03.2027")


def test_an_amount_with_dots_for_thousands_and_a_decimal_comma_is_read(example):
    example.edit("annual_costs: 86000.00", 'annual_costs: "86.000,00 zł"')
    result = validate("feasibility", example.project)
    assert result.ok, [p.describe() for p in result.problems]
    assert result.model.project.operation.annual_costs == parse_money("86000")
    assert parse_money("1.234.567,00 zł") == parse_money(1234567)


def test_a_single_dot_group_in_an_amount_is_a_decimal_point_and_the_message_says_how_to_mean_thousands(example):
    example.edit("annual_costs: 86000.00", 'annual_costs: "86.000"')
    problem = only(validate("feasibility", example.project), "money.precision")
    assert problem.message == ("kwota może mieć najwyżej 2 miejsca po przecinku (grosze); podano 86.000 "
                               "(jeśli chodziło o 86000 zł, napisz '86.000,00' albo 86000)")


def test_a_problem_inside_a_task_names_the_task_by_its_id(example):
    example.edit("    - {id: T7, name: Informacja i promocja, start: 2027-01-01, end: 2029-06-30, responsible: WALCZ_M, "
                 "cost: 24600.00,",
                 "    - {id: T7, name: Informacja i promocja, start: 2027-01-01, end: 2029-06-30, responsible: WALCZ_M, "
                 "cost: dużo,")
    result = validate("feasibility", example.project)
    problem = only(result, "number.format")
    assert (problem.dotted_path, problem.subject) == ("project.tasks[6].cost", "zadanie T7")
    assert "pole project.tasks[6].cost (zadanie T7): niepoprawna liczba 'dużo'" in problem.describe()
    assert problem.as_dict()["subject"] == "zadanie T7"


def test_a_rule_problem_inside_a_member_names_the_member(example):
    line = example.edit("teryt: ", "teryt: '0000000' #", file=example.partnership)
    result = validate("feasibility", example.project)
    problem = next(p for p in result.problems if p.line == line)
    assert problem.subject is not None and problem.subject.startswith("członek partnerstwa ")


def test_a_misspelled_required_key_is_one_problem_with_the_suggestion(example):
    line = example.edit("  durability: >-", "  durabilty: >-")
    result = validate("feasibility", example.project)
    assert [(p.code, p.dotted_path, p.line) for p in result.problems] == [
        ("field.misspelled", "project.durabilty", line)]
    assert result.problems[0].message == ("nieznane pole 'durabilty'; czy chodziło o 'durability'? "
                                          "(tego wymaganego pola brakuje)")


def test_an_unknown_key_that_is_no_missing_field_stays_unknown(example):
    example.edit("  durability: >-", "  durability_note: x\n  durability: >-")
    problem = only(validate("feasibility", example.project), "field.unknown")
    assert problem.dotted_path == "project.durability_note"


def test_problems_are_sorted_by_file_and_line(example):
    example.edit("annual_costs: 86000.00", "annual_costs: dużo")  # late in the file
    example.edit("  durability: >-", "  durabilty: >-")
    example.edit("theme: środowiskowy", "theme: ekologiczny")  # early in the file
    example.edit("teryt: ", "teryt: '0000000' #", file=example.partnership)
    problems = validate("feasibility", example.project).problems
    places = [(p.file, p.line or 0) for p in problems]
    assert len({file for file, _ in places}) == 2
    assert places == sorted(places)


@pytest.mark.parametrize("text,message", [
    ("project:\n  title: Droga\n  summary: Cel projektu: poprawa bezpieczeństwa\n",
     "błąd składni: tekst pola 'summary' zawiera dwukropek ze spacją (\u201e: \u201d), który YAML czyta jako początek "
     "kolejnego pola; ujmij cały tekst w cudzysłów: summary: \"Cel projektu: poprawa bezpieczeństwa\""),
    ("a:\n\tb: 1\n", "błąd składni: w wierszu jest znak tabulacji (kolumna 1); YAML wymaga wcięć spacjami — "
                     "zamień tabulatory na spacje"),
    ("a: @home\n", "błąd składni: tekst nie może zaczynać się od znaku '@' (YAML zastrzega go dla siebie); "
                   "ujmij cały tekst w cudzysłów"),
    ("a: *gwiazdka tekst\n", "błąd składni: tekst zaczynający się od gwiazdki '*' YAML czyta jako odwołanie do "
                             "kotwicy; ujmij cały tekst w cudzysłów"),
    ('a: "abc\nb: 2\n', "błąd składni: cudzysłów otwarty w wierszu 1 nie został zamknięty; dopisz cudzysłów "
                        "zamykający na końcu tekstu"),
    ("a: 1\nb\nc: 2\n", "błąd składni: w wierszu 2 brak dwukropka po nazwie pola, albo tekst ciągnie się przez "
                        "kilka wierszy: tekst wielowierszowy zacznij od '>-' w wierszu pola i wetnij kolejne wiersze"),
])
def test_a_yaml_syntax_error_explains_the_likely_cause(tmp_path, text, message):
    path = tmp_path / "dane.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        read_data_file(path)
    [problem] = failed.value.problems
    assert (problem.code, problem.message) == ("yaml.syntax", message)


def test_a_partnership_file_validates_by_itself(example):
    result = validate("partnership", example.partnership)
    assert result.ok, [p.describe() for p in result.problems]
    line = example.edit('teryt: "3217011"', 'teryt: "3217012"', file=example.partnership)
    result = validate("partnership", example.partnership)
    [problem] = result.problems
    assert (problem.code, problem.dotted_path, problem.line, problem.subject) == (
        "teryt.kind_mismatch", "members[1].teryt", line, "członek partnerstwa WALCZ_M")


def test_validate_partnership_on_the_command_line(example):
    from conftest import run_cli

    done = run_cli("validate", "partnership", str(example.partnership))
    assert done.returncode == 0, done.stderr
    assert f"Plik {example.partnership} jest poprawny." in done.stderr
