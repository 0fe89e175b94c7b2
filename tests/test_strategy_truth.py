"""One truth across the package (issue 21 p. 3–6): goals by code with the strategy's names, the mechanism
from the strategy, directions and consultation answers against the package, the procedure's order, gaps
marked and refused by a final build, the annex computed from the data, the ZIT and IIT examples."""

import shutil
from pathlib import Path

import pytest

from cwd_docs import build, validate
from cwd_docs.problems import InputError
from conftest import docx_text, normalise_spaces
from test_strategies import edit, only

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def strategy(example):
    example.strategy = example.folder / "strategia.yaml"
    return example


def line_of(file, text):
    content = file.read_text(encoding="utf-8")
    return content[:content.index(text)].count("\n") + 1


def test_project_documents_print_the_strategys_own_goal_name(strategy, tmp_path):
    result = build("feasibility", strategy.project, output=tmp_path / "f.docx")
    text = normalise_spaces(docx_text(result.docx))
    assert "cel operacyjny C2.1 Bezpieczne połączenia rowerowe gmin z Wałczem" in text
    assert "Rozwój zrównoważonej mobilności" not in text


def test_project_naming_a_code_its_strategy_lacks(strategy):
    line = edit(strategy.project, "strategy_goal_code: C2.1", "strategy_goal_code: C9.9")
    problem = only(validate("feasibility", strategy.project), "project.goal_code")
    assert problem.line == line and problem.file.endswith("projekt-p01.yaml") and "'C9.9'" in problem.message


def test_project_without_its_strategy_marks_the_goal_name_as_a_gap(strategy, tmp_path):
    edit(strategy.project, "strategy: strategia.yaml", "")
    result = build("feasibility", strategy.project, output=tmp_path / "f.docx")
    assert "[DO UZUPEŁNIENIA: nazwa celu lub kierunku o kodzie C2.1" in normalise_spaces(docx_text(result.docx))


def test_mechanism_contradicting_the_listing_strategy(strategy):
    p02 = strategy.folder / "projekt-p02.yaml"
    line = edit(p02, "    form_of_finance: \"01\"\n", "    form_of_finance: \"01\"\n    territorial_mechanism: brak\n") + 1
    problem = only(validate("supralocal", strategy.strategy), "project.territorial_mechanism")
    assert problem.file.endswith("projekt-p02.yaml") and problem.line == line
    assert "„brak”" in problem.message and "„IIT”" in problem.message


def test_outline_takes_the_mechanism_from_the_strategy(strategy, tmp_path):
    result = build("application_outline", strategy.project, output=tmp_path / "o.docx")
    assert "(wymiar 3)\n24 – Inne rodzaje narzędzi terytorialnych" in normalise_spaces(docx_text(result.docx))


def test_direction_implementers_include_project_partners(strategy):
    line = edit(strategy.strategy, "members: [PW, WALCZ_M, WALCZ_W, TUCZNO, CZLOPA]", "members: [PW, WALCZ_W, TUCZNO, CZLOPA]")
    problem = only(validate("supralocal", strategy.strategy), "strategy.direction_members")
    assert problem.line == line and "Gmina Miejska Wałcz" in problem.message and "P-01" in problem.message
    assert not problem.is_error


def test_direction_with_no_project_indicator_or_map(strategy):
    edit(strategy.strategy, ', directions: ["3.2.1"]}', "}")
    problem = only(validate("supralocal", strategy.strategy), "strategy.direction_empty")
    assert "3.2.1" in problem.message and problem.line == line_of(strategy.strategy, '- code: "3.2.1"') \
        and not problem.is_error


def test_consultation_answer_citing_a_project_outside_the_package(strategy):
    line = edit(strategy.strategy, "reason: Projekt P-02 obejmuje", "reason: Projekt P-07 obejmuje")
    problem = only(validate("supralocal", strategy.strategy), "consultation.project_unknown")
    assert problem.line == line and "P-07" in problem.message and "P-01, P-02" in problem.message


def test_adoption_before_the_consultation_ended_names_both_dates(strategy):
    line = edit(strategy.strategy, "number: XXI/141/2026, date: 2026-09-22", "number: XXI/141/2026, date: 2026-03-05")
    problem = only(validate("supralocal", strategy.strategy), "procedure.adoption_early")
    assert problem.line == line and problem.is_error
    assert "05.03.2026" in problem.message and "koniec konsultacji (10.04.2026)" in problem.message
    assert "opinię zarządu województwa (15.06.2026)" in problem.message


