"""Territorial strategies: every required element present, located errors naming the law, annex."""

import shutil
import zipfile

import pytest
from docx import Document

from cwd_docs import build, validate
from cwd_docs.testing import heading_texts
from conftest import docx_text, normalise_spaces

STRATEGY_TYPES = ("supralocal", "strategy_zit", "strategy_iit")


@pytest.fixture
def strategy(example):
    example.strategy = example.folder / "strategia.yaml"
    return example


@pytest.mark.parametrize("doc_type", STRATEGY_TYPES)
def test_example_strategy_builds_with_package_of_projects(strategy, tmp_path, doc_type):
    result = build(doc_type, strategy.strategy, output=tmp_path / f"{doc_type}.docx")
    assert result.warnings == []
    text = normalise_spaces(docx_text(result.docx))
    assert "Strategia rozwoju ponadlokalnego Partnerstwa Powiatu Wałeckiego na lata 2021–2030" in text
    document = Document(str(result.docx))
    package = next(t for t in document.tables if t.rows[0].cells[1].text == "Tytuł projektu")
    row = [normalise_spaces(c.text) for c in package.rows[1].cells]
    assert row == ["P-01", "Pojezierze Wałeckie na rowerze – budowa drogi rowerowej Wałcz – Tuczno – Człopa",
                   "środowiskowy", "Powiat Wałecki", "11 453 100,00", "9 590 635,00"]
    second = [normalise_spaces(c.text) for c in package.rows[2].cells]
    assert second[0] == "P-02" and second[3] == "Miasto i Gmina Człopa" and second[4] == "1 842 000,00"
    assert [normalise_spaces(c.text) for c in package.rows[-1].cells][4:] == ["13 295 100,00", "11 156 335,00"]
    headings = heading_texts(result.docx, level=1)
    assert headings[-1] == "Załącznik. Zgodność strategii z wymogami prawnymi"


def test_supralocal_has_the_nine_elements_and_maps(strategy, tmp_path):
    result = build("supralocal", strategy.strategy, output=tmp_path / "s.docx")
    document = Document(str(result.docx))
    headings = heading_texts(result.docx, level=1)
    for title in ("4. Wizja i cele strategiczne", "5. Kierunki działań", "6. Oczekiwane rezultaty i wskaźniki",
                  "7. Model struktury funkcjonalno-przestrzennej",
                  "8. Ustalenia i rekomendacje w zakresie kształtowania i prowadzenia polityki przestrzennej",
                  "9. Obszary strategicznej interwencji", "11. System realizacji strategii",
                  "12. Ramy finansowe i źródła finansowania"):
        assert title in headings
    assert len(document.inline_shapes) == 3  # model, regional OSI, local OSI
    annex = document.tables[-1]
    assert len(annex.rows) == 1 + 12
    # non-breaking spaces keep "art.\u00a010e ust.\u00a03 pkt\u00a04" together (typography)
    assert normalise_spaces(annex.rows[6].cells[2].text).startswith("art. 10e ust. 3 pkt 4 u.s.g.")
    xml = zipfile.ZipFile(result.docx).read("word/document.xml").decode()
    assert xml.count("PAGEREF ch_") == 12 and 'w:name="ch_model"' in xml


def test_zit_and_iit_have_cpr_chapters(strategy, tmp_path):
    for doc_type in ("strategy_zit", "strategy_iit"):
        built = build(doc_type, strategy.strategy, output=tmp_path / f"{doc_type}.docx").docx
        document = Document(str(built))
        headings = heading_texts(built, level=1)
        assert "4. Potrzeby rozwojowe i potencjał obszaru" in headings
        assert "8. Zintegrowane podejście terytorialne" in headings
        assert "9. Zaangażowanie partnerów" in headings
        assert len(document.inline_shapes) == 0
    text = docx_text(tmp_path / "strategy_iit.docx")
    assert "Podstawa objęcia instrumentem IIT: partnerstwo JST objęte wsparciem CWD" in normalise_spaces(text)


def remove_block(file, start_marker, end_marker):
    text = file.read_text(encoding="utf-8")
    start = text.index(start_marker)
    end = text.index(end_marker, start)
    file.write_text(text[:start] + text[end:], encoding="utf-8")


