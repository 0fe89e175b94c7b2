"""Native charts: a Chart in a template context becomes an editable Word chart with its data."""

import io
import re
import sys
import zipfile
from decimal import Decimal
from typing import Optional

import pytest
from docx import Document
from docx.shared import Mm
from lxml import etree
from pydantic import BaseModel

from cwd_docs import DocumentType, hookimpl
from cwd_docs.rendering.charts.model import Chart, Series
from cwd_docs.rendering import render_docx
from conftest import ROOT, normalise_spaces

sys.path.insert(0, str(ROOT / "tools"))
from docx_builder import TemplateBuilder  # noqa: E402

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
CHART_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
GMINY = ("Wałcz (gmina miejska)", "Człopa", "Mirosławiec", "Tuczno")


def charts_context():
    return {
        "kolumny": Chart("column", GMINY, (Series("Wydatki kwalifikowalne", (1234567, 987654.5, None, 456789)),
                                           Series("Wkład własny & inne", (234567, 87654, 12000, 56789))),
                         value_axis_title="zł", description="Wydatki kwalifikowalne i wkład własny gmin"),
        "stos": Chart("stacked_column", ("2026", "2027", "2028"),
                      (Series("EFRR", (1500000, 2500000, 1800000)), Series("Wkład własny", (300000, None, 350000))),
                      value_axis_title="zł", show_data_labels=True, description="Finansowanie w latach"),
        "wykresy": {"poziomy": Chart("bar", GMINY, (Series("Ludność", (24500, 4800, 6300, 4100)),),
                                     value_axis_title="osoby", category_axis_title="gmina",
                                     description="Ludność gmin")},
        "lista": [Chart("line", ("2022", "2023", "2024"),
                        (Series("Dochody", (Decimal("12.5"), 13.25, 14)),), number_format="#,##0.00",
                        value_axis_title="mln zł", description="Dochody")],
        "kolo": Chart("pie", ("EFRR", "Budżet państwa", "Wkład własny"), (Series("Źródła", (6400000, 850000, 1050000)),),
                      description="Struktura finansowania"),
    }


TAGS = ("{{ kolumny }}", "{{ stos }}", "{{ wykresy.poziomy }}", "{% for w in lista %}{{ w }}{% endfor %}", "{{ kolo }}")


def chart_template(tmp_path):
    builder = TemplateBuilder()
    builder.paragraph("Wykresy partnerstwa")
    for number, tag in enumerate(TAGS, start=1):
        builder.paragraph(tag)
        builder.caption(f"Rysunek {number}. Wykres {number}")
    path = tmp_path / "wykresy.docx"
    path.write_bytes(builder.to_bytes())
    return path


@pytest.fixture
def rendered(tmp_path):
    target = tmp_path / "wykresy-gotowe.docx"
    target.write_bytes(render_docx(chart_template(tmp_path), charts_context()))
    return target


def chart_parts(document):
    """The chart parts in the order the body shows them, with the inline drawing of each."""
    found = []
    for inline in document.element.body.iter(f"{{{NS['wp']}}}inline"):
        chart = inline.find("a:graphic/a:graphicData/c:chart", NS)
        if chart is not None:
            rel = document.part.rels[chart.get(f"{{{NS['r']}}}id")]
            assert rel.reltype == CHART_RT
            found.append((inline, rel.target_part))
    return found


def cells(workbook_blob):
    """{'A2': 'Człopa', 'B2': 987654.5, ...} read from the workbook's XML."""
    archive = zipfile.ZipFile(io.BytesIO(workbook_blob))
    strings = [si.findtext("x:t", namespaces=NS)
               for si in etree.fromstring(archive.read("xl/sharedStrings.xml")).findall("x:si", NS)]
    values = {}
    for cell in etree.fromstring(archive.read("xl/worksheets/sheet1.xml")).iter(f"{{{NS['x']}}}c"):
        text = cell.findtext("x:v", namespaces=NS)
        values[cell.get("r")] = strings[int(text)] if cell.get("t") == "s" else float(text)
    return values


