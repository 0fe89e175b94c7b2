"""Registration of the three project documents, each a plugin of its own (so each can be blocked).

The schema, rules and context are imported when a type is first validated or built (Lazy), so
listing types stays fast.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from ...doctype import DocumentType, Lazy, PackageRole
from ...registry.resources import template_dir
from .. import OneTypePlugin

FAMILY = "cwd_docs.plugins.project"
PROJECT_SECTION = 20  # after the strategy


def _is_project_file(data: Mapping[str, Any]) -> bool:
    return "project" in data


def _in_package(suffix: str, label: str, order: int, reads: Callable[[Mapping[str, Any]], bool] = _is_project_file
                ) -> Callable[[str], PackageRole]:
    def role(title: str) -> PackageRole:
        return PackageRole(
            reads=reads,
            file_name=lambda model: f"{model.project.code}-{suffix}",
            label=lambda model: f"{model.project.code} {label}",
            title=lambda model: f"{title} – {model.project.code} {model.project.title}",
            section=PROJECT_SECTION, order=order)
    return role


def project_document(name: str, title: str, description: str, package: Callable[[str], PackageRole],
                     context: str = f"{FAMILY}.context:project_context", rules: str = f"{FAMILY}.rules:PROJECT_RULES",
                     model: str = f"{FAMILY}.schema:ProjectFile") -> DocumentType:
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
        package=package(title),
    )


feasibility = OneTypePlugin(lambda: project_document(
    "feasibility", "Wstępna analiza wykonalności",
    "Wstępna analiza wykonalności projektu z pakietu projektów partnerstwa",
    package=_in_package("analiza-wykonalnosci", "analiza", 1),
    context=f"{FAMILY}.feasibility:feasibility_context", rules=f"{FAMILY}.feasibility:FEASIBILITY_RULES"))

schedule = OneTypePlugin(lambda: project_document(
    "schedule", "Harmonogram realizacji projektu",
    "Harmonogram rzeczowo-finansowy projektu z wykresem Gantta",
    package=_in_package("harmonogram", "harmonogram", 2),
    context=f"{FAMILY}.context:schedule_context"))

application_outline = OneTypePlugin(lambda: project_document(
    "application_outline", "Zarys wniosku o dofinansowanie projektu",
    "Zarys wniosku o dofinansowanie wybranego projektu wraz z analizą sektorową",
    # Only the projects whose file has the application section get an outline in the package.
    package=_in_package("zarys-wniosku", "zarys wniosku", 3,
                        reads=lambda data: _is_project_file(data) and "application" in data),
    context=f"{FAMILY}.context:outline_context", rules=f"{FAMILY}.rules:OUTLINE_RULES",
    model=f"{FAMILY}.schema:ApplicationOutlineInput"))
