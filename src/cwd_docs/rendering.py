"""Rendering a DOCX template with docxtpl in a sandboxed, auto-escaping Jinja environment."""

from __future__ import annotations

import functools
import io
import os
import re
from pathlib import Path
from typing import Any, Callable, Mapping

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .formatting import FILTERS, nbsp


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Grid columns a row spans: its cells, plus the extra columns of merged (gridSpan) cells.
ROW_SPAN = "count(w:tc) + sum(w:tc/w:tcPr/w:gridSpan/@w:val) - count(w:tc/w:tcPr/w:gridSpan)"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TEXT_TAGS = ("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t",
             "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")
LISTING_CHARACTERS = re.compile("[\n\t\a\f]")
DOCXTPL_MARKERS = ("{_{", "}_}", "{_%", "%_}")


def _finalize(value: Any) -> Any:
    # Every text from the data gets the typographic rule for one-letter words.
    if isinstance(value, str) and not isinstance(value, Markup):
        value = nbsp(value)
        if any(marker in value for marker in DOCXTPL_MARKERS):
            # docxtpl turns these into Jinja delimiters after rendering; an XML character reference
            # for the underscore keeps the user's text as typed.
            return Markup(str(escape(value)).replace("{_", "{&#95;").replace("_}", "&#95;}"))
    return value


