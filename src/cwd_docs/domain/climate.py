"""Climate proofing of infrastructure (CPR 2021/1060 art. 73 ust. 2 lit. j; Commission Notice 2021/C 373/01).

One data model in the project file (`project.climate`) that the feasibility analysis and the
application outline both print: mitigation (emissions with and without the project, the 20 000 t
threshold, their value at the shadow cost of carbon) and adaptation (hazards screened, sensitivity,
exposure, the vulnerability that follows, measures).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from pydantic import Field

from .base import MarkdownLine, Model, OptionalMarkdown, OptionalMarkdownLine
from .code_tables import load
from .money import Number

# Above this many t CO₂e a year (absolute or relative) the guidance asks for the carbon footprint in
# detail and its valuation at the shadow cost of carbon (2021/C 373/01, mitigation screening).
DETAILED_THRESHOLD = Decimal(20_000)
MIN_LIFESPAN_YEARS = 5  # art. 73 ust. 2 lit. j: infrastructure with a lifespan of at least five years


class ClimateLevel(str, Enum):
    LOW = "niska"
    MEDIUM = "średnia"
    HIGH = "wysoka"


class ClimateHazard(str, Enum):
    HEAT = "upały i fale ciepła"
    RAIN_FLOOD = "ulewy i powodzie"
    DROUGHT = "susze"
    STORM = "burze i silny wiatr"
    SNOW_FROST = "opady śniegu i mróz"
    LANDSLIDE = "osuwiska"
    FIRE = "pożary"


SCREENED_HAZARDS = (ClimateHazard.HEAT, ClimateHazard.RAIN_FLOOD, ClimateHazard.DROUGHT, ClimateHazard.STORM,
                    ClimateHazard.SNOW_FROST)  # the hazards the domain reference asks every screening to cover

_ORDER = {ClimateLevel.LOW: 0, ClimateLevel.MEDIUM: 1, ClimateLevel.HIGH: 2}
# Vulnerability = sensitivity × exposure, the guidance's 3 × 3 matrix (rows: sensitivity).
_VULNERABILITY = (
    (ClimateLevel.LOW, ClimateLevel.LOW, ClimateLevel.MEDIUM),
    (ClimateLevel.LOW, ClimateLevel.MEDIUM, ClimateLevel.HIGH),
    (ClimateLevel.MEDIUM, ClimateLevel.HIGH, ClimateLevel.HIGH),
)


class HazardScreening(Model):
    hazard: ClimateHazard = Field(title="Zagrożenie klimatyczne")
    sensitivity: ClimateLevel = Field(title="Wrażliwość", description="Wrażliwość obiektów projektu na zagrożenie")
    exposure: ClimateLevel = Field(title="Narażenie obecnie")
    exposure_future: ClimateLevel | None = Field(None, title="Narażenie w przyszłości",
                                                 description="W okresie użytkowania; domyślnie jak obecnie")
    measures: OptionalMarkdownLine = Field("", title="Działania adaptacyjne",
                                           description="Wymagane przy podatności średniej lub wysokiej")

    @property
    def worst_exposure(self) -> ClimateLevel:
        return max(self.exposure, self.exposure_future or self.exposure, key=_ORDER.__getitem__)

    @property
    def vulnerability(self) -> ClimateLevel:
        return _VULNERABILITY[_ORDER[self.sensitivity]][_ORDER[self.worst_exposure]]


class Mitigation(Model):
    """Neutralność klimatyczna: ślad węglowy projektu."""

    emissions_without: Number = Field(ge=0, title="Emisja bez projektu [t CO₂e/rok]",
                                      description="Wariant bez projektu (emisja bazowa)")
    emissions_with: Number = Field(ge=0, title="Emisja z projektem [t CO₂e/rok]",
                                   description="Emisja bezwzględna po realizacji projektu")
    year: int | None = Field(None, ge=2021, le=2060, title="Rok, którego dotyczą wartości",
                             description="Domyślnie pierwszy rok po zakończeniu projektu")
    method: MarkdownLine = Field(title="Sposób oszacowania emisji")
    neutrality: MarkdownLine = Field(title="Zgodność ze ścieżką neutralności klimatycznej do 2050 r.")

    @property
    def relative(self) -> Decimal:
        """Relative emissions: with minus without the project (negative: a reduction)."""
        return self.emissions_with - self.emissions_without

    @property
    def detailed(self) -> bool:
        return max(abs(self.emissions_with), abs(self.relative)) > DETAILED_THRESHOLD


class Adaptation(Model):
    """Odporność na zmiany klimatu: ocena podatności i ryzyka."""

    hazards: list[HazardScreening] = Field(min_length=1, title="Zagrożenia objęte analizą")
    summary: OptionalMarkdown = Field("", title="Wnioski z oceny podatności i ryzyka")


class ClimateProofing(Model):
    """Uodpornienie infrastruktury na zmiany klimatu (art. 73 ust. 2 lit. j rozporządzenia 2021/1060)."""

    lifespan_years: int = Field(ge=0, le=200, title="Przewidywany okres użytkowania infrastruktury [lata]",
                                description="Od 5 lat obowiązuje uodpornienie na zmiany klimatu")
    mitigation: Mitigation | None = Field(None, title="Neutralność klimatyczna (łagodzenie zmian klimatu)")
    adaptation: Adaptation | None = Field(None, title="Odporność na zmiany klimatu (adaptacja)")

    @property
    def required(self) -> bool:
        return self.lifespan_years >= MIN_LIFESPAN_YEARS


def shadow_cost_eur(year: int) -> Decimal:
    """EIB shadow cost of carbon in EUR/t CO₂e (2016 prices), interpolated linearly between the table's years."""
    table = {int(y): Decimal(str(v)) for y, v in load("climate_shadow_cost_of_carbon")["eur_per_tonne"].items()}
    years = sorted(table)
    if year <= years[0]:
        return table[years[0]]
    if year >= years[-1]:
        return table[years[-1]]
    low = max(y for y in years if y <= year)
    high = min(y for y in years if y >= year)
    if low == high:
        return table[low]
    return table[low] + (table[high] - table[low]) * (year - low) / (high - low)


def shadow_cost_source() -> str:
    return load("climate_shadow_cost_of_carbon")["source"]


def valuation(mitigation: Mitigation, year: int, eur_rate: Decimal) -> dict[str, Decimal]:
    """The shadow cost for the year (EUR and zł per t) and the yearly value of the relative emissions."""
    eur = shadow_cost_eur(year).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    pln = (eur * eur_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {"eur": eur, "pln": pln, "value": (mitigation.relative * pln).quantize(Decimal("0.01"),
                                                                                  rounding=ROUND_HALF_UP)}
