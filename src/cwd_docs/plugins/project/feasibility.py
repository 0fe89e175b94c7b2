"""The feasibility analysis: its context (financial, economic, sensitivity and demand analysis) and rules.

Numbers reach the template already formatted (Polish, minus sign, rounded to the grosz): the
template only places them. The exact values stay in `cwd_docs.domain.cash_flows`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from ...rendering.charts.model import Chart, Series
from ...domain.cash_flows import (FULL_CBA_THRESHOLD_EUR, Analysis, Sensitivity, analyse, budget_support_amounts,
                                  category_years, factors,
                                  first_year_share, reference_period, sign_changes)
from ...domain.financial import (BASIS_GUIDELINES, BASIS_VADEMECUM, REFERENCE_RANGES, AppraisalMethod,
                                 FinancialAnalysis, YearlyAmounts)
from ...domain.unit_values import table as unit_value_table
from ...domain.units import lemma, quantity
from ...domain.indicators import common_indicator
from ...domain.project import FundingKind
from ...formatting import date_long, money, number, percent, plural
from ...problems import Problem, error, warning
from .appraisal_text import appraisal_statements, check_cross_financing, check_funding_gap_with_state_aid
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


def rate_text(value: Decimal | None, flows: list[Decimal]) -> str:
    """A rate of return in percent wherever the flows change sign once, or in words why there is none."""
    if all(flow <= 0 for flow in flows):
        return "nie istnieje – wszystkie przepływy są ujemne"
    if all(flow >= 0 for flow in flows):
        return "nie istnieje – wszystkie przepływy są dodatnie"
    changes = sign_changes(flows)
    if changes > 1:
        return (f"nie wyznacza się – przepływy netto zmieniają znak {changes} razy, więc stopa zwrotu "
                "nie jest jednoznaczna")
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


def _years_text(years: list[int]) -> str:
    if not years:
        return ""
    return f"{years[0]} r." if len(years) == 1 else f"{years[0]}–{years[-1]}"


def financial_view(analysis: Analysis) -> dict[str, Any]:
    rows = analysis.rows
    p = analysis.parameters
    project = analysis.project
    net_c = [r.net_c for r in rows]
    net_k = [r.net_k for r in rows]
    first, last = rows[0].year, rows[-1].year
    cumulative = analysis.cumulative
    start = analysis.operation_start
    share = first_year_share(start)
    cf = factors(p)
    fiscal = p.fiscal_correction
    operating_items = [
        {"item": item, "nature": item.nature.value,
         "years": _years_text(sorted(y for y, v in zip(analysis.years, _category_row(by_year, analysis.years)) if v))}
        for item, by_year in zip(project.costs, category_years(project)) if item.is_operating]
    without = p.without_project
    view: dict[str, Any] = {
        "basis_guidelines": BASIS_GUIDELINES, "basis_vademecum": BASIS_VADEMECUM,
        "period": analysis.reference_period,
        "period_text": plural(analysis.reference_period, "rok", "lata", "lat"),
        "first_year": first, "last_year": last,
        "period_is_default": analysis.period_is_default,
        "kind": p.investment_kind.value,
        "kind_range": REFERENCE_RANGES[p.investment_kind],
        "rate": number(p.discount_rate), "social_rate": number(p.social_discount_rate),
        "conversion_factor": number(p.conversion_factor),
        "factors": {name: number(value) for name, value in cf.items()},
        "fiscal": {"replacement": percent(fiscal.replacement_vat, 0), "operating": percent(fiscal.operating_vat, 0),
                   "residual": percent(fiscal.residual_vat, 0)},
        "residual_value": money(p.residual_value),
        "operation_start": date_long(start),
        "first_share": "pełny rok" if share == 1 else plural(int(share * 12), "miesiąc", "miesiące", "miesięcy"),
        "operating_text": amounts_text(p.operating_costs, project.operation.annual_costs, start.year) or "brak",
        "revenue_text": amounts_text(p.revenues, project.operation.annual_revenue, start.year)
        or "projekt nie generuje przychodów",
        "replacement_text": "; ".join(f"{year} r. – {money(value)}" for year, value in sorted(p.replacement_costs.items()))
        or "nie przewiduje się",
        "vat_recoverable": project.vat_recoverable,
        "operating_items": operating_items,
        "statements": appraisal_statements(analysis),
        "costs": costs_view(analysis),
        "gap_required": analysis.funding_gap_rate is not None,
        "has_without": without is not None,
        "without_description": without.description if without is not None else "",
        "with_without": [{
            "year": r.year, "op_without": _amount(r.operating_without), "op_with": _amount(r.operating_with),
            "saving": signed(r.operating_without - r.operating_with), "rev_without": _amount(r.revenue_without),
            "rev_with": _amount(r.revenue_with), "rev_difference": signed(r.revenue),
        } for r in rows if r.year >= start.year],
        "with_without_totals": {
            "op_without": money(analysis.totals("operating_without"), False),
            "op_with": money(analysis.totals("operating_with"), False),
            "saving": signed(analysis.totals("operating_without") - analysis.totals("operating_with")),
            "rev_without": money(analysis.totals("revenue_without"), False),
            "rev_with": money(analysis.totals("revenue_with"), False),
            "rev_difference": signed(analysis.totals("revenue")),
        },
        "flows": [{
            "year": r.year, "investment": _amount(r.investment), "replacement": _amount(r.replacement),
            "operating": signed(r.operating) if r.operating else "–", "revenue": signed(r.revenue) if r.revenue else "–",
            "residual": _amount(r.residual),
            "net": signed(r.net_c), "national": signed(r.national_capital) if r.national_capital else "–",
            "net_k": signed(r.net_k), "other_k": signed(r.other_k),
        } for r in rows],
        "flow_totals": {
            "investment": money(analysis.totals("investment"), False),
            "replacement": money(analysis.totals("replacement"), False),
            "operating": signed(analysis.totals("operating")),
            "revenue": signed(analysis.totals("revenue")),
            "residual": money(analysis.totals("residual"), False),
            "net": signed(sum(net_c, Decimal(0))),
            "national": signed(analysis.totals("national_capital")),
            "net_k": signed(sum(net_k, Decimal(0))),
            "other_k": signed(analysis.totals("other_k")),
        },
        "fnpv_c": signed(analysis.fnpv_c, True), "fnpv_k": signed(analysis.fnpv_k, True),
        "frr_c": rate_text(analysis.frr_c, net_c),
        "frr_k": rate_text(analysis.frr_k, net_k),
        "frr_c_above_rate": analysis.frr_c is not None and analysis.frr_c > p.discount_rate,
        "frr_c_exists": analysis.frr_c is not None,
        "frr_c_negative": analysis.frr_c is not None and analysis.frr_c < 0,
        "fnpv_c_negative": analysis.fnpv_c < 0, "fnpv_k_negative": analysis.fnpv_k < 0,
        "has_revenue": analysis.has_revenue,
        "dic": money(analysis.discounted_investment),
        "dnr": signed(analysis.discounted_net_revenue, True),
        "gap_rate": percent(analysis.funding_gap_rate) if analysis.funding_gap_rate is not None else "",
        "gap_eligible": money(project.eligible_cost * (analysis.funding_gap_rate or 0) / 100),
        "gap_eu_limit": money(project.eligible_cost * (analysis.funding_gap_rate or 0) / 100
                              * project.max_eu_rate / 100),
        "gap_eu_ok": analysis.funding_gap_rate is not None and project.eu_amount * 10000
        <= project.eligible_cost * analysis.funding_gap_rate * project.max_eu_rate,
        "support_given": p.budget_support is not None,
        "support_text": amounts_text(budget_support_amounts(p), None, start.year) if p.budget_support else "",
        "sustainability": [{
            "year": r.year, "sources": _amount(r.eu + r.national_sources), "revenue": signed(r.revenue) if r.revenue
            else "–", "support": _amount(r.budget_support), "outflows": signed(r.outflows) if r.outflows else "–",
            "net": signed(r.net_sustainability), "cumulative": signed(total),
        } for r, total in zip(rows, cumulative)],
        "sustainability_totals": {
            "sources": money(sum((r.eu + r.national_sources for r in rows), Decimal(0)), False),
            "revenue": signed(analysis.totals("revenue")),
            "support": money(analysis.totals("budget_support"), False),
            "outflows": signed(analysis.totals("outflows")),
            "net": signed(sum((r.net_sustainability for r in rows), Decimal(0))),
        },
        "sustainable": not analysis.negative_years,
        "min_cumulative": signed(min(cumulative), True),
        "sensitivity": sensitivity_view(analysis.financial_sensitivity),
        "critical": _critical_text(analysis.financial_sensitivity),
    }
    view.update(economic_view(analysis))
    view.update(options_view(analysis))
    view.update(method_view(analysis))
    return view


def costs_view(analysis: Analysis) -> dict[str, Any]:
    """Investment categories and the categories that run the service, each with its totals."""
    def totals(items: list) -> dict[str, str]:
        return {name: money(sum((getattr(c, name) for c in items), Decimal(0)), False)
                for name in ("total", "eligible", "ineligible", "vat")}
    investment = [c for c in analysis.project.costs if not c.is_operating]
    operating = [c for c in analysis.project.costs if c.is_operating]
    return {"investment": investment, "operating": operating, "investment_totals": totals(investment),
            "operating_totals": totals(operating)}


def _category_row(by_year: dict[int, Decimal], years: list[int]) -> list[Decimal]:
    return [by_year.get(year, Decimal(0)) for year in years]


def _critical_text(items: list[Sensitivity]) -> str:
    names = [item.variable.lower() for item in items if item.critical]
    if not names:
        return "Żadna zmienna nie jest krytyczna."
    return ("Zmienna krytyczna: " if len(names) == 1 else "Zmienne krytyczne: ") + ", ".join(names) + "."


METHOD_TEXT = {
    AppraisalMethod.FULL_CBA: "pełną analizę kosztów i korzyści (ENPV, ERR, B/C)",
    AppraisalMethod.SIMPLIFIED_CBA: "uproszczoną analizę kosztów i korzyści (ENPV, ERR, B/C z korzyści "
                                    "wycenionych z analizy popytu)",
    AppraisalMethod.COST_EFFECTIVENESS: "analizę efektywności kosztowej – dynamiczny koszt jednostkowy (DGC) "
                                        "wariantów",
    AppraisalMethod.MULTI_CRITERIA: "analizę wielokryterialną",
}


def method_view(analysis: Analysis) -> dict[str, Any]:
    method = analysis.method
    project = analysis.project
    p = analysis.parameters
    if method is None:
        return {"method": "", "method_reason": "", "cba": False, "cea": False, "mca": False}
    if p.method_reason:  # the advisor's own reason, required with a chosen method
        reason = p.method_reason
    else:
        eur = project.total_cost / project.eur_rate
        size = (f"koszt całkowity projektu ({money(project.total_cost)}, ok. {number(eur / 1_000_000, 2)} mln EUR "
                f"po kursie {number(project.eur_rate, 2)} zł) {'osiąga' if eur >= FULL_CBA_THRESHOLD_EUR else 'nie osiąga'} "
                f"progu {number(FULL_CBA_THRESHOLD_EUR / 1_000_000, 0)} mln EUR")
        reason = {
            AppraisalMethod.FULL_CBA: f"korzyści społeczne projektu można wycenić, a {size}",
            AppraisalMethod.SIMPLIFIED_CBA: f"korzyści społeczne projektu można wycenić, a {size}, więc wystarcza "
                                            "analiza uproszczona, z korzyściami wyliczonymi z analizy popytu",
            AppraisalMethod.COST_EFFECTIVENESS: "korzyści projektu nie dają się wiarygodnie wycenić w pieniądzu, "
                                                "a jego efekt jest mierzalny, więc warianty porównuje się kosztem "
                                                "jednostki efektu",
            AppraisalMethod.MULTI_CRITERIA: "korzyści projektu nie dają się wycenić ani zmierzyć jednym efektem, "
                                            "więc ocenia się je według kryteriów z wagami",
        }[method]
    return {"method": method.value, "method_text": METHOD_TEXT[method], "method_reason": reason,
            "method_default": analysis.method_is_default,
            "cba": method in (AppraisalMethod.FULL_CBA, AppraisalMethod.SIMPLIFIED_CBA) and analysis.monetised,
            "cea": method is AppraisalMethod.COST_EFFECTIVENESS,
            "mca": method is AppraisalMethod.MULTI_CRITERIA and bool(p.multi_criteria)}


def options_view(analysis: Analysis) -> dict[str, Any]:
    p = analysis.parameters
    ranked = analysis.ranked_options
    effect = p.cost_effectiveness
    rows = []
    for result in analysis.options:
        rank = ranked.index(result) + 1 if result in ranked else None
        rows.append({
            "name": result.option.name,
            "role": "wybrany" if result.chosen else ("punkt odniesienia" if result.baseline else ""),
            "investment": money(result.investment_pv, False),
            "operating": money(result.operating_pv, False) + (" *" if result.operating_assumed else ""),
            "cost": money(result.cost_pv, False),
            "effect": number(result.effect_pv, 0) if result.effect_pv else "–",
            "dgc": money(result.dgc) if result.dgc is not None else "–",
            "rank": str(rank) if rank else "–",
        })
    best = ranked[0] if ranked else None
    return {
        "options": rows,
        "options_effect": effect.effect if effect else "", "options_unit": effect.unit if effect else "",
        "options_dgc": any(r.dgc is not None for r in analysis.options),
        "options_assumed": any(r.operating_assumed for r in analysis.options),
        "options_best": best.option.name if best else "",
        "options_best_is_chosen": bool(best and best.chosen),
        "options_chosen_dgc": next((money(r.dgc) for r in analysis.options if r.chosen and r.dgc is not None), ""),
    }


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
    figures = {f.id: f for f in (analysis.project.demand.figures if analysis.project.demand else []) if f.id}
    derivation = []
    sources: list[dict[str, str]] = []  # each unit value once, with its source: the table under the derivation
    source_keys: dict[str, int] = {}
    price_year: int | None
    for i, line in enumerate(analysis.benefit_lines):
        b = line.benefit
        if b.demand is not None:
            figure = figures.get(b.demand.figure)
            # the figure by its quantity and unit: its name is in the demand table (a shorter row keeps the table
            # on the page it is introduced on)
            figure_text = quantity(line.figure_value, figure.unit) if figure else b.demand.figure
            quantity_text = f"{figure_text} × {number(b.demand.factor)}"
        elif b.quantity is not None:
            quantity_text = "podana w danych projektu"
        else:
            quantity_text = "kwota roczna podana w danych projektu"
        if line.unit_value is not None:
            u = line.unit_value
            if u.value is not None:
                value_text = f"{money(u.value, False)} {u.unit}"
            else:
                value_text = (f"{money(line.first_value, False)} ({analysis.operation_start.year}) – "
                              f"{money(line.last_value, False)} ({analysis.years[-1]}) {u.unit}")
            source, price_year = u.source + (f"; {b.source}" if b.source else ""), u.price_year
        elif b.unit_value is not None:
            value_text, source, price_year = money(b.unit_value, False) + " zł", b.source, b.price_year
        else:
            value_text, source, price_year = "–", b.source, b.price_year
        ramp = ", ".join(f"{year}: {percent(v, 0)}" for year, v in sorted(b.ramp_up.items())) or "100% od początku"
        key = line.unit_value_key or f"benefit-{i}"
        if key not in source_keys:
            source_keys[key] = len(sources) + 1
            sources.append({"ref": str(len(sources) + 1),
                            "name": line.unit_value.name if line.unit_value is not None else b.name,
                            "value": value_text, "price_year": str(price_year) if price_year else "–",
                            "source": source or ""})
        derivation.append({
            "ref": str(source_keys[key]),
            "name": b.name,
            "quantity": quantity(line.quantity, b.unit) if line.quantity is not None else "–",
            "quantity_text": quantity_text,
            "explanation": b.demand.explanation if b.demand is not None else "",
            "unit_value": value_text, "source": source, "price_year": str(price_year) if price_year else "–",
            "ramp": ramp,
            "total": money(sum((r.benefit_items[i] for r in rows), Decimal(0)), False),
        })
    view.update({
        "benefits": derivation,
        "unit_sources": sources,
        "economic_flows": [{
            "year": r.year, "investment": _amount(r.econ_investment), "costs": signed(r.econ_costs) if r.econ_costs
            else "–", "benefits": _amount(r.benefits), "residual": _amount(r.econ_residual), "net": signed(r.net_e),
        } for r in rows],
        "economic_totals": {
            "investment": money(analysis.totals("econ_investment"), False),
            "costs": signed(analysis.totals("econ_costs")),
            "benefits": money(analysis.totals("benefits"), False),
            "residual": money(analysis.totals("econ_residual"), False),
            "net": signed(analysis.totals("net_e")),
        },
        "fiscal_removed": money(analysis.totals("investment") - analysis.totals("econ_investment")
                                if analysis.parameters.conversion_factors.investment is None
                                and analysis.parameters.conversion_factor == 1 else Decimal(0)),
        "enpv": signed(analysis.enpv, True),
        "err": rate_text(analysis.err, [r.net_e for r in rows]),
        "bc": number(analysis.benefit_cost_ratio, 2) if analysis.benefit_cost_ratio is not None else "nie dotyczy",
        "pv_benefits": money(analysis.discounted_benefits),
        "pv_costs": signed(analysis.discounted_economic_costs, True),
        "worth_doing": analysis.enpv > 0,
        "err_above_rate": analysis.err is not None and analysis.err > p.social_discount_rate,
        "bc_above_one": analysis.benefit_cost_ratio is not None and analysis.benefit_cost_ratio > 1,
        "economic_sensitivity": sensitivity_view(analysis.economic_sensitivity),
        "economic_critical": _critical_text(analysis.economic_sensitivity),
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
        elasticity = signed_percent(item.elasticity) if item.elasticity is not None else "–"
        rows.append({"variable": item.variable, "npv": [signed(v, False) for v in item.values],
                     "switching": switching, "critical": "tak" if item.critical else "nie",
                     "elasticity": elasticity, "applicable": bool(item.present_value)})
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
    invested = [r for r in analysis.rows if r.investment_gross]
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
            (Series("Dofinansowanie UE", tuple(_chart_value(r.eu_investment) for r in invested)),
             Series("Wkład krajowy", tuple(_chart_value(r.investment_gross - r.eu_investment) for r in invested))),
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

    amounts_fields: list[tuple[tuple[str, ...], Any]] = [((name,), getattr(p, name)) for name in ("operating_costs", "revenues", "budget_support")]
    if p.without_project is not None:
        amounts_fields += [(("without_project", name), getattr(p.without_project, name))
                           for name in ("operating_costs", "revenues")]
    for where, amounts in amounts_fields:
        if amounts is None:
            continue
        if amounts.from_year is not None:
            year_inside(amounts.from_year, path + where + ("from_year",))
        for year in amounts.by_year:
            year_inside(year, path + where + ("by_year", str(year)))
    if p.operation_start is not None and not project.start <= p.operation_start <= dt.date(last, 12, 31):
        problems.append(error("analysis.operation_start",
                              f"rozpoczęcie eksploatacji ({date_long(p.operation_start)}) musi leżeć między początkiem "
                              f"projektu ({date_long(project.start)}) a końcem okresu odniesienia ({last} r.)",
                              path + ("operation_start",)))
    for year in p.replacement_costs:
        year_inside(year, path + ("replacement_costs", str(year)))
    for index, benefit in enumerate(p.benefits):
        if benefit.from_year is not None:
            year_inside(benefit.from_year, path + ("benefits", index, "from_year"))
        for year in benefit.by_year:
            year_inside(year, path + ("benefits", index, "by_year", str(year)))
        for year in benefit.ramp_up:
            year_inside(year, path + ("benefits", index, "ramp_up", str(year)))
    if p.multi_criteria:
        weights = sum((c.weight for c in p.multi_criteria), Decimal(0))
        if weights != 100:
            problems.append(error("analysis.weights_sum",
                                  f"wagi kryteriów sumują się do {percent(weights)}, a powinny do 100%",
                                  path + ("multi_criteria",)))
    if problems:
        return problems
    analysis = analyse(project)
    problems += _effects_and_operation(p, analysis, path)
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


EFFECT_NAMES = {"operating_costs": "koszty eksploatacji", "revenues": "przychody"}


def _effects_and_operation(p: FinancialAnalysis, analysis: Analysis, path: tuple) -> list[Problem]:
    """Effects start when the asset or service starts (operation_start): not before it, and not later
    without a reason (for operating costs: the project itself running the service in those years)."""
    start = analysis.operation_start
    problems: list[Problem] = []
    financed = {r.year for r in analysis.rows if r.project_operating}
    flows: list[tuple[tuple, str, Any]] = [((name,), EFFECT_NAMES[name], getattr(p, name))
                                           for name in ("operating_costs", "revenues")]
    flows += [(("benefits", index), f"korzyść „{b.name}”", b) for index, b in enumerate(p.benefits)]
    for where, name, amounts in flows:
        early = sorted(y for y, v in amounts.by_year.items() if y < start.year and v)
        if amounts.from_year is not None and amounts.from_year < start.year:
            early.insert(0, amounts.from_year)
        if early:
            problems.append(error(
                "analysis.effect_before_operation",
                f"{name} w {early[0]} r. – przed rozpoczęciem eksploatacji ({date_long(start)}, operation_start): "
                "efekty liczą się od dnia, w którym obiekt lub usługa zaczyna działać; popraw rok albo "
                "operation_start", path + where + (("from_year",) if amounts.from_year in early[:1] else
                                                   ("by_year", str(early[0])))))
            continue
        if amounts.from_year is None or amounts.from_year <= start.year:
            continue
        missing = [y for y in range(start.year, amounts.from_year)
                   if where != ("operating_costs",) or y not in financed]
        if missing:
            problems.append(warning(
                "analysis.effect_after_operation",
                f"{name} liczą się od {amounts.from_year} r., a eksploatacja zaczyna się {date_long(start)} "
                f"(operation_start): w {_years_text(missing)} pominięto je"
                + (" i projekt nie finansuje w tych latach prowadzenia usługi" if where == ("operating_costs",)
                   else "") + "; usuń from_year (efekty od rozpoczęcia eksploatacji, w pierwszym roku za jego "
                "miesiące) albo przesuń operation_start", path + where + ("from_year",)))
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
    path = ("project", "analysis")
    problems: list[Problem] = []
    if p.method is not None:
        if not p.method_reason:
            problems.append(error("analysis.method_reason",
                                  f"podano metodę „{p.method.value}”: uzasadnij jej wybór w polu method_reason "
                                  "(wielkość projektu, rodzaj, czy korzyści da się wycenić)", path + ("method",)))
        needs = {
            AppraisalMethod.FULL_CBA: (bool(p.benefits), "wycenionych korzyści (benefits)"),
            AppraisalMethod.SIMPLIFIED_CBA: (bool(p.benefits), "wycenionych korzyści (benefits)"),
            AppraisalMethod.COST_EFFECTIVENESS: (
                p.cost_effectiveness is not None and any(o.annual_effect for o in data.project.options),
                "efektu (cost_effectiveness) i rocznych efektów wariantów (options[].annual_effect)"),
            AppraisalMethod.MULTI_CRITERIA: (bool(p.multi_criteria), "kryteriów (multi_criteria)"),
        }
        present, what = needs[p.method]
        if not present:
            problems.append(error("analysis.method_data", f"metoda „{p.method.value}” wymaga {what}",
                                  path + ("method",)))
        return problems
    if not p.benefits and not p.multi_criteria and p.cost_effectiveness is None:
        problems.append(warning("economic.missing",
                                "brak analizy ekonomicznej: podaj wycenione korzyści (benefits), efekt wariantów do "
                                "analizy efektywności kosztowej (cost_effectiveness i options[].annual_effect) albo "
                                "kryteria analizy wielokryterialnej (multi_criteria)", path))
    return problems


def check_benefits(data: ProjectFile) -> list[Problem]:
    """Benefits read existing demand figures and unit values; unverified unit values warn the advisor."""
    project = data.project
    p = project.analysis
    if p is None:
        return []
    path = ("project", "analysis", "benefits")
    figures = {f.id for f in (project.demand.figures if project.demand else []) if f.id}
    values = unit_value_table(p.unit_values)
    problems: list[Problem] = []
    unverified: list[str] = []
    for index, benefit in enumerate(p.benefits):
        if benefit.demand is not None and benefit.demand.figure not in figures:
            known = ", ".join(sorted(figures)) or "brak wielkości z identyfikatorem (id)"
            problems.append(error("benefit.demand_unknown",
                                  f"korzyść „{benefit.name}” bierze ilość z wielkości „{benefit.demand.figure}”, "
                                  f"której nie ma w analizie popytu (project.demand.figures: {known})",
                                  path + (index, "demand", "figure")))
        if benefit.parameter is not None:
            found = values.get(benefit.parameter)
            if found is None:
                problems.append(error("benefit.parameter_unknown",
                                      f"nie ma wartości jednostkowej „{benefit.parameter}” w tabeli programu ani "
                                      f"w analysis.unit_values; dostępne: {', '.join(sorted(values))}",
                                      path + (index, "parameter")))
            elif not found.verified and benefit.parameter not in unverified:
                unverified.append(benefit.parameter)
        if benefit.demand is None and benefit.quantity is None:
            problems.append(warning("benefit.lump_sum",
                                    f"korzyść „{benefit.name}” podano kwotą, a nie ilością z analizy popytu × wartość "
                                    "jednostkowa: podaj demand (wielkość z project.demand.figures) i parameter",
                                    path + (index,)))
    if unverified and not p.parameters_confirmed:
        listed = "; ".join(f"{key} ({values[key].source}, ceny {values[key].price_year} r.)" for key in unverified)
        problems.append(warning("appraisal.unverified",
                                f"wartości jednostkowe z tabeli programu trzeba potwierdzić w aktualnym wydaniu źródła "
                                f"(wartość i rok cen) albo zastąpić w analysis.unit_values: {listed}", path))
    return problems


def check_basis(data: ProjectFile) -> list[Problem]:
    """The 2021–2027 basis: what is a parameter the advisor confirms, and no 2014–2020 act cited."""
    project = data.project
    p = project.analysis or FinancialAnalysis()
    problems = []
    period, default = reference_period(project)
    if p.parameters_confirmed:
        assumed: list[str] = []
    else:
        assumed = [f"finansowa stopa dyskontowa {percent(p.discount_rate, 0)}"]
    if assumed and p.benefits:
        assumed.append(f"społeczna stopa dyskontowa {percent(p.social_discount_rate, 0)}")
    if assumed and default:
        assumed.append(f"okres odniesienia {plural(period, 'rok', 'lata', 'lat')} dla rodzaju „{p.investment_kind.value}”")
    if assumed:
        problems.append(warning("appraisal.basis_unverified",
                                "wartości z wytycznych 2014–2020 przyjęte dla 2021–2027 (" + ", ".join(assumed) + ") "
                                "potwierdź w Wytycznych MFiPR dotyczących projektów inwestycyjnych 2021–2027 "
                                "i regulaminie naboru, potem ustaw analysis.parameters_confirmed: true; dokument podaje "
                                "je jako parametry ze źródłem", ("project", "analysis")))
    for where, text in _texts(data.model_dump(mode="python", include={"project", "application"})):
        found = OLD_ACTS.search(text)
        if found:
            problems.append(warning("appraisal.old_basis",
                                    f"tekst powołuje akt z lat 2014–2020 („{found.group(0)}”), który nie jest podstawą "
                                    "dokumentów 2021–2027; powołaj rozporządzenie 2021/1060 albo wytyczne 2021–2027",
                                    where))
    return problems


OLD_ACTS = re.compile(r"(480/2014|1303/2013)")


def _texts(value: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [item for key, inner in value.items() for item in _texts(inner, path + (key,))]
    if isinstance(value, list):
        return [item for index, inner in enumerate(value) for item in _texts(inner, path + (index,))]
    return []


def check_operation(data: ProjectFile) -> list[Problem]:
    """Operating categories need years; demand agrees with indicators; Wariant 0 is present."""
    project = data.project
    problems: list[Problem] = []
    tasks = {t.id for t in project.tasks}
    for index, item in enumerate(project.costs):
        if item.is_operating and (not item.task or item.task not in tasks):
            problems.append(error("costs.operating_without_years",
                                  f"koszt „{item.category}” ({item.nature.value}) nie ma lat, w których jest ponoszony: "
                                  "wskaż zadanie (task) – analiza ujmie go jako koszt eksploatacji w latach zadania",
                                  ("project", "costs", index)))
    # Cross-financing above 15% of the eligible cost: appraisal_text.check_cross_financing.
    tolerance = (project.analysis or FinancialAnalysis()).demand_tolerance
    indicators = {i.code: i for i in project.indicators if i.code}
    for index, figure in enumerate(project.demand.figures if project.demand else []):
        if figure.indicator is None:
            continue
        indicator = indicators.get(figure.indicator)
        if indicator is None:
            problems.append(error("demand.indicator_unknown",
                                  f"wielkość „{figure.name}” odnosi się do wskaźnika {figure.indicator}, którego "
                                  "projekt nie ma", ("project", "demand", "figures", index, "indicator")))
            continue
        accepted = {lemma(u) for u in (indicator.unit, *(getattr(common_indicator(indicator.code), "units", ())))}
        if lemma(figure.unit) not in accepted:
            problems.append(warning(
                "demand.indicator_unit",
                f"wielkość „{figure.name}” liczy {figure.unit}, a wskaźnik {indicator.code} – {indicator.unit}: to różne "
                "wielkości (np. przejazdy to nie użytkownicy), więc analiza popytu i wskaźnik rezultatu się nie "
                "zgadzają; podaj w analizie popytu tę wielkość, którą mierzy wskaźnik, albo usuń indicator",
                ("project", "demand", "figures", index, "unit")))
        implied = figure.expected * figure.per_year
        if indicator.target and abs(implied - indicator.target) * 100 > indicator.target * tolerance:
            problems.append(warning(
                "demand.indicator_mismatch",
                f"analiza popytu daje {quantity(implied, indicator.unit)} ({quantity(figure.expected, figure.unit)} × "
                f"{number(figure.per_year)}), a wskaźnik {indicator.code} ma wartość docelową {number(indicator.target)} "
                f"– różnica {percent(abs(implied - indicator.target) * 100 / indicator.target)} przekracza "
                f"dopuszczalne {percent(tolerance, 0)}", ("project", "demand", "figures", index)))
    if not any(o.is_baseline for o in project.options):
        problems.append(warning("options.no_baseline",
                                "analiza wariantów nie ma wariantu 0 (bezinwestycyjnego): dodaj go do options "
                                "(baseline: true) – to punkt odniesienia metody różnicowej", ("project", "options")))
    return problems


FEASIBILITY_RULES = PROJECT_RULES + (check_analysis, check_demand, check_economic, check_benefits, check_basis,
                                     check_operation, check_cross_financing,
                                     check_funding_gap_with_state_aid)