def make_environment(extra_filters: Mapping[str, Callable[..., Any]] | None = None) -> SandboxedEnvironment:
    """Data is always data: sandboxed (no access to Python internals), autoescaped, strict."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters.update(FILTERS)
    if extra_filters:
        env.filters.update(extra_filters)
    return env


_environments: dict[tuple[tuple[str, int], ...], SandboxedEnvironment] = {}


def _environment(extra_filters: Mapping[str, Callable[..., Any]] | None) -> SandboxedEnvironment:
    """One environment per set of filters, so that compiled templates can be reused."""
    key = tuple(sorted((name, id(function)) for name, function in (extra_filters or {}).items()))
    environment = _environments.get(key)
    if environment is None:
        environment = _environments[key] = make_environment(extra_filters)
    return environment


@functools.lru_cache(maxsize=32)
def _template_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    return Path(path).read_bytes()


def render_docx(template: Path, context: Mapping[str, Any],
                extra_filters: Mapping[str, Callable[..., Any]] | None = None) -> bytes:
    """Render the template and return the DOCX bytes; nothing is written to disk."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    from .media import embed_images

    info = Path(template).stat()
    source = io.BytesIO(_template_bytes(str(template), info.st_mtime_ns, info.st_size))
    document = _caching_template_class()(source)  # a fresh object per render, never reused
    context = embed_images(dict(context),
                           lambda ref: InlineImage(document, str(ref.path), width=Mm(ref.width_mm)))
    document.render(context, jinja_env=_environment(extra_filters), autoescape=True)
    _grid_from_cell_widths(document.docx)
    _ask_to_update_fields(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def _caching_template_class() -> type:
    """DocxTemplate that reuses the patched XML and the compiled Jinja template between renders.

    docxtpl cleans the template's XML with many regular expressions and compiles it with Jinja on
    every render; for a batch of documents of one type that is most of the work. The cache is keyed
    by the XML text itself (and the environment), so an edited template is never served stale.
    """
    import re

    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    patched: dict[str, str] = {}
    compiled: dict[tuple[int, str], Any] = {}

    class CachingDocxTemplate(DocxTemplate):
        def patch_xml(self, src_xml: str) -> str:
            result = patched.get(src_xml)
            if result is None:
                if len(patched) > 64:
                    patched.clear()
                result = patched[src_xml] = super().patch_xml(src_xml)
            return result

        def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
            src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            key = (id(jinja_env), src_xml)
            template = compiled.get(key)
            if template is None:
                if len(compiled) > 64:
                    compiled.clear()
                template = compiled[key] = _compile_with_disk_cache(jinja_env, src_xml)
            self.current_rendering_part = part
            try:
                dst_xml = template.render(context)
            except TemplateError:
                raise
            dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
            dst_xml = (dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}"))
            if not LISTING_CHARACTERS.search(dst_xml):
                return dst_xml  # nothing for docxtpl's per-paragraph line-break handling to do
            return self.resolve_listing(dst_xml)

        def fix_tables(self, xml: str) -> Any:
            """docxtpl's grid repair, with the per-cell Python loop replaced by one XPath per row.

            Only the number of grid columns is reconciled here; _grid_from_cell_widths then gives
            them the widths of the template's cells.
            """
            from lxml import etree

            tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
            namespaces = {"w": W_NS}
            for table in tree.iter(f"{{{W_NS}}}tbl"):
                grid = table.find("w:tblGrid", namespaces)
                if grid is None:
                    continue
                columns = grid.findall("w:gridCol", namespaces)
                needed = max((int(row.xpath(ROW_SPAN, namespaces=namespaces))
                              for row in table.findall("w:tr", namespaces)), default=len(columns))
                if needed == len(columns):
                    continue
                # Keep the table's width, spread evenly (as docxtpl does); _grid_from_cell_widths then
                # restores the template's own widths wherever the cells state them.
                total = sum(int(float(c.get(f"{{{W_NS}}}w", "0") or 0)) for c in columns) or 567 * needed
                for column in columns:
                    grid.remove(column)
                for _ in range(needed):
                    etree.SubElement(grid, f"{{{W_NS}}}gridCol", {f"{{{W_NS}}}w": str(total // max(needed, 1))})
            return tree

        def map_tree(self, tree: Any) -> None:
            # Moving the rendered body into the document costs lxml time quadratic in the number of
            # xml:space attributes (seen with lxml 6 / libxml2 2.14): take them off for the move.
            marked = [(element, element.attrib.pop(XML_SPACE)) for element in tree.iter(*TEXT_TAGS)
                      if XML_SPACE in element.attrib]
            super().map_tree(tree)
            for element, value in marked:
                element.set(XML_SPACE, value)

    return CachingDocxTemplate


def _cache_dir() -> Path | None:
    configured = os.environ.get("CWD_DOCS_CACHE_DIR")
    if configured == "":
        return None  # CWD_DOCS_CACHE_DIR= (empty) turns the disk cache off
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cwd_docs" / "jinja"


def _compile_with_disk_cache(environment: Any, source: str) -> Any:
    """Compile a template, reusing Python code compiled by an earlier process for the same source.

    Like Jinja's own bytecode cache (which from_string cannot use): the key is a hash of the
    source, the Jinja and Python versions and the environment's filters, so a changed template or
    filter set compiles anew. Any problem with the cache falls back to compiling in memory.
    """
    import hashlib
    import marshal
    import sys

    import jinja2

    from . import __version__

    folder = _cache_dir()
    if folder is None or not _private_folder(folder):
        return environment.from_string(source)
    signature = "|".join([__version__, jinja2.__version__, sys.version, type(environment).__name__,
                          repr(environment.autoescape), repr(environment.finalize), environment.undefined.__name__,
                          ",".join(f"{name}={getattr(f, '__module__', '')}.{getattr(f, '__qualname__', '')}"
                                   for name, f in sorted(environment.filters.items()))])
    key = hashlib.sha256((signature + "\0" + source).encode("utf-8")).hexdigest()
    path = folder / f"{key}.code"
    try:
        code = marshal.loads(path.read_bytes())
        return environment.template_class.from_code(environment, code, environment.make_globals(None), None)
    except Exception:  # missing, truncated or foreign: compile anew
        pass
    code = environment.compile(source)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_bytes(marshal.dumps(code))
        os.replace(temp, path)
    except OSError:
        pass
    return environment.template_class.from_code(environment, code, environment.make_globals(None), None)


def _private_folder(folder: Path) -> bool:
    """Code is loaded from the cache: only from a folder that no other user can write to."""
    import stat

    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        info = probe.stat()
    except OSError:
        return False
    if probe == folder:
        return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return True  # will be created with mode 0700


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


def _grid_from_cell_widths(docx: Any) -> None:
    """Make each table's grid match its cells' widths.

    Column loops ({%tc %}) add or remove cells; docxtpl then spreads the table's width evenly over
    all columns, which squeezes the wide ones. The template's cell widths are what the author
    meant, so the grid is rebuilt from the row with the most cells (without merged cells).
    """
    from docx.oxml.ns import qn

    for table in docx.element.body.iter(qn("w:tbl")):
        grid = table.find(qn("w:tblGrid"))
        rows = table.findall(qn("w:tr"))
        if grid is None or not rows:
            continue
        widest = max(rows, key=lambda row: len(row.findall(qn("w:tc"))))
        widths = []
        for cell in widest.findall(qn("w:tc")):
            properties = cell.find(qn("w:tcPr"))
            width = properties.find(qn("w:tcW")) if properties is not None else None
            if width is None or properties.find(qn("w:gridSpan")) is not None \
                    or width.get(qn("w:type")) not in (None, "dxa"):
                widths = []
                break
            widths.append(width.get(qn("w:w")))
        current = [col.get(qn("w:w")) for col in grid.findall(qn("w:gridCol"))]
        if not widths or widths == current:
            continue
        for col in grid.findall(qn("w:gridCol")):
            grid.remove(col)
        for width in widths:
            col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): width})
            grid.append(col)
        table_width = table.find(qn("w:tblPr")).find(qn("w:tblW"))
        if table_width is not None and table_width.get(qn("w:type")) == "dxa":
            table_width.set(qn("w:w"), str(sum(int(w) for w in widths)))
