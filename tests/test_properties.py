"""Property tests: any text from the data reaches the DOCX literally; any junk gives located problems."""

from __future__ import annotations

import os
import copy
import re
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from cwd_docs import get_document_type, render
from cwd_docs.domain.money import parse_money
from cwd_docs.loading import load_input
from cwd_docs.validation.validate import validate_data
from conftest import EXAMPLE_DIR, PROJECT_FILE, docx_text, normalise_spaces

# Fixed examples in CI (a landing must not depend on luck); random exploration everywhere else.
SETTINGS = settings(max_examples=30, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# docxtpl turns {_{ }_} {_% %_} into {{ }} {% %} after rendering; the renderer protects data from
# it (test_docxtpl_escape_sequences_survive, tests/hostile/ok-docxtpl-escapes.yaml).
DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")

# Printable text as a user could type it: no surrogates, no control characters (XML 1.0 forbids
# most of them and the loader refuses them), no U+FFFE/U+FFFF; at least one visible character,
# since titles and names are required and stripped.
TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"), min_size=1, max_size=60,
).filter(lambda s: s.strip())

LOADED = load_input(EXAMPLE_DIR / PROJECT_FILE, ("partnership",))


def collapse(text: str) -> str:
    """Spaces as a reader sees them: NBSP (the one-letter-word rule) and runs of white space as one space."""
    return " ".join(normalise_spaces(text).split())


def rendered_text(doc_type, model) -> str:
    """Render, check python-docx opens the bytes, return all paragraph and table text."""
    from docx import Document

    content = render(doc_type, model)
    Document(io.BytesIO(content))  # opens
    with tempfile.TemporaryDirectory(prefix="cwd_prop_") as folder:
        path = Path(folder) / "wynik.docx"
        path.write_bytes(content)
        return collapse(docx_text(path))


def markdown_escaped(text: str) -> str:
    """The text as Markdown source that means exactly this text: every ASCII punctuation mark but the
    underscore (always literal in this house's Markdown) escaped with a backslash, as CommonMark allows,
    so `*` is a star, not a list item."""
    return re.sub(r"([!-/:-@\[-^`{-~])", r"\\\1", text)


def fresh_data() -> dict:
    return copy.deepcopy(LOADED.data)


def set_at(data: dict, path: tuple, value) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def get_at(data: dict, path: tuple):
    for key in path:
        data = data[key]
    return data


# ---------------------------------------------------------------- (1) text from data is data

@SETTINGS
@given(title=TEXT, summary=TEXT, risk=TEXT, names=st.lists(TEXT, min_size=2, max_size=2, unique_by=collapse))
def test_generated_text_appears_literally_in_feasibility(title, summary, risk, names):
    data = fresh_data()
    project = data["project"]
    project["title"] = title
    project["summary"] = markdown_escaped(summary)  # a Markdown field: the advisor escapes marks to mean them
    project["risks"][2]["name"] = risk
    members = {m["id"]: m for m in data["partnership"]["members"]}
    members["PW"]["name"] = names[0]  # the leader
    members["TUCZNO"]["name"] = names[1]  # a partner

    doc_type = get_document_type("feasibility")
    model, problems = validate_data(doc_type, data, base_dir=EXAMPLE_DIR)
    assert model is not None, problems
    assert [p for p in problems if p.is_error] == []
    text = rendered_text(doc_type, model)
    for value in (title, summary, risk, *names):
        assert collapse(value) in text, f"{value!r} is not in the document"


@SETTINGS
@given(name=TEXT, category=TEXT)
def test_generated_task_and_cost_names_appear_in_schedule(name, category):
    data = fresh_data()
    data["project"]["tasks"][3]["name"] = name
    data["project"]["costs"][1]["category"] = category

    doc_type = get_document_type("schedule")
    model, problems = validate_data(doc_type, data, base_dir=EXAMPLE_DIR)
    assert model is not None and not [p for p in problems if p.is_error], problems
    text = rendered_text(doc_type, model)
    assert collapse(name) in text


@pytest.mark.parametrize("escape", DOCXTPL_ESCAPES)
def test_docxtpl_escape_sequences_survive(escape):
    data = fresh_data()
    data["project"]["title"] = f"Droga {escape} rowerowa"
    doc_type = get_document_type("feasibility")
    model, problems = validate_data(doc_type, data, base_dir=EXAMPLE_DIR)
    assert model is not None, problems
    assert collapse(data["project"]["title"]) in rendered_text(doc_type, model)


