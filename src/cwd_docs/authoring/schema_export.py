"""JSON Schemas for editors: what validation accepts, including file includes.

An input may name another file where the model expects an object (`partnership: partnerstwo.yaml`,
`projects: [projekt-p01.yaml]`): the exported schema allows a file name there too. `init` writes
`# yaml-language-server: $schema=schematy/TYP.schema.json` as the first line of the file it creates
and the schema beside it, so that VS Code (YAML extension) and other editors using
yaml-language-server complete field names, show the Polish descriptions and mark errors while
the advisor types. `schema --all -o DIR` writes every type's schema and one per included file
kind (e.g. partnership.schema.json for partnerstwo.yaml).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable, Iterable

SCHEMA_FOLDER = "schematy"
INCLUDE_HINT = "albo nazwa pliku YAML lub JSON z tymi danymi (ścieżka względem tego pliku)"


def schema_file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_comment(type_name: str) -> str:
    """The first line `init` writes: where an editor finds the schema of this file."""
    return f"# yaml-language-server: $schema={SCHEMA_FOLDER}/{schema_file_name(type_name)}\n"


def allow_includes(schema: dict[str, Any], include_keys: tuple[str, ...]) -> dict[str, Any]:
    """Where a key may name another file (an include), a string is valid as well as the object;
    the same inside the included objects' definitions (a project file included by a strategy
    names its own partnership file)."""
    definitions = schema.get("$defs", {})
    pending, seen = [schema], set()
    while pending:
        node = pending.pop()
        properties = node.get("properties", {})
        for key in include_keys:
            value = properties.get(key)
            if not isinstance(value, dict) or "anyOf" in value and _has_file_name(value):
                continue
            target = value.get("items") if value.get("type") == "array" else value
            if not isinstance(target, dict):
                continue
            name = target.get("$ref", "").rsplit("/", 1)[-1]
            if name in definitions and name not in seen:
                seen.add(name)
                pending.append(definitions[name])
            if value.get("type") == "array":
                value["items"] = _or_file_name(target)
            else:
                properties[key] = _or_file_name(value)
    return schema


def _has_file_name(node: dict[str, Any]) -> bool:
    return any(option.get("description") == INCLUDE_HINT for option in node.get("anyOf", []))


def _or_file_name(node: dict[str, Any]) -> dict[str, Any]:
    keep = {k: node[k] for k in ("title", "description", "default") if k in node}
    inner = {k: v for k, v in node.items() if k not in keep}
    if "anyOf" in inner and len(inner) == 1:
        options = list(inner["anyOf"])
    else:
        options = [inner]
    options.append({"type": "string", "minLength": 1, "description": INCLUDE_HINT})
    described = keep.get("description", "")
    keep["description"] = f"{described} ({INCLUDE_HINT})" if described else INCLUDE_HINT.capitalize()
    return {**keep, "anyOf": options}


def include_schema(type_schema: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The schema of a file included under `key` (its object alternative, with the definitions)."""
    node = type_schema.get("properties", {}).get(key)
    if not isinstance(node, dict):
        return None
    if node.get("type") == "array":
        node = node.get("items", {})
    options = [o for o in node.get("anyOf", [node]) if o.get("type") != "string"]
    if len(options) != 1:
        return None
    target = copy.deepcopy(options[0])
    # The file holds the object itself or a mapping with that one key (`partnership:` then the data).
    result: dict[str, Any] = {
        "$schema": type_schema.get("$schema"),
        "title": node.get("title") or key,
        "anyOf": [target, {"type": "object", "properties": {key: copy.deepcopy(target)}, "required": [key],
                           "additionalProperties": False}],
    }
    if "$defs" in type_schema:
        result["$defs"] = copy.deepcopy(type_schema["$defs"])
    return result


def all_schemas(doc_types: Iterable[Any], json_schema: Callable[[str], dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """File name -> schema: every document type (its schema from `json_schema`, the API's), then every
    kind of included file."""
    schemas: dict[str, dict[str, Any]] = {}
    included: dict[str, dict[str, Any]] = {}
    for doc_type in doc_types:
        schema = json_schema(doc_type.name)
        schemas[schema_file_name(doc_type.name)] = schema
        for key in doc_type.include_keys:
            part = include_schema(schema, key)
            if part is not None:
                included.setdefault(schema_file_name(key), part)
    for name, schema in included.items():
        schemas.setdefault(name, schema)
    return schemas


def write_schemas(folder: Path, schemas: dict[str, dict[str, Any]]) -> list[Path]:
    from ..package.atomic import write_atomic

    written = []
    for name, schema in schemas.items():
        target = Path(folder) / name
        write_atomic(target, (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        written.append(target)
    return written
