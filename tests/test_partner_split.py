"""Who finances what: each member's money follows the tasks it finances (domain/partner_split.py).

Expected figures are computed here from the example's task data with plain arithmetic; the documents are
read back from the built DOCX files.
"""

import re
from decimal import Decimal

from docx import Document

from cwd_docs import build, validate
from cwd_docs.domain.partner_split import partner_split

PW_ROW = "{name: Wkład własny Powiatu Wałeckiego, kind: wkład własny, amount: 1157675.00, member: PW}"
T4_SHARES = "financing_shares: {PW: 60, WALCZ_M: 10, TUCZNO: 15, CZLOPA: 15},"
EU_RATE = Decimal("0.85")  # the example's EU co-financing: 9 590 635,00 of 11 283 100,00 eligible


def amount(text: str) -> Decimal:
    text = re.sub(r"[\s\u00a0\u202f]|zł", "", text).replace("\u2212", "-")
    return Decimal(0) if text in ("–", "") else Decimal(text.replace(",", "."))


def plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\u00ad", ""))


def table_rows(document, first_header: str, second_header: str | None = None) -> list[list[str]]:
    for table in document.tables:
        header = [plain(c.text) for c in table.rows[0].cells]
        if header[0] == first_header and (second_header is None or header[1:2] == [second_header]):
            return [[plain(c.text) for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table headed {first_header!r}")


def problems_of(path, code, doc_type="schedule"):
    result = validate(doc_type, path)
    return [p for p in result.problems if p.code == code], result


def only(path, code, doc_type="schedule"):
    problems, result = problems_of(path, code, doc_type)
    assert len(problems) == 1, [p.describe() for p in result.problems]
    return problems[0]


def member_years(document) -> dict[str, dict[int, Decimal]]:
    rows = table_rows(document, "Lp.", "Członek partnerstwa")
    years = [int(y) for y in rows[0][2:-2]]
    return {r[1]: dict(zip(years, (amount(c) for c in r[2:-2]))) for r in rows[1:]}


def test_a_member_pays_nothing_in_a_year_none_of_its_tasks_has_costs(example, tmp_path):
    out = tmp_path / "h.docx"
    build("schedule", example.project, output=out)
    by_member = member_years(Document(str(out)))
    # Gmina Wiejska Wałcz finances only T5 (738 000,00 zł, September 2028 – April 2029: 4 of its 8 months in
    # 2028), 15% of it is own contribution.
    t5_2028 = Decimal("738000.00") * 4 / 8
    assert by_member["Gmina Wiejska Wałcz"] == {2027: Decimal(0), 2028: t5_2028 * (1 - EU_RATE),
                                                2029: (Decimal("738000.00") - t5_2028) * (1 - EU_RATE)}
    # Tuczno and Człopa finance 15% each of T4, the road works from February 2028: nothing in 2027 either.
    t4_2028 = sum(Decimal(v) for v in ("900000.00", "2100000.00", "2400000.00", "2331428.57"))
    for name in ("Gmina i Miasto Tuczno", "Miasto i Gmina Człopa"):
        assert by_member[name][2027] == 0
        # 173 957,142825 zł exactly: cost and EU are each split to whole grosze, so the own part may differ from
        # it by a grosz, while the years add up exactly to 15% of T4's own contribution
        assert abs(by_member[name][2028] - t4_2028 * Decimal("0.15") * (1 - EU_RATE)) <= Decimal("0.01")
        assert by_member[name][2028] + by_member[name][2029] == Decimal("9840000.00") * Decimal("0.15") * (1 - EU_RATE)
    # The totals row is the sum of the members' rows, year by year.
    rows = table_rows(Document(str(out)), "Lp.", "Członek partnerstwa")
    for index in range(2, len(rows[0]) - 1):
        assert sum(amount(r[index]) for r in rows[1:-1]) == amount(rows[-1][index])


def test_members_by_task_table_adds_up_to_each_member_and_to_the_project(example, tmp_path):
    out = tmp_path / "h.docx"
    build("schedule", example.project, output=out)
    rows = table_rows(Document(str(out)), "Członek partnerstwa i zadanie")
    header = rows[0][1:]
    assert header[-2:] == ["Dofinansowanie UE", "Wkład własny"]
    members = [i for i, r in enumerate(rows[1:-1], start=1) if re.match(r"^\d+\. ", r[0])]
    assert [rows[i][0] for i in members] == ["1. Powiat Wałecki", "2. Gmina Miejska Wałcz", "3. Gmina Wiejska Wałcz",
                                             "4. Gmina i Miasto Tuczno", "5. Miasto i Gmina Człopa"]
    for start, end in zip(members, members[1:] + [len(rows) - 1]):
        subtotal = [amount(c) for c in rows[start][1:]]
        tasks = [[amount(c) for c in r[1:]] for r in rows[start + 1:end]]
        assert [sum(column) for column in zip(*tasks)] == subtotal
    # Tuczno's only task is its 15% of T4: 1 476 000,00 zł of 9 840 000,00, all eligible, 85% from the EU.
    tuczno = rows[members[3] + 1]
    assert tuczno[0] == "T4 Budowa drogi dla rowerów"
    assert [amount(c) for c in tuczno[1:]] == [Decimal("1476000.00"), Decimal("1476000.00"), Decimal(0),
                                               Decimal("1254600.00"), Decimal("221400.00")]
    total = [amount(c) for c in rows[-1][1:]]
    assert total == [sum((amount(rows[i][k]) for i in members), Decimal(0)) for k in range(1, len(header) + 1)]
    assert total == [Decimal("11453100.00"), Decimal("11283100.00"), Decimal("170000.00"), Decimal("9590635.00"),
                     Decimal("1862465.00")]


def test_fnpv_k_national_capital_per_year_equals_the_schedule_own_contribution(example, tmp_path):
    documents = {}
    for doc_type in ("feasibility", "schedule"):
        out = tmp_path / f"{doc_type}.docx"
        build(doc_type, example.project, output=out)
        documents[doc_type] = Document(str(out))
    schedule_rows = table_rows(documents["schedule"], "Lp.", "Członek partnerstwa")
    years = [int(y) for y in schedule_rows[0][2:-2]]
    schedule_own = dict(zip(years, (amount(c) for c in schedule_rows[-1][2:-2])))
    national_rows = next(
        [[plain(c.text) for c in row.cells] for row in t.rows] for t in documents["feasibility"].tables
        if plain(t.rows[0].cells[1].text) == "Wkład krajowy w wydatki projektu")
    national = {int(r[0]): amount(r[1]) for r in national_rows[1:-1]}
    assert {y: national[y] for y in years} == schedule_own
    # 2027 independently: T1 (246 000,00) and T7's 12 of 30 months (9 840,00) at 15%, and T2's land: 420 000,00
    # less 85% of its 250 000,00 eligible.
    assert national[2027] == (Decimal("246000.00") + Decimal("9840.00")) * (1 - EU_RATE) + \
        Decimal("420000.00") - Decimal("250000.00") * EU_RATE == Decimal("245876.00")


def test_outline_partner_contributions_are_the_split(example, tmp_path):
    out = tmp_path / "o.docx"
    build("application_outline", example.project, output=out)
    rows = next([[plain(c.text) for c in row.cells] for row in t.rows] for t in Document(str(out)).tables
                if [plain(c.text) for c in t.rows[0].cells][2:3] == ["Rola w projekcie"])
    paid = {re.sub(r" \((lider|partner)\)$", "", r[1]): amount(r[3]) for r in rows[1:-1]}
    # each member: 15% of what it finances, plus the ineligible land (T2) for the powiat
    assert paid == {
        "Powiat Wałecki": (Decimal("246000") + Decimal("9840000") * Decimal("0.6") + Decimal("184500")
                           + Decimal("250000")) * (1 - EU_RATE) + Decimal("170000"),
        "Gmina Miejska Wałcz": (Decimal("9840000") * Decimal("0.1") + Decimal("24600")) * (1 - EU_RATE),
        "Gmina Wiejska Wałcz": Decimal("738000") * (1 - EU_RATE),
        "Gmina i Miasto Tuczno": Decimal("9840000") * Decimal("0.15") * (1 - EU_RATE),
        "Miasto i Gmina Człopa": Decimal("9840000") * Decimal("0.15") * (1 - EU_RATE),
    }


def test_shares_that_do_not_divide_evenly_still_add_up_to_the_grosz(example):
    # One own contribution without named members: the split alone says who pays. T7 (24 600,00 zł over 30
    # months) in shares of 33,33/33,33/33,34% leaves remainders in every quarter.
    text = example.project.read_text(encoding="utf-8")
    text = re.sub(r"    - \{name: Wkład własny (Gminy|Miasta)[^\n]*\n", "", text)
    example.project.write_text(text.replace(PW_ROW, "{name: Wkład własny członków, kind: wkład własny, "
                                                    "amount: 1862465.00}"), encoding="utf-8")
    example.edit("responsible: WALCZ_M, cost: 24600.00,", "responsible: WALCZ_M, cost: 24600.00, "
                 "financing_shares: {WALCZ_M: 33.33, TUCZNO: 33.33, CZLOPA: 33.34},")
    result = validate("schedule", example.project)
    assert result.problems == [], [p.describe() for p in result.problems]
    split = partner_split(result.model.project)
    members = ("WALCZ_M", "TUCZNO", "CZLOPA")
    # 24 600,00 × 33,33% = 8 199,18; × 33,34% = 8 201,64: the three add up to the task
    assert [split.member_task(m, "T7").total for m in members] == [Decimal("8199.18"), Decimal("8199.18"),
                                                                   Decimal("8201.64")]
    assert sum(split.member_task(m, "T7").eu for m in members) == Decimal("24600.00") * EU_RATE
    t7 = split.plan.by_task_quarter[6]
    for quarter, amounts in t7.items():
        cells = [split.cells[("T7", m)][quarter] for m in members]
        assert sum(c.total for c in cells) == amounts.total and sum(c.eu for c in cells) == amounts.eu
        assert all(c.total == c.total.quantize(Decimal("0.01")) and c.total >= 0 for c in cells)
    assert sum(split.member_total(m).own for m in split.members) == Decimal("1862465.00")


def test_typed_contribution_that_disagrees_with_the_tasks_is_an_error(example):
    # 675,00 zł moved from the powiat to Gmina Miejska Wałcz: the sources still add up, the members do not
    line = example.edit(PW_ROW, PW_ROW.replace("1157675.00", "1157000.00"))
    example.edit("amount: 151290.00, member: WALCZ_M}", "amount: 151965.00, member: WALCZ_M}")
    problems, result = problems_of(example.project, "contributions.split_mismatch")
    assert len(problems) == 2, [p.describe() for p in result.problems]
    problem = problems[0]
    assert problem.is_error
    assert (problem.dotted_path, problem.line) == ("project.funding[1].amount", line)
    assert "WALCZ_M" in problems[1].message and "151\u00a0965,00\u00a0zł" in problems[1].message
    assert "PW" in problem.message and "1\u00a0157\u00a0000,00\u00a0zł" in problem.message
    assert "1\u00a0157\u00a0675,00\u00a0zł" in problem.message and "(T1, T2, T4, T6)" in problem.message


def test_a_member_financing_no_task_cannot_type_a_contribution(example):
    example.edit(T4_SHARES, "financing_shares: {PW: 75, WALCZ_M: 10, TUCZNO: 15},")
    problems, result = problems_of(example.project, "contributions.split_mismatch")
    czlopa = next(p for p in problems if "CZLOPA" in p.message)
    assert czlopa.dotted_path == "project.funding[4].amount"
    assert czlopa.line == example.line_of("{name: Wkład własny Miasta i Gminy Człopa")
    assert "221\u00a0400,00\u00a0zł" in czlopa.message and "nie finansuje on żadnego zadania" in czlopa.message
    pw = next(p for p in problems if "wkład własny PW" in p.message)
    # PW now also carries Człopa's 15% of T4: 1 476 000,00 × 15% own contribution more
    assert "1\u00a0379\u00a0075,00\u00a0zł" in pw.message


def test_financing_shares_add_up_to_100(example):
    line = example.edit(T4_SHARES, "financing_shares: {PW: 60, WALCZ_M: 10, TUCZNO: 15, CZLOPA: 10},")
    problem = only(example.project, "financing.shares_sum")
    assert (problem.dotted_path, problem.line) == ("project.tasks[3].financing_shares", line)
    assert "T4" in problem.message and "95%" in problem.message


def test_financing_amounts_add_up_to_the_task_cost(example):
    line = example.edit(T4_SHARES, "financing_amounts: {PW: 9000000.00, TUCZNO: 800000.00},")
    problem = only(example.project, "financing.amounts_sum")
    assert (problem.dotted_path, problem.line) == ("project.tasks[3].financing_amounts", line)
    assert "9\u00a0800\u00a0000,00\u00a0zł" in problem.message and "9\u00a0840\u00a0000,00\u00a0zł" in problem.message


def test_financing_named_one_way(example):
    line = example.edit(T4_SHARES, T4_SHARES + " financed_by: PW,")
    problem = only(example.project, "financing.ambiguous")
    assert (problem.dotted_path, problem.line) == ("project.tasks[3].financing_shares", line)


def test_financing_member_must_be_a_member_and_in_the_project(example):
    line = example.edit("responsible: WALCZ_M, cost: 24600.00,", "responsible: WALCZ_M, cost: 24600.00, financed_by: PILA,")
    problem = only(example.project, "member.unknown")
    assert (problem.dotted_path, problem.line) == ("project.tasks[6].financed_by", line)
    example.edit("financed_by: PILA,", "financed_by: MIROSLAWIEC,")
    problem = only(example.project, "financing.outside_project")
    assert not problem.is_error
    assert "finansuje zadanie T7" in problem.message


def test_financed_by_moves_the_contribution_to_another_member(example):
    # T7 (24 600,00 zł) financed by the powiat instead of Gmina Miejska Wałcz: 3 690,00 zł of own contribution
    # moves, and the typed amounts must follow.
    example.edit("responsible: WALCZ_M, cost: 24600.00,", "responsible: WALCZ_M, cost: 24600.00, financed_by: PW,")
    example.edit(PW_ROW, PW_ROW.replace("1157675.00", "1161365.00"))
    example.edit("amount: 151290.00, member: WALCZ_M}", "amount: 147600.00, member: WALCZ_M}")
    result = validate("schedule", example.project)
    assert result.problems == [], [p.describe() for p in result.problems]
    split = partner_split(result.model.project)
    assert split.member_task("PW", "T7").own == Decimal("3690.00")
    assert split.member_task("WALCZ_M", "T7").total == 0


def test_eu_and_own_amounts_may_be_left_to_the_program(example):
    # EU left out: 85% of the eligible 11 283 100,00 zł; each member's own contribution left out: what its tasks
    # give; the figures are those the example types.
    text = example.project.read_text(encoding="utf-8")
    text = text.replace("kind: UE, amount: 9590635.00}", "kind: UE}")
    text = re.sub(r"(kind: wkład własny), amount: [\d.]+, (member: \w+\})", r"\1, \2", text)
    example.project.write_text(text, encoding="utf-8")
    result = validate("schedule", example.project)
    assert result.problems == [], [p.describe() for p in result.problems]
    funding = result.model.project.funding
    assert funding[0].amount == (Decimal("11283100.00") * EU_RATE).quantize(Decimal("0.01"))
    assert [f.amount for f in funding[1:]] == [Decimal("1157675.00"), Decimal("151290.00"), Decimal("110700.00"),
                                               Decimal("221400.00"), Decimal("221400.00")]
    assert all(f.computed for f in funding)


def test_own_contribution_without_member_or_amount_is_what_remains(example):
    example.project.write_text(example.project.read_text(encoding="utf-8").replace(
        "kind: wkład własny, amount: 1157675.00, member: PW}", "kind: wkład własny}"), encoding="utf-8")
    result = validate("schedule", example.project)
    assert result.problems == [], [p.describe() for p in result.problems]
    # 11 453 100,00 − 9 590 635,00 EU − the four gminy's 704 790,00
    assert result.model.project.funding[1].amount == Decimal("11453100.00") - Decimal("9590635.00") - \
        Decimal("151290.00") - Decimal("110700.00") - Decimal("221400.00") - Decimal("221400.00")


def test_other_sources_need_their_amount(example):
    line = example.edit("    - " + PW_ROW, "    - " + PW_ROW + "\n    - {name: Rezerwa celowa, kind: budżet państwa}")
    problem = only(example.project, "funding.amount_required")
    assert (problem.dotted_path, problem.line) == ("project.funding[2]", line + 1)
    assert "Rezerwa celowa" in problem.message and "budżet państwa" in problem.message


def test_only_one_own_contribution_is_what_remains(example):
    line = example.edit("    - " + PW_ROW, "    - {name: Wkład A, kind: wkład własny}\n    - {name: Wkład B, kind: wkład własny}")
    problem = only(example.project, "funding.amount_ambiguous")
    assert (problem.dotted_path, problem.line) == ("project.funding[2]", line + 1)
    assert "Wkład B" in problem.message
