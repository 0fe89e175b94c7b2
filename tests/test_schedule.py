"""Implementation schedule: arithmetic, rules and the built document with its Gantt chart."""

import datetime as dt
import zipfile
from decimal import Decimal

import pytest
from docx import Document

from cwd_docs import build, validate
from cwd_docs.domain.project import Task
from cwd_docs.domain.rules import dependency_cycles
from cwd_docs.domain.schedule import gantt, year_split
from conftest import normalise_spaces


def task(start, end, cost="0", **extra):
    return Task(id="T", name="Zadanie", start=start, end=end, responsible="PW", cost=cost, **extra)


def test_proportional_split_adds_up_exactly():
    split = year_split(task(dt.date(2027, 11, 1), dt.date(2029, 1, 31), "100.00"))
    # 2 + 12 + 1 = 15 months
    assert split == {2027: Decimal("13.33"), 2028: Decimal("80.00"), 2029: Decimal("6.67")}
    assert sum(split.values()) == Decimal("100.00")


def test_explicit_split_is_used():
    split = year_split(task(dt.date(2027, 1, 1), dt.date(2028, 12, 31), "10.00",
                            costs_by_year={2027: "4.00", 2028: "6.00"}))
    assert split == {2027: Decimal("4.00"), 2028: Decimal("6.00")}


def test_dependency_cycles_named_once():
    assert dependency_cycles({"a": ["c"], "b": ["a"], "c": ["b"], "d": []}) == [["a", "c", "b"]]
    assert dependency_cycles({"a": ["a"]}) == [["a"]]
    assert dependency_cycles({str(i): [str(i - 1)] if i else [] for i in range(5000)}) == []


def test_gantt_scale_follows_project_length(example):
    project = validate("schedule", example.project).model.project
    chart = gantt(project)  # 30 months
    assert chart.scale == "kwartały"
    assert [p.label for p in chart.periods] == ["I", "II", "III", "IV"] * 2 + ["I", "II"]
    assert chart.years == [(2027, 4), (2028, 4), (2029, 2)]
    milestone = next(r for r in chart.rows if r.task.id == "T3")
    assert [c.mark for c in milestone.cells].count("◆") == 1
    assert milestone.cells[4].mark == "◆"  # ends in January 2028: first quarter of 2028

    short = project.model_copy(update={"end": dt.date(2027, 12, 31)})
    assert gantt(short).scale == "miesiące"
    assert len(gantt(short).periods) == 12


def only(path, code, doc_type="schedule"):
    result = validate(doc_type, path)
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [p.describe() for p in result.problems]
    return found[0]


def test_dependency_cycle_is_named_and_located(example):
    example.edit("{id: T2, name: Nabycie gruntów, start: 2027-04-01, end: 2027-12-31, responsible: PW,",
                 "{id: T2, name: Nabycie gruntów, start: 2027-04-01, end: 2027-12-31, responsible: PW, "
                 "depends_on: [T4],")
    problem = only(example.project, "task.dependency_cycle")
    assert "T2 → T4 → T2" in problem.message
    assert problem.dotted_path == "project.tasks[1].depends_on"
    assert problem.line == example.line_of("{id: T2,")


def test_task_cannot_start_before_its_dependency_ends(example):
    line = example.edit("start: 2028-09-01, end: 2029-04-30, responsible: WALCZ_W",
                        "start: 2027-12-01, end: 2029-04-30, responsible: WALCZ_W")
    problem = only(example.project, "task.starts_before_dependency")
    assert problem.dotted_path == "project.tasks[4].depends_on[0]"
    assert problem.line == line
    assert "T5" in problem.message and "T3" in problem.message and "31.01.2028" in problem.message


def test_costs_by_year_must_add_up(example):
    line = example.edit("cost: 420000.00,", "cost: 420000.00, costs_by_year: {2027: 400000},")
    problem = only(example.project, "task.year_costs_mismatch")
    assert problem.dotted_path == "project.tasks[1].costs_by_year" and problem.line == line


def test_costs_by_year_within_task_years(example):
    line = example.edit("cost: 420000.00,", "cost: 420000.00,\n       costs_by_year: {2027: 400000, 2028: 20000},")
    problem = only(example.project, "task.year_outside")
    assert problem.dotted_path == "project.tasks[1].costs_by_year.2028"
    assert (problem.line, problem.column) == (line + 1, 44)


def test_tasks_add_up_to_project_total(example):
    example.edit("cost: 24600.00,", "cost: 24000.00,")
    problem = only(example.project, "tasks.sum_mismatch")
    assert problem.dotted_path == "project.tasks"
    assert "600,00\u00a0zł" in problem.message


def test_flat_rate_cannot_exceed_its_share_of_direct_costs(example):
    line = example.edit("{category: Informacja i promocja, total: 24600.00, eligible: 24600.00, vat: 4600.00,",
                        "{category: Informacja i promocja, total: 24600.00, eligible: 24600.00, vat: 4600.00, "
                        "flat_rate: 0.2,")
    problem = only(example.project, "costs.flat_rate_exceeded", doc_type="feasibility")
    assert problem.dotted_path == "project.costs[5].eligible" and problem.line == line
    # 0.2% of 11 258 500.00 direct eligible costs = 22 517.00
    assert "22\u00a0517,00\u00a0zł" in problem.message


def test_schedule_document(example, tmp_path):
    out = tmp_path / "harmonogram.docx"
    build("schedule", example.project, output=out)
    document = Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    gantt_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Lp." and
                       t.rows[1].cells[2].text == "I")
    assert [c.text for c in gantt_table.rows[0].cells[2:]] == ["2027"] * 4 + ["2028"] * 4 + ["2029"] * 2
    assert len(gantt_table.rows) == 2 + 8
    fills = []
    for row in gantt_table.rows[2:]:
        tcs = row._tr.findall(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")
        fills.append([tc.xpath("string(.//w:shd/@w:fill)") for tc in tcs[2:]])
    assert fills[0] == ["4472C4"] * 3 + ["FFFFFF"] * 7  # T1: Jan–Sep 2027
    assert fills[2][4] == "C00000"  # milestone T3 in Q1 2028
    assert gantt_table.rows[4].cells[4 + 2].text == "◆"

    costs = next(t for t in document.tables if t.rows[0].cells[-1].text == "Razem")
    totals = [normalise_spaces(c.text) for c in costs.rows[-1].cells]
    assert totals[1:] == ["Razem", "675 840,00", "8 245 568,57", "2 531 691,43", "11 453 100,00"]


def test_gantt_grid_matches_cells(example, tmp_path):
    out = tmp_path / "harmonogram.docx"
    build("schedule", example.project, output=out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    for table in etree.fromstring(xml.encode()).iter("{%s}tbl" % ns["w"]):
        grid = table.findall("w:tblGrid/w:gridCol", ns)
        for row in table.findall("w:tr", ns):
            spans = sum(int(tc.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=ns) or 1)
                        for tc in row.findall("w:tc", ns))
            assert spans == len(grid)


@pytest.mark.libreoffice
def test_schedule_pdf(example, tmp_path):
    from pypdf import PdfReader

    result = build("schedule", example.project, output=tmp_path / "h.docx", pdf=True)
    text = normalise_spaces("".join(page.extract_text() for page in PdfReader(str(result.pdf)).pages))
    assert "Harmonogram realizacji projektu" in text
    assert "Wykres Gantta" in text and "8 245 568,57" in text
