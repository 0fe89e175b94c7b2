"""Every validation rule, fed broken copies of the shipped example: code, path and line."""

from cwd_docs import validate


def problems_of(path, code=None):
    result = validate("feasibility", path)
    found = [p for p in result.problems if code is None or p.code == code]
    return result, found


def only(path, code):
    result, found = problems_of(path, code)
    assert len(found) == 1, [p.describe() for p in result.problems]
    return found[0]


def test_example_is_valid(example):
    result = validate("feasibility", example.project)
    assert result.ok, [p.describe() for p in result.problems]
    assert result.problems == []


def test_funding_must_add_up_to_total(example):
    line = example.edit("amount: 221400.00,", "amount: 220935.00,")
    problem = only(example.project, "funding.sum_mismatch")
    assert problem.dotted_path == "project.funding"
    assert problem.line == example.line_of("  funding:") + 1
    assert "11\u00a0452\u00a0635,00\u00a0zł" in problem.message and "465,00\u00a0zł" in problem.message
    assert line > problem.line


def test_eligible_cost_cannot_exceed_total(example):
    line = example.edit("total: 24600.00, eligible: 24600.00", "total: 24600.00, eligible: 24700.00")
    problem = only(example.project, "costs.eligible_exceeds_total")
    assert problem.dotted_path == "project.costs[5].eligible"
    assert problem.line == line


def test_eu_share_within_maximum_rate(example):
    example.edit("max_eu_rate: 85", "max_eu_rate: 80")
    problem = only(example.project, "funding.eu_rate_exceeded")
    assert problem.dotted_path == "project.funding[0].amount"
    assert problem.line == example.line_of("kind: UE, amount")
    assert "80,00%" in problem.message and "9\u00a0026\u00a0480,00\u00a0zł" in problem.message


def test_recoverable_vat_is_not_eligible_in_large_projects(example):
    # 11.45 mln zł is below 5 mln EUR at 4.30 zł; at 2.00 zł per euro the threshold is 10 mln zł.
    example.edit("vat_recoverable: false", "vat_recoverable: true\n  eur_rate: 2.00")
    problem = only(example.project, "vat.recoverable_eligible")
    assert problem.dotted_path == "project.costs[0].eligible"


def test_recoverable_vat_allowed_below_threshold(example):
    example.edit("vat_recoverable: false", "vat_recoverable: true")
    result, found = problems_of(example.project, "vat.recoverable_eligible")
    assert found == []


def test_project_dates_in_order_and_in_eligibility_window(example):
    line = example.edit("end: 2029-06-30", "end: 2030-03-31")
    _, found = problems_of(example.project, "dates.eligibility")
    assert [(p.dotted_path, p.line) for p in found] == [("project.end", line)]
    assert "31 grudnia 2029" in found[0].message
    assert "art. 63 ust. 2 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2021/1060" in found[0].message


def test_the_eligibility_period_is_one_shipped_table_with_its_source():
    import datetime as dt

    import yaml

    from cwd_docs.domain.eligibility import TABLE, eligibility

    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    assert data["end"] == dt.date(2029, 12, 31) and "art. 63 ust. 2" in data["source"]
    assert (eligibility().end, eligibility().last_year) == (dt.date(2029, 12, 31), 2029)


def test_project_cannot_start_before_2021(example):
    example.edit("start: 2027-01-01\n  end:", "start: 2020-06-01\n  end:")
    problem = only(example.project, "dates.eligibility")
    assert problem.dotted_path == "project.start"


def test_project_end_before_start(example):
    example.edit("start: 2027-01-01\n  end:", "start: 2029-12-01\n  end:")
    result, found = problems_of(example.project, "dates.order")
    assert [p.dotted_path for p in found] == ["project.end"]


def test_task_outside_project_period(example):
    line = example.edit("end: 2029-06-30, responsible: PW,", "end: 2029-08-31, responsible: PW,")
    problem = only(example.project, "task.outside_project")
    assert problem.dotted_path == "project.tasks[7].end"
    assert problem.line == line


