"""The one place that reaches into docxtpl's internals: a DocxTemplate subclass for speed at scale.

docxtpl cleans the template's XML with many regular expressions and compiles it with Jinja on
every render, repairs table grids with a Python loop per cell, and moves the rendered body with an
lxml call that is quadratic in `xml:space` attributes. For a package of dozens of documents, or a
table of thousands of rows, that is most of the work. Four methods are replaced:

- `patch_xml`: the same cleaning, cached by the XML text (an edited template is never served stale);
- `render_xml_part`: the same steps as docxtpl's, with the compiled Jinja template cached in memory
  and on disk, and docxtpl's per-paragraph line-break pass skipped when no text needs it;
- `fix_tables`: the grid-column count reconciled with one XPath per row instead of docxtpl's
  per-cell loop (`ooxml.grid_from_cell_widths` then restores the template's widths);
- `map_tree`: `xml:space` attributes taken off for the body move and put back.

Everything else (`render`, `build_xml`, headers, footers, properties, footnotes) is docxtpl's own.
These overrides depend on the shape of docxtpl's private methods, so pyproject.toml pins the range
they were tested with and `TESTED_SOURCES` records that shape; tests/test_docxtpl_adapter.py fails
when an installed docxtpl differs, naming the method to review.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import re
from pathlib import Path
from typing import Any

from .environment import compile_with_disk_cache
from .failures import fill_error

TESTED_RANGE = ">=0.20.1,<0.21"
REPLACED = ("patch_xml", "render_xml_part", "fix_tables", "map_tree")
CALLERS = ("render", "build_xml")  # what calls the replaced methods, and in which order
# sha256 (first 16 hex digits) of each method's source in the docxtpl versions tested.
TESTED_SOURCES: dict[str, dict[str, str]] = {
    "0.20.1": {"patch_xml": "0c0bc968971274cf", "render_xml_part": "c84d12c0e4a84c21",
               "fix_tables": "217c6c2227981715", "map_tree": "6e98a8e2731e04af",
               "render": "b1f547f3642fb578", "build_xml": "01211914915d1abb"},
    "0.20.2": {"patch_xml": "0c0bc968971274cf", "render_xml_part": "c84d12c0e4a84c21",
               "fix_tables": "16650bc3a7dbe3e4", "map_tree": "6e98a8e2731e04af",
               "render": "b1f547f3642fb578", "build_xml": "01211914915d1abb"},
}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Grid columns a row spans: its cells, plus the extra columns of merged (gridSpan) cells.
ROW_SPAN = "count(w:tc) + sum(w:tc/w:tcPr/w:gridSpan/@w:val) - count(w:tc/w:tcPr/w:gridSpan)"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TEXT_TAGS = (f"{{{W_NS}}}t", f"{{{W_NS}}}instrText")
LISTING_CHARACTERS = re.compile("[\n\t\a\f]")
CACHE_LIMIT = 64


def source_fingerprints(template_source: Path | None = None) -> dict[str, str]:
    """sha256 prefixes of the sources of the methods the adapter replaces or relies on."""
    if template_source is None:
        import docxtpl.template

        template_source = Path(docxtpl.template.__file__)
    source = template_source.read_text(encoding="utf-8")
    tree = ast.parse(source)
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "DocxTemplate":
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name in REPLACED + CALLERS:
                    segment = ast.get_source_segment(source, item) or ""
                    found[item.name] = hashlib.sha256(segment.encode("utf-8")).hexdigest()[:16]
    return found


@functools.lru_cache(maxsize=1)
def caching_template_class() -> type:
    """The DocxTemplate subclass (imported on first use: docxtpl is heavy)."""
    from docxtpl import DocxTemplate
    from lxml import etree

    patched: dict[str, str] = {}
    compiled: dict[tuple[int, str], Any] = {}

    class CachingDocxTemplate(DocxTemplate):
        caches = (patched, compiled)  # read by cache_entries / install_cache_entries

        def patch_xml(self, src_xml: str) -> str:
            result = patched.get(src_xml)
            if result is None:
                if len(patched) > CACHE_LIMIT:
                    patched.clear()
                result = patched[src_xml] = super().patch_xml(src_xml)
            return result

        def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
            # docxtpl's steps: a newline before each paragraph (for Jinja's line numbers), render,
            # take the newlines out, turn docxtpl's escaped delimiters back, resolve line breaks.
            src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
            key = (id(jinja_env), src_xml)
            template = compiled.get(key)
            if template is None:
                if len(compiled) > CACHE_LIMIT:
                    compiled.clear()
                template = compiled[key] = compile_with_disk_cache(jinja_env, src_xml)
            self.current_rendering_part = part
            try:
                dst_xml = template.render(context)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # a filter, a context object or a name failed: say which tag
                raise fill_error(exc, src_xml, part, template) from exc
            dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
            dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
            if not LISTING_CHARACTERS.search(dst_xml):
                return dst_xml  # nothing for docxtpl's per-paragraph line-break handling to do
            return self.resolve_listing(dst_xml)

        def fix_tables(self, xml: str) -> Any:
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
                # Keep the table's width, spread evenly (as docxtpl does); grid_from_cell_widths then
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


def cache_keys() -> tuple[set, set]:
    """What the in-memory caches hold now (before a render in a child process)."""
    patched, compiled = caching_template_class().caches
    return set(patched), set(compiled)


def cache_entries(before: tuple[set, set]) -> dict[str, Any]:
    """What a render added to the caches since `before`: cleaned XML, and compiled code as marshal bytes."""
    import marshal

    patched, compiled = caching_template_class().caches
    code = {}
    for key in compiled.keys() - before[1]:
        compiled_code = getattr(compiled[key], "cwd_docs_code", None)
        if compiled_code is not None:
            code[key] = marshal.dumps(compiled_code)
    return {"patched": {k: v for k, v in patched.items() if k not in before[0]}, "code": code}


def install_cache_entries(entries: dict[str, Any], environment: Any) -> None:
    """Add what a child's render compiled to this process's caches, so that the next render is warm."""
    import marshal

    patched, compiled = caching_template_class().caches
    if len(patched) + len(entries["patched"]) > CACHE_LIMIT:
        patched.clear()
    patched.update(entries["patched"])
    for (env_id, source), code in entries["code"].items():
        if env_id != id(environment):
            continue
        if len(compiled) > CACHE_LIMIT:
            compiled.clear()
        template = environment.template_class.from_code(environment, marshal.loads(code),
                                                        environment.make_globals(None), None)
        template.cwd_docs_code = marshal.loads(code)
        compiled[(env_id, source)] = template
