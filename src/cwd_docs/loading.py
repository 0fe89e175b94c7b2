"""Reading YAML and JSON input with the position of every value.

PyYAML composes a node tree; we construct plain Python values from it ourselves so that
every value keeps its line and column, duplicate keys are caught, object-building tags are
refused and floats become exact Decimals (money must never pass through binary floats).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import DataPath, Problem, error

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000

ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:merge",
}

# Characters XML 1.0 forbids; Word calls a document containing them corrupt.
FORBIDDEN_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

YAML_PROBLEM_TRANSLATIONS = {
    "could not find expected ':'": "brak oczekiwanego dwukropka ':'",
    "mapping values are not allowed here": "wartość w tym miejscu jest niedozwolona (sprawdź dwukropki i wcięcia)",
    "found character '\\t' that cannot start any token": "znak tabulacji nie może rozpoczynać elementu (używaj spacji do wcięć)",
    "did not find expected key": "nie znaleziono oczekiwanego klucza (sprawdź wcięcia)",
    "did not find expected '-' indicator": "nie znaleziono oczekiwanego znaku '-' (sprawdź wcięcia listy)",
    "found unexpected end of stream": "nieoczekiwany koniec pliku (niezamknięty cudzysłów lub nawias?)",
    "found undefined alias": "odwołanie do niezdefiniowanej kotwicy",
    "expected ',' or ']', but got": "oczekiwano ',' lub ']'",
    "expected ',' or '}', but got": "oczekiwano ',' lub '}'",
    "found unknown escape character": "nieznana sekwencja ucieczki w tekście w cudzysłowie",
    "expected <block end>, but found": "nieoczekiwany element (sprawdź wcięcia)",
    "but found another document": "plik zawiera więcej niż jeden dokument YAML",
}


@dataclass(frozen=True)
class Position:
    file: str
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class LoadedInput:
    """Plain data read from one input file (and the files it includes), with positions."""

    data: Any
    source: Path
    positions: dict[DataPath, Position] = field(default_factory=dict)
    included_files: list[Path] = field(default_factory=list)

    def position_of(self, path: DataPath) -> Position | None:
        """The position of the value at path, or of its nearest located ancestor."""
        for length in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:length]))
            if found is not None:
                return found
        return None

    def locate(self, problems: Iterable[Problem]) -> list[Problem]:
        located = []
        for problem in problems:
            if problem.line is not None:
                located.append(problem)
                continue
            pos = self.position_of(problem.path)
            if pos is None:
                located.append(problem.located(str(self.source), None, None))
            else:
                located.append(problem.located(pos.file, pos.line, pos.column))
        return located


class LoadFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.describe() for p in problems))


def _problem_at(code: str, message: str, file: str, mark: Any, path: DataPath = ()) -> Problem:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return error(code, message, path).located(file, line, column)


def _translate_yaml_problem(text: str | None) -> str:
    text = text or ""
    for english, polish in YAML_PROBLEM_TRANSLATIONS.items():
        if english in text:
            return polish
    return f"niepoprawna składnia ({text})" if text else "niepoprawna składnia"


def decode_text(raw: bytes, file: str) -> str:
    """Decode UTF-8 (BOM allowed) or BOM-marked UTF-16; report the byte of a bad sequence."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = raw[:offset].count(b"\n") + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise LoadFailed([
            error(
                "input.encoding",
                f"plik nie jest zapisany w kodowaniu UTF-8: niepoprawny bajt 0x{raw[offset]:02x} "
                f"(bajt nr {offset + 1} pliku); zapisz plik w kodowaniu UTF-8",
            ).located(file, line, column)
        ]) from None


