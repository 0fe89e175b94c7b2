"""Financial and economic analysis of a project: yearly cash flows and their indicators.

Incremental method (with the project minus without it, Wariant 0) in constant prices, flows at the
end of each year, the first year of the reference period (the year the project starts) discounted
with t = 0. Costs a category marks as operation (running the service, ESF+-type activities) are
operating flows in the years of their task, not investment. Effects (operating costs, revenue,
benefits) start on the day operation starts, for the months of it in its first year. The economic
analysis removes VAT per cost category and year where VAT is in the financial flow (land carries
none), and from replacement, operating costs and the residual value at their stated rates, then
applies the stated conversion factors. Everything is Decimal and exact to 28 significant digits;
rounding happens only when a document prints a value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Callable, Sequence

from .financial import (REFERENCE_PERIODS, AppraisalMethod, Benefit, FinancialAnalysis, UnitValue,
                        YearlyAmounts)
from .partner_split import partner_split
from .project import CostNature, Option, Project
from .schedule import year_split
from .unit_values import table, value_in

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
SCENARIOS = (Decimal(-20), Decimal(-10), Decimal(10), Decimal(20))
FULL_CBA_THRESHOLD_EUR = Decimal(5_000_000)  # below it a simplified CBA is proportionate (Vademecum 2021–2027)
CROSS_FINANCING_LIMIT = Decimal(15)  # percent of a priority's support for ESF+-type activities (CPR art. 25 ust. 2)


def npv(rate_percent: Decimal, flows: Sequence[Decimal]) -> Decimal:
    """Net present value of flows at the end of years 0, 1, 2, … at a rate given in percent."""
    factor = 1 + rate_percent / HUNDRED
    total, discount = ZERO, Decimal(1)
    for flow in flows:
        total += flow / discount
        discount *= factor
    return total


def sign_changes(flows: Sequence[Decimal]) -> int:
    """How many times the non-zero flows change sign (one: a single, meaningful rate of return)."""
    signs = [flow > 0 for flow in flows if flow]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def irr(flows: Sequence[Decimal]) -> Decimal | None:
    """The internal rate of return in percent where the flows change sign exactly once, else None.

    With one change of sign NPV is monotonic in the rate and the root is unique: it is searched
    between -99% and 1000% on a 1-point grid and narrowed by bisection. With several changes there
    may be several roots or none, and no rate describes the project.
    """
    if sign_changes(flows) != 1:
        return None
    with localcontext() as context:
        context.prec = 40
        previous_rate = Decimal(-99)
        previous = npv(previous_rate, flows)
        rate = previous_rate
        while rate < 1000:
            rate = previous_rate + 1
            value = npv(rate, flows)
            if value == 0:
                return rate
            if (previous > 0) != (value > 0):
                low, high, low_value = previous_rate, rate, previous
                for _ in range(80):
                    middle = (low + high) / 2
                    middle_value = npv(middle, flows)
                    if (middle_value > 0) == (low_value > 0):
                        low, low_value = middle, middle_value
                    else:
                        high = middle
                return +((low + high) / 2)
            previous_rate, previous = rate, value
    return None


def operation_start(project: Project) -> dt.date:
    parameters = project.analysis or FinancialAnalysis()
    return parameters.operation_start or project.end + dt.timedelta(days=1)


def first_year_share(start: dt.date) -> Decimal:
    """The part of its first year an effect starting on this day is counted for: its whole months."""
    months = 12 - start.month + (1 if start.day == 1 else 0)
    return Decimal(months) / 12


def yearly(amounts: YearlyAmounts | None, years: Sequence[int], default_amount: Decimal | None,
           start: dt.date, unit_values: Callable[[int], Decimal] | None = None,
           ramp_up: dict[int, Decimal] | None = None) -> dict[int, Decimal]:
    """Amounts per year from the first year on, by_year overriding.

    The first year is from_year or the year operation starts. The year operation starts counts for
    its months only (an effect cannot run before the asset or service does), a later from_year
    whole. Each year: base × (1 + growth)^(year − first) × ramp-up, where base is the amount or
    quantity × the unit value of that year.
    """
    result = {year: ZERO for year in years}
    if amounts is None:
        amounts = YearlyAmounts()
    base = amounts.amount if amounts.amount is not None else default_amount
    first = amounts.from_year if amounts.from_year is not None else start.year
    share_first = first_year_share(start) if first == start.year else ONE
    if base is not None or unit_values is not None:
        factor = 1 + amounts.growth / HUNDRED
        for year in years:
            if year < first:
                continue
            value = base if unit_values is None else base * unit_values(year)
            value = value * factor ** (year - first) * (ramp_up or {}).get(year, HUNDRED) / HUNDRED
            result[year] = value * (share_first if year == first else ONE)
    for year, value in amounts.by_year.items():
        if year in result:
            result[year] = value
    return result


def budget_support_amounts(parameters: FinancialAnalysis) -> YearlyAmounts | None:
    """The budgets' support as counted: from the first year of the operating costs outside the project
    (operating_costs.from_year) unless it names its own first year."""
    support = parameters.budget_support
    if support is not None and support.from_year is None and parameters.operating_costs.from_year is not None:
        return support.model_copy(update={"from_year": parameters.operating_costs.from_year})
    return support


def without_vat(amount: Decimal, rate: Decimal) -> Decimal:
    return amount * HUNDRED / (HUNDRED + rate)


def category_years(project: Project) -> list[dict[int, Decimal]]:
    """Each cost category's gross amount per year, from the years of its task.

    A category naming its task takes its share (by total) of that task's yearly split; categories
    naming no task share, by total, the yearly costs of the tasks no category names.
    """
    splits = {task.id: year_split(task) for task in project.tasks}
    named = {item.task for item in project.costs if item.task}
    linked_totals: dict[str, Decimal] = {}
    for item in project.costs:
        if item.task:
            linked_totals[item.task] = linked_totals.get(item.task, ZERO) + item.total
    pool: dict[int, Decimal] = {}
    for task in project.tasks:
        if task.id not in named:
            for year, amount in splits[task.id].items():
                pool[year] = pool.get(year, ZERO) + amount
    unlinked = sum((item.total for item in project.costs if not item.task), ZERO)
    result = []
    for item in project.costs:
        if item.task and item.task in splits and linked_totals[item.task]:
            share = item.total / linked_totals[item.task]
            result.append({year: amount * share for year, amount in splits[item.task].items()})
        elif not item.task and unlinked:
            result.append({year: amount * item.total / unlinked for year, amount in pool.items()})
        else:
            result.append({})
    return result


@dataclass
class FlowRow:
    """One year of the reference period."""

    year: int
    investment: Decimal = ZERO  # financial investment outlays (gross of VAT unless recoverable)
    spending: Decimal = ZERO  # what the funding sources pay that year (investment and operation categories)
    investment_gross: Decimal = ZERO  # investment categories' cost that year as the sources pay it (with VAT)
    eligible_investment: Decimal = ZERO  # the eligible part of investment categories' cost that year
    eligible_spending: Decimal = ZERO  # the eligible part of all categories' cost that year
    replacement: Decimal = ZERO
    project_operating: Decimal = ZERO  # operation categories financed by the project
    operating_with: Decimal = ZERO
    operating_without: Decimal = ZERO
    revenue_with: Decimal = ZERO
    revenue_without: Decimal = ZERO
    residual: Decimal = ZERO
    eu: Decimal = ZERO
    national_sources: Decimal = ZERO  # own contribution and other non-EU sources paid that year
    budget_support: Decimal = ZERO
    benefits: Decimal = ZERO
    benefit_items: list[Decimal] = field(default_factory=list)
    econ_investment: Decimal = ZERO
    econ_operating: Decimal = ZERO
    econ_replacement: Decimal = ZERO
    econ_residual: Decimal = ZERO

    @property
    def operating(self) -> Decimal:
        """Incremental operating cost: the project's operation categories and with minus without (a saving is negative)."""
        return self.project_operating + self.operating_with - self.operating_without

    @property
    def revenue(self) -> Decimal:
        return self.revenue_with - self.revenue_without

    @property
    def net_c(self) -> Decimal:
        return self.revenue + self.residual - self.investment - self.replacement - self.operating

    @property
    def eu_investment(self) -> Decimal:
        """The EU grant's part that pays investment categories that year (EU follows eligible cost)."""
        return self.eu * self.eligible_investment / self.eligible_spending if self.eligible_spending else ZERO

    @property
    def national_capital(self) -> Decimal:
        """What national capital pays of the project's spending that year (everything but the EU grant)."""
        return self.investment + self.project_operating - self.eu

    @property
    def other_k(self) -> Decimal:
        return self.revenue + self.residual - self.replacement - (self.operating - self.project_operating)

    @property
    def net_k(self) -> Decimal:
        return self.other_k - self.national_capital

    @property
    def econ_costs(self) -> Decimal:
        return self.econ_operating + self.econ_replacement

    @property
    def inflows(self) -> Decimal:
        return self.eu + self.national_sources + self.revenue + self.budget_support

    @property
    def outflows(self) -> Decimal:
        return self.spending + self.replacement + self.operating - self.project_operating

    @property
    def net_sustainability(self) -> Decimal:
        return self.inflows - self.outflows

    @property
    def net_e(self) -> Decimal:
        return self.benefits + self.econ_residual - self.econ_investment - self.econ_costs