def test_each_chart_is_a_chart_part_with_its_data(rendered):
    document = Document(str(rendered))
    parts = chart_parts(document)
    assert [str(part.partname) for _, part in parts] == [f"/word/charts/chart{n}.xml" for n in range(1, 6)]
    context = charts_context()
    expected = [context["kolumny"], context["stos"], context["wykresy"]["poziomy"], context["lista"][0],
                context["kolo"]]
    kinds = ["c:barChart", "c:barChart", "c:barChart", "c:lineChart", "c:pieChart"]
    for (inline, part), chart, kind in zip(parts, expected, kinds):
        assert part.content_type == "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        space = etree.fromstring(part.blob)
        assert space.find("c:lang", NS).get("val") == "pl-PL"
        assert space.find("c:roundedCorners", NS).get("val") == "0"
        assert space.find(".//c:view3D", NS) is None and space.find("c:chart/c:title", NS) is None
        group = space.find(f"c:chart/c:plotArea/{kind}", NS)
        assert group is not None
        series = group.findall("c:ser", NS)
        assert [s.findtext("c:tx/c:strRef/c:strCache/c:pt/c:v", namespaces=NS) for s in series] \
            == [s.name for s in chart.series]
        for element, data in zip(series, chart.series):
            labels = element.findall("c:cat/c:strRef/c:strCache/c:pt", NS)
            assert [(p.get("idx"), p.findtext("c:v", namespaces=NS)) for p in labels] \
                == [(str(i), c) for i, c in enumerate(chart.categories)]
            cache = element.find("c:val/c:numRef/c:numCache", NS)
            assert cache.find("c:ptCount", NS).get("val") == str(len(chart.categories))
            points = {int(p.get("idx")): float(p.findtext("c:v", namespaces=NS)) for p in cache.findall("c:pt", NS)}
            assert points == {i: float(v) for i, v in enumerate(data.values) if v is not None}
        # alternative text and size on the page
        assert inline.find("wp:docPr", NS).get("descr") == chart.description
        extent = inline.find("wp:extent", NS)
        assert (int(extent.get("cx")), int(extent.get("cy"))) == (160 * 36000, 80 * 36000)
    ids = [p.get("id") for p in document.element.body.iter(f"{{{NS['wp']}}}docPr")]
    assert len(ids) == 5 and len(set(ids)) == 5


def test_values_are_formatted_the_polish_way(rendered):
    parts = chart_parts(Document(str(rendered)))
    column = etree.fromstring(parts[0][1].blob)
    assert column.find(".//c:valAx/c:numFmt", NS).attrib == {"formatCode": "[$-415]#,##0", "sourceLinked": "0"}
    assert column.findtext(".//c:valAx/c:title//a:t", namespaces=NS) == "zł"
    assert column.find(".//c:legend/c:legendPos", NS).get("val") == "b"
    # category labels stay level instead of being turned on their side
    assert column.find(".//c:catAx/c:txPr/a:bodyPr", NS).get("rot") == "0"
    line = etree.fromstring(parts[3][1].blob)
    assert line.find(".//c:valAx/c:numFmt", NS).get("formatCode") == "[$-415]#,##0.00"
    stacked = etree.fromstring(parts[1][1].blob)
    assert stacked.find(".//c:barChart/c:grouping", NS).get("val") == "stacked"
    assert stacked.find(".//c:barChart/c:overlap", NS).get("val") == "100"
    assert [s.find("c:dLbls/c:showVal", NS).get("val") for s in stacked.findall(".//c:ser", NS)] == ["1", "1"]
    bar = etree.fromstring(parts[2][1].blob)
    assert bar.find(".//c:barDir", NS).get("val") == "bar"
    assert bar.findtext(".//c:catAx/c:title//a:t", namespaces=NS) == "gmina"
    assert bar.find(".//c:legend", NS) is None  # one series: the caption says what it is
    pie = etree.fromstring(parts[4][1].blob)
    assert len(pie.findall(".//c:ser/c:dPt", NS)) == 3
    assert pie.find(".//c:ser/c:dLbls/c:showPercent", NS).get("val") == "1"


