"""What an advisor gives for the financial and economic analysis of a project, and its demand data.

Investment outlays are never typed here: they come from the project's tasks (costs by year), so
the analysis and the schedule always agree. Defaults follow the EU "Guide to Cost-Benefit Analysis
of Investment Projects" (2014) and Delegated Regulation 480/2014, annex I (2014–2020; kept as
parameters because their validity for 2021–2027 is not confirmed).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .base import MarkdownLine, Model, OptionalMarkdown, OptionalText, Text
from .money import Money, Number, Percent, parse_decimal


def _rate(low: int, high: int):
    def parse(value: object) -> Decimal:
        number = parse_decimal(value)
        if not Decimal(low) <= number <= Decimal(high):
            raise PydanticCustomError("rate.range", "podaj procent od {low} do {high} (podano {value})",
                                      {"low": str(low).replace("-", "\u2212"), "high": high, "value": str(value)})
        return number
    return parse


DiscountRate = Annotated[Decimal, BeforeValidator(_rate(0, 20)),
                         WithJsonSchema({"type": ["number", "string"], "minimum": 0, "maximum": 20})]
GrowthRate = Annotated[Decimal, BeforeValidator(_rate(-50, 50)),
                       WithJsonSchema({"type": ["number", "string"], "minimum": -50, "maximum": 50})]
Year = Annotated[int, Field(ge=2014, le=2080)]


class InvestmentKind(str, Enum):
    """Kind of investment: decides the default reference period (lower bound of the range)."""

    ROADS = "drogi"
    RAIL = "kolej"
    WATER = "woda i środowisko"
    WASTE = "odpady"
    PORTS = "porty i lotniska"
    RESEARCH = "badania i innowacje"
    BROADBAND = "sieci szerokopasmowe"
    BUSINESS = "infrastruktura biznesowa"
    OTHER = "inne"


# Delegated Regulation 480/2014, annex I: roads 25–30, rail 30, water and environment 30, waste 25–30,
# ports and airports 25, research and innovation 15–25, broadband 15–20, business infrastructure
# 10–15, other sectors 10–15 years (implementation years included). The default is the lower bound.
REFERENCE_PERIODS: dict[InvestmentKind, int] = {
    InvestmentKind.ROADS: 25, InvestmentKind.RAIL: 30, InvestmentKind.WATER: 30, InvestmentKind.WASTE: 25,
    InvestmentKind.PORTS: 25, InvestmentKind.RESEARCH: 15, InvestmentKind.BROADBAND: 15,
    InvestmentKind.BUSINESS: 10, InvestmentKind.OTHER: 10,
}
REFERENCE_RANGES: dict[InvestmentKind, str] = {
    InvestmentKind.ROADS: "25–30", InvestmentKind.RAIL: "30", InvestmentKind.WATER: "30",
    InvestmentKind.WASTE: "25–30", InvestmentKind.PORTS: "25", InvestmentKind.RESEARCH: "15–25",
    InvestmentKind.BROADBAND: "15–20", InvestmentKind.BUSINESS: "10–15", InvestmentKind.OTHER: "10–15",
}


class YearlyAmounts(Model):
    """A yearly amount from a year on, changing by a constant real rate, or amounts given per year."""

    amount: Money | None = Field(
        None, title="Kwota roczna [zł]",
        description="W cenach stałych. Pominięta: dla kosztów eksploatacji i przychodów – wartość z sekcji "
                    "operation (annual_costs, annual_revenue)")
    from_year: Year | None = Field(
        None, title="Od roku", description="Pierwszy rok, w którym występuje kwota; domyślnie rok po roku "
                                           "zakończenia projektu")
    growth: GrowthRate = Field(
        Decimal(0), title="Realna zmiana roczna [%]",
        description="Np. 2 – kwota rośnie o 2% rocznie od drugiego roku, -1 – maleje o 1%; domyślnie 0")
    by_year: dict[Year, Money] = Field(
        default_factory=dict, title="Kwoty w wybranych latach",
        description="Np. {2030: 20000, 2031: 30000}; zastępują kwotę wyliczoną z amount w tych latach")


class Benefit(YearlyAmounts):
    """A benefit to society, in złoty per year: quantity × unit value, or an amount."""

    name: Text = Field(title="Korzyść", description="Np. Uniknięte wypadki z udziałem rowerzystów")
    quantity: Number | None = Field(None, title="Ilość rocznie",
                                    description="Np. 0,8 (uniknięte ofiary wypadków rocznie); z wartością "
                                                "jednostkową daje kwotę roczną")
    unit: OptionalText = Field("", title="Jednostka ilości", description="Np. ofiary/rok, godziny/rok, t CO2/rok")
    unit_value: Money | None = Field(None, title="Wartość jednostkowa [zł]",
                                     description="Np. koszt jednostkowy ofiary wypadku, wartość godziny czasu")
    source: MarkdownLine = Field(title="Źródło wyceny", description="Skąd pochodzą ilość i wartość jednostkowa")

    @model_validator(mode="after")
    def _one_valuation(self) -> "Benefit":
        priced = self.quantity is not None or self.unit_value is not None
        if priced and (self.quantity is None or self.unit_value is None):
            raise PydanticCustomError("benefit.valuation", "podaj razem ilość (quantity) i wartość jednostkową "
                                                           "(unit_value)")
        if priced and self.amount is not None:
            raise PydanticCustomError("benefit.valuation", "podaj kwotę roczną (amount) albo ilość i wartość "
                                                           "jednostkową, nie oba sposoby")
        if not priced and self.amount is None and not self.by_year:
            raise PydanticCustomError("benefit.valuation", "podaj kwotę roczną (amount), ilość i wartość "
                                                           "jednostkową albo kwoty w latach (by_year)")
        return self

    @property
    def yearly_amount(self) -> Decimal | None:
        if self.quantity is not None and self.unit_value is not None:
            return self.quantity * self.unit_value
        return self.amount


class Criterion(Model):
    """One criterion of the simplified multi-criteria analysis (benefits not monetised)."""

    name: Text = Field(title="Kryterium")
    weight: Percent = Field(title="Waga [%]", description="Wagi wszystkich kryteriów sumują się do 100")
    score: int = Field(ge=0, le=5, title="Ocena projektu (0–5)")
    baseline: int = Field(0, ge=0, le=5, title="Ocena wariantu bezinwestycyjnego (0–5)")
    justification: MarkdownLine = Field(title="Uzasadnienie oceny")


class FinancialAnalysis(Model):
    """Parametry analizy finansowej i ekonomicznej (metoda różnicowa, ceny stałe, stopy realne)."""

    investment_kind: InvestmentKind = Field(
        InvestmentKind.OTHER, title="Rodzaj inwestycji",
        description="Decyduje o domyślnym okresie odniesienia (dolna granica przedziału z rozporządzenia "
                    "delegowanego 480/2014, zał. I): drogi 25, kolej 30, woda i środowisko 30, odpady 25, porty "
                    "i lotniska 25, badania i innowacje 15, sieci szerokopasmowe 15, infrastruktura biznesowa 10, "
                    "inne 10 lat")
    reference_period: int | None = Field(
        None, ge=5, le=40, title="Okres odniesienia [lata]",
        description="Liczba lat analizy łącznie z latami realizacji, licząc od roku rozpoczęcia projektu; "
                    "domyślnie według rodzaju inwestycji")
    discount_rate: DiscountRate = Field(
        Decimal(4), title="Finansowa stopa dyskontowa [%]",
        description="Realna; domyślnie 4% (zasada z lat 2014–2020)")
    operating_costs: YearlyAmounts = Field(
        default_factory=YearlyAmounts, title="Koszty eksploatacji (przyrostowe)",
        description="Domyślnie operation.annual_costs co roku od roku po zakończeniu projektu")
    revenues: YearlyAmounts = Field(
        default_factory=YearlyAmounts, title="Przychody (przyrostowe)",
        description="Domyślnie operation.annual_revenue co roku od roku po zakończeniu projektu")
    replacement_costs: dict[Year, Money] = Field(
        default_factory=dict, title="Nakłady odtworzeniowe",
        description="Wymiana elementów o krótszej żywotności, np. {2039: 180000}")
    residual_value: Money = Field(
        Decimal(0), title="Wartość rezydualna [zł]",
        description="Wartość majątku na koniec okresu odniesienia (ujmowana w ostatnim roku); domyślnie 0")
    budget_support: YearlyAmounts | None = Field(
        None, title="Środki budżetów JST na eksploatację",
        description="Kwoty zabezpieczone w budżetach (np. w wieloletniej prognozie finansowej) na pokrycie "
                    "kosztów eksploatacji i odtworzenia; pominięte – budżet pokrywa co roku różnicę między "
                    "tymi kosztami a przychodami (operation.cost_coverage)")
    social_discount_rate: DiscountRate = Field(
        Decimal(5), title="Społeczna stopa dyskontowa [%]",
        description="Domyślnie 5% (przewodnik KE z 2014 r. dla krajów spójności; 3% dla pozostałych)")
    conversion_factor: Number = Field(
        Decimal(1), gt=0, le=3, title="Współczynnik konwersji kosztów",
        description="Przelicza koszty finansowe (bez VAT) na ekonomiczne (ceny rozrachunkowe); domyślnie 1")
    benefits: list[Benefit] = Field(
        default_factory=list, title="Korzyści społeczne (wycenione)",
        description="Podane korzyści dają analizę kosztów i korzyści (ENPV, ERR, B/C)")
    multi_criteria: list[Criterion] = Field(
        default_factory=list, title="Uproszczona analiza wielokryterialna",
        description="Gdy korzyści nie da się wycenić: kryteria z wagami i ocenami 0–5")


class DemandFigure(Model):
    """One measured quantity of demand and supply."""

    name: Text = Field(title="Wielkość", description="Np. Dzienne dojazdy rowerem do Wałcza")
    unit: Text = Field(title="Jednostka")
    demand: Number = Field(title="Popyt obecny")
    forecast: Number | None = Field(None, title="Prognoza popytu", description="Popyt w roku prognozy")
    forecast_year: Year | None = Field(None, title="Rok prognozy")
    supply: Number = Field(title="Istniejąca podaż")
    source: MarkdownLine = Field(title="Źródło danych")

    @property
    def gap(self) -> Decimal:
        """Unmet demand: the forecast (or current demand) beyond the existing supply."""
        return max(Decimal(0), (self.forecast if self.forecast is not None else self.demand) - self.supply)


class DemandAnalysis(Model):
    """Analiza popytu: liczby z źródłami; tekst – gdy plik nie ma analizy sektorowej (application)."""

    figures: list[DemandFigure] = Field(default_factory=list, title="Popyt i podaż w liczbach")
    demand: OptionalMarkdown = Field("", title="Popyt", description="Pomiń, gdy plik ma "
                                     "application.sectoral_analysis – analiza wykonalności użyje jej tekstu")
    supply: OptionalMarkdown = Field("", title="Istniejąca podaż")
    gap: OptionalMarkdown = Field("", title="Luka, którą zamyka projekt")