@dataclass
class Sensitivity:
    """NPV with one variable changed by -20, -10, +10 and +20%; its elasticity, switching value, criticality."""

    variable: str
    present_value: Decimal  # discounted value of the variable at the base case
    values: list[Decimal]  # NPV per scenario of SCENARIOS
    switching_value: Decimal | None  # percent change bringing NPV to zero; None when none exists
    critical: bool
    elasticity: Decimal | None  # percent change of NPV when the variable grows by 1%


@dataclass
class BenefitLine:
    """How one benefit is derived: quantity × unit value × ramp-up."""

    benefit: Benefit
    quantity: Decimal | None
    figure_value: Decimal | None  # the demand figure the quantity comes from
    unit_value: UnitValue | None  # from the table or the project; None when typed on the benefit
    unit_value_key: str | None
    first_value: Decimal | None  # the unit value in złoty in the first year of effects
    last_value: Decimal | None


@dataclass
class OptionResult:
    option: Option
    chosen: bool
    baseline: bool
    investment_pv: Decimal
    operating_pv: Decimal
    effect_pv: Decimal | None
    operating_assumed: bool  # a non-chosen option without its own operating cost: the chosen one's is used

    @property
    def cost_pv(self) -> Decimal:
        return self.investment_pv + self.operating_pv

    @property
    def dgc(self) -> Decimal | None:
        return self.cost_pv / self.effect_pv if self.effect_pv else None


