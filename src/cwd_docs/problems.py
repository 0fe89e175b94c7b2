"""Problems found in input data: values with a code, a location and a Polish message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Iterable, Sequence

PathElement = str | int
DataPath = tuple[PathElement, ...]


EXCERPT_LENGTH = 40


def excerpt(value: object, limit: int = EXCERPT_LENGTH) -> str:
    """A value from the input as a message may quote it: its first line, at most `limit` characters
    (a file pasted into a field, or read by mistake, is never printed whole)."""
    text = str(value)
    first = text.split("\n", 1)[0]
    return first if len(first) <= limit and first == text else first[:limit].rstrip() + "…"


def quoted(value: object) -> str:
    """excerpt() in quotes, as messages show values: 'tekst…'; numbers and the like as repr()."""
    return repr(excerpt(value)) if isinstance(value, str) else excerpt(repr(value))


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_LABELS = {Severity.ERROR: "błąd", Severity.WARNING: "ostrzeżenie"}


@dataclass(frozen=True)
class Problem:
    """One finding about the input: errors block a build, warnings do not."""

    code: str
    message: str
    path: DataPath = ()
    severity: Severity = Severity.ERROR
    file: str | None = None
    line: int | None = None
    column: int | None = None
    gap: bool = False  # content the law requires is missing: the document marks it, a final build refuses
    subject: str | None = None  # the item the path points into, by its id: "zadanie T7"
    sheet: str | None = None  # in a workbook: the sheet; line and column are the cell's row and column

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    def located(self, file: str | None, line: int | None, column: int | None, sheet: str | None = None
                ) -> "Problem":
        return replace(self, file=file, line=line, column=column, sheet=sheet)

    @property
    def cell(self) -> str | None:
        """'D7' for a problem in a workbook's cell."""
        if self.sheet is None or self.line is None or self.column is None:
            return None
        letters, number = "", self.column
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(65 + rest) + letters
        return f"{letters}{self.line}"

    def with_prefix(self, prefix: DataPath) -> "Problem":
        """The same problem seen from a larger whole: `prefix` + its path."""
        return replace(self, path=tuple(prefix) + self.path) if prefix else self

    def describe(self) -> str:
        """A one-line Polish description: where, what and the stable code."""
        where = []
        if self.file:
            where.append(self.file)
        if self.sheet is not None:
            where.append(f"arkusz {self.sheet}")
            if self.cell:
                where.append(f"komórka {self.cell}")
        elif self.line is not None:
            where.append(f"wiersz {self.line}")
            if self.column is not None:
                where[-1] += f", kolumna {self.column}"
        location = ", ".join(where)
        named = f" ({self.subject})" if self.subject else ""
        field = f" pole {self.dotted_path}{named}:" if self.path else ""
        prefix = f"{location}: " if location else ""
        return f"{prefix}{SEVERITY_LABELS[self.severity]} [{self.code}]{field} {self.message}"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.dotted_path,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "gap": self.gap,
            "subject": self.subject,
            "sheet": self.sheet,
            "cell": self.cell,
        }


def format_path(path: Sequence[PathElement]) -> str:
    """('project', 'funding', 2, 'amount') -> 'project.funding[2].amount' (a key from the data that is
    longer than a field name can be, by its start only)."""
    text = ""
    for element in path:
        if isinstance(element, int):
            text += f"[{element}]"
        else:
            name = excerpt(element)
            text += f".{name}" if text else name
    return text


def error(code: str, message: str, path: Iterable[PathElement] = ()) -> Problem:
    return Problem(code=code, message=message, path=tuple(path))


def warning(code: str, message: str, path: Iterable[PathElement] = ()) -> Problem:
    return Problem(code=code, message=message, path=tuple(path), severity=Severity.WARNING)


def gap(code: str, message: str, path: Iterable[PathElement] = ()) -> Problem:
    """Required content not there yet: a warning while drafting, marked in the document, refused by --final."""
    return Problem(code=code, message=message, path=tuple(path), severity=Severity.WARNING, gap=True)


def final_refusals(problems: Iterable[Problem]) -> list[Problem]:
    """The gaps a final build (--final) refuses, as errors naming each."""
    return [replace(p, severity=Severity.ERROR, message="wersja ostateczna wymaga uzupełnienia – " + p.message)
            for p in problems if p.gap]
def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, then line and column; problems with no place keep their order, after the located ones."""
    return sorted(problems, key=lambda p: (p.file is None, p.file or "", p.line or 0, p.column or 0))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def describe_os_error(exc: OSError) -> str:
    """A Polish description of an operating-system error (never the English strerror alone)."""
    from .os_errors import cause

    return cause(exc)


class InputError(Exception):
    """Raised by the API when input problems block an operation; carries all of them."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.describe() for p in self.problems))


class PluginError(Exception):
    """A plugin's code or template failed; the message names the plugin (exit 3)."""


class UsageError(Exception):
    """Wrong use of the tool (unknown type, output path equal to an input...): exit 2."""
