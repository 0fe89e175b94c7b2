"""The tables of an input in a spreadsheet: `workbook: budzet.xlsx` in a project or strategy file.

A file may name a workbook (.xlsx) holding its tabular lists — members, cost categories, funding,
indicators, tasks, a strategy's financial sources — one sheet per list, one row per item, one column
per field of the item's model (read from the pydantic schema, so a field added to the model gets its
column without code here). A `dict` field becomes one column per key ("Koszt w podziale na lata: 2027"),
a list of texts one cell of comma-separated values. Each cell's value goes through the same
validation as the YAML value would, so the problems carry the same codes, located as
"budzet.xlsx, arkusz Zadania, komórka D7". A list is either in the workbook or in the YAML, never both.

Reading uses python-calamine (Rust; several times faster than openpyxl on the example, see the commit
and `benchmarks`); a cell it reads empty is looked up with openpyxl only when a problem must be told
(an unevaluated formula reads as empty). Writing uses openpyxl: drop-down lists, number formats, a
sheet explaining the columns.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..problems import DataPath, Problem, error, quoted

WORKBOOK_KEY = "workbook"
# The lists a workbook holds, by field name, wherever they are in the model (the merger of a branch
# adding a tabular list, e.g. an appraisal's yearly figures, adds its field name here).
TABLE_FIELDS = ("members", "costs", "funding", "indicators", "tasks", "sources")
SHEET_NAMES = {"members": "Członkowie", "costs": "Koszty", "funding": "Finansowanie", "indicators": "Wskaźniki",
               "tasks": "Zadania", "sources": "Źródła finansowania"}
# Fields naming an item of another table: a drop-down of that table's ids.
REFERENCES = {"responsible": "members", "member": "members", "leader": "members", "task": "tasks"}
EXPLANATION_SHEET = "Objaśnienia"
LISTS_SHEET = "Listy"
MAX_ROWS = 5000
BOOLEAN_TEXT = {"tak": True, "nie": False, "true": True, "false": False, "prawda": True, "fałsz": False}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: a field of the item model, or one key of a dict field."""

    field: str
    header: str
    info: FieldInfo
    kind: str  # "text", "money", "percent", "number", "int", "date", "bool", "enum", "list", "dict"
    key: str | None = None  # for a dict field: the key this column holds
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.info.is_required() and self.kind != "dict"


@dataclass
class Table:
    """A list of the model held in one sheet."""

    path: DataPath  # from the file's root, e.g. ("project", "tasks")
    sheet: str
    item: type[BaseModel]
    columns: list[Column] = field(default_factory=list)  # the fixed columns (dict fields: see dict_fields)

    @property
    def dict_fields(self) -> dict[str, FieldInfo]:
        return {name: info for name, info in self.item.model_fields.items() if _kind(info) == "dict"}


def _unwrap(annotation: Any) -> Any:
    from .messages import _unwrap as unwrap

    return unwrap(annotation)


def _validator_names(info: FieldInfo) -> set[str]:
    from .messages import _validators

    return _validators(info.annotation, info)


def _kind(info: FieldInfo) -> str | None:
    """How a field is written in a cell; None: it cannot be (a nested model)."""
    annotation = _unwrap(info.annotation)
    origin = typing.get_origin(annotation)
    if origin is dict:
        return "dict"
    if origin in (list, tuple, set, frozenset):
        item = _unwrap(typing.get_args(annotation)[0]) if typing.get_args(annotation) else str
        return "list" if not (isinstance(item, type) and issubclass(item, BaseModel)) else None
    names = _validator_names(info)
    for validator, kind in (("parse_money", "money"), ("parse_percent", "percent"), ("parse_decimal", "number")):
        if validator in names:
            return kind
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return None
        if issubclass(annotation, Enum):
            return "enum"
        if annotation is bool:
            return "bool"
        if annotation is int:
            return "int"
        if annotation is dt.date:
            return "date"
        if annotation is Decimal:
            return "number"
    return "text"


def _header(info: FieldInfo, name: str) -> str:
    return " ".join((info.title or name).split())


