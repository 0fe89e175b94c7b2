"""What an advisor gives for the financial and economic analysis of a project, and its demand data.

Investment outlays are never typed here: they come from the project's tasks (costs by year), so
the analysis and the schedule always agree. The basis is the 2021–2027 one: the MFiPR guidelines on
investment projects (incl. hybrid ones) 2021–2027 and the Commission's Economic Appraisal Vademecum
2021–2027. Reference periods and discount rates keep the values of the earlier sector annex; the
guidelines' confirmation of them is not verified, so they stay parameters whose source the document
names, and the build warns the advisor (never a "to be verified" in the document).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .base import MarkdownLine, Model, OptionalMarkdown, OptionalMarkdownLine, OptionalText, Text
from .identifiers import IndicatorCode
from .money import Money, Number, Percent, parse_decimal, parse_money


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
    ENERGY = "energetyka"
    BUSINESS = "infrastruktura biznesowa"
    OTHER = "inne"


# Sector reference periods (implementation years included) as the 2021–2027 guidelines take them
# over from the earlier sector annex: roads 25–30, rail 30, water and environment 30, waste 25–30,
# ports and airports 25, research and innovation 15–25, broadband 15–20, energy 15–25, business
# infrastructure 10–15, other sectors 10–15 years. The default is the lower bound. Their 2021–2027
# confirmation is not verified: a parameter, a build warning (check_basis), the source named.
REFERENCE_PERIODS: dict[InvestmentKind, int] = {
    InvestmentKind.ROADS: 25, InvestmentKind.RAIL: 30, InvestmentKind.WATER: 30, InvestmentKind.WASTE: 25,
    InvestmentKind.PORTS: 25, InvestmentKind.RESEARCH: 15, InvestmentKind.BROADBAND: 15,
    InvestmentKind.ENERGY: 15, InvestmentKind.BUSINESS: 10, InvestmentKind.OTHER: 10,
}
REFERENCE_RANGES: dict[InvestmentKind, str] = {
    InvestmentKind.ROADS: "25–30", InvestmentKind.RAIL: "30", InvestmentKind.WATER: "30",
    InvestmentKind.WASTE: "25–30", InvestmentKind.PORTS: "25", InvestmentKind.RESEARCH: "15–25",
    InvestmentKind.BROADBAND: "15–20", InvestmentKind.ENERGY: "15–25", InvestmentKind.BUSINESS: "10–15",
    InvestmentKind.OTHER: "10–15",
}
BASIS_GUIDELINES = ("Wytyczne Ministra Funduszy i Polityki Regionalnej dotyczące zagadnień związanych "
                    "z przygotowaniem projektów inwestycyjnych, w tym projektów hybrydowych na lata 2021–2027")
BASIS_VADEMECUM = "Economic Appraisal Vademecum 2021–2027 (Komisja Europejska, DG REGIO, 2021)"


class AppraisalMethod(str, Enum):
    """The proportional method of the economic appraisal (Vademecum 2021–2027)."""

    FULL_CBA = "pełna analiza kosztów i korzyści"
    SIMPLIFIED_CBA = "uproszczona analiza kosztów i korzyści"
    COST_EFFECTIVENESS = "analiza efektywności kosztowej"
    MULTI_CRITERIA = "analiza wielokryterialna"


def _operating_amount(value: object) -> Decimal:
    """An operating cost or revenue: never negative, with a hint where a saving was typed as a cost."""
    try:
        number = parse_decimal(value)
    except PydanticCustomError:
        return parse_money(value)
    if number < 0:
        raise PydanticCustomError(
            "analysis.negative_cost",
            "kwota nie może być ujemna (podano {value}); oszczędność (np. energii, utrzymania) wpisz jako "
            "koszty bez projektu w analysis.without_project, a tutaj koszty z projektem – analiza liczy "
            "różnicę", {"value": str(value)})
    return parse_money(value)


FlowMoney = Annotated[Decimal, BeforeValidator(_operating_amount),
                      WithJsonSchema({"type": ["number", "string"], "minimum": 0,
                                      "description": "Kwota w złotych, najwyżej 2 miejsca po przecinku"})]


class YearlyAmounts(Model):
    """A yearly amount from a year on, changing by a constant real rate, or amounts given per year."""

    amount: FlowMoney | None = Field(
        None, title="Kwota roczna [zł]",
        description="W cenach stałych. Pominięta: dla kosztów eksploatacji i przychodów – wartość z sekcji "
                    "operation (annual_costs, annual_revenue)")
    from_year: Year | None = Field(
        None, title="Od roku", description="Pierwszy rok, w którym występuje kwota; domyślnie rok rozpoczęcia "
                                           "eksploatacji (operation_start). Rok rozpoczęcia eksploatacji liczy się "
                                           "za jej miesiące, późniejszy – w całości")
    growth: GrowthRate = Field(
        Decimal(0), title="Realna zmiana roczna [%]",
        description="Np. 2 – kwota rośnie o 2% rocznie od drugiego roku, -1 – maleje o 1%; domyślnie 0")
    by_year: dict[Year, FlowMoney] = Field(
        default_factory=dict, title="Kwoty w wybranych latach",
        description="Np. {2030: 20000, 2031: 30000}; zastępują kwotę wyliczoną z amount w tych latach")


class DemandQuantity(Model):
    """A benefit's yearly quantity read from a figure of the demand analysis."""

    figure: Text = Field(title="Wielkość z analizy popytu", description="Identyfikator (id) wielkości z project.demand."
                                                                        "figures; bierze się jej prognozę, a bez niej "
                                                                        "popyt obecny")
    factor: Number = Field(Decimal(1), gt=0, title="Przelicznik",
                           description="Ilość korzyści na jednostkę tej wielkości, np. 3,6 km samochodem uniknięte "
                                       "na przejazd rowerem")
    explanation: OptionalMarkdownLine = Field("", title="Wyjaśnienie przelicznika",
                                              description="Np. 12 km średniej podróży × 30% wcześniej samochodem")


