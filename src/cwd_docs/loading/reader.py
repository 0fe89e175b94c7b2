"""Reading one YAML or JSON file into plain data with the position of every value.

PyYAML composes a node tree; we construct plain Python values from it ourselves so that
every value keeps its line and column, duplicate keys are caught, object-building tags are
refused and floats become exact Decimals (money must never pass through binary floats).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import DataPath, Problem, describe_os_error, error, excerpt, quoted

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 100
LEADING_ZERO = re.compile(r"^0[0-9_]+$")
EXPONENT = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?[eE][-+]?[0-9]+$")
SURROGATE = re.compile("[\ud800-\udfff]")

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
    sheet: str | None = None  # a workbook's cell: the sheet, line = row, column = column number


@dataclass
class LoadedInput:
    """Plain data read from one input file (and the files it includes), with positions."""

    data: Any
    source: Path
    positions: dict[DataPath, Position] = field(default_factory=dict)
    included_files: list[Path] = field(default_factory=list)

    def position_of(self, path: DataPath) -> Position | None:
        """The position of the value at path, or of its nearest located ancestor."""
        return position_of(self.positions, path)

    def locate(self, problems: Iterable[Problem]) -> list[Problem]:
        return locate(problems, self.positions, self.source)


def position_of(positions: dict[DataPath, Position], path: DataPath) -> Position | None:
    """The position of the value at path, or of its nearest located ancestor."""
    for length in range(len(path), -1, -1):
        found = positions.get(tuple(path[:length]))
        if found is not None:
            return found
    return None


def locate(problems: Iterable[Problem], positions: dict[DataPath, Position], source: Path | None) -> list[Problem]:
    """Problems with the place of their value; without one, the file (data in memory: no place at all)."""
    located = []
    for problem in problems:
        position = None if problem.line is not None else position_of(positions, problem.path)
        if position is not None:
            located.append(problem.located(position.file, position.line, position.column, position.sheet))
        elif problem.line is None and source is not None:
            located.append(problem.located(str(source), None, None))
        else:
            located.append(problem)
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


_KEY_AND_TEXT = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s:#'\"][^:#]*?):\s+(?P<text>\S.*)$")


def _source_line(text: str, mark: Any) -> str:
    lines = text.splitlines()
    return lines[mark.line] if mark is not None and 0 <= mark.line < len(lines) else ""


def _syntax_hint(exc: Any, text: str) -> str | None:
    """The likely cause of a YAML syntax error in an advisor's words, from the line it is on: prose
    with ': ' inside, a text starting with a character YAML reserves, a tab, a quote left open."""
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    line = _source_line(text, mark)
    if "mapping values are not allowed here" in problem:
        found = _KEY_AND_TEXT.match(line)
        if found and not found.group("text").startswith(("\"", "'", "{", "[", "|", ">")):
            key, value = found.group("key").strip(), found.group("text").rstrip()
            return (f"tekst pola {quoted(key)} zawiera dwukropek ze spacją (\u201e: \u201d), który YAML czyta "
                    f"jako początek kolejnego pola; ujmij cały tekst w cudzysłów: "
                    f"{key}: \"{excerpt(value, 60)}\"")
    reserved = re.match(r"found character '(.)' that cannot start any token", problem)
    if reserved and reserved.group(1) != "\t":
        return (f"tekst nie może zaczynać się od znaku {reserved.group(1)!r} (YAML zastrzega go dla siebie); "
                "ujmij cały tekst w cudzysłów")
    if "found character '\\t'" in problem:
        return (f"w wierszu jest znak tabulacji (kolumna {mark.column + 1}); YAML wymaga wcięć spacjami — "
                "zamień tabulatory na spacje")
    if problem.startswith("found undefined alias"):
        return ("tekst zaczynający się od gwiazdki '*' YAML czyta jako odwołanie do kotwicy; "
                "ujmij cały tekst w cudzysłów")
    if "end of stream" in problem and "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        return (f"cudzysłów otwarty w wierszu {exc.context_mark.line + 1} nie został zamknięty; "
                "dopisz cudzysłów zamykający na końcu tekstu")
    if "could not find expected ':'" in problem and exc.context_mark is not None:
        return (f"w wierszu {exc.context_mark.line + 1} brak dwukropka po nazwie pola, albo tekst "
                "ciągnie się przez kilka wierszy: tekst wielowierszowy zacznij od '>-' w wierszu pola "
                "i wetnij kolejne wiersze")
    return None


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


_RESOLVER = yaml.resolver.Resolver()


def _tag_is_explicit(node: ScalarNode) -> bool:
    """Whether the tag was written in the file (!!int abc), not resolved from a plain value (2027-04-31)."""
    plain = not node.style  # None from PyYAML, "" from libyaml
    return _RESOLVER.resolve(ScalarNode, node.value, (plain, False)) != node.tag


def _tag_value_problem(node: ScalarNode, file: str, path: DataPath) -> Problem:
    tag = node.tag.rsplit(":", 1)[-1]
    return _problem_at("yaml.tag_value", f"wartość {quoted(node.value)} nie pasuje do znacznika !!{tag}; usuń znacznik "
                       "albo popraw wartość", file, node.start_mark, path)


class _Builder:
    """Turns a composed YAML node tree into plain values, recording positions."""

    def __init__(self, file: str):
        self.file = file
        self.constructor = SafeConstructor()
        self.positions: dict[DataPath, Position] = {}
        self.problems: list[Problem] = []
        self.nodes_seen = 0
        self.open_nodes: set[int] = set()  # collections being built: an alias back to one is a cycle

    def build(self, node: Node, path: DataPath) -> Any:
        if id(node) in self.open_nodes:
            raise LoadFailed([_problem_at("yaml.recursive_alias",
                                          "odwołanie (*alias) wskazuje na element, który je zawiera; "
                                          "taka struktura jest nieskończona", self.file, node.start_mark, path)])
        if len(path) > MAX_DEPTH:
            raise LoadFailed([_problem_at("input.too_deep",
                                          f"dane są zagnieżdżone głębiej niż na {MAX_DEPTH} poziomów",
                                          self.file, node.start_mark, path)])
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
                f"znacznik {quoted(node.tag)} jest niedozwolony; dozwolone są tylko zwykłe wartości "
                "(tekst, liczby, daty, listy, słowniki)",
                self.file, node.start_mark, path,
            ))
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
        finally:
            self.open_nodes.discard(id(node))
        raise AssertionError(f"unknown YAML node {node!r}")

    def _scalar(self, node: ScalarNode, path: DataPath) -> Any:
        if node.tag == "tag:yaml.org,2002:float":
            return self._decimal(node, path)
        if node.tag == "tag:yaml.org,2002:int" and (LEADING_ZERO.match(node.value) or ":" in node.value):
            # YAML 1.1 reads 0201011 as octal and 6:50:00 as base 60; in our data the first is a code
            # (TERYT, REGON) and the second a typo: keep the text, the schema reports it in context.
            return node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except ValueError:
            if not _tag_is_explicit(node):
                # e.g. 2027-04-31: keep the text, the schema reports it as a bad date in context
                return node.value
            self.problems.append(_tag_value_problem(node, self.file, path))  # !!int abc, !!int 0x
            return None
        except ConstructorError:
            self.problems.append(_problem_at(
                "yaml.value", f"niepoprawna wartość {quoted(node.value)}", self.file, node.start_mark, path))
            return None
        except (AttributeError, KeyError, IndexError, TypeError, OverflowError):
            # An explicit tag with a value it cannot hold (!!timestamp xyz, !!bool maybe, !!int ""):
            # PyYAML's constructors fail with these instead of a ConstructorError.
            self.problems.append(_tag_value_problem(node, self.file, path))
            return None
        if isinstance(value, str) and not node.style and EXPONENT.match(value) and not _tag_is_explicit(node):
            # YAML 1.2 and JSON read 2.46e1 and 8.6e4 as numbers, YAML 1.1 as text: a number, as written
            return Decimal(value)
        if isinstance(value, str):
            if SURROGATE.search(value):
                # JSON writers escape emoji as surrogate pairs (\\ud83d\\udeb2): join them into characters.
                try:
                    value = value.encode("utf-16", "surrogatepass").decode("utf-16")
                except UnicodeDecodeError:
                    pass  # a lone half stays; the schema refuses it in context
            self._check_text(value, node, path)
        return value

    def _decimal(self, node: ScalarNode, path: DataPath) -> Any:
        if ":" in node.value:
            return node.value  # base-60 float of YAML 1.1: a typo in our data
        text = node.value.replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.problems.append(_problem_at(
                "number.not_finite",
                f"wartość {quoted(node.value)} nie jest skończoną liczbą; podaj liczbę, np. 1234.50",
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
        """Explicit keys (duplicates refused) override keys merged in with `<<` (YAML merge keys)."""
        result: dict[str, Any] = {}
        key_marks: dict[str, Any] = {}
        merges = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                self.problems.append(_problem_at(
                    "yaml.key", "klucz musi być zwykłym tekstem", self.file, key_node.start_mark, path))
                continue
            key = self._key(key_node)
            self._check_text(key, key_node, path)
            if key in result:
                first = key_marks[key]
                self.problems.append(_problem_at(
                    "yaml.duplicate_key",
                    f"klucz {quoted(key)} występuje dwukrotnie (pierwszy raz w wierszu {first.line + 1}); "
                    "usuń jedno z wystąpień",
                    self.file, key_node.start_mark, path + (key,),
                ))
                continue
            key_marks[key] = key_node.start_mark
            result[key] = self.build(value_node, path + (key,))
        for merge in merges:
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                if not isinstance(source, MappingNode):
                    self.problems.append(_problem_at(
                        "yaml.merge", "po '<<:' musi stać odwołanie do słownika (*kotwica) lub lista takich odwołań",
                        self.file, source.start_mark, path))
                    continue
                merged = self.build(source, path)
                for key, value in merged.items():
                    result.setdefault(key, value)  # explicit keys and earlier merges win
        return result

    def _key(self, key_node: ScalarNode) -> str:
        # Strings, and numbers, dates, true/null as keys alike: what the user wrote, not Python's rendering.
        return key_node.value


FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: ten times faster when available


def _nesting_exceeds(text: str, limit: int) -> bool:
    """Whether collections nest deeper than limit, counted on libyaml's event stream.

    libyaml's composer recurses in C and crashes the process on extreme nesting (flow or block);
    its event parser does not recurse, so the depth is measured first. A text libyaml cannot parse
    is left to the pure-Python loader, which reports it.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=FAST_LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > limit:
                    return True
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return False
    return False


