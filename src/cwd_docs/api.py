"""The Python API: list types, validate, build, export schemas and examples."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .doctype import DocumentType
from .output import refuse_overwriting_inputs, write_atomic
from .plugin_manager import get_registry
from .problems import InputError, PluginError, Problem, UsageError
from .validation import ValidationResult, validate_file


@dataclass
class BuildResult:
    docx: Path
    pdf: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


def list_document_types() -> list[DocumentType]:
    return sorted(get_registry().types.values(), key=lambda t: t.name)


def plugin_warnings() -> list[str]:
    return list(get_registry().warnings)


def get_document_type(name: str) -> DocumentType:
    doc_type = get_registry().get(name)
    if doc_type is None:
        known = ", ".join(t.name for t in list_document_types()) or "brak"
        raise UsageError(f"nieznany typ dokumentu {name!r}; dostępne typy: {known}")
    return doc_type


def validate(type_name: str, path: Path | str) -> ValidationResult:
    """Validate an input file; the result holds every problem found, located in the file."""
    registry = get_registry()
    return validate_file(get_document_type(type_name), Path(path), registry.extra_rules.get(type_name, ()))


def default_output(source: Path, doc_type: DocumentType) -> Path:
    return source.with_name(f"{source.stem}-{doc_type.name}.docx")


def render(doc_type: DocumentType, model: Any, template: Path | None = None) -> bytes:
    """The DOCX bytes of a validated model, with the type's template or another one."""
    from jinja2 import TemplateError

    from .rendering import render_docx

    owner = doc_type.plugin or doc_type.name
    try:
        context = doc_type.build_context(model)
    except Exception as exc:
        raise PluginError(f"wtyczka {owner!r} (typ {doc_type.name}) zgłosiła błąd przy przygotowaniu danych "
                          f"dla szablonu: {type(exc).__name__}: {exc}") from exc
    template_path = template or doc_type.template
    try:
        return render_docx(template_path, context, get_registry().filters)
    except TemplateError as exc:
        raise PluginError(f"szablon {template_path} (typ {doc_type.name}, wtyczka {owner!r}) nie daje się wypełnić: "
                          f"{type(exc).__name__}: {exc}; sprawdź go poleceniem: cwd-docs check {doc_type.name}"
                          ) from exc


def check_template_file(template: Path | str) -> Path:
    """A --template given by the user must be an existing .docx file."""
    import zipfile

    path = Path(template)
    if path.suffix.lower() != ".docx" or not path.is_file():
        raise UsageError(f"szablon {path} nie istnieje albo nie jest plikiem .docx")
    if not zipfile.is_zipfile(path):
        raise UsageError(f"plik {path} nie jest dokumentem DOCX (zapisz go w Wordzie lub LibreOffice jako .docx)")
    return path


def build(type_name: str, path: Path | str, output: Path | str | None = None, pdf: bool = False,
          template: Path | str | None = None) -> BuildResult:
    """Validate, then render the DOCX (and PDF); raise InputError and write nothing on errors.

    `template` replaces the type's DOCX template (same schema and rules), e.g. a voivodeship's layout.
    """
    template_path = check_template_file(template) if template else None
    result = validate(type_name, path)
    if not result.ok:
        raise InputError(result.errors)
    doc_type = result.doc_type
    target = Path(output) if output else default_output(Path(path), doc_type)
    if target.suffix.lower() != ".docx":
        raise UsageError(f"plik wynikowy musi mieć rozszerzenie .docx (podano {target.name})")
    pdf_target = target.with_suffix(".pdf") if pdf else None
    for out in filter(None, (target, pdf_target)):
        refuse_overwriting_inputs(out, result.input_files + ([template_path] if template_path else []))
    content = render(doc_type, result.model, template_path)
    if pdf_target is None:
        write_atomic(target, content)
        return BuildResult(docx=target, warnings=result.warnings)
    from .pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="cwd_docs_") as work:
        temp_docx = Path(work) / target.name
        temp_docx.write_bytes(content)
        temp_pdf = Path(work) / pdf_target.name
        convert_to_pdf([(temp_docx, temp_pdf)])
        pdf_bytes = temp_pdf.read_bytes()
    write_atomic(target, content)
    write_atomic(pdf_target, pdf_bytes)
    return BuildResult(docx=target, pdf=pdf_target, warnings=result.warnings)


def json_schema(type_name: str) -> dict[str, Any]:
    doc_type = get_document_type(type_name)
    schema = doc_type.input_model.model_json_schema()
    schema["title"] = doc_type.title
    schema.setdefault("description", doc_type.description)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def example_text(type_name: str) -> str:
    return get_document_type(type_name).example.read_text(encoding="utf-8")