class Benefit(YearlyAmounts):
    """A benefit to society per year: quantity (from the demand analysis) × unit value × ramp-up."""

    name: Text = Field(title="Korzyść", description="Np. Uniknięte wypadki z udziałem rowerzystów")
    demand: DemandQuantity | None = Field(None, title="Ilość z analizy popytu",
                                          description="Ilość rocznie wyliczona z wielkości analizy popytu")
    quantity: Number | None = Field(None, title="Ilość rocznie",
                                    description="Gdy nie wynika z analizy popytu (demand): np. 0,8 ofiary rocznie")
    unit: OptionalText = Field("", title="Jednostka ilości", description="Np. ofiary/rok, godziny/rok, t CO2e/rok")
    parameter: Text | None = Field(None, title="Wartość jednostkowa z tabeli parametrów",
                                   description="Klucz z tabeli wartości jednostkowych programu (np. czas_podrozy, "
                                               "co2_eib) albo z analysis.unit_values projektu")
    unit_value: Money | None = Field(None, title="Wartość jednostkowa [zł]",
                                     description="Podana wprost: wymaga źródła (source) i roku cen (price_year)")
    price_year: int | None = Field(None, ge=2000, le=2050, title="Rok cen wartości jednostkowej")
    source: OptionalMarkdownLine = Field("", title="Źródło wyceny",
                                         description="Skąd pochodzi wartość jednostkowa (wymagane przy unit_value "
                                                     "i amount)")
    ramp_up: dict[Year, Percent] = Field(
        default_factory=dict, title="Dochodzenie do pełnego efektu [%]",
        description="Np. {2029: 50, 2030: 80}: odsetek pełnej ilości w tych latach; pozostałe lata 100%")

    @model_validator(mode="after")
    def _one_valuation(self) -> "Benefit":
        quantity = self.quantity is not None or self.demand is not None
        value = self.unit_value is not None or self.parameter is not None
        if self.quantity is not None and self.demand is not None:
            raise PydanticCustomError("benefit.valuation", "podaj ilość z analizy popytu (demand) albo ilość "
                                                           "(quantity), nie oba sposoby")
        if self.unit_value is not None and self.parameter is not None:
            raise PydanticCustomError("benefit.valuation", "podaj wartość jednostkową (unit_value) albo klucz "
                                                           "tabeli parametrów (parameter), nie oba sposoby")
        priced = quantity or value
        if priced and not (quantity and value):
            raise PydanticCustomError("benefit.valuation", "podaj razem ilość (demand albo quantity) i wartość "
                                                           "jednostkową (parameter albo unit_value)")
        if priced and self.amount is not None:
            raise PydanticCustomError("benefit.valuation", "podaj kwotę roczną (amount) albo ilość i wartość "
                                                           "jednostkową, nie oba sposoby")
        if not priced and self.amount is None and not self.by_year:
            raise PydanticCustomError("benefit.valuation", "podaj ilość i wartość jednostkową, kwotę roczną "
                                                           "(amount) albo kwoty w latach (by_year)")
        if (self.unit_value is not None or not priced) and not self.source:
            raise PydanticCustomError("benefit.unit_value_source",
                                      "wartość korzyści „{name}” podana wprost nie ma źródła: dodaj pole source "
                                      "(publikacja, wydanie, rok){years}", {
                                          "name": self.name,
                                          "years": " i rok cen (price_year)" if self.unit_value is not None else ""})
        if self.unit_value is not None and self.price_year is None:
            raise PydanticCustomError("benefit.unit_value_source",
                                      "wartość jednostkowa korzyści „{name}” nie ma roku cen: dodaj pole price_year",
                                      {"name": self.name})
        return self