def test_procedure_resolution_after_the_consultation_began(strategy):
    line = edit(strategy.strategy, "number: XII/80/2025, date: 2025-06-26", "number: XII/80/2025, date: 2026-03-10")
    problem = only(validate("supralocal", strategy.strategy), "procedure.order")
    assert problem.line == line and "10.03.2026" in problem.message and "02.03.2026" in problem.message


def test_report_later_than_30_days(strategy):
    line = edit(strategy.strategy, "report_published: 2026-05-04", "report_published: 2026-05-20")
    problem = only(validate("supralocal", strategy.strategy), "consultation.report_late")
    assert problem.line == line and "20.05.2026" in problem.message and "10.04.2026" in problem.message \
        and "40 dni" in problem.message


def test_mid_term_evaluation_in_the_year_of_adoption(strategy):
    line = edit(strategy.strategy, "{kind: ewaluacja śródokresowa, year: 2028,", "{kind: ewaluacja śródokresowa, year: 2026,")
    problem = only(validate("supralocal", strategy.strategy), "procedure.evaluation_early")
    assert problem.line == line and "2026" in problem.message and "29.09.2026" in problem.message


def test_rdos_opinion_before_the_prognoza_was_published(strategy):
    line = edit(strategy.strategy, "    comments_end: 2026-04-10\n", "    comments_end: 2026-04-10\n    rdos_opinion: 2026-02-20\n") + 1
    problem = only(validate("supralocal", strategy.strategy), "environment.order")
    assert problem.line == line and "20.02.2026" in problem.message and "02.03.2026" in problem.message


def test_managing_authority_opinion_needs_consultation_and_soos(strategy):
    text = strategy.strategy.read_text(encoding="utf-8")
    start, end = text.index("  environmental_assessment:"), text.index("  consultation:")
    strategy.strategy.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = only(validate("supralocal", strategy.strategy), "opinion.premature")
    assert "20.07.2026" in problem.message and "strategicznej oceny" in problem.message
    assert problem.line == line_of(strategy.strategy, "date: 2026-07-20")


def test_gaps_are_marked_listed_and_refused_by_a_final_build(strategy, tmp_path):
    text = strategy.strategy.read_text(encoding="utf-8")
    start, end = text.index("  financial_framework:"), text.index("  powiat_gminy_counts:")
    strategy.strategy.write_text(text[:start] + text[end:], encoding="utf-8")
    result = build("supralocal", strategy.strategy, output=tmp_path / "s.docx")
    gap = only(validate("supralocal", strategy.strategy), "strategy.financial_framework")
    assert gap.gap and not gap.is_error
    body = normalise_spaces(docx_text(result.docx))
    assert "[DO UZUPEŁNIENIA: ramy finansowe i źródła finansowania (art. 10e ust. 3 pkt 9" in body
    assert "Braki do uzupełnienia" in body and "zostaną określone" not in body
    with pytest.raises(InputError) as refused:
        build("supralocal", strategy.strategy, output=tmp_path / "final.docx", final=True)
    assert [p.code for p in refused.value.problems] == ["strategy.financial_framework"]
    assert not (tmp_path / "final.docx").exists()


def test_final_package_refuses_while_a_gap_remains(strategy, tmp_path):
    from cwd_docs.package.build import build_package

    edit(strategy.strategy, "    - {member: TUCZNO, subject: przyjęcie strategii, number: XXI/139/2026, date: 2026-09-24}\n", "")
    with pytest.raises(InputError) as refused:
        build_package(strategy.folder, tmp_path / "wynik", final=True)
    # the outlines' contacts (left to the offices: a gap) and the missing resolution
    assert [p.code for p in refused.value.problems] == ["contact.missing", "contact.missing",
                                                        "strategy.resolution_missing"]
    assert "Gmina i Miasto Tuczno" in refused.value.problems[-1].message


def test_annex_counts_resolutions_against_members(strategy, tmp_path):
    from docx import Document

    edit(strategy.strategy, "    - {member: TUCZNO, subject: przyjęcie strategii, number: XXI/139/2026, date: 2026-09-24}\n", "")
    result = build("supralocal", strategy.strategy, output=tmp_path / "s.docx")
    table = next(t for t in Document(str(result.docx)).tables if t.rows[0].cells[1].text == "Wymagany element")
    row = next(r for r in table.rows if r.cells[1].text.startswith("Uchwały"))
    assert normalise_spaces(row.cells[5].text) == "o trybie: 6 z 6; o przyjęciu: 5 z 6 (niekompletne)"