@dataclass
class Analysis:
    project: Project
    parameters: FinancialAnalysis
    reference_period: int
    period_is_default: bool
    operation_start: dt.date
    rows: list[FlowRow]
    fnpv_c: Decimal
    frr_c: Decimal | None
    fnpv_k: Decimal
    frr_k: Decimal | None
    discounted_investment: Decimal
    discounted_net_revenue: Decimal
    funding_gap_rate: Decimal | None  # percent, only where the project earns revenue and a gap is required
    cumulative: list[Decimal]
    enpv: Decimal | None
    err: Decimal | None
    benefit_cost_ratio: Decimal | None
    discounted_benefits: Decimal | None
    discounted_economic_costs: Decimal | None
    financial_sensitivity: list[Sensitivity]
    economic_sensitivity: list[Sensitivity]
    benefit_lines: list[BenefitLine]
    options: list[OptionResult]
    method: AppraisalMethod | None
    method_is_default: bool

    @property
    def years(self) -> list[int]:
        return [row.year for row in self.rows]

    @property
    def has_revenue(self) -> bool:
        return any(row.revenue for row in self.rows)

    @property
    def generates_net_revenue(self) -> bool:
        """Whether the project earns net revenue: discounted revenue and residual value above discounted operating
        and replacement costs (the one decision the feasibility analysis and the application outline both state)."""
        return self.has_revenue and self.discounted_net_revenue > 0

    @property
    def has_without(self) -> bool:
        return self.parameters.without_project is not None

    @property
    def monetised(self) -> bool:
        return bool(self.parameters.benefits)

    @property
    def negative_years(self) -> list[int]:
        return [row.year for row, total in zip(self.rows, self.cumulative) if total < 0]

    @property
    def cross_financing(self) -> Decimal:
        """Eligible cost of ESF+-type activities (cross-financing, CPR art. 25 ust. 2)."""
        return sum((c.eligible for c in self.project.costs if c.nature is CostNature.ESF), ZERO)

    @property
    def cross_financing_share(self) -> Decimal:
        """Cross-financing in percent of the project's eligible cost."""
        eligible = self.project.eligible_cost
        return self.cross_financing * HUNDRED / eligible if eligible else ZERO

    @property
    def cross_financing_above_limit(self) -> bool:
        return self.cross_financing_share > CROSS_FINANCING_LIMIT

    @property
    def ranked_options(self) -> list[OptionResult]:
        """Options that deliver the effect by DGC, else by discounted cost; Wariant 0 last as the reference."""
        with_effect = [o for o in self.options if o.dgc is not None]
        if with_effect:
            return sorted(with_effect, key=lambda o: o.dgc)  # type: ignore[arg-type, return-value]
        return sorted((o for o in self.options if not o.baseline), key=lambda o: o.cost_pv)

    def totals(self, attribute: str) -> Decimal:
        return sum((getattr(row, attribute) for row in self.rows), ZERO)


