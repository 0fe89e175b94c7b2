"""Templates have one source (their generators), real styles, and documents Word's schema accepts."""

import re
import subprocess
import sys
import zipfile

import pytest
from docx import Document

from cwd_docs import build, get_document_type, list_document_types
from cwd_docs.registry.resources import template_dir
from conftest import EXAMPLE_DIR, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATE_FOLDERS = sorted(p.name for p in (ROOT / "templates").iterdir()
                          if (p / "template.docx").is_file())


def test_committed_templates_are_what_their_generators_make():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_templates.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_every_builtin_template_has_a_generator():
    builtin = {t.template.parent.name for t in list_document_types() if t.plugin.startswith("cwd_docs.")}
    assert builtin | {"package_cover", "new_plugin"} == set(TEMPLATE_FOLDERS)


@pytest.mark.parametrize("folder", TEMPLATE_FOLDERS)
def test_templates_use_styles_not_direct_formatting(folder):
    path = template_dir(folder) / "template.docx"
    document = Document(str(path))
    styles = {s.name for s in document.styles}
    assert {"Tabela CWD", "Tabela CWD – opis", "Tekst tabeli", "Tekst tabeli opisowej"} <= styles
    # headings carry no typed numbers: the heading styles are bound to a numbered list
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            assert not re.match(r"\s*\d+(\.\d+)*\.\s", paragraph.text), paragraph.text
    heading = document.styles["Heading 1"].element
    assert heading.find(f"{W}pPr/{W}numPr/{W}numId") is not None
    body = document.element.body
    tables = document.tables
    styled = [t for t in tables if t.style is not None and t.style.name in ("Tabela CWD", "Tabela CWD – opis")]
    # the only others: a signature table without borders, the SWOT quadrants
    assert len(styled) >= len(tables) - 2, f"{len(tables) - len(styled)} tables without the house table styles"
    # bold and shading come from the table styles; a few semantic colours (SWOT quadrants, the Gantt
    # chart's second header row) stay direct
    shaded = body.findall(f".//{W}tc/{W}tcPr/{W}shd")
    bold = [r for r in body.findall(f".//{W}tc//{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert len(shaded) <= 6 and len(bold) <= 6, (len(shaded), len(bold))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    assert all("SEQ " in "".join(p._p.xpath(".//w:instrText/text()")) for p in captions)
    assert "stylesWithEffects" not in " ".join(zipfile.ZipFile(path).namelist())
    assert xml.count("SEQ Tabela") + xml.count("SEQ Rysunek") == len(captions)


def _word_findings(path):
    openxml_audit = pytest.importorskip("openxml_audit", reason="openxml-audit (test extra) is not installed")
    validator = openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.MICROSOFT_365)
    # numId 0 is the schema's own way to switch a heading's numbering off (ECMA-376 §17.9.19), which the
    # validator's semantic pass does not know.
    return [e.description for e in validator.validate(str(path)).errors
            if e.description != "Numbering definition '0' referenced but not found"]


@pytest.mark.parametrize("doc_type", ["feasibility", "schedule", "application_outline", "supralocal",
                                      "strategy_zit", "strategy_iit"])
def test_built_documents_follow_words_schema(doc_type, tmp_path):
    sources = {"supralocal": EXAMPLE_DIR / "strategia.yaml",
               "strategy_zit": EXAMPLE_DIR.parent / "zit" / "strategia-zit.yaml",
               "strategy_iit": get_document_type("strategy_iit").example}  # each file declares its kind
    source = sources.get(doc_type, EXAMPLE_DIR / "projekt-p01.yaml")
    result = build(doc_type, source, output=tmp_path / f"{doc_type}.docx")
    assert _word_findings(result.docx) == []


def test_package_cover_follows_words_schema(example, tmp_path):
    from cwd_docs.package.build import render_cover, validate_package

    documents, _ = validate_package(example.folder)
    cover = render_cover(documents, tmp_path / "okladka.docx")
    assert _word_findings(cover) == []


def test_a_totals_row_keeps_with_the_row_before_it(tmp_path):
    result = build("feasibility", EXAMPLE_DIR / "projekt-p01.yaml", output=tmp_path / "a.docx")
    body = Document(str(result.docx)).element.body
    with_totals = [t for t in body.iter(f"{W}tbl")
                   if t.find(f"{W}tblPr/{W}tblLook") is not None
                   and t.find(f"{W}tblPr/{W}tblLook").get(f"{W}lastRow") == "1"]
    assert len(with_totals) >= 3  # costs, funding, schedule
    for table in with_totals:
        before_totals = table.findall(f"{W}tr")[-2]
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in before_totals.iter(f"{W}p"))


@pytest.mark.parametrize("folder", ["feasibility", "application_outline", "supralocal"])
def test_the_closing_authors_block_keeps_together_with_what_precedes_it(folder):
    document = Document(str(template_dir(folder) / "template.docx"))
    paragraphs = [p for p in document.paragraphs if not p.text.startswith("{%")]
    index = next(i for i, p in enumerate(paragraphs) if p.text == "Opracowanie:")
    assert paragraphs[index - 1].paragraph_format.keep_with_next  # the last page is never just this block
    assert paragraphs[index].paragraph_format.keep_with_next