def test_task_ending_before_it_starts(example):
    example.edit("start: 2027-04-01, end: 2027-12-31", "start: 2027-04-01, end: 2027-03-31")
    problem = only(example.project, "dates.order")
    assert problem.dotted_path == "project.tasks[1].end"


def test_unknown_dependency(example):
    example.edit("depends_on: [T1]", "depends_on: [T9]")
    problem = only(example.project, "task.unknown_dependency")
    assert problem.dotted_path == "project.tasks[2].depends_on[0]"


def test_duplicate_task_id(example):
    example.edit("{id: T8,", "{id: T7,")
    assert only(example.project, "task.duplicate_id").dotted_path == "project.tasks[7].id"


def test_leader_and_partners_must_be_members(example):
    line = example.edit("  leader: PW\n  partners: [WALCZ_M", "  leader: DEBNO\n  partners: [WALCZ_M")
    example.edit("location: [WALCZ_M, WALCZ_W, TUCZNO, CZLOPA]", "location: [WALCZ_M, WALCZ_W, TUCZNO, PILA]")
    result, found = problems_of(example.project, "member.unknown")
    assert [(p.dotted_path, p.line) for p in found][:2] == [("project.leader", line),
                                                            ("project.location[3]", line + 2)]
    assert "'DEBNO' nie jest członkiem partnerstwa" in found[0].message
    assert "WALCZ_M" in found[0].message


def test_responsible_member_must_exist(example):
    example.edit("responsible: WALCZ_W", "responsible: WALCZ")
    assert only(example.project, "member.unknown").dotted_path == "project.tasks[4].responsible"


def test_leader_cannot_be_its_own_partner(example):
    example.edit("partners: [WALCZ_M,", "partners: [PW, WALCZ_M,")
    assert only(example.project, "project.leader_is_partner").dotted_path == "project.partners[0]"


def _keep_indicators(example, codes):
    """Only the example's indicators with these codes (a common indicator's kind comes from the table)."""
    text = example.project.read_text(encoding="utf-8")
    for code in ("RCO 58", "PLRO150", "RCR 64", "RCR 29"):
        if code not in codes:
            start = text.rindex("\n    - {", 0, text.index(f"code: {code},")) + 1
            end = text.index("}\n", start) + 2
            text = text[:start] + text[end:]
    example.project.write_text(text, encoding="utf-8")


def test_at_least_one_product_and_one_result_indicator(example):
    _keep_indicators(example, ("RCO 58", "PLRO150"))
    problem = only(example.project, "indicators.no_result")
    assert problem.dotted_path == "project.indicators"
    assert problem.line == example.line_of("    - {code: RCO 58")  # the list's first item


def test_no_product_indicator(example):
    _keep_indicators(example, ("RCR 64",))
    assert only(example.project, "indicators.no_product").dotted_path == "project.indicators"


def test_chosen_option_must_be_listed(example):
    line = example.edit("chosen_option: Wariant 1", "chosen_option: Wariant 7")
    problem = only(example.project, "options.chosen_unknown")
    assert (problem.dotted_path, problem.line) == ("project.chosen_option", line)


def test_partnership_leader_must_be_member(example):
    line = example.edit("  leader: PW ", "  leader: XX ", file=example.partnership)
    problem = only(example.project, "member.unknown")
    assert problem.dotted_path == "partnership.leader"
    assert problem.file.endswith("partnerstwo.yaml") and problem.line == line


def test_member_ids_and_teryt_unique(example):
    example.edit("id: TUCZNO", "id: CZLOPA", file=example.partnership)
    example.edit('teryt: "3217043"', 'teryt: "3217033"', file=example.partnership)
    assert only(example.project, "member.duplicate_id").dotted_path == "partnership.members[5].id"
    assert only(example.project, "member.duplicate_teryt").dotted_path == "partnership.members[5].teryt"


