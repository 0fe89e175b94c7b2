"""Territorial strategies (supralocal, ZIT, IIT): one model, the types differ in what they require."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import Field

from ..loading.media import ImageFile
from .application import TerritorialMechanism
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


class DataRow(Model):
    """One figure of the diagnosis with its source (e.g. GUS, Bank Danych Lokalnych)."""

    indicator: Text = Field(title="Wskaźnik")
    unit: Text = Field(title="Jednostka")
    value: Number = Field(title="Wartość dla obszaru partnerstwa")
    voivodeship: Number | None = Field(None, title="Wartość dla województwa")
    country: Number | None = Field(None, title="Wartość dla Polski")
    year: int = Field(ge=1990, le=2040, title="Rok")
    source: Text = Field(title="Źródło danych", description="Np. GUS, Bank Danych Lokalnych")


class Trend(Model):
    """A time series of one indicator, drawn as a chart beside the section's table."""

    indicator: Text = Field(title="Wskaźnik")
    unit: Text = Field(title="Jednostka")
    values: dict[int, Number] = Field(min_length=2, title="Wartości w latach", description="Np. {2014: 56000}")
    source: Text = Field(title="Źródło danych")


class DiagnosisSection(Model):
    """One part of the diagnosis: the advisor's text and the data it rests on."""

    title: Text = Field(title="Tytuł części diagnozy", description="Np. Demografia i rynek pracy")
    text: Markdown = Field(title="Tekst diagnozy", description="Akapity w Markdown, źródła w przypisach")
    data: list[DataRow] = Field(default_factory=list, title="Dane (tabela)")
    trend: Trend | None = Field(None, title="Szereg czasowy do wykresu")


class TowsKind(str, Enum):
    SO = "SO"
    ST = "ST"
    WO = "WO"
    WT = "WT"


class TowsConclusion(Model):
    kind: TowsKind = Field(title="Rodzaj strategii TOWS", description="SO, ST, WO albo WT")
    text: MarkdownLine = Field(title="Wniosek")


class Diagnosis(Model):
    """Diagnoza: części z tekstem i danymi, wnioski w podziale na sfery, SWOT i TOWS."""

    sections: list[DiagnosisSection] = Field(default_factory=list, title="Części diagnozy")
    social: list[MarkdownLine] = Field(default_factory=list, title="Sfera społeczna")
    economic: list[MarkdownLine] = Field(default_factory=list, title="Sfera gospodarcza")
    spatial: list[MarkdownLine] = Field(default_factory=list, title="Sfera przestrzenna")
    environmental: list[MarkdownLine] = Field(default_factory=list, title="Sfera środowiskowa")
    swot: Swot | None = Field(None, title="Analiza SWOT")
    tows: list[TowsConclusion] = Field(default_factory=list, title="Wnioski z analizy TOWS")


class ExpectedResult(Model):
    name: Text = Field(title="Oczekiwany rezultat / wskaźnik")
    unit: Text = Field(title="Jednostka")
    base: Number = Field(title="Wartość bazowa")
    target: Number = Field(title="Wartość docelowa")
    year: int = Field(ge=2021, le=2040, title="Rok docelowy")
    spatial: bool = Field(False, title="Rezultat w układzie przestrzennym")
    base_year: int | None = Field(None, ge=2010, le=2040, title="Rok wartości bazowej")
    source: OptionalText = Field("", title="Źródło danych")
    frequency: OptionalText = Field("", title="Częstotliwość pomiaru", description="Np. co roku")
    directions: list[Text] = Field(default_factory=list, title="Kierunki działań, których efekt mierzy wskaźnik",
                                   description="Kody kierunków, np. [\"2.1.1\"]")


class Direction(Model):
    code: Text = Field(title="Kod kierunku działań", description="Np. 1.1")
    name: Text = Field(title="Kierunek działań")
    description: OptionalMarkdownLine = Field("", title="Opis")
    members: list[Text] = Field(default_factory=list, title="Członkowie realizujący",
                                description="Identyfikatory członków partnerstwa")
    osi: list[Text] = Field(default_factory=list, title="OSI, którym służy kierunek",
                            description="Nazwy obszarów z sekcji osi")


class OperationalGoal(Model):
    code: Text = Field(title="Kod celu operacyjnego", description="Np. C1.1")
    name: Text = Field(title="Cel operacyjny")
    directions: list[Direction] = Field(default_factory=list, title="Kierunki działań")


