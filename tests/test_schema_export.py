"""The exported JSON Schema agrees with validation (checked with the jsonschema library), and `init`
tells editors where to find it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLE_DIR, run_cli

from cwd_docs import list_document_types, validate
from cwd_docs.api import json_schema
from cwd_docs.package.build import plan_package
from cwd_docs.authoring.schema_export import include_schema


class EditorLoader(yaml.SafeLoader):
    """YAML as yaml-language-server reads it (YAML 1.2 core): a date stays a string."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)


def schema_errors(schema: dict, data) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(data)]


TYPES = [t.name for t in list_document_types()]


@pytest.mark.parametrize("type_name", TYPES)
def test_schemas_are_valid_json_schema(type_name):
    jsonschema.Draft202012Validator.check_schema(json_schema(type_name))


@pytest.mark.parametrize("type_name", TYPES)
def test_init_output_names_its_schema_and_validates_against_it(type_name, tmp_path):
    target = tmp_path / "dane.yaml"
    result = run_cli("init", type_name, "-o", str(target))
    assert result.returncode == 0, result.stderr
    first_line = target.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schematy/{type_name}.schema.json"
    schema_file = tmp_path / "schematy" / f"{type_name}.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema == json_schema(type_name)
    assert schema_errors(schema, load(target)) == []
    assert validate(type_name, target).ok  # and the tool accepts it too


def shipped_inputs() -> list[tuple[str, Path]]:
    documents, problems, _ = plan_package(EXAMPLE_DIR)
    assert not problems
    return sorted({(d.doc_type.name, d.source) for d in documents})


@pytest.mark.parametrize("type_name,source", shipped_inputs(), ids=lambda v: getattr(v, "name", v))
def test_every_shipped_example_and_its_included_files_validate_against_the_schema(type_name, source):
    schema = json_schema(type_name)
    data = load(source)
    assert schema_errors(schema, data) == []
    doc_type = next(t for t in list_document_types() if t.name == type_name)
    for key in doc_type.include_keys:
        names = data.get(key)
        for name in names if isinstance(names, list) else [names]:
            if isinstance(name, str):  # an include: the file it names matches the included part's schema
                part = include_schema(schema, key)
                assert part is not None
                assert schema_errors(part, load(source.parent / name)) == [], (key, name)


def _first_mapping_with(data, key: str):
    if isinstance(data, dict):
        if key in data:
            return data
        children = data.values()
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        found = _first_mapping_with(child, key)
        if found is not None:
            return found
    return None


def test_schema_accepts_what_the_tool_accepts_and_refuses_a_misspelled_field():
    data = load(EXAMPLE_DIR / "projekt-p01.yaml")
    funding = _first_mapping_with(data, "amount")
    amount = f"{funding['amount']:,.2f}".replace(",", " ").replace(".", ",")
    funding["amount"] = f"{amount} zł"  # Polish money as an advisor writes it: "9 590 635,00 zł"
    assert data["partnership"] == "partnerstwo.yaml"  # an include
    assert isinstance(data["document"]["date"], str)  # a date as the editor sees it
    assert validate("feasibility", data, base_dir=EXAMPLE_DIR).ok
    assert schema_errors(json_schema("feasibility"), data) == []

    data["dokument"] = data.pop("document")
    assert not validate("feasibility", data, base_dir=EXAMPLE_DIR).ok
    assert schema_errors(json_schema("feasibility"), data)


def test_schema_all_writes_every_type_and_the_included_files(tmp_path):
    result = run_cli("schema", "--all", "-o", str(tmp_path / "schematy"))
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (tmp_path / "schematy").iterdir()}
    assert {f"{t}.schema.json" for t in TYPES} | {"partnership.schema.json"} <= names
    partnership = json.loads((tmp_path / "schematy" / "partnership.schema.json").read_text(encoding="utf-8"))
    assert schema_errors(partnership, load(EXAMPLE_DIR / "partnerstwo.yaml")) == []
    assert run_cli("schema").returncode == 2
