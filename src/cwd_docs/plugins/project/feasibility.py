"""The feasibility analysis: its context (financial, economic, sensitivity and demand analysis) and rules.

Numbers reach the template already formatted (Polish, minus sign, rounded to the grosz): the
template only places them. The exact values stay in `cwd_docs.domain.cash_flows`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...rendering.charts.model import Chart, Series
from ...domain.cash_flows import Analysis, Sensitivity, analyse, reference_period
from ...domain.financial import REFERENCE_RANGES, YearlyAmounts
from ...domain.project import FundingKind
from ...formatting import money, number, percent, plural
from ...problems import Problem, error, warning
from .context import project_context
from .rules import PROJECT_RULES
from .schema import ProjectFile

MINUS = "\u2212"
FUNDING_LABELS = {FundingKind.EU: "Dofinansowanie UE", FundingKind.STATE: "Budżet państwa",
                  FundingKind.OWN: "Wkład własny", FundingKind.OTHER: "Inne źródła"}


def signed(value: Decimal, currency: bool = False) -> str:
    """Money with a typographic minus: −1 234,50."""
    text = money(abs(value), currency)
    return (MINUS + text) if value.quantize(Decimal("0.01")) < 0 else text


def signed_percent(value: Decimal) -> str:
    text = percent(abs(value))
    rounded = value.quantize(Decimal("0.01"))
    return (MINUS + text) if rounded < 0 else ("+" + text if rounded > 0 else text)


def rate_text(value: Decimal | None, flows: list[Decimal], earns_revenue: bool = True) -> str:
    """A rate of return in percent, or in words why there is none.

    A project without revenue has no financial rate of return even where a residual value is its
    only inflow (the rate that would balance it says nothing about the project's return).
    """
    if all(flow <= 0 for flow in flows):
        return "nie istnieje – wszystkie przepływy są ujemne"
    if not earns_revenue:
        return "nie istnieje – projekt nie generuje przychodów"
    if value is None:
        return "nie istnieje – wartość bieżąca netto nie zmienia znaku"
    return (MINUS if value.quantize(Decimal("0.01")) < 0 else "") + percent(abs(value))


def amounts_text(amounts: YearlyAmounts, default: Decimal | None, default_from: int) -> str:
    """'86 000,00 zł rocznie od 2030 r., realnie +0,50% rocznie; w 2029 r. 32 400,00 zł' (empty: no amounts)."""
    base = amounts.amount if amounts.amount is not None else default
    parts = []
    if base:
        text = f"{money(base)} rocznie od {amounts.from_year or default_from} r."
        if amounts.growth:
            text += f", zmiana realna {signed_percent(amounts.growth)} rocznie"
        parts.append(text)
    if amounts.by_year:
        parts.append(", ".join(f"w {year} r. {money(value)}" for year, value in sorted(amounts.by_year.items())))
    return "; ".join(parts)


def _amount(value: Decimal) -> str:
    return money(value, False) if value else "–"


def financial_view(analysis: Analysis) -> dict[str, Any]:
    rows = analysis.rows
    p = analysis.parameters
    net_c = [r.net_c for r in rows]
    net_k = [r.net_k for r in rows]
    first, last = rows[0].year, rows[-1].year
    cumulative = analysis.cumulative
    view: dict[str, Any] = {
        "period": analysis.reference_period,
        "period_text": plural(analysis.reference_period, "rok", "lata", "lat"),
        "first_year": first, "last_year": last,
        "period_is_default": analysis.period_is_default,
        "kind": p.investment_kind.value,
        "kind_range": REFERENCE_RANGES[p.investment_kind],
        "rate": number(p.discount_rate), "social_rate": number(p.social_discount_rate),
        "conversion_factor": number(p.conversion_factor),
        "residual_value": money(p.residual_value),
        "operating_text": amounts_text(p.operating_costs, analysis.project.operation.annual_costs,
                                       analysis.project.end.year + 1) or "brak",
        "revenue_text": amounts_text(p.revenues, analysis.project.operation.annual_revenue,
                                     analysis.project.end.year + 1) or "projekt nie generuje przychodów",
        "replacement_text": "; ".join(f"{year} r. – {money(value)}" for year, value in sorted(p.replacement_costs.items()))
        or "nie przewiduje się",
        "vat_recoverable": analysis.project.vat_recoverable,
        "flows": [{
            "year": r.year, "investment": _amount(r.investment), "replacement": _amount(r.replacement),
            "operating": _amount(r.operating), "revenue": _amount(r.revenue), "residual": _amount(r.residual),
            "net": signed(r.net_c), "national": _amount(r.national_capital), "net_k": signed(r.net_k),
            "other_k": signed(r.revenue + r.residual - r.replacement - r.operating),
        } for r in rows],
        "flow_totals": {
            "investment": money(analysis.totals("investment"), False),
            "replacement": money(analysis.totals("replacement"), False),
            "operating": money(analysis.totals("operating"), False),
            "revenue": money(analysis.totals("revenue"), False),
            "residual": money(analysis.totals("residual"), False),
            "net": signed(sum(net_c, Decimal(0))),
            "national": money(analysis.totals("national_capital"), False),
            "net_k": signed(sum(net_k, Decimal(0))),
            "other_k": signed(sum((r.revenue + r.residual - r.replacement - r.operating for r in rows), Decimal(0))),
        },
        "fnpv_c": signed(analysis.fnpv_c, True), "fnpv_k": signed(analysis.fnpv_k, True),
        "frr_c": rate_text(analysis.frr_c, net_c, analysis.has_revenue),
        "frr_k": rate_text(analysis.frr_k, net_k, analysis.has_revenue),
        "fnpv_c_negative": analysis.fnpv_c < 0, "fnpv_k_negative": analysis.fnpv_k < 0,
        "has_revenue": analysis.has_revenue,
        "dic": money(analysis.discounted_investment),
        "dnr": signed(analysis.discounted_net_revenue, True),
        "gap_rate": percent(analysis.funding_gap_rate) if analysis.funding_gap_rate is not None else "",
        "gap_eligible": money(analysis.project.eligible_cost * (analysis.funding_gap_rate or 0) / 100),
        "gap_eu_limit": money(analysis.project.eligible_cost * (analysis.funding_gap_rate or 0) / 100
                              * analysis.project.max_eu_rate / 100),
        "gap_eu_ok": analysis.funding_gap_rate is not None and analysis.project.eu_amount * 10000
        <= analysis.project.eligible_cost * analysis.funding_gap_rate * analysis.project.max_eu_rate,
        "support_given": p.budget_support is not None,
        "sustainability": [{
            "year": r.year, "sources": _amount(r.eu + r.national_sources), "revenue": _amount(r.revenue),
            "support": _amount(r.budget_support), "outflows": _amount(r.outflows),
            "net": signed(r.net_sustainability), "cumulative": signed(total),
        } for r, total in zip(rows, cumulative)],
        "sustainability_totals": {
            "sources": money(sum((r.eu + r.national_sources for r in rows), Decimal(0)), False),
            "revenue": money(analysis.totals("revenue"), False),
            "support": money(analysis.totals("budget_support"), False),
            "outflows": money(analysis.totals("outflows"), False),
            "net": signed(sum((r.net_sustainability for r in rows), Decimal(0))),
        },
        "sustainable": not analysis.negative_years,
        "min_cumulative": signed(min(cumulative), True),
        "sensitivity": sensitivity_view(analysis.financial_sensitivity),
    }
    view.update(economic_view(analysis))
    return view


def economic_view(analysis: Analysis) -> dict[str, Any]:
    p = analysis.parameters
    total_weight = sum((c.weight for c in p.multi_criteria), Decimal(0))
    view: dict[str, Any] = {
        "monetised": analysis.monetised,
        "multi_criteria": [{
            "criterion": c, "weight": percent(c.weight, 0) if c.weight == c.weight.to_integral() else percent(c.weight),
            "weighted": number(c.weight * c.score / 100, 2), "weighted_baseline": number(c.weight * c.baseline / 100, 2),
        } for c in p.multi_criteria],
        "mca_total": number(sum((c.weight * c.score / 100 for c in p.multi_criteria), Decimal(0)), 2),
        "mca_baseline": number(sum((c.weight * c.baseline / 100 for c in p.multi_criteria), Decimal(0)), 2),
        "mca_weights": percent(total_weight, 0),
    }
    if not analysis.monetised:
        return view
    rows = analysis.rows
    view.update({
        "benefits": [{
            "benefit": b,
            "quantity": f"{number(b.quantity)} {b.unit}".strip() if b.quantity is not None else "–",
            "unit_value": money(b.unit_value, False) if b.unit_value is not None else "–",
            "yearly": money(b.yearly_amount, False) if b.yearly_amount is not None else "według lat",
            "total": money(sum((r.benefit_items[i] for r in rows), Decimal(0)), False),
        } for i, b in enumerate(p.benefits)],
        "economic_flows": [{
            "year": r.year, "investment": _amount(r.econ_investment), "costs": _amount(r.econ_costs),
            "benefits": _amount(r.benefits), "residual": _amount(r.econ_residual), "net": signed(r.net_e),
        } for r in rows],
        "economic_totals": {
            "investment": money(analysis.totals("econ_investment"), False),
            "costs": money(analysis.totals("econ_costs"), False),
            "benefits": money(analysis.totals("benefits"), False),
            "residual": money(analysis.totals("econ_residual"), False),
            "net": signed(analysis.totals("net_e")),
        },
        "enpv": signed(analysis.enpv, True),
        "err": rate_text(analysis.err, [r.net_e for r in rows]),
        "bc": number(analysis.benefit_cost_ratio, 2) if analysis.benefit_cost_ratio is not None else "nie dotyczy",
        "pv_benefits": money(analysis.discounted_benefits),
        "pv_costs": money(analysis.discounted_economic_costs),
        "worth_doing": analysis.enpv > 0,
        "err_above_rate": analysis.err is not None and analysis.err > p.social_discount_rate,
        "bc_above_one": analysis.benefit_cost_ratio is not None and analysis.benefit_cost_ratio > 1,
        "economic_sensitivity": sensitivity_view(analysis.economic_sensitivity),
    })
    return view


def sensitivity_view(items: list[Sensitivity]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        if not item.present_value:
            switching = "nie dotyczy"
        elif item.switching_value is None:
            switching = "brak"
        else:
            switching = signed_percent(item.switching_value)
        rows.append({"variable": item.variable, "npv": [signed(v, False) for v in item.values],
                     "switching": switching, "critical": "tak" if item.critical else "nie",
                     "applicable": bool(item.present_value)})
    return rows


def demand_view(data: ProjectFile) -> dict[str, Any]:
    demand = data.project.demand
    sectoral = data.application.sectoral_analysis if data.application is not None else None
    texts = {}
    for key in ("demand", "supply", "gap"):
        own = getattr(demand, key) if demand is not None else ""
        texts[key] = own or (getattr(sectoral, key) if sectoral is not None else "")
    figures = [{
        "figure": f, "demand": number(f.demand), "supply": number(f.supply), "gap": number(f.gap),
        "forecast": f"{number(f.forecast)}" + (f" ({f.forecast_year})" if f.forecast_year else "")
        if f.forecast is not None else "–",
    } for f in (demand.figures if demand is not None else [])]
    return {"figures": figures, "present": bool(any(texts.values()) or figures), **texts}


def _chart_value(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def charts(analysis: Analysis) -> dict[str, Chart]:
    """Funding structure, investment outlays per year and the cumulative cash flow, as native charts."""
    project = analysis.project
    invested = [r for r in analysis.rows if r.gross_investment]
    by_kind: dict[str, Decimal] = {}
    for source in project.funding:  # one slice per kind: the table beside it names every source
        label = FUNDING_LABELS[source.kind]
        by_kind[label] = by_kind.get(label, Decimal(0)) + source.amount
    return {
        "funding": Chart(
            "pie", tuple(by_kind), (Series("Źródła finansowania", tuple(by_kind.values())),),
            width_mm=140, height_mm=62,
            description="Struktura finansowania projektu: udział dofinansowania UE i wkładu własnego w koszcie "
                        "całkowitym"),
        "investment": Chart(
            "stacked_column", tuple(str(r.year) for r in invested),
            (Series("Dofinansowanie UE", tuple(_chart_value(r.eu) for r in invested)),
             Series("Wkład krajowy", tuple(_chart_value(r.national_sources) for r in invested))),
            value_axis_title="zł", width_mm=150, height_mm=70,
            description="Nakłady inwestycyjne w latach realizacji projektu według źródła finansowania"),
        "cumulative": Chart(
            "line", tuple(str(r.year) for r in analysis.rows),
            (Series("Skumulowane przepływy pieniężne netto", tuple(_chart_value(v) for v in analysis.cumulative)),),
            value_axis_title="zł", width_mm=160, height_mm=70,
            description="Skumulowane przepływy pieniężne netto w okresie odniesienia (trwałość finansowa)"),
    }


def feasibility_context(data: ProjectFile) -> dict[str, Any]:
    context = project_context(data)
    analysis = analyse(data.project)
    context["fa"] = financial_view(analysis)
    context["wykresy"] = charts(analysis)
    context["popyt"] = demand_view(data)
    return context


def check_analysis(data: ProjectFile) -> list[Problem]:
    """Years inside the reference period, weights adding up, financial sustainability."""

    project = data.project
    path = ("project", "analysis")
    period, _ = reference_period(project)
    first, last = project.start.year, project.start.year + period - 1
    problems: list[Problem] = []
    if last <= project.end.year:
        problems.append(error(
            "analysis.period_too_short",
            f"okres odniesienia ({plural(period, 'rok', 'lata', 'lat')}: {first}–{last}) musi obejmować lata "
            f"realizacji projektu (do {project.end.year} r.) i co najmniej rok eksploatacji",
            path + ("reference_period",) if project.analysis and project.analysis.reference_period else path))
        return problems
    p = project.analysis
    if p is None:
        return problems

    def year_inside(year: int, where: tuple) -> None:
        if not first <= year <= last:
            problems.append(error("analysis.year_outside",
                                  f"rok {year} leży poza okresem odniesienia analizy ({first}–{last})", where))

    for name in ("operating_costs", "revenues", "budget_support"):
        amounts = getattr(p, name)
        if amounts is None:
            continue
        if amounts.from_year is not None:
            year_inside(amounts.from_year, path + (name, "from_year"))
        for year in amounts.by_year:
            year_inside(year, path + (name, "by_year", str(year)))
    for year in p.replacement_costs:
        year_inside(year, path + ("replacement_costs", str(year)))
    for index, benefit in enumerate(p.benefits):
        if benefit.from_year is not None:
            year_inside(benefit.from_year, path + ("benefits", index, "from_year"))
        for year in benefit.by_year:
            year_inside(year, path + ("benefits", index, "by_year", str(year)))
    if p.multi_criteria:
        weights = sum((c.weight for c in p.multi_criteria), Decimal(0))
        if weights != 100:
            problems.append(error("analysis.weights_sum",
                                  f"wagi kryteriów sumują się do {percent(weights)}, a powinny do 100%",
                                  path + ("multi_criteria",)))
    if problems:
        return problems
    analysis = analyse(project)
    negative = analysis.negative_years
    if negative:
        lowest = min(analysis.cumulative)
        problems.append(error(
            "financial.sustainability",
            f"projekt nie jest trwały finansowo: skumulowane przepływy pieniężne netto są ujemne w "
            f"{'roku' if len(negative) == 1 else 'latach'} {', '.join(map(str, negative))} (najniżej "
            f"{signed(lowest, True)}); zwiększ środki budżetów na eksploatację (budget_support) w tych latach "
            "albo zmniejsz koszty",
            path + ("budget_support",)))
    return problems


def check_demand(data: ProjectFile) -> list[Problem]:
    if data.project.demand is None and (data.application is None or data.application.sectoral_analysis is None):
        return [warning("demand.missing",
                        "analiza wykonalności nie ma analizy popytu: dodaj sekcję project.demand (popyt, podaż "
                        "i luka z liczbami i źródłami)", ("project",))]
    return []


def check_economic(data: ProjectFile) -> list[Problem]:
    p = data.project.analysis
    if p is None:
        return [warning("analysis.missing",
                        "brak sekcji project.analysis: analizę finansową policzono z wartościami domyślnymi "
                        "(okres odniesienia 10 lat, stopa 4%), bez analizy ekonomicznej", ("project",))]
    if not p.benefits and not p.multi_criteria:
        return [warning("economic.missing",
                        "brak analizy ekonomicznej: podaj wycenione korzyści (benefits) albo kryteria analizy "
                        "wielokryterialnej (multi_criteria)", ("project", "analysis"))]
    return []


FEASIBILITY_RULES = PROJECT_RULES + (check_analysis, check_demand, check_economic)