class Goal(Model):
    code: Text = Field(title="Kod celu", description="Np. C1")
    name: Text = Field(title="Cel strategiczny")
    dimension: Dimension = Field(title="Wymiar celu")
    description: OptionalMarkdownLine = Field("", title="Opis celu")
    operational_goals: list[OperationalGoal] = Field(default_factory=list, title="Cele operacyjne")
    directions: list[Direction] = Field(default_factory=list, title="Kierunki działań",
                                        description="Kierunki przypisane wprost do celu strategicznego")
    results: list[ExpectedResult] = Field(default_factory=list, title="Oczekiwane rezultaty i wskaźniki")

    @property
    def all_directions(self) -> list[Direction]:
        return list(self.directions) + [d for op in self.operational_goals for d in op.directions]


class MoneyKind(str, Enum):
    """Kinds of money the financial framework is compared by, year by year, with the package."""

    EU = "UE"
    OWN = "wkład własny"
    OTHER_PUBLIC = "inne środki publiczne"


MONEY_KIND_LABELS = {MoneyKind.EU: "środki UE", MoneyKind.OWN: "wkład własny samorządów",
                     MoneyKind.OTHER_PUBLIC: "inne środki publiczne"}


class EstimatedFunding(Model):
    kind: MoneyKind = Field(title="Rodzaj środków", description="UE, wkład własny albo inne środki publiczne")
    amounts: dict[int, Money] = Field(min_length=1, title="Szacunkowe kwoty w latach", description="Np. {2028: 680000}")


class ComplementaryProject(Model):
    """A project the strategy lists without a project file of the package (no feasibility analysis yet)."""

    title: Text = Field(title="Tytuł projektu")
    goal: Text = Field(title="Kod celu operacyjnego lub kierunku działań", description="Np. C3.1")
    members: list[Text] = Field(default_factory=list, title="Realizujący członkowie partnerstwa")
    estimated_cost: Money | None = Field(None, title="Szacunkowa wartość [zł]")
    funding: list[EstimatedFunding] = Field(
        default_factory=list, title="Szacunkowe finansowanie w latach",
        description="Kwoty według rodzaju środków i lat, np. [{kind: UE, amounts: {2028: 680000}}]; ramy finansowe "
                    "strategii muszą je pomieścić w każdym roku, a ich suma jest równa szacunkowej wartości")

    @property
    def funding_total(self) -> Decimal:
        return sum((a for f in self.funding for a in f.amounts.values()), Decimal(0))


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


class MemberRole(Model):
    member: Text = Field(title="Członek partnerstwa", description="Identyfikator członka")
    role: MarkdownLine = Field(title="Rola w realizacji strategii")


class EvaluationStep(Model):
    kind: Text = Field(title="Rodzaj ewaluacji", description="Np. ewaluacja śródokresowa")
    year: int = Field(ge=2020, le=2045, title="Rok")
    scope: MarkdownLine = Field(title="Zakres i pytania ewaluacyjne")
    performer: OptionalText = Field("", title="Wykonawca")


class Implementation(Model):
    management: Markdown = Field(title="Zarządzanie realizacją strategii")
    roles: list[MemberRole] = Field(default_factory=list, title="Role członków partnerstwa")
    monitoring: Markdown = Field(title="Monitorowanie")
    evaluation: Markdown = Field(title="Ewaluacja")
    evaluation_plan: list[EvaluationStep] = Field(default_factory=list, title="Plan ewaluacji")
    implementing_documents: list[MarkdownLine] = Field(default_factory=list,
                                               title="Wytyczne do dokumentów wykonawczych")


class FinancialSource(Model):
    source: Text = Field(title="Źródło finansowania")
    kind: MoneyKind | None = Field(
        None, title="Rodzaj środków",
        description="UE, wkład własny albo inne środki publiczne: w każdym roku kwoty źródeł danego rodzaju nie mogą "
                    "być niższe niż środki tego rodzaju w projektach pakietu i projektach uzupełniających")
    eu_funds: bool = Field(False, title="Środki Unii Europejskiej (dawniej)",
                           description="Dawny zapis kind: UE; nowe pliki podają pole kind")
    amounts: dict[int, Money] = Field(min_length=1, title="Kwoty w latach", description="Np. {2025: 1000000}")
    outside_package: OptionalMarkdownLine = Field(
        "", title="Przeznaczenie środków poza projektami",
        description="Na co przeznacza się środki źródła, którego rodzaju nie ma w żadnym projekcie pakietu ani "
                    "projekcie uzupełniającym (np. działania bieżące partnerstwa); wymagane dla takiego źródła")

    @property
    def money_kind(self) -> MoneyKind | None:
        return self.kind or (MoneyKind.EU if self.eu_funds else None)

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))


