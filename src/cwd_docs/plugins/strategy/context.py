"""The template context of a strategy document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...media import ImageRef
from .kinds import StrategyKind
from .schema import StrategyFile


def strategy_context(kind: StrategyKind, data: StrategyFile) -> dict[str, Any]:
    strategy, partnership = data.strategy, data.partnership

    def image(path: Any, width: float = 160.0) -> ImageRef | None:
        return ImageRef(path, width) if path else None

    projects = []
    for project_file in data.projects:
        project = project_file.project
        leader = project_file.partnership.member(project.leader)
        projects.append({"project": project, "leader": leader.name if leader else project.leader})
    framework = strategy.financial_framework
    annex = []
    for element in kind.elements:
        not_applicable = element.optional_when_absent is not None and element.optional_when_absent(data)
        annex.append({
            "label": element.label, "basis": element.basis, "bookmark": f"ch_{element.chapter}",
            "chapter": kind.chapter_title(element.chapter),
            "status": "nie dotyczy" if not_applicable else "spełniony",
        })
    osi_names = {m.id: m.name for m in partnership.members}
    return {
        "kind": {"name": kind.name, "title": kind.title},
        "document": data.document,
        "partnership": partnership,
        "strategy": strategy,
        "leader": partnership.leader_member,
        "members": partnership.members,
        "population": partnership.population,
        "area_km2": partnership.area_km2,
        "dimensions": [
            {"name": "społeczna", "items": strategy.diagnosis.social},
            {"name": "gospodarcza", "items": strategy.diagnosis.economic},
            {"name": "przestrzenna", "items": strategy.diagnosis.spatial},
            {"name": "środowiskowa", "items": strategy.diagnosis.environmental},
        ],
        "results": [{"goal": goal, "result": result} for goal, result in strategy.results],
        "osi_regional": [{"area": a, "members": [osi_names.get(m, m) for m in a.members]}
                         for a in strategy.osi.regional],
        "osi_local": [{"area": a, "members": [osi_names.get(m, m) for m in a.members]} for a in strategy.osi.local],
        "maps": {
            "model": image(strategy.functional_model.map if strategy.functional_model else None),
            "osi_regional": image(strategy.osi.regional_map),
            "osi_local": image(strategy.osi.local_map),
        },
        "projects": projects,
        "projects_total": sum((p["project"].total_cost for p in projects), Decimal(0)),
        "projects_eu": sum((p["project"].eu_amount for p in projects), Decimal(0)),
        "finance": {
            "years": framework.years if framework else [],
            "rows": [{"source": s.source, "amounts": [s.amounts.get(y, Decimal(0)) for y in framework.years],
                      "total": s.total} for s in framework.sources] if framework else [],
            "totals": framework.totals_by_year if framework else [],
            "total": framework.total if framework else Decimal(0),
        },
        "opinions": strategy.opinions,
        "annex": annex,
    }
