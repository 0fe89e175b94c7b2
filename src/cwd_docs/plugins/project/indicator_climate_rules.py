"""Rules every project document shares: indicators against the common-indicator table, climate proofing."""

from __future__ import annotations

import re

from ...domain.application import DnshImpact
from ...domain.climate import SCREENED_HAZARDS, ClimateLevel
from ...domain.indicators import indicator_row
from ...formatting import join_words, number
from ...problems import Problem, error, warning
from .schema import ProjectFile

INDICATORS = ("project", "indicators")
CLIMATE = ("project", "climate")


def _reduction_expected(data: ProjectFile) -> str | None:
    """Where the data says the project lowers emissions: the climate data, else the DNSH assessment."""
    mitigation = data.project.climate.mitigation if data.project.climate else None
    if mitigation is not None:
        return "według danych w project.climate.mitigation" if mitigation.relative < 0 else None
    dnsh = data.application.dnsh.climate_mitigation if data.application else None
    if dnsh is not None and dnsh.impact is DnshImpact.POSITIVE:
        return "według oceny DNSH, która podaje pozytywny wpływ na łagodzenie zmian klimatu"
    return None


def check_indicators_table(data: ProjectFile) -> list[Problem]:
    """An indicator given by its code keeps the unit and kind of its row (the programme's list, else the
    common table); an emissions indicator falls when emissions do."""
    problems: list[Problem] = []
    programme = data.application.programme_indicators if data.application else []
    for index, indicator in enumerate(data.project.indicators):
        row = indicator_row(indicator.code, programme)
        if row is None:
            continue
        given, path = indicator.given, INDICATORS + (index,)
        if given["unit"] and not row.accepts_unit(given["unit"]):
            problems.append(error(
                "indicator.unit_mismatch",
                f"wskaźnik {row.code} „{row.name}” mierzy się w jednostce {row.unit} (według {row.source}), "
                f"a podano „{given['unit']}”; usuń pole unit albo podaj {row.unit}", path + ("unit",)))
        if given["kind"] is not None and given["kind"].value != row.kind:
            problems.append(error(
                "indicator.kind_mismatch",
                f"wskaźnik {row.code} „{row.name}” jest wskaźnikiem {row.kind} (według {row.source}), "
                f"a podano: {given['kind'].value}", path + ("kind",)))
        if given["name"] and given["name"] != row.name:
            problems.append(warning(
                "indicator.name_not_official",
                f"dokument podaje nazwę wskaźnika {row.code} według {row.source}: „{row.name}”, a nie "
                f"„{given['name']}”; "
                "usuń pole name", path + ("name",)))
        if row.emissions:
            problems += _emissions(data, index)
    return problems


def _emissions(data: ProjectFile, index: int) -> list[Problem]:
    indicator = data.project.indicators[index]
    path = INDICATORS + (index, "target")
    why = _reduction_expected(data)
    if why and indicator.target >= indicator.base:
        return [error(
            "indicator.emissions_direction",
            f"wskaźnik {indicator.code} mierzy emisję po realizacji projektu, więc przy jej zmniejszeniu ({why}) "
            f"wartość docelowa musi być niższa od bazowej, a podano {number(indicator.base)} → "
            f"{number(indicator.target)} {indicator.unit}", path)]
    mitigation = data.project.climate.mitigation if data.project.climate else None
    if mitigation is None:
        return []
    problems = []
    for field, value, expected, label in (("base", indicator.base, mitigation.emissions_without, "bez projektu"),
                                          ("target", indicator.target, mitigation.emissions_with, "z projektem")):
        if value != expected:
            problems.append(error(
                "indicator.emissions_climate",
                f"wartość {'bazowa' if field == 'base' else 'docelowa'} wskaźnika {indicator.code} "
                f"({number(value)} {indicator.unit}) różni się od emisji {label} w project.climate.mitigation "
                f"({number(expected)} {indicator.unit}); to ta sama wielkość", INDICATORS + (index, field)))
    return problems


def check_climate(data: ProjectFile) -> list[Problem]:
    """CPR 2021/1060 art. 73 ust. 2 lit. j: climate proofing of infrastructure lasting at least five years."""
    climate = data.project.climate
    if climate is None:
        return [warning(
            "climate.missing",
            "brak oceny uodpornienia infrastruktury na zmiany klimatu (art. 73 ust. 2 lit. j rozporządzenia "
            "2021/1060): podaj project.climate z neutralnością klimatyczną (mitigation) i odpornością na zmiany "
            "klimatu (adaptation); projekt bez infrastruktury o okresie użytkowania co najmniej 5 lat podaje tylko "
            "lifespan_years", ("project",))]
    if not climate.required:
        return []
    problems = []
    for part, label in (("mitigation", "neutralności klimatycznej"), ("adaptation", "odporności na zmiany klimatu")):
        if getattr(climate, part) is None:
            problems.append(error(
                f"climate.{part}_missing",
                f"infrastruktura o okresie użytkowania {climate.lifespan_years} lat wymaga oceny {label} "
                f"(wytyczne 2021/C 373/01); podaj project.climate.{part}", CLIMATE))
    if climate.adaptation is not None:
        hazards = climate.adaptation.hazards
        screened = {h.hazard for h in hazards}
        missing = [h.value for h in SCREENED_HAZARDS if h not in screened]
        if missing:
            problems.append(warning(
                "climate.hazard_not_screened",
                f"ocena podatności nie obejmuje zagrożeń: {join_words(missing)}; oceń je (choćby jako niskie)",
                CLIMATE + ("adaptation", "hazards")))
        for index, hazard in enumerate(hazards):
            if hazard.vulnerability is not ClimateLevel.LOW and not hazard.measures:
                problems.append(error(
                    "climate.measures_missing",
                    f"podatność na zagrożenie „{hazard.hazard.value}” jest {hazard.vulnerability.value} (wrażliwość "
                    f"{hazard.sensitivity.value}, narażenie {hazard.worst_exposure.value}); "
                    "podaj działania adaptacyjne (measures)", CLIMATE + ("adaptation", "hazards", index)))
    return problems


DURABILITY_FROM_END = re.compile(r"\d+\s+lat\w*\s+(po|od)\s+zakończeni\w*\s+(realizacji\s+)?projektu", re.I)


def check_durability_start(data: ProjectFile) -> list[Problem]:
    """CPR art. 65: durability runs from the final payment, not from the end of the project."""
    found = DURABILITY_FROM_END.search(data.project.durability)
    if found is None:
        return []
    return [warning(
        "durability.start",
        f"trwałość liczy się od płatności końcowej na rzecz beneficjenta (art. 65 rozporządzenia 2021/1060), "
        f"a tekst podaje „{found.group(0)}”", ("project", "durability"))]


SHARED_RULES = (check_indicators_table, check_climate, check_durability_start)