def columns_of(item: type[BaseModel], dict_keys: dict[str, list[str]] | None = None) -> list[Column]:
    """The columns of a sheet of items: every field that fits a cell, a dict field once per key."""
    columns = []
    for name, info in item.model_fields.items():
        kind = _kind(info)
        if kind is None:
            continue
        if kind == "dict":
            for key in (dict_keys or {}).get(name, []):
                columns.append(Column(name, f"{_header(info, name)}: {key}", info, kind, key=str(key)))
            continue
        annotation = _unwrap(info.annotation)
        choices = tuple(str(m.value) for m in annotation) if kind == "enum" else ()
        columns.append(Column(name, _header(info, name), info, kind, choices=choices))
    return columns


def tables_of(model: type[BaseModel], prefix: DataPath = (), depth: int = 0) -> list[Table]:
    """Every list of TABLE_FIELDS in the model (not inside another list), each a sheet."""
    found: list[Table] = []
    if depth > 4:
        return found
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        origin = typing.get_origin(annotation)
        if origin is list and typing.get_args(annotation):
            item = _unwrap(typing.get_args(annotation)[0])
            if name in TABLE_FIELDS and isinstance(item, type) and issubclass(item, BaseModel):
                found.append(Table(prefix + (name,), SHEET_NAMES.get(name, _header(info, name)[:31]), item,
                                   columns_of(item)))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found += tables_of(annotation, prefix + (name,), depth + 1)
    return found


# --- reading ------------------------------------------------------------------------------------------

EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")


@dataclass
class SheetRead:
    rows: list[dict[str, Any]]
    positions: dict[DataPath, Any]
    problems: list[Problem]
    reported: list[DataPath]  # paths of cells already told about (validation need not repeat them)


class WorkbookCells:
    """The cells of a workbook, read once: calamine for values, openpyxl only to explain an empty cell."""

    def __init__(self, path: Path, label: str):
        from python_calamine import CalamineWorkbook

        self.path, self.label = path, label
        book = CalamineWorkbook.from_path(str(path))
        self.sheet_names = list(book.sheet_names)
        self._book = book
        self._formulas: Any = None

    def rows(self, sheet: str) -> list[list[Any]]:
        return self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)[: MAX_ROWS + 1]

    def formula(self, sheet: str, row: int, column: int) -> str | None:
        """The formula of a cell read empty (a formula saved without its value), if it holds one."""
        if self._formulas is None:
            from openpyxl import load_workbook

            self._formulas = load_workbook(self.path, read_only=True, data_only=False)
        for cells in self._formulas[sheet].iter_rows(min_row=row, max_row=row, min_col=column, max_col=column,
                                                      values_only=True):
            value = cells[0]
            return value if isinstance(value, str) and value.startswith("=") else None
        return None

    def close(self) -> None:
        if self._formulas is not None:
            self._formulas.close()


def _cell_problem(code: str, message: str, path: DataPath, cells: WorkbookCells, sheet: str, row: int,
                  column: int) -> Problem:
    return error(code, message, path).located(cells.label, row, column, sheet)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return Decimal(f"{value:.15g}")  # what Excel shows: 15 significant digits, no binary tail
    return value


def _text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value.strip() if isinstance(value, str) else value


def cell_value(column: Column, value: Any, kind: str | None = None) -> Any:
    """What a YAML file would hold for this cell's value (then validated the same way)."""
    kind = kind or column.kind
    if kind in ("money", "percent", "number"):
        return _number(value)
    if kind == "int":
        return int(value) if isinstance(value, float) and value.is_integer() else _text(value) if isinstance(
            value, str) else value
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time(0) else value
        return value
    if kind == "bool":
        if isinstance(value, str) and value.strip().lower() in BOOLEAN_TEXT:
            return BOOLEAN_TEXT[value.strip().lower()]
        return value
    if kind == "list":
        if isinstance(value, str):
            return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        return [_text(value)]
    return _text(value)


def _dict_value_kind(info: FieldInfo) -> str:
    annotation = _unwrap(info.annotation)
    args = typing.get_args(annotation)
    if len(args) == 2:
        from .messages import _validators

        names = _validators(args[1])
        for validator, kind in (("parse_money", "money"), ("parse_percent", "percent"), ("parse_decimal", "number")):
            if validator in names:
                return kind
    return "text"