class _Builder:
    """Turns a composed YAML node tree into plain values, recording positions."""

    def __init__(self, file: str):
        self.file = file
        self.constructor = SafeConstructor()
        self.positions: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []
        self.nodes_seen = 0

    def build(self, node: Node, path: DataPath) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise LoadFailed([
                _problem_at(
                    "input.too_many_values",
                    f"plik zawiera więcej niż {MAX_NODES:,} wartości (po rozwinięciu kotwic i "
                    "odwołań); taki plik nie jest obsługiwany".replace(",", "\u00a0"),
                    self.file, node.start_mark, path,
                )
            ])
        self.positions.setdefault(path, Position(self.file, node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in ALLOWED_TAGS:
            self.problems.append(_problem_at(
                "yaml.tag",
                f"znacznik {node.tag!r} jest niedozwolony; dozwolone są tylko zwykłe wartości "
                "(tekst, liczby, daty, listy, słowniki)",
                self.file, node.start_mark, path,
            ))
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        raise AssertionError(f"unknown YAML node {node!r}")

    def _scalar(self, node: ScalarNode, path: DataPath) -> Any:
        if node.tag == "tag:yaml.org,2002:float":
            return self._decimal(node, path)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except ValueError:
            # e.g. 2027-04-31: keep the text, the schema reports it as a bad date in context
            return node.value
        except ConstructorError as exc:
            self.problems.append(_problem_at(
                "yaml.value", f"niepoprawna wartość: {exc}", self.file, node.start_mark, path))
            return None
        if isinstance(value, str):
            self._check_text(value, node, path)
        return value

    def _decimal(self, node: ScalarNode, path: DataPath) -> Any:
        text = node.value.replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.problems.append(_problem_at(
                "number.not_finite",
                f"wartość {node.value!r} nie jest skończoną liczbą; podaj liczbę, np. 1234.50",
                self.file, node.start_mark, path,
            ))
            return None
        return value

    def _check_text(self, value: str, node: Node, path: DataPath) -> None:
        bad = FORBIDDEN_XML_CHARS.search(value)
        if bad:
            self.problems.append(_problem_at(
                "text.control_character",
                f"tekst zawiera niedozwolony znak sterujący U+{ord(bad.group()):04X} "
                f"(pozycja {bad.start() + 1} w tekście); usuń go",
                self.file, node.start_mark, path,
            ))

    def _mapping(self, node: MappingNode, path: DataPath) -> dict:
        try:
            self.constructor.flatten_mapping(node)
        except ConstructorError as exc:
            self.problems.append(_problem_at(
                "yaml.merge", f"niepoprawne scalenie '<<': {exc.problem}", self.file, node.start_mark, path))
            return {}
        result: dict[str, Any] = {}
        key_marks: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                self.problems.append(_problem_at(
                    "yaml.key", "klucz musi być zwykłym tekstem", self.file, key_node.start_mark, path))
                continue
            key = self.constructor.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            self._check_text(key, key_node, path)
            if key in result:
                first = key_marks[key]
                self.problems.append(_problem_at(
                    "yaml.duplicate_key",
                    f"klucz {key!r} występuje dwukrotnie (pierwszy raz w wierszu {first.line + 1}); "
                    "usuń jedno z wystąpień",
                    self.file, key_node.start_mark, path + (key,),
                ))
                continue
            key_marks[key] = key_node.start_mark
            result[key] = self.build(value_node, path + (key,))
        return result


def _compose(text: str, file: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LoadFailed([
            _problem_at("yaml.syntax", f"błąd składni: {_translate_yaml_problem(exc.problem)}", file, mark)
        ]) from None
    except yaml.YAMLError as exc:
        raise LoadFailed([error("yaml.syntax", f"błąd składni: {exc}").located(file, None, None)]) from None


def read_data_file(path: Path, prefix: DataPath = ()) -> tuple[Any, dict[DataPath, Position]]:
    """Read one YAML or JSON file into plain data and positions; raise LoadFailed on problems."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadFailed([error(
                "input.too_large",
                f"plik ma {size} bajtów; największy obsługiwany plik ma {MAX_FILE_BYTES} bajtów",
            ).located(file, None, None)])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadFailed([error("input.not_found", "nie znaleziono pliku").located(file, None, None)]) from None
    except IsADirectoryError:
        raise LoadFailed([error("input.not_a_file", "to jest katalog, a nie plik").located(file, None, None)]) from None
    except OSError as exc:
        raise LoadFailed([error("input.unreadable", f"nie można odczytać pliku ({exc.strerror})").located(file, None, None)]) from None
    text = decode_text(raw, file)
    node = _compose(text, file)
    if node is None:
        raise LoadFailed([error("input.empty", "plik jest pusty").located(file, 1, 1)])
    builder = _Builder(file)
    data = builder.build(node, prefix)
    if builder.problems:
        raise LoadFailed(builder.problems)
    return data, builder.positions


def load_input(path: Path, include_keys: Iterable[str] = ()) -> LoadedInput:
    """Load an input file; a key in include_keys may name other files to read in.

    `partnership: partnerstwo.yaml` in a project file reads the partnership from that file, and
    `projects: [projekt-p01.yaml, ...]` in a strategy file reads each project (with its own
    partnership reference resolved the same way). Paths are relative to the file naming them.
    An included file may hold the object itself or a mapping with that single key.
    """
    path = Path(path)
    data, positions = read_data_file(path)
    if not isinstance(data, dict):
        raise LoadFailed([error(
            "input.not_mapping", "plik musi zawierać słownik pól (klucz: wartość) na najwyższym poziomie"
        ).located(str(path), 1, 1)])
    loaded = LoadedInput(data=data, source=path, positions=positions)
    problems: list[Problem] = []
    _resolve_includes(data, (), path, tuple(include_keys), loaded, problems, (path.resolve(),))
    if problems:
        raise LoadFailed(problems)
    return loaded


def _resolve_includes(data: dict, prefix: DataPath, source: Path, keys: tuple[str, ...], loaded: LoadedInput,
                      problems: list[Problem], chain: tuple[Path, ...]) -> None:
    for key in keys:
        reference = data.get(key)
        if isinstance(reference, str):
            targets: list[tuple[DataPath, str]] = [((key,), reference)]
        elif isinstance(reference, list) and reference and all(isinstance(r, str) for r in reference):
            targets = [((key, index), name) for index, name in enumerate(reference)]
        else:
            continue
        values = []
        for relative, name in targets:
            where = prefix + relative
            included_path = source.parent / name
            included = _read_included(included_path, where, key, name, loaded, problems, chain)
            if included is None:
                continue
            if isinstance(included, dict):
                _resolve_includes(included, where, included_path, keys, loaded, problems,
                                  chain + (included_path.resolve(),))
            values.append(included)
        if len(values) == len(targets):
            data[key] = values[0] if isinstance(reference, str) else values


def _read_included(included_path: Path, where: DataPath, key: str, name: str, loaded: LoadedInput,
                   problems: list[Problem], chain: tuple[Path, ...]) -> Any:
    def located(problem: Problem) -> Problem:
        pos = loaded.position_of(where)
        return problem.located(pos.file, pos.line, pos.column) if pos else problem

    if included_path.resolve() in chain:
        problems.append(located(error("input.include_cycle",
                                      f"plik {name!r} wczytuje sam siebie (pośrednio lub bezpośrednio)", where)))
        return None
    try:
        included, positions = read_data_file(included_path, prefix=where)
    except LoadFailed as exc:
        problems.append(located(error(
            "input.include", f"nie można wczytać pliku {name!r} wskazanego w polu {key!r}", where)))
        problems.extend(exc.problems)
        return None
    if isinstance(included, dict) and set(included) == {key}:
        included = included[key]
        depth = len(where)
        positions = {
            (p[:depth] + p[depth + 1:] if len(p) > depth and p[depth] == key else p): v
            for p, v in positions.items()
        }
    loaded.positions.update(positions)
    loaded.included_files.append(included_path)
    return included