def test_the_embedded_workbook_holds_the_data(rendered):
    for _, part in chart_parts(Document(str(rendered))):
        space = etree.fromstring(part.blob)
        rid = space.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
        rel = part.rels[rid]
        assert rel.reltype == PACKAGE_RT
        workbook = rel.target_part
        assert str(workbook.partname).startswith("/word/embeddings/") and str(workbook.partname).endswith(".xlsx")
        assert workbook.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        grid = cells(workbook.blob)
        # every formula of the chart points at the cells that hold what the cache shows
        for series in space.iter(f"{{{NS['c']}}}ser"):
            name_ref = series.findtext("c:tx/c:strRef/c:f", namespaces=NS)
            assert grid[name_ref.split("!")[1].replace("$", "")] == \
                series.findtext("c:tx/c:strRef/c:strCache/c:pt/c:v", namespaces=NS)
            for ref_path, cache_path in (("c:cat/c:strRef/c:f", "c:cat/c:strRef/c:strCache"),
                                         ("c:val/c:numRef/c:f", "c:val/c:numRef/c:numCache")):
                first, last = series.findtext(ref_path, namespaces=NS).split("!")[1].replace("$", "").split(":")
                column, start, end = first[0], int(first[1:]), int(last[1:])
                cached = {int(p.get("idx")): p.findtext("c:v", namespaces=NS)
                          for p in series.find(cache_path, NS).findall("c:pt", NS)}
                for row in range(start, end + 1):
                    value = grid.get(f"{column}{row}")
                    if row - start in cached:
                        text = cached[row - start]
                        assert value == (float(text) if cache_path.endswith("numCache") else text)
                    else:
                        assert value is None  # a missing value is an empty cell
    first = cells(chart_parts(Document(str(rendered)))[0][1].rels["rId1"].target_part.blob)
    assert first == {"B1": "Wydatki kwalifikowalne", "C1": "Wkład własny & inne",
                     "A2": "Wałcz (gmina miejska)", "B2": 1234567.0, "C2": 234567.0,
                     "A3": "Człopa", "B3": 987654.5, "C3": 87654.0,
                     "A4": "Mirosławiec", "C4": 12000.0,
                     "A5": "Tuczno", "B5": 456789.0, "C5": 56789.0}


def test_documents_with_charts_follow_words_schema(rendered, tmp_path):
    openxml_audit = pytest.importorskip("openxml_audit", reason="openxml-audit (test extra) is not installed")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    numbering_off = "Numbering definition '0' referenced but not found"  # see test_templates._word_findings
    assert [e.description for e in validator.validate(str(rendered)).errors if e.description != numbering_off] == []
    for number, (_, part) in enumerate(chart_parts(Document(str(rendered)))):
        workbook = tmp_path / f"dane{number}.xlsx"
        workbook.write_bytes(part.rels["rId1"].target_part.blob)
        assert [e.description for e in validator.validate(str(workbook)).errors] == []


def test_a_chart_prints_where_the_template_puts_it_and_text_around_it_stays(tmp_path):
    builder = TemplateBuilder()
    builder.paragraph("Przed {{ wykres }} po.")
    template = tmp_path / "t.docx"
    template.write_bytes(builder.to_bytes())
    chart = Chart("column", ("A",), (Series("S", (1,)),))
    document = Document(io.BytesIO(render_docx(template, {"wykres": chart})))
    paragraph = document.paragraphs[0]
    assert paragraph.text == "Przed  po."
    runs = paragraph._p.findall("w:r", NS)
    assert [r.find("w:drawing", NS) is not None for r in runs].count(True) == 1


def test_a_chart_refuses_inconsistent_data():
    with pytest.raises(ValueError, match="3 values for 2 categories"):
        Chart("column", ("a", "b"), (Series("S", (1, 2, 3)),))
    with pytest.raises(ValueError, match="exactly one series"):
        Chart("pie", ("a",), (Series("S", (1,)), Series("T", (2,))))