class FrameworkUse(Model):
    """Money of the framework above the package's needs, allocated to a purpose of its own."""

    kind: MoneyKind = Field(title="Rodzaj środków", description="UE, wkład własny albo inne środki publiczne")
    amounts: dict[int, Money] = Field(min_length=1, title="Kwoty w latach", description="Np. {2026: 150000}")
    purpose: MarkdownLine = Field(title="Przeznaczenie", description="Np. przygotowanie dokumentacji projektów pakietu")


class FinancialFramework(Model):
    sources: list[FinancialSource] = Field(min_length=1, title="Źródła finansowania")
    description: OptionalMarkdown = Field("", title="Opis ram finansowych")
    other_uses: list[FrameworkUse] = Field(
        default_factory=list, title="Inne przeznaczenie środków ram",
        description="Środki ram ponad potrzeby projektów pakietu i projektów uzupełniających przypisane do celu "
                    "(np. przygotowanie dokumentacji w 2026 r.); dokument wymienia je pod tabelą porównania ram "
                    "z pakietem")
    surplus_purpose: OptionalMarkdownLine = Field(
        "", title="Przeznaczenie pozostałej nadwyżki ram",
        description="Na co służą środki ram ponad pakiet i inne przeznaczenie (np. rezerwa na wzrost cen robót); "
                    "wymagane, gdy w którymś roku taka nadwyżka zostaje")

    def other_use(self, kind: MoneyKind, year: int) -> Decimal:
        return sum((u.amounts.get(year, Decimal(0)) for u in self.other_uses if u.kind is kind), Decimal(0))

    @property
    def years(self) -> list[int]:
        return sorted({year for source in self.sources for year in source.amounts})

    @property
    def totals_by_year(self) -> list[Decimal]:
        return [sum((s.amounts.get(y, Decimal(0)) for s in self.sources), Decimal(0)) for y in self.years]

    @property
    def total(self) -> Decimal:
        return sum((s.total for s in self.sources), Decimal(0))

    @property
    def eu_total(self) -> Decimal:
        return sum((s.total for s in self.sources if s.money_kind is MoneyKind.EU), Decimal(0))

    def amount(self, kind: MoneyKind, year: int) -> Decimal:
        return sum((s.amounts.get(year, Decimal(0)) for s in self.sources if s.money_kind is kind), Decimal(0))


class ConsultedGroup(str, Enum):
    NEIGHBOURS = "sąsiednie gminy i ich związki"
    PARTNERS = "partnerzy społeczni i gospodarczy"
    RESIDENTS = "mieszkańcy"
    WATER_AUTHORITY = "dyrektor regionalnego zarządu gospodarki wodnej Wód Polskich"


class CommentOutcome(str, Enum):
    ACCEPTED = "uwzględniona"
    PARTLY = "uwzględniona częściowo"
    REJECTED = "nieuwzględniona"


class ConsultationComment(Model):
    author: Text = Field(title="Zgłaszający", description="Np. mieszkaniec gminy Tuczno, Stowarzyszenie …")
    part: OptionalText = Field("", title="Część strategii, której dotyczy uwaga")
    comment: MarkdownLine = Field(title="Treść uwagi")
    outcome: CommentOutcome = Field(title="Sposób rozpatrzenia")
    reason: MarkdownLine = Field(title="Odpowiedź z uzasadnieniem")


class Consultation(Model):
    start: dt.date = Field(title="Początek konsultacji")
    end: dt.date = Field(title="Koniec konsultacji")
    announcement: Text = Field(title="Ogłoszenie", description="Gdzie i kiedy ogłoszono konsultacje (strona internetowa)")
    groups: list[ConsultedGroup] = Field(min_length=1, title="Konsultowane podmioty")
    forms: list[Text] = Field(default_factory=list, title="Formy konsultacji")
    comments: list[ConsultationComment] = Field(default_factory=list, title="Zgłoszone uwagi z odpowiedziami")
    summary: OptionalMarkdown = Field("", title="Przebieg i wnioski z konsultacji",
                                      description="Bez liczby uwag: tę dokument liczy z listy comments")
    report_published: dt.date | None = Field(None, title="Data opublikowania sprawozdania")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def accepted(self) -> int:
        return sum(1 for c in self.comments if c.outcome is CommentOutcome.ACCEPTED)

    @property
    def partly(self) -> int:
        return sum(1 for c in self.comments if c.outcome is CommentOutcome.PARTLY)