def test_teryt_kind_digit_must_match_member_kind(example):
    line = example.edit('teryt: "3217052"', 'teryt: "3217053"', file=example.partnership)
    problem = only(example.project, "teryt.kind_mismatch")
    assert problem.dotted_path == "partnership.members[2].teryt" and problem.line == line
    assert "gmina wiejska" in problem.message and "cyfrą 2" in problem.message


def test_powiat_needs_four_digit_code(example):
    example.edit('teryt: "3217"', 'teryt: "3217011"', file=example.partnership)
    problems = validate("feasibility", example.project).problems
    assert any(p.code == "teryt.kind_mismatch" and p.dotted_path == "partnership.members[0].teryt" for p in problems)


def test_member_in_other_voivodeship_and_powiat_is_a_warning(example):
    example.edit('teryt: "3217043"', 'teryt: "3015043"', file=example.partnership)
    result = validate("feasibility", example.project)
    assert result.ok
    codes = {p.code for p in result.warnings}
    assert codes == {"teryt.other_voivodeship", "teryt.other_powiat"}


def test_bad_nip_and_regon(example):
    nip_line = example.edit('nip: "7652112237"', 'nip: "7652112238"', file=example.partnership)
    regon_line = example.edit('regon: "570001110"', 'regon: "57000111"', file=example.partnership)
    result = validate("feasibility", example.project)
    found = {(p.code, p.dotted_path, p.line) for p in result.problems}
    assert ("nip.checksum", "partnership.members[1].nip", nip_line) in found
    assert ("regon.format", "partnership.members[1].regon", regon_line) in found


def test_bad_teryt_format(example):
    line = example.edit('teryt: "3217023"', 'teryt: "321702"', file=example.partnership)
    problem = only(example.project, "teryt.format")
    assert (problem.dotted_path, problem.line) == ("partnership.members[3].teryt", line)


def test_missing_field_wrong_type_and_unknown_field_all_at_once(example):
    example.edit("  durability: >-", "  durabilty: >-")
    type_line = example.edit("annual_costs: 86000.00", "annual_costs: dużo")
    date_line = example.edit("start: 2027-04-01, end: 2027-12-31", "start: 2027-04-31, end: 2027-12-31")
    result = validate("feasibility", example.project)
    assert not result.ok
    found = {p.dotted_path: p for p in result.problems}
    assert "project.durability" not in found  # the typo is one problem, told where it is written
    assert found["project.durabilty"].code == "field.misspelled"
    assert "czy chodziło o 'durability'" in found["project.durabilty"].message
    assert found["project.operation.annual_costs"].code == "number.format"
    assert found["project.operation.annual_costs"].message == (
        "niepoprawna liczba 'dużo'; podaj kwotę w złotych, np. 1234.50, '1 234,50' albo '1.234,50 zł'")
    assert found["project.operation.annual_costs"].line == type_line
    assert found["project.tasks[1].start"].line == date_line
    assert found["project.tasks[1].start"].message == "niepoprawna data '2027-04-31': nie ma dnia 31 kwietnia 2027"


def test_enum_value_lists_allowed_choices(example):
    example.edit("theme: środowiskowy", "theme: ekologiczny")
    problem = only(example.project, "field.choice")
    assert problem.dotted_path == "project.theme"
    assert "'gospodarczy'" in problem.message and " lub " in problem.message


def test_money_accepts_polish_typing(example):
    example.edit("annual_costs: 86000.00", 'annual_costs: "86 000,00 zł"')
    result = validate("feasibility", example.project)
    assert result.ok
    assert str(result.model.project.operation.annual_costs) == "86000.00"


def test_money_refuses_negative_and_fractions_of_grosz(example):
    example.edit("annual_costs: 86000.00", "annual_costs: -5")
    example.edit("annual_revenue: 0", "annual_revenue: 10.005")
    result = validate("feasibility", example.project)
    codes = {p.dotted_path: p.code for p in result.problems}
    assert codes["project.operation.annual_costs"] == "money.negative"
    assert codes["project.operation.annual_revenue"] == "money.precision"