REMOVALS = [
    # doc type, start of removed block, start of what follows it, code, provision quoted, path
    ("supralocal", "  functional_model:", "  spatial_policy:", "strategy.functional_model", "art. 10e ust. 3 pkt 4",
     "strategy.functional_model"),
    ("supralocal", "  spatial_policy:", "  osi:", "strategy.spatial_policy", "art. 10e ust. 3 pkt 5",
     "strategy.spatial_policy"),
    ("supralocal", "    regional:", "    regional_map:", "strategy.osi_regional", "art. 10e ust. 3 pkt 6",
     "strategy.osi.regional"),
    ("supralocal", "    local_map:", "  needs_potential:", "strategy.map", "art. 10e ust. 4",
     "strategy.osi.local_map"),
    ("supralocal", "  implementation:", "  financial_framework:", "strategy.implementation", "art. 10e ust. 3 pkt 8",
     "strategy.implementation"),
    ("supralocal", "  financial_framework:", "  powiat_gminy_counts:", "strategy.financial_framework",
     "art. 10e ust. 3 pkt 9", "strategy.financial_framework"),
    ("supralocal", "  consultation:", "  opinions:", "strategy.consultation", "art. 6 u.z.p.p.r.",
     "strategy.consultation"),
    ("strategy_zit", "  needs_potential:", "  integrated_approach:", "strategy.needs_potential",
     "art. 29 ust. 1 lit. b", "strategy.needs_potential"),
    ("strategy_zit", "  integrated_approach:", "  partner_involvement:", "strategy.integrated_approach",
     "art. 29 ust. 1 lit. c", "strategy.integrated_approach"),
    ("strategy_iit", "  partner_involvement:", "  iit_basis:", "strategy.partner_involvement",
     "art. 29 ust. 1 lit. d", "strategy.partner_involvement"),
    ("strategy_iit", "  iit_basis:", "  implementation:", "strategy.iit_basis", "IIT", "strategy.iit_basis"),
]


@pytest.mark.parametrize("doc_type, start, end, code, provision, path", REMOVALS, ids=[r[3] + "-" + r[0] for r in REMOVALS])
def test_removing_a_required_element_names_the_provision(strategy, doc_type, start, end, code, provision, path):
    remove_block(strategy.strategy, start, end)
    result = validate(doc_type, strategy.strategy)
    errors = [p for p in result.errors if p.code == code]
    assert len(errors) == 1, [p.describe() for p in result.problems]
    problem = errors[0]
    assert provision in problem.message and problem.message.startswith("brak elementu wymaganego przez")
    assert problem.dotted_path == path
    assert problem.file.endswith("strategia.yaml") and problem.line is not None


def test_removing_dimension_of_goals(strategy):
    strategy.edit("dimension: przestrzenny", "dimension: społeczny", file=strategy.strategy)
    [problem] = validate("supralocal", strategy.strategy).errors
    assert problem.code == "strategy.goal_dimension" and "przestrzennym" in problem.message.replace(
        "przestrzenny", "przestrzennym")
    assert "art. 10e ust. 3 pkt 1" in problem.message


def test_spatial_results_required_for_supralocal_only(strategy):
    text = strategy.strategy.read_text(encoding="utf-8").replace(", spatial: true}", "}")
    strategy.strategy.write_text(text, encoding="utf-8")
    [problem] = validate("supralocal", strategy.strategy).errors
    assert problem.code == "strategy.spatial_results"
    assert validate("strategy_zit", strategy.strategy).ok


def test_goal_without_directions(strategy):
    remove_block(strategy.strategy, "      directions:\n        - {code: \"3.1\"", "      results:\n        - {name: Liczba udzielonych")
    [problem] = validate("supralocal", strategy.strategy).errors
    assert (problem.code, problem.dotted_path) == ("strategy.directions", "strategy.goals[2].directions")
    assert "art. 10e ust. 3 pkt 2" in problem.message


def test_consultation_of_at_least_35_days(strategy):
    line = strategy.edit("    end: 2026-04-10", "    end: 2026-04-03", file=strategy.strategy)
    [problem] = validate("supralocal", strategy.strategy).errors
    assert problem.code == "consultation.too_short"
    assert "33 dni" in problem.message and "35 dni" in problem.message
    assert problem.line == line