def _compose(text: str, file: str) -> Node | None:
    if FAST_LOADER is not None and _nesting_exceeds(text, MAX_DEPTH):
        raise LoadFailed([error("input.too_deep", f"dane są zagnieżdżone głębiej niż na {MAX_DEPTH} poziomów"
                                ).located(file, None, None)])
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except (yaml.YAMLError, RecursionError):
            pass  # parse again below: the pure-Python loader gives the messages we translate
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise LoadFailed([error(
            "input.character", f"plik zawiera niedozwolony znak U+{exc.character:04X}; usuń go albo zapisz plik "
            "jako UTF-8").located(file, line, column)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _syntax_hint(exc, text) or _translate_yaml_problem(exc.problem)
        raise LoadFailed([_problem_at("yaml.syntax", f"błąd składni: {message}", file, mark)]) from None
    except yaml.YAMLError:
        raise LoadFailed([error("yaml.syntax", "błąd składni YAML").located(file, None, None)]) from None
    except RecursionError:
        raise LoadFailed([error("input.too_deep", "dane są zagnieżdżone zbyt głęboko").located(file, None, None)]
                         ) from None


def _read_bounded(path: Path, file: str) -> bytes:
    """Read at most MAX_FILE_BYTES of a regular file; refuse devices, pipes and larger files."""
    try:
        if not path.exists():
            from .paths import symlink_problem

            broken_link = symlink_problem(path)
            if broken_link:
                raise LoadFailed([error("input.unreadable", broken_link).located(file, None, None)])
            raise LoadFailed([error("input.not_found", "nie znaleziono pliku").located(file, None, None)])
        if path.is_dir():
            raise LoadFailed([error("input.not_a_file", "to jest katalog, a nie plik").located(file, None, None)])
        if not path.is_file():
            raise LoadFailed([error("input.not_a_file", "to nie jest zwykły plik").located(file, None, None)])
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadFailed([error("input.unreadable", f"nie można odczytać pliku ({describe_os_error(exc)})"
                                ).located(file, None, None)]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadFailed([error(
            "input.too_large", f"plik jest większy niż {MAX_FILE_BYTES // (1024 * 1024)} MB; tak duże pliki "
            "nie są obsługiwane").located(file, None, None)])
    return raw


def _json_without_positions(text: str, file: str) -> Any:
    """JSON that YAML cannot read (tabs): parse it exactly, without per-value positions."""
    def pairs(items: list[tuple[str, Any]]) -> dict:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise LoadFailed([error("yaml.duplicate_key", f"klucz {quoted(key)} występuje dwukrotnie"
                                        ).located(file, None, None)])
            result[key] = value
        return result

    def refuse_constant(name: str) -> Any:
        raise LoadFailed([error("number.not_finite", f"wartość {name} nie jest skończoną liczbą"
                                ).located(file, None, None)])

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_float=Decimal, parse_constant=refuse_constant)
    except RecursionError:
        raise LoadFailed([error("input.too_deep", "dane są zagnieżdżone zbyt głęboko").located(file, None, None)]
                         ) from None
    except json.JSONDecodeError as exc:
        raise LoadFailed([error("json.syntax", "błąd składni JSON").located(file, exc.lineno, exc.colno)]) from None


def _refuse_control_characters(value: Any, file: str) -> None:
    if isinstance(value, str):
        bad = FORBIDDEN_XML_CHARS.search(value)
        if bad:
            raise LoadFailed([error("text.control_character",
                                    f"tekst zawiera niedozwolony znak sterujący U+{ord(bad.group()):04X}"
                                    ).located(file, None, None)])
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_control_characters(key, file)
            _refuse_control_characters(item, file)
    elif isinstance(value, list):
        for item in value:
            _refuse_control_characters(item, file)


def _refuse_too_deep(data: Any, file: str) -> None:
    """The YAML limit of nesting, for JSON parsed without it (iteratively: no recursion to exhaust)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise LoadFailed([error("input.too_deep", f"dane są zagnieżdżone głębiej niż na {MAX_DEPTH} poziomów"
                                    ).located(file, None, None)])
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _refuse_too_many_values(data: Any, file: str) -> None:
    """The YAML builder's value limit, for JSON parsed without it."""
    from .limits import count_values

    if count_values(data, text_marks=False) > MAX_NODES:
        raise LoadFailed([error("input.too_many_values", f"plik zawiera więcej niż {MAX_NODES:,} wartości; taki "
                                "plik nie jest obsługiwany".replace(",", "\u00a0")).located(file, None, None)])


def read_data_file(path: Path, prefix: DataPath = ()) -> tuple[Any, dict[DataPath, Position]]:
    """Read one YAML or JSON file into plain data and positions; raise LoadFailed on problems."""
    file = str(path)
    text = decode_text(_read_bounded(path, file), file)
    try:
        node = _compose(text, file)
    except LoadFailed as failed:
        # JSON that YAML cannot read is parsed as JSON; one YAML refused for its size is not
        if path.suffix.lower() != ".json" or any(p.code == "input.too_deep" for p in failed.problems):
            raise
        data = _json_without_positions(text, file)
        _refuse_too_deep(data, file)
        _refuse_control_characters(data, file)
        _refuse_too_many_values(data, file)
        builder = _Builder(file)
        builder.positions[prefix] = Position(file, 1, 1)
        return data, builder.positions
    if node is None:
        raise LoadFailed([error("input.empty", "plik jest pusty").located(file, 1, 1)])
    builder = _Builder(file)
    try:
        data = builder.build(node, prefix)
    except RecursionError:
        raise LoadFailed([error("input.too_deep", "dane są zagnieżdżone zbyt głęboko").located(file, None, None)]
                         ) from None
    if builder.problems:
        raise LoadFailed(builder.problems)
    return data, builder.positions