# ---------------------------------------------------------------- (2) junk gives located problems

# Each of these amounts takes part in a sum (costs = funding = tasks): any other value breaks it.
MONEY_PATHS = (
    [("project", "costs", i, "total") for i in range(6)]
    + [("project", "funding", i, "amount") for i in range(6)]
    + [("project", "tasks", i, "cost") for i in (0, 1, 3, 4, 5, 6)]
)
JUNK = st.one_of(
    st.text(max_size=20),
    st.text(st.sampled_from("0123456789 ,.-+_eE zł\u00a0"), max_size=14),  # almost-numbers
    st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def assert_located(problems) -> None:
    assert problems, "no problem reported"
    for problem in LOADED.locate(problems):
        assert isinstance(problem.code, str) and "." in problem.code, problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert problem.file and problem.line, problem


def parses(value) -> Decimal | None:
    try:
        return parse_money(value)
    except PydanticCustomError:
        return None


@SETTINGS
@given(path=st.sampled_from(MONEY_PATHS), value=JUNK)
def test_any_value_in_a_money_field_is_accepted_exactly_or_located(path, value):
    data = fresh_data()
    original = get_at(data, path)
    set_at(data, path, value)

    doc_type = get_document_type("feasibility")
    model, problems = validate_data(doc_type, data, base_dir=EXAMPLE_DIR)
    errors = [p for p in problems if p.is_error]
    amount = parses(value)
    if value is None and path[1] == "funding":
        # A funding source's amount may be left out: the program computes it (FundingSource.amount);
        # the sums then hold, or a located problem says why they do not.
        if errors:
            assert_located(errors)
        else:
            assert model is not None and model.project.funding[path[2]].computed
        return
    if amount is None:
        assert model is None
        assert_located(errors)
        assert path in {p.path for p in errors}, [(p.path, p.code) for p in errors]
    elif amount == Decimal(original):
        assert errors == []
    else:
        assert_located(errors)  # a sum no longer adds up


TEXT_PATHS = [("project", "title"), ("project", "risks", 0, "name"), ("partnership", "members", 1, "name"),
              ("project", "tasks", 2, "name"), ("project", "objectives", 0)]
NOT_TEXT = st.one_of(st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), st.dates(),
                     st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=3), st.text(), max_size=2))


@SETTINGS
@given(path=st.sampled_from(TEXT_PATHS), value=NOT_TEXT)
def test_a_text_field_of_another_type_is_located(path, value):
    data = fresh_data()
    set_at(data, path, value)
    model, problems = validate_data(get_document_type("feasibility"), data, base_dir=EXAMPLE_DIR)
    assert model is None
    assert_located(problems)
    assert path in {p.path for p in problems}, [(p.path, p.code) for p in problems]


# ---------------------------------------------------------------- (3) junk typed into the YAML file

PROJECT_TEXT = (EXAMPLE_DIR / PROJECT_FILE).read_text(encoding="utf-8")
VALUE_LINES = [i for i, line in enumerate(PROJECT_TEXT.splitlines())
               if ": " in line and not line.lstrip().startswith(("#", "-", "{"))]
YAMLISH = st.text(st.one_of(st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\\ \t\n")),
                            st.characters(exclude_categories=("Cs", "Cc"))), max_size=20)


@settings(max_examples=30, deadline=None, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(index=st.sampled_from(VALUE_LINES), junk=YAMLISH)
def test_junk_typed_after_a_key_never_crashes(index, junk, tmp_path_factory):
    from cwd_docs import validate

    lines = PROJECT_TEXT.splitlines()
    key = lines[index].split(": ", 1)[0]
    lines[index] = f"{key}: {junk}"
    folder = tmp_path_factory.mktemp("yaml")
    (folder / "partnerstwo.yaml").write_text((EXAMPLE_DIR / "partnerstwo.yaml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    path = folder / PROJECT_FILE
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = validate("feasibility", path)  # must not raise
    for problem in result.problems:
        assert isinstance(problem.code, str) and "." in problem.code, problem
        assert problem.message.strip(), problem
        if problem.is_error:
            assert problem.file and problem.line, problem
