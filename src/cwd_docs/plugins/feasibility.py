"""Wstępna analiza wykonalności (preliminary feasibility analysis) of one project."""

from __future__ import annotations

from typing import Callable

from ..doctype import DocumentType
from ..hookspecs import hookimpl
from ..resources import template_dir
from .project_documents import INCLUDE_KEYS, PROJECT_EXAMPLE, PROJECT_RULES, ProjectFile, project_context


@hookimpl
def register_document_types(register: Callable[[DocumentType], None]) -> None:
    folder = template_dir("feasibility")
    register(DocumentType(
        name="feasibility",
        title="Wstępna analiza wykonalności",
        description="Wstępna analiza wykonalności projektu z pakietu projektów partnerstwa",
        input_model=ProjectFile,
        template=folder / "template.docx",
        example=PROJECT_EXAMPLE,
        build_context=project_context,
        rules=PROJECT_RULES,
        include_keys=INCLUDE_KEYS,
    ))
