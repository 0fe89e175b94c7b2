"""Rules of the harmonogram rzeczowo-finansowy and of the application form: code, path and line of each."""

from decimal import Decimal

import pytest

from cwd_docs import validate
from cwd_docs.domain.financial_plan import split_exact
from cwd_docs.domain.partner_split import source_contributions
from cwd_docs.domain.project import FundingSource

TUCZNO_ROW = "{name: Wkład własny Gminy i Miasta Tuczno, kind: wkład własny, amount: 221400.00, member: TUCZNO}"


def found(path, code, doc_type="schedule"):
    result = validate(doc_type, path)
    return [p for p in result.problems if p.code == code], result


def only(path, code, doc_type="schedule"):
    problems, result = found(path, code, doc_type)
    assert len(problems) == 1, [p.describe() for p in result.problems]
    return problems[0]


def test_examples_have_no_problems_in_any_project_document(example):
    p02 = example.folder / "projekt-p02.yaml"
    for path in (example.project, p02):
        for doc_type in ("feasibility", "schedule", "application_outline"):
            result = validate(doc_type, path)
            # P-02's clubs are 16,29% ESF+-type cost: cross-financing above 15%, deliberately flagged (issue 22)
            expected = ["finance.cross_financing"] if path == p02 and doc_type != "schedule" else []
            # the outline names the applicant's contact person: the example leaves e-mail and telephone to the
            # office (a gap, no invented contacts)
            expected += ["contact.missing"] if doc_type == "application_outline" else []
            assert [p.code for p in result.problems] == expected, [p.describe() for p in result.problems]


