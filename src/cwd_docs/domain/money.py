"""Money and percentages as exact Decimals, accepting what Polish users type."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..problems import excerpt

CENT = Decimal("0.01")
MAX_MONEY = Decimal(10) ** 13  # 10 bln zł: far above any project, far below Decimal's 28 digits
EXPECTED_MONEY = "podaj kwotę w złotych, np. 1234.50, '1 234,50' albo '1.234,50 zł'"
MAX_PLACES = 10  # digits after the decimal point of a number or percentage: 10**15 and 10 places fit
# Decimal's 28 significant digits, so formatting (which quantizes) never fails

# What an advisor may type as a number, as text: 1234.50, 1234,50, 1 234 567,00 (spaces, also
# non-breaking, between groups of three), 1.234.567,00 or 1.234.567 (dots between groups of three;
# a single dot without a comma is a decimal point: 1.234 is one and a quarter), then "zł" or "PLN"
# for money, "%" for a percentage. Nothing else: no exponents, no stray spaces inside a group.
_GROUP_SPACE = "[ \u00a0\u202f]"


def _number_text(whole: str, fraction: str, groups: tuple[int, int], first: str = "[1-9]\\d{0,2}",
                 lead: str = "") -> str:
    """The body of a number as a regular expression: plain or grouped whole part, optional fraction.

    whole: the plain whole part; fraction: the digits after the comma or point; groups: the least and
    most groups of three after the first in grouped writing (the first group is `first`)."""
    low, high = groups
    spaced = f"{first}(?:{_GROUP_SPACE}\\d{{3}}){{{low},{high}}}"
    dotted = f"{first}(?:\\.\\d{{3}}){{{low},{high}}}"
    dotted_plain = f"{first}(?:\\.\\d{{3}}){{{max(low, 2)},{high}}}"
    return (f"{lead}(?:{whole}(?:[.,]{fraction})?|{spaced}(?:[.,]{fraction})?|{dotted},{fraction}|{dotted_plain})")


def _pattern(body: str, suffix: str) -> str:
    return f"^\\s*{body}(?:\\s*(?:{suffix}))?\\s*$" if suffix else f"^\\s*{body}\\s*$"


# The grammar the parser reads (sign and size checked afterwards, with their own messages) ...
_GRAMMAR = _pattern("(?P<minus>-)?(?P<body>" + _number_text("\\d+", "\\d+", (1, 99)) + ")", "zł|PLN|%")
# ... and, for editors, what each kind of field accepts as text, exactly (size and places included):
# money below 10**13 with at most 2 places (86.000 is refused: it most likely means thousands), percentages 0-100 with at most 10, numbers
# below 10**15 with at most 10; -0 is zero. A 13-digit whole part in groups: one digit, then four groups.
_WHOLE_13, _CENTS = "0*\\d{1,13}", "\\d{1,2}"
MONEY_TEXT = _pattern("(?:-0+(?:[.,]0{1,2})?|" + _number_text(_WHOLE_13, _CENTS, (1, 3)) + "|"
                      + _number_text(_WHOLE_13, _CENTS, (4, 4), first="[1-9]") + ")", "zł|PLN")
PERCENT_TEXT = _pattern("(?:-0+(?:[.,]0+)?|0*(?:100(?:[.,]0+)?|\\d{1,2}(?:[.,]\\d{1,10}0*)?))", "%")
# A number (not an amount or a percentage) may be written with an exponent, 2.46e1: the schema accepts
# that form, whose size and places only the tool checks.
_EXPONENT = "-?\\d+(?:\\.\\d+)?[eE][-+]?\\d+"
NUMBER_TEXT = _pattern("(?:" + _EXPONENT + "|" + _number_text("0*\\d{1,15}", "\\d{1,10}0*", (1, 4), lead="-?") + ")", "")
_EXPONENT_RE = re.compile(_pattern(_EXPONENT, ""))
_GRAMMAR_RE = re.compile(_GRAMMAR)
_SUFFIXES = {"kwoty": ("zł", "PLN"), "procentu": ("%",), "liczby": ()}


def _text_to_decimal(value: str, what: str, expected: str) -> Decimal:
    if what == "liczby" and _EXPONENT_RE.match(value):
        return Decimal(value.strip())  # 2.46e1 given as text (the Python API): a number as written
    match = _GRAMMAR_RE.match(value)
    text = value.strip()
    suffix = next((s for s in ("zł", "PLN", "%") if text.endswith(s)), None)
    if match is None or (suffix is not None and suffix not in _SUFFIXES[what]):
        raise PydanticCustomError("number.format", "niepoprawna liczba '{value}'; {expected}",
                                  {"value": excerpt(value), "expected": expected})
    body = re.sub(_GROUP_SPACE, "", match.group("body"))
    if "," in body:
        body = body.replace(".", "").replace(",", ".")  # 1.234.567,00: dots group, the comma is the point
    elif body.count(".") > 1:
        body = body.replace(".", "")  # 1.234.567
    number = Decimal(body)
    return -number if match.group("minus") else number  # a negative amount is told by the caller


def _to_decimal(value: Any, what: str, expected: str) -> Decimal:
    if isinstance(value, bool):
        raise PydanticCustomError("number.type", "oczekiwano {what}, a podano wartość logiczną; {expected}",
                                  {"what": what, "expected": expected})
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # Only reachable from the Python API or JSON; str() gives the shortest exact repr.
        number = Decimal(str(value))
    elif isinstance(value, str):
        number = _text_to_decimal(value, what, expected)
    else:
        raise PydanticCustomError("number.type", "oczekiwano {what}; {expected}",
                                  {"what": what, "expected": expected})
    if not number.is_finite():
        raise PydanticCustomError("number.not_finite", "wartość nie jest skończoną liczbą; {expected}",
                                  {"expected": expected})
    if not number:
        number = abs(number)  # "-0" and "-0.00" are zero, never printed as -0,00
    return number


def parse_money(value: Any) -> Decimal:
    number = _to_decimal(value, "kwoty", EXPECTED_MONEY)
    if number < 0:
        raise PydanticCustomError("money.negative", "kwota nie może być ujemna (podano {value})",
                                  {"value": excerpt(value)})
    if number >= MAX_MONEY:
        raise PydanticCustomError("money.too_large",
                                  "kwota {value} jest zbyt duża; największa obsługiwana kwota to 10 bln zł",
                                  {"value": excerpt(value)})
    try:
        rounded = number.quantize(CENT)
    except InvalidOperation:
        raise PydanticCustomError("money.too_large", "kwota jest zbyt duża", {}) from None
    exponent = number.as_tuple().exponent
    if rounded != number or (isinstance(exponent, int) and exponent < -2):
        # 86.000 is refused although it equals 86: written so, it most likely means 86 thousand
        thousands = isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}\.\d{3}\s*", value)
        hint = (f" (jeśli chodziło o {value.strip().replace('.', '')} zł, napisz "
                f"'{value.strip()},00' albo {value.strip().replace('.', '')})") if thousands else ""
        raise PydanticCustomError("money.precision",
                                  "kwota może mieć najwyżej 2 miejsca po przecinku (grosze); podano {value}{hint}",
                                  {"value": excerpt(value), "hint": hint})
    return rounded


def parse_percent(value: Any) -> Decimal:
    number = _to_decimal(value, "procentu", "podaj procent jako liczbę od 0 do 100, np. 85")
    if not Decimal(0) <= number <= Decimal(100):  # also rejects absurd exponents
        raise PydanticCustomError("percent.range", "procent musi być liczbą od 0 do 100 (podano {value})",
                                  {"value": excerpt(value)})
    return _bounded_places(number, value)


def parse_decimal(value: Any) -> Decimal:
    number = _to_decimal(value, "liczby", "podaj liczbę, np. 12.5 albo '12,5'")
    if abs(number) >= Decimal(10) ** 15:
        raise PydanticCustomError("number.too_large", "liczba {value} jest zbyt duża", {"value": excerpt(value)})
    return _bounded_places(number, value)


def _bounded_places(number: Decimal, value: Any) -> Decimal:
    """At most MAX_PLACES digits after the point (1e-5000 would print 5000 digits, or fail to)."""
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -MAX_PLACES:
        return number
    if number != number.quantize(Decimal(1).scaleb(-MAX_PLACES)):
        raise PydanticCustomError("number.precision",
                                  "liczba może mieć najwyżej {places} miejsc po przecinku; podano {value}",
                                  {"places": MAX_PLACES, "value": excerpt(value)})
    return number.quantize(Decimal(1).scaleb(-MAX_PLACES)).normalize() if number else Decimal(0)



Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": float(MAX_MONEY)},
                              {"type": "string", "pattern": MONEY_TEXT}],
                    "examples": [1234.5, "1 234,50", "1.234.567,00 zł"],
                    "description": "Kwota w złotych, najwyżej 2 miejsca po przecinku"}),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(parse_percent),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
                              {"type": "string", "pattern": PERCENT_TEXT}]}),
]
Number = Annotated[
    Decimal,
    BeforeValidator(parse_decimal),
    WithJsonSchema({"anyOf": [{"type": "number", "exclusiveMinimum": -1e15, "exclusiveMaximum": 1e15},
                              {"type": "string", "pattern": NUMBER_TEXT}]}),
]


def share(part: Decimal, whole: Decimal) -> Decimal:
    """part as a percentage of whole (0 when whole is 0), exact to 2 places."""
    if not whole:
        return Decimal(0)
    return (part * 100 / whole).quantize(CENT)