def read_sheet(cells: WorkbookCells, table: Table) -> SheetRead:
    """One sheet's rows as the list's items (plain data), with the place of every cell."""
    sheet = table.sheet
    grid = cells.rows(sheet)
    read = SheetRead([], {table.path: _position(cells, sheet, 1, 1)}, [], [])
    if not grid or all(_is_empty(v) for v in grid[0]):
        read.problems.append(error("workbook.header", f"arkusz {sheet!r} nie ma wiersza nagłówków (wiersz 1); "
                                   f"nagłówki kolumn: {', '.join(c.header for c in table.columns)}", table.path
                                   ).located(cells.label, 1, 1, sheet))
        return read
    by_header = {c.header.casefold(): c for c in table.columns} | {c.field.casefold(): c for c in table.columns}
    dict_fields = {(_header(info, name)).casefold(): (name, info) for name, info in table.dict_fields.items()}
    dict_fields |= {name.casefold(): (name, info) for name, info in table.dict_fields.items()}
    layout: dict[int, Column] = {}
    for index, header in enumerate(grid[0], start=1):
        if _is_empty(header):
            continue
        text = " ".join(str(_text(header)).split())
        column = by_header.get(text.casefold())
        if column is None and ":" in text:
            title, key = (part.strip() for part in text.rsplit(":", 1))
            found = dict_fields.get(title.casefold())
            if found is not None and key:
                column = Column(found[0], text, found[1], "dict", key=key)
        if column is None:
            known = ", ".join(repr(c.header) for c in table.columns)
            read.problems.append(error("workbook.header", f"nieznany nagłówek kolumny {quoted(text)}; kolumny tego "
                                       f"arkusza: {known}", table.path).located(cells.label, 1, index, sheet))
            continue
        if any(c.field == column.field and c.key == column.key for c in layout.values()):
            read.problems.append(error("workbook.header", f"kolumna {quoted(text)} występuje dwukrotnie",
                                       table.path).located(cells.label, 1, index, sheet))
            continue
        layout[index] = column
    present = {c.field for c in layout.values()}
    for column in table.columns:
        if column.required and column.field not in present:
            read.problems.append(error("workbook.column_missing", f"brak kolumny {column.header!r} (pole "
                                       f"{column.field}): to pole jest wymagane", table.path + (column.field,)
                                       ).located(cells.label, 1, len(grid[0]) + 1, sheet))
    if read.problems:
        return read
    for row_number, values in enumerate(grid[1:], start=2):
        if all(_is_empty(v) for v in values):
            continue
        index = len(read.rows)
        item_path = table.path + (index,)
        read.positions[item_path] = _position(cells, sheet, row_number, 1)
        item: dict[str, Any] = {}
        for column_number, column in layout.items():
            value = values[column_number - 1] if column_number - 1 < len(values) else None
            path = item_path + ((column.field, column.key) if column.kind == "dict" else (column.field,))
            read.positions[path] = _position(cells, sheet, row_number, column_number)
            if column.kind == "dict":
                read.positions.setdefault(item_path + (column.field,), _position(cells, sheet, row_number, column_number))
            if _is_empty(value):
                formula = cells.formula(sheet, row_number, column_number)
                if formula is not None:
                    read.problems.append(_cell_problem(
                        "workbook.formula", f"komórka zawiera formułę {formula} bez obliczonej wartości (plik zapisał "
                        "program, który nie przelicza formuł); otwórz skoroszyt w Excelu lub LibreOffice Calc i zapisz "
                        "go ponownie albo wpisz wartość", path, cells, sheet, row_number, column_number))
                    read.reported.append(path)
                continue
            if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                read.problems.append(_cell_problem(
                    "workbook.cell_error", f"komórka zawiera błąd {value.strip()} (formuła nie daje się obliczyć); "
                    "popraw formułę albo wpisz wartość", path, cells, sheet, row_number, column_number))
                read.reported.append(path)
                continue
            if column.kind == "dict":
                item.setdefault(column.field, {})[column.key] = cell_value(column, value, _dict_value_kind(column.info))
            else:
                item[column.field] = cell_value(column, value)
        read.rows.append(item)
    return read


def _position(cells: WorkbookCells, sheet: str, row: int, column: int) -> Any:
    from .reader import Position

    return Position(cells.label, row, column, sheet)