def test_split_exact_gives_the_missing_grosze_to_the_largest_remainders():
    # 100.00 in thirds: 33.333… each; one grosz is missing and goes to the first of the equal remainders.
    assert split_exact(Decimal("100.00"), [Decimal(1)] * 3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    # 10.00 by 1:2:7 divides exactly.
    assert split_exact(Decimal("10.00"), [Decimal(1), Decimal(2), Decimal(7)]) == \
        [Decimal("1.00"), Decimal("2.00"), Decimal("7.00")]
    # 0.05 by 1:1:1:1:1:1 — five grosze for six parts: the last part gets none.
    assert split_exact(Decimal("0.05"), [Decimal(1)] * 6) == [Decimal("0.01")] * 5 + [Decimal("0.00")]
    with pytest.raises(ValueError):
        split_exact(Decimal("1.00"), [Decimal(0), Decimal(0)])


def test_milestone_with_a_duration_is_an_error(example):
    line = example.edit("{id: T3, name: Wybór wykonawcy robót, start: 2028-01-31,",
                        "{id: T3, name: Wybór wykonawcy robót, start: 2027-10-01,")
    problem = only(example.project, "milestone.duration")
    assert problem.is_error
    assert (problem.dotted_path, problem.line) == ("project.tasks[2].end", line)
    assert "01.10.2027–31.01.2028" in problem.message and "kamień milowy T3" in problem.message


def test_shares_are_split_to_the_grosz_by_largest_remainder():
    source = FundingSource(name="Wkład", kind="wkład własny", amount="192465.00",
                           shares={"TUCZNO": "33.33", "CZLOPA": "33.33", "WALCZ_W": "33.34"})
    paid = dict(source_contributions(source, "PW"))
    # 192 465.00 zł = 19 246 500 gr: 33.33% → 6 414 858.45 gr (twice), 33.34% → 6 416 783.1 gr; the floors
    # sum to 19 246 499 gr, so the one missing grosz goes to the first .45 remainder (Tuczno).
    assert paid == {"TUCZNO": Decimal("64148.59"), "CZLOPA": Decimal("64148.58"), "WALCZ_W": Decimal("64167.83")}


def test_member_amounts_must_add_up_to_the_contribution(example):
    line = example.edit(TUCZNO_ROW, "{name: Wkład własny Gminy i Miasta Tuczno, kind: wkład własny, amount: 221400.00, "
                                    "amounts: {TUCZNO: 100000.00, CZLOPA: 92000.00}}")
    problem = only(example.project, "contributions.amounts_sum")
    assert problem.is_error
    assert (problem.dotted_path, problem.line) == ("project.funding[5].amounts", line)
    assert "192\u00a0000,00\u00a0zł" in problem.message and "29\u00a0400,00\u00a0zł mniej" in problem.message


def test_member_shares_must_add_up_to_100(example):
    line = example.edit(TUCZNO_ROW, "{name: Wkład własny Gminy i Miasta Tuczno, kind: wkład własny, amount: 221400.00, "
                                    "shares: {TUCZNO: 60, CZLOPA: 30}}")
    problem = only(example.project, "contributions.shares_sum")
    assert (problem.dotted_path, problem.line) == ("project.funding[5].shares", line)
    assert "90%" in problem.message


def test_contribution_payer_must_be_a_member(example):
    line = example.edit("amount: 221400.00, member: TUCZNO}", "amount: 221400.00, member: PILA}")
    problem = only(example.project, "member.unknown")
    assert (problem.dotted_path, problem.line) == ("project.funding[5].member", line)


def test_contribution_payer_outside_the_project_is_a_warning(example):
    line = example.edit("amount: 221400.00, member: TUCZNO}", "amount: 221400.00, member: MIROSLAWIEC}")
    problem = only(example.project, "contributions.outside_project")
    assert not problem.is_error
    assert (problem.dotted_path, problem.line) == ("project.funding[5].member", line)


def test_one_way_of_naming_payers(example):
    line = example.edit("amount: 221400.00, member: TUCZNO}", "amount: 221400.00, member: TUCZNO, shares: {TUCZNO: 100}}")
    problem = only(example.project, "contributions.ambiguous")
    assert (problem.dotted_path, problem.line) == ("project.funding[5].shares", line)


def test_payers_only_for_own_contribution(example):
    line = example.edit("kind: UE, amount: 9590635.00}", "kind: UE, amount: 9590635.00, member: PW}")
    problem = only(example.project, "contributions.not_own")
    assert (problem.dotted_path, problem.line) == ("project.funding[0].member", line)


def test_cost_category_names_an_existing_task(example):
    line = example.edit("vat: 34500.00, task: T6}", "vat: 34500.00, task: T9}")
    problems, result = found(example.project, "costs.task_unknown")
    assert [(p.dotted_path, p.line) for p in problems] == [("project.costs[3].task", line)]
    # T6 has no category left: its cost no longer matches the categories assigned to it.
    [mismatch] = [p for p in result.problems if p.code == "task.categories_mismatch"]
    assert mismatch.dotted_path == "project.tasks[5].cost"
    assert mismatch.line == example.line_of("{id: T6,")


def test_every_category_names_a_task_once_one_does(example):
    line = example.edit("vat: 4600.00, task: T7}", "vat: 4600.00}")
    problem = only(example.project, "costs.task_missing")
    assert (problem.dotted_path, problem.line) == ("project.costs[5]", line)


def test_task_cost_equals_its_categories(example):
    line = example.edit("responsible: WALCZ_M, cost: 24600.00,", "responsible: WALCZ_M, cost: 24000.00,")
    problem = only(example.project, "task.categories_mismatch")
    assert (problem.dotted_path, problem.line) == ("project.tasks[6].cost", line)
    assert "24\u00a0600,00\u00a0zł" in problem.message and "24\u00a0000,00\u00a0zł" in problem.message


def test_indicator_target_year_before_project_end_is_a_warning(example):
    line = example.edit("target: 24.6, year: 2029,", "target: 24.6, year: 2028,")
    problem = only(example.project, "indicator.target_year", "feasibility")
    assert not problem.is_error
    assert (problem.dotted_path, problem.line) == ("project.indicators[0].year", line)


def test_indicator_target_year_long_after_project_end_is_a_warning(example):
    line = example.edit("target: 38000, year: 2030,", "target: 38000, year: 2032,")
    problem = only(example.project, "indicator.target_year", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.indicators[2].year", line)
    assert "2032" in problem.message and "2029" in problem.message


def test_indicator_base_year_after_the_project_is_an_error(example):
    first = "    - {code: RCO 58, base: 0, target: 24.6, year: 2029,\n       base_year: "
    example.edit(first + "2026,", first + "2030,")
    problem = only(example.project, "indicator.base_year", "feasibility")
    assert problem.is_error
    assert problem.dotted_path == "project.indicators[0].base_year"
    assert problem.line == example.line_of("code: RCO 58") + 1  # base_year on the item's second line


def test_indicator_code_format_is_checked(example):
    example.edit("code: RCO 58,", "code: XYZ 58,")
    problem = only(example.project, "indicator_code.format", "feasibility")
    assert problem.dotted_path == "project.indicators[0].code"
    assert problem.line == example.line_of("code: XYZ 58")
    assert "RCO 58" in problem.message


def test_indicator_codes_are_written_as_in_the_list(example):
    example.edit("code: RCO 58,", "code: rco058,")
    project = validate("feasibility", example.project).model.project
    assert project.indicators[0].code == "RCO 58"
    assert project.indicators[1].code == "PLRO150"


def test_outline_asks_for_indicator_form_data(example):
    line = example.edit("    - {code: RCO 58, base: 0, target: 24.6, year: 2029,\n       base_year: 2026, measurement: "
                        "protokół odbioru końcowego robót, source: dokumentacja powykonawcza}",
                        "    - {code: RCO 58, base: 0, target: 24.6, year: 2029}")
    problem = only(example.project, "indicator.form_data_missing", "application_outline")
    assert (problem.dotted_path, problem.line) == ("project.indicators[0]", line)
    assert "roku bazowego, sposobu pomiaru, źródła danych" in problem.message


def test_three_years_of_durability_only_for_smes(example):
    line = example.edit("durability_years: 5", "durability_years: 3")
    problem = only(example.project, "durability.not_sme", "application_outline")
    assert not problem.is_error
    assert (problem.dotted_path, problem.line) == ("application.durability_years", line)
    assert "Powiat Wałecki" in problem.message and "MŚP" in problem.message


def test_powiat_is_signed_for_by_two_board_members(example):
    example.edit("    - {name: Halina Mazur, role: wicestarosta}\n", "")
    problem = only(example.project, "signatories.powiat", "application_outline")
    assert problem.is_error
    assert (problem.dotted_path, problem.line) == ("application.signatories", example.line_of("  signatories:") + 1)
    assert "art. 48 ust. 1" in problem.message


def test_powiat_board_member_and_authorised_person_suffice(example):
    example.edit("{name: Halina Mazur, role: wicestarosta}",
                 "{name: Halina Mazur, role: pełnomocnik, authorisation: uchwała Zarządu Powiatu nr 12/2027}")
    assert found(example.project, "signatories.powiat", "application_outline")[0] == []


def test_proxy_needs_an_authorisation(example):
    line = example.edit("{name: Halina Mazur, role: wicestarosta}", "{name: Halina Mazur, role: pełnomocnik}")
    problem = only(example.project, "signatories.authorisation", "application_outline")
    assert (problem.dotted_path, problem.line) == ("application.signatories[1].authorisation", line)


def test_treasurer_countersignature_missing_is_a_warning(example):
    example.edit("    - {name: Ewa Jankowska, role: skarbnik}\n", "")
    problem = only(example.project, "signatories.skarbnik", "application_outline")
    assert not problem.is_error
    assert problem.dotted_path == "application.signatories"
    assert "skarbnika powiatu" in problem.message


def test_no_signatories_is_a_warning(example):
    text = example.project.read_text(encoding="utf-8")
    start = text.index("  signatories:")
    example.project.write_text(text[:start], encoding="utf-8")
    problem = only(example.project, "signatories.missing", "application_outline")
    assert not problem.is_error and problem.dotted_path == "application.signatories"


def test_gmina_is_signed_for_by_its_head(example):
    p02 = example.folder / "projekt-p02.yaml"
    line = example.edit("{name: Tomasz Nowicki, role: burmistrz}", "{name: Tomasz Nowicki, role: starosta}", file=p02)
    problems, result = found(p02, "signatories.gmina", "application_outline")
    assert [(p.dotted_path, p.line) for p in problems] == [
        ("application.signatories", line), ("application.signatories[0].role", line)]
    assert "art. 31" in problems[0].message


def test_partner_role_of_a_member_outside_the_project(example):
    line = example.edit("{member: CZLOPA, role: Współfinansowanie", "{member: MIROSLAWIEC, role: Współfinansowanie")
    problem = only(example.project, "partner_roles.unknown", "application_outline")
    assert (problem.dotted_path, problem.line) == ("application.partner_roles[4].member", line)


QUARTERS = "costs_by_quarter: {2028-I: 900000.00, 2028-II: 2100000.00, 2028-III: 2400000.00, 2028-IV: 2331428.57,"


def test_quarterly_costs_shape_the_quarters_and_keep_the_years(example):
    from cwd_docs.domain.financial_plan import financial_plan

    project = validate("schedule", example.project).model.project
    plan = financial_plan(project)
    t4 = [q for q in plan.quarters if q.year == 2028]
    # T4 alone in Q1 2028 with 900 000.00; T5 (from September) and T6, T7 add their monthly shares elsewhere.
    assert plan.year(2028).total == Decimal("8245568.57") and plan.year(2029).total == Decimal("2531691.43")
    assert len(t4) == 4 and sum(plan.by_quarter[q].total for q in plan.quarters) == Decimal("11453100.00")


def test_quarterly_costs_must_add_up(example):
    line = example.edit(QUARTERS, QUARTERS.replace("2331428.57", "2331428.00"))
    problem = only(example.project, "task.quarter_costs_mismatch")
    assert (problem.dotted_path, problem.line) == ("project.tasks[3].costs_by_quarter", line)
    assert "9\u00a0839\u00a0999,43\u00a0zł" in problem.message


def test_quarter_outside_the_task(example):
    line = example.edit("{2028-I: 900000.00,", "{2027-IV: 900000.00,")
    problems, result = found(example.project, "task.quarter_outside")
    assert [(p.dotted_path, p.line) for p in problems] == [("project.tasks[3].costs_by_quarter.2027-IV", line)]


def test_quarters_or_years_not_both(example):
    line = example.edit(QUARTERS, "costs_by_year: {2028: 7731428.57, 2029: 2108571.43},\n       " + QUARTERS)
    problem = only(example.project, "task.quarters_and_years")
    assert (problem.dotted_path, problem.line) == ("project.tasks[3].costs_by_year", line)


def test_quarter_key_format(example):
    line = example.edit("{2028-I: 900000.00,", "{2028-Q1: 900000.00,")
    result = validate("schedule", example.project)
    [problem] = [p for p in result.problems if p.dotted_path.startswith("project.tasks[3].costs_by_quarter")]
    assert (problem.code, problem.line) == ("quarter.format", line)
    assert "2028-Q1" in problem.message and "cyframi rzymskimi" in problem.message


def test_classification_codes_have_their_digits(example):
    line = example.edit('intervention_field: "083"', 'intervention_field: "83"')
    problem = only(example.project, "classification.format", "application_outline")
    assert (problem.dotted_path, problem.line) == ("application.classification.intervention_field", line)
    assert "3 cyfr" in problem.message
    example.edit('intervention_field: "83"', "intervention_field: 83")  # a number YAML read keeps its zero
    outline = validate("application_outline", example.project)
    assert outline.ok and outline.model.application.classification.intervention_field == "083"
