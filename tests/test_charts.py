"""Native charts: a Chart in a template context becomes an editable Word chart with its data."""

import io
import re
import sys
import zipfile
from decimal import Decimal

import pytest
from docx import Document
from lxml import etree

from cwd_docs.charts import Chart, Series
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

    from cwd_docs.pdf import convert_to_pdf

    pdf = tmp_path / "wykresy.pdf"
    convert_to_pdf([(rendered, pdf)])
    text = normalise_spaces("\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages))
    for label in ("Człopa", "Mirosławiec", "Tuczno", "2027", "EFRR", "Budżet państwa", "Wkład własny & inne"):
        assert label in text, label
    # axis values with a space between thousands, data labels likewise, decimals after a comma
    assert re.search(r"\b1 500 000\b", text) and re.search(r"\b2 500 000\b", text)
    assert re.search(r"\b1[34],[05]0\b", text), text  # the line chart's axis: 13,50 or 14,00
    assert "1,000,000" not in text and "1.000.000" not in text