class AssessmentProcedure(str, Enum):
    REPORT = "prognoza"
    FORGONE = "odstąpienie"


class EnvironmentalAssessment(Model):
    """Strategiczna ocena oddziaływania na środowisko: the prognoza or the agreed decision to forgo it."""

    procedure: AssessmentProcedure = Field(title="Tryb", description="prognoza albo odstąpienie")
    legal_basis: Text = Field(
        "art. 48 ustawy z dnia 3 października 2008 r. o udostępnianiu informacji o środowisku i jego ochronie, "
        "udziale społeczeństwa w ochronie środowiska oraz o ocenach oddziaływania na środowisko",
        title="Podstawa prawna", description="Przepis do weryfikacji – można go zmienić")
    rdos_agreement: dt.date = Field(title="Data uzgodnienia z regionalnym dyrektorem ochrony środowiska")
    pwis_agreement: dt.date = Field(title="Data uzgodnienia z państwowym wojewódzkim inspektorem sanitarnym")
    published: dt.date | None = Field(None, title="Data udostępnienia prognozy do konsultacji")
    comments_end: dt.date | None = Field(None, title="Koniec zbierania uwag do prognozy")
    decision: dt.date | None = Field(None, title="Data decyzji o odstąpieniu od oceny")
    rdos_opinion: dt.date | None = Field(None, title="Data opinii RDOŚ o projekcie strategii i prognozie")
    pwis_opinion: dt.date | None = Field(None, title="Data opinii PWIS o projekcie strategii i prognozie")
    summary: OptionalMarkdown = Field("", title="Wnioski z prognozy albo uzasadnienie odstąpienia")


class ResolutionSubject(str, Enum):
    PROCEDURE = "przystąpienie i tryb opracowania"
    ADOPTION = "przyjęcie strategii"


class Resolution(Model):
    member: Text = Field(title="Członek partnerstwa", description="Identyfikator członka")
    subject: ResolutionSubject = Field(title="Przedmiot uchwały")
    number: Text = Field(title="Numer uchwały", description="Np. XII/85/2025")
    date: dt.date = Field(title="Data uchwały")


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


@dataclass(frozen=True)
class GoalReference:
    """A goal or direction as a project document prints it: code, the strategy's own name, and above it."""

    code: str
    name: str
    level: str  # "cel strategiczny", "cel operacyjny", "kierunek działań"
    goal: Goal
    operational: OperationalGoal | None = None

    @property
    def label(self) -> str:
        """"cel operacyjny C2.1 Bezpieczne połączenia… (cel strategiczny C2 Dostępny…)"."""
        own = f"{self.level} {self.code} {self.name}"
        if self.goal.code == self.code:
            return own
        above = f"cel strategiczny {self.goal.code} {self.goal.name}"
        if self.operational is not None:
            above = f"cel operacyjny {self.operational.code} {self.operational.name}; " + above
        return f"{own} ({above})"


class StrategyType(str, Enum):
    SUPRALOCAL = "ponadlokalna"
    ZIT = "ZIT"
    IIT = "IIT"


