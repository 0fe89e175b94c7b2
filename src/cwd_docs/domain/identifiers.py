"""Polish public identifiers: TERYT TERC, NIP and REGON (check digits from python-stdnum)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

TERC_KIND_NAMES = {
    "1": "gmina miejska",
    "2": "gmina wiejska",
    "3": "gmina miejsko-wiejska",
    "4": "miasto w gminie miejsko-wiejskiej",
    "5": "obszar wiejski w gminie miejsko-wiejskiej",
    "8": "dzielnica m.st. Warszawy",
    "9": "delegatura",
}

VOIVODESHIP_CODES = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}


@dataclass(frozen=True)
class Terc:
    """A TERYT TERC code: WW (voivodeship), WWPP (powiat) or WWPPGGR (gmina); its parts by name."""

    code: str

    @property
    def voivodeship(self) -> str:
        """WW: the voivodeship's code."""
        return self.code[:2]

    @property
    def voivodeship_name(self) -> str:
        return VOIVODESHIP_CODES.get(self.voivodeship, self.voivodeship)

    @property
    def powiat(self) -> str | None:
        """WWPP: the powiat's (or city with powiat rights') code, for powiat and gmina codes."""
        return self.code[:4] if len(self.code) >= 4 else None

    @property
    def powiat_number(self) -> int | None:
        """PP as a number: 01–60 powiaty, 61–99 cities with powiat rights."""
        return int(self.code[2:4]) if len(self.code) >= 4 else None

    @property
    def kind_digit(self) -> str | None:
        """R: the kind of gmina (1 urban, 2 rural, 3 urban-rural...), for 7-digit codes."""
        return self.code[6] if len(self.code) == 7 else None

    @property
    def is_gmina(self) -> bool:
        return len(self.code) == 7

    @property
    def is_city_with_powiat_rights(self) -> bool:
        return (self.powiat_number or 0) >= 61


def parse_terc(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML reads 3217011 as a number; a leading zero (0201011) would have been lost.
        value = str(value)
        if len(value) in (1, 3, 6):
            value = "0" + value
    if not isinstance(value, str):
        raise PydanticCustomError("teryt.type", "kod TERYT podaj jako tekst w cudzysłowie, np. \"3217011\"", {})
    code = value.strip().replace(" ", "")
    if not code.isdigit() or len(code) not in (2, 4, 7):
        raise PydanticCustomError(
            "teryt.format",
            "kod TERYT '{value}' musi mieć 7 cyfr (gmina: WWPPGGR), 4 cyfry (powiat: WWPP) lub 2 cyfry (województwo)",
            {"value": value})
    if Terc(code).voivodeship not in VOIVODESHIP_CODES:
        raise PydanticCustomError(
            "teryt.voivodeship",
            "kod TERYT '{value}': {ww} nie jest kodem województwa (parzyste liczby od 02 do 32)",
            {"value": value, "ww": Terc(code).voivodeship})
    if len(code) >= 4 and code[2:4] == "00":
        raise PydanticCustomError("teryt.powiat", "kod TERYT '{value}': kod powiatu nie może być 00", {"value": value})
    if len(code) == 7:
        if code[4:6] == "00":
            raise PydanticCustomError("teryt.gmina", "kod TERYT '{value}': kod gminy nie może być 00", {"value": value})
        if code[6] not in TERC_KIND_NAMES:
            raise PydanticCustomError(
                "teryt.kind",
                "kod TERYT '{value}': ostatnia cyfra {digit} nie oznacza żadnego rodzaju jednostki "
                "(dozwolone: 1, 2, 3, 4, 5, 8, 9)",
                {"value": value, "digit": code[6]})
    return code


def parse_nip(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("nip.type", "NIP podaj jako tekst, np. \"765-16-13-347\"", {})
    try:
        return stdnum_nip.validate(value)
    except InvalidChecksum:
        raise PydanticCustomError("nip.checksum", "NIP '{value}' ma błędną cyfrę kontrolną", {"value": value}) from None
    except ValidationError:
        raise PydanticCustomError("nip.format", "NIP '{value}' musi składać się z 10 cyfr", {"value": value}) from None


def parse_regon(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("regon.type", "REGON podaj jako tekst, np. \"570791223\"", {})
    try:
        return stdnum_regon.validate(value)
    except InvalidChecksum:
        raise PydanticCustomError("regon.checksum", "REGON '{value}' ma błędną cyfrę kontrolną", {"value": value}) from None
    except ValidationError:
        raise PydanticCustomError("regon.format", "REGON '{value}' musi mieć 9 lub 14 cyfr", {"value": value}) from None


TercCode = Annotated[str, BeforeValidator(parse_terc),
                     WithJsonSchema({"type": "string", "pattern": r"^\d{2}(\d{2}(\d{3})?)?$"})]
Nip = Annotated[str, BeforeValidator(parse_nip), WithJsonSchema({"type": "string"})]
Regon = Annotated[str, BeforeValidator(parse_regon), WithJsonSchema({"type": "string"})]



# Codes of the national list of indicators (WLWK 2021–2027): EU common ones of Reg. 2021/1058 annex I
# (RCO/RCR, written "RCO 58") and of ESF+ (EECO/EECR), national ones (PLRO…, PLRR…, PLHI…). The exact
# set of national prefixes is not verified: any PL prefix of 2–6 capital letters is accepted.
INDICATOR_CODE = re.compile(r"^(RCO|RCR|EECO|EECR|PL[A-Z]{2,6})\s*(\d{1,4})$")


def parse_indicator_code(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("indicator_code.type", "kod wskaźnika podaj jako tekst, np. \"RCO 58\"", {})
    match = INDICATOR_CODE.match(value.strip().upper())
    if match is None:
        raise PydanticCustomError(
            "indicator_code.format",
            "kod wskaźnika '{value}' nie ma formatu kodu ze Wspólnej Listy Wskaźników Kluczowych 2021–2027 "
            "(np. RCO 58, RCR 64, EECO01, PLRO032, PLRR013)", {"value": value})
    prefix, digits = match.groups()
    # EU common indicators are written with a space ("RCO 58"); national codes without one.
    return f"{prefix} {int(digits)}" if prefix in ("RCO", "RCR") else f"{prefix}{digits}"


IndicatorCode = Annotated[str, BeforeValidator(parse_indicator_code),
                          WithJsonSchema({"type": "string", "examples": ["RCO 58", "RCR 64", "PLRO032"]})]


QUARTER_KEY = re.compile(r"^(\d{4})-(I|II|III|IV)$")


def parse_quarter_key(value: Any) -> str:
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not QUARTER_KEY.match(text):
        raise PydanticCustomError(
            "quarter.format", "'{value}' nie jest kwartałem; podaj rok i numer kwartału cyframi rzymskimi, "
            "np. 2028-I, 2028-IV", {"value": value})
    return text


def digits_code(length: int, what: str, example: str):
    """A code of exactly `length` digits (classification tables of Regulation 2021/1060, annex I)."""
    def parse(value: Any) -> str:
        text = f"{value:0{length}d}" if isinstance(value, int) and not isinstance(value, bool) else str(value).strip()
        if not (text.isdigit() and len(text) == length):
            raise PydanticCustomError(
                "classification.format", "{what} to kod z {length} cyfr, np. {example}; podano '{value}'",
                {"what": what, "length": length, "example": example, "value": value})
        return text
    return Annotated[str, BeforeValidator(parse), WithJsonSchema({"type": "string", "pattern": rf"^\d{{{length}}}$"})]


QuarterKey = Annotated[str, BeforeValidator(parse_quarter_key),
                       WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(I|II|III|IV)$"})]
