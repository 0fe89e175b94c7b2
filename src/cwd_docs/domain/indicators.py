"""The ERDF/CF common indicators as data (data/common_indicators.yaml): name, unit and kind by code; a
programme's own list (application.programme_indicators) overrides and extends them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from .code_tables import load


@dataclass(frozen=True)
class CommonIndicator:
    code: str
    name: str
    unit: str
    units: tuple[str, ...]
    kind: str  # IndicatorKind's value: "produktu" / "rezultatu"
    verified: bool
    emissions: bool
    source: str = "tabeli wskaźników wspólnych"  # where the row comes from, after "według"

    def accepts_unit(self, unit: str) -> bool:
        return normalise_unit(unit) in {normalise_unit(u) for u in (self.unit, *self.units)}


_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉²³", "012345678923")


def normalise_unit(unit: str) -> str:
    """'t CO₂e / rok' and 't co2e/rok' compare equal; 'm²' equals 'm2'."""
    return re.sub(r"\s+", "", unit.translate(_SUBSCRIPTS).lower())


def common_indicator(code: str | None) -> CommonIndicator | None:
    if not code:
        return None
    row = next((r for r in load("common_indicators")["indicators"] if r["code"] == code), None)
    if row is None:
        return None
    return CommonIndicator(row["code"], row["name"], row["unit"], tuple(row.get("units", ())), row["kind"],
                           bool(row.get("verified")), bool(row.get("emissions")))


PROGRAMME = "listy wskaźników programu"


def indicator_row(code: str | None, programme: Iterable[Any] = ()) -> CommonIndicator | None:
    """The indicator of a code: the programme's list first (its wording of a common indicator, or an
    indicator of its own: PLRO…, PLRR…), then the ERDF/CF common indicators; None if neither has it.

    `programme` holds rows with code, name, unit, kind (IndicatorKind or its value) and units."""
    if not code:
        return None
    common = common_indicator(code)
    for row in programme:
        if row.code == code:
            kind = getattr(row.kind, "value", row.kind)
            return CommonIndicator(code, row.name, row.unit, tuple(row.units), kind, True,
                                   bool(common and common.emissions), PROGRAMME)
    return common


def indicators_source(genitive: bool = False) -> str:
    """The table's source: as a label (nominative) or inside a sentence after "według" (genitive)."""
    return load("common_indicators")["source_genitive" if genitive else "source"]


def is_common(code: str | None) -> bool:
    """An EU common indicator of the ERDF/CF (RCO/RCR), as opposed to a national (PL…) or ESF+ one."""
    return bool(code) and code.split(" ")[0] in ("RCO", "RCR")
