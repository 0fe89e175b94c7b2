"""Dates as advisors type them: 2027-03-15 (ISO, what YAML reads as a date) or 15.03.2027 (Polish,
optionally with "r."), and a message naming the day when a date does not exist."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Any

from pydantic_core import PydanticCustomError

from ..problems import excerpt

MONTHS_GENITIVE = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
                   "września", "października", "listopada", "grudnia")
EXPECTED_DATE = "oczekiwano daty w formacie RRRR-MM-DD albo DD.MM.RRRR, np. 2027-03-31 albo 31.03.2027"

_ISO = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\s*$")
_POLISH = re.compile(r"^\s*(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?:\s*r\.?)?\s*$")

# The same, exactly, as one regular expression for editors (JSON Schema): only days that exist.
_YEAR = r"(?!0000)\d{4}"
_LEAP = r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_ISO_TEXT = (rf"(?:{_YEAR}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
             rf"|(?:0[13578]|1[02])-31)|{_LEAP}-02-29)")
_POLISH_TEXT = (rf"(?:(?:(?:0?[1-9]|1\d|2[0-8])\.(?:0?[1-9]|1[0-2])|(?:29|30)\.(?:0?[13-9]|1[0-2])"
                rf"|31\.(?:0?[13578]|1[02]))\.{_YEAR}|29\.0?2\.{_LEAP})(?:\s*r\.?)?")
DATE_TEXT = rf"^\s*(?:{_ISO_TEXT}|{_POLISH_TEXT})\s*$"
DATE_JSON_SCHEMA = {"type": "string", "pattern": DATE_TEXT,
                    "description": "Data: RRRR-MM-DD albo DD.MM.RRRR (np. 2027-03-31 albo 31.03.2027 r.)"}


def no_such_day(year: int, month: int, day: int) -> str | None:
    """'nie ma dnia 30 lutego 2028' for a day that does not exist; None when it does."""
    if not 1 <= month <= 12:
        return f"nie ma miesiąca {month}"
    if year < 1:
        return f"nie ma roku {year}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"nie ma dnia {day} {MONTHS_GENITIVE[month - 1]} {year}"
    return None


def parse_date_text(value: str) -> dt.date:
    """A date typed as text; PydanticCustomError naming the problem otherwise."""
    match = _ISO.match(value) or _POLISH.match(value)
    if match is None:
        raise PydanticCustomError("field.type", "niepoprawna wartość '{value}'; {expected}",
                                  {"value": excerpt(value), "expected": EXPECTED_DATE})
    year, month, day = (int(match.group(part)) for part in ("year", "month", "day"))
    missing = no_such_day(year, month, day)
    if missing:
        raise PydanticCustomError("date.no_such_day", "niepoprawna data '{value}': {missing}",
                                  {"value": excerpt(value.strip()), "missing": missing})
    return dt.date(year, month, day)


def coerce_date(value: Any) -> Any:
    """The value of a date field: text read as a date; numbers refused (pydantic would read a count
    of seconds); dates, datetimes and anything else left to pydantic's own checks."""
    if isinstance(value, str):
        return parse_date_text(value)
    if isinstance(value, (bool, int, float)) or type(value).__name__ == "Decimal":
        raise PydanticCustomError("field.type", "niepoprawna wartość {value}; {expected}",
                                  {"value": excerpt(repr(value)), "expected": EXPECTED_DATE})
    return value


_DATE_FIELDS: dict[Any, bool] = {}


def is_date_annotation(annotation: Any) -> bool:
    """dt.date, Optional[dt.date], Annotated[dt.date, ...] (not datetime)."""
    known = _DATE_FIELDS.get(annotation)
    if known is not None:
        return known
    current = annotation
    while True:
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            current = typing.get_args(current)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(current) if a is not type(None)]
            if len(members) != 1:
                break
            current = members[0]
        else:
            break
    result = current is dt.date
    try:
        _DATE_FIELDS[annotation] = result
    except TypeError:  # an unhashable annotation
        pass
    return result