class UnitValue(Model):
    """One unit value of the parameter table: constant, or (carbon) in EUR by year, interpolated."""

    name: Text = Field(title="Wartość jednostkowa", description="Np. Wartość czasu podróży niezawodowej")
    unit: Text = Field(title="Jednostka", description="Np. zł/godz., zł/ofiarę, zł/t CO2e")
    value: Money | None = Field(None, title="Wartość [zł]")
    eur_by_year: dict[Year, Number] = Field(
        default_factory=dict, title="Wartość w euro w latach",
        description="Np. koszt cienia emisji EBI {2020: 80, 2025: 165, 2030: 250}; między latami interpolacja "
                    "liniowa, przeliczenie kursem project.eur_rate")
    price_year: int = Field(ge=2000, le=2050, title="Rok cen")
    source: MarkdownLine = Field(title="Źródło", description="Publikacja, wydanie i rok")
    verified: bool = Field(False, title="Wartość sprawdzona w źródle",
                           description="false: program ostrzega doradcę, że wartość i wydanie trzeba potwierdzić")

    @model_validator(mode="after")
    def _one_value(self) -> "UnitValue":
        if (self.value is None) == (not self.eur_by_year):
            raise PydanticCustomError("unit_value.value", "podaj wartość w złotych (value) albo wartości w euro "
                                                          "w latach (eur_by_year)")
        return self


class WithoutProject(Model):
    """Wariant 0: what running the existing service costs and earns without the project."""

    description: MarkdownLine = Field(title="Stan bez projektu", description="Np. budynki ogrzewane kotłownią węglową, "
                                                                             "1 450 MWh ciepła rocznie")
    operating_costs: YearlyAmounts = Field(default_factory=YearlyAmounts, title="Koszty eksploatacji bez projektu",
                                           description="Od roku rozpoczęcia eksploatacji; domyślnie 0")
    revenues: YearlyAmounts = Field(default_factory=YearlyAmounts, title="Przychody bez projektu")


class FiscalCorrection(Model):
    """VAT contained in the flows typed gross, removed in the economic analysis (and, when VAT is
    recoverable, in the financial one)."""

    replacement_vat: Percent = Field(Decimal(23), title="Stawka VAT w nakładach odtworzeniowych [%]")
    operating_vat: Percent = Field(Decimal(23), title="Stawka VAT w kosztach eksploatacji [%]",
                                   description="0 dla kosztów bez VAT (wynagrodzenia); domyślnie 23")
    residual_vat: Percent = Field(Decimal(23), title="Stawka VAT w wartości rezydualnej [%]",
                                  description="0, gdy wartość rezydualna to grunty albo podano ją bez VAT")


class ConversionFactors(Model):
    """Conversion factors from financial (net of VAT) to economic prices, per kind of flow."""

    investment: Number | None = Field(None, gt=0, le=3, title="Nakłady inwestycyjne")
    operating: Number | None = Field(None, gt=0, le=3, title="Koszty eksploatacji")
    replacement: Number | None = Field(None, gt=0, le=3, title="Nakłady odtworzeniowe")
    residual: Number | None = Field(None, gt=0, le=3, title="Wartość rezydualna")


class CostEffectiveness(Model):
    """The effect the options' dynamic generation cost (DGC) is computed on."""

    effect: Text = Field(title="Efekt", description="Np. Liczba seniorów objętych opieką dzienną")
    unit: Text = Field(title="Jednostka efektu", description="Np. osobodni opieki/rok")


