"""Validation rules of the project documents: shared ones, and what the application outline adds."""

from __future__ import annotations

from ...doctype import Scoped
from ...domain.application import DNSH_OBJECTIVES
from ...domain.partnership import Partnership
from ...domain.rules import partnership_rules, project_rules
from ...formatting import plural
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


# Scoped: the partnership file that every project of a package shares is checked once.
PROJECT_RULES = (Scoped(("partnership",), check_partnership), check_project, strategy_link_rules,
                 strategy_known) + SHARED_RULES


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
