"""Template context shared by the project documents (feasibility, schedule, application outline)."""

from __future__ import annotations

from typing import Any

from ..domain.document import DocumentInfo
from ..domain.partnership import Member, Partnership
from ..domain.project import Project


def project_context(document: DocumentInfo, partnership: Partnership, project: Project) -> dict[str, Any]:
    def member(member_id: str) -> Member:
        found = partnership.member(member_id)
        assert found is not None, "rules guarantee every referenced member exists"
        return found

    return {
        "document": document,
        "partnership": partnership,
        "project": project,
        "leader": member(project.leader),
        "partners": [member(m) for m in project.partners],
        "location": [member(m) for m in project.location],
        "funding": [{"source": f, "share": project.funding_share(f)} for f in project.funding],
        "tasks": [{"task": t, "responsible": member(t.responsible)} for t in project.tasks],
    }
