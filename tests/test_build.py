"""End-to-end builds, read back with python-docx (and pypdf for PDF)."""

import zipfile

import pytest
from docx import Document

from cwd_docs import InputError, UsageError, build
from cwd_docs.testing import heading_texts
from conftest import docx_text, normalise_spaces

REQUIRED_HEADINGS = [
    "1. Streszczenie", "2. Definicja i lokalizacja projektu", "2.1. Lokalizacja", "3. Stan obecny i problemy do rozwiązania",
    "4. Analiza popytu", "5. Cele projektu i zgodność ze strategią", "6. Analiza wariantów", "7. Zakres rzeczowy projektu",
    "8. Gotowość techniczna", "9. Analiza prawna i instytucjonalna", "10. Analiza finansowa",
    "10.1. Koszty projektu", "10.2. Źródła finansowania", "10.3. Założenia analizy finansowej",
    "10.4. Przepływy pieniężne i wskaźniki efektywności finansowej", "10.5. Trwałość finansowa",
    "11. Analiza ekonomiczna", "12. Analiza wrażliwości i ryzyka", "12.1. Analiza wrażliwości", "12.2. Analiza ryzyka",
    "13. Wskaźniki", "13.1. Wskaźniki produktu", "13.2. Wskaźniki rezultatu", "14. Wstępny harmonogram realizacji",
    "15. Uodpornienie na zmiany klimatu", "15.1. Neutralność klimatyczna", "15.2. Odporność na zmiany klimatu",
    "16. Trwałość projektu", "17. Wnioski i rekomendacje",
]


def test_example_builds_with_every_section(example, tmp_path):
    out = tmp_path / "wynik" / "analiza.docx"
    result = build("feasibility", example.project, output=out)
    assert result.docx == out and out.exists()
    headings = heading_texts(out)  # numbered by the heading list, as a reader sees them
    assert headings == REQUIRED_HEADINGS


def test_numbers_dates_and_words_are_polish(example, tmp_path):
    out = tmp_path / "analiza.docx"
    build("feasibility", example.project, output=out)
    text = normalise_spaces(docx_text(out))
    assert "11 453 100,00 zł" in text  # total cost
    assert "jedenaście milionów czterysta pięćdziesiąt trzy tysiące sto złotych, zero groszy" in text
    assert "11 283 100,00" in text  # eligible
    assert "170 000,00" in text  # ineligible (land)
    assert "85,00% kosztów kwalifikowalnych" in text
    assert "Wałcz, 22 listopada 2026 r." in text
    assert "styczeń 2027 – czerwiec 2029" in text
    assert "(30 miesięcy)" in text
    assert "Rozważono 3 warianty" in text
    assert "Projekt obejmuje 8 zadań" in text
    assert "10,11%" in text  # share of the powiat's contribution: 1 157 675,00 of 11 453 100,00
    assert "◆ Wybór wykonawcy robót" in text
    assert "Partnerstwo Powiatu Wałeckiego" in text  # page header


def test_one_letter_words_are_glued_in_the_output(example, tmp_path):
    out = tmp_path / "analiza.docx"
    build("feasibility", example.project, output=out)
    text = docx_text(out)
    assert "w\u00a0Wałczu" in text
    assert " w Wałczu" not in text


def test_each_row_of_data_tables(example, tmp_path):
    out = tmp_path / "analiza.docx"
    build("feasibility", example.project, output=out)
    tables = Document(str(out)).tables
    costs = next(t for t in tables if t.rows[0].cells[1].text == "Kategoria kosztów")
    assert len(costs.rows) == 1 + 6 + 1  # header, six categories, total
    assert normalise_spaces(costs.rows[-1].cells[2].text) == "11 453 100,00"
    funding = next(t for t in tables if t.rows[0].cells[1].text == "Źródło finansowania")
    assert [normalise_spaces(r.cells[4].text) for r in funding.rows[1:]] == [
        "83,74%", "10,11%", "1,32%", "0,97%", "1,93%", "1,93%", "100,00%"]
    risks = next(t for t in tables if t.rows[0].cells[1].text == "Ryzyko")
    assert len(risks.rows) == 5


