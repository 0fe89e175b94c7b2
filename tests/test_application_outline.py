"""Funding-application outline: built from the same files, with its own rules."""

import pytest
from docx import Document

from cwd_docs import build, validate
from cwd_docs.testing import heading_texts
from conftest import docx_text, normalise_spaces


def test_same_files_build_all_three_project_documents(example, tmp_path):
    for doc_type in ("feasibility", "schedule", "application_outline"):
        result = build(doc_type, example.project, output=tmp_path / f"{doc_type}.docx")
        text = normalise_spaces(docx_text(result.docx))
        assert "11 453 100,00" in text, doc_type
        assert "Pojezierze Wałeckie na rowerze" in text


def test_outline_has_every_section(example, tmp_path):
    out = tmp_path / "zarys.docx"
    build("application_outline", example.project, output=out)
    headings = heading_texts(out, level=1)  # numbered by the heading list, as a reader sees them
    assert headings == [
        "1. Wnioskodawca", "2. Partnerzy projektu", "3. Program, priorytet i działanie", "4. Opis projektu",
        "5. Miejsce realizacji projektu", "6. Uzasadnienie i cele projektu", "7. Okres realizacji", "8. Zadania",
        "9. Wskaźniki", "10. Pomoc publiczna", "11. Kwalifikowalność podatku VAT", "12. Budżet projektu",
        "13. Dochód", "14. Źródła finansowania", "15. Trwałość projektu",
        "16. Komplementarność i brak podwójnego finansowania", "17. Zgodność z zasadami horyzontalnymi",
        "18. Zasada „nie czyń poważnych szkód” (DNSH)", "19. Uodpornienie na zmiany klimatu",
        "20. Analiza sektorowa", "21. Załączniki", "22. Oświadczenia"]


def test_outline_content(example, tmp_path):
    out = tmp_path / "zarys.docx"
    build("application_outline", example.project, output=out)
    text = normalise_spaces(docx_text(out))
    assert "jednostka samorządu terytorialnego – powiat" in text
    assert "7651613345" in text and "570791224" in text  # applicant
    assert "7652112237" in text and "570001110" in text  # a partner
    assert ("11 453 100,00 zł (słownie: jedenaście milionów czterysta pięćdziesiąt trzy tysiące sto złotych, "
            "zero groszy)") in text
    assert ("9 590 635,00 zł (słownie: dziewięć milionów pięćset dziewięćdziesiąt tysięcy sześćset trzydzieści "
            "pięć złotych, zero groszy)") in text
    assert "W projekcie nie występuje pomoc publiczna." in text
    assert "Okres trwałości projektu wynosi 5 lat" in text
    document = Document(str(out))
    place = next(t for t in document.tables if t.rows[0].cells[1].text == "Województwo")
    rows = [[c.text for c in r.cells] for r in place.rows[1:]]
    assert rows[0] == ["1", "zachodniopomorskie", "Powiat Wałecki", "Gmina Miejska Wałcz", "3217011"]
    dnsh = next(t for t in document.tables if t.rows[0].cells[1].text == "Cel środowiskowy")
    assert len(dnsh.rows) == 7
    assert dnsh.rows[1].cells[1].text == "łagodzenie zmian klimatu"


def test_application_section_is_required_only_for_the_outline(example):
    text = example.project.read_text(encoding="utf-8")
    example.project.write_text(text[: text.index("\n# Dane do zarysu wniosku")] + "\n", encoding="utf-8")
    assert validate("feasibility", example.project).ok
    result = validate("application_outline", example.project)
    [problem] = result.problems
    assert (problem.code, problem.dotted_path) == ("field.missing", "application")


def without_contact(problems):
    """The example leaves the contact's e-mail and telephone to the office (a gap, tests_examples_read_as_documents)."""
    return [p for p in problems if p.code != "contact.missing"]


def test_every_dnsh_objective_must_be_answered(example):
    line = example.line_of("    water: {impact")
    text = example.project.read_text(encoding="utf-8")
    start = text.index("    water: {impact")
    end = text.index("\n", start) + 1
    example.project.write_text(text[:start] + text[end:], encoding="utf-8")
    result = validate("application_outline", example.project)
    [problem] = without_contact(result.problems)
    assert problem.code == "dnsh.missing"
    assert problem.dotted_path == "application.dnsh.water"
    assert problem.line == example.line_of("  dnsh:") + 1 < line
    assert "zasobów wodnych i morskich" in problem.message and "2020/852" in problem.message


def test_applicant_and_partners_need_nip_and_regon(example):
    line = example.line_of('nip: "7652334452"', file=example.partnership)
    example.edit('      nip: "7652334452"\n', "", file=example.partnership)
    result = validate("application_outline", example.project)
    [problem] = without_contact(result.problems)
    assert problem.code == "application.nip_missing"
    assert problem.dotted_path == "partnership.members[2]"
    assert problem.file.endswith("partnerstwo.yaml") and problem.line == line - 4
    assert "Gmina Wiejska Wałcz (partner)" in problem.message
    assert validate("feasibility", example.project).ok


def test_unusual_durability_is_a_warning(example):
    line = example.edit("durability_years: 5", "durability_years: 7")
    result = validate("application_outline", example.project)
    assert result.ok
    [problem] = without_contact(result.warnings)
    assert (problem.code, problem.line) == ("durability.unusual", line)


def test_dnsh_impact_must_be_a_known_value(example):
    line = example.edit("water: {impact: brak wpływu lub wpływ nieistotny", "water: {impact: żaden")
    result = validate("application_outline", example.project)
    [problem] = result.problems
    assert problem.code == "field.choice" and problem.line == line
    assert problem.dotted_path == "application.dnsh.water.impact"


@pytest.mark.libreoffice
def test_outline_pdf(example, tmp_path):
    from pypdf import PdfReader

    result = build("application_outline", example.project, output=tmp_path / "z.docx", pdf=True)
    reader = PdfReader(str(result.pdf))
    toc = normalise_spaces(reader.pages[1].extract_text())
    assert "18. Zasada „nie czyń poważnych szkód” (DNSH)" in toc
