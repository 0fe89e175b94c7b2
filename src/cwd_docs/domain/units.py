"""Quantities with their unit nouns in Polish: sensible rounding and the right form of the noun.

Data names units in the plural ("osoby/rok", "przejazdy/rok", "miejsca"); a document prints
"38 000 przejazdów/rok", "60 miejsc", "2 osoby", "4,0 osoby": integers take the form of the
1 / 2–4 / 5+ rule (`formatting.plural_form`), fractions the genitive singular. Abbreviated units
(km, t, godz., szt.) and nouns this table does not know are printed as typed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..formatting import NBSP, number, plural_form

# one, 2–4, 5+ (and 0), fraction (genitive singular); the key is any of the forms, as data types it
NOUNS: tuple[tuple[str, str, str, str], ...] = (
    ("osoba", "osoby", "osób", "osoby"),
    ("miejsce", "miejsca", "miejsc", "miejsca"),
    ("przejazd", "przejazdy", "przejazdów", "przejazdu"),
    ("podróż", "podróże", "podróży", "podróży"),
    ("dojazd", "dojazdy", "dojazdów", "dojazdu"),
    ("użytkownik", "użytkowników", "użytkowników", "użytkownika"),
    ("uczestnik", "uczestników", "uczestników", "uczestnika"),
    ("mieszkaniec", "mieszkańców", "mieszkańców", "mieszkańca"),
    ("senior", "seniorów", "seniorów", "seniora"),
    ("turysta", "turystów", "turystów", "turysty"),
    ("dziecko", "dzieci", "dzieci", "dziecka"),
    ("ofiara", "ofiary", "ofiar", "ofiary"),
    ("wypadek", "wypadki", "wypadków", "wypadku"),
    ("osobodzień", "osobodni", "osobodni", "osobodnia"),
    ("godzina", "godziny", "godzin", "godziny"),
    ("pojazd", "pojazdy", "pojazdów", "pojazdu"),
    ("budynek", "budynki", "budynków", "budynku"),
    ("obiekt", "obiekty", "obiektów", "obiektu"),
    ("lokal", "lokale", "lokali", "lokalu"),
    ("gospodarstwo", "gospodarstwa", "gospodarstw", "gospodarstwa"),
    ("kurs", "kursy", "kursów", "kursu"),
)
# nominative plurals of masculine-personal nouns, which data types but no count takes ("2 użytkowników")
_NOMINATIVE = {"użytkownicy": "użytkownik", "uczestnicy": "uczestnik", "mieszkańcy": "mieszkaniec",
               "seniorzy": "senior", "turyści": "turysta"}
_BY_FORM = {form: forms for forms in NOUNS for form in forms}
_BY_FORM.update({plural: next(f for f in NOUNS if f[0] == one) for plural, one in _NOMINATIVE.items()})
_FIRST_WORD = re.compile(r"^([^\W\d_]+)(.*)$", re.DOTALL)


def noun_forms(unit: str) -> tuple[str, str, str, str] | None:
    """The four forms of the unit's first word, or None when it is an abbreviation or unknown."""
    match = _FIRST_WORD.match(unit.strip())
    return _BY_FORM.get(match.group(1).lower()) if match else None


def lemma(unit: str) -> str:
    """The unit's noun in the singular ("przejazdy/rok" -> "przejazd"); the first word itself when unknown."""
    forms = noun_forms(unit)
    if forms is not None:
        return forms[0]
    match = _FIRST_WORD.match(unit.strip())
    return match.group(1).lower() if match else unit.strip().lower()


def rounded(value: Decimal) -> Decimal:
    """A demand quantity to the precision it is known with: whole above 100, one decimal from 1, two below."""
    size = abs(value)
    if size >= 100 or value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.1") if size >= 1 else Decimal("0.01"))


def quantity(value: Decimal, unit: str) -> str:
    """'38 000 przejazdów/rok', '60 miejsc', '4,0 osoby/rok', '0,25 ofiary/rok', '22 080 godz./rok'."""
    shown = rounded(value)
    places = -shown.as_tuple().exponent if shown.as_tuple().exponent < 0 else 0  # type: ignore[operator]
    text = number(shown, places)
    unit = unit.strip()
    if not unit:
        return text
    forms = noun_forms(unit)
    if forms is None:
        return f"{text}{NBSP}{unit}"
    match = _FIRST_WORD.match(unit)
    assert match is not None
    noun = forms[3] if places else plural_form(int(shown), forms[0], forms[1], forms[2])
    return f"{text}{NBSP}{noun}{match.group(2)}"
