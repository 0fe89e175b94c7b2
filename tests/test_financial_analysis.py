"""Financial and economic analysis in the feasibility analysis: the figures the DOCX shows, recomputed here.

The expected values are computed in this file from the YAML with plain formulas (NPV as a sum of
discounted flows, IRR by bisection, the proportional split of task costs by months), never with
the library's own functions, and compared to the grosz with what the built document prints.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, getcontext
from pathlib import Path

import pytest
import yaml

from cwd_docs import build, validate
from conftest import docx_text, normalise_spaces

getcontext().prec = 40
CENT = Decimal("0.01")


# --- independent recomputation ---------------------------------------------------------------
def months(start, end):
    return (end.year - start.year) * 12 + end.month - start.month + 1


def investment_by_year(tasks):
    """Task costs split by year in proportion to months, rounded down, remainder in the last year."""
    years = {}
    for task in tasks:
        cost = Decimal(str(task.get("cost", 0)))
        if not cost:
            continue
        total = months(task["start"], task["end"])
        span = list(range(task["start"].year, task["end"].year + 1))
        given = 0
        for year in span:
            first = max(task["start"].year * 12 + task["start"].month - 1, year * 12)
            last = min(task["end"].year * 12 + task["end"].month - 1, year * 12 + 11)
            if year == span[-1]:
                part = cost - given
            else:
                part = (cost * (last - first + 1) / total).quantize(CENT, rounding=ROUND_DOWN)
            given += part
            years[year] = years.get(year, 0) + part
    return years


def series(spec, default, years, start):
    spec = spec or {}
    base = spec.get("amount", default)
    if "quantity" in spec:
        base = Decimal(str(spec["quantity"])) * Decimal(str(spec["unit_value"]))
    first = spec.get("from_year", start)
    growth = Decimal(str(spec.get("growth", 0)))
    values = {}
    for year in years:
        values[year] = Decimal(str(base)) * (1 + growth / 100) ** (year - first) if base and year >= first else Decimal(0)
    for year, value in (spec.get("by_year") or {}).items():
        values[year] = Decimal(str(value))
    return values


def discounted(rate, flows):
    return sum(flow / (1 + Decimal(rate) / 100) ** t for t, flow in enumerate(flows))


def bisection_irr(flows):
    low, high = -0.99, 10.0

    def f(r):
        return sum(float(v) / (1 + r) ** t for t, v in enumerate(flows))
    grid = [low + i * 0.001 for i in range(int((high - low) / 0.001))]
    for a, b in zip(grid, grid[1:]):
        if (f(a) > 0) != (f(b) > 0):
            for _ in range(200):
                m = (a + b) / 2
                if (f(m) > 0) == (f(a) > 0):
                    a = m
                else:
                    b = m
            return Decimal(repr(a * 100))
    return None


def expected(path: Path) -> dict[str, Decimal | None]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["project"]
    a = data["analysis"]
    period = a.get("reference_period") or {"drogi": 25, "inne": 10}[a["investment_kind"]]
    start = data["start"].year
    years = list(range(start, start + period))
    operating_from = data["end"].year + 1
    total = sum(Decimal(str(c["total"])) for c in data["costs"])
    eu = sum(Decimal(str(f["amount"])) for f in data["funding"] if f["kind"] == "UE")
    invest = investment_by_year(data["tasks"])
    investment = [invest.get(y, Decimal(0)) for y in years]
    operating = series(a.get("operating_costs"), data["operation"]["annual_costs"], years, operating_from)
    revenue = series(a.get("revenues"), data["operation"]["annual_revenue"], years, operating_from)
    replacement = {y: Decimal(str(a.get("replacement_costs", {}).get(y, 0))) for y in years}
    residual = {y: Decimal(str(a.get("residual_value", 0))) if y == years[-1] else Decimal(0) for y in years}
    rate = Decimal(str(a.get("discount_rate", 4)))
    net_c = [revenue[y] + residual[y] - investment[i] - replacement[y] - operating[y] for i, y in enumerate(years)]
    # EU money follows eligible cost, task by task and year by year, as in the schedule: a year's EU share is
    # the project's EU rate of eligible cost applied to the eligible part of that year's task costs.
    eligible_total = sum(Decimal(str(c["eligible"])) for c in data["costs"])
    eligible_share = {}
    for task in data["tasks"]:
        cost = Decimal(str(task.get("cost", 0)))
        linked = sum(Decimal(str(c["eligible"])) for c in data["costs"] if c.get("task") == task["id"])
        eligible_share[task["id"]] = linked / cost if cost else Decimal(0)
    eu_by_year = {}
    for task in data["tasks"]:
        for year, part in investment_by_year([task]).items():
            eu_by_year[year] = eu_by_year.get(year, 0) + part * eligible_share[task["id"]] * eu / eligible_total
    national = [investment[i] - eu_by_year.get(y, Decimal(0)) for i, y in enumerate(years)]
    net_k = [revenue[y] + residual[y] - national[i] - replacement[y] - operating[y] for i, y in enumerate(years)]
    result = {"fnpv_c": discounted(rate, net_c), "fnpv_k": discounted(rate, net_k),
              "frr_c": bisection_irr(net_c), "frr_k": bisection_irr(net_k), "net_c": net_c}
    dic = discounted(rate, investment)
    dnr = discounted(rate, [revenue[y] - operating[y] - replacement[y] + residual[y] for y in years])
    result["gap"] = min(Decimal(100), (dic - dnr) / dic * 100) if any(revenue.values()) else None
    if a.get("benefits"):
        vat = sum(Decimal(str(c.get("vat", 0))) for c in data["costs"])
        social = Decimal(str(a.get("social_discount_rate", 5)))
        benefits = [Decimal(0)] * len(years)
        for b in a["benefits"]:
            values = series(b, None, years, operating_from)
            benefits = [benefits[i] + values[y] for i, y in enumerate(years)]
        e_invest = [investment[i] * (total - vat) / total for i in range(len(years))]
        e_costs = [operating[y] + replacement[y] for y in years]
        net_e = [benefits[i] + residual[y] - e_invest[i] - e_costs[i] for i, y in enumerate(years)]
        result["enpv"] = discounted(social, net_e)
        result["err"] = bisection_irr(net_e)
        pv_b = discounted(social, [benefits[i] + residual[y] for i, y in enumerate(years)])
        result["bc"] = pv_b / discounted(social, [e_invest[i] + e_costs[i] for i in range(len(years))])
        result["pv_benefits_signed"] = discounted(social, benefits)
    return result


# --- reading the document ---------------------------------------------------------------------
def polish_money(value: Decimal) -> str:
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    whole, fraction = f"{abs(rounded):.2f}".split(".")
    groups = re.sub(r"(?<=\d)(?=(\d{3})+$)", " ", whole)
    return ("−" if rounded < 0 else "") + f"{groups},{fraction} zł"


def polish_percent(value: Decimal) -> str:
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return ("−" if rounded < 0 else "") + f"{abs(rounded):.2f}".replace(".", ",") + "%"


def shown(text: str, label: str) -> str:
    match = re.search(re.escape(label) + r"\s*\n([^\n]+)", text)
    assert match, f"{label!r} not in the document"
    return match.group(1).strip()


def tables(path: Path) -> list[list[list[str]]]:
    from docx import Document

    return [[[normalise_spaces(cell.text) for cell in row.cells] for row in table.rows]
            for table in Document(str(path)).tables]


def table_after_header(path: Path, first_header: str, index: int = 0) -> list[list[str]]:
    return [t for t in tables(path) if t and t[0][0] == first_header][index]


def built_text(source: Path, tmp_path: Path) -> str:
    out = tmp_path / (source.stem + ".docx")
    build("feasibility", source, output=out)
    return normalise_spaces(docx_text(out))


@pytest.mark.parametrize("file_name", ["projekt-p01.yaml", "projekt-p02.yaml"])
def test_indicators_match_an_independent_computation(example, tmp_path, file_name):
    source = example.folder / file_name
    want = expected(source)
    text = built_text(source, tmp_path)
    assert shown(text, "(FNPV/C)") == polish_money(want["fnpv_c"])
    assert shown(text, "(FNPV/K)") == polish_money(want["fnpv_k"])
    if want["gap"] is None:  # no revenue: no financial rate of return, said in words (not the residual value's rate)
        assert shown(text, "(FRR/C)") == shown(text, "(FRR/K)") == "nie istnieje – projekt nie generuje przychodów"
    else:
        assert shown(text, "(FRR/C)") == polish_percent(want["frr_c"])
        assert shown(text, "(FRR/K)") == polish_percent(want["frr_k"])
    assert shown(text, "(ENPV)") == polish_money(want["enpv"])
    assert shown(text, "(ERR)") == polish_percent(want["err"])
    assert shown(text, "(B/C)") == f"{want['bc'].quantize(CENT, rounding=ROUND_HALF_UP)}".replace(".", ",")
    # The summary repeats the same figures.
    assert f"FNPV/C {polish_money(want['fnpv_c'])}" in text
    assert f"ENPV {polish_money(want['enpv'])}" in text


def test_project_with_revenue_shows_its_funding_gap(example, tmp_path):
    source = example.folder / "projekt-p02.yaml"
    want = expected(source)
    text = built_text(source, tmp_path)
    assert "Luka finansowa" in text
    assert shown(text, "Wskaźnik luki finansowej (DIC – DNR) / DIC") == polish_percent(want["gap"])
    assert "43 200,00" in text  # the yearly fees appear in the cash-flow table


def test_project_without_revenue_has_no_funding_gap(example, tmp_path):
    text = built_text(example.project, tmp_path)
    assert "Luka finansowa" not in text and "DNR" not in text
    assert "projekt nie generuje przychodów" in text


def test_rate_of_return_that_does_not_exist_is_said_in_words(example, tmp_path):
    source = example.folder / "projekt-p02.yaml"
    example.edit("    residual_value: 420000.00", "    residual_value: 0", file=source)
    example.edit("    annual_revenue: 43200.00", "    annual_revenue: 0", file=source)
    example.edit("      by_year: {2029: 32400.00}", "      by_year: {2029: 0}", file=source)
    example.edit("      amount: 175000.00\n      by_year: {2029: 182000.00, 2036: 435000.00}",
                 "      amount: 214000.00\n      by_year: {2036: 474000.00}", file=source)
    want = expected(source)
    assert all(flow <= 0 for flow in want["net_c"])
    text = built_text(source, tmp_path)
    assert shown(text, "(FRR/C)") == "nie istnieje – wszystkie przepływy są ujemne"
    assert shown(text, "(FNPV/C)") == polish_money(want["fnpv_c"])
    assert "Luka finansowa" not in text


def test_zero_discount_rate_makes_npv_the_plain_sum(example, tmp_path):
    example.edit("    discount_rate: 4 ", "    discount_rate: 0 ")
    want = expected(example.project)
    text = built_text(example.project, tmp_path)
    plain_sum = sum(want["net_c"], Decimal(0))
    assert shown(text, "(FNPV/C)") == polish_money(plain_sum)
    assert "Finansowa stopa dyskontowa\n0% (realna)" in text


def test_sensitivity_switching_value_of_benefits(example, tmp_path):
    want = expected(example.project)
    out = tmp_path / "p01.docx"
    build("feasibility", example.project, output=out)
    switching = -want["enpv"] / want["pv_benefits_signed"] * 100
    economic = table_after_header(out, "Zmienna", index=1)
    row = next(r for r in economic if r[0] == "Korzyści społeczne")
    assert row[5] == polish_percent(switching)
    assert row[6] == ("tak" if want["pv_benefits_signed"] > abs(want["enpv"]) else "nie")
    # -20% of benefits, recomputed: ENPV falls by a fifth of their present value.
    assert row[1] == polish_money(want["enpv"] - want["pv_benefits_signed"] / 5).replace(" zł", "")


def test_long_reference_period_lists_every_year(example, tmp_path):
    example.edit("    investment_kind: drogi ", "    reference_period: 30\n    investment_kind: drogi ")
    out = tmp_path / "p01.docx"
    build("feasibility", example.project, output=out)
    assert "30 lat (2027–2056)" in normalise_spaces(docx_text(out))
    flows = table_after_header(out, "Rok")
    assert [row[0] for row in flows[1:]] == [str(y) for y in range(2027, 2057)] + ["Razem"]
    assert flows[-2][5] == "4 250 000,00"  # the residual value in the last year


def test_demand_analysis_reads_the_sectoral_analysis_and_figures(example, tmp_path):
    out = tmp_path / "p01.docx"
    build("feasibility", example.project, output=out)
    text = normalise_spaces(docx_text(out))
    section = text[text.index("Analiza popytu"):text.index("Cele projektu i zgodność")]
    assert "Ok. 1 900 uczniów" in section  # application.sectoral_analysis.demand, written once
    assert "Istniejąca podaż." in section and "Luka podażowa." in section
    demand = table_after_header(out, "Wielkość")
    assert demand[1][:6] == ["Codzienne dojazdy, które mogą odbywać się rowerem", "osoby/dzień", "1 640",
                             "1 700 (2030)", "0", "1 700"]
    assert demand[1][6].startswith("Badanie ankietowe partnerstwa (2025)")


def test_multi_criteria_analysis_where_benefits_are_not_monetised(example, tmp_path):
    start = example.project.read_text(encoding="utf-8").index("    benefits:\n")
    end = example.project.read_text(encoding="utf-8").index("  demand:\n")
    content = example.project.read_text(encoding="utf-8")
    content = content[:start] + (
        "    multi_criteria:\n"
        "      - {name: Bezpieczeństwo ruchu, weight: 60, score: 5, baseline: 1, justification: Oddzielenie ruchu.}\n"
        "      - {name: Dostępność usług, weight: 40, score: 4, baseline: 2, justification: Dojazdy do szkół.}\n"
    ) + content[end:]
    example.project.write_text(content, encoding="utf-8")
    out = tmp_path / "p01.docx"
    build("feasibility", example.project, output=out)
    text = normalise_spaces(docx_text(out))
    assert "Uproszczona analiza wielokryterialna" in text and "(ENPV)" not in text
    mca = table_after_header(out, "Kryterium")
    assert mca[-1][:4] == ["Wynik ważony", "100%", "4,60", "1,40"]  # 0,6×5 + 0,4×4 and 0,6×1 + 0,4×2


# --- rules ------------------------------------------------------------------------------------
def only(path, code):
    result = validate("feasibility", path)
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, [p.describe() for p in result.problems]
    return found[0]


def test_maximum_eu_rate_above_the_cpr_cap(example):
    line = example.edit("max_eu_rate: 85", "max_eu_rate: 90")
    problem = only(example.project, "funding.max_rate_above_cap")
    assert problem.is_error and problem.dotted_path == "project.max_eu_rate" and problem.line == line
    assert "90,00%" in problem.message and "art. 112 ust. 3" in problem.message


def test_vat_above_the_standard_rate(example):
    line = example.edit("total: 246000.00, eligible: 246000.00, vat: 46000.00",
                        "total: 246000.00, eligible: 246000.00, vat: 47000.00")
    problem = only(example.project, "costs.vat_above_rate")
    assert problem.is_error and problem.dotted_path == "project.costs[0].vat" and problem.line == line
    assert "23%" in normalise_spaces(problem.message) and "45 770,00 zł" in normalise_spaces(problem.message)


def test_cumulative_cash_flow_never_negative(example):
    example.edit("      amount: 95000.00", "      amount: 80000.00")
    problem = only(example.project, "financial.sustainability")
    assert problem.is_error and problem.dotted_path == "project.analysis.budget_support"
    assert problem.line == example.line_of("    budget_support:") + 1  # where its value starts
    assert "2030" in problem.message


def test_analysis_years_inside_the_reference_period(example):
    line = example.edit("      2044: 1230000.00", "      2060: 1230000.00")
    problem = only(example.project, "analysis.year_outside")
    assert problem.dotted_path == "project.analysis.replacement_costs.2060" and problem.line == line
    assert "2027–2051" in problem.message


def test_reference_period_must_reach_beyond_the_project(example):
    example.edit("  start: 2027-01-01", "  start: 2024-01-01")  # five years 2024–2028 end before the project
    line = example.edit("    investment_kind: drogi ", "    reference_period: 5\n    investment_kind: drogi ")
    problem = only(example.project, "analysis.period_too_short")
    assert problem.dotted_path == "project.analysis.reference_period" and problem.line == line


def test_benefit_needs_quantity_and_unit_value_together(example):
    example.edit("        unit_value: 430.00\n", "")
    result = validate("feasibility", example.project)
    problem = next(p for p in result.problems if p.dotted_path == "project.analysis.benefits[2]")
    assert problem.code == "benefit.valuation" and "unit_value" in problem.message
    assert problem.line == example.line_of("      - name: Ograniczenie emisji CO2")


def test_charts_are_native_with_the_analysis_figures(example, tmp_path):
    import zipfile

    out = tmp_path / "p01.docx"
    build("feasibility", example.project, output=out)
    with zipfile.ZipFile(out) as docx:
        charts = sorted(n for n in docx.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
        xml = [docx.read(n).decode("utf-8") for n in charts]
    assert len(xml) == 3
    kinds = {kind for part in xml for kind in re.findall(r"<c:(pieChart|barChart|lineChart)>", part)}
    assert kinds == {"pieChart", "barChart", "lineChart"}
    pie = next(part for part in xml if "<c:pieChart>" in part)
    values = [Decimal(v) for v in re.findall(r"<c:v>([-0-9.]+)</c:v>", pie)]
    assert Decimal("9590635") in values and Decimal("1862465") in values  # EU and all own contributions
    line = next(part for part in xml if "<c:lineChart>" in part)
    assert line.count("<c:pt ") >= 2 * 25  # a point (and its year) for every year of the reference period


@pytest.mark.parametrize("old, new, code, path", [
    ("      2044: 1230000.00", "      abc: 1230000.00", "field.type", "project.analysis.replacement_costs.abc"),
    ("      growth: 0.5 ", "      growth: 500 ", "rate.range", "project.analysis.operating_costs.growth"),
    ("    discount_rate: 4 ", "    discount_rate: -1 ", "rate.range", "project.analysis.discount_rate"),
    ("    investment_kind: drogi ", "    investment_kind: autostrady ", "field.choice",
     "project.analysis.investment_kind"),
    ("    residual_value: 4250000.00", "    residual_value: -5", "money.negative", "project.analysis.residual_value"),
    ("        quantity: 0.8", "        quantity: [1]", "number.type", "project.analysis.benefits[0].quantity"),
])
def test_broken_analysis_data_is_a_located_problem(example, old, new, code, path):
    line = example.edit(old, new)
    problem = only(example.project, code)
    assert problem.dotted_path == path and problem.line == line
    if code == "rate.range":
        assert "\u2212" in problem.message or "od 0 do 20" in problem.message
