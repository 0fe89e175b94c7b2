"""A blank start (issue 24 point 2): `init TYP --blank` writes the structure with nothing from the
example, and `validate` lists what to fill; `init`'s header names the command that made it."""

from __future__ import annotations

import pytest
import yaml

from cwd_docs.api import get_document_type, list_document_types, validate
from conftest import run_cli


def strings_of(value):
    """The example's own words: every text value of 15 characters or more, anywhere in the data."""
    if isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)
    elif isinstance(value, str) and len(value) >= 15:
        yield value


@pytest.mark.parametrize("type_name", [t.name for t in list_document_types() if t.example is not None])
def test_a_blank_start_has_nothing_from_the_example_and_validate_lists_what_to_fill(tmp_path, type_name):
    target = tmp_path / "dane.yaml"
    done = run_cli("init", type_name, "--blank", "-o", str(target))
    assert done.returncode == 0, done.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=schematy/{type_name}.schema.json\n")
    assert f"python -m cwd_docs init {type_name} --blank -o dane.yaml" in text
    # nothing of the example's data: none of its longer texts (any plugin's, e.g. "place: Wałcz" of ours)
    example = yaml.safe_load(get_document_type(type_name).example.read_text(encoding="utf-8"))
    texts = set(strings_of(example))
    values = "\n".join(line.split("#", 1)[0] for line in text.splitlines())  # the data, not the comments
    assert texts and not [t for t in texts if t in values]
    assert "WYMAGANE:" in text and "(opcjonalne)" in text
    result = validate(type_name, target)
    assert not result.ok
    blank = [p for p in result.problems if p.code == "field.blank"]
    assert blank and len(blank) == len(result.errors), [p.describe() for p in result.errors]
    assert all(p.file and p.line and p.message.startswith("uzupełnij ") for p in blank)


def test_a_blank_project_gets_a_blank_partnership_beside_it(tmp_path):
    target = tmp_path / "projekt.yaml"
    assert run_cli("init", "feasibility", "--blank", "-o", str(target)).returncode == 0
    partnership = tmp_path / "partnerstwo.yaml"
    assert "partnership: partnerstwo.yaml" in target.read_text(encoding="utf-8")
    assert (tmp_path / "schematy" / "partnership.schema.json").exists()
    problems = validate("partnership", partnership).problems
    text = partnership.read_text(encoding="utf-8").splitlines()
    first = problems[0]
    assert (first.code, first.dotted_path, first.message) == ("field.blank", "name",
                                                              "uzupełnij pole 'name' (Nazwa partnerstwa)")
    assert text[first.line - 1].startswith("name:  # WYMAGANE: Nazwa partnerstwa")
    members = [p for p in problems if p.dotted_path.startswith("members[")]
    assert {p.dotted_path.split("]")[0] for p in members} == {"members[0", "members[1"}  # at least 2 members


def test_a_blank_start_refuses_to_overwrite(tmp_path):
    target = tmp_path / "projekt.yaml"
    target.write_text("moje dane\n", encoding="utf-8")
    done = run_cli("init", "feasibility", "--blank", "-o", str(target))
    assert done.returncode != 0 and "już istnieje" in done.stderr
    assert target.read_text(encoding="utf-8") == "moje dane\n"


@pytest.mark.parametrize("type_name", ["application_outline", "schedule", "feasibility"])
def test_init_header_names_the_command_that_made_it(tmp_path, type_name):
    target = tmp_path / "wniosek.yaml"
    assert run_cli("init", type_name, "-o", str(target)).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert f"# Utworzony poleceniem:  python -m cwd_docs init {type_name} -o wniosek.yaml" in text
    assert f"python -m cwd_docs validate {type_name} wniosek.yaml" in text
    other = {"application_outline", "schedule", "feasibility"} - {type_name}
    header = text.split("\n\n", 1)[0]
    assert not any(f"init {name}" in header for name in other)
