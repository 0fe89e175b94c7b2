"""`init TYP --blank`: the structure of a type's input, from its schema, with nothing from the example.

Every required field is written empty (`name:`) with a Polish comment saying what it holds
(`# WYMAGANE: Nazwa partnerstwa`); a required list gets as many empty items as it needs; optional
fields are listed as comments. `validate` on the file then names each field left to fill
(`field.blank`, at its line). An included part (the partnership) gets its own blank file beside.
"""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..loading.messages import _unwrap, _validators

INDENT = "  "
PART_FILES = {"partnership": "partnerstwo.yaml"}  # a part's file when the example holds it inline
MAX_DEPTH = 12


def blank_text(model: type[BaseModel], header: str, includes: dict[str, str] | None = None) -> str:
    """YAML text of an empty model; includes: field -> file name written instead of the object."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines.append("")
    lines += _model_lines(model, 0, includes or {}, 0)
    return "\n".join(lines) + "\n"


def _model_lines(model: type[BaseModel], level: int, includes: dict[str, str], depth: int,
                 first_prefix: str | None = None) -> list[str]:
    lines: list[str] = []
    pad = INDENT * level
    fields = list(model.model_fields.items())
    if first_prefix is not None:  # a list item starts with a value: required fields first
        fields.sort(key=lambda pair: not pair[1].is_required())
        if not any(info.is_required() for _, info in fields):
            lines.append(f"{first_prefix}{{}}")
            first_prefix = None
    for name, info in fields:
        prefix = first_prefix if first_prefix is not None and not lines else pad
        if name in includes:
            lines.append(f"{prefix}{name}: {includes[name]}  # plik z tymi danymi (utworzony obok)")
            continue
        lines += _field_lines(name, info, prefix, level, depth)
    return lines or [f"{first_prefix or pad}{{}}"]


def _describe(info: FieldInfo) -> str:
    text = info.title or ""
    if info.description:
        text = f"{text} – {info.description}" if text else info.description
    return " ".join(text.split())


AMOUNT_HINTS = {"parse_money": "kwota w zł: 1234.50, \"1 234,50\" albo \"1.234,50 zł\"",
                "parse_percent": "procent od 0 do 100, np. 85 albo \"33,5\"", "parse_decimal": "liczba, np. 12.5"}


def _kind_hint(annotation: Any, info: FieldInfo | None = None) -> str:
    """What a value looks like: the choices of an enumeration, the writing of a date or an amount."""
    validators = _validators(annotation, info)
    for name, hint in AMOUNT_HINTS.items():
        if name in validators:
            return hint
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "jedno z: " + ", ".join(str(member.value) for member in annotation)
    if annotation is dt.date:
        return "data RRRR-MM-DD albo DD.MM.RRRR"
    if annotation is bool:
        return "true albo false"
    if annotation is int:
        return "liczba całkowita"
    if annotation is Decimal:
        return "liczba"
    return ""


def _list_item(annotation: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (list, tuple, set, frozenset) and typing.get_args(annotation):
        return _unwrap(typing.get_args(annotation)[0])
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _min_items(info: FieldInfo) -> int:
    for constraint in info.metadata:
        minimum = getattr(constraint, "min_length", None)
        if isinstance(minimum, int):
            return max(minimum, 1)
    return 1


def _field_lines(name: str, info: FieldInfo, prefix: str, level: int, depth: int) -> list[str]:
    description = _describe(info)
    annotation = _unwrap(info.annotation)
    item = _list_item(info.annotation)
    hint = _kind_hint(item, None) if item is not None else _kind_hint(info.annotation, info)
    comment = "; ".join(part for part in (description, hint) if part)
    if not info.is_required():
        return [f"{prefix}# {name}:  # (opcjonalne) {comment}".rstrip()]
    pad = INDENT * (level + 1)
    if item is not None:
        count = _min_items(info)
        lines = [f"{prefix}{name}:  # WYMAGANE: {comment}" + (f" (co najmniej {count})" if count > 1 else "")]
        for _ in range(count):
            if _is_model(item) and depth < MAX_DEPTH:
                lines += _model_lines(item, level + 2, {}, depth + 1, first_prefix=f"{pad}- ")
            else:
                lines.append(f"{pad}-")
        return lines
    if _is_model(annotation) and depth < MAX_DEPTH:
        return [f"{prefix}{name}:  # WYMAGANE: {comment}"] + _model_lines(annotation, level + 1, {}, depth + 1)
    return [f"{prefix}{name}:  # WYMAGANE: {comment}"]


def blank_files(doc_type: Any, output: Any) -> list[tuple[Any, str]]:
    """(path, text) of `init TYP --blank`: the type's file first, then each included part's blank file
    beside it (named as in the example, e.g. partnerstwo.yaml) and the editor schemas. Without an output
    (printed), the parts are written in place, in the one file."""
    import json
    from pathlib import Path

    from ..api import json_schema
    from ..loading.reader import LoadFailed, read_data_file
    from ..loading.session import _field_model
    from .schema_export import SCHEMA_FOLDER, include_schema, schema_comment, schema_file_name

    includes: dict[str, str] = {}
    parts: list[tuple[str, type[BaseModel], str]] = []
    if output is not None and doc_type.example is not None:
        try:
            example, _ = read_data_file(doc_type.example)
        except LoadFailed:
            example = {}
        for key in doc_type.include_keys:
            model = _field_model(doc_type.input_model, key)
            named = example.get(key) if isinstance(example, dict) else None
            single = _list_item(doc_type.input_model.model_fields[key].annotation) is None
            if model is not None and single:
                named = named if isinstance(named, str) else PART_FILES.get(key, f"{key}.yaml")
                includes[key] = named
                parts.append((key, model, named))
    name = Path(output).name if output is not None else "dane.yaml"
    header = (f"{doc_type.title} – pusty szkielet do uzupełnienia (typ {doc_type.name}).\n\n"
              f"Utworzony poleceniem:  python -m cwd_docs init {doc_type.name} --blank -o {name}\n"
              f"Sprawdzenie danych:    python -m cwd_docs validate {doc_type.name} {name}  (wypisze pola do uzupełnienia)\n"
              f"Utworzenie dokumentu:  python -m cwd_docs build {doc_type.name} {name} --pdf\n\n"
              "Pola oznaczone WYMAGANE uzupełnij; pola opcjonalne są w komentarzach: usuń „# ” na początku wiersza,\n"
              "aby je wpisać. Elementy list zaczynają się od „- ”; dopisz kolejne tak samo.\n"
              "Kwoty: 1234.50, \"1 234,50\" albo \"1.234,50 zł\"; daty: 2027-03-31 albo 31.03.2027.")
    files = [(Path(output) if output is not None else None,
              schema_comment(doc_type.name) + blank_text(doc_type.input_model, header, includes))]
    if output is None:
        return files
    folder = Path(output).parent
    schema = json_schema(doc_type.name)
    files.append((folder / SCHEMA_FOLDER / schema_file_name(doc_type.name),
                  json.dumps(schema, ensure_ascii=False, indent=2) + "\n"))
    for key, model, file_name in parts:
        part_header = (f"{doc_type.input_model.model_fields[key].title or key} – pusty "
                       f"szkielet do uzupełnienia, wczytywany z pliku {name} (pole {key}).\n\n"
                       f"Sprawdzenie samego tego pliku:  python -m cwd_docs validate {key} {file_name}\n"
                       "Pola oznaczone WYMAGANE uzupełnij; pola opcjonalne są w komentarzach.")
        files.append((folder / file_name, f"# yaml-language-server: $schema={SCHEMA_FOLDER}/{schema_file_name(key)}\n"
                      + blank_text(model, part_header)))
        part_schema = include_schema(schema, key)
        if part_schema is not None:
            files.append((folder / SCHEMA_FOLDER / schema_file_name(key),
                          json.dumps(part_schema, ensure_ascii=False, indent=2) + "\n"))
    return files