def apply_workbook(data: dict, positions: dict[DataPath, Any], source: Path, model: type | None,
                   root: Path | None) -> tuple[dict, dict[DataPath, Any], list[Problem], list[DataPath], Path | None]:
    """The file's data with the lists its workbook holds in place; problems; paths already reported."""
    from .paths import escapes, outside_message

    name = data.get(WORKBOOK_KEY)
    data = dict(data)
    del data[WORKBOOK_KEY]
    at = (WORKBOOK_KEY,)
    where = positions.get(at)
    here = (str(source), where.line, where.column) if where is not None else (str(source), None, None)
    if model is None:
        return data, positions, [], [], None
    if not isinstance(name, str) or not name.strip().lower().endswith(".xlsx"):
        return data, positions, [error("workbook.name", "pole workbook podaje nazwę pliku skoroszytu .xlsx "
                                       "(np. budzet.xlsx), względem tego pliku", at).located(*here)], [], None
    path = source.parent / name.strip()
    if escapes(path, root or source.parent):
        return data, positions, [error("input.outside", outside_message(quoted(name), root or source.parent), at
                                       ).located(*here)], [], None
    label = str(path)
    try:
        cells = WorkbookCells(path, label)
    except Exception as exc:  # calamine: a missing file, not a zip, a damaged sheet
        from ..problems import describe_os_error

        reason = describe_os_error(exc) if isinstance(exc, OSError) else (
            "nie znaleziono pliku" if not path.exists() else "plik nie jest poprawnym skoroszytem .xlsx")
        return data, positions, [error("workbook.unreadable", f"nie można odczytać skoroszytu {quoted(name)}: "
                                       f"{reason}", at).located(*here)], [], path
    positions = dict(positions)
    problems: list[Problem] = []
    reported: list[DataPath] = []
    try:
        for table in tables_of(model):
            parent = _existing_parent(data, table.path)
            if parent is False:
                continue  # e.g. the partnership named by its own file: its workbook, if any, holds its members
            in_yaml = isinstance(parent, dict) and table.path[-1] in parent
            if table.sheet not in cells.sheet_names:
                if not in_yaml and _required(model, table.path):
                    problems.append(error("workbook.sheet_missing", f"w skoroszycie brak arkusza {table.sheet!r} z listą "
                                          f"{'.'.join(map(str, table.path))}; dodaj arkusz albo wpisz listę w pliku "
                                          f"{source.name}", table.path).located(label, None, None))
                    reported.append(table.path)
                continue
            if in_yaml:
                yaml_at = positions.get(table.path)
                problems.append(error("workbook.both", f"lista {'.'.join(map(str, table.path))} jest i w tym pliku, "
                                      f"i w arkuszu {table.sheet!r} skoroszytu {name}; usuń jedną z nich", table.path
                                      ).located(str(source), yaml_at.line if yaml_at else None,
                                                yaml_at.column if yaml_at else None))
                continue
            read = read_sheet(cells, table)
            problems += read.problems
            reported += read.reported
            if any(p.code in ("workbook.header", "workbook.column_missing") for p in read.problems):
                reported.append(table.path)  # the list was not read: not missing as well
            _parent(data, table.path)[table.path[-1]] = read.rows
            positions.update(read.positions)
    finally:
        cells.close()
    return data, positions, problems, reported, path


def _existing_parent(data: dict, path: DataPath) -> dict | None | bool:
    """The mapping holding the list at path; None when absent; False when a step is not a mapping
    (a file name, say: the list is in that file)."""
    current: Any = data
    for step in path[:-1]:
        current = current.get(step)
        if current is None:
            return None
        if not isinstance(current, dict):
            return False
    return current


def _parent(data: dict, path: DataPath) -> dict:
    """The mapping holding the list at path, copied on the way (the file's cached data stays as read)
    and created where absent."""
    current = data
    for step in path[:-1]:
        current[step] = value = dict(current.get(step) or {})
        current = value
    return current


def _required(model: type, path: DataPath) -> bool:
    current: Any = model
    for step in path:
        current = _unwrap(current)
        fields = getattr(current, "model_fields", {})
        if step not in fields:
            return False
        info = fields[step]
        if not info.is_required():
            return False
        current = info.annotation
    return True


# --- writing ------------------------------------------------------------------------------------------

NUMBER_FORMATS = {"money": "#,##0.00", "percent": "0.00", "number": "#,##0.##########", "int": "0",
                  "date": "DD.MM.YYYY", "text": "@"}
KIND_HINTS = {"money": "kwota w zł (liczba, format 1 234,50)", "percent": "procent od 0 do 100",
              "number": "liczba", "int": "liczba całkowita", "date": "data (DD.MM.RRRR)",
              "bool": "tak albo nie", "enum": "jedna z wartości z listy", "list": "wartości rozdzielone przecinkami",
              "dict": "jedna kolumna na klucz (nagłówek „Nazwa pola: klucz”), kwoty jako liczby", "text": "tekst"}


