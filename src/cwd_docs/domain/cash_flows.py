"""Financial and economic analysis of a project: yearly cash flows and their indicators.

Incremental method in constant prices, flows at the end of each year, the first year of the
reference period (the year the project starts) discounted with t = 0. Everything is Decimal and
exact to 28 significant digits; rounding happens only when a document prints a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Callable, Sequence

from .financial import REFERENCE_PERIODS, FinancialAnalysis, YearlyAmounts
from .partner_split import partner_split
from .project import Project
from .schedule import year_split

ZERO = Decimal(0)
HUNDRED = Decimal(100)
SCENARIOS = (Decimal(-20), Decimal(-10), Decimal(10), Decimal(20))


def npv(rate_percent: Decimal, flows: Sequence[Decimal]) -> Decimal:
    """Net present value of flows at the end of years 0, 1, 2, … at a rate given in percent."""
    factor = 1 + rate_percent / HUNDRED
    total, discount = ZERO, Decimal(1)
    for flow in flows:
        total += flow / discount
        discount *= factor
    return total


def irr(flows: Sequence[Decimal]) -> Decimal | None:
    """The internal rate of return in percent, or None when no rate brings NPV to zero.

    Without both an outflow and an inflow there is none. Otherwise the rate is searched between
    -99% and 1000%: the first change of sign of NPV on a 1-point grid, narrowed by bisection.
    """
    if not any(f < 0 for f in flows) or not any(f > 0 for f in flows):
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


def yearly(amounts: YearlyAmounts | None, years: Sequence[int], default_amount: Decimal | None,
           default_from: int) -> dict[int, Decimal]:
    """Amounts per year: amount × (1 + growth)^(year - from_year) from from_year on, by_year overriding."""
    result = {year: ZERO for year in years}
    if amounts is None:
        amounts = YearlyAmounts()
    base = amounts.yearly_amount if hasattr(amounts, "yearly_amount") else amounts.amount
    if base is None:
        base = default_amount
    first = amounts.from_year if amounts.from_year is not None else default_from
    if base is not None:
        factor = 1 + amounts.growth / HUNDRED
        for year in years:
            if year >= first:
                result[year] = base * factor ** (year - first)
    for year, value in amounts.by_year.items():
        if year in result:
            result[year] = value
    return result


@dataclass
class FlowRow:
    """One year of the reference period."""

    year: int
    investment: Decimal = ZERO  # financial investment outlays (gross of VAT unless recoverable)
    gross_investment: Decimal = ZERO  # what the funding sources pay that year
    replacement: Decimal = ZERO
    operating: Decimal = ZERO
    revenue: Decimal = ZERO
    residual: Decimal = ZERO
    eu: Decimal = ZERO
    national_sources: Decimal = ZERO  # own contribution and other non-EU sources paid that year
    budget_support: Decimal = ZERO
    benefits: Decimal = ZERO
    benefit_items: list[Decimal] = field(default_factory=list)
    econ_investment: Decimal = ZERO
    econ_costs: Decimal = ZERO  # operating and replacement, economic
    econ_residual: Decimal = ZERO

    @property
    def net_c(self) -> Decimal:
        return self.revenue + self.residual - self.investment - self.replacement - self.operating

    @property
    def national_capital(self) -> Decimal:
        """The part of the investment paid from national capital (everything but the EU grant)."""
        return max(ZERO, self.investment - self.eu)

    @property
    def net_k(self) -> Decimal:
        return self.revenue + self.residual - self.national_capital - self.replacement - self.operating

    @property
    def inflows(self) -> Decimal:
        return self.eu + self.national_sources + self.revenue + self.budget_support

    @property
    def outflows(self) -> Decimal:
        return self.gross_investment + self.replacement + self.operating

    @property
    def net_sustainability(self) -> Decimal:
        return self.inflows - self.outflows

    @property
    def net_e(self) -> Decimal:
        return self.benefits + self.econ_residual - self.econ_investment - self.econ_costs


@dataclass
class Sensitivity:
    """NPV with one variable changed by -20, -10, +10 and +20%; its switching value and criticality."""

    variable: str
    present_value: Decimal  # discounted value of the variable at the base case
    values: list[Decimal]  # NPV per scenario of SCENARIOS
    switching_value: Decimal | None  # percent change bringing NPV to zero; None when none exists
    critical: bool


@dataclass
class Analysis:
    project: Project
    parameters: FinancialAnalysis
    reference_period: int
    period_is_default: bool
    rows: list[FlowRow]
    fnpv_c: Decimal
    frr_c: Decimal | None
    fnpv_k: Decimal
    frr_k: Decimal | None
    discounted_investment: Decimal
    discounted_net_revenue: Decimal
    funding_gap_rate: Decimal | None  # percent, only where the project earns revenue
    cumulative: list[Decimal]
    enpv: Decimal | None
    err: Decimal | None
    benefit_cost_ratio: Decimal | None
    discounted_benefits: Decimal | None
    discounted_economic_costs: Decimal | None
    financial_sensitivity: list[Sensitivity]
    economic_sensitivity: list[Sensitivity]

    @property
    def years(self) -> list[int]:
        return [row.year for row in self.rows]

    @property
    def has_revenue(self) -> bool:
        return any(row.revenue for row in self.rows)

    @property
    def monetised(self) -> bool:
        return bool(self.parameters.benefits)

    @property
    def negative_years(self) -> list[int]:
        return [row.year for row, total in zip(self.rows, self.cumulative) if total < 0]

    def totals(self, attribute: str) -> Decimal:
        return sum((getattr(row, attribute) for row in self.rows), ZERO)


def reference_period(project: Project) -> tuple[int, bool]:
    parameters = project.analysis or FinancialAnalysis()
    if parameters.reference_period is not None:
        return parameters.reference_period, False
    return REFERENCE_PERIODS[parameters.investment_kind], True


def analyse(project: Project) -> Analysis:
    parameters = project.analysis or FinancialAnalysis()
    period, is_default = reference_period(project)
    years = list(range(project.start.year, project.start.year + period))
    rows = {year: FlowRow(year) for year in years}

    gross = {year: ZERO for year in years}
    for task in project.tasks:
        for year, cost in year_split(task).items():
            if year in gross:
                gross[year] += cost
    total = project.total_cost
    net_share = (total - project.vat_total) / total if total else Decimal(1)
    # EU money by year as the schedule has it: each task's EU follows its eligible cost in the years it is
    # incurred (partner_split), so national capital per year equals the schedule's own contribution and other
    # national sources of that year.
    split = partner_split(project)
    for year, amount in gross.items():
        row = rows[year]
        row.gross_investment = amount
        row.investment = amount * net_share if project.vat_recoverable else amount
        row.eu = split.year(year).eu
        row.national_sources = amount - row.eu
        row.econ_investment = amount * net_share * parameters.conversion_factor

    operating_from = project.end.year + 1
    operating = yearly(parameters.operating_costs, years, project.operation.annual_costs, operating_from)
    revenue = yearly(parameters.revenues, years, project.operation.annual_revenue, operating_from)
    for year in years:
        row = rows[year]
        row.operating, row.revenue = operating[year], revenue[year]
        row.replacement = parameters.replacement_costs.get(year, ZERO)
        row.econ_costs = (row.operating + row.replacement) * parameters.conversion_factor
    if parameters.budget_support is None:
        for row in rows.values():
            row.budget_support = max(ZERO, row.operating + row.replacement - row.revenue)
    else:
        support = yearly(parameters.budget_support, years, None, operating_from)
        for year in years:
            rows[year].budget_support = support[year]
    benefit_series = [yearly(benefit, years, None, operating_from) for benefit in parameters.benefits]
    for year in years:
        row = rows[year]
        row.benefit_items = [series[year] for series in benefit_series]
        row.benefits = sum(row.benefit_items, ZERO)
    last = rows[years[-1]]
    last.residual = parameters.residual_value
    last.econ_residual = parameters.residual_value * parameters.conversion_factor

    ordered = [rows[year] for year in years]
    rate, social = parameters.discount_rate, parameters.social_discount_rate
    fnpv_c = npv(rate, [r.net_c for r in ordered])
    fnpv_k = npv(rate, [r.net_k for r in ordered])
    discounted_investment = npv(rate, [r.investment for r in ordered])
    discounted_net_revenue = npv(rate, [r.revenue - r.operating - r.replacement + r.residual for r in ordered])
    gap = None
    if any(r.revenue for r in ordered) and discounted_investment:
        gap = min(HUNDRED, max(ZERO, (discounted_investment - discounted_net_revenue) / discounted_investment * HUNDRED))
    cumulative, running = [], ZERO
    for row in ordered:
        running += row.net_sustainability
        cumulative.append(running)

    enpv = err = ratio = pv_benefits = pv_costs = None
    if parameters.benefits:
        enpv = npv(social, [r.net_e for r in ordered])
        err = irr([r.net_e for r in ordered])
        pv_benefits = npv(social, [r.benefits + r.econ_residual for r in ordered])
        pv_costs = npv(social, [r.econ_investment + r.econ_costs for r in ordered])
        ratio = pv_benefits / pv_costs if pv_costs else None

    financial = [
        _sensitivity("Koszty inwestycyjne", ordered, rate, lambda r: r.net_c, lambda r: -r.investment, fnpv_c),
        _sensitivity("Koszty eksploatacji", ordered, rate, lambda r: r.net_c, lambda r: -r.operating, fnpv_c),
        _sensitivity("Przychody", ordered, rate, lambda r: r.net_c, lambda r: r.revenue, fnpv_c),
    ]
    economic = []
    if enpv is not None:
        economic = [
            _sensitivity("Koszty inwestycyjne", ordered, social, lambda r: r.net_e, lambda r: -r.econ_investment, enpv),
            _sensitivity("Koszty eksploatacji", ordered, social, lambda r: r.net_e,
                         lambda r: -r.operating * parameters.conversion_factor, enpv),
            _sensitivity("Korzyści społeczne", ordered, social, lambda r: r.net_e, lambda r: r.benefits, enpv),
        ]
    return Analysis(
        project=project, parameters=parameters, reference_period=period, period_is_default=is_default,
        rows=ordered, fnpv_c=fnpv_c, frr_c=irr([r.net_c for r in ordered]), fnpv_k=fnpv_k,
        frr_k=irr([r.net_k for r in ordered]), discounted_investment=discounted_investment,
        discounted_net_revenue=discounted_net_revenue, funding_gap_rate=gap, cumulative=cumulative,
        enpv=enpv, err=err, benefit_cost_ratio=ratio, discounted_benefits=pv_benefits,
        discounted_economic_costs=pv_costs, financial_sensitivity=financial, economic_sensitivity=economic)


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
    return Sensitivity(variable=name, present_value=abs(present), values=values, switching_value=switching,
                       critical=critical)
