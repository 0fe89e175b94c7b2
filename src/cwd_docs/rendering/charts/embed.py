"""Native charts in a rendered document: `charts.Chart` values become inline DrawingML charts.

`embed_charts` replaces each Chart in a template context with a `NativeChart`, which docxtpl prints
like its own InlineImage: the run holding `{{ name }}` is closed, a run with a `w:drawing` follows,
and a new run opens for any text after it. Printing adds two parts to the package, related from
the part being rendered (body, header or footer): `/word/charts/chartN.xml` and, related from it,
the workbook `/word/embeddings/Microsoft_Excel_WorksheetN.xlsx` holding the data.
"""

from __future__ import annotations

from typing import Any

from docx.opc.part import Part  # this module is imported when a document is rendered

from .model import Chart
from .chart_workbook import CONTENT_TYPE as WORKBOOK_CONTENT_TYPE
from .chart_workbook import clean_text, workbook_bytes
from .chart_xml import chart_space_xml

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
THEME_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
EMU_PER_MM = 36000
EMU_PER_TWIP = 635
CELL_MARGINS_TWIPS = 2 * 108  # Word's default left and right cell margins
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART_IN_INLINE = f"{{{A_NS}}}graphic/{{{A_NS}}}graphicData/{{{CHART_URI}}}chart"


def embed_charts(value: Any, template: Any) -> Any:
    """Replace Chart values inside dicts, lists and tuples of a context."""
    if isinstance(value, Chart):
        return NativeChart(template, value)
    if isinstance(value, dict):
        return {key: embed_charts(item, template) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(embed_charts(item, template) for item in value)
    return value


class NativeChart:
    """A Chart bound to the document being rendered; printing it inserts the chart."""

    def __init__(self, template: Any, chart: Chart) -> None:
        self.template, self.chart = template, chart

    def __html__(self) -> str:
        return self._insert()

    __str__ = __html__

    def _insert(self) -> str:
        part = getattr(self.template, "current_rendering_part", None) or self.template.docx.part
        package = part.package
        chart_part = ChartPart(package.next_partname("/word/charts/chart%d.xml"), CHART_CONTENT_TYPE,
                               b"", package)
        chart_rid = part.relate_to(chart_part, CHART_RELATIONSHIP)
        number = chart_part.partname.idx
        workbook = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                        WORKBOOK_CONTENT_TYPE, workbook_bytes(self.chart, _theme(self.template)), package)
        chart_part.content = chart_space_xml(self.chart, chart_part.relate_to(workbook, PACKAGE_RELATIONSHIP))
        return ("</w:t></w:r><w:r><w:drawing>" + self._inline(chart_rid, number)
                + '</w:drawing></w:r><w:r><w:t xml:space="preserve">')

    def _inline(self, rid: str, number: int) -> str:
        from xml.sax.saxutils import quoteattr

        chart = self.chart
        width, height = round(chart.width_mm * EMU_PER_MM), round(chart.height_mm * EMU_PER_MM)
        description = clean_text(chart.description or chart.title or alternative_text(chart))
        # The id is provisional: number_drawings makes every drawing's id unique once rendering is done.
        return (f'<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{WP_NS}">'
                f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
                f'<wp:docPr id="{number}" name="Wykres {number}" descr={quoteattr(description)}/>'
                '<wp:cNvGraphicFramePr/>'
                '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                f'<a:graphicData uri="{CHART_URI}">'
                f'<c:chart xmlns:c="{CHART_URI}" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                f'r:id="{rid}"/></a:graphicData></a:graphic></wp:inline>')


KIND_NAMES = {"column": "kolumnowy", "stacked_column": "kolumnowy skumulowany", "bar": "słupkowy",
              "stacked_bar": "słupkowy skumulowany", "line": "liniowy", "pie": "kołowy"}
ALT_TEXT_LIMIT = 250


def alternative_text(chart: Chart) -> str:
    """What a screen reader says when the plugin gave no description: the kind, series, categories."""
    names = ", ".join(series.name for series in chart.series)
    text = f"Wykres {KIND_NAMES.get(chart.kind, '')}: {names}; kategorie: {', '.join(chart.categories)}"
    return text if len(text) <= ALT_TEXT_LIMIT else text[:ALT_TEXT_LIMIT - 1].rstrip(" ,;") + "…"


def _theme(template: Any) -> bytes | None:
    """The document's theme, which the embedded workbook shares (spreadsheets expect one)."""
    try:
        return template.docx.part.part_related_by(THEME_RELATIONSHIP).blob
    except KeyError:
        return None


class ChartPart(Part):
    """A part whose XML is written after its relationship to the workbook exists."""

    content = b""

    @property
    def blob(self) -> bytes:
        return self.content


def number_drawings(docx: Any) -> None:
    """Give every drawing in the body, headers and footers its own id (Word requires unique ids).

    docxtpl's InlineImage and NativeChart choose ids while the part is still a template, so two
    of them can share one; this numbers them all in document order.
    """
    next_id = 1
    for part in docx.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for properties in element.iter(f"{{{WP_NS}}}docPr"):
            properties.set("id", str(next_id))
            next_id += 1


def fit_charts(docx: Any) -> None:
    """Shrink a chart wider than where it stands (the text width of its section, or its table
    cell) to that width, keeping its proportions: Word and LibreOffice would run it off the page.
    """
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for section in docx.sections:
        text_width = section.page_width - section.left_margin - section.right_margin
        for block in section.iter_inner_content():
            for inline in block._element.iter(f"{{{WP_NS}}}inline"):
                if inline.find(CHART_IN_INLINE) is None:
                    continue
                limit = text_width
                cell = next(inline.iterancestors(f"{w}tc"), None)
                width = cell.find(f"{w}tcPr/{w}tcW") if cell is not None else None
                if width is not None and width.get(f"{w}type") in (None, "dxa") and width.get(f"{w}w", "").isdigit():
                    limit = (int(width.get(f"{w}w")) - CELL_MARGINS_TWIPS) * EMU_PER_TWIP
                extent = inline.find(f"{{{WP_NS}}}extent")
                cx, cy = int(extent.get("cx")), int(extent.get("cy"))
                if limit > 0 and cx > limit:
                    extent.set("cx", str(int(limit)))
                    extent.set("cy", str(int(cy * limit / cx)))
