"""Zarys wniosku o dofinansowanie (funding-application outline) of the selected project."""

from __future__ import annotations

from typing import Callable

from ..doctype import DocumentType
from ..hookspecs import hookimpl
from .feasibility import project_document

DATA = "cwd_docs.plugins.application_outline_data"


@hookimpl
def register_document_types(register: Callable[[DocumentType], None]) -> None:
    register(project_document("application_outline", "Zarys wniosku o dofinansowanie projektu",
                              "Zarys wniosku o dofinansowanie wybranego projektu wraz z analizą sektorową",
                              context=f"{DATA}:outline_context", rules=f"{DATA}:OUTLINE_RULES",
                              model=f"{DATA}:ApplicationOutlineInput"))