class Criterion(Model):
    """One criterion of the simplified multi-criteria analysis (benefits not monetised)."""

    name: Text = Field(title="Kryterium")
    weight: Percent = Field(title="Waga [%]", description="Wagi wszystkich kryteriów sumują się do 100")
    score: int = Field(ge=0, le=5, title="Ocena projektu (0–5)")
    baseline: int = Field(0, ge=0, le=5, title="Ocena wariantu bezinwestycyjnego (0–5)")
    justification: MarkdownLine = Field(title="Uzasadnienie oceny")


class FinancialAnalysis(Model):
    """Parametry analizy finansowej i ekonomicznej (metoda różnicowa, ceny stałe, stopy realne)."""

    method: AppraisalMethod | None = Field(
        None, title="Metoda analizy ekonomicznej",
        description="Pominięta: program wybiera ją proporcjonalnie (Vademecum 2021–2027) – wycenione korzyści: "
                    "pełna analiza kosztów i korzyści od 5 mln EUR kosztu, uproszczona poniżej; bez wyceny: "
                    "analiza efektywności kosztowej (DGC), gdy warianty mają efekty, inaczej wielokryterialna")
    method_reason: OptionalMarkdownLine = Field("", title="Uzasadnienie wyboru metody",
                                                description="Wymagane, gdy metodę podano (method)")
    investment_kind: InvestmentKind = Field(
        InvestmentKind.OTHER, title="Rodzaj inwestycji",
        description="Decyduje o domyślnym okresie odniesienia (dolna granica przedziału sektorowego przyjętego "
                    "w wytycznych 2021–2027): drogi 25, kolej 30, woda i środowisko 30, odpady 25, porty "
                    "i lotniska 25, badania i innowacje 15, sieci szerokopasmowe 15, energetyka 15, infrastruktura "
                    "biznesowa 10, inne 10 lat")
    operation_start: date | None = Field(
        None, title="Rozpoczęcie eksploatacji",
        description="Dzień, od którego działa infrastruktura lub usługa: od niego liczą się koszty eksploatacji, "
                    "przychody i korzyści (w pierwszym roku część roku); domyślnie dzień po zakończeniu projektu")
    reference_period: int | None = Field(
        None, ge=5, le=40, title="Okres odniesienia [lata]",
        description="Liczba lat analizy łącznie z latami realizacji, licząc od roku rozpoczęcia projektu; "
                    "domyślnie według rodzaju inwestycji")
    parameters_confirmed: bool = Field(
        False, title="Parametry potwierdzone przez doradcę",
        description="true: stopy dyskontowe, okres odniesienia i wartości jednostkowe z tabeli programu sprawdzono "
                    "w wytycznych 2021–2027, regulaminie naboru i aktualnych wydaniach źródeł; bez tego program "
                    "ostrzega przy budowie dokumentu")
    discount_rate: DiscountRate = Field(
        Decimal(4), title="Finansowa stopa dyskontowa [%]",
        description="Realna; domyślnie 4% (wartość z wytycznych 2014–2020 przyjęta dla 2021–2027)")
    operating_costs: YearlyAmounts = Field(
        default_factory=YearlyAmounts, title="Koszty eksploatacji z projektem",
        description="Domyślnie operation.annual_costs co roku od rozpoczęcia eksploatacji; analiza odejmuje od nich "
                    "koszty bez projektu (without_project)")
    revenues: YearlyAmounts = Field(
        default_factory=YearlyAmounts, title="Przychody z projektem",
        description="Domyślnie operation.annual_revenue co roku od rozpoczęcia eksploatacji")
    without_project: WithoutProject | None = Field(
        None, title="Scenariusz bez projektu (wariant 0)",
        description="Koszty i przychody istniejącej usługi bez projektu; analiza używa różnicy, więc oszczędności "
                    "(energii, utrzymania) są dodatnim przepływem")
    replacement_costs: dict[Year, Money] = Field(
        default_factory=dict, title="Nakłady odtworzeniowe",
        description="Wymiana elementów o krótszej żywotności, np. {2039: 180000}")
    residual_value: Money = Field(
        Decimal(0), title="Wartość rezydualna [zł]",
        description="Wartość majątku na koniec okresu odniesienia (ujmowana w ostatnim roku); domyślnie 0")
    budget_support: YearlyAmounts | None = Field(
        None, title="Środki budżetów JST na eksploatację",
        description="Kwoty zabezpieczone w budżetach (np. w wieloletniej prognozie finansowej) na pokrycie "
                    "kosztów eksploatacji i odtworzenia, od pierwszego roku kosztów eksploatacji poza projektem "
                    "(operating_costs.from_year albo rozpoczęcia eksploatacji); pominięte – budżet pokrywa co roku "
                    "różnicę między tymi kosztami a przychodami (operation.cost_coverage)")
    funding_gap: bool = Field(
        False, title="Luka finansowa wymagana",
        description="true, gdy lukę finansową wymagają zasady pomocy publicznej albo regulamin naboru; w latach "
                    "2021–2027 nie jest ogólnym wymogiem: bez tego analiza podaje dochód netto projektu")
    social_discount_rate: DiscountRate = Field(
        Decimal(5), title="Społeczna stopa dyskontowa [%]",
        description="Domyślnie 5% (kraje spójności; Vademecum 2021–2027 i przewodnik KE z 2014 r.)")
    conversion_factor: Number = Field(
        Decimal(1), gt=0, le=3, title="Współczynnik konwersji kosztów",
        description="Przelicza koszty finansowe (bez VAT) na ekonomiczne (ceny rozrachunkowe); domyślnie 1")
    conversion_factors: ConversionFactors = Field(
        default_factory=ConversionFactors, title="Współczynniki konwersji według rodzaju przepływu",
        description="Pominięte: conversion_factor")
    fiscal_correction: FiscalCorrection = Field(default_factory=FiscalCorrection, title="Korekta fiskalna (VAT)")
    unit_values: dict[str, UnitValue] = Field(
        default_factory=dict, title="Wartości jednostkowe projektu",
        description="Zastępują lub uzupełniają tabelę wartości jednostkowych programu (ten sam klucz – zastępuje)")
    demand_tolerance: Percent = Field(
        Decimal(10), title="Dopuszczalna rozbieżność popytu i wskaźników [%]",
        description="Ostrzeżenie, gdy prognoza popytu różni się od wartości docelowej wskaźnika o więcej")
    cost_effectiveness: CostEffectiveness | None = Field(
        None, title="Efekt analizy efektywności kosztowej",
        description="Efekt, na który liczy się dynamiczny koszt jednostkowy (DGC) wariantów (pole annual_effect)")
    benefits: list[Benefit] = Field(
        default_factory=list, title="Korzyści społeczne (wycenione)",
        description="Ilość z analizy popytu × wartość jednostkowa × dochodzenie do pełnego efektu; dają analizę "
                    "kosztów i korzyści (ENPV, ERR, B/C)")
    multi_criteria: list[Criterion] = Field(
        default_factory=list, title="Uproszczona analiza wielokryterialna",
        description="Gdy korzyści nie da się wycenić: kryteria z wagami i ocenami 0–5")


