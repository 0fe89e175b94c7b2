"""Territorial strategies: one file serving both laws, every required element present, located errors
naming the law, money agreeing with the package of projects, consultation, SOOŚ, adoption, the annex."""

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from docx import Document

from cwd_docs import build, validate
from cwd_docs.testing import heading_texts
from conftest import docx_text, normalise_spaces

ROOT = Path(__file__).resolve().parents[1]
ZIT_EXAMPLE = ROOT / "examples" / "zit" / "strategia-zit.yaml"
TITLE = "Strategia rozwoju ponadlokalnego Partnerstwa Powiatu Wałeckiego na lata 2021–2030"


@pytest.fixture
def strategy(example):
    example.strategy = example.folder / "strategia.yaml"
    return example


@pytest.fixture
def zit(tmp_path):
    target = tmp_path / "strategia-zit.yaml"
    shutil.copy(ZIT_EXAMPLE, target)
    return target


def edit(file, old, new):
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def only(result, code):
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [p.describe() for p in result.problems]
    return found[0]


def table_with(document, header_text):
    return next(t for t in document.tables if any(header_text == c.text for c in t.rows[0].cells))


def rows(table):
    return [[normalise_spaces(c.text) for c in row.cells] for row in table.rows]


# --- one file, the documents it declares --------------------------------------------------------

def test_example_is_one_supralocal_strategy_serving_as_iit(strategy, tmp_path):
    result = build("supralocal", strategy.strategy, output=tmp_path / "s.docx")
    assert [w.code for w in result.warnings if w.code != "legal.unverified"] == []
    text = normalise_spaces(docx_text(result.docx))
    assert TITLE in text
    assert "pełniąca funkcję strategii terytorialnej dla Innych Instrumentów Terytorialnych" in text
    headings = heading_texts(result.docx, level=1)
    # the chapters of both laws in one document
    for title in ("7. Oczekiwane rezultaty i wskaźniki monitorowania", "8. Model struktury funkcjonalno-przestrzennej",
                  "4. Potrzeby rozwojowe i potencjał obszaru", "11. Zintegrowane podejście terytorialne",
                  "12. Zaangażowanie partnerów", "16. Strategiczna ocena oddziaływania na środowisko"):
        assert title in headings
    annex = rows(table_with(Document(str(result.docx)), "Wymagany element"))
    bases = " ".join(r[2] for r in annex)
    assert "art. 10e ust. 3 pkt 9" in bases and "art. 29 ust. 1 lit. a" in bases and "art. 29 ust. 1 lit. d" in bases


def test_package_builds_the_strategy_the_file_declares(strategy, tmp_path):
    from cwd_docs.package.build import build_package

    result = build_package(strategy.folder, tmp_path / "wynik")
    assert [p.name for p in result.docx][0] == "strategia.docx"
    assert "Zaangażowanie partnerów" in docx_text(result.docx[0])  # serves as IIT: the art. 29 chapters are in
    shutil.copy(ZIT_EXAMPLE, strategy.folder / "strategia-zit.yaml")
    result = build_package(strategy.folder, tmp_path / "wynik2")
    documents = {p.name: normalise_spaces(docx_text(p)) for p in result.docx}
    zit_doc = next(text for name, text in documents.items() if "Strategia terytorialna ZIT Wałeckiego" in text)
    assert "Strategia rozwoju ponadlokalnego" not in zit_doc.split("Spis treści")[0]


def test_stand_alone_zit_carries_its_own_title(zit, tmp_path):
    result = build("strategy_zit", zit, output=tmp_path / "zit.docx")
    assert [w.code for w in result.warnings if w.code != "legal.unverified"] == []
    document = Document(str(result.docx))
    title = "Strategia terytorialna ZIT Wałeckiego Obszaru Funkcjonalnego na lata 2021–2030"
    assert normalise_spaces(document.paragraphs[1].text) == title
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "ponadlokalnego" not in header
    headings = heading_texts(result.docx, level=1)
    assert "4. Potrzeby rozwojowe i potencjał obszaru" in headings
    assert not any("Model struktury" in h for h in headings)
    text = normalise_spaces(docx_text(result.docx))
    assert "gwiazdką" not in text and "rezultat w układzie przestrzennym" not in text  # no spatial results here


def test_building_another_kind_than_declared_is_an_error(strategy):
    problem = only(validate("strategy_zit", strategy.strategy), "strategy.kind_mismatch")
    assert problem.dotted_path == "strategy.kind" and problem.line == strategy.line_of("  kind: ponadlokalna",
                                                                                       strategy.strategy)


def test_stand_alone_zit_titled_as_supralocal_is_an_error(zit):
    line = edit(zit, "name: Strategia terytorialna ZIT", "name: Strategia rozwoju ponadlokalnego ZIT")
    problem = only(validate("strategy_zit", zit), "strategy.title_kind")
    assert (problem.dotted_path, problem.line) == ("strategy.name", line)


def test_serves_as_only_for_a_supralocal_strategy(zit):
    line = edit(zit, "  name: Strategia terytorialna", "  serves_as: IIT\n  name: Strategia terytorialna")
    problem = only(validate("strategy_zit", zit), "strategy.serves_as")
    assert (problem.dotted_path, problem.line) == ("strategy.serves_as", line)


