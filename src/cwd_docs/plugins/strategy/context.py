"""The template context of a strategy document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...rendering.charts.model import Chart, Series
from ...domain.package_money import framework_comparison, surplus_parts
from ...domain.strategy import MONEY_KIND_LABELS, CommentOutcome, OpinionBody, StrategyType
from ...loading.media import ImageRef
from ..project.plan_context import ROW_FILL, SUBTOTAL_FILL
from .kinds import CHAPTER_ORDER, SUBSECTIONS, StrategyKind, anchor_heading, effective_kind, gap_text
from .schema import StrategyFile

SUBTITLES = {
    StrategyType.SUPRALOCAL: "strategia rozwoju ponadlokalnego w rozumieniu art. 10g ustawy o samorządzie gminnym",
    StrategyType.ZIT: "strategia terytorialna dla Zintegrowanych Inwestycji Terytorialnych "
                      "(art. 29 rozporządzenia (UE) 2021/1060)",
    StrategyType.IIT: "strategia terytorialna dla Innych Instrumentów Terytorialnych "
                      "(art. 29 rozporządzenia (UE) 2021/1060)",
}
SERVING = {
    StrategyType.ZIT: "pełniąca funkcję strategii terytorialnej dla Zintegrowanych Inwestycji Terytorialnych "
                      "(art. 29 rozporządzenia (UE) 2021/1060)",
    StrategyType.IIT: "pełniąca funkcję strategii terytorialnej dla Innych Instrumentów Terytorialnych "
                      "(art. 29 rozporządzenia (UE) 2021/1060)",
}


def strategy_context(base: StrategyKind, data: StrategyFile) -> dict[str, Any]:
    kind = effective_kind(base, data)
    strategy, partnership = data.strategy, data.partnership

    def image(path: Any, width: float = 160.0) -> ImageRef | None:
        return ImageRef(path, width) if path else None

    names = {m.id: m.name for m in partnership.members}
    unique = []
    for project_file in data.projects:
        if not any(project_file is other for other in unique):
            unique.append(project_file)
    projects = []
    for project_file in unique:
        project = project_file.project
        goal = strategy.goal_of(project.strategy_goal_code) if project.strategy_goal_code else None
        projects.append({"project": project, "leader": names.get(project.leader, project.leader),
                         "goal": project.strategy_goal_code or "–", "goal_code": goal.code if goal else ""})
    projects_total = sum((p["project"].total_cost for p in projects), Decimal(0))
    projects_eu = sum((p["project"].eu_amount for p in projects), Decimal(0))
    by_goal = []
    for goal in strategy.goals:
        mine = [p["project"] for p in projects if p["goal_code"] == goal.code]
        by_goal.append({"goal": goal, "count": len(mine),
                        "total": sum((p.total_cost for p in mine), Decimal(0)),
                        "eu": sum((p.eu_amount for p in mine), Decimal(0))})

    framework = strategy.financial_framework
    from .rules import element_problems

    # Gaps: what the law (or the chapter) requires and the file lacks, marked where it would stand.
    found = [(anchor, p) for anchor, p in element_problems(kind, data) if p.gap]
    gaps: dict[str, list[str]] = {f"ch_{key}": [] for key in CHAPTER_ORDER}
    gaps.update({anchor: [] for anchor in SUBSECTIONS})
    for anchor, problem in found:
        gaps[anchor].append(gap_text(problem))
    gap_list = [{"text": gap_text(p), "heading": anchor_heading(kind, anchor, data)} for anchor, p in found]
    annex = []
    for element in kind.elements:
        applies = element.applies(data)
        status = element.status(data) if applies else "nie dotyczy"
        if applies and _element_gaps(element, data) and status != "brak" \
                and "niekompletne" not in status:
            status = f"niekompletne ({status})"
        annex.append({
            "label": element.label, "basis": element.basis, "bookmark": element.anchor,
            "heading": anchor_heading(kind, element.anchor, data), "status": status,
        })
    chapters = {key: kind.chapters.index(key) + 1 if key in kind.chapters else 0 for key in CHAPTER_ORDER}
    serving = strategy.serves_as if strategy.kind is StrategyType.SUPRALOCAL else None
    consultation = strategy.consultation
    return {
        "kind": {"name": kind.name, "title": kind.title,
                 "subtitle": SUBTITLES[strategy.kind] + (", " + SERVING[serving] if serving in SERVING else ""),
                 "cpr": strategy.serves_cpr is not None, "iit": strategy.serves_cpr is StrategyType.IIT,
                 "supralocal": strategy.kind is StrategyType.SUPRALOCAL, "serving": serving.value if serving else ""},
        "ch": chapters,
        "document": data.document,
        "partnership": partnership,
        "strategy": strategy,
        "leader": partnership.leader_member,
        "members": partnership.members,
        "population": partnership.population,
        "area_km2": partnership.area_km2,
        "diagnosis": [_section(section) for section in strategy.diagnosis.sections],
        "dimensions": [
            {"name": "społeczna", "items": strategy.diagnosis.social},
            {"name": "gospodarcza", "items": strategy.diagnosis.economic},
            {"name": "przestrzenna", "items": strategy.diagnosis.spatial},
            {"name": "środowiskowa", "items": strategy.diagnosis.environmental},
        ],
        "directions": [_directions(goal, names) for goal in strategy.goals],
        "results": [{"goal": goal, "result": result} for goal, result in strategy.results],
        "spatial_results": any(result.spatial for _, result in strategy.results),
        "osi_regional": [{"area": a, "members": [names.get(m, m) for m in a.members]} for a in strategy.osi.regional],
        "osi_local": [{"area": a, "members": [names.get(m, m) for m in a.members]} for a in strategy.osi.local],
        "maps": {
            "location": image(strategy.location_map, 125.0),
            "model": image(strategy.functional_model.map if strategy.functional_model else None),
            "osi_regional": image(strategy.osi.regional_map),
            "osi_local": image(strategy.osi.local_map),
        },
        "projects": projects,
        "projects_total": projects_total,
        "projects_eu": projects_eu,
        "projects_by_goal": by_goal,
        "complementary": [{"project": c, "members": [names.get(m, m) for m in c.members]}
                          for c in strategy.complementary_projects],
        "roles": [{"member": names.get(r.member, r.member), "role": r.role}
                  for r in (strategy.implementation.roles if strategy.implementation else [])],
        "finance": {
            "years": framework.years if framework else [],
            "sources": [s.source for s in framework.sources] if framework else [],
            "by_year": [{"year": y, "amounts": [s.amounts.get(y, Decimal(0)) for s in framework.sources],
                         "total": t} for y, t in zip(framework.years, framework.totals_by_year)] if framework else [],
            "source_totals": [s.total for s in framework.sources] if framework else [],
            "total": framework.total if framework else Decimal(0),
            "eu": framework.eu_total if framework else Decimal(0),
            "checks": _framework_checks(framework, [p["project"] for p in projects], strategy.complementary_projects)
            if framework else [],
            "outside": [s for s in framework.sources if s.outside_package] if framework else [],
            "check_columns": ["Ramy finansowe", "Projekty pakietu", "Projekty uzupeł\u00adniające"]
            + (["Inne przeznaczenie"] if framework and framework.other_uses else []) + ["Nadwyżka ram"],
            "surplus": _surplus(framework, [p["project"] for p in projects], strategy.complementary_projects)
            if framework else {"uses": [], "left": [], "left_total": Decimal(0), "gap": ""},
        },
        "consultation": {
            "received": len(consultation.comments) if consultation else 0,
            "accepted": consultation.accepted if consultation else 0,
            "partly": consultation.partly if consultation else 0,
            "rejected": sum(1 for c in consultation.comments if c.outcome is CommentOutcome.REJECTED)
            if consultation else 0,
        },
        "assessment": strategy.environmental_assessment,
        "resolutions": [{"member": names.get(r.member, r.member), "r": r}
                        for r in sorted(strategy.resolutions, key=lambda r: (r.subject.value != "przystąpienie i tryb "
                                                                             "opracowania", r.date))],
        "opinions": strategy.opinions,
        "board_opinion": strategy.opinion(OpinionBody.VOIVODESHIP_BOARD),
        "annex": annex,
        "gaps": gaps,
        "gap_list": gap_list,
    }


def _element_gaps(element: Any, data: StrategyFile) -> bool:
    return any(p.gap for p in element.check(data))


def _framework_checks(framework: Any, projects: list[Any], complementary: list[Any]) -> list[dict[str, Any]]:
    """The framework against the package by kind of money: a subtotal row per kind, then its years."""
    comparison = framework_comparison(framework, projects, complementary)
    names = ("framework", "projects", "complementary") + (("other",) if framework.other_uses else ()) + ("surplus",)
    rows = []
    for kind in dict.fromkeys(r.kind for r in comparison):
        mine = [r for r in comparison if r.kind is kind]
        totals = [sum((getattr(r, name) for r in mine), Decimal(0)) for name in names]
        label = MONEY_KIND_LABELS[kind]
        rows.append({"label": label[0].upper() + label[1:] + " – razem", "cells": totals, "fill": SUBTOTAL_FILL})
        rows += [{"label": f"{r.year}", "cells": [getattr(r, name) for name in names], "fill": ROW_FILL}
                 for r in mine]
    return rows


def _surplus(framework: Any, projects: list[Any], complementary: list[Any]) -> dict[str, Any]:
    """The parts of the framework's surplus as the document states them (the rule checks the same parts)."""
    parts = surplus_parts(framework, framework_comparison(framework, projects, complementary))
    from .rules import years_text

    return {"uses": [{"label": MONEY_KIND_LABELS[kind], "amount": amount, "purpose": what,
                      "when": f"w {years[0]} r." if len(years) == 1 else f"w latach {years_text(years)}"}
                     for kind, years, amount, what in parts.uses],
            "left": [{"label": MONEY_KIND_LABELS[kind], "amount": amount} for kind, amount in parts.left.items()],
            "left_total": parts.left_total,
            "gap": "przeznaczenie pozostałej nadwyżki ram finansowych (pole surplus_purpose) albo przypisanie tych "
                   "środków w polu other_uses"}


