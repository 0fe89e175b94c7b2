"""The built schedule: its harmonogram rzeczowo-finansowy tables, chart and Gantt header, read back from the DOCX."""

import re
import zipfile
from decimal import Decimal

from docx import Document
from lxml import etree

from cwd_docs import build

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def plain(text):
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\u00ad", ""))


def amount(text):
    text = re.sub(r"[\s\u00a0\u202f]", "", text)
    return Decimal(0) if text in ("–", "") else Decimal(text.replace(",", "."))


def test_gantt_header_cells_span_both_header_rows(example, tmp_path):
    out = tmp_path / "h.docx"
    build("schedule", example.project, output=out)
    body = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    gantt = next(t for t in body.iter(f"{{{W}}}tbl")
                 if "".join(t.find(f"{{{W}}}tr").itertext()).startswith("Lp.Zadanie2027"))
    first, second = gantt.findall(f"{{{W}}}tr")[:2]
    merge = lambda row: [tc.xpath("string(w:tcPr/w:vMerge/@w:val)", namespaces={"w": W}) or  # noqa: E731
                         ("continue" if tc.find(f"{{{W}}}tcPr/{{{W}}}vMerge") is not None else "")
                         for tc in row.findall(f"{{{W}}}tc")[:2]]
    assert merge(first) == ["restart", "restart"]
    assert merge(second) == ["continue", "continue"]


def test_schedule_has_a_native_chart_of_costs_per_quarter(example, tmp_path):
    out = tmp_path / "h.docx"
    build("schedule", example.project, output=out)
    package = zipfile.ZipFile(out)
    charts = [n for n in package.namelist() if re.match(r"word/charts/chart\d+\.xml$", n)]
    assert len(charts) == 1
    chart = etree.fromstring(package.read(charts[0]))
    categories = chart.xpath("//c:ser[1]/c:cat//c:pt/c:v/text()",
                             namespaces={"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"})
    # 1 January 2027 – 30 June 2029: ten quarters.
    assert [c.replace("\u00a0", " ") for c in categories] == [
        f"{q} kw. {y}" for y in (2027, 2028) for q in ("I", "II", "III", "IV")] + ["I kw. 2029", "II kw. 2029"]
    values = chart.xpath("//c:ser/c:val//c:pt/c:v/text()",
                         namespaces={"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"})
    # EU co-financing and own contribution over all quarters: the project's total cost.
    assert sum(Decimal(v) for v in values) == Decimal("11453100.00")


def test_other_funding_gets_its_own_column_and_own_contribution_shrinks(example, tmp_path):
    start = example.line_of("    - {name: Wkład własny Powiatu Wałeckiego,")
    lines = example.project.read_text(encoding="utf-8").splitlines(keepends=True)
    own_rows = "".join(lines[start - 1:start + 4])
    assert own_rows.count("kind: wkład własny") == 5
    # one own contribution without named members (the split assigns it by task) and a state-budget grant
    example.edit(own_rows, "    - {name: Wkład własny członków partnerstwa, kind: wkład własny, amount: 1662465.00}\n"
                           "    - {name: Rezerwa celowa budżetu państwa, kind: budżet państwa, amount: 200000.00}\n")
    out = tmp_path / "h.docx"
    build("schedule", example.project, output=out)
    document = Document(str(out))
    by_task = next(t for t in document.tables if plain(t.rows[0].cells[-2].text) == "Inne źródła")
    header = [plain(c.text) for c in by_task.rows[0].cells]
    assert header[2:] == ["Wydatki ogółem", "Wydatki kwalifikowalne", "Wydatki niekwalifikowalne",
                          "Dofinansowanie UE", "Inne źródła", "Wkład własny"]
    total = [amount(c.text) for c in by_task.rows[-1].cells[2:]]
    assert total == [Decimal("11453100.00"), Decimal("11283100.00"), Decimal("170000.00"), Decimal("9590635.00"),
                     Decimal("200000.00"), Decimal("1662465.00")]
    # every row adds up: own = total − EU − other
    for row in by_task.rows[1:]:
        values = [amount(c.text) for c in row.cells[2:]]
        assert values[0] - values[3] - values[4] == values[5]


def test_wide_tables_of_a_long_project_fit_the_page(example, tmp_path):
    # A project over nine calendar years: one column per year in the cost tables.
    example.edit("  start: 2027-01-01\n  end: 2029-06-30", "  start: 2021-01-01\n  end: 2029-06-30")
    example.edit("{id: T7, name: Informacja i promocja, start: 2027-01-01,",
                 "{id: T7, name: Informacja i promocja, start: 2021-01-01,")
    out = tmp_path / "h.docx"
    build("schedule", example.project, output=out)
    body = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    ns = {"w": W}
    size, margins = body.find("w:body/w:sectPr/w:pgSz", ns), body.find("w:body/w:sectPr/w:pgMar", ns)
    text_width = int(size.get(f"{{{W}}}w")) - int(margins.get(f"{{{W}}}left")) - int(margins.get(f"{{{W}}}right"))
    widest = 0
    for table in body.iter(f"{{{W}}}tbl"):
        grid = sum(int(c.get(f"{{{W}}}w")) for c in table.findall("w:tblGrid/w:gridCol", ns))
        for row in table.findall("w:tr", ns):
            cells = sum(int(w.get(f"{{{W}}}w")) for w in row.findall("w:tc/w:tcPr/w:tcW", ns))
            assert cells <= text_width
        assert grid <= text_width
        widest = max(widest, len(table.findall("w:tblGrid/w:gridCol", ns)))
    assert widest >= 12  # the partners' table: Lp., member, nine years, total, share