def test_missing_map_file_is_located(strategy):
    line = strategy.edit("map: mapy/model-funkcjonalno-przestrzenny.png", "map: mapy/brak.png",
                         file=strategy.strategy)
    [problem] = validate("supralocal", strategy.strategy).errors
    assert (problem.code, problem.dotted_path, problem.line) == ("image.missing", "strategy.functional_model.map",
                                                                  line)


def test_unreadable_map_is_located(strategy):
    (strategy.folder / "mapy" / "zla.png").write_text("to nie jest obraz", encoding="utf-8")
    strategy.edit("regional_map: mapy/osi-regionalne.png", "regional_map: mapy/zla.png", file=strategy.strategy)
    [problem] = validate("supralocal", strategy.strategy).errors
    assert (problem.code, problem.dotted_path) == ("image.unreadable", "strategy.osi.regional_map")


def test_powiat_must_join_when_all_its_gminy_do(strategy):
    strategy.edit("projects:\n  - projekt-p01.yaml\n  - projekt-p02.yaml\n", "projects: []\n", file=strategy.strategy)
    remove_block(strategy.partnership, "    - id: PW\n", "    - id: WALCZ_M\n")
    strategy.edit("  leader: PW ", "  leader: WALCZ_M ", file=strategy.partnership)
    [problem] = validate("supralocal", strategy.strategy).errors
    assert problem.code == "supralocal.powiat_required"
    assert "3217" in problem.message and "art. 10g ust. 1" in problem.message


def test_powiat_gminy_count_needed(strategy):
    strategy.edit('  powiat_gminy_counts: {"3217": 5}\n', "", file=strategy.strategy)
    [problem] = validate("supralocal", strategy.strategy).errors
    assert problem.code == "supralocal.powiat_count"


def test_missing_opinion_is_a_warning(strategy):
    remove_block(strategy.strategy, "    - body: zarząd województwa", "    - body: instytucja")
    result = validate("supralocal", strategy.strategy)
    assert result.ok
    assert [p.code for p in result.warnings] == ["strategy.opinion_missing"]


def test_project_of_another_partnership(strategy):
    other = strategy.folder / "inne-partnerstwo.yaml"
    shutil.copy(strategy.partnership, other)
    strategy.edit("  name: Sieć Współpracy", "  name: Inna Sieć Współpracy", file=other)
    strategy.edit("partnership: partnerstwo.yaml", "partnership: inne-partnerstwo.yaml")
    [problem] = validate("supralocal", strategy.strategy).errors
    assert problem.code == "strategy.project_partnership"
    assert problem.dotted_path == "projects[0].partnership.name"
    assert problem.file.endswith("inne-partnerstwo.yaml")


def test_errors_in_an_included_project_are_located_in_its_file(strategy):
    line = strategy.edit("amount: 192465.00,", "amount: 1.00,")
    [problem] = validate("supralocal", strategy.strategy).errors
    assert problem.code == "funding.sum_mismatch"
    assert problem.dotted_path == "projects[0].project.funding"
    assert problem.file.endswith("projekt-p01.yaml") and problem.line < line


def test_init_writes_example_and_maps(tmp_path):
    from conftest import run_cli

    target = tmp_path / "nowa" / "strategia.yaml"
    result = run_cli("init", "supralocal", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "3 pliki pomocnicze" in result.stderr
    assert sorted(p.name for p in (target.parent / "mapy").iterdir()) == [
        "model-funkcjonalno-przestrzenny.png", "osi-lokalne.png", "osi-regionalne.png"]


@pytest.mark.libreoffice
def test_annex_pages_point_at_the_chapters(strategy, tmp_path):
    import re

    from pypdf import PdfReader

    result = build("supralocal", strategy.strategy, output=tmp_path / "s.docx", pdf=True)
    pages = [normalise_spaces(p.extract_text()) for p in PdfReader(str(result.pdf)).pages]
    annex = pages[-1]
    match = re.search(r"Kierunki działań art\. 10e ust\. 3 pkt 2\s+u\.s\.g\. w zw\. z art\. 10g\s+5\. Kierunki działań\s+(\d+)",
                      annex)
    assert match, annex
    page = int(match.group(1))
    assert "5. Kierunki działań" in pages[page - 1]
