"""Harmonogram realizacji (implementation schedule) of one project, with a Gantt chart."""

from __future__ import annotations

from typing import Any, Callable

from ..doctype import DocumentType
from ..hookspecs import hookimpl
from .feasibility import project_document


def schedule_context(data: Any) -> dict[str, Any]:
    from ..domain.schedule import cost_table, gantt, months_between
    from .project_documents import project_context

    context = project_context(data)
    for row in context["tasks"]:
        task = row["task"]
        row["months"] = months_between(task.start, task.end)
    context["gantt"] = gantt(data.project)
    context["costs"] = cost_table(data.project)
    context["milestones"] = [row for row in context["tasks"] if row["task"].milestone]
    context["proportional_split"] = any(not t.costs_by_year and t.cost for t in data.project.tasks)
    return context


@hookimpl
def register_document_types(register: Callable[[DocumentType], None]) -> None:
    register(project_document("schedule", "Harmonogram realizacji projektu",
                              "Harmonogram rzeczowo-finansowy projektu z wykresem Gantta",
                              context="cwd_docs.plugins.schedule:schedule_context"))
