"""Rendering a DOCX template with docxtpl in a sandboxed, auto-escaping Jinja environment."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Callable, Mapping

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .formatting import FILTERS, nbsp


def _finalize(value: Any) -> Any:
    # Every text from the data gets the typographic rule for one-letter words.
    if isinstance(value, str) and not isinstance(value, Markup):
        return nbsp(value)
    return value


def make_environment(extra_filters: Mapping[str, Callable[..., Any]] | None = None) -> SandboxedEnvironment:
    """Data is always data: sandboxed (no access to Python internals), autoescaped, strict."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters.update(FILTERS)
    if extra_filters:
        env.filters.update(extra_filters)
    return env


def render_docx(template: Path, context: Mapping[str, Any],
                extra_filters: Mapping[str, Callable[..., Any]] | None = None) -> bytes:
    """Render the template and return the DOCX bytes; nothing is written to disk."""
    from docxtpl import DocxTemplate  # heavy import, only when rendering

    document = DocxTemplate(str(template))  # a fresh object per render, never reused
    document.render(dict(context), jinja_env=make_environment(extra_filters), autoescape=True)
    _ask_to_update_fields(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _ask_to_update_fields(docx: Any) -> None:
    """Word and LibreOffice refresh the table of contents and page fields when they open it."""
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    settings = docx.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = OxmlElement("w:updateFields")
        settings.append(existing)
    existing.set(qn("w:val"), "true")
