"""What the templates of the project documents read: one shared context, extended per type."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...domain.application import DNSH_OBJECTIVES
from ...domain.partnership import Member, MemberKind, Partnership
from ...domain.schedule import cost_table, gantt, months_between
from ...domain.annex import table_source
from ...domain.indicators import indicators_source
from ...domain.cash_flows import analyse
from .annex_context import classification_view
from .appraisal_text import appraisal_statements
from .climate_context import climate_view
from .plan_context import outline_plan_context, plan_context
from .schema import ApplicationOutlineInput, ProjectFile

LEGAL_FORMS = {
    MemberKind.POWIAT: "jednostka samorządu terytorialnego – powiat",
    MemberKind.MIASTO_NA_PRAWACH_POWIATU: "jednostka samorządu terytorialnego – miasto na prawach powiatu",
}


def project_context(data: ProjectFile) -> dict[str, Any]:
    partnership, project = data.partnership, data.project

    def member(member_id: str) -> Member:
        found = partnership.member(member_id)
        assert found is not None, "rules guarantee every referenced member exists"
        return found

    reference = data.goal_reference
    code = project.strategy_goal_code
    if reference is not None:
        goal = {"label": reference.label, "strategy": data.linked_strategy.name, "gap": ""}
    else:
        goal = {"label": "", "strategy": "", "gap": (
            f"nazwa celu lub kierunku o kodzie {code} ze strategii – wskaż plik strategii w polu strategy "
            "albo zbuduj pakiet ze strategią, która wymienia projekt" if code else
            "kod celu lub kierunku strategii, któremu służy projekt (pole strategy_goal_code)")}
    mechanism = data.territorial_mechanism
    return {
        "strategy_goal": goal,
        "territorial_mechanism": mechanism.value if mechanism else "",
        "document": data.document,
        "partnership": partnership,
        "project": project,
        "application": data.application,
        "leader": member(project.leader),
        "partners": [member(m) for m in project.partners],
        "location": [member(m) for m in project.location],
        "seniors": partnership.seniors(project.location),  # the share of residents aged 65+, computed once
        "funding": [{"source": f, "share": share} for f, share in zip(project.funding, project.funding_shares)],
        "funding_share_total": sum(project.funding_shares, Decimal(0)),
        "tasks": [{"task": t, "responsible": member(t.responsible)} for t in project.tasks],
        "climate": climate_view(project),
        # CPR art. 65: five years from the final payment unless the outline's data says otherwise
        "durability_years": data.application.durability_years if data.application else 5,
    }


def schedule_context(data: ProjectFile) -> dict[str, Any]:
    context = project_context(data)
    for row in context["tasks"]:
        task = row["task"]
        row["months"] = months_between(task.start, task.end)
    context["gantt"] = gantt(data.project)
    context["costs"] = cost_table(data.project)
    context["milestones"] = [row for row in context["tasks"] if row["task"].milestone]
    context["proportional_split"] = any(not t.costs_by_year and not t.costs_by_quarter and t.cost
                                        for t in data.project.tasks)
    context["plan"] = plan_context(data.project, data.partnership)
    return context


def place_of_implementation(partnership: Partnership, member_ids: list[str]) -> list[dict[str, str]]:
    """Voivodeship, powiat and gmina of each location, read from TERYT codes."""
    powiaty = {m.teryt: m.name for m in partnership.powiaty}
    rows = []
    for member_id in member_ids:
        member = partnership.member(member_id)
        if member is None:
            continue
        terc = member.terc
        if member.kind is MemberKind.POWIAT:
            powiat, gmina = member.name, "cały powiat"
        elif member.kind is MemberKind.MIASTO_NA_PRAWACH_POWIATU:
            powiat, gmina = member.name, member.name
        else:
            powiat = powiaty.get(terc.powiat, f"powiat o kodzie {terc.powiat}")
            gmina = member.name
        rows.append({"voivodeship": terc.voivodeship_name, "powiat": powiat, "gmina": gmina, "teryt": member.teryt})
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
    context["classification"] = classification_view(data.application, data.partnership, data.project.location,
                                                    data.territorial_mechanism)
    context["annex_source"] = table_source()
    context["indicators_source"] = indicators_source(genitive=True)
    context["plan"] = outline_plan_context(data.project, data.partnership, data.application)
    # net revenue and cross-financing: the feasibility analysis's own computation and sentences
    context["appraisal"] = appraisal_statements(analyse(data.project))
    principles = data.application.horizontal_principles
    context["principles"] = [
        {"name": field.title, "text": getattr(principles, key)}
        for key, field in type(principles).model_fields.items()
    ]
    return context
