"""What validate guarantees so that the build cannot fail on a value (issue 13): bounded numbers,
short quotes of wrong values, confinement of named files, a template checked before use, streams
that survive any terminal. The corpus in tests/hostile/ drives the same through the real CLI."""

from __future__ import annotations

import codecs
from decimal import Decimal
from pathlib import Path

import pytest

from cwd_docs import api
from cwd_docs.domain.money import parse_decimal, parse_percent
from cwd_docs.formatting import number, percent
from cwd_docs.problems import excerpt, quoted

BUILTIN_PREFIX = "cwd_docs.plugins."


def _unbounded_integers(node, path="") -> list[str]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "integer" and "maximum" not in node and "exclusiveMaximum" not in node:
            found.append(path)
        for key, value in node.items():
            found += _unbounded_integers(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _unbounded_integers(value, f"{path}/{index}")
    return found


def test_every_whole_number_of_the_builtin_types_has_an_upper_bound():
    types = [t for t in api.list_document_types() if t.plugin.startswith(BUILTIN_PREFIX)]
    assert len(types) >= 6
    for doc_type in types:
        assert _unbounded_integers(api.json_schema(doc_type.name)) == [], doc_type.name


@pytest.mark.parametrize("text", ["999999999999999.9999999999", "-999999999999999.9999999999", "0.0000000001",
                                  "1E+14", "0E-999999", "0e999999999", "-0", "12,5", "2.46e1"])
def test_every_number_that_validates_can_be_formatted(text):
    value = parse_decimal(text)
    for shown in (number(value), number(value, 2), number(value, 0)):
        # at most 15 integer digits with their spaces, a comma and 10 decimals (or 2, or none)
        assert len(shown) <= 1 + 15 + 4 + 1 + 10, shown
    assert percent(parse_percent("99.9999999999")) == "100,00%"


@pytest.mark.parametrize("text", ["1e-5000", "0.00000000001", "1e-11", "84.99999999999999999999"])
def test_more_than_ten_decimal_places_is_refused(text):
    from pydantic_core import PydanticCustomError

    with pytest.raises(PydanticCustomError) as caught:
        parse_decimal(text)
    assert caught.value.type == "number.precision"
    assert len(str(caught.value)) < 120


def test_a_wrong_value_is_quoted_by_its_first_line_and_at_most_forty_characters():
    assert excerpt("krótki") == "krótki"
    assert excerpt("a" * 40) == "a" * 40
    assert excerpt("a" * 41) == "a" * 40 + "…"
    assert excerpt("root:x:0:0\ndaemon:x:1:1") == "root:x:0:0…"
    assert quoted("x" * 100) == "'" + "x" * 40 + "…'"
    assert quoted(10 ** 60) == "1" + "0" * 39 + "…"


def test_an_include_given_in_memory_must_lie_in_base_dir(example, tmp_path, monkeypatch):
    import yaml

    outside = tmp_path / "poza.yaml"
    outside.write_text(example.partnership.read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load(example.project.read_text(encoding="utf-8"))
    data["partnership"] = "../poza.yaml"
    result = api.validate("feasibility", data, base_dir=example.folder)
    assert [(p.code, p.dotted_path) for p in result.errors] == [("input.outside", "partnership")]
    assert "CWD_DOCS_ALLOW_OUTSIDE=1" in result.errors[0].message
    monkeypatch.setenv("CWD_DOCS_ALLOW_OUTSIDE", "1")
    assert api.validate("feasibility", data, base_dir=example.folder).ok


def test_an_include_through_a_link_to_a_subfolder_stays_allowed(example):
    (example.folder / "dane").mkdir()
    example.partnership.rename(example.folder / "dane" / "partnerstwo.yaml")
    (example.folder / "partnerstwo.yaml").symlink_to("dane/partnerstwo.yaml")
    assert api.validate("feasibility", example.project).ok


def test_the_shipped_templates_pass_the_template_check():
    from cwd_docs.rendering.docx_file import docx_defect

    for doc_type in api.list_document_types():
        if doc_type.plugin.startswith(BUILTIN_PREFIX):
            assert docx_defect(Path(doc_type.template)) is None, doc_type.name


def test_messages_on_an_ascii_terminal_lose_accents_not_the_message():
    from cwd_docs.cli.terminal import ERROR_HANDLER

    text = "błąd [field.empty] pole nie może być puste – „Wałcz”… 24\u00a0600 zł"
    assert text.encode("ascii", ERROR_HANDLER) == b'blad [field.empty] pole nie moze byc puste - "Walcz"... 24 600 zl'
    assert codecs.lookup_error(ERROR_HANDLER)
    assert text.encode("latin-1", ERROR_HANDLER).decode("latin-1").startswith("blad")


def test_validated_numbers_carry_no_more_digits_than_written():
    assert parse_decimal("0E-999999") == 0 and parse_decimal("0E-999999").as_tuple().exponent == 0
    assert parse_decimal("24.60") == Decimal("24.60")  # as written: the document shows 24,60
    assert str(parse_decimal("1.50000000000000000000")) == "1.5"


@pytest.mark.parametrize(("name", "value", "reason"), [
    ("money", "Pojezierze Wałeckie", "filtr money oczekuje liczby, a dostał tekst 'Pojezierze Wałeckie'"),
    ("number", [1, 2], "filtr number oczekuje liczby, a dostał listę"),
    ("money_words", True, "filtr money_words oczekuje liczby, a dostał wartość logiczną"),
    ("date_long", "2027-01-01", "filtr date_long oczekuje daty, a dostał tekst '2027-01-01'"),
    ("month_year", None, "filtr month_year oczekuje daty, a dostał brak wartości (None)"),
])
def test_a_filter_given_the_wrong_kind_of_value_says_what_it_expected(name, value, reason):
    from cwd_docs.rendering.environment import FILTERS

    with pytest.raises(TypeError) as caught:
        FILTERS[name](value)
    assert str(caught.value) == reason


def test_data_for_a_closed_stdout_is_a_usage_error_not_an_internal_one():
    import shlex
    import subprocess
    import sys

    command = f"{shlex.quote(sys.executable)} -m cwd_docs schema feasibility >&-"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "standardowe wyjście jest zamknięte" in result.stderr
