"""What the schedule and the application outline read of the harmonogram rzeczowo-finansowy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...rendering.charts.model import Chart, Series
from ...domain.financial_plan import Amounts, FinancialPlan, split_exact
from ...domain.partner_split import PartnerSplit, partner_split
from ...domain.application import ApplicationDetails
from ...domain.partnership import MemberKind, Partnership
from ...domain.project import Project

SUBTOTAL_FILL = "E7EEF8"
ROW_FILL = "FFFFFF"


def _columns(has_other: bool) -> list[str]:
    return (["Wydatki ogółem", "Wydatki kwalifi\u00adkowalne", "Wydatki niekwalifi\u00adkowalne", "Dofinansowanie UE"]
            + (["Inne źródła"] if has_other else []) + ["Wkład własny"])


def _cells(amounts: Amounts, has_other: bool) -> list[Decimal]:
    return ([amounts.total, amounts.eligible, amounts.ineligible, amounts.eu]
            + ([amounts.other] if has_other else []) + [amounts.own])


def _member_name(partnership: Partnership, member_id: str) -> str:
    member = partnership.member(member_id)
    return member.name if member else member_id


def plan_context(project: Project, partnership: Partnership, split: PartnerSplit | None = None) -> dict[str, Any]:
    split = split or partner_split(project)
    plan = split.plan
    has_other = bool(plan.total.other)
    by_task = [
        {"id": task.id, "name": task.name, "cells": _cells(budget, has_other)}
        for task, budget in zip(project.tasks, plan.by_task) if not task.milestone or budget.total
    ]
    by_period = []
    for year in plan.years:
        for quarter in (q for q in plan.quarters if q.year == year):
            by_period.append({"label": quarter.label, "cells": _cells(plan.by_quarter[quarter], has_other),
                              "fill": ROW_FILL})
        by_period.append({"label": f"Razem {year}", "cells": _cells(plan.year(year), has_other),
                          "fill": SUBTOTAL_FILL})
    members = split.members
    partners = [{
        "name": _member_name(partnership, member_id),
        "years": [split.member_year(member_id, year).own for year in plan.years],
        "total": split.member_total(member_id).own,
    } for member_id in members]
    partner_shares = _shares_to_100([p["total"] for p in partners])
    for row, share in zip(partners, partner_shares):
        row["share"] = share
    by_member = []
    for number, member_id in enumerate((m for m in members if split.member_total(m).total), start=1):
        by_member.append({"label": f"{number}. {_member_name(partnership, member_id)}",
                          "cells": _cells(split.member_total(member_id), has_other), "fill": SUBTOTAL_FILL})
        for task in project.tasks:
            amounts = split.member_task(member_id, task.id)
            if amounts.total:
                by_member.append({"label": f"{task.id} {task.name}", "cells": _cells(amounts, has_other),
                                  "fill": ROW_FILL})
    return {
        "columns": _columns(has_other),
        "by_task": by_task,
        "by_period": by_period,
        "by_member": by_member,
        "total": _cells(plan.total, has_other),
        "years": plan.years,
        "partners": partners,
        "partner_year_totals": [split.year(year).own for year in plan.years],
        "own_total": plan.total.own,
        "claims": plan.claims,
        "eu_total": plan.total.eu,
        "eligible_total": plan.total.eligible,
        "chart": quarter_chart(plan),
        "linked_categories": any(item.task for item in project.costs),
        "named_financing": any(t.financed_by or t.financing_shares or t.financing_amounts for t in project.tasks),
    }


def _shares_to_100(amounts: list[Decimal]) -> list[Decimal]:
    """Percent shares to 2 places that add up to exactly 100 (largest remainder), as the funding table does."""
    whole = sum(amounts, Decimal(0))
    if not whole:
        return [Decimal(0) for _ in amounts]
    return split_exact(Decimal(100), amounts)


def quarter_chart(plan: FinancialPlan) -> Chart:
    labels = tuple(q.label.replace(" kw. ", " kw.\u00a0") for q in plan.quarters)
    eu = tuple(plan.by_quarter[q].eu for q in plan.quarters)
    own = tuple(plan.by_quarter[q].own + plan.by_quarter[q].other for q in plan.quarters)
    return Chart(
        kind="stacked_column", categories=labels,
        series=(Series("Dofinansowanie UE", eu), Series("Wkład własny i inne źródła", own)),
        value_axis_title="zł", number_format="#,##0", width_mm=240, height_mm=85,
        description="Wydatki projektu w kolejnych kwartałach: dofinansowanie UE i wkład własny")


REPRESENTATION_RULES = {
    True: "Zgodnie z art. 48 ust. 1 ustawy o samorządzie powiatowym oświadczenia woli w imieniu powiatu składają "
          "dwaj członkowie zarządu albo jeden członek zarządu i osoba upoważniona przez zarząd; czynność, z której "
          "wynika zobowiązanie pieniężne, wymaga kontrasygnaty skarbnika powiatu (art. 48 ust. 2).",
    False: "Zgodnie z art. 31 ustawy o samorządzie gminnym gminę reprezentuje wójt (burmistrz, prezydent miasta); "
           "czynność, z której wynika zobowiązanie pieniężne, wymaga kontrasygnaty skarbnika gminy (art. 46 ust. 3).",
}


def outline_plan_context(project: Project, partnership: Partnership, application: ApplicationDetails) -> dict[str, Any]:
    """The application form's tasks with their budget by cost category, each partner's role and contribution,
    and who signs."""
    split = partner_split(project)
    context = plan_context(project, partnership, split)
    plan = split.plan
    tasks = []
    for task, budget in zip(project.tasks, plan.by_task):
        tasks.append({
            "task": task,
            "responsible": _member_name(partnership, task.responsible),
            "budget": budget,
            "categories": [c for c in project.costs if c.task == task.id],
        })
    context["tasks"] = tasks
    roles = {entry.member: entry.role for entry in application.partner_roles}
    members = split.members
    amounts = [split.member_total(m).own for m in members]
    context["members"] = [{
        "name": _member_name(partnership, member_id),
        "status": "lider" if member_id == project.leader else "partner",
        "role": roles.get(member_id, ""),
        "contribution": amount,
        "share": share,
    } for member_id, amount, share in zip(members, amounts, _shares_to_100(amounts))]
    leader = partnership.member(project.leader)
    context["representation_rule"] = REPRESENTATION_RULES[leader is not None and leader.kind is MemberKind.POWIAT]
    return context