def test_special_characters_render_literally(example, tmp_path):
    example.edit("  title: Pojezierze Wałeckie na rowerze – budowa drogi rowerowej Wałcz – Tuczno – Człopa",
                 '  title: "Ścieżki & szlaki <Pojezierza> \\"Wałcz\\" {{ 7*7 }} {% raw %}"')
    example.edit("name: Powiat Wałecki", 'name: Powiat Wałecki & Co <"test">', file=example.partnership)
    out = tmp_path / "analiza.docx"
    build("feasibility", example.project, output=out)
    text = docx_text(out)
    assert 'Ścieżki & szlaki <Pojezierza> "Wałcz" {{ 7*7 }} {% raw %}' in text
    assert 'Powiat Wałecki & Co <"test">' in text


def test_docx_asks_to_update_fields_and_has_toc(example, tmp_path):
    out = tmp_path / "analiza.docx"
    build("feasibility", example.project, output=out)
    with zipfile.ZipFile(out) as archive:
        settings = archive.read("word/settings.xml").decode()
        body = archive.read("word/document.xml").decode()
        footer_xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert '<w:updateFields w:val="true"/>' in settings
    assert "TOC \\o" in body
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_invalid_input_writes_nothing(example, tmp_path):
    example.edit("amount: 221400.00,", "amount: 1.00,")
    out = tmp_path / "analiza.docx"
    with pytest.raises(InputError) as caught:
        build("feasibility", example.project, output=out)
    assert [p.code for p in caught.value.problems] == ["funding.sum_mismatch"]
    assert list(tmp_path.glob("*.docx")) == []
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


def test_failed_build_keeps_previous_output(example, tmp_path):
    out = tmp_path / "analiza.docx"
    build("feasibility", example.project, output=out)
    before = out.read_bytes()
    example.edit("amount: 221400.00,", "amount: 1.00,")
    with pytest.raises(InputError):
        build("feasibility", example.project, output=out)
    assert out.read_bytes() == before


def test_output_cannot_overwrite_an_input(example):
    sneaky = example.folder / "dane.docx"
    example.project.rename(sneaky)
    with pytest.raises(UsageError):
        build("feasibility", sneaky, output=sneaky)


def test_output_must_be_docx(example, tmp_path):
    with pytest.raises(UsageError):
        build("feasibility", example.project, output=tmp_path / "analiza.pdf")


def test_default_output_beside_the_input(example):
    result = build("feasibility", example.project)
    assert result.docx == example.folder / "projekt-p01-feasibility.docx"
    assert result.docx.exists()


def test_inline_partnership_example_builds(tmp_path):
    from cwd_docs import example_text

    source = tmp_path / "projekt.yaml"
    source.write_text(example_text("feasibility"), encoding="utf-8")
    result = build("feasibility", source)
    assert "Pojezierze Wałeckie na rowerze" in docx_text(result.docx)


@pytest.mark.libreoffice
def test_pdf_has_filled_table_of_contents_and_page_numbers(example, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "analiza.docx"
    result = build("feasibility", example.project, output=out, pdf=True)
    reader = PdfReader(str(result.pdf))
    assert len(reader.pages) >= 6
    toc_page = normalise_spaces(reader.pages[1].extract_text())
    assert "Spis treści" in toc_page
    assert "zostanie uzupełniony" not in toc_page
    import re
    entry = re.search(r"10\.1\. Koszty projektu\.*\s*(\d+)", toc_page)
    assert entry, toc_page
    page_number = int(entry.group(1))
    assert "10.1. Koszty projektu" in normalise_spaces(reader.pages[page_number - 1].extract_text())
    last = normalise_spaces(reader.pages[-1].extract_text())
    assert f"Strona {len(reader.pages)} z {len(reader.pages)}" in last
    first = normalise_spaces(reader.pages[0].extract_text())
    assert "Wstępna analiza wykonalności" in first and "Wałcz, 22 listopada 2026 r." in first