# --- each missing element of both laws ------------------------------------------------------------

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
    ("supralocal", "  consultation:", "  resolutions:", "strategy.consultation", "art. 6 u.z.p.p.r.",
     "strategy.consultation"),
    ("supralocal", "  environmental_assessment:", "  consultation:", "strategy.environmental_assessment",
     "ustawę ooś", "strategy.environmental_assessment"),
    ("supralocal", "    sections:", "    social:", "strategy.diagnosis_sections", "art. 10a u.z.p.p.r.",
     "strategy.diagnosis.sections"),
    ("supralocal", "  regional_strategy:", "  area_description:", "strategy.regional_strategy",
     "art. 10a u.z.p.p.r.", "strategy.regional_strategy"),
    ("supralocal", "    social:\n      - Liczba", "    swot:", "strategy.diagnosis", "art. 10a u.z.p.p.r.",
     "strategy.diagnosis"),
    ("supralocal", "    regional_map:", "    local:", "strategy.map", "art. 10e ust. 4", "strategy.osi.regional_map"),
    ("supralocal", "    implementing_documents:", "  financial_framework:", "strategy.implementing_documents",
     "art. 10e ust. 3 pkt 8", "strategy.implementation.implementing_documents"),
    # the supralocal strategy serving as IIT must hold the art. 29 elements too
    ("supralocal", "  area_description:", "  location_map:", "strategy.area", "art. 29 ust. 1 lit. a",
     "strategy.area_description"),
    ("supralocal", "  needs_potential:", "  integrated_approach:", "strategy.needs_potential",
     "art. 29 ust. 1 lit. b", "strategy.needs_potential"),
    ("supralocal", "  integrated_approach:", "  partner_involvement:", "strategy.integrated_approach",
     "art. 29 ust. 1 lit. c", "strategy.integrated_approach"),
    ("supralocal", "  partner_involvement:", "  iit_basis:", "strategy.partner_involvement",
     "art. 29 ust. 1 lit. d", "strategy.partner_involvement"),
    ("supralocal", "  iit_basis:", "  implementation:", "strategy.iit_basis", "IIT", "strategy.iit_basis"),
]


@pytest.mark.parametrize("doc_type, start, end, code, provision, path", REMOVALS, ids=[r[3] + "-" + r[0] for r in REMOVALS])
def test_removing_a_required_element_names_the_provision(strategy, doc_type, start, end, code, provision, path):
    remove_block(strategy.strategy, start, end)
    problem = only(validate(doc_type, strategy.strategy), code)
    assert provision in problem.message and problem.message.startswith("brak elementu wymaganego przez")
    assert problem.dotted_path == path and not problem.is_error and problem.gap  # a gap while drafting
    assert problem.file.endswith("strategia.yaml") and problem.line is not None


ZIT_REMOVALS = [
    ("  area_description:", "  vision:", "strategy.area", "art. 29 ust. 1 lit. a", "strategy.area_description"),
    ("  needs_potential:", "  integrated_approach:", "strategy.needs_potential", "art. 29 ust. 1 lit. b",
     "strategy.needs_potential"),
    ("  integrated_approach:", "  partner_involvement:", "strategy.integrated_approach", "art. 29 ust. 1 lit. c",
     "strategy.integrated_approach"),
    ("  partner_involvement:", "  implementation:", "strategy.partner_involvement", "art. 29 ust. 1 lit. d",
     "strategy.partner_involvement"),
    ("    results:", "  - code: C2", "strategy.results", "art. 29 rozporządzenia", "strategy.goals[0].results"),
]


@pytest.mark.parametrize("start, end, code, provision, path", ZIT_REMOVALS, ids=[r[2] for r in ZIT_REMOVALS])
def test_stand_alone_zit_missing_cpr_element(zit, start, end, code, provision, path):
    remove_block(zit, start, end)
    problem = only(validate("strategy_zit", zit), code)
    assert provision in problem.message and problem.dotted_path == path and problem.line is not None


def test_supralocal_without_serves_as_does_not_need_cpr_elements(strategy):
    remove_block(strategy.strategy, "  serves_as: IIT", "  name:")
    remove_block(strategy.strategy, "  needs_potential:", "  implementation:")
    result = validate("supralocal", strategy.strategy)
    assert result.ok, [p.describe() for p in result.problems]
    built = build("supralocal", strategy.strategy, output=strategy.folder / "s.docx").docx
    headings = heading_texts(built, level=1)
    assert not any("Potrzeby rozwojowe" in h or "Zaangażowanie partnerów" in h for h in headings)
    assert "13. Strategiczna ocena oddziaływania na środowisko" in headings  # numbered without the art. 29 chapters
    assert "pełniąca funkcję" not in normalise_spaces(docx_text(built))


def test_removing_dimension_of_goals(strategy):
    strategy.edit("dimension: przestrzenny", "dimension: społeczny", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "strategy.goal_dimension")
    assert "przestrzennym" in problem.message.replace("przestrzenny", "przestrzennym")
    assert "art. 10e ust. 3 pkt 1" in problem.message


def test_spatial_results_required_for_supralocal_only(strategy, zit):
    text = strategy.strategy.read_text(encoding="utf-8").replace(" spatial: true,", "")
    strategy.strategy.write_text(text, encoding="utf-8")
    problem = only(validate("supralocal", strategy.strategy), "strategy.spatial_results")
    assert problem.dotted_path == "strategy.goals"
    assert validate("strategy_zit", zit).ok


def test_goal_without_directions(strategy):
    remove_block(strategy.strategy, "      operational_goals:\n        - code: C3.1", "      results:\n        - {name: Liczba udzielonych")
    problem = only(validate("supralocal", strategy.strategy), "strategy.directions")
    assert problem.dotted_path == "strategy.goals[2].directions" and "art. 10e ust. 3 pkt 2" in problem.message


# --- structure: goals, directions, members and OSI --------------------------------------------------

def test_direction_member_and_osi_must_exist(strategy):
    line = strategy.edit("members: [CZLOPA, TUCZNO]", "members: [CZLOPA, TUCZNOO]", file=strategy.strategy)
    osi_line = strategy.edit("osi: [Pojezierze Wałeckie – strefa turystyki aktywnej]",
                             "osi: [Pojezierze Drawskie]", file=strategy.strategy)
    result = validate("supralocal", strategy.strategy)
    member = only(result, "member.unknown")
    assert member.dotted_path == "strategy.goals[0].operational_goals[1].directions[0].members[1]"
    assert member.line == line
    osi = only(result, "strategy.direction_osi")
    assert osi.dotted_path == "strategy.goals[2].operational_goals[0].directions[0].osi[0]" and osi.line == osi_line
    assert "Pojezierze Drawskie" in osi.message


def test_operational_goal_codes_are_unique(strategy):
    line = strategy.edit("        - code: C1.2\n", "        - code: C1.1\n", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "strategy.goal_duplicate")
    assert problem.dotted_path == "strategy.goals[0].operational_goals[1].code" and problem.line == line