def reference_period(project: Project) -> tuple[int, bool]:
    parameters = project.analysis or FinancialAnalysis()
    if parameters.reference_period is not None:
        return parameters.reference_period, False
    return REFERENCE_PERIODS[parameters.investment_kind], True


def factors(parameters: FinancialAnalysis) -> dict[str, Decimal]:
    given = parameters.conversion_factors
    return {name: getattr(given, name) if getattr(given, name) is not None else parameters.conversion_factor
            for name in ("investment", "operating", "replacement", "residual")}


def proportional_method(project: Project) -> AppraisalMethod | None:
    """The method the data supports, by the project's size and whether benefits are monetised."""
    p = project.analysis or FinancialAnalysis()
    if p.benefits:
        big = project.total_cost >= FULL_CBA_THRESHOLD_EUR * project.eur_rate
        return AppraisalMethod.FULL_CBA if big else AppraisalMethod.SIMPLIFIED_CBA
    if p.multi_criteria:
        return AppraisalMethod.MULTI_CRITERIA
    if p.cost_effectiveness is not None and any(o.annual_effect for o in project.options):
        return AppraisalMethod.COST_EFFECTIVENESS
    return None


def benefit_lines(project: Project) -> list[BenefitLine]:
    p = project.analysis or FinancialAnalysis()
    values = table(p.unit_values)
    figures = {f.id: f for f in (project.demand.figures if project.demand else []) if f.id}
    start = operation_start(project).year
    lines = []
    for benefit in p.benefits:
        figure_value = quantity = None
        if benefit.demand is not None:
            figure = figures.get(benefit.demand.figure)
            figure_value = figure.expected if figure is not None else ZERO
            quantity = figure_value * benefit.demand.factor
        elif benefit.quantity is not None:
            quantity = benefit.quantity
        unit_value = values.get(benefit.parameter) if benefit.parameter else None
        last = project.start.year + reference_period(project)[0] - 1
        first_value = last_value = benefit.unit_value
        if unit_value is not None:
            first_value = value_in(unit_value, start, project.eur_rate)
            last_value = value_in(unit_value, last, project.eur_rate)
        lines.append(BenefitLine(benefit, quantity, figure_value, unit_value, benefit.parameter, first_value,
                                 last_value))
    return lines


