"""What a funding-application outline needs beyond the project data (2021–2027 forms)."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .base import Markdown, MarkdownLine, Model, OptionalMarkdown, OptionalText, Text
from .identifiers import digits_code
from .partnership import Person


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
    NONE = "brak"


class Classification(Model):
    """Klasyfikacja interwencji, załącznik I do rozporządzenia (UE) 2021/1060 (tabele 1–3)."""

    intervention_field: digits_code(3, "zakres interwencji", "083") = Field(  # type: ignore[valid-type]
        title="Zakres interwencji (tabela 1)", description="Trzycyfrowy kod, np. 083 – infrastruktura rowerowa")
    intervention_name: OptionalText = Field("", title="Nazwa zakresu interwencji",
                                            description="Np. Infrastruktura rowerowa")
    form_of_finance: digits_code(2, "forma finansowania", "01") = Field(  # type: ignore[valid-type]
        "01", title="Forma finansowania (tabela 2)", description="Dwucyfrowy kod; domyślnie 01 – dotacja")
    territorial_mechanism: TerritorialMechanism | None = Field(
        None, title="Terytorialny mechanizm wdrażania (tabela 3)",
        description="Wynika ze strategii, która wymienia projekt (ZIT, IIT albo brak); wpisany musi się z nią zgadzać")


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


class ApplicationDetails(Model):
    programme: Text = Field(title="Program", description="Np. Fundusze Europejskie dla Pomorza Zachodniego 2021–2027")
    priority: Text = Field(title="Priorytet")
    measure: Text = Field(title="Działanie")
    call: OptionalText = Field("", title="Nabór", description="Numer naboru, jeśli jest znany")
    fund: Text = Field(title="Fundusz", description="Np. EFRR, EFS+, FS")
    project_type: Text = Field(title="Typ projektu")
    contact: Person = Field(title="Osoba do kontaktu")
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