def test_project_naming_a_goal_the_strategy_lacks(strategy):
    line = strategy.edit("strategy_goal_code: C2.1", "strategy_goal_code: C9.9")
    problem = only(validate("supralocal", strategy.strategy), "strategy.project_goal")
    assert problem.dotted_path == "projects[0].project.strategy_goal_code"
    assert problem.file.endswith("projekt-p01.yaml") and problem.line == line
    assert "C9.9" in problem.message and "C2.1" in problem.message


def test_project_without_a_goal(strategy):
    strategy.edit("  strategy_goal_code: C2.1        # cel operacyjny strategii (albo kierunek działań)\n", "")
    problem = only(validate("supralocal", strategy.strategy), "strategy.project_goal_missing")
    assert problem.dotted_path == "projects[0].project" and problem.file.endswith("projekt-p01.yaml")
    assert problem.line == strategy.line_of("project:\n") + 1  # where the project mapping starts


def test_project_file_listed_twice_is_located_at_the_second_entry(strategy):
    line = strategy.edit("  - projekt-p02.yaml\n", "  - projekt-p02.yaml\n  - projekt-p01.yaml\n",
                         file=strategy.strategy) + 1
    problem = only(validate("supralocal", strategy.strategy), "strategy.project_file_duplicate")
    assert problem.dotted_path == "projects[2]"
    assert problem.file.endswith("strategia.yaml") and problem.line == line


