"""Validation rules of the project documents: shared ones, and what the application outline adds."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...doctype import Scoped
from ...domain.application import DNSH_OBJECTIVES
from ...domain.partnership import Partnership
from ...domain.rules import partnership_rules, project_rules
from ...formatting import number, plural
from ...problems import Problem, error, warning
from .application_rules import APPLICATION_FORM_RULES
from .appraisal_text import check_cross_financing, check_funding_gap_with_state_aid, check_revenue_text
from .indicator_climate_rules import SHARED_RULES
from .outline_rules import OUTLINE_CONTENT_RULES
from .schema import ApplicationOutlineInput, ProjectFile
from .strategy_link import strategy_known, strategy_link_rules


def check_partnership(partnership: Partnership) -> list[Problem]:
    return partnership_rules(partnership, path=())


def check_project(data: ProjectFile) -> list[Problem]:
    return project_rules(data.project, data.partnership)


_SENTENCE = re.compile(r"[^.;]*(?:[.;](?!\d)|$)")
_SENIORS = re.compile(r"65\s*(?:\+|lat)")
_SHARE = re.compile(r"(\d+(?:[,.]\d+)?)\s*%")
_COUNT = re.compile(r"(\d{1,3}(?:[ \u00a0]\d{3})*|\d+)\s+os(?:ób|oby|oba)\s+w\s+wieku\s+65")


def _texts(value: Any, path: tuple) -> list[tuple[tuple, str]]:
    """Every text of a model with its path."""
    from pydantic import BaseModel

    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, BaseModel):
        return [found for name in type(value).model_fields for found in _texts(getattr(value, name), path + (name,))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _texts(item, path + (i,))]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _texts(item, path + (str(key),))]
    return []


def typed_demography(data: ProjectFile) -> list[Problem]:
    """The share (and number) of residents aged 65+ is computed from the partnership's data (population,
    population_65plus of the project's location): a figure typed in a text that disagrees with it is told
    where it stands; the documents print the computed one."""
    seniors = data.partnership.seniors(data.project.location)
    if seniors is None:
        return []
    computed = f"{number(seniors.share, 1)}%: {number(seniors.count)} z {number(seniors.population)} mieszkańców " \
               f"({', '.join(seniors.members)}) według danych partnerstwa"
    problems = []
    sources = _texts(data.project, ("project",)) + (
        _texts(data.application, ("application",)) if getattr(data, "application", None) is not None else [])
    for path, text in sources:
        for sentence in _SENTENCE.findall(text.replace("\n", " ")):
            if not _SENIORS.search(sentence):
                continue
            for match in _SHARE.finditer(sentence):
                typed = Decimal(match.group(1).replace(",", "."))
                if "mieszkańc" in sentence and abs(typed - seniors.share) >= Decimal("0.5"):
                    problems.append(warning(
                        "demography.share_typed",
                        f"tekst podaje udział osób w wieku 65+ {match.group(1)}%, a z danych wynika {computed}; usuń "
                        "udział z tekstu (dokument podaje wyliczony) albo popraw population_65plus członków", path))
            for match in _COUNT.finditer(sentence):
                typed_count = int(re.sub(r"\D", "", match.group(1)))
                if typed_count != seniors.count:
                    problems.append(warning(
                        "demography.count_typed",
                        f"tekst podaje {match.group(1)} osób w wieku 65+, a z danych wynika {computed}; usuń liczbę "
                        "z tekstu (dokument podaje wyliczoną) albo popraw population_65plus członków", path))
    return problems


# Scoped: the partnership file that every project of a package shares is checked once.
PROJECT_RULES = (Scoped(("partnership",), check_partnership), check_project, strategy_link_rules,
                 strategy_known, typed_demography) + SHARED_RULES


def check_identifiers(data: ApplicationOutlineInput) -> list[Problem]:
    """The applicant and every partner need NIP and REGON on the application form."""
    problems = []
    project = data.project
    for role, member_id in [("wnioskodawca", project.leader)] + [("partner", p) for p in project.partners]:
        index = next((i for i, m in enumerate(data.partnership.members) if m.id == member_id), None)
        if index is None:
            continue  # reported by the shared rules
        member = data.partnership.members[index]
        for field_name, label in (("nip", "NIP"), ("regon", "REGON")):
            if getattr(member, field_name) is None:
                problems.append(error(
                    f"application.{field_name}_missing",
                    f"{member.name} ({role}) musi mieć {label} we wniosku o dofinansowanie; uzupełnij pole {field_name}",
                    ("partnership", "members", index)))
    return problems


def check_dnsh(data: ApplicationOutlineInput) -> list[Problem]:
    problems = []
    for key, objective in DNSH_OBJECTIVES.items():
        if getattr(data.application.dnsh, key) is None:
            problems.append(error(
                "dnsh.missing",
                f"brak oceny zgodności z zasadą DNSH dla celu środowiskowego „{objective}” (art. 17 "
                "rozporządzenia (UE) 2020/852); podaj impact i justification",
                ("application", "dnsh", key)))
    return problems


def check_durability(data: ApplicationOutlineInput) -> list[Problem]:
    years = data.application.durability_years
    if years not in (3, 5):  # 3 years: check_sme_durability
        return [warning(
            "durability.unusual",
            f"okres trwałości {plural(years, 'rok', 'lata', 'lat')} różni się od typowego (5 lat od płatności końcowej, 3 lata dla MŚP; "
            "art. 65 rozporządzenia 2021/1060) – sprawdź regulamin naboru",
            ("application", "durability_years"))]
    return []


OUTLINE_RULES = (PROJECT_RULES + (check_identifiers, check_dnsh, check_durability) + APPLICATION_FORM_RULES
                 + OUTLINE_CONTENT_RULES + (check_cross_financing, check_revenue_text,
                                            check_funding_gap_with_state_aid))
