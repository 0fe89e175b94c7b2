"""Financial and economic analysis in the feasibility analysis: the figures the DOCX shows, recomputed here.

The expected values are computed in this file from the YAML with plain formulas (NPV as a sum of
discounted flows, IRR by bisection, the proportional split of task costs by months), never with
the library's own functions, and compared to the grosz with what the built document prints.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, getcontext
from pathlib import Path

import pytest

from cwd_docs import build, validate
from appraisal_oracle import expected
from conftest import docx_text, normalise_spaces, shown
from conftest import table_starting as table_after_header

getcontext().prec = 40
CENT = Decimal("0.01")


# The independent recomputation lives in appraisal_oracle (numpy-financial for NPV and IRR).


# --- reading the document ---------------------------------------------------------------------
def polish_money(value: Decimal) -> str:
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    whole, fraction = f"{abs(rounded):.2f}".split(".")
    groups = re.sub(r"(?<=\d)(?=(\d{3})+$)", " ", whole)
    return ("−" if rounded < 0 else "") + f"{groups},{fraction} zł"


def polish_percent(value: Decimal) -> str:
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return ("−" if rounded < 0 else "") + f"{abs(rounded):.2f}".replace(".", ",") + "%"



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
    for key, label in (("frr_c", "(FRR/C)"), ("frr_k", "(FRR/K)")):
        if want[key] is None:  # no single change of sign: said in words, never a number
            assert shown(text, label).startswith("nie "), shown(text, label)
        else:  # a rate wherever the flows change sign once (a residual value can make one exist)
            assert shown(text, label) == polish_percent(want[key])
    assert shown(text, "(ENPV)") == polish_money(want["enpv"])
    assert shown(text, "(ERR)") == polish_percent(want["err"])
    assert shown(text, "(B/C)") == f"{want['bc'].quantize(CENT, rounding=ROUND_HALF_UP)}".replace(".", ",")
    # The summary repeats the same figures.
    assert f"FNPV/C {polish_money(want['fnpv_c'])}" in text
    assert f"ENPV {polish_money(want['enpv'])}" in text


def test_funding_gap_only_where_state_aid_or_the_call_requires_it(example, tmp_path):
    source = example.folder / "projekt-p02.yaml"
    text = built_text(source, tmp_path)
    assert "Luka finansowa" not in text and "dla tego projektu nie jest wymagana" in text
    assert "43 200,00" in text  # the yearly fees appear in the cash-flow table
    example.edit("    residual_value: 420000.00", "    residual_value: 420000.00\n    funding_gap: true", file=source)
    want = expected(source)
    text = built_text(source, tmp_path)
    assert "Luka finansowa" in text
    assert shown(text, "Wskaźnik luki finansowej (DIC – DNR) / DIC") == polish_percent(want["gap"])


def test_project_without_revenue_has_no_funding_gap(example, tmp_path):
    text = built_text(example.project, tmp_path)
    assert "Luka finansowa" not in text and "DNR" not in text
    assert "projekt nie generuje przychodów" in text


def test_rate_of_return_that_does_not_exist_is_said_in_words(example, tmp_path):
    source = example.folder / "projekt-p02.yaml"
    example.edit("    residual_value: 420000.00", "    residual_value: 0", file=source)
    example.edit("    annual_revenue: 43200.00", "    annual_revenue: 0", file=source)
    example.edit("      by_year: {2028: 32400.00}", "      by_year: {2028: 0}", file=source)
    example.edit("      amount: 175000.00\n      by_year: {2036: 435000.00}",
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
    assert "Finansowa stopa dyskontowa\n0% (realna;" in text


def test_sensitivity_switching_value_of_benefits(example, tmp_path):
    want = expected(example.project)
    out = tmp_path / "p01.docx"
    build("feasibility", example.project, output=out)
    switching = -want["enpv"] / want["pv_benefits_signed"] * 100
    economic = table_after_header(out, "Zmienna", index=1)
    row = next(r for r in economic if r[0] == "Korzyści społeczne razem")
    assert row[6] == "+" + polish_percent(switching) if switching > 0 else row[6] == polish_percent(switching)
    assert row[7] == ("tak" if want["pv_benefits_signed"] > abs(want["enpv"]) else "nie")
    elasticity = want["pv_benefits_signed"] / abs(want["enpv"])  # % change of ENPV per +1% of benefits
    assert row[5] == ("+" if elasticity > 0 else "") + polish_percent(elasticity)
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
    example.edit("        parameter: co2_eib\n", "")
    result = validate("feasibility", example.project)
    problem = next(p for p in result.problems if p.dotted_path == "project.analysis.benefits[2]")
    assert problem.code == "benefit.valuation" and "unit_value" in problem.message
    assert problem.line == example.line_of("      - name: Uniknięta emisja CO2 z samochodów")


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
    ("factor: 12, explanation", "factor: [1], explanation", "number.type", "project.analysis.benefits[0].demand.factor"),
])
def test_broken_analysis_data_is_a_located_problem(example, old, new, code, path):
    line = example.edit(old, new)
    problem = only(example.project, code)
    assert problem.dotted_path == path and problem.line == line
    if code == "rate.range":
        assert "\u2212" in problem.message or "od 0 do 20" in problem.message