def _benefit_series(line: BenefitLine, project: Project, years: list[int], start: dt.date) -> dict[int, Decimal]:
    benefit = line.benefit
    ramp = {year: value for year, value in benefit.ramp_up.items()}
    if line.quantity is None:
        return yearly(benefit, years, None, start, ramp_up=ramp)
    quantity = line.quantity
    if line.unit_value is not None:
        unit_value = line.unit_value
        return yearly(benefit.model_copy(update={"amount": quantity}), years, None, start,
                      unit_values=lambda year: value_in(unit_value, year, project.eur_rate), ramp_up=ramp)
    return yearly(benefit.model_copy(update={"amount": quantity * (benefit.unit_value or ZERO)}), years, None,
                  start, ramp_up=ramp)


def analyse(project: Project) -> Analysis:
    parameters = project.analysis or FinancialAnalysis()
    period, is_default = reference_period(project)
    years = list(range(project.start.year, project.start.year + period))
    rows = {year: FlowRow(year) for year in years}
    cf = factors(parameters)
    fiscal = parameters.fiscal_correction
    recoverable = project.vat_recoverable

    total = project.total_cost
    for item, by_year in zip(project.costs, category_years(project)):
        net_share = (item.total - item.vat) / item.total if item.total else ONE
        for year, gross in by_year.items():
            if year not in rows:
                continue
            row = rows[year]
            paid = gross * net_share if recoverable else gross
            eligible = gross * item.eligible / item.total if item.total else ZERO
            row.spending += gross
            row.eligible_spending += eligible
            if item.is_operating:
                row.project_operating += paid
                row.econ_operating += gross * net_share * cf["operating"]
            else:
                row.investment += paid
                row.investment_gross += gross
                row.eligible_investment += eligible
                row.econ_investment += gross * net_share * cf["investment"]
    # EU money by year as the schedule has it: each task's EU follows its eligible cost in the years it is
    # incurred (partner_split), so national capital per year equals the schedule's own contribution and other
    # national sources of that year.
    split = partner_split(project)
    for year, row in rows.items():
        row.eu = split.year(year).eu
        row.national_sources = row.spending - row.eu

    start = operation_start(project)
    without = parameters.without_project
    operating_with = yearly(parameters.operating_costs, years, project.operation.annual_costs, start)
    revenue_with = yearly(parameters.revenues, years, project.operation.annual_revenue, start)
    operating_without = yearly(without.operating_costs if without else None, years, None, start)
    revenue_without = yearly(without.revenues if without else None, years, None, start)

    def economic(amount: Decimal, rate: Decimal) -> Decimal:
        return amount if recoverable else without_vat(amount, rate)

    for year in years:
        row = rows[year]
        row.operating_with, row.operating_without = operating_with[year], operating_without[year]
        row.revenue_with, row.revenue_without = revenue_with[year], revenue_without[year]
        row.replacement = parameters.replacement_costs.get(year, ZERO)
        row.econ_operating += economic(row.operating_with - row.operating_without, fiscal.operating_vat) \
            * cf["operating"]
        row.econ_replacement = economic(row.replacement, fiscal.replacement_vat) * cf["replacement"]
    running = {year: rows[year].operating - rows[year].project_operating for year in years}
    if parameters.budget_support is None:
        for year, row in rows.items():
            row.budget_support = max(ZERO, running[year] + row.replacement - row.revenue)
    else:
        # Budgets pay for running the service from the year it is no longer the project's: the first year of the
        # operating costs outside the project unless the support names its own.
        support = yearly(budget_support_amounts(parameters), years, None, start)
        for year in years:
            rows[year].budget_support = support[year]
    lines = benefit_lines(project)
    benefit_series = [_benefit_series(line, project, years, start) for line in lines]
    for year in years:
        row = rows[year]
        row.benefit_items = [series[year] for series in benefit_series]
        row.benefits = sum(row.benefit_items, ZERO)
    last = rows[years[-1]]
    last.residual = parameters.residual_value
    last.econ_residual = economic(parameters.residual_value, fiscal.residual_vat) * cf["residual"]

    ordered = [rows[year] for year in years]
    rate, social = parameters.discount_rate, parameters.social_discount_rate
    fnpv_c = npv(rate, [r.net_c for r in ordered])
    fnpv_k = npv(rate, [r.net_k for r in ordered])
    discounted_investment = npv(rate, [r.investment for r in ordered])
    discounted_net_revenue = npv(rate, [r.revenue - r.operating - r.replacement + r.residual for r in ordered])
    gap = None
    if parameters.funding_gap and any(r.revenue for r in ordered) and discounted_investment:
        gap = min(HUNDRED, max(ZERO, (discounted_investment - discounted_net_revenue) / discounted_investment * HUNDRED))
    cumulative, running_total = [], ZERO
    for row in ordered:
        running_total += row.net_sustainability
        cumulative.append(running_total)

    enpv = err = ratio = pv_benefits = pv_costs = None
    if parameters.benefits:
        enpv = npv(social, [r.net_e for r in ordered])
        err = irr([r.net_e for r in ordered])
        pv_benefits = npv(social, [r.benefits + r.econ_residual for r in ordered])
        pv_costs = npv(social, [r.econ_investment + r.econ_costs for r in ordered])
        ratio = pv_benefits / pv_costs if pv_costs else None

    def net_c(r: FlowRow) -> Decimal:
        return r.net_c

    def net_e(r: FlowRow) -> Decimal:
        return r.net_e

    financial: list[Sensitivity] = [_sensitivity("Nakłady inwestycyjne", ordered, rate, net_c, lambda r: -r.investment, fnpv_c)]
    if any(r.project_operating for r in ordered):
        financial.append(_sensitivity("Koszty eksploatacji w projekcie", ordered, rate, net_c,
                                      lambda r: -r.project_operating, fnpv_c))
    if without is not None:
        financial += [
            _sensitivity("Koszty eksploatacji z projektem", ordered, rate, net_c, lambda r: -r.operating_with, fnpv_c),
            _sensitivity("Koszty eksploatacji bez projektu", ordered, rate, net_c, lambda r: r.operating_without,
                         fnpv_c)]
    else:
        financial.append(_sensitivity("Koszty eksploatacji", ordered, rate, net_c, lambda r: -r.operating_with, fnpv_c))
    financial += [
        _sensitivity("Nakłady odtworzeniowe", ordered, rate, net_c, lambda r: -r.replacement, fnpv_c),
        _sensitivity("Przychody", ordered, rate, net_c, lambda r: r.revenue, fnpv_c),
        _sensitivity("Wartość rezydualna", ordered, rate, net_c, lambda r: r.residual, fnpv_c),
    ]
    economic_rows: list[Sensitivity] = []
    if enpv is not None:
        economic_rows = [
            _sensitivity("Koszty inwestycyjne", ordered, social, net_e, lambda r: -r.econ_investment, enpv),
            _sensitivity("Koszty eksploatacji", ordered, social, net_e, lambda r: -r.econ_operating, enpv),
            _sensitivity("Nakłady odtworzeniowe", ordered, social, net_e, lambda r: -r.econ_replacement, enpv),
            _sensitivity("Wartość rezydualna", ordered, social, net_e, lambda r: r.econ_residual, enpv),
            _sensitivity("Korzyści społeczne razem", ordered, social, net_e, lambda r: r.benefits, enpv),
        ]
        if len(lines) > 1:
            for index, line in enumerate(lines):
                economic_rows.append(_sensitivity(line.benefit.name, ordered, social, net_e,
                                                  lambda r, i=index: r.benefit_items[i], enpv))
    chosen_method = parameters.method or proportional_method(project)
    return Analysis(
        project=project, parameters=parameters, reference_period=period, period_is_default=is_default,
        operation_start=start, rows=ordered, fnpv_c=fnpv_c, frr_c=irr([r.net_c for r in ordered]), fnpv_k=fnpv_k,
        frr_k=irr([r.net_k for r in ordered]), discounted_investment=discounted_investment,
        discounted_net_revenue=discounted_net_revenue, funding_gap_rate=gap, cumulative=cumulative,
        enpv=enpv, err=err, benefit_cost_ratio=ratio, discounted_benefits=pv_benefits,
        discounted_economic_costs=pv_costs, financial_sensitivity=financial, economic_sensitivity=economic_rows,
        benefit_lines=lines, options=compare_options(project, ordered, start, rate),
        method=chosen_method, method_is_default=parameters.method is None)


