"""Schema, rules and context of the funding-application outline (registered in application_outline)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ..domain.application import DNSH_OBJECTIVES, ApplicationDetails
from ..domain.identifiers import VOIVODESHIP_CODES
from ..domain.partnership import MemberKind, Partnership
from ..formatting import plural
from ..problems import Problem, error, warning
from .project_documents import PROJECT_RULES, ProjectFile, project_context

LEGAL_FORMS = {
    MemberKind.POWIAT: "jednostka samorządu terytorialnego – powiat",
    MemberKind.MIASTO_NA_PRAWACH_POWIATU: "jednostka samorządu terytorialnego – miasto na prawach powiatu",
}


class ApplicationOutlineInput(ProjectFile):
    application: ApplicationDetails = Field(title="Dane do zarysu wniosku o dofinansowanie")


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
    if years not in (3, 5):
        return [warning(
            "durability.unusual",
            f"okres trwałości {plural(years, 'rok', 'lata', 'lat')} różni się od typowego (5 lat od płatności końcowej, 3 lata dla MŚP; "
            "art. 65 rozporządzenia 2021/1060) – sprawdź regulamin naboru",
            ("application", "durability_years"))]
    return []


def place_of_implementation(partnership: Partnership, member_ids: list[str]) -> list[dict[str, str]]:
    """Voivodeship, powiat and gmina of each location, read from TERYT codes."""
    powiaty = {m.teryt: m.name for m in partnership.powiaty}
    rows = []
    for member_id in member_ids:
        member = partnership.member(member_id)
        if member is None:
            continue
        code = member.teryt
        if member.kind is MemberKind.POWIAT:
            powiat, gmina = member.name, "cały powiat"
        elif member.kind is MemberKind.MIASTO_NA_PRAWACH_POWIATU:
            powiat, gmina = member.name, member.name
        else:
            powiat = powiaty.get(code[:4], f"powiat o kodzie {code[:4]}")
            gmina = member.name
        rows.append({"voivodeship": VOIVODESHIP_CODES[code[:2]], "powiat": powiat, "gmina": gmina, "teryt": code})
    return rows


def outline_context(data: ApplicationOutlineInput) -> dict[str, Any]:
    context = project_context(data)
    leader = context["leader"]
    context["legal_form"] = LEGAL_FORMS.get(leader.kind, f"jednostka samorządu terytorialnego – {leader.kind.value}")
    context["place"] = place_of_implementation(data.partnership, data.project.location)
    context["dnsh"] = [
        {"objective": objective, "answer": getattr(data.application.dnsh, key)}
        for key, objective in DNSH_OBJECTIVES.items()
    ]
    principles = data.application.horizontal_principles
    context["principles"] = [
        {"name": field.title, "text": getattr(principles, key)}
        for key, field in type(principles).model_fields.items()
    ]
    return context


OUTLINE_RULES = PROJECT_RULES + (check_identifiers, check_dnsh, check_durability)
