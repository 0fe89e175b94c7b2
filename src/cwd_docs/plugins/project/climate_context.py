"""What the climate-proofing section reads, in the feasibility analysis and the outline alike."""

from __future__ import annotations

from typing import Any

from ...domain.climate import DETAILED_THRESHOLD, MIN_LIFESPAN_YEARS, ClimateLevel, shadow_cost_source, valuation
from ...domain.project import Project
from ...formatting import money, number

MINUS = "\u2212"


def _signed(value) -> str:
    return (MINUS if value < 0 else ("+" if value > 0 else "")) + number(abs(value))


def climate_view(project: Project) -> dict[str, Any] | None:
    climate = project.climate
    if climate is None:
        return None
    view: dict[str, Any] = {"data": climate, "required": climate.required, "min_lifespan": MIN_LIFESPAN_YEARS,
                            "threshold": number(DETAILED_THRESHOLD),
                            "mitigation": None, "hazards": [], "vulnerable": []}
    m = climate.mitigation
    if m is not None:
        year = m.year or project.end.year + 1
        value = valuation(m, year, project.eur_rate)
        view["mitigation"] = {
            "data": m, "year": year, "without": number(m.emissions_without), "with": number(m.emissions_with),
            "relative": _signed(m.relative), "reduction": m.relative < 0, "detailed": m.detailed,
            "eur": money(value["eur"], False), "pln": money(value["pln"], False), "eur_rate": number(project.eur_rate, 2),
            "value": (MINUS if value["value"] < 0 else "") + money(abs(value["value"])),
            "source": shadow_cost_source()}
    a = climate.adaptation
    if a is not None:
        view["hazards"] = [{"h": h, "vulnerability": h.vulnerability.value,
                            "future": (h.exposure_future or h.exposure).value} for h in a.hazards]
        view["vulnerable"] = [h.hazard.value for h in a.hazards if h.vulnerability is not ClimateLevel.LOW]
    return view
