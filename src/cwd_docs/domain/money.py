"""Money and percentages as exact Decimals, accepting what Polish users type."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..problems import excerpt

CENT = Decimal("0.01")
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$")
MAX_MONEY = Decimal(10) ** 13  # 10 bln zł: far above any project, far below Decimal's 28 digits
_POLISH = re.compile(r"^-?\d+(,\d+)?$")
EXPECTED_MONEY = "podaj kwotę w złotych, np. 1234.50 albo '1 234,50'"
MAX_PLACES = 10  # digits after the decimal point of a number or percentage: 10**15 and 10 places fit
# Decimal's 28 significant digits, so formatting (which quantizes) never fails


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
        text = _SPACES.sub("", value.strip())
        for suffix in ("zł", "PLN", "%"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        if _POLISH.match(text):
            text = text.replace(",", ".")
        if not _PLAIN.match(text):
            raise PydanticCustomError("number.format", "niepoprawna liczba '{value}'; {expected}",
                                      {"value": excerpt(value), "expected": expected})
        number = Decimal(text)
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
    if rounded != number:
        raise PydanticCustomError("money.precision",
                                  "kwota może mieć najwyżej 2 miejsca po przecinku (grosze); podano {value}",
                                  {"value": excerpt(value)})
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
    WithJsonSchema({"type": ["number", "string"], "examples": [1234.5, "1 234,50"],
                    "description": "Kwota w złotych, najwyżej 2 miejsca po przecinku"}),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(parse_percent),
    WithJsonSchema({"type": ["number", "string"], "minimum": 0, "maximum": 100}),
]
Number = Annotated[
    Decimal,
    BeforeValidator(parse_decimal),
    WithJsonSchema({"type": ["number", "string"]}),
]


def share(part: Decimal, whole: Decimal) -> Decimal:
    """part as a percentage of whole (0 when whole is 0), exact to 2 places."""
    if not whole:
        return Decimal(0)
    return (part * 100 / whole).quantize(CENT)