class Strategy(Model):
    kind: StrategyType = Field(StrategyType.SUPRALOCAL, title="Rodzaj strategii",
                               description="ponadlokalna, ZIT albo IIT – pakiet buduje dokument tego rodzaju")
    serves_as: StrategyType | None = Field(
        None, title="Strategia ponadlokalna pełni też funkcję strategii terytorialnej",
        description="ZIT albo IIT: dokument spełnia wtedy także art. 29 rozporządzenia (UE) 2021/1060")
    name: Text = Field(title="Tytuł strategii")
    years: Text = Field(title="Okres obowiązywania", description="Np. 2021–2030")
    regional_strategy: OptionalText = Field("", title="Strategia rozwoju województwa, z którą strategia jest spójna")
    area_description: OptionalMarkdown = Field("", title="Opis obszaru strategii")
    location_map: ImageFile | None = Field(None, title="Mapa położenia obszaru partnerstwa")
    vision: Markdown = Field(title="Wizja rozwoju")
    mission: OptionalMarkdown = Field("", title="Misja")
    diagnosis: Diagnosis = Field(title="Wnioski z diagnozy")
    needs_potential: NeedsPotential | None = Field(None, title="Potrzeby i potencjał obszaru (art. 29 CPR)")
    goals: list[Goal] = Field(min_length=1, title="Cele strategiczne")
    functional_model: MapSection | None = Field(None, title="Model struktury funkcjonalno-przestrzennej")
    spatial_policy: list[MarkdownLine] = Field(default_factory=list,
                                       title="Ustalenia i rekomendacje w zakresie polityki przestrzennej")
    osi: Osi = Field(default_factory=Osi, title="Obszary strategicznej interwencji")
    complementary_projects: list[ComplementaryProject] = Field(
        default_factory=list, title="Projekty uzupełniające",
        description="Projekty spoza pakietu (bez plików projektów), każdy z celem, któremu służy")
    integrated_approach: OptionalMarkdown = Field("", title="Zintegrowane podejście terytorialne")
    partner_involvement: OptionalMarkdown = Field("", title="Zaangażowanie partnerów (art. 8 CPR)")
    iit_basis: IitBasis | None = Field(None, title="Podstawa objęcia IIT")
    implementation: Implementation | None = Field(None, title="System realizacji strategii")
    financial_framework: FinancialFramework | None = Field(None, title="Ramy finansowe")
    powiat_gminy_counts: dict[str, Annotated[int, Field(ge=1, le=1_000)]] = Field(
        default_factory=dict, title="Liczba gmin w powiatach obszaru",
        description="Kod TERYT powiatu (WWPP) → liczba wszystkich gmin powiatu, np. {\"3217\": 5}")
    consultation: Consultation | None = Field(None, title="Konsultacje")
    environmental_assessment: EnvironmentalAssessment | None = Field(
        None, title="Strategiczna ocena oddziaływania na środowisko")
    resolutions: list[Resolution] = Field(default_factory=list, title="Uchwały członków partnerstwa")
    opinions: list[Opinion] = Field(default_factory=list, title="Opinie")

    def opinion(self, body: OpinionBody) -> Opinion | None:
        return next((o for o in self.opinions if o.body is body), None)

    @property
    def results(self) -> list[tuple[Goal, ExpectedResult]]:
        return [(goal, result) for goal in self.goals for result in goal.results]

    @property
    def serves_cpr(self) -> StrategyType | None:
        """ZIT or IIT when the document must meet art. 29 CPR (on its own or serving as one)."""
        return self.kind if self.kind is not StrategyType.SUPRALOCAL else self.serves_as

    @property
    def territorial_mechanism(self) -> TerritorialMechanism:
        """The territorial delivery mechanism of the projects this strategy lists (CPR annex I, table 3):
        ZIT or IIT when the strategy is (or serves as) that strategy, otherwise none."""
        return {StrategyType.ZIT: TerritorialMechanism.ZIT,
                StrategyType.IIT: TerritorialMechanism.IIT}.get(self.serves_cpr, TerritorialMechanism.NONE)

    def named(self, code: str) -> "GoalReference | None":
        """What a project names by a code: the operational goal or direction with its own name and the
        strategic goal above it (None: the strategy has no such code)."""
        for goal in self.goals:
            if code == goal.code:
                return GoalReference(code, goal.name, "cel strategiczny", goal)
            for op in goal.operational_goals:
                if code == op.code:
                    return GoalReference(code, op.name, "cel operacyjny", goal)
                for direction in op.directions:
                    if code == direction.code:
                        return GoalReference(code, direction.name, "kierunek działań", goal, op)
            for direction in goal.directions:
                if code == direction.code:
                    return GoalReference(code, direction.name, "kierunek działań", goal)
        return None

    def directions_under(self, code: str) -> list[Direction]:
        """The directions of action a code stands for: the direction itself, or those of a goal."""
        for goal in self.goals:
            if code == goal.code:
                return goal.all_directions
            for op in goal.operational_goals:
                if code == op.code:
                    return list(op.directions)
            for direction in goal.all_directions:
                if code == direction.code:
                    return [direction]
        return []

    def goal_of(self, code: str) -> Goal | None:
        """The strategic goal an operational goal or a direction with this code belongs to."""
        for goal in self.goals:
            if code == goal.code or any(op.code == code for op in goal.operational_goals) \
                    or any(d.code == code for d in goal.all_directions):
                return goal
        return None