def compare_options(project: Project, rows: list[FlowRow], start: dt.date, rate: Decimal) -> list[OptionResult]:
    """Each option's discounted investment and operating costs (and effects) over the reference period.

    The chosen option's flows are the project's own (its spending and operating costs with the
    project); Wariant 0 has no investment and the operating costs without the project; another
    option spends its cost in the project's yearly profile and its own operating cost from the
    start of operation. Replacement costs and residual values are not compared.
    """
    years = [r.year for r in rows]
    total = sum((r.spending for r in rows), ZERO)
    results = []
    chosen_operating = [r.project_operating + r.operating_with for r in rows]
    for option in project.options:
        chosen = option.name == project.chosen_option
        baseline = option.is_baseline and not chosen
        assumed = False
        if chosen:
            investment = [r.spending - r.project_operating for r in rows]
            operating = chosen_operating
        elif baseline:
            investment = [ZERO for _ in rows]
            operating = [r.operating_without for r in rows]
        else:
            cost = option.cost or ZERO
            investment = [(r.spending - r.project_operating) * cost / total if total else ZERO for r in rows]
            if option.annual_operating_cost is None:
                operating, assumed = chosen_operating, True
            else:
                series = yearly(YearlyAmounts(), years, option.annual_operating_cost, start)
                operating = [series[y] for y in years]
        effect_pv = None
        if option.annual_effect is not None and (project.analysis and project.analysis.cost_effectiveness):
            effects = yearly(YearlyAmounts(), years, option.annual_effect, start)
            effect_pv = npv(rate, [effects[y] for y in years])
        results.append(OptionResult(option, chosen, baseline, npv(rate, investment), npv(rate, operating),
                                    effect_pv, assumed))
    return results


def _sensitivity(name: str, rows: list[FlowRow], rate: Decimal, net: Callable[[FlowRow], Decimal],
                 signed_variable: Callable[[FlowRow], Decimal], base: Decimal) -> Sensitivity:
    """Recompute NPV with the variable (its signed contribution to the net flow) scaled by each scenario."""
    present = npv(rate, [signed_variable(r) for r in rows])
    values = [npv(rate, [net(r) + signed_variable(r) * change / HUNDRED for r in rows]) for change in SCENARIOS]
    switching = None
    if present:
        change = -base / present * HUNDRED
        switching = change if change >= -HUNDRED else None
    critical = bool(present) and abs(present) > abs(base)
    elasticity = present / abs(base) if base and present else None  # % change of NPV (its sign: the direction)
    return Sensitivity(variable=name, present_value=abs(present), values=values, switching_value=switching,
                       critical=critical, elasticity=elasticity)