class DemandFigure(Model):
    """One measured quantity of demand and supply."""

    id: Text | None = Field(None, pattern=r"^[A-Za-z0-9_.\-]+$", title="Identyfikator",
                            description="Np. UZYTKOWNICY; korzyści biorą z niego ilość (benefits[].demand.figure)")
    name: Text = Field(title="Wielkość", description="Np. Dzienne dojazdy rowerem do Wałcza")
    unit: Text = Field(title="Jednostka")
    demand: Number = Field(title="Popyt obecny")
    forecast: Number | None = Field(None, title="Prognoza popytu", description="Popyt w roku prognozy")
    forecast_year: Year | None = Field(None, title="Rok prognozy")
    supply: Number = Field(title="Istniejąca podaż")
    source: MarkdownLine = Field(title="Źródło danych")
    indicator: IndicatorCode | None = Field(None, title="Kod wskaźnika rezultatu",
                                   description="Wskaźnik, którego wartość docelowa odpowiada tej wielkości (np. RCR 64)")
    per_year: Number = Field(Decimal(1), gt=0, title="Przelicznik na jednostkę wskaźnika",
                             description="Np. 440 (220 dni × 2 przejazdy), gdy popyt jest dzienny, a wskaźnik roczny")

    @property
    def expected(self) -> Decimal:
        """The quantity the project's effects are computed on: the forecast, or current demand."""
        return self.forecast if self.forecast is not None else self.demand

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
