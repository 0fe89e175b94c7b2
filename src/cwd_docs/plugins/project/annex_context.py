"""The outline's classification in every dimension of CPR annex I: code and name per dimension."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...domain.annex import DIMENSIONS, Code, dimension_in_text, dimension_number, lookup, nuts_name, nuts_of, territorial_code
from ...domain.application import ApplicationDetails, Classification, TerritorialMechanism
from ...domain.partnership import Partnership


@dataclass
class Dimension:
    key: str  # annex I dimension (DIMENSIONS)
    field: str  # the classification's field it comes from (for located problems)
    codes: list[Code]
    given: str | None = None  # the code given when the tables do not know it

    @property
    def text(self) -> str:
        return "; ".join(c.text for c in self.codes)


def uses_esf(application: ApplicationDetails) -> bool:
    fund = application.fund.upper()
    return "EFS+" in fund or "SPOŁECZNY" in fund


def location_codes(classification: Classification, partnership: Partnership, member_ids: list[str]
                   ) -> tuple[list[Code], list[str]]:
    """NUTS codes of the place of implementation (override first) and the members the table cannot place."""
    if classification.location:
        return [Code("location", c, nuts_name(c) or "kod według programu", True, "program")
                for c in classification.location], []
    codes: list[Code] = []
    unknown = []
    for member_id in member_ids:
        member = partnership.member(member_id)
        if member is None:
            continue
        nuts = nuts_of(member.teryt)
        if nuts is None:
            unknown.append(member.name)
        elif nuts.code not in [c.code for c in codes]:
            codes.append(Code("location", nuts.code, nuts.name, nuts.verified, "NUTS 2021"))
    return codes, unknown


def dimensions(application: ApplicationDetails, partnership: Partnership, member_ids: list[str],
               mechanism: TerritorialMechanism | None) -> list[Dimension]:
    """Every dimension the outline classifies (ESF+ themes only where ESF+ finances the project); the
    territorial mechanism is the project's (ProjectFile.territorial_mechanism: the strategy's, when
    a strategy lists the project), None while nothing says it."""
    c = application.classification
    if c is None:
        return []
    o = c.overrides

    def one(key: str, field: str, code: str | None) -> Dimension:
        found = lookup(key, code, o) if code else None
        if found is None and code and key == "intervention_field" and c.intervention_name:
            found = Code(key, code, c.intervention_name, False, "wniosek")
        return Dimension(key, field, [found] if found else [], given=code if found is None else None)

    result = [
        one("intervention_field", "intervention_field", c.intervention_field),
        one("form_of_support", "form_of_finance", c.form_of_finance),
        Dimension("territorial_delivery", "territorial_mechanism",
                  [territorial_code(mechanism.value, c.territorial_focus.value if c.territorial_focus else None, o)]
                  if mechanism else []),
        one("economic_activity", "economic_activity", c.economic_activity),
        Dimension("location", "location", location_codes(c, partnership, member_ids)[0]),
    ]
    if uses_esf(application):
        result.append(one("esf_secondary_theme", "esf_secondary_theme", c.esf_secondary_theme))
    result.append(one("gender_equality", "gender_equality", c.gender_equality))
    return result


def classification_view(application: ApplicationDetails, partnership: Partnership, member_ids: list[str],
                        mechanism: TerritorialMechanism | None) -> list[dict[str, Any]]:
    rows = []
    for d in dimensions(application, partnership, member_ids, mechanism):
        number = "5" if d.key == "location" else str(dimension_number(d.key))
        label = f"{DIMENSIONS[d.key]} (wymiar {number})"
        text = d.text or f"[DO UZUPEŁNIENIA: {dimension_in_text(d.key)} – application.classification.{d.field}]"
        rows.append({"label": label, "text": text, "codes": [c.code for c in d.codes]})
    return rows
