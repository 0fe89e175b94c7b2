"""Polish typography over whole documents (rendering.ooxml.typeset_text, fit_unbreakable_figures): built
documents read back, their XML and (with LibreOffice) their PDF lines."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt, Twips
from lxml import etree

from cwd_docs import build
from cwd_docs.rendering.ooxml import fit_unbreakable_figures, typeset_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


def body_of(path: Path):
    return etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))


def runs_with(body, text: str):
    return [r for r in body.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")) == text]


def language(run) -> str | None:
    lang = run.find(f"{W}rPr/{W}lang")
    return lang.get(f"{W}val") if lang is not None else None


@pytest.fixture(scope="module")
def package_docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pakiet")
    shutil.copytree(ROOT / "examples" / "walcz", folder / "walcz")
    built = {}
    for kind, name, file in (("supralocal", "strategia", "strategia.yaml"), ("schedule", "harmonogram", "projekt-p02.yaml"),
                             ("feasibility", "analiza", "projekt-p01.yaml")):
        built[name] = build(kind, folder / "walcz" / file, output=folder / f"{name}.docx").docx
    return built


def test_proper_names_from_any_source_are_runs_of_no_language(package_docs):
    """Names typed in the data and printed by a plain tag (a table cell, a sentence), not only Markdown."""
    for name, words in (("strategia", ("Tuczno", "Wałcz", "Gmina")), ("harmonogram", ("Człopa", "Tuczno")),
                        ("analiza", ("Wałcz", "Powiat"))):
        body = body_of(package_docs[name])
        for word in words:
            found = runs_with(body, word)
            assert found, (name, word)
            assert all(language(r) == "zxx" for r in found), (name, word)


def test_a_split_run_keeps_its_text_and_formatting(package_docs):
    body = body_of(package_docs["strategia"])
    text = "".join(t.text or "" for t in body.iter(f"{W}t"))
    assert "Miasto i Gmina Człopa" in text.replace(NBSP, " ")  # pieces in order, nothing lost
    document = Document()
    run = document.add_paragraph().add_run("Lider: Powiat Wałecki, 12 km.")
    run.bold = True
    typeset_text(document)
    pieces = [(r.text, r.bold, language(r._r)) for r in document.paragraphs[0].runs]
    assert pieces == [("Lider", True, "zxx"), (": ", True, None), ("Powiat", True, "zxx"), (" ", True, None),
                      ("Wałecki", True, "zxx"), (f", 12{NBSP}km.", True, None)]


def test_header_rows_are_not_hyphenated(package_docs):
    for name in package_docs:
        body = body_of(package_docs[name])
        headers = [row for row in body.iter(f"{W}tr") if row.find(f"{W}trPr/{W}tblHeader") is not None]
        assert headers, name
        for row in headers:
            for paragraph in row.iter(f"{W}p"):
                assert paragraph.find(f"{W}pPr/{W}suppressAutoHyphens") is not None, name


def test_units_and_one_letter_words_are_glued_in_generated_text(package_docs):
    """The climate paragraph is a sentence the context builds: its figures keep their units."""
    text = "".join(t.text or "" for t in body_of(package_docs["analiza"]).iter(f"{W}t"))
    assert re.search(r"1\u00a0075,00\u00a0zł/t", text)
    assert f"t{NBSP}CO₂e" in text and f" t CO₂e" not in text
    assert re.search(r"w\u00a02030\u00a0r\.", text)
    for name in package_docs:  # template text, generated sentences and Markdown prose alike
        text = "".join(t.text or "" for t in body_of(package_docs[name]).iter(f"{W}t"))
        assert not re.search(r"(?<![\w\-])[aiouwzAIOUWZ] ", text), name  # no one-letter word before a breaking space


def test_a_one_letter_word_at_the_end_of_a_run_is_glued_to_the_next_run():
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("siedziba jest w ")
    paragraph.add_run("Wałczu")
    typeset_text(document)
    runs = [r.text for r in document.paragraphs[0].runs]
    assert runs[0] == f"siedziba jest w{NBSP}" and runs[-1] == "Wałczu"
    assert document.paragraphs[0].runs[-1]._r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "zxx"


def figure_table(width_figures: int, width_text: int, figure: str):
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.autofit = False
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Twips(width_text), Twips(width_figures)
    grid = table._tbl.find(f"{W}tblGrid")
    for col, width in zip(grid.findall(f"{W}gridCol"), (width_text, width_figures)):
        col.set(f"{W}w", str(width))
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Zmienna", "Wartość"
    table.rows[1].cells[0].text = "Koszty eksploatacji i utrzymania drogi rowerowej"
    run = table.rows[1].cells[1].paragraphs[0].add_run(figure)
    run.font.size = Pt(7.5)
    return document, table


def grid(table) -> list[int]:
    return [int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")]


def test_a_figure_wider_than_its_column_gets_the_width_from_a_column_of_words():
    # "+1 677,40%" at 7.5 pt: Carlito's digits are 0.507 em, the percent sign 0.715 em, the comma, the plus and
    # the space together about 1 em: at least 4.5 em = 33.75 pt = 675 twips, plus Word's default cell margins of
    # 108 twips on each side; LibreOffice broke it in a column of 883 twips (the sensitivity table's).
    document, table = figure_table(883, 4000, f"+1{NBSP}677,40%")
    fit_unbreakable_figures(document)
    widths = grid(table)
    assert abs(sum(widths) - 4883) <= 2  # the table's width is kept (to a few twips)
    assert widths[1] >= 675 + 2 * 108 and widths[1] > 883 and widths[0] < 4000
    cells = [int(c.get(f"{W}w")) for c in table._tbl.iter(f"{W}tcW")]
    assert cells[1] == widths[1] and cells[3] == widths[1]  # the cells follow the grid


def test_a_figure_that_fits_leaves_the_columns_alone():
    document, table = figure_table(1500, 3383, "12,5%")
    fit_unbreakable_figures(document)
    assert grid(table) == [3383, 1500]


@pytest.mark.libreoffice
def test_sensitivity_figures_and_units_are_whole_on_their_pdf_lines(example, tmp_path):
    from pypdf import PdfReader

    pdf = build("feasibility", example.project, output=tmp_path / "analiza.docx", pdf=True).pdf
    lines = [line.strip() for page in PdfReader(str(pdf)).pages for line in page.extract_text().splitlines()]
    assert "%" not in [line.strip() for line in lines]  # a percent sign never sits alone in its cell's line
    text = "\n".join(lines).replace(NBSP, " ")
    assert "+1 677,40%" in text and "1 075,00 zł/t" in text and "20 000 t CO₂e" in text
