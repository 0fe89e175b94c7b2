"""What the schedule and the application outline read of the harmonogram rzeczowo-finansowy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...rendering.charts.model import Chart, Series
from ...domain.financial_plan import Amounts, FinancialPlan, financial_plan, split_exact
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


def plan_context(project: Project, partnership: Partnership) -> dict[str, Any]:
    plan = financial_plan(project)
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
    total_own = sum((amount for _, amount in plan.contributions), Decimal(0))
    partners = [{
        "name": _member_name(partnership, member_id),
        "years": [plan.partner_year(member_id, year) for year in plan.years],
        "total": amount,
    } for member_id, amount in plan.contributions]
    partner_shares = _shares_to_100([p["total"] for p in partners])
    for row, share in zip(partners, partner_shares):
        row["share"] = share
    return {
        "columns": _columns(has_other),
        "by_task": by_task,
        "by_period": by_period,
        "total": _cells(plan.total, has_other),
        "years": plan.years,
        "partners": partners,
        "partner_year_totals": [sum((p["years"][i] for p in partners), Decimal(0)) for i in range(len(plan.years))],
        "own_total": total_own,
        "claims": plan.claims,
        "eu_total": plan.total.eu,
        "eligible_total": plan.total.eligible,
        "chart": quarter_chart(plan),
        "linked_categories": any(item.task for item in project.costs),
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
    context = plan_context(project, partnership)
    plan = financial_plan(project)
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
    paid = dict(plan.contributions)
    members = [project.leader, *project.partners]
    members += [m for m in paid if m not in members]
    amounts = [paid.get(m, Decimal(0)) for m in members]
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
