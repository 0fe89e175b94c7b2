"""What the project documents share: one input file, one set of rules, one template context.

The feasibility analysis, the implementation schedule and the application outline all read the
same project file (with its partnership), so nobody types a number twice.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from ..domain.application import ApplicationDetails
from ..domain.base import Model
from ..domain.document import DocumentInfo
from ..domain.partnership import Member, Partnership
from ..domain.project import Project
from ..domain.rules import partnership_rules, project_rules
from ..problems import Problem



class ProjectFile(Model):
    """Plik projektu: dokument, partnerstwo, projekt i (dla zarysu wniosku) dane wniosku."""

    document: DocumentInfo = Field(title="Dokument")
    partnership: Partnership = Field(title="Partnerstwo",
                                     description="Dane partnerstwa albo nazwa pliku z nimi, np. partnerstwo.yaml")
    project: Project = Field(title="Projekt")
    application: ApplicationDetails | None = Field(None, title="Dane do zarysu wniosku o dofinansowanie")


def check_partnership(data: ProjectFile) -> list[Problem]:
    return partnership_rules(data.partnership)


def check_project(data: ProjectFile) -> list[Problem]:
    return project_rules(data.project, data.partnership)


PROJECT_RULES = (check_partnership, check_project)


def project_context(data: ProjectFile) -> dict[str, Any]:
    partnership, project = data.partnership, data.project

    def member(member_id: str) -> Member:
        found = partnership.member(member_id)
        assert found is not None, "rules guarantee every referenced member exists"
        return found

    return {
        "document": data.document,
        "partnership": partnership,
        "project": project,
        "application": data.application,
        "leader": member(project.leader),
        "partners": [member(m) for m in project.partners],
        "location": [member(m) for m in project.location],
        "funding": [{"source": f, "share": share} for f, share in zip(project.funding, project.funding_shares)],
        "funding_share_total": sum(project.funding_shares, Decimal(0)),
        "tasks": [{"task": t, "responsible": member(t.responsible)} for t in project.tasks],
    }
