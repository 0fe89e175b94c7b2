"""Polish messages for pydantic's built-in validation errors."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ..problems import DataPath, Problem, error, excerpt, quoted

from ..domain.dates import EXPECTED_DATE as _DATE_HINT

_SIMPLE = {
    "missing": ("field.missing", "brak wymaganego pola"),
    "string_type": ("field.type", "oczekiwano tekstu"),
    "string_too_short": ("field.empty", "pole nie może być puste"),
    "int_type": ("field.type", "oczekiwano liczby całkowitej"),
    "int_parsing": ("field.type", "oczekiwano liczby całkowitej"),
    "int_from_float": ("field.type", "oczekiwano liczby całkowitej (bez części ułamkowej)"),
    "bool_type": ("field.type", "oczekiwano wartości true („tak”) lub false („nie”)"),
    "bool_parsing": ("field.type", "oczekiwano wartości true („tak”) lub false („nie”)"),
    "string_unicode": ("field.type", "tekst zawiera niepoprawne znaki (np. połówki par zastępczych UTF-16)"),
    "dict_type_keys": ("field.type", "niepoprawny klucz"),
    "date_type": ("field.type", _DATE_HINT),
    "date_parsing": ("field.type", _DATE_HINT),
    "date_from_datetime_parsing": ("field.type", _DATE_HINT),
    "date_from_datetime_inexact": ("field.type", "oczekiwano samej daty (bez godziny), np. 2027-03-31"),
    "list_type": ("field.type", "oczekiwano listy (każdy element w nowym wierszu po znaku '- ')"),
    "model_type": ("field.type", "oczekiwano słownika pól (klucz: wartość)"),
    "model_attributes_type": ("field.type", "oczekiwano słownika pól (klucz: wartość)"),
    "dict_type": ("field.type", "oczekiwano słownika pól (klucz: wartość)"),
    "decimal_type": ("field.type", "oczekiwano liczby"),
    "decimal_parsing": ("field.type", "oczekiwano liczby"),
    "float_type": ("field.type", "oczekiwano liczby"),
    "float_parsing": ("field.type", "oczekiwano liczby"),
}


def translate_validation_error(exc: ValidationError, model: type[BaseModel], data: Any = None) -> list[Problem]:
    problems = []
    for item in exc.errors(include_url=False):
        path = _clean_loc(item["loc"], data)
        problems.append(_translate_one(item, path, model))
    return _misspelled_keys(problems, model)


def _misspelled_keys(problems: list[Problem], model: type[BaseModel]) -> list[Problem]:
    """An unknown key close to a required field that is missing beside it is one problem, the typo, told
    where it is written (not an unknown field and a missing one at different lines)."""
    missing = {p.path: index for index, p in enumerate(problems) if p.code == "field.missing" and p.path}
    if not missing:
        return problems
    dropped: set[int] = set()
    result = list(problems)
    for index, problem in enumerate(problems):
        if problem.code != "field.unknown" or not problem.path:
            continue
        parent, name = problem.path[:-1], str(problem.path[-1])
        absent = [str(p[-1]) for p in missing if p[:-1] == parent and missing[p] not in dropped]
        hint = difflib.get_close_matches(name, absent, n=1)
        if not hint:
            continue
        dropped.add(missing[parent + (hint[0],)])
        result[index] = error("field.misspelled", f"nieznane pole {quoted(name)}; czy chodziło o {hint[0]!r}? "
                              f"(tego wymaganego pola brakuje)", problem.path)
    return [p for index, p in enumerate(result) if index not in dropped]


def _clean_loc(loc: tuple[Any, ...], data: Any) -> DataPath:
    """Drop pydantic's own location parts (union members, validator names), keep the data's keys."""
    path: list[Any] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(part, int) or (isinstance(part, str) and "[" not in part):
            path.append(part)  # a missing field, or a key the data does not have
            current = None
        # else: an internal marker such as "function-after[...]"
    return tuple(path)


def _translate_one(item: dict[str, Any], path: DataPath, model: type[BaseModel]) -> Problem:
    kind = item["type"]
    ctx = item.get("ctx") or {}
    if "input" in item and item["input"] is None and path and kind not in ("missing", "extra_forbidden"):
        # `name:` left empty (as `init --blank` writes it): what to fill, not a wrong type
        title = _field_title_at(model, path)
        what = f" ({title})" if title else ""
        return error("field.blank", f"uzupełnij pole {path[-1]!r}{what}" if isinstance(path[-1], str)
                     else f"uzupełnij element listy{what}", path)
    if "." in kind:  # our own PydanticCustomError codes carry Polish messages already
        return error(kind, _shorten_quoted_values(item["msg"], ctx), path)
    if kind in _SIMPLE:
        code, message = _SIMPLE[kind]
        if kind == "missing":
            message = f"brak wymaganego pola {path[-1]!r}" if path else message
        elif code == "field.type" and isinstance(item.get("input"), (str, int, float)):
            message = f"niepoprawna wartość {quoted(item['input'])}; {message}"
        return error(code, message, path)
    if kind == "extra_forbidden":
        name = path[-1] if path else ""
        known = _field_names_at(model, path[:-1])
        hint = difflib.get_close_matches(str(name), known, n=1)
        suggestion = f"; czy chodziło o {hint[0]!r}?" if hint else (
            f"; dozwolone pola: {', '.join(known)}" if known else "")
        return error("field.unknown", f"nieznane pole {quoted(name)}{suggestion}", path)
    if kind == "string_pattern_mismatch":
        allowed = _pattern_punctuation(str(ctx.get("pattern", "")))
        extra = f" oraz znaki {' '.join(allowed)}" if allowed else ""
        return error("field.pattern", f"niedozwolone znaki w {quoted(item.get('input'))}; dozwolone są tylko litery bez "
                     f"polskich znaków, cyfry{extra}", path)
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace(" or ", " lub ")
        return error("field.choice", f"niedozwolona wartość {quoted(item.get('input'))}; dozwolone: {expected}", path)
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return error("field.too_short", f"lista musi mieć co najmniej {minimum} "
                     + ("element" if minimum == 1 else "elementy" if 2 <= minimum <= 4 else "elementów"), path)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        relation = {"greater_than_equal": "co najmniej", "greater_than": "większa niż",
                    "less_than_equal": "najwyżej", "less_than": "mniejsza niż"}[kind]
        return error("field.range", f"wartość musi być {relation} {bound}", path)
    if kind == "string_too_long":
        maximum = f"{ctx.get('max_length', 0):,}".replace(",", "\u00a0")
        length = f"{len(item.get('input') or ''):,}".replace(",", "\u00a0")
        return error("field.too_long", f"tekst może mieć najwyżej {maximum} znaków (ma {length}); dłuższy opis "
                     "umieść w polu opisowym", path)
    if kind == "too_long":
        maximum = f"{ctx.get('max_length', 0):,}".replace(",", "\u00a0")
        given = f"{ctx.get('actual_length') or 0:,}".replace(",", "\u00a0")
        return error("field.too_long", f"lista może mieć najwyżej {maximum} elementów (podano {given}); tak długie "
                     "listy nie są obsługiwane", path)
    return error("field.invalid", f"niepoprawna wartość (rodzaj błędu: {kind})", path)


def _shorten_quoted_values(message: str, ctx: dict[str, Any]) -> str:
    """A message that quotes a long value from the input quotes only its start."""
    value = ctx.get("value")  # the input as our validators pass it (other entries are our own texts)
    if isinstance(value, str) and excerpt(value) != value:
        message = message.replace(value, excerpt(value))
    return message


def _pattern_punctuation(pattern: str) -> list[str]:
    """'^[A-Za-z0-9_.\\-]+$' -> ['_', '.', '-']"""
    inside = pattern[pattern.find("[") + 1: pattern.find("]")] if "[" in pattern else ""
    for span in ("A-Z", "a-z", "0-9"):
        inside = inside.replace(span, "")
    return [c for c in inside.replace("\\", "") if c]


def _field_title_at(model: type[BaseModel], path: DataPath) -> str | None:
    """The title of the field at path (of the list, for an item of one)."""
    parent = _annotation_at(model, tuple(p for p in path[:-1]))
    key = path[-1]
    if isinstance(key, int):
        return _field_title_at(model, path[:-1]) if len(path) > 1 else None
    parent = _unwrap(parent)
    if isinstance(parent, type) and issubclass(parent, BaseModel) and key in parent.model_fields:
        return parent.model_fields[key].title
    return None


def _annotation_at(model: type[BaseModel], path: DataPath) -> Any:
    current: Any = model
    for element in path:
        current = _unwrap(current)
        if isinstance(element, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and element in current.model_fields:
            current = current.model_fields[element].annotation
        else:
            return None
    return current


def _field_names_at(model: type[BaseModel], path: DataPath) -> list[str]:
    """Names of the fields the model expects at path (for 'did you mean' hints)."""
    current: Any = model
    for element in path:
        current = _unwrap(current)
        if isinstance(element, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and element in current.model_fields:
            current = current.model_fields[element].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X, Annotated[X, ...] -> X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _unwrap(members[0])
    return annotation


# What an advisor calls an item of a list that has an id or a code: "zadanie T7", not tasks[6].
ITEM_NOUNS = {
    "tasks": "zadanie", "members": "członek partnerstwa", "indicators": "wskaźnik", "goals": "cel",
    "operational_goals": "cel operacyjny", "directions": "kierunek działań", "projects": "projekt",
    "costs": "kategoria kosztów", "funding": "źródło finansowania", "risks": "ryzyko", "options": "wariant",
}
ID_FIELDS = ("id", "code")


def name_items(problems: list[Problem], root: Any) -> list[Problem]:
    """Each problem whose path goes through a list item with an id (or code) names that item, the
    deepest one: `project.tasks[6].start (zadanie T7)`. root: the data or model the paths start at."""
    from dataclasses import replace

    named = []
    for problem in problems:
        subject = _subject(problem.path, root) if problem.subject is None else None
        named.append(replace(problem, subject=subject) if subject else problem)
    return named


def _subject(path: DataPath, root: Any) -> str | None:
    current, subject = root, None
    for index, element in enumerate(path):
        current = _child(current, element)
        if current is None:
            break
        if isinstance(element, int) and index:
            identifier = next((_child(current, key) for key in ID_FIELDS if _child(current, key) is not None), None)
            if isinstance(identifier, (str, int)) and not isinstance(identifier, bool) and str(identifier).strip():
                noun = ITEM_NOUNS.get(str(path[index - 1]), "element")
                subject = f"{noun} {excerpt(str(identifier).strip())}"
    return subject


def _child(value: Any, key: Any) -> Any:
    if isinstance(value, dict):
        return value.get(key)
    if isinstance(value, (list, tuple)):
        return value[key] if isinstance(key, int) and 0 <= key < len(value) else None
    if isinstance(value, BaseModel) and isinstance(key, str):
        return getattr(value, key, None)
    return None


def _validators(annotation: Any, info: FieldInfo | None = None) -> set[str]:
    """Names of the before-validators of a field (parse_money, parse_percent...), however wrapped."""
    found = {getattr(getattr(m, "func", None), "__name__", "") for m in (info.metadata if info else ())}
    pending = [annotation]
    while pending:
        current = pending.pop()
        if typing.get_origin(current) is typing.Annotated:
            found |= {getattr(getattr(m, "func", None), "__name__", "") for m in current.__metadata__}
        pending += list(typing.get_args(current))
    return found
