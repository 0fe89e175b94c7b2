"""Classification of an operation in the dimensions of CPR 2021/1060 annex I, from the shipped tables.

The territorial delivery mechanism's code is `territorial_code(mechanism, focus)`: the one place that
turns a mechanism (today the outline's classification field, derived from the strategy the project
belongs to where the strategy is known) into the code of annex I table 3. The location comes from
the members' TERYT codes (NUTS 3, else NUTS 2), unless the classification gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .code_tables import load

# The outline's labels of the dimensions, in annex I order.
DIMENSIONS = {
    "intervention_field": "Zakres interwencji",
    "form_of_support": "Forma finansowania",
    "territorial_delivery": "Terytorialny mechanizm realizacji i ukierunkowanie terytorialne",
    "economic_activity": "Rodzaj działalności gospodarczej",
    "location": "Lokalizacja według NUTS",
    "esf_secondary_theme": "Dodatkowe tematy EFS+",
    "gender_equality": "Wymiar równouprawnienia płci",
}


def dimension_in_text(key: str) -> str:
    """A dimension's label inside a sentence: 'rodzaj działalności gospodarczej', 'dodatkowe tematy EFS+'."""
    label = DIMENSIONS[key]
    return label[:1].lower() + label[1:]


# Focus of a mechanism when the classification gives none (annex I table 3).
DEFAULT_FOCUS = {
    "ZIT": "Obszary funkcjonalne obszarów miejskich",
    "IIT": "Inne rodzaje terytoriów docelowych",
    "RLKS": "Obszary wiejskie",
}


@dataclass(frozen=True)
class Code:
    dimension: str
    code: str
    name: str
    verified: bool
    source: str

    @property
    def text(self) -> str:
        return f"{self.code} – {self.name}"


def table_source() -> str:
    return load("annex_i")["source"]


def _rows(dimension: str) -> list[dict]:
    return load("annex_i")["dimensions"][dimension]["rows"]


def missing_codes(dimension: str) -> list[str]:
    """Codes of annex I whose wording the shipped table does not give (data/annex_i.yaml: `missing`)."""
    return list(load("annex_i")["dimensions"][dimension].get("missing", []))


def dimension_number(dimension: str) -> int:
    return load("annex_i")["dimensions"][dimension]["number"]


def lookup(dimension: str, code: str, overrides: Mapping[str, Mapping[str, str]] | None = None) -> Code | None:
    """A code of a dimension: the programme's override first, then the shipped table; None if unknown."""
    override = (overrides or {}).get(dimension, {})
    if code in override:
        return Code(dimension, code, override[code], True, "program")
    row = next((r for r in _rows(dimension) if r["code"] == code), None)
    if row is None:
        return None
    return Code(dimension, code, row["name"], bool(row.get("verified")), table_source())


def territorial_code(mechanism: str, focus: str | None = None,
                     overrides: Mapping[str, Mapping[str, str]] | None = None) -> Code:
    """Annex I table 3 code of a mechanism (ZIT, IIT, RLKS, brak) and territorial focus.

    Without a focus a mechanism takes DEFAULT_FOCUS; "brak" without a focus is 33 (no territorial
    targeting). A programme's override of the code found replaces its name.
    """
    focus = focus or DEFAULT_FOCUS.get(mechanism)
    row = next(r for r in _rows("territorial_delivery")
               if r["mechanism"] == mechanism and r.get("focus") == focus)
    found = lookup("territorial_delivery", row["code"], overrides)
    assert found is not None
    return found


def common_indicators_of(intervention_field: str) -> list[str]:
    row = next((r for r in _rows("intervention_field") if r["code"] == intervention_field), None)
    return list(row.get("common_indicators", [])) if row else []


@dataclass(frozen=True)
class Nuts:
    code: str
    name: str
    verified: bool


def nuts_of(teryt: str) -> Nuts | None:
    """NUTS 3 of a TERYT code's powiat (the shipped table covers every powiat and city with powiat rights),
    else the voivodeship's NUTS 2 where the voivodeship is one region (not mazowieckie, PL91/PL92)."""
    table = load("nuts_pl")
    powiat = teryt[:4]
    for code, row in table["nuts3"].items():
        if powiat in row["powiaty"]:
            return Nuts(code, row["name"], True)
    regions = [(code, row) for code, row in table["nuts2"].items() if row["voivodeship"] == teryt[:2]]
    if len(regions) == 1:
        code, row = regions[0]
        return Nuts(code, row["name"], True)
    return None


def nuts_name(code: str) -> str | None:
    """The name of a NUTS 1, 2 or 3 code of the table (an override's code may be any)."""
    table = load("nuts_pl")
    for level in ("nuts3", "nuts2", "nuts1"):
        if code in table[level]:
            return table[level][code]["name"]
    return None
