"""The shipped table of unit values of the economic analysis, and a project's overrides of it.

The table is a data file of the package (`data/unit_values.yaml`), read once; a project's
`analysis.unit_values` replaces an entry with the same key or adds one. A carbon value is given in
EUR for some years: between them it is interpolated linearly, beyond them held constant, and
converted to złoty at the project's EUR rate.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from .financial import UnitValue

TABLE = Path(__file__).parent.parent / "data" / "unit_values.yaml"  # with the other shipped tables


@lru_cache(maxsize=1)
def shipped() -> dict[str, UnitValue]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return {key: UnitValue.model_validate(value) for key, value in data.items()}


def table(overrides: dict[str, UnitValue]) -> dict[str, UnitValue]:
    return {**shipped(), **overrides}


def value_in(unit_value: UnitValue, year: int, eur_rate: Decimal) -> Decimal:
    """The value in złoty in a year: the constant one, or the EUR series interpolated and converted."""
    if unit_value.value is not None:
        return unit_value.value
    points = sorted(unit_value.eur_by_year.items())
    if year <= points[0][0]:
        eur = points[0][1]
    elif year >= points[-1][0]:
        eur = points[-1][1]
    else:
        (y0, v0), (y1, v1) = next((a, b) for a, b in zip(points, points[1:]) if a[0] <= year <= b[0])
        eur = v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return eur * eur_rate
