"""Territorial strategies (supralocal, ZIT, IIT): one model, the types differ in what they require."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import Field

from ..media import ImageFile
from .base import Markdown, MarkdownLine, Model, OptionalMarkdown, OptionalMarkdownLine, OptionalText, Text
from .money import Money, Number


class Dimension(str, Enum):
    SOCIAL = "społeczny"
    ECONOMIC = "gospodarczy"
    SPATIAL = "przestrzenny"
    ENVIRONMENTAL = "środowiskowy"


class Swot(Model):
    strengths: list[MarkdownLine] = Field(min_length=1, title="Mocne strony")
    weaknesses: list[MarkdownLine] = Field(min_length=1, title="Słabe strony")
    opportunities: list[MarkdownLine] = Field(min_length=1, title="Szanse")
    threats: list[MarkdownLine] = Field(min_length=1, title="Zagrożenia")


class Diagnosis(Model):
    """Wnioski z diagnozy w podziale na sfery."""

    social: list[MarkdownLine] = Field(default_factory=list, title="Sfera społeczna")
    economic: list[MarkdownLine] = Field(default_factory=list, title="Sfera gospodarcza")
    spatial: list[MarkdownLine] = Field(default_factory=list, title="Sfera przestrzenna")
    environmental: list[MarkdownLine] = Field(default_factory=list, title="Sfera środowiskowa")
    swot: Swot | None = Field(None, title="Analiza SWOT")


class ExpectedResult(Model):
    name: Text = Field(title="Oczekiwany rezultat / wskaźnik")
    unit: Text = Field(title="Jednostka")
    base: Number = Field(title="Wartość bazowa")
    target: Number = Field(title="Wartość docelowa")
    year: int = Field(ge=2021, le=2040, title="Rok")
    spatial: bool = Field(False, title="Rezultat w układzie przestrzennym")


class Direction(Model):
    code: Text = Field(title="Kod kierunku działań", description="Np. 1.1")
    name: Text = Field(title="Kierunek działań")
    description: OptionalMarkdownLine = Field("", title="Opis")


class Goal(Model):
    code: Text = Field(title="Kod celu", description="Np. C1")
    name: Text = Field(title="Cel strategiczny")
    dimension: Dimension = Field(title="Wymiar celu")
    description: OptionalMarkdownLine = Field("", title="Opis celu")
    directions: list[Direction] = Field(default_factory=list, title="Kierunki działań")
    results: list[ExpectedResult] = Field(default_factory=list, title="Oczekiwane rezultaty i wskaźniki")


class MapSection(Model):
    description: Markdown = Field(title="Opis")
    map: ImageFile | None = Field(None, title="Mapa", description="Plik PNG lub JPEG")


class OsiArea(Model):
    name: Text = Field(title="Nazwa OSI")
    members: list[Text] = Field(default_factory=list, title="Członkowie partnerstwa na obszarze OSI")
    scope: MarkdownLine = Field(title="Zakres planowanych działań")


class Osi(Model):
    regional: list[OsiArea] = Field(default_factory=list, title="OSI wskazane w strategii województwa")
    regional_map: ImageFile | None = Field(None, title="Mapa OSI regionalnych")
    local: list[OsiArea] = Field(default_factory=list, title="OSI o znaczeniu lokalnym")
    local_map: ImageFile | None = Field(None, title="Mapa lokalnych OSI")


class Implementation(Model):
    management: Markdown = Field(title="Zarządzanie realizacją strategii")
    monitoring: Markdown = Field(title="Monitorowanie")
    evaluation: Markdown = Field(title="Ewaluacja")
    implementing_documents: list[MarkdownLine] = Field(default_factory=list,
                                               title="Wytyczne do dokumentów wykonawczych")


class FinancialSource(Model):
    source: Text = Field(title="Źródło finansowania")
    amounts: dict[int, Money] = Field(min_length=1, title="Kwoty w latach", description="Np. {2025: 1000000}")

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))


class FinancialFramework(Model):
    sources: list[FinancialSource] = Field(min_length=1, title="Źródła finansowania")
    description: OptionalMarkdown = Field("", title="Opis ram finansowych")

    @property
    def years(self) -> list[int]:
        return sorted({year for source in self.sources for year in source.amounts})

    @property
    def totals_by_year(self) -> list[Decimal]:
        return [sum((s.amounts.get(y, Decimal(0)) for s in self.sources), Decimal(0)) for y in self.years]

    @property
    def total(self) -> Decimal:
        return sum((s.total for s in self.sources), Decimal(0))


class ConsultedGroup(str, Enum):
    NEIGHBOURS = "sąsiednie gminy i ich związki"
    PARTNERS = "partnerzy społeczni i gospodarczy"
    RESIDENTS = "mieszkańcy"
    WATER_AUTHORITY = "dyrektor regionalnego zarządu gospodarki wodnej Wód Polskich"


class Consultation(Model):
    start: dt.date = Field(title="Początek konsultacji")
    end: dt.date = Field(title="Koniec konsultacji")
    announcement: Text = Field(title="Ogłoszenie", description="Gdzie i kiedy ogłoszono konsultacje (strona internetowa)")
    groups: list[ConsultedGroup] = Field(min_length=1, title="Konsultowane podmioty")
    forms: list[Text] = Field(default_factory=list, title="Formy konsultacji")
    comments_received: int = Field(ge=0, le=1_000_000, title="Liczba zgłoszonych uwag")
    comments_accepted: int = Field(ge=0, le=1_000_000, title="Liczba uwzględnionych uwag")
    report: Markdown = Field(title="Sprawozdanie z przebiegu i wyników konsultacji")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class OpinionBody(str, Enum):
    VOIVODESHIP_BOARD = "zarząd województwa"
    MANAGING_AUTHORITY = "instytucja zarządzająca programem regionalnym"


class Opinion(Model):
    body: OpinionBody = Field(title="Organ")
    date: dt.date = Field(title="Data opinii")
    result: MarkdownLine = Field(title="Treść / wynik opinii")
    reference: OptionalText = Field("", title="Znak pisma lub numer uchwały")


class Interlinkages(Model):
    economic: MarkdownLine = Field(title="Powiązania gospodarcze")
    social: MarkdownLine = Field(title="Powiązania społeczne")
    environmental: MarkdownLine = Field(title="Powiązania środowiskowe")


class NeedsPotential(Model):
    needs: list[MarkdownLine] = Field(min_length=1, title="Potrzeby rozwojowe")
    potential: list[MarkdownLine] = Field(min_length=1, title="Potencjał obszaru")
    interlinkages: Interlinkages = Field(title="Powiązania gospodarcze, społeczne i środowiskowe")


class IitBasis(str, Enum):
    OSI = "OSI nieobjęty ZIT"
    AREA = "obszar wskazany przez instytucję zarządzającą"
    CWD = "partnerstwo JST objęte wsparciem CWD"


class Strategy(Model):
    name: Text = Field(title="Tytuł strategii")
    years: Text = Field(title="Okres obowiązywania", description="Np. 2021–2030")
    regional_strategy: Text = Field(title="Strategia rozwoju województwa, z którą strategia jest spójna")
    area_description: Markdown = Field(title="Opis obszaru strategii")
    vision: Markdown = Field(title="Wizja rozwoju")
    mission: OptionalMarkdown = Field("", title="Misja")
    diagnosis: Diagnosis = Field(title="Wnioski z diagnozy")
    needs_potential: NeedsPotential | None = Field(None, title="Potrzeby i potencjał obszaru (art. 29 CPR)")
    goals: list[Goal] = Field(min_length=1, title="Cele strategiczne")
    functional_model: MapSection | None = Field(None, title="Model struktury funkcjonalno-przestrzennej")
    spatial_policy: list[MarkdownLine] = Field(default_factory=list,
                                       title="Ustalenia i rekomendacje w zakresie polityki przestrzennej")
    osi: Osi = Field(default_factory=Osi, title="Obszary strategicznej interwencji")
    integrated_approach: OptionalMarkdown = Field("", title="Zintegrowane podejście terytorialne")
    partner_involvement: OptionalMarkdown = Field("", title="Zaangażowanie partnerów (art. 8 CPR)")
    iit_basis: IitBasis | None = Field(None, title="Podstawa objęcia IIT")
    implementation: Implementation | None = Field(None, title="System realizacji strategii")
    financial_framework: FinancialFramework | None = Field(None, title="Ramy finansowe")
    powiat_gminy_counts: dict[str, Annotated[int, Field(ge=1, le=1_000)]] = Field(
        default_factory=dict, title="Liczba gmin w powiatach obszaru",
        description="Kod TERYT powiatu (WWPP) → liczba wszystkich gmin powiatu, np. {\"3217\": 5}")
    consultation: Consultation | None = Field(None, title="Konsultacje")
    opinions: list[Opinion] = Field(default_factory=list, title="Opinie")

    def opinion(self, body: OpinionBody) -> Opinion | None:
        return next((o for o in self.opinions if o.body is body), None)

    @property
    def results(self) -> list[tuple[Goal, ExpectedResult]]:
        return [(goal, result) for goal in self.goals for result in goal.results]
