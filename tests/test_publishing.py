"""Publishable files: metadata in every DOCX, tagged PDF with language, title and author."""

import datetime as dt

import pytest
from docx import Document

from cwd_docs import build, get_document_type
from conftest import EXAMPLE_DIR

# each strategy file declares its kind: the ZIT example and the shipped IIT example
TYPES = {"feasibility": "projekt-p01.yaml", "schedule": "projekt-p01.yaml", "application_outline": "projekt-p01.yaml",
         "supralocal": "strategia.yaml", "strategy_zit": str(EXAMPLE_DIR.parent / "zit" / "strategia-zit.yaml"),
         "strategy_iit": str(get_document_type("strategy_iit").example)}


@pytest.mark.parametrize("doc_type", sorted(TYPES))
def test_docx_core_properties(doc_type, tmp_path):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(seconds=1)
    result = build(doc_type, EXAMPLE_DIR / TYPES[doc_type], output=tmp_path / "d.docx")
    core = Document(str(result.docx)).core_properties
    assert core.title and ("Powiatu Wałeckiego" in core.title or "Wałeckiego Obszaru" in core.title
                           or "P-01" in core.title), core.title
    assert core.author and "python-docx" not in core.author and core.last_modified_by == "cwd_docs"
    assert "python-docx" not in (core.comments or "")
    assert core.language == "pl-PL" and "CWD" in core.keywords
    assert core.created.replace(tzinfo=dt.timezone.utc) >= before


def test_author_is_the_partnership_when_the_data_names_no_authors(example, tmp_path):
    example.edit("  authors:\n    - Piotr Zieliński, ekspert CWD ds. projektów inwestycyjnych\n"
                 "    - Katarzyna Wiśniewska, koordynator partnerstwa\n", "")
    result = build("feasibility", example.project, output=tmp_path / "a.docx")
    assert Document(str(result.docx)).core_properties.author.startswith("Sieć Współpracy")


@pytest.mark.libreoffice
@pytest.mark.parametrize("doc_type", sorted(TYPES))
def test_pdf_is_tagged_with_language_title_and_author(doc_type, tmp_path):
    from pypdf import PdfReader

    result = build(doc_type, EXAMPLE_DIR / TYPES[doc_type], output=tmp_path / "d.docx", pdf=True)
    reader = PdfReader(str(result.pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "pl-PL"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    core = Document(str(result.docx)).core_properties
    assert reader.metadata.title == core.title and reader.metadata.author == core.author
    assert "Centrum\u00a0Wsparcia\u00a0Doradczego" in reader.metadata["/Keywords"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp


@pytest.mark.libreoffice
def test_after_build_with_pdf_the_docx_opens_with_its_contents_filled(tmp_path):
    import re
    import zipfile

    result = build("feasibility", EXAMPLE_DIR / "projekt-p01.yaml", output=tmp_path / "a.docx", pdf=True)
    xml = zipfile.ZipFile(result.docx).read("word/document.xml").decode("utf-8")
    plain = re.sub(r"<[^>]+>", "", xml).replace("\u00a0", " ")
    assert "zostanie uzupełniony" not in plain  # the placeholder of an unfilled table of contents is gone
    contents = plain[plain.index("Spis treści"):plain.index("Projekt „")]  # up to the first chapter's text
    for title in ("Streszczenie", "Analiza finansowa", "Koszty projektu", "Wnioski i rekomendacje"):
        entry = re.search(re.escape(title) + r"\D{0,40}?(\d+)", contents)
        assert entry and int(entry.group(1)) >= 3, (title, contents[:800])
