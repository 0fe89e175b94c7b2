"""What a funding-application outline needs beyond the project data (2021–2027 forms)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from .base import Markdown, MarkdownLine, Model, OptionalMarkdown, OptionalText, Text
from .identifiers import IndicatorCode, digits_code
from .partnership import Person
from .project import IndicatorKind


class DnshImpact(str, Enum):
    NONE = "brak wpływu lub wpływ nieistotny"
    POSITIVE = "wpływ pozytywny"
    MITIGATED = "wpływ ograniczony działaniami zaradczymi"


class DnshAnswer(Model):
    impact: DnshImpact = Field(title="Ocena wpływu")
    justification: MarkdownLine = Field(title="Uzasadnienie")


DNSH_OBJECTIVES = {
    "climate_mitigation": "łagodzenie zmian klimatu",
    "climate_adaptation": "adaptacja do zmian klimatu",
    "water": "zrównoważone wykorzystywanie i ochrona zasobów wodnych i morskich",
    "circular_economy": "przejście na gospodarkę o obiegu zamkniętym",
    "pollution": "zapobieganie zanieczyszczeniu i jego kontrola",
    "biodiversity": "ochrona i odbudowa bioróżnorodności i ekosystemów",
}


class Dnsh(Model):
    """Zasada „nie czyń poważnych szkód” (DNSH), art. 17 rozporządzenia (UE) 2020/852."""

    climate_mitigation: DnshAnswer | None = Field(None, title="Łagodzenie zmian klimatu")
    climate_adaptation: DnshAnswer | None = Field(None, title="Adaptacja do zmian klimatu")
    water: DnshAnswer | None = Field(None, title="Zasoby wodne i morskie")
    circular_economy: DnshAnswer | None = Field(None, title="Gospodarka o obiegu zamkniętym")
    pollution: DnshAnswer | None = Field(None, title="Zapobieganie zanieczyszczeniu")
    biodiversity: DnshAnswer | None = Field(None, title="Bioróżnorodność i ekosystemy")


class HorizontalPrinciples(Model):
    """Zasady horyzontalne, art. 9 rozporządzenia (UE) 2021/1060."""

    fundamental_rights: MarkdownLine = Field(title="Zgodność z Kartą praw podstawowych UE")
    equality: MarkdownLine = Field(title="Równość kobiet i mężczyzn")
    non_discrimination: MarkdownLine = Field(title="Niedyskryminacja")
    accessibility: MarkdownLine = Field(title="Dostępność dla osób z niepełnosprawnościami",
                                description="W tym zgodność z Konwencją ONZ o prawach osób niepełnosprawnych")
    sustainable_development: MarkdownLine = Field(title="Zrównoważony rozwój")


class StateAid(Model):
    present: bool = Field(title="Czy występuje pomoc publiczna")
    justification: Markdown = Field(title="Uzasadnienie")


class SectoralAnalysis(Model):
    sector: Text = Field(title="Sektor")
    demand: Markdown = Field(title="Popyt", description="Kto i w jakiej skali potrzebuje efektów projektu")
    supply: Markdown = Field(title="Istniejąca podaż", description="Istniejąca infrastruktura i usługi")
    policy_context: Markdown = Field(title="Kontekst polityk publicznych")
    gap: Markdown = Field(title="Luka, którą zamyka projekt")


class TerritorialMechanism(str, Enum):
    ZIT = "ZIT"
    IIT = "IIT"
    RLKS = "RLKS"
    NONE = "brak"


class TerritorialFocus(str, Enum):
    """Territorial focus of annex I table 3 (the second part of its codes)."""

    URBAN_NEIGHBOURHOODS = "Dzielnice miejskie"
    TOWNS = "Miasta, małe miasta i przedmieścia"
    FUNCTIONAL_URBAN_AREAS = "Obszary funkcjonalne obszarów miejskich"
    MOUNTAIN = "Obszary górskie"
    ISLANDS_COASTAL = "Wyspy i obszary przybrzeżne"
    RURAL = "Obszary wiejskie"
    SPARSELY_POPULATED = "Obszary słabo zaludnione"
    OTHER = "Inne rodzaje terytoriów docelowych"


NutsCode = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^PL[0-9A-Z]{1,3}$")]


class Classification(Model):
    """Klasyfikacja interwencji we wszystkich wymiarach załącznika I do rozporządzenia (UE) 2021/1060."""

    intervention_field: digits_code(3, "zakres interwencji", "083") = Field(  # type: ignore[valid-type]
        title="Zakres interwencji (wymiar 1)", description="Trzycyfrowy kod, np. 083 – infrastruktura rowerowa; "
                                                           "nazwę program bierze z tabeli kodów")
    intervention_name: OptionalText = Field(
        "", title="Nazwa zakresu interwencji spoza tabeli",
        description="Tylko dla kodu, którego nie ma w tabeli programu (lepiej: overrides.intervention_field)")
    form_of_finance: digits_code(2, "forma finansowania", "01") = Field(  # type: ignore[valid-type]
        "01", title="Forma finansowania (wymiar 2)", description="Dwucyfrowy kod; domyślnie 01 – dotacja")
    territorial_mechanism: TerritorialMechanism | None = Field(
        None, title="Terytorialny mechanizm realizacji (wymiar 3)",
        description="Wynika ze strategii, która wymienia projekt (ZIT, IIT, RLKS albo brak); wpisany musi się z nią "
                    "zgadzać")
    territorial_focus: TerritorialFocus | None = Field(
        None, title="Ukierunkowanie terytorialne (wymiar 3)",
        description="Np. Obszary wiejskie; domyślnie: ZIT – obszary funkcjonalne obszarów miejskich, IIT – inne "
                    "rodzaje terytoriów docelowych, RLKS – obszary wiejskie, brak – brak ukierunkowania")
    economic_activity: digits_code(2, "rodzaj działalności gospodarczej", "14") | None = Field(  # type: ignore[valid-type]
        None, title="Rodzaj działalności gospodarczej (wymiar 4)", description="Dwucyfrowy kod, np. 14 – transport "
                                                                              "i magazynowanie")
    location: list[NutsCode] = Field(
        default_factory=list, title="Lokalizacja – kody NUTS (wymiar 5)",
        description="Domyślnie z kodów TERYT miejsc realizacji (NUTS 3); podaj, np. [PL427], gdy program wymaga innych")
    esf_secondary_theme: digits_code(2, "dodatkowy temat EFS+", "09") | None = Field(  # type: ignore[valid-type]
        None, title="Dodatkowy temat EFS+ (wymiar 6)", description="Tylko dla projektów z udziałem EFS+")
    gender_equality: digits_code(2, "wymiar równouprawnienia płci", "03") | None = Field(  # type: ignore[valid-type]
        None, title="Wymiar równouprawnienia płci (wymiar 7)",
        description="01 – ukierunkowanie na problematykę płci, 02 – uwzględnianie problematyki płci, "
                    "03 – neutralność płciowa")
    overrides: dict[str, dict[str, Text]] = Field(
        default_factory=dict, title="Kody programu zastępujące tabele",
        description="Np. {intervention_field: {\"170\": \"…\"}}: nazwy kodów według programu; wymiary: "
                    "intervention_field, form_of_support, territorial_delivery, economic_activity, "
                    "esf_secondary_theme, gender_equality")


class SignatoryRole(str, Enum):
    STAROSTA = "starosta"
    WICESTAROSTA = "wicestarosta"
    BOARD_MEMBER = "członek zarządu powiatu"
    WOJT = "wójt"
    BURMISTRZ = "burmistrz"
    PREZYDENT = "prezydent miasta"
    DEPUTY = "zastępca wójta, burmistrza lub prezydenta"
    PROXY = "pełnomocnik"
    SKARBNIK = "skarbnik"

    @property
    def is_board_member(self) -> bool:
        return self in (SignatoryRole.STAROSTA, SignatoryRole.WICESTAROSTA, SignatoryRole.BOARD_MEMBER)

    @property
    def is_gmina_head(self) -> bool:
        return self in (SignatoryRole.WOJT, SignatoryRole.BURMISTRZ, SignatoryRole.PREZYDENT)


class Signatory(Model):
    name: Text = Field(title="Imię i nazwisko")
    role: SignatoryRole = Field(title="Funkcja")
    authorisation: OptionalText = Field("", title="Podstawa umocowania",
                                        description="Dla pełnomocnika albo zastępcy: pełnomocnictwo lub upoważnienie "
                                                    "(np. uchwała zarządu nr …)")


class PartnerRole(Model):
    member: Text = Field(title="Członek partnerstwa", description="Identyfikator lidera albo partnera projektu")
    role: MarkdownLine = Field(title="Rola w projekcie", description="Za co odpowiada w projekcie")


class ProgrammeIndicator(Model):
    """Wskaźnik z listy programu: własny (PLRO…, PLRR…) albo brzmienie wskaźnika wspólnego według programu."""

    code: IndicatorCode = Field(title="Kod wskaźnika", description="Np. PLRO150 albo RCO 58")
    name: Text = Field(title="Nazwa wskaźnika według programu")
    unit: Text = Field(title="Jednostka miary")
    kind: IndicatorKind = Field(title="Rodzaj wskaźnika", description="produktu albo rezultatu")
    units: list[Text] = Field(default_factory=list, title="Inne zapisy jednostki",
                              description="Np. [m2] obok m²: jednostki, które program uznaje za tę samą")


def programme_rows(raw: Any) -> list[ProgrammeIndicator]:
    """The well-formed rows of a raw programme_indicators list (the schema round reports the others)."""
    rows = []
    for item in raw if isinstance(raw, list) else []:
        try:
            rows.append(ProgrammeIndicator.model_validate(item))
        except ValueError:
            continue
    return rows


class ApplicationDetails(Model):
    programme: Text = Field(title="Program", description="Np. Fundusze Europejskie dla Pomorza Zachodniego 2021–2027")
    priority: Text = Field(title="Priorytet")
    measure: Text = Field(title="Działanie")
    call: OptionalText = Field("", title="Nabór", description="Numer naboru z regulaminu naboru")
    measure_fit: OptionalMarkdown = Field(
        "", title="Zgodność projektu z działaniem",
        description="Dlaczego projekt mieści się w działaniu: typ projektu, obszar i wnioskodawca według "
                    "Szczegółowego Opisu Priorytetów i regulaminu naboru")
    lists_source: OptionalText = Field(
        "", title="Dokumenty programu, z którymi sprawdzono kody",
        description="Np. SZOP FEPZ 2021–2027 i lista wskaźników naboru (wersja, data): kody klasyfikacji "
                    "i wskaźników oraz ich nazwy porównane z tymi dokumentami; zarys podaje je po słowach "
                    "„na podstawie dokumentów programu:”; bez tego pola kody i nazwy spoza potwierdzonej części "
                    "tabel są ostrzeżeniami")
    fund: Text = Field(title="Fundusz", description="Np. EFRR, EFS+, FS")
    project_type: Text = Field(title="Typ projektu")
    contact: Person = Field(title="Osoba do kontaktu",
                            description="Pracownik urzędu wnioskodawcy, nie doradca ani autor dokumentu")
    justification: Markdown = Field(title="Uzasadnienie realizacji projektu", description="Akapity oddzielone pustym wierszem")
    state_aid: StateAid = Field(title="Pomoc publiczna")
    revenue: Markdown = Field(title="Dochód w projekcie", description="Czy projekt generuje dochód i jak go uwzględniono")
    durability_years: int = Field(5, ge=1, le=10, title="Okres trwałości [lata]",
                                  description="Od płatności końcowej; zwykle 5 lat, 3 lata dla MŚP")
    horizontal_principles: HorizontalPrinciples = Field(title="Zasady horyzontalne")
    dnsh: Dnsh = Field(default_factory=Dnsh, title="Zasada DNSH")
    sectoral_analysis: SectoralAnalysis = Field(title="Analiza sektorowa")
    attachments: list[Text] = Field(default_factory=list, title="Załączniki")
    classification: Classification | None = Field(None, title="Klasyfikacja interwencji")
    programme_indicators: list[ProgrammeIndicator] = Field(
        default_factory=list, title="Wskaźniki programu",
        description="Wskaźniki z listy programu (kod, nazwa, jednostka, rodzaj): własne programu (PLRO…, PLRR…) "
                    "albo brzmienie wskaźnika wspólnego według programu; wskaźnik projektu podany samym kodem "
                    "bierze z tej listy nazwę, jednostkę i rodzaj (przed tabelą wskaźników wspólnych)")
    target_groups: list[MarkdownLine] = Field(default_factory=list, title="Grupy docelowe",
                                              description="Kto skorzysta z efektów projektu")
    partner_roles: list[PartnerRole] = Field(default_factory=list, title="Role lidera i partnerów",
                                             description="Rola każdego członka w projekcie; wkład finansowy program "
                                                         "bierze ze źródeł finansowania")
    complementarity: OptionalMarkdown = Field("", title="Komplementarność",
                                              description="Powiązania z innymi projektami i źródłami finansowania")
    double_funding: OptionalMarkdown = Field(
        "", title="Brak podwójnego finansowania",
        description="Jak wnioskodawca zapewnia, że te same wydatki nie zostaną sfinansowane dwa razy")
    signatories: list[Signatory] = Field(
        default_factory=list, title="Osoby podpisujące wniosek",
        description="Gmina: wójt, burmistrz albo prezydent (art. 31 u.s.g.) z kontrasygnatą skarbnika (art. 46 ust. 3); "
                    "powiat: dwóch członków zarządu albo członek zarządu i osoba upoważniona (art. 48 u.s.p.) "
                    "z kontrasygnatą skarbnika powiatu")
