"""A project of the partnership's package: the data every project document reads."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import Enum

from pydantic import Field, PrivateAttr, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from .base import Markdown, MarkdownLine, Model, OptionalMarkdown, OptionalText, Text
from .climate import ClimateProofing
from .financial import DemandAnalysis, FinancialAnalysis
from .funding_kind import FundingKind
from .identifiers import IndicatorCode, QuarterKey
from .indicators import indicator_row
from .money import Money, Number, Percent, share


class Theme(str, Enum):
    ECONOMIC = "gospodarczy"
    SOCIAL = "społeczny"
    ENVIRONMENTAL = "środowiskowy"
    INSTITUTIONAL = "instytucjonalny"


class Level(str, Enum):
    LOW = "niskie"
    MEDIUM = "średnie"
    HIGH = "wysokie"


class IndicatorKind(str, Enum):
    PRODUCT = "produktu"
    RESULT = "rezultatu"


class CostNature(str, Enum):
    """Whether a cost builds an asset or runs the service (CPR art. 25 ust. 2 for ESF+-type activities)."""

    INVESTMENT = "inwestycyjny"
    OPERATING = "eksploatacyjny"
    ESF = "działania typu EFS+"


class Option(Model):
    name: Text = Field(title="Nazwa wariantu")
    description: MarkdownLine = Field(title="Opis wariantu")
    advantages: list[Text] = Field(default_factory=list, title="Zalety")
    disadvantages: list[Text] = Field(default_factory=list, title="Wady")
    cost: Money | None = Field(None, title="Szacunkowy koszt wariantu",
                               description="Nakłady inwestycyjne brutto; dla wybranego wariantu równe kosztowi "
                                           "całkowitemu projektu")
    baseline: bool = Field(False, title="Wariant bezinwestycyjny (wariant 0)",
                           description="Stan bez projektu; jego koszty eksploatacji to analysis.without_project")
    annual_operating_cost: Money | None = Field(
        None, title="Roczne koszty eksploatacji wariantu [zł]",
        description="Od rozpoczęcia eksploatacji; dla wybranego wariantu i wariantu 0 program bierze je z analizy")
    annual_effect: Number | None = Field(
        None, title="Roczny efekt wariantu",
        description="W jednostce analysis.cost_effectiveness (np. osobodni opieki); daje DGC wariantu")

    @property
    def is_baseline(self) -> bool:
        return self.baseline or self.name.startswith("Wariant 0")


class Readiness(Model):
    documentation: MarkdownLine = Field(title="Dokumentacja techniczna", description="Stan przygotowania dokumentacji")
    permits: MarkdownLine = Field(title="Decyzje i pozwolenia")
    land_ownership: MarkdownLine = Field(title="Prawo do dysponowania nieruchomością")
    maturity: MarkdownLine = Field(title="Ocena dojrzałości projektu", description="Np. koncepcja, PFU, projekt budowlany")


class Institutions(Model):
    implementer: Markdown = Field(title="Podmiot realizujący", description="Kto przeprowadzi inwestycję i jak")
    operator: Markdown = Field(title="Podmiot eksploatujący", description="Kto utrzyma efekty projektu")
    legal_notes: list[MarkdownLine] = Field(default_factory=list, title="Uwarunkowania prawne")


class CostItem(Model):
    category: Text = Field(title="Kategoria kosztów")
    total: Money = Field(title="Koszt całkowity (brutto)")
    eligible: Money = Field(title="Koszt kwalifikowalny")
    vat: Money = Field(Decimal(0), title="W tym VAT")
    flat_rate: Percent | None = Field(None, title="Stawka ryczałtowa [%]",
                                      description="Dla kosztów rozliczanych ryczałtem: procent kosztów "
                                                  "bezpośrednich kwalifikowalnych (pozycji bez stawki)")
    nature: CostNature = Field(
        CostNature.INVESTMENT, title="Charakter kosztu",
        description="eksploatacyjny albo działania typu EFS+: koszt prowadzenia usługi (personel, zajęcia, "
                    "energia) – w analizie jest kosztem eksploatacji w latach swojego zadania, nie nakładem "
                    "inwestycyjnym; działania typu EFS+ to cross-financing (do 15%, art. 25 ust. 2 rozporządzenia "
                    "2021/1060)")
    task: Text | None = Field(None, title="Zadanie",
                              description="Identyfikator zadania, którego koszt obejmuje kategoria (np. T4); gdy "
                                          "kategorie mają zadania, budżet zadania to suma jego kategorii, a bez tego "
                                          "koszty kwalifikowalne dzieli się między zadania proporcjonalnie do kosztu")

    @property
    def ineligible(self) -> Decimal:
        return self.total - self.eligible

    @property
    def is_operating(self) -> bool:
        return self.nature is not CostNature.INVESTMENT


class FundingSource(Model):
    name: Text = Field(title="Źródło finansowania", description="Np. FEPZ 2021–2027 (EFRR)")
    kind: FundingKind = Field(title="Rodzaj źródła")
    amount: Money | None = Field(
        None, title="Kwota",
        description="Pominięta program ją liczy: dla UE – maksymalny poziom dofinansowania (max_eu_rate) kosztów "
                    "kwalifikowalnych, w dół do grosza; dla wkładu własnego członka (member) – wkład wynikający "
                    "z finansowanych przez niego zadań; dla wkładu własnego bez member – to, czego nie pokrywają "
                    "pozostałe źródła. Kwotę budżetu państwa i innych źródeł trzeba podać")
    member: Text | None = Field(None, title="Członek wnoszący wkład",
                                description="Dla wkładu własnego: identyfikator członka partnerstwa, który go wnosi; "
                                            "bez tego pola (i bez shares/amounts) wkład wnosi lider projektu")
    shares: dict[str, Percent] = Field(
        default_factory=dict, title="Udziały członków we wkładzie [%]",
        description="Dla wspólnego wkładu własnego: udział każdego członka, np. {CZLOPA: 60, TUCZNO: 40}; udziały "
                    "sumują się do 100, a kwoty liczy program metodą największych reszt (co do grosza)")
    amounts: dict[str, Money] = Field(
        default_factory=dict, title="Kwoty członków we wkładzie [zł]",
        description="Dla wspólnego wkładu własnego: kwota każdego członka; kwoty muszą sumować się do pola amount")


    _computed: bool = PrivateAttr(False)

    @property
    def computed(self) -> bool:
        """Whether the program computed the amount (the data left it out)."""
        return self._computed


# The validation-context key under which a project file hands its programme's indicator list to its
# indicators (plugins/project/schema.py).
PROGRAMME_INDICATORS = "programme_indicators"


class Indicator(Model):
    name: OptionalText = Field("", title="Nazwa wskaźnika",
                               description="Dla wskaźnika wspólnego (RCO, RCR) program bierze nazwę z tabeli WLWK")
    kind: IndicatorKind | None = Field(None, title="Rodzaj wskaźnika",
                                       description="Dla wskaźnika wspólnego z tabeli; podany musi być z nią zgodny")
    unit: OptionalText = Field("", title="Jednostka miary",
                               description="Dla wskaźnika wspólnego z tabeli; podana musi być z nią zgodna")
    base: Number = Field(title="Wartość bazowa")
    target: Number = Field(title="Wartość docelowa")
    year: int = Field(ge=2021, le=2035, title="Rok osiągnięcia wartości docelowej",
                      description="Zwykle rok zakończenia projektu albo jeden z dwóch kolejnych lat")
    code: IndicatorCode | None = Field(None, title="Kod wskaźnika (WLWK 2021–2027)",
                                       description="Kod ze Wspólnej Listy Wskaźników Kluczowych, np. RCO 58, RCR 64, "
                                                   "PLRO032")
    base_year: int | None = Field(None, ge=2000, le=2035, title="Rok wartości bazowej",
                                  description="Rok pomiaru wartości bazowej: przed rozpoczęciem projektu albo w okresie "
                                              "jego realizacji")
    measurement: OptionalText = Field("", title="Sposób pomiaru",
                                      description="Np. protokół odbioru robót, automatyczny licznik rowerów")
    source: OptionalText = Field("", title="Źródło danych", description="Dokument albo instytucja, z której pochodzi "
                                                                        "wartość wskaźnika")
    # What the file gave before the table filled it (for the rules comparing it with the table).
    _given: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _from_table(self, info: ValidationInfo) -> "Indicator":
        """An indicator given by its code takes its name, unit and kind from the programme's list
        (application.programme_indicators, handed over in the validation context by the project file)
        or else from the shipped table of common indicators (WLWK 2021–2027)."""
        self._given = {"name": self.name, "unit": self.unit, "kind": self.kind}
        programme = (info.context or {}).get(PROGRAMME_INDICATORS, ())
        row = indicator_row(self.code, programme)
        if row is not None:
            self.name, self.kind = row.name, IndicatorKind(row.kind)
            self.unit = row.unit
            return self
        missing = [label for label, value in (("nazwy (name)", self.name), ("rodzaju (kind)", self.kind),
                                              ("jednostki (unit)", self.unit)) if not value]
        if missing:
            raise PydanticCustomError(
                "indicator.fields_missing",
                "wskaźnik {code} nie ma {missing}; dla samego kodu podaje je tabela wskaźników wspólnych (RCO, "
                "RCR) albo lista programu (application.programme_indicators)",
                {"code": self.code or "bez kodu", "missing": ", ".join(missing)})
        return self

    @property
    def given(self) -> dict:
        return self._given


MAX_TASKS = 1000  # a schedule's table and chart grow with tasks × periods: bounded memory (README, Reliability)


class Task(Model):
    id: Text = Field(title="Identyfikator zadania", pattern=r"^[A-Za-z0-9_.\-]+$")
    name: Text = Field(title="Nazwa zadania")
    description: OptionalText = Field("", title="Opis zadania", description="Co obejmuje zadanie (do zarysu wniosku)")
    start: date = Field(title="Początek")
    end: date = Field(title="Koniec", description="Dla kamienia milowego: ta sama data co start (kamień milowy ma "
                                                   "datę, a nie czas trwania)")
    responsible: Text = Field(title="Odpowiedzialny członek partnerstwa", description="Identyfikator członka")
    cost: Money = Field(Decimal(0), title="Koszt zadania")
    depends_on: list[Text] = Field(default_factory=list, title="Zależy od zadań")
    milestone: bool = Field(False, title="Kamień milowy", description="Zdarzenie o jednej dacie (start = end)")
    costs_by_year: dict[int, Money] = Field(
        default_factory=dict, title="Koszt w podziale na lata",
        description="Np. {2027: 100000, 2028: 146000}; bez tego pola koszt dzieli się proporcjonalnie do miesięcy")
    financed_by: Text | None = Field(
        None, title="Członek finansujący zadanie",
        description="Identyfikator członka, który ponosi wydatki zadania (jego wkład własny i dofinansowanie UE "
                    "wynikają z tych wydatków); bez tego pola i bez financing_shares/financing_amounts zadanie "
                    "finansuje członek odpowiedzialny (responsible)")
    financing_shares: dict[str, Percent] = Field(
        default_factory=dict, title="Udziały członków w finansowaniu zadania [%]",
        description="Gdy zadanie finansuje kilku członków: udział każdego, np. {PW: 70, TUCZNO: 30}; udziały "
                    "sumują się do 100, a kwoty liczy program metodą największych reszt (co do grosza)")
    financing_amounts: dict[str, Money] = Field(
        default_factory=dict, title="Kwoty członków w finansowaniu zadania [zł]",
        description="Gdy zadanie finansuje kilku członków: część kosztu zadania, którą ponosi każdy; kwoty "
                    "sumują się do kosztu zadania")
    costs_by_quarter: dict[QuarterKey, Money] = Field(
        default_factory=dict, title="Koszt w podziale na kwartały",
        description="Np. {2028-I: 1500000, 2028-II: 2500000}: rok i kwartał cyframi rzymskimi; zastępuje costs_by_year, "
                    "a bez obu pól koszt dzieli się proporcjonalnie do miesięcy")


class Risk(Model):
    name: Text = Field(title="Ryzyko")
    probability: Level = Field(title="Prawdopodobieństwo")
    impact: Level = Field(title="Wpływ")
    mitigation: MarkdownLine = Field(title="Sposób ograniczenia")


class Operation(Model):
    """What running the project's results costs and earns each year."""

    annual_costs: Money = Field(title="Roczne koszty eksploatacji")
    annual_revenue: Money = Field(Decimal(0), title="Roczne przychody")
    cost_coverage: MarkdownLine = Field(title="Źródło pokrycia kosztów eksploatacji")
    sustainability: Markdown = Field(title="Ocena trwałości finansowej")