@pytest.mark.parametrize("kind, file", [("strategy_zit", "zit/strategia-zit.yaml"), ("strategy_iit", "iit/strategia-iit.yaml")])
def test_zit_and_iit_examples_are_complete_and_build_into_a_package(kind, file, tmp_path):
    source = ROOT / "examples" / file
    result = validate(kind, source)
    assert result.ok and [p.code for p in result.warnings] == ["legal.unverified"]
    folder = tmp_path / "pakiet"
    folder.mkdir()
    shutil.copy(source, folder / source.name)
    from cwd_docs.package.build import build_package

    built = build_package(folder, tmp_path / "wynik", final=True)
    text = normalise_spaces(docx_text(built.docx[0]))
    for chapter in ("Diagnoza obszaru partnerstwa", "Pakiet projektów", "Ramy finansowe i źródła finansowania",
                    "Strategiczna ocena oddziaływania na środowisko", "Uchwały członków partnerstwa"):
        assert chapter in text
    assert "DO UZUPEŁNIENIA" not in text and "do weryfikacji" not in text and "Pilotaż" not in text


def test_zit_text_agrees_with_its_table():
    text = (ROOT / "examples" / "zit" / "strategia-zit.yaml").read_text(encoding="utf-8")
    assert "ok. 3,4 tys. osób" in text and "value: 3400" in text and "5 tys." not in text


def test_init_zit_output_validates_and_names_no_gap(tmp_path):
    source = ROOT / "templates" / "strategy_zit" / "example.yaml"
    result = validate("strategy_zit", source)
    assert result.ok and not [p for p in result.warnings if p.gap]


def test_project_text_naming_a_goal_at_the_wrong_level(strategy):
    p02 = strategy.folder / "projekt-p02.yaml"
    edit(p02, "Projekt realizuje kierunek działań 1.2.1 strategii", "Projekt realizuje kierunek 1.2 strategii")
    problem = only(validate("feasibility", p02), "project.goal_text")
    assert problem.file.endswith("projekt-p02.yaml") and problem.line == line_of(p02, "  justification: |")
    assert "„kierunek 1.2”" in problem.message and "C1.2 to cel operacyjny „Dostępne usługi opiekuńcze" in problem.message


def test_package_links_projects_that_name_no_strategy_file(strategy, tmp_path):
    from cwd_docs.package.build import build_package, validate_package

    for name in ("projekt-p01.yaml", "projekt-p02.yaml"):
        edit(strategy.folder / name, "strategy: strategia.yaml", "")
    _, problems = validate_package(strategy.folder)
    # besides the provisions to check, P-02's cross-financing above 15% (issue 22) and the contacts left to the
    # offices: nothing about the strategy
    assert sorted(p.code for p in problems) == ["contact.missing", "contact.missing", "finance.cross_financing",
                                                "legal.unverified"]
    result = build_package(strategy.folder, tmp_path / "wynik")
    outline = next(p for p in result.docx if p.name == "P-01-zarys-wniosku.docx")
    assert "cel operacyjny C2.1 Bezpieczne połączenia rowerowe gmin z Wałczem" in normalise_spaces(docx_text(outline))


def test_project_alone_without_its_strategy_is_a_gap_refused_by_final(strategy, tmp_path):
    edit(strategy.project, "strategy: strategia.yaml", "")
    problem = only(validate("feasibility", strategy.project), "project.strategy_missing")
    assert problem.gap and "C2.1" in problem.message and problem.line == line_of(strategy.project, "strategy_goal_code:")
    with pytest.raises(InputError) as refused:
        build("feasibility", strategy.project, output=tmp_path / "f.docx", final=True)
    assert [p.code for p in refused.value.problems] == ["project.strategy_missing"]


def test_project_naming_a_missing_strategy_file(strategy):
    line = edit(strategy.project, "strategy: strategia.yaml", "strategy: strategia-stara.yaml")
    problem = only(validate("feasibility", strategy.project), "project.strategy_file")
    assert problem.gap and problem.line == line and "'strategia-stara.yaml'" in problem.message


def test_cwd_edition_that_ended_before_the_document(strategy):
    line = edit(strategy.partnership, "cwd_edition: Centrum Wsparcia Doradczego – edycja CWD 2023",
                "cwd_edition: Pilotaż Centrum Wsparcia Doradczego 2020–2022")
    problem = only(validate("supralocal", strategy.strategy), "partnership.cwd_edition")
    assert problem.file.endswith("partnerstwo.yaml") and problem.line == line
    assert "2022" in problem.message and "22.11.2026" in problem.message and not problem.is_error