def test_text_xml_cannot_hold_is_dropped_and_odd_numbers_are_gaps(tmp_path):
    builder = TemplateBuilder()
    builder.paragraph("{{ wykres }}")
    template = tmp_path / "t.docx"
    template.write_bytes(builder.to_bytes())
    chart = Chart("line", ("2024\x0b", "<2025>"), (Series("Seria\x01 & ta", (float("nan"), Decimal("1E+3"))),),
                  description="Opis\x02")
    document = Document(io.BytesIO(render_docx(template, {"wykres": chart})))
    (inline, part), = chart_parts(document)
    space = etree.fromstring(part.blob)
    assert [v.text for v in space.iterfind(".//c:cat//c:v", NS)] == ["2024", "<2025>"]
    assert space.findtext(".//c:tx//c:v", namespaces=NS) == "Seria & ta"
    assert [(p.get("idx"), p.findtext("c:v", namespaces=NS)) for p in space.iterfind(".//c:numCache/c:pt", NS)] \
        == [("1", "1000")]
    assert inline.find("wp:docPr", NS).get("descr") == "Opis"


@pytest.mark.libreoffice
def test_libreoffice_draws_the_charts_with_polish_numbers(rendered, tmp_path):
    from pypdf import PdfReader

    from cwd_docs.conversion.pdf import convert_to_pdf

    pdf = tmp_path / "wykresy.pdf"
    convert_to_pdf([(rendered, pdf)])
    text = normalise_spaces("\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages))
    for label in ("Człopa", "Mirosławiec", "Tuczno", "2027", "EFRR", "Budżet państwa", "Wkład własny & inne"):
        assert label in text, label
    # axis values with a space between thousands, data labels likewise, decimals after a comma
    assert re.search(r"\b1 500 000\b", text) and re.search(r"\b2 500 000\b", text)
    assert re.search(r"\b1[34],[05]0\b", text), text  # the line chart's axis: 13,50 or 14,00
    assert "1,000,000" not in text and "1.000.000" not in text


# --- through a plugin: build and check take the same path --------------------------------------

class Budzet(BaseModel):
    lata: list[str]
    kwoty: list[Optional[float]]


def chart_plugin(tmp_path):
    builder = TemplateBuilder()
    builder.paragraph("Budżet w latach")
    builder.paragraph("{{ wykres }}")
    builder.caption("Rysunek 1. Wydatki w latach")
    builder.header_footer("Budżet {{ wykres_w_naglowku }}", "Partnerstwo")
    template = tmp_path / "budzet.docx"
    template.write_bytes(builder.to_bytes())
    example = tmp_path / "budzet.yaml"
    example.write_text("lata: ['2026', '2027']\nkwoty: [100000, null]\n", encoding="utf-8")

    def context(model):
        series = (Series("Wydatki", tuple(model.kwoty)),)
        return {"wykres": Chart("column", tuple(model.lata), series, description="Wydatki w latach"),
                "wykres_w_naglowku": Chart("line", tuple(model.lata), series, width_mm=30, height_mm=10,
                                           description="Miniatura")}

    class ChartPlugin:
        @hookimpl
        def register_document_types(self, register):
            register(DocumentType(name="budzet", title="Budżet", input_model=Budzet, template=template,
                                  example=example, build_context=context))

    return ChartPlugin(), example


def test_a_plugin_builds_and_checks_a_document_with_charts(tmp_path, monkeypatch):
    from cwd_docs import build, get_document_type
    from cwd_docs.registry import plugin_manager
    from cwd_docs.authoring.checking import check_document_type
    from cwd_docs.registry.plugin_manager import collect_document_types, create_plugin_manager

    plugin, example = chart_plugin(tmp_path)
    pm, warnings = create_plugin_manager(extra_plugins=(plugin,), use_entry_points=False)
    monkeypatch.setattr(plugin_manager, "_registry", collect_document_types(pm, warnings))
    result = build("budzet", example, output=tmp_path / "budzet-gotowy.docx")
    document = Document(str(result.docx))
    (inline, part), = chart_parts(document)
    assert [v.text for v in etree.fromstring(part.blob).iterfind(".//c:cat//c:v", NS)] == ["2026", "2027"]
    # the header's chart is related from the header part, not from the body
    header = document.sections[0].header.part
    header_charts = [rel.target_part for rel in header.rels.values() if rel.reltype == CHART_RT]
    assert len(header_charts) == 1 and header_charts[0] is not part
    ids = [p.get("id") for p in document.element.body.iter(f"{{{NS['wp']}}}docPr")] + \
          [p.get("id") for p in header._element.iter(f"{{{NS['wp']}}}docPr")]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert [p for p in check_document_type(get_document_type("budzet")) if p.is_error] == []


def test_crowded_category_labels_slant_instead_of_breaking_words():
    from cwd_docs.rendering.charts.chart_xml import chart_space_xml

    def rotation(categories, kind="column"):
        chart = Chart(kind, categories, (Series("S", tuple(range(len(categories)))),))
        return etree.fromstring(chart_space_xml(chart, "rId1")).find(".//c:catAx/c:txPr/a:bodyPr", NS).get("rot")

    assert rotation(GMINY) == "0"  # four names wrap between words under their columns
    twelve = tuple(f"{name} {n}" for n in range(3) for name in GMINY)
    assert rotation(twelve) == "-2700000"  # "Mirosławiec" would be broken in the middle: slanted
    assert rotation(twelve, kind="bar") == "0"  # bars have room for their labels at the side
    assert rotation(tuple(str(year) for year in range(2015, 2027))) == "0"  # twelve years fit level


def test_a_pie_labels_shares_or_values_in_one_format():
    from cwd_docs.rendering.charts.chart_xml import chart_space_xml

    def labels(show_values):
        chart = Chart("pie", ("a", "b"), (Series("S", (1, 3)),), show_data_labels=show_values)
        element = etree.fromstring(chart_space_xml(chart, "rId1")).find(".//c:ser/c:dLbls", NS)
        return (element.find("c:numFmt", NS).get("formatCode"), element.find("c:showVal", NS).get("val"),
                element.find("c:showPercent", NS).get("val"))

    assert labels(False) == ("[$-415]0%", "0", "1")
    assert labels(True) == ("[$-415]#,##0", "1", "0")


def test_a_chart_without_a_description_still_has_alternative_text(tmp_path):
    builder = TemplateBuilder()
    builder.paragraph("{{ wykres }}")
    template = tmp_path / "t.docx"
    template.write_bytes(builder.to_bytes())
    chart = Chart("stacked_column", ("2026", "2027"), (Series("EFRR", (1, 2)), Series("Wkład własny", (1, 1))))
    (inline, _), = chart_parts(Document(io.BytesIO(render_docx(template, {"wykres": chart}))))
    assert inline.find("wp:docPr", NS).get("descr") == \
        "Wykres kolumnowy skumulowany: EFRR, Wkład własny; kategorie: 2026, 2027"


def test_a_chart_wider_than_its_place_shrinks_to_fit_keeping_its_proportions(tmp_path):
    builder = TemplateBuilder()
    builder.paragraph("{{ szeroki }}")
    table = builder.doc.add_table(rows=1, cols=2)
    table.cell(0, 0).width = table.cell(0, 1).width = Mm(60)
    table.cell(0, 0).paragraphs[0].text = "{{ w_komorce }}"
    template = tmp_path / "t.docx"
    template.write_bytes(builder.to_bytes())
    chart = Chart("line", ("a", "b"), (Series("S", (1, 2)),), width_mm=240, height_mm=90)
    document = Document(io.BytesIO(render_docx(template, {"szeroki": chart, "w_komorce": chart})))
    (page, _), (cell, _) = chart_parts(document)
    section = document.element.body.find("w:sectPr", NS)
    twips = [int(section.find(f"w:{tag}", NS).get(f"{{{NS['w']}}}{side}"))
             for tag, side in (("pgSz", "w"), ("pgMar", "left"), ("pgMar", "right"))]
    text_width = (twips[0] - twips[1] - twips[2]) * 635  # A4 less the house margins, in EMU (about 160 mm)
    assert int(page.find("wp:extent", NS).get("cx")) == text_width
    assert int(page.find("wp:extent", NS).get("cy")) == 90 * text_width // 240
    cell_width = int(cell.find("wp:extent", NS).get("cx"))
    assert cell_width == (round(60 / 25.4 * 1440) - 216) * 635  # the cell's width less its margins
    assert int(cell.find("wp:extent", NS).get("cy")) == 90 * cell_width // 240
