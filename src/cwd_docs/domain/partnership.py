"""The partnership of local governments (JST) and its members."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from pydantic import Field

from .base import Model, OptionalText, Text
from .identifiers import VOIVODESHIP_CODES, Nip, Regon, Terc, TercCode
from .money import Number


@dataclass(frozen=True)
class Seniors:
    """Residents aged 65 and more of some members: the one computation of their share."""

    members: list[str]
    count: int
    population: int

    @property
    def share(self) -> Decimal:
        """In percent points, to one decimal place."""
        return (Decimal(self.count) * 100 / Decimal(self.population)).quantize(Decimal("0.1")) \
            if self.population else Decimal(0)


class MemberKind(str, Enum):
    GMINA_MIEJSKA = "gmina miejska"
    GMINA_WIEJSKA = "gmina wiejska"
    GMINA_MIEJSKO_WIEJSKA = "gmina miejsko-wiejska"
    POWIAT = "powiat"
    MIASTO_NA_PRAWACH_POWIATU = "miasto na prawach powiatu"

    @property
    def is_gmina(self) -> bool:
        return self is not MemberKind.POWIAT


TERC_DIGIT_OF_KIND = {
    MemberKind.GMINA_MIEJSKA: "1",
    MemberKind.GMINA_WIEJSKA: "2",
    MemberKind.GMINA_MIEJSKO_WIEJSKA: "3",
    MemberKind.MIASTO_NA_PRAWACH_POWIATU: "1",
}


class CooperationForm(str, Enum):
    POROZUMIENIE = "porozumienie międzygminne"
    STOWARZYSZENIE = "stowarzyszenie"
    ZWIAZEK_MIEDZYGMINNY = "związek międzygminny"
    ZWIAZEK_POWIATOWO_GMINNY = "związek powiatowo-gminny"
    UMOWA_PARTNERSKA = "umowa partnerska"


Voivodeship = Enum("Voivodeship", {name: name for name in VOIVODESHIP_CODES.values()}, type=str)


class Person(Model):
    name: Text = Field(title="Imię i nazwisko")
    role: OptionalText = Field("", title="Funkcja", description="Np. Starosta Wałecki, koordynator partnerstwa")
    institution: OptionalText = Field("", title="Instytucja")
    email: OptionalText = Field("", title="Adres e-mail")
    phone: OptionalText = Field("", title="Telefon")


class Member(Model):
    """A local government (JST) taking part in the partnership."""

    id: Text = Field(title="Identyfikator", description="Krótki identyfikator używany w innych polach, np. WALCZ_M",
                     pattern=r"^[A-Za-z0-9_\-]+$")
    name: Text = Field(title="Nazwa JST", description="Np. Gmina Miejska Wałcz")
    kind: MemberKind = Field(title="Rodzaj JST")
    teryt: TercCode = Field(title="Kod TERYT TERC",
                            description="7 cyfr dla gminy (WWPPGGR), 4 cyfry dla powiatu (WWPP)")
    nip: Nip | None = Field(None, title="NIP")
    regon: Regon | None = Field(None, title="REGON")
    population: int | None = Field(None, ge=0, le=100_000_000, title="Liczba mieszkańców")
    population_65plus: int | None = Field(
        None, ge=0, le=100_000_000, title="Liczba mieszkańców w wieku 65 lat i więcej",
        description="Z tego samego źródła i stanu co population; dokumenty liczą z niej udział seniorów (nie wpisuj "
                    "udziału w tekstach)")
    area_km2: Number | None = Field(None, title="Powierzchnia [km²]")
    address: OptionalText = Field("", title="Adres siedziby")
    representative: OptionalText = Field("", title="Osoba reprezentująca",
                                         description="Np. Burmistrz Miasta Wałcz")

    @property
    def terc(self) -> Terc:
        """The TERYT code's parts (voivodeship, powiat, kind of gmina) by name."""
        return Terc(self.teryt)


class Partnership(Model):
    """Partnerstwo JST objęte wsparciem CWD."""

    name: Text = Field(title="Nazwa partnerstwa")
    short_name: OptionalText = Field("", title="Nazwa skrócona", description="Używana w nagłówkach stron")
    voivodeship: Voivodeship = Field(title="Województwo")  # type: ignore[valid-type]
    cooperation_form: CooperationForm = Field(title="Forma współpracy")
    leader: Text = Field(title="Lider partnerstwa", description="Identyfikator członka (pole id)")
    members: list[Member] = Field(min_length=2, title="Członkowie partnerstwa (JST)")
    coordinator: Person | None = Field(None, title="Koordynator partnerstwa")
    council: list[Person] = Field(default_factory=list, title="Rada partnerstwa")
    osi: list[Text] = Field(default_factory=list, title="Obszary strategicznej interwencji (OSI)",
                           description="Np. obszar zagrożony trwałą marginalizacją")
    cwd_edition: Text = Field(title="Edycja CWD", description="Np. Pilotaż CWD 2020–2022, CWD Plus, CWD 2023")
    advisors: list[Person] = Field(default_factory=list, title="Doradcy CWD")
    population_source: OptionalText = Field(
        "", title="Źródło liczby mieszkańców",
        description="Np. GUS, Bank Danych Lokalnych, stan na 31.12.2024 – dotyczy pól population i population_65plus")

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    @property
    def leader_member(self) -> Member | None:
        return self.member(self.leader)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def gminy(self) -> list[Member]:
        return [m for m in self.members if m.kind.is_gmina]

    @property
    def powiaty(self) -> list[Member]:
        return [m for m in self.members if m.kind is MemberKind.POWIAT]

    @property
    def population(self) -> int | None:
        values = [m.population for m in self.gminy]
        return sum(values) if values and all(v is not None for v in values) else None

    def seniors(self, member_ids: list[str]) -> "Seniors | None":
        """Residents aged 65+ of these members (gminy; a powiat's are its gminy's): None unless every gmina
        among them has both figures."""
        members = [m for m in (self.member(i) for i in member_ids) if m is not None and m.kind.is_gmina]
        if not members or any(m.population is None or m.population_65plus is None for m in members):
            return None
        return Seniors([m.name for m in members], sum(m.population_65plus for m in members),
                       sum(m.population for m in members))

    @property
    def area_km2(self) -> Decimal | None:
        values = [m.area_km2 for m in self.gminy]
        return sum(values, Decimal(0)) if values and all(v is not None for v in values) else None
