"""Rendering a DOCX template: one path for `build`, `package` and `check`.

`environment` holds the Jinja environment (sandboxed, autoescaped, strict, typographic) and the
compiled-template cache, `docxtpl_adapter` the only code that reaches into docxtpl's internals,
`ooxml` the fixes docxtpl does not make to the rendered XML.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any, Callable, Mapping

from .docxtpl_adapter import caching_template_class
from .environment import make_environment, shared_environment
from .markdown import rendering_markdown
from .ooxml import (ask_to_update_fields, fill_landscape_width, grid_from_cell_widths, keep_table_rows_together,
                    fit_unbreakable_figures, order_cell_properties, shrink_to_text_width, typeset_text)

@functools.lru_cache(maxsize=32)
def _template_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    return Path(path).read_bytes()


def render_docx(template: Path, context: Mapping[str, Any],
                extra_filters: Mapping[str, Callable[..., Any]] | None = None,
                environment: Any = None, properties: Mapping[str, str] | None = None) -> bytes:
    """Render the template and return the DOCX bytes; nothing is written to disk.

    `environment` replaces the shared environment (`check` passes one that records undefined names);
    `properties` (title, author, subject, keywords) become the document's core properties, with
    the build's time and the language pl-PL (LibreOffice carries them into the PDF).
    """
    from docx.shared import Mm
    from docxtpl import InlineImage

    from ..loading.media import embed_images
    from .charts.embed import embed_charts, fit_charts, number_drawings

    info = Path(template).stat()
    source = io.BytesIO(_template_bytes(str(template), info.st_mtime_ns, info.st_size))
    document = caching_template_class()(source)  # a fresh object per render, never reused
    context = embed_images(dict(context),
                           lambda ref: InlineImage(document, str(ref.path), width=Mm(ref.width_mm)))
    context = embed_charts(context, document)
    with rendering_markdown(document) as markdown:
        document.render(context, jinja_env=environment or shared_environment(extra_filters), autoescape=True)
    markdown.write_footnotes()  # after docxtpl, which renders a footnotes part as a template
    number_drawings(document.docx)
    fit_charts(document.docx)
    grid_from_cell_widths(document.docx)
    shrink_to_text_width(document.docx)
    fill_landscape_width(document.docx)
    typeset_text(document.docx)  # before fitting: its non-breaking spaces make figures whole
    fit_unbreakable_figures(document.docx)
    order_cell_properties(document.docx)
    keep_table_rows_together(document.docx)
    ask_to_update_fields(document.docx)
    set_core_properties(document.docx, properties or {})
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def set_core_properties(docx: Any, properties: Mapping[str, str]) -> None:
    import datetime as dt

    core = docx.core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    for name in ("title", "author", "subject", "keywords", "category"):
        if properties.get(name):
            setattr(core, name, str(properties[name])[:250])
    core.comments = properties.get("comments", "")
    core.last_modified_by = "cwd_docs"
    core.created = core.modified = now
    core.revision = 1
    core.language = "pl-PL"


__all__ = ["render_docx", "make_environment", "shared_environment", "caching_template_class"]
