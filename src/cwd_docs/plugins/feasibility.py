"""Wstępna analiza wykonalności (preliminary feasibility analysis) of one project.

Registration only: the schema, rules and context live in project_documents and are imported
when first used (Lazy), so listing types stays fast.
"""

from __future__ import annotations

from typing import Callable

from ..doctype import DocumentType, Lazy
from ..hookspecs import hookimpl
from ..resources import template_dir

PROJECT = "cwd_docs.plugins.project_documents"


def project_document(name: str, title: str, description: str, context: str = f"{PROJECT}:project_context",
                     rules: str = f"{PROJECT}:PROJECT_RULES", model: str = f"{PROJECT}:ProjectFile") -> DocumentType:
    """A document type reading a project file (shared by the three project documents)."""
    return DocumentType(
        name=name,
        title=title,
        description=description,
        input_model=Lazy(model),
        template=template_dir(name) / "template.docx",
        example=template_dir("project_file") / "example.yaml",
        build_context=Lazy(context),
        rules=Lazy(rules),
        include_keys=("partnership",),
    )


@hookimpl
def register_document_types(register: Callable[[DocumentType], None]) -> None:
    register(project_document("feasibility", "Wstępna analiza wykonalności",
                              "Wstępna analiza wykonalności projektu z pakietu projektów partnerstwa"))
