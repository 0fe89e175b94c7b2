"""Harmonogram realizacji (implementation schedule) of one project, with a Gantt chart."""

from __future__ import annotations

from typing import Any, Callable

from ..doctype import DocumentType
from ..domain.schedule import cost_table, gantt, months_between, year_split
from ..hookspecs import hookimpl
from ..resources import template_dir
from .project_documents import INCLUDE_KEYS, PROJECT_EXAMPLE, PROJECT_RULES, ProjectFile, project_context


def schedule_context(data: ProjectFile) -> dict[str, Any]:
    context = project_context(data)
    for row in context["tasks"]:
        task = row["task"]
        row["months"] = months_between(task.start, task.end)
        row["split_given"] = bool(task.costs_by_year)
        row["years"] = year_split(task)
    context["gantt"] = gantt(data.project)
    context["costs"] = cost_table(data.project)
    context["milestones"] = [row for row in context["tasks"] if row["task"].milestone]
    context["proportional_split"] = any(not t.costs_by_year and t.cost for t in data.project.tasks)
    return context


@hookimpl
def register_document_types(register: Callable[[DocumentType], None]) -> None:
    folder = template_dir("schedule")
    register(DocumentType(
        name="schedule",
        title="Harmonogram realizacji projektu",
        description="Harmonogram rzeczowo-finansowy projektu z wykresem Gantta",
        input_model=ProjectFile,
        template=folder / "template.docx",
        example=PROJECT_EXAMPLE,
        build_context=schedule_context,
        rules=PROJECT_RULES,
        include_keys=INCLUDE_KEYS,
    ))
