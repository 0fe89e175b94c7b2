"""Wstępna analiza wykonalności (preliminary feasibility analysis) of one project."""

from __future__ import annotations

from typing import Any, Callable

from pydantic import Field

from ..doctype import DocumentType
from ..domain.base import Model
from ..domain.document import DocumentInfo
from ..domain.partnership import Partnership
from ..domain.project import Project
from ..domain.rules import partnership_rules, project_rules
from ..hookspecs import hookimpl
from ..problems import Problem
from ..resources import template_dir
from .project_context import project_context


class FeasibilityInput(Model):
    """Dane wstępnej analizy wykonalności projektu."""

    document: DocumentInfo = Field(title="Dokument")
    partnership: Partnership = Field(title="Partnerstwo",
                                     description="Dane partnerstwa albo nazwa pliku z nimi, np. partnerstwo.yaml")
    project: Project = Field(title="Projekt")


def check_partnership(data: FeasibilityInput) -> list[Problem]:
    return partnership_rules(data.partnership)


def check_project(data: FeasibilityInput) -> list[Problem]:
    return project_rules(data.project, data.partnership)


def build_context(data: FeasibilityInput) -> dict[str, Any]:
    return project_context(data.document, data.partnership, data.project)


@hookimpl
def register_document_types(register: Callable[[DocumentType], None]) -> None:
    folder = template_dir("feasibility")
    register(DocumentType(
        name="feasibility",
        title="Wstępna analiza wykonalności",
        description="Wstępna analiza wykonalności projektu z pakietu projektów partnerstwa",
        input_model=FeasibilityInput,
        template=folder / "template.docx",
        example=folder / "example.yaml",
        build_context=build_context,
        rules=(check_partnership, check_project),
        include_keys=("partnership",),
    ))