def _section(section: Any) -> dict[str, Any]:
    trend = section.trend
    chart = None
    if trend is not None:
        years = sorted(trend.values)
        chart = Chart(kind="line", categories=tuple(str(y) for y in years),
                      series=(Series(trend.indicator, tuple(trend.values[y] for y in years)),),
                      value_axis_title=trend.unit, height_mm=70.0,
                      description=f"{trend.indicator} w latach {years[0]}–{years[-1]} ({trend.unit})")
    sources = {row.source for row in section.data}
    return {"section": section, "chart": chart, "rows": [_data_row(row) for row in section.data],
            "source": sources.pop() if len(sources) == 1 else ""}


def _data_row(row: Any) -> dict[str, Any]:
    """A row of figures, all with as many decimal places as the most precise of them."""
    from ...formatting import number

    values = [v for v in (row.value, row.voivodeship, row.country) if v is not None]
    places = max(max(-Decimal(str(v)).normalize().as_tuple().exponent, 0) for v in values)

    def shown(value: Any) -> str:
        return number(value, places) if value is not None else "–"

    return {"row": row, "value": shown(row.value), "voivodeship": shown(row.voivodeship),
            "country": shown(row.country)}


def _directions(goal: Any, names: dict[str, str]) -> dict[str, Any]:
    def direction(d: Any) -> dict[str, Any]:
        return {"d": d, "members": [names.get(m, m) for m in d.members], "osi": d.osi}

    groups = [{"op": None, "directions": [direction(d) for d in goal.directions]}] if goal.directions else []
    groups += [{"op": op, "directions": [direction(d) for d in op.directions]} for op in goal.operational_goals]
    return {"goal": goal, "groups": groups}