def _excel_value(column: Column, value: Any) -> Any:
    """A YAML value as the cell holds it: numbers as numbers, dates as dates, lists as text."""
    from ..domain.dates import coerce_date
    from ..domain.money import parse_decimal, parse_money, parse_percent

    if value is None:
        return None
    kind = column.kind if column.kind != "dict" else _dict_value_kind(column.info)
    try:
        if kind == "money":
            return float(parse_money(value))
        if kind == "percent":
            return float(parse_percent(value))
        if kind == "number":
            number = parse_decimal(value)
            return int(number) if number == number.to_integral_value() else float(number)
        if kind == "date":
            return coerce_date(value)
    except Exception:  # written as typed; reading it back reports it the same way the YAML would
        return str(value)
    if kind == "bool":
        return "tak" if value is True else "nie" if value is False else str(value)
    if kind == "list":
        return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    if isinstance(value, Enum):
        return value.value
    return value if isinstance(value, (int, float, str)) else str(value)


def write_workbook(path: Path, tables: list[tuple[Table, list[dict]]], references: dict[str, list[str]]) -> None:
    """The workbook of the given tables and their rows (plain data as a YAML file holds it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    lists = book.create_sheet(LISTS_SHEET)
    list_ranges: dict[str, str] = {}
    for index, (name, values) in enumerate(sorted(references.items()), start=1):
        letter = _letter(index)
        lists.cell(1, index, name)
        for row, value in enumerate(values, start=2):
            lists.cell(row, index, value)
        list_ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(len(values) + 1, 2)}"
    lists.sheet_state = "hidden"
    explanation = [("Arkusz", "Kolumna", "Pole danych", "Wymagane", "Zapis", "Opis")]
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for table, rows in tables:
        keys = {name: sorted({str(k) for row in rows for k in (row.get(name) or {})}) for name in table.dict_fields}
        columns = columns_of(table.item, keys)
        sheet = book.create_sheet(table.sheet)
        for number, column in enumerate(columns, start=1):
            cell = sheet.cell(1, number, column.header)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[_letter(number)].width = max(12, min(45, len(column.header) + 4))
            explanation.append((table.sheet, column.header, column.field + (f" [{column.key}]" if column.key else ""),
                                "tak" if column.required else "nie", KIND_HINTS[column.kind],
                                " ".join((column.info.description or "").split())))
        for name, info in table.dict_fields.items():
            if not keys[name]:  # no column yet: say how to add one
                explanation.append((table.sheet, f"{_header(info, name)}: <klucz>", name, "nie", KIND_HINTS["dict"],
                                    " ".join((info.description or "").split())))
        sheet.freeze_panes = "A2"
        for row_number, row in enumerate(rows, start=2):
            for number, column in enumerate(columns, start=1):
                value = row.get(column.field)
                if column.kind == "dict":
                    value = {str(k): v for k, v in (value or {}).items()}.get(column.key)
                cell = sheet.cell(row_number, number, _excel_value(column, value))
                kind = column.kind if column.kind != "dict" else _dict_value_kind(column.info)
                if kind in NUMBER_FORMATS:
                    cell.number_format = NUMBER_FORMATS[kind]
        last = max(len(rows) + 1, 2) + 200  # room to add rows that keep the drop-downs and formats
        for number, column in enumerate(columns, start=1):
            letter = _letter(number)
            kind = column.kind if column.kind != "dict" else _dict_value_kind(column.info)
            for row_number in range(len(rows) + 2, last + 1):
                if kind in NUMBER_FORMATS:
                    sheet.cell(row_number, number).number_format = NUMBER_FORMATS[kind]
            source, strict = None, True
            if column.kind == "enum":
                source = '"' + ",".join(column.choices) + '"'
            elif column.kind == "bool":
                source = '"tak,nie"'
            elif column.field in REFERENCES and REFERENCES[column.field] in list_ranges:
                source, strict = list_ranges[REFERENCES[column.field]], False
            if source is None or len(source) > 255:
                continue
            validation = DataValidation(type="list", formula1=source, allow_blank=True,
                                        errorStyle="stop" if strict else "warning",
                                        error="Wybierz wartość z listy", errorTitle="Niedozwolona wartość")
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
    notes = book.create_sheet(EXPLANATION_SHEET, 0)
    for row in explanation:
        notes.append(row)
    for cell in notes[1]:
        cell.font, cell.fill = bold, fill
    for letter, width in zip("ABCDEF", (22, 34, 24, 11, 34, 90)):
        notes.column_dimensions[letter].width = width
    notes.freeze_panes = "A2"
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    from ..package.atomic import write_atomic
    import io

    stream = io.BytesIO()
    book.save(stream)
    write_atomic(path, stream.getvalue())


def _letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def reference_lists(model: Any) -> dict[str, list[str]]:
    """Ids a drop-down offers, from a validated model: members (of the partnership) and tasks."""
    found: dict[str, list[str]] = {}
    partnership = getattr(model, "partnership", None) or (model if hasattr(model, "members") else None)
    members = getattr(partnership, "members", None) or []
    if members:
        found["members"] = [m.id for m in members]
    project = getattr(model, "project", None)
    tasks = getattr(project, "tasks", None) or []
    if tasks:
        found["tasks"] = [t.id for t in tasks]
    return found


def move_tables(source: Path, model: type[BaseModel], workbook_name: str, references: dict[str, list[str]],
                force: bool = False, wrapper_key: str | None = None) -> tuple[str, list[Table]]:
    """The text of `source` with its tabular lists moved into a workbook beside it (written here), and the
    tables moved. The lists' lines are replaced by a comment saying where they are now. wrapper_key: an
    included part's file may hold `partnership:` and the object under it."""
    from .reader import read_data_file

    data, positions = read_data_file(source)
    if not isinstance(data, dict):
        return source.read_text(encoding="utf-8"), []
    wrapper: str | None = None
    if wrapper_key is not None and set(data) == {wrapper_key} and isinstance(data[wrapper_key], dict):
        wrapper, data = wrapper_key, data[wrapper_key]  # `partnership:` and the object under it
        positions = {p[1:]: v for p, v in positions.items() if p[:1] == (wrapper,)}
    if WORKBOOK_KEY in data:
        from ..problems import UsageError

        raise UsageError(f"plik {source} już wskazuje skoroszyt ({data[WORKBOOK_KEY]})")
    moved: list[tuple[Table, list[dict]]] = []
    for table in tables_of(model):
        parent = _existing_parent(data, table.path)
        rows = parent.get(table.path[-1]) if isinstance(parent, dict) else None
        if not (isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)):
            continue
        fits = {c.field for c in columns_of(table.item)} | set(table.dict_fields)
        if any(set(row) - fits for row in rows):
            continue  # a field a cell cannot hold (or unknown): the list stays in YAML
        moved.append((table, rows))
    text = source.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for table, _ in sorted(moved, key=lambda pair: -positions[pair[0].path].line):
        lines = _without_list(lines, table, positions[table.path].line, workbook_name)
    keys = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    first_key = keys[0]
    indent = ""
    if wrapper is not None:  # inside the object, indented as its first field
        first_key = keys[1] if len(keys) > 1 else keys[0] + 1
        indent = lines[first_key][: len(lines[first_key]) - len(lines[first_key].lstrip())] if len(keys) > 1 else "  "
    else:
        first_key = next(i for i in keys if not lines[i].startswith((" ", "\t")))
    lines.insert(first_key, f"{indent}{WORKBOOK_KEY}: {workbook_name}     # tabele (koszty, finansowanie, wskaźniki, "
                            "zadania…) w skoroszycie obok\n")
    target = source.parent / workbook_name
    if target.exists() and not force:
        from ..problems import UsageError

        raise UsageError(f"plik {target} już istnieje; użyj --force, aby go nadpisać")
    write_workbook(target, moved, references)
    return "".join(lines), [table for table, _ in moved]


def _without_list(lines: list[str], table: Table, value_line: int, workbook_name: str) -> list[str]:
    """Lines without the list whose first value is on value_line (1-based): from its key to the next
    line as little indented as the key."""
    key = str(table.path[-1])
    start = value_line - 1
    while start >= 0 and not lines[start].lstrip().startswith(f"{key}:"):
        start -= 1
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines):
        stripped = lines[end].strip()
        if stripped and len(lines[end]) - len(lines[end].lstrip()) <= indent:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the list stay
    note = f"{' ' * indent}# {key}: w skoroszycie {workbook_name}, arkusz {table.sheet}\n"
    return lines[:start] + [note] + lines[end:]