def test_complementary_project_naming_a_goal_the_strategy_lacks(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    table = rows(table_with(Document(str(built)), "Szacunkowa wartość [zł]"))
    assert table[2] == ["2", "Węzeł przesiadkowy przy dworcu PKP w Wałczu", "C2.2", "Gmina Miejska Wałcz",
                        "3 400 000,00"]
    line = strategy.edit("goal: C2.2, members: [WALCZ_M]", "goal: C7.7, members: [WALCZ_M]", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "strategy.project_goal")
    assert (problem.dotted_path, problem.line) == ("strategy.complementary_projects[1].goal", line)


def test_supralocal_serving_as_zit(strategy, tmp_path):
    strategy.edit("  serves_as: IIT", "  serves_as: ZIT", file=strategy.strategy)
    result = build("supralocal", strategy.strategy, output=tmp_path / "s.docx")
    assert [w.code for w in result.warnings if w.code != "legal.unverified"] == []
    text = normalise_spaces(docx_text(result.docx))
    assert "pełniąca funkcję strategii terytorialnej dla Zintegrowanych Inwestycji Terytorialnych" in text
    assert "Podstawa objęcia instrumentem IIT" not in text
    annex = rows(table_with(Document(str(result.docx)), "Wymagany element"))
    assert any("art. 29 ust. 1 lit. c" in r[2] for r in annex) and not any("IIT" in r[1] for r in annex)


def test_projects_table_names_the_goal_and_amounts_per_goal(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    document = Document(str(built))
    package = rows(table_with(document, "Tytuł projektu"))
    assert package[1] == ["P-01", "Pojezierze Wałeckie na rowerze – budowa drogi rowerowej Wałcz – Tuczno – Człopa",
                          "C2.1", "Powiat Wałecki", "11 453 100,00", "9 590 635,00"]
    assert package[2][2] == "C1.2" and package[2][3] == "Miasto i Gmina Człopa"
    assert package[-1][4:] == ["13 295 100,00", "11 156 335,00"]
    by_goal = rows(table_with(document, "Liczba projektów"))
    # P-02 serves C1.2 (goal C1), P-01 serves C2.1 (goal C2); computed here from the project files
    projects = {name: yaml.safe_load((strategy.folder / name).read_text(encoding="utf-8"))["project"]
                for name in ("projekt-p01.yaml", "projekt-p02.yaml")}

    def total(project):
        return sum(Decimal(str(c["total"])) for c in project["costs"])

    assert by_goal[1][0].startswith("C1.") and by_goal[1][1] == "1"
    assert by_goal[1][2] == f"{total(projects['projekt-p02.yaml']):,.2f}".replace(",", " ").replace(".", ",")
    assert by_goal[2][2] == f"{total(projects['projekt-p01.yaml']):,.2f}".replace(",", " ").replace(".", ",")
    assert by_goal[3][1] == "0" and by_goal[-1][1] == "2"


# --- money agreeing with the package ----------------------------------------------------------------

EU_2028 = "amounts: {2026: 0, 2027: 1800000, 2028: 9100000, 2029: 4300000}"
OWN_ROW = "amounts: {2026: 150000, 2027: 520000, 2028: 1600000, 2029: 800000, 2030: 0}"
KAYAK = "funding: [{kind: UE, amounts: {2028: 510000, 2029: 510000}}, {kind: wkład własny, amounts: {2028: 90000, 2029: 90000}}]}"
OTHER_ROW = "\n        amounts: {2027: 60000, 2028: 60000, 2029: 60000, 2030: 60000}"  # the framework's, not the
# complementary project's


def polish(value: Decimal, space: str = "\u00a0") -> str:
    return f"{value:,.2f}".replace(",", space).replace(".", ",")


def package_year(folder, year: int) -> tuple[Decimal, Decimal]:
    """EU and own money of both projects in a year, from the YAML: each task's cost in the year (months in the year,
    or its quarters) times the eligible share of the task, at the project's EU rate of eligible cost."""
    eu = own = Decimal(0)
    for name in ("projekt-p01.yaml", "projekt-p02.yaml"):
        project = yaml.safe_load((folder / name).read_text(encoding="utf-8"))["project"]
        eligible = sum(Decimal(str(c["eligible"])) for c in project["costs"])
        rate = sum(Decimal(str(f["amount"])) for f in project["funding"] if f["kind"] == "UE") / eligible
        for task in project["tasks"]:
            cost = Decimal(str(task.get("cost", 0)))
            if not cost:
                continue
            if task.get("costs_by_quarter"):
                in_year = sum(Decimal(str(v)) for k, v in task["costs_by_quarter"].items() if k.startswith(str(year)))
            else:
                start, end = task["start"], task["end"]
                months = (end.year - start.year) * 12 + end.month - start.month + 1
                first = max(start.year * 12 + start.month - 1, year * 12)
                last = min(end.year * 12 + end.month - 1, year * 12 + 11)
                in_year = cost * max(0, last - first + 1) / months
            task_eligible = sum(Decimal(str(c["eligible"])) for c in project["costs"] if c.get("task") == task["id"])
            task_eu = in_year * task_eligible / cost * rate
            eu += task_eu
            own += in_year - task_eu
    return eu.quantize(Decimal("0.01")), own.quantize(Decimal("0.01"))


def test_framework_below_the_package_in_a_year_names_the_year_the_source_and_both_amounts(strategy):
    eu_2028, _ = package_year(strategy.folder, 2028)
    complementary = Decimal(1275000 + 510000)  # the transfer hub's and the kayak trail's EU money in 2028
    line = strategy.edit(EU_2028, EU_2028.replace("2028: 9100000", "2028: 6300000"), file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "finance.year_below_package")
    assert (problem.dotted_path, problem.line) == ("strategy.financial_framework.sources[0].amounts.2028", line)
    assert "w 2028 r." in problem.message and "(środki UE)" in problem.message
    assert polish(Decimal(6300000)) in problem.message and polish(eu_2028 + complementary) in problem.message
    assert f"projekty pakietu {polish(eu_2028)}" in problem.message
    assert f"projekty uzupełniające {polish(complementary)}" in problem.message
    assert f"brakuje {polish(eu_2028 + complementary - 6300000)}" in problem.message


def test_own_money_is_compared_year_by_year_too(strategy):
    _, own_2027 = package_year(strategy.folder, 2027)
    assert own_2027 == Decimal("477176.00")  # the schedules' own contributions of 2027
    line = strategy.edit(OWN_ROW, OWN_ROW.replace("2027: 520000", "2027: 477175.99"), file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "finance.year_below_package")
    assert (problem.dotted_path, problem.line) == ("strategy.financial_framework.sources[1].amounts.2027", line)
    assert "(wkład własny samorządów)" in problem.message and "brakuje 0,01\u00a0zł" in problem.message


def test_a_kind_of_money_the_framework_lacks_is_named(strategy):
    strategy.edit("      - source: Budżet państwa i inne źródła\n        kind: inne środki publiczne" + OTHER_ROW,
                  "", file=strategy.strategy)
    problems = [p for p in validate("supralocal", strategy.strategy).problems if p.code == "finance.year_below_package"]
    assert [p.message.split(" r.")[0] for p in problems] == ["w 2027", "w 2028", "w 2029", "w 2030"]
    assert all(p.dotted_path == "strategy.financial_framework.sources" for p in problems)
    assert "projekty uzupełniające 60\u00a0000,00\u00a0zł" in problems[0].message
    assert "nie mają źródła rodzaju „inne środki publiczne”" in problems[0].message


def test_a_source_no_project_uses_is_explained_in_the_data(strategy):
    strategy.edit("estimated_cost: 240000,\n       funding: [{kind: inne środki publiczne, amounts: {2027: 60000, "
                  "2028: 60000, 2029: 60000, 2030: 60000}}]}", "}", file=strategy.strategy)
    line = strategy.line_of("      - source: Budżet państwa i inne źródła", strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "finance.source_unexplained")
    assert (problem.dotted_path, problem.line) == ("strategy.financial_framework.sources[2]", line)
    assert "240\u00a0000,00\u00a0zł" in problem.message and "outside_package" in problem.message
    strategy.edit("        kind: inne środki publiczne\n", "        kind: inne środki publiczne\n"
                  "        outside_package: Bieżące doradztwo zawodowe w szkołach powiatowych.\n", file=strategy.strategy)
    assert not [p for p in validate("supralocal", strategy.strategy).problems if p.is_error]


def test_framework_spans_the_strategy_period_from_the_document_year(strategy):
    for row in (OWN_ROW, OTHER_ROW):
        strategy.edit(row, re.sub(r", 2030: \d+", "", row), file=strategy.strategy)
    problems = [p for p in validate("supralocal", strategy.strategy).problems if p.code == "finance.period_not_covered"]
    assert len(problems) == 1 and problems[0].dotted_path == "strategy.financial_framework.sources"
    assert "roku 2030 okresu strategii 2021–2030" in problems[0].message and "od 2026 r." in problems[0].message


def test_every_framework_source_has_a_kind(strategy):
    line = strategy.line_of("      - source: Budżety samorządów partnerstwa", strategy.strategy)
    strategy.edit("        kind: wkład własny\n", "", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "finance.source_kind")
    assert (problem.dotted_path, problem.line) == ("strategy.financial_framework.sources[1]", line)


def test_eu_funds_still_reads_as_kind_eu(strategy):
    strategy.edit("        kind: UE\n", "        eu_funds: true\n", file=strategy.strategy)
    result = validate("supralocal", strategy.strategy)
    assert result.ok and [p.code for p in result.problems] == ["legal.unverified"]


def test_complementary_yearly_estimates_add_up_to_its_cost(strategy):
    line = strategy.edit("estimated_cost: 3400000,", "estimated_cost: 3500000,", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "finance.complementary_mismatch")
    assert problem.dotted_path == "strategy.complementary_projects[1].funding" and problem.line == line + 1
    assert "3\u00a0400\u00a0000,00\u00a0zł" in problem.message and "3\u00a0500\u00a0000,00\u00a0zł" in problem.message


def test_framework_year_outside_the_strategy_period(strategy):
    line = strategy.edit(OTHER_ROW, OTHER_ROW.replace("2027: 60000", "2031: 60000"), file=strategy.strategy) + 1
    problem = only(validate("supralocal", strategy.strategy), "finance.year_outside_period")
    assert problem.dotted_path == "strategy.financial_framework.sources[2].amounts.2031" and problem.line == line


def test_unreadable_strategy_period(strategy):
    line = strategy.edit("  years: 2021–2030", "  years: do 2030 roku", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "strategy.years")
    assert (problem.dotted_path, problem.line) == ("strategy.years", line)


def test_framework_against_package_table(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    table = rows(table_with(Document(str(built)), "Nadwyżka ram"))
    assert [c.replace("\u00ad", "") for c in table[0]] == [
        "Rodzaj środków i rok", "Ramy finansowe", "Projekty pakietu", "Projekty uzupełniające", "Inne przeznaczenie",
        "Nadwyżka ram"]
    by_label = {}
    kind = None
    for row in table[1:]:
        if row[0].endswith("– razem"):
            kind = row[0]
        by_label[(kind, row[0])] = row[1:]
    eu = {year: package_year(strategy.folder, year)[0] for year in (2027, 2028, 2029)}
    complementary = {2028: Decimal(1275000 + 510000), 2029: Decimal(1615000 + 510000)}
    framework = {2026: 0, 2027: 1800000, 2028: 9100000, 2029: 4300000, 2030: 0}
    assert ("Środki UE – razem", "2030") not in by_label  # no EU money after 2029: no row for it
    for year in range(2026, 2030):
        projects, extra = eu.get(year, Decimal(0)), complementary.get(year, Decimal(0))
        shown = [polish(Decimal(v), " ") if v else "–" for v in (framework[year], projects, extra, 0)]
        surplus = framework[year] - projects - extra
        assert by_label[("Środki UE – razem", str(year))] == shown + [polish(surplus, " ") if surplus else "–"]
    assert by_label[("Środki UE – razem", "Środki UE – razem")][0] == polish(Decimal(15200000), " ")
    own_2026 = by_label[("Wkład własny samorządów – razem", "2026")]
    assert own_2026 == [polish(Decimal(150000), " "), "–", "–", polish(Decimal(150000), " "), "–"]
    other = by_label[("Inne środki publiczne – razem", "Inne środki publiczne – razem")]
    assert other == [polish(Decimal(240000), " "), "–", polish(Decimal(240000), " "), "–", "–"]


def test_eu_money_after_the_eligibility_end_is_located_in_the_framework(strategy):
    line = strategy.edit(EU_2028, EU_2028.replace("2029: 4300000}", "2029: 4300000, 2030: 50000}"),
                         file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "finance.eu_after_eligibility")
    assert (problem.dotted_path, problem.line) == ("strategy.financial_framework.sources[0].amounts.2030", line)
    assert "2030 r." in problem.message and "31.12.2029" in problem.message and "art. 63 ust. 2" in problem.message
    # a zero for the year is no EU money: the framework may show the year
    strategy.edit("2029: 4300000, 2030: 50000}", "2029: 4300000, 2030: 0}", file=strategy.strategy)
    assert not [p for p in validate("supralocal", strategy.strategy).problems if p.is_error]


def test_eu_money_after_the_eligibility_end_is_located_in_a_complementary_project(strategy):
    line = strategy.edit(KAYAK, KAYAK.replace("{2028: 510000, 2029: 510000}", "{2029: 510000, 2030: 510000}"),
                         file=strategy.strategy)
    problems = validate("supralocal", strategy.strategy).problems
    problem = only(validate("supralocal", strategy.strategy), "finance.eu_after_eligibility")
    assert problem.dotted_path == "strategy.complementary_projects[0].funding[0].amounts.2030"
    assert problem.line == line and "Szlak kajakowy" in problem.message and "510\u00a0000,00" in problem.message
    # told once: not again as the framework's shortfall of EU money in 2030
    assert not [p for p in problems if p.code == "finance.year_below_package" and "2030" in p.message]


def test_a_framework_of_eu_money_only_spans_the_period_to_the_eligibility_end(strategy):
    for row in (OWN_ROW, OTHER_ROW):
        strategy.edit(row, re.sub(r", 2030: \d+", "", row), file=strategy.strategy)
    result = validate("supralocal", strategy.strategy)
    assert [p.code for p in result.problems if p.code == "finance.period_not_covered"] == ["finance.period_not_covered"]
    text = strategy.strategy.read_text(encoding="utf-8")
    start = text.index("      - source: Budżety samorządów partnerstwa")
    end = text.index("    other_uses:")
    strategy.strategy.write_text(text[:start] + text[end:], encoding="utf-8")  # EU money only
    codes = [p.code for p in validate("supralocal", strategy.strategy).problems]
    assert "finance.period_not_covered" not in codes  # 2030 needs no EU money: the period for it ends in 2029


def test_each_part_of_the_surplus_is_stated_in_words(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    text = normalise_spaces(docx_text(built))
    assert "wkład własny samorządów w 2026 r. – 150 000,00 zł: przygotowanie dokumentacji projektów pakietu" in text
    # what is left, by kind, computed here from the framework, the schedules and the complementary projects
    eu = {y: package_year(strategy.folder, y)[0] for y in (2027, 2028, 2029)}
    own = {y: package_year(strategy.folder, y)[1] for y in (2027, 2028, 2029)}
    eu_left = (1800000 - eu[2027]) + (9100000 - eu[2028] - 1785000) + (4300000 - eu[2029] - 2125000)
    own_left = (520000 - own[2027]) + (1600000 - own[2028] - 315000) + (800000 - own[2029] - 375000)
    assert (f"Pozostała nadwyżka ram wynosi {polish(eu_left + own_left, ' ')} zł (środki UE {polish(eu_left, ' ')} zł, "
            f"wkład własny samorządów {polish(own_left, ' ')} zł) – rezerwa na wzrost cen robót budowlanych i zmiany "
            "kursu euro w okresie realizacji pakietu.") in text


def test_a_surplus_without_a_purpose_is_a_located_gap_marked_in_the_document(strategy, tmp_path):
    strategy.edit("    surplus_purpose: rezerwa na wzrost cen robót budowlanych i zmiany kursu euro w okresie realizacji "
                  "pakietu\n", "", file=strategy.strategy)
    line = strategy.line_of("  financial_framework:", strategy.strategy) + 1  # where its mapping starts
    problem = only(validate("supralocal", strategy.strategy), "finance.surplus_unexplained")
    assert (problem.dotted_path, problem.line, problem.gap) == ("strategy.financial_framework", line, True)
    assert "surplus_purpose" in problem.message and "other_uses" in problem.message
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    text = normalise_spaces(docx_text(built))
    assert "Pozostała nadwyżka ram wynosi" in text and "[DO UZUPEŁNIENIA: przeznaczenie pozostałej nadwyżki" in text


# --- consultation, opinions, SOOŚ, resolutions ----------------------------------------------------

def test_consultation_of_at_least_35_days(strategy):
    line = strategy.edit("    end: 2026-04-10", "    end: 2026-04-03", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "consultation.too_short")
    assert "33 dni" in problem.message and "35 dni" in problem.message and problem.line == line


def test_consulted_parties_must_include_the_water_authority(strategy):
    strategy.edit("      - dyrektor regionalnego zarządu gospodarki wodnej Wód Polskich\n", "", file=strategy.strategy)
    line = strategy.line_of("    groups:", strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "consultation.parties")
    assert "art. 6 ust. 3 u.z.p.p.r." in problem.message and "Wód Polskich" in problem.message
    assert problem.dotted_path == "strategy.consultation.groups" and problem.line == line + 1


def test_opinion_dated_before_the_consultation_ended(strategy):
    line = strategy.edit("      date: 2026-06-15", "      date: 2026-04-01", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "opinion.before_consultation")
    assert problem.dotted_path == "strategy.opinions[0].date" and problem.line == line
    assert "01.04.2026" in problem.message and "10.04.2026" in problem.message


def test_consultation_text_is_built_once_and_the_report_is_an_annex(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    text = normalise_spaces(docx_text(built))
    comments = yaml.safe_load(strategy.strategy.read_text(encoding="utf-8"))["strategy"]["consultation"]["comments"]
    accepted = sum(1 for c in comments if c["outcome"] == "uwzględniona")
    assert text.count(f"Zgłoszono {len(comments)} uwag") == 1
    assert f"uwzględniono {accepted}," in text
    assert "r.." not in text
    report = rows(table_with(Document(str(built)), "Zgłaszający"))
    assert len(report) == 1 + len(comments)
    assert report[6][1] == "Dyrektor RZGW Wód Polskich w Szczecinie" and report[5][3] == "nieuwzględniona"
    assert "Załącznik 2. Sprawozdanie z konsultacji projektu strategii" in heading_texts(built)


def test_consultation_report_date_after_the_end(strategy):
    line = strategy.edit("    report_published: 2026-05-04", "    report_published: 2026-04-01",
                         file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "consultation.report_date")
    assert (problem.dotted_path, problem.line) == ("strategy.consultation.report_published", line)


def test_prognoza_comments_of_at_least_21_days(strategy):
    line = strategy.edit("    comments_end: 2026-04-10", "    comments_end: 2026-03-15", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "environment.too_short")
    assert problem.dotted_path == "strategy.environmental_assessment.comments_end" and problem.line == line


def test_prognoza_published_before_its_scope_was_agreed(strategy):
    line = strategy.edit("    published: 2026-03-02", "    published: 2026-01-15", file=strategy.strategy)
    strategy.edit("    comments_end: 2026-04-10", "    comments_end: 2026-02-20", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "environment.order")
    assert (problem.dotted_path, problem.line) == ("strategy.environmental_assessment.published", line)
    assert "RDOŚ" in problem.message and "PWIS" in problem.message


def test_forgone_assessment_needs_the_decision_and_names_the_parameter_provision(strategy, tmp_path):
    strategy.edit("    procedure: prognoza\n", "    procedure: odstąpienie\n    legal_basis: art. 48 ust. 1 ustawy ooś\n",
                  file=strategy.strategy)
    remove_block(strategy.strategy, "    published: 2026-03-02", "    summary: >-\n      Prognoza")
    problem = only(validate("supralocal", strategy.strategy), "strategy.environmental_assessment")
    assert problem.dotted_path == "strategy.environmental_assessment.decision"
    assert "art. 48 ust. 1 ustawy ooś" in problem.message
    strategy.edit("    legal_basis:", "    decision: 2026-02-10\n    legal_basis:", file=strategy.strategy)
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    assert "Na podstawie art. 48 ust. 1 ustawy ooś odstąpiono" in normalise_spaces(docx_text(built))


def test_resolutions_listed_and_missing_one_is_a_warning(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    table = rows(table_with(Document(str(built)), "Przedmiot uchwały"))
    assert len(table) == 1 + 12 and ["Powiat Wałecki", "przyjęcie strategii", "XXIV/160/2026", "24.09.2026 r."] in table
    strategy.edit("    - {member: TUCZNO, subject: przyjęcie strategii, number: XXI/139/2026, date: 2026-09-24}\n", "",
                  file=strategy.strategy)
    result = validate("supralocal", strategy.strategy)
    # problems come sorted by line: the unverified provisions (at `kind`) first
    assert result.ok and [p.code for p in result.warnings] == ["legal.unverified", "strategy.resolution_missing"]
    missing = result.warnings[1]
    assert "Gmina i Miasto Tuczno" in missing.message and "przyjęcie strategii" in missing.message
    assert missing.dotted_path == "strategy.resolutions"
    assert missing.line == strategy.line_of("  resolutions:", strategy.strategy) + 1


def test_resolution_of_an_unknown_member(strategy):
    line = strategy.edit("{member: TUCZNO, subject: przyjęcie", "{member: TUCZNA, subject: przyjęcie",
                         file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "member.unknown")
    assert problem.dotted_path == "strategy.resolutions[11].member" and problem.line == line


def test_missing_opinion_is_a_warning(strategy):
    remove_block(strategy.strategy, "    - body: zarząd województwa", "    - body: instytucja")
    result = validate("supralocal", strategy.strategy)
    assert result.ok and sorted(p.code for p in result.warnings) == ["legal.unverified", "strategy.opinion_missing"]


# --- the annex ----------------------------------------------------------------------------------------

def test_annex_rows_point_at_real_headings_with_a_status_that_varies(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    headings = heading_texts(built)
    annex = rows(table_with(Document(str(built)), "Wymagany element"))[1:]
    for row in annex:
        assert row[3] in headings, row
    by_label = {r[1]: r for r in annex}
    assert by_label["Obszary strategicznej interwencji ze strategii województwa (z mapą)"][3] == \
        "10.1. Obszary wskazane w strategii rozwoju województwa"
    assert by_label["Obszary strategicznej interwencji ze strategii województwa (z mapą)"][5] == "wskazano 1 OSI, mapa"
    assert by_label["Konsultacje (co najmniej 35 dni) i sprawozdanie z nich"][5] == "40 dni, 6 uwag"
    board = by_label["Opinia zarządu województwa o uwzględnieniu ustaleń polityki przestrzennej województwa"]
    assert board[3] == "17.2. Opinie" and board[5] == "opinia z 15.06.2026 r."
    authority = by_label["Opinia instytucji zarządzającej o możliwości realizacji instrumentu"]
    assert authority[5] == "opinia z 20.07.2026 r."
    assert len({r[5] for r in annex}) > 8  # not the same word in every row
    xml = zipfile.ZipFile(built).read("word/document.xml").decode()
    bookmarks = set(re.findall(r'w:bookmarkStart [^>]*w:name="([^"]+)"', xml))
    targets = re.findall(r"PAGEREF (\S+) \\h", xml)
    assert len(targets) == len(annex) and set(targets) <= bookmarks


def test_annex_reports_a_missing_opinion(strategy, tmp_path):
    text = strategy.strategy.read_text(encoding="utf-8")
    text = text[:text.index("    - body: instytucja")]  # the managing authority's opinion is the file's last entry
    strategy.strategy.write_text(text, encoding="utf-8")
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    annex = rows(table_with(Document(str(built)), "Wymagany element"))
    row = next(r for r in annex if r[1].startswith("Opinia instytucji zarządzającej"))
    assert row[5] == "brak"


# --- maps, diagnosis, init ---------------------------------------------------------------------------

def test_diagnosis_has_prose_data_with_sources_and_a_chart(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    document = Document(str(built))
    data = yaml.safe_load(strategy.strategy.read_text(encoding="utf-8"))["strategy"]["diagnosis"]["sections"]
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Wskaźnik" and t.rows[0].cells[-1].text
              in ("Rok", "Źródło")]
    assert len(tables) == len(data)
    # one source for the whole table: a line under it; sources that differ: a column
    assert rows(tables[0])[1] == ["Liczba ludności", "osoby", "50 780", "–", "–", "2024"]
    text = normalise_spaces(docx_text(built))
    assert "Źródło: GUS, BDL." in text
    mixed = [i for i, section in enumerate(data) if len({r["source"] for r in section["data"]}) > 1]
    assert mixed and all(tables[i].rows[0].cells[-1].text == "Źródło" for i in mixed)
    # every figure of a row with as many decimals as the most precise one: 7,9 / 6,1 / 5,0
    unemployment = next(r for r in rows(tables[1]) if r[0] == "Stopa bezrobocia rejestrowanego")
    assert unemployment[2:5] == ["7,9", "6,1", "5,0"]
    names = zipfile.ZipFile(built).namelist()
    assert sum(1 for n in names if n.startswith("word/charts/chart")) == 1
    footnotes = re.sub(r"<[^>]+>", "", zipfile.ZipFile(built).read("word/footnotes.xml").decode())
    # the example reads as a real strategy: its sources in footnotes, nothing says the figures are samples
    assert "GUS, Bank Danych Lokalnych" in footnotes and "przykładow" not in footnotes + text.lower()
    tows = rows(table_with(document, "Wniosek dla strategii"))
    assert [r[0] for r in tows[1:]] == ["SO", "WO", "ST", "WT"]
    assert len(document.inline_shapes) == 4 + 1  # location, model, two OSI maps, the chart


def test_missing_map_file_is_located(strategy):
    line = strategy.edit("map: mapy/model-funkcjonalno-przestrzenny.png", "map: mapy/brak.png", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "image.missing")
    assert (problem.dotted_path, problem.line) == ("strategy.functional_model.map", line)


def test_unreadable_map_is_located(strategy):
    (strategy.folder / "mapy" / "zla.png").write_text("to nie jest obraz", encoding="utf-8")
    strategy.edit("regional_map: mapy/osi-regionalne.png", "regional_map: mapy/zla.png", file=strategy.strategy)
    problem = only(validate("supralocal", strategy.strategy), "image.unreadable")
    assert problem.dotted_path == "strategy.osi.regional_map"


def test_legend_labels_have_one_swatch_each():
    """Each legend item draws one swatch, however many lines its label has."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_example_maps as maps
    finally:
        sys.path.pop(0)
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 1100), "white")
    draw = ImageDraw.Draw(image)
    maps.legend(draw, [("#00FF00", "pierwszy\ndrugi wiersz"), ("#0000FF", "jeden wiersz")])
    pixels = image.load()
    green_rows = {y for x in range(1600) for y in range(0, 1100, 2) if pixels[x, y] == (0, 255, 0)}
    blue_rows = {y for x in range(1600) for y in range(0, 1100, 2) if pixels[x, y] == (0, 0, 255)}
    assert max(green_rows) - min(green_rows) < 30 and max(blue_rows) - min(blue_rows) < 30  # one swatch each


def test_powiat_must_join_when_all_its_gminy_do(strategy):
    strategy.edit("projects:\n  - projekt-p01.yaml\n  - projekt-p02.yaml\n", "projects: []\n", file=strategy.strategy)
    remove_block(strategy.partnership, "    - id: PW\n", "    - id: WALCZ_M\n")
    strategy.edit("  leader: PW ", "  leader: WALCZ_M ", file=strategy.partnership)
    text = strategy.strategy.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\s+- \{member: PW, .*\n", "", text)
    text = re.sub(r"(?m)^\s+- \{member: PW, role: .*\n", "", text)
    text = text.replace("members: [PW, WALCZ_M, WALCZ_W]", "members: [WALCZ_M, WALCZ_W]")
    text = text.replace("members: [PW, WALCZ_W, TUCZNO, CZLOPA]", "members: [WALCZ_W, TUCZNO, CZLOPA]")
    text = text.replace("members: [PW, WALCZ_M, MIROSLAWIEC]", "members: [WALCZ_M, MIROSLAWIEC]")
    text = text.replace("members: [WALCZ_M, PW]", "members: [WALCZ_M]")
    strategy.strategy.write_text(text, encoding="utf-8")
    problem = only(validate("supralocal", strategy.strategy), "supralocal.powiat_required")
    assert "3217" in problem.message and "art. 10g ust. 1" in problem.message


def test_powiat_gminy_count_needed(strategy):
    strategy.edit('  powiat_gminy_counts: {"3217": 5}\n', "", file=strategy.strategy)
    only(validate("supralocal", strategy.strategy), "supralocal.powiat_count")


def test_project_of_another_partnership(strategy):
    other = strategy.folder / "inne-partnerstwo.yaml"
    shutil.copy(strategy.partnership, other)
    strategy.edit("  name: Sieć Współpracy", "  name: Inna Sieć Współpracy", file=other)
    strategy.edit("partnership: partnerstwo.yaml", "partnership: inne-partnerstwo.yaml")
    problem = only(validate("supralocal", strategy.strategy), "strategy.project_partnership")
    assert problem.dotted_path == "projects[0].partnership.name" and problem.file.endswith("inne-partnerstwo.yaml")


def test_errors_in_an_included_project_are_located_in_its_file(strategy):
    line = strategy.edit("amount: 221400.00,", "amount: 1.00,")
    problem = only(validate("supralocal", strategy.strategy), "funding.sum_mismatch")
    assert problem.dotted_path == "projects[0].project.funding"
    assert problem.file.endswith("projekt-p01.yaml") and problem.line < line


def test_init_writes_a_commented_example_of_the_new_fields_and_maps(tmp_path):
    from conftest import run_cli

    target = tmp_path / "nowa" / "strategia.yaml"
    result = run_cli("init", "supralocal", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "4 pliki pomocnicze" in result.stderr
    assert sorted(p.name for p in (target.parent / "mapy").iterdir()) == [
        "model-funkcjonalno-przestrzenny.png", "osi-lokalne.png", "osi-regionalne.png", "polozenie.png"]
    text = target.read_text(encoding="utf-8")
    for field in ("serves_as: IIT", "environmental_assessment:", "resolutions:", "operational_goals:", "outside_package",
                  "comments:", "evaluation_plan:", "tows:"):
        line = next(l for l in text.splitlines() if field in l)
        assert "#" in line, field
    assert validate("supralocal", target).ok
    zit_target = tmp_path / "zit" / "strategia-zit.yaml"
    assert run_cli("init", "strategy_zit", "-o", str(zit_target)).returncode == 0
    assert validate("strategy_zit", zit_target).ok and "kind: ZIT" in zit_target.read_text(encoding="utf-8")


@pytest.mark.libreoffice
def test_annex_pages_match_the_pages_of_the_headings(strategy, tmp_path):
    from pypdf import PdfReader

    result = build("supralocal", strategy.strategy, output=tmp_path / "s.docx", pdf=True)
    raw_pages = [p.extract_text() for p in PdfReader(str(result.pdf)).pages]

    def flat(text):  # line breaks and hyphens (table cells are hyphenated) do not count
        return re.sub(r"\s+", " ", re.sub(r"-\s*\n", "", text).replace("-", ""))

    pages = [flat(page) for page in raw_pages]
    annex = rows(table_with(Document(str(result.docx)), "Wymagany element"))[1:]
    start = next(i for i, page in enumerate(pages) if "Tabela wskazuje nagłówek i stronę" in page)
    annex_text = " ".join(pages[start:start + 3])
    contents_end = max(i for i, page in enumerate(pages[:start]) if "......" in page) + 1  # last contents page
    checked = 0
    for row in annex:
        heading = flat(row[3]).strip()
        words = r"\s+".join(re.escape(w) for w in heading.split())
        # the row's heading, then the page number LibreOffice filled in for its PAGEREF
        match = re.search(words + r"\s+(\d+)\s", annex_text)
        assert match, (heading, annex_text[:800])
        page = int(match.group(1))
        assert contents_end < page < start + 1, (heading, page)
        assert re.search(words, pages[page - 1]), (heading, page, pages[page - 1][:300])
        checked += 1
    assert checked == len(annex) >= 20


def test_member_names_are_listed_with_oraz_before_the_last(strategy, tmp_path):
    built = build("supralocal", strategy.strategy, output=tmp_path / "s.docx").docx
    text = normalise_spaces(docx_text(built))
    assert "Realizują: Miasto i Gmina Człopa oraz Gmina i Miasto Tuczno." in text
    assert "Gmina i Gmina" not in text and "Człopa i Gmina" not in text


@pytest.mark.parametrize("kind, source", [("supralocal", None), ("strategy_zit", "zit"), ("strategy_iit", "iit")])
def test_every_table_of_the_strategy_has_a_numbered_caption(strategy, zit, tmp_path, kind, source):
    from docx.oxml.ns import qn

    path = strategy.strategy if source is None else zit if source == "zit" else \
        Path(shutil.copy(Path(__file__).resolve().parent.parent / "examples" / "iit" / "strategia-iit.yaml",
                         tmp_path / "strategia-iit.yaml"))
    document = Document(str(build(kind, path, output=tmp_path / "s.docx").docx))
    styles = {s.style_id: s.name for s in document.styles}
    body = document.element.body
    tables = body.findall(qn("w:tbl"))
    assert len(tables) > 10
    uncaptioned = []
    for table in tables:
        previous = table.getprevious()
        while previous is not None and previous.tag == qn("w:p") and not "".join(previous.itertext()).strip():
            previous = previous.getprevious()
        style = previous.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if previous is not None else None
        text = "".join(previous.itertext()) if previous is not None else ""
        if style is None or styles.get(style.get(qn("w:val"))) != "Caption" or not text.startswith("Tabela "):
            first = "".join(table.find(qn("w:tr")).itertext())[:40]
            uncaptioned.append(first)
    assert uncaptioned == [], uncaptioned


def test_an_other_use_over_several_years_is_one_part_of_the_surplus(zit, tmp_path):
    data = yaml.safe_load(zit.read_text(encoding="utf-8"))["strategy"]["financial_framework"]["other_uses"]
    [use] = data
    total = sum(Decimal(v) for v in use["amounts"].values())
    years = sorted(use["amounts"])
    text = normalise_spaces(docx_text(build("strategy_zit", zit, output=tmp_path / "z.docx").docx))
    assert (f"wkład własny samorządów w latach {years[0]}–{years[-1]} – {polish(total, ' ')} zł: "
            f"{use['purpose']}") in text
    assert "Pozostała nadwyżka ram" not in text  # the framework holds the package and this use exactly