class Project(Model):
    code: Text = Field(title="Kod projektu", description="Np. P-01")
    title: Text = Field(title="Tytuł projektu")
    leader: Text = Field(title="Lider projektu", description="Identyfikator członka partnerstwa")
    partners: list[Text] = Field(default_factory=list, title="Partnerzy projektu")
    location: list[Text] = Field(min_length=1, title="Miejsce realizacji", description="Identyfikatory członków")
    location_details: OptionalMarkdown = Field("", title="Dokładna lokalizacja", description="Miejscowości, działki")
    theme: Theme = Field(title="Obszar tematyczny")
    summary: OptionalMarkdown = Field("", title="Opis skrócony")
    problem: Markdown = Field(title="Stan obecny i problemy",
                          description="Akapity oddzielone pustym wierszem")
    strategy_goal_code: OptionalText = Field(
        "", title="Kod celu operacyjnego lub kierunku działań strategii, któremu służy projekt",
        description="Np. C2.1 albo 2.1.1; nazwę celu dokumenty projektu biorą ze strategii, która sprawdza, "
                    "czy ma taki cel lub kierunek")
    objectives: list[MarkdownLine] = Field(min_length=1, title="Cele projektu")
    scope: list[MarkdownLine] = Field(min_length=1, title="Zakres rzeczowy")
    options: list[Option] = Field(min_length=1, title="Rozważane warianty")
    chosen_option: Text = Field(title="Wybrany wariant", description="Nazwa jednego z wariantów")
    choice_reason: Markdown = Field(title="Uzasadnienie wyboru wariantu")
    readiness: Readiness = Field(title="Gotowość techniczna")
    institutions: Institutions = Field(title="Analiza instytucjonalna")
    start: date = Field(title="Data rozpoczęcia projektu")
    end: date = Field(title="Data zakończenia projektu")
    costs: list[CostItem] = Field(min_length=1, title="Koszty inwestycyjne")
    vat_recoverable: bool = Field(False, title="Czy VAT jest możliwy do odzyskania")
    eur_rate: Number = Field(Decimal("4.30"), gt=0, title="Kurs EUR [zł]",
                             description="Do ustalenia, czy projekt osiąga próg 5 mln EUR (kwalifikowalność VAT)")
    funding: list[FundingSource] = Field(min_length=1, title="Źródła finansowania")
    max_eu_rate: Percent = Field(Decimal(85), title="Maksymalny poziom dofinansowania UE [%]",
                                 description="Od kosztów kwalifikowalnych; art. 112 ust. 3 rozporządzenia 2021/1060")
    operation: Operation = Field(title="Eksploatacja i trwałość finansowa")
    analysis: FinancialAnalysis | None = Field(
        None, title="Analiza finansowa i ekonomiczna",
        description="Parametry, koszty i przychody w latach, korzyści społeczne; pominięta – analiza finansowa "
                    "z wartościami domyślnymi i bez analizy ekonomicznej")
    demand: DemandAnalysis | None = Field(None, title="Analiza popytu")
    climate: ClimateProofing | None = Field(
        None, title="Uodpornienie na zmiany klimatu",
        description="Infrastruktura o okresie użytkowania co najmniej 5 lat (art. 73 ust. 2 lit. j rozporządzenia "
                    "2021/1060): neutralność klimatyczna i odporność na zmiany klimatu")
    indicators: list[Indicator] = Field(min_length=1, title="Wskaźniki")
    tasks: list[Task] = Field(min_length=1, max_length=MAX_TASKS, title="Zadania (wstępny harmonogram)")
    risks: list[Risk] = Field(min_length=1, title="Ryzyka")
    durability: Markdown = Field(title="Trwałość projektu")
    conclusions: list[MarkdownLine] = Field(min_length=1, title="Wnioski")
    next_steps: list[MarkdownLine] = Field(default_factory=list, title="Rekomendowane dalsze kroki")

    @model_validator(mode="after")
    def _computed_amounts(self) -> "Project":
        """Amounts left out of the funding sources, computed (see FundingSource.amount); a kind that cannot be
        computed counts 0 and is reported by the rules (funding.amount_required, funding.amount_ambiguous)."""
        omitted = [f for f in self.funding if f.amount is None]
        if not omitted:
            return self
        for source in omitted:
            source._computed = True
            if source.amounts:
                source.amount = sum(source.amounts.values(), Decimal(0))
            elif source.kind is FundingKind.EU:
                source.amount = (self.eligible_cost * self.max_eu_rate / 100).quantize(Decimal("0.01"),
                                                                                        rounding=ROUND_DOWN)
            elif source.kind is not FundingKind.OWN:
                source.amount = Decimal(0)
        members = [f for f in omitted if f.amount is None and f.member and not f.shares]
        if members:
            from .partner_split import partner_split  # the split reads EU and other sources, all known by now

            split = partner_split(self)
            for source in members:
                source.amount = split.member_total(source.member or "").own
        rest = [f for f in omitted if f.amount is None]
        for index, source in enumerate(rest):
            known = sum((f.amount for f in self.funding if f.amount is not None), Decimal(0))
            source.amount = max(Decimal(0), self.total_cost - known) if index == 0 else Decimal(0)
        return self

    @property
    def total_cost(self) -> Decimal:
        return sum((c.total for c in self.costs), Decimal(0))

    @property
    def eligible_cost(self) -> Decimal:
        return sum((c.eligible for c in self.costs), Decimal(0))

    @property
    def ineligible_cost(self) -> Decimal:
        return self.total_cost - self.eligible_cost

    @property
    def vat_total(self) -> Decimal:
        return sum((c.vat for c in self.costs), Decimal(0))

    @property
    def funding_total(self) -> Decimal:
        return sum((f.amount for f in self.funding), Decimal(0))

    @property
    def eu_amount(self) -> Decimal:
        return sum((f.amount for f in self.funding if f.kind is FundingKind.EU), Decimal(0))

    @property
    def eu_rate(self) -> Decimal:
        """EU co-financing as a percentage of eligible costs."""
        return share(self.eu_amount, self.eligible_cost)

    @property
    def funding_shares(self) -> list[Decimal]:
        """Each source's share in percent, to 2 places, adding up to exactly 100 (largest remainder)."""
        total = self.funding_total
        if not total:
            return [Decimal(0) for _ in self.funding]
        exact = [f.amount * 10000 / total for f in self.funding]  # in hundredths of a percent
        floors = [int(x) for x in exact]
        missing = 10000 - sum(floors)
        by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - floors[i], reverse=True)
        for i in by_remainder[:missing]:
            floors[i] += 1
        return [Decimal(v) / 100 for v in floors]

    @property
    def eligible_vat(self) -> Decimal:
        """VAT counted in eligible costs: the part of each item's VAT that its eligible amount includes."""
        return sum((min(c.vat, max(Decimal(0), c.eligible - (c.total - c.vat))) for c in self.costs), Decimal(0))

    @property
    def vat_threshold(self) -> Decimal:
        """5 mln EUR in złoty at eur_rate: from it on, recoverable VAT is not eligible (CPR art. 64)."""
        return (Decimal(5_000_000) * self.eur_rate).quantize(Decimal("0.01"))

    @property
    def below_vat_threshold(self) -> bool:
        return self.total_cost < self.vat_threshold

    @property
    def product_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators if i.kind is IndicatorKind.PRODUCT]

    @property
    def result_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators if i.kind is IndicatorKind.RESULT]

    @property
    def chosen(self) -> Option | None:
        return next((o for o in self.options if o.name == self.chosen_option), None)

    @property
    def tasks_total(self) -> Decimal:
        return sum((t.cost for t in self.tasks), Decimal(0))

    @property
    def direct_eligible_cost(self) -> Decimal:
        """Eligible costs not settled as a flat rate: the base of flat rates."""
        return sum((c.eligible for c in self.costs if c.flat_rate is None), Decimal(0))

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    @property
    def duration_months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
