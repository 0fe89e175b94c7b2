"""The harmonogram rzeczowo-finansowy: each task's money by source, by year and quarter (who pays it:
partner_split).

Every split is exact to the grosz: amounts are divided in proportion to weights by the largest
remainder method, so the parts always add up to the whole and rows and columns agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .funding_kind import FundingKind
from .schedule import ROMAN_QUARTERS, month_index, year_split

if TYPE_CHECKING:  # annotations only: the project model computes its amounts with this module
    from .project import Project, Task

GROSZ = Decimal("0.01")
ZERO = Decimal(0)


def split_exact(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """total divided in proportion to weights, in whole grosze adding up exactly to total.

    Largest remainder: each part is rounded down, and the grosze still missing go to the parts
    with the largest remainders (the earlier part first on a tie).
    """
    cents = int((total / GROSZ).to_integral_value())
    whole = sum(weights, ZERO)
    if not weights:
        return []
    if not whole:
        if cents:
            raise ValueError("nie można podzielić kwoty według wag równych zeru")
        return [ZERO for _ in weights]
    exact = [Decimal(cents) * w / whole for w in weights]
    floors = [int(x) for x in exact]
    missing = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return [Decimal(f) * GROSZ for f in floors]


@dataclass
class Amounts:
    """Money of one row: total, its eligible part, EU co-financing and other external funding."""

    total: Decimal = ZERO
    eligible: Decimal = ZERO
    eu: Decimal = ZERO
    other: Decimal = ZERO

    @property
    def ineligible(self) -> Decimal:
        return self.total - self.eligible

    @property
    def own(self) -> Decimal:
        """Own contribution: what EU and other external funding do not cover."""
        return self.total - self.eu - self.other

    def __add__(self, more: "Amounts") -> "Amounts":
        return Amounts(self.total + more.total, self.eligible + more.eligible, self.eu + more.eu,
                       self.other + more.other)


def add_up(rows: list[Amounts]) -> Amounts:
    result = Amounts()
    for row in rows:
        result = result + row
    return result


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1–4

    @property
    def label(self) -> str:
        return f"{ROMAN_QUARTERS[self.number - 1]} kw. {self.year}"

    @property
    def months(self) -> range:
        first = self.year * 12 + (self.number - 1) * 3
        return range(first, first + 3)


def project_quarters(project: Project) -> list[Quarter]:
    first, last = month_index(project.start) // 3, month_index(project.end) // 3
    return [Quarter(q // 4, q % 4 + 1) for q in range(first, last + 1)]


def quarter_split(task: Task) -> dict[Quarter, Decimal]:
    """The task's cost by quarter: as given, or each year's amount (as in year_split) spread over the task's
    months in that year."""
    first, last = month_index(task.start), month_index(task.end)
    result: dict[Quarter, Decimal] = {}
    if task.costs_by_quarter:
        for key, amount in task.costs_by_quarter.items():
            year, roman = key.split("-")
            result[Quarter(int(year), ROMAN_QUARTERS.index(roman) + 1)] = amount
        return result
    for year, amount in year_split(task).items():
        quarters = [Quarter(year, n) for n in range(1, 5)]
        weights = [Decimal(sum(1 for m in q.months if first <= m <= last)) for q in quarters]
        if not any(weights):
            weights = [Decimal(1)] + [ZERO] * 3
        for quarter, part in zip(quarters, split_exact(amount, weights)):
            if part or any(first <= m <= last for m in quarter.months):
                result[quarter] = part
    return result


def cost_links(project: Project) -> bool:
    """Whether cost categories name their tasks (then a task's budget is the sum of its categories)."""
    return any(item.task for item in project.costs)


def other_funding(project: Project) -> Decimal:
    return sum((f.amount for f in project.funding if f.kind in (FundingKind.STATE, FundingKind.OTHER)), ZERO)


def task_budgets(project: Project) -> list[Amounts]:
    """Each task's total, eligible, EU and other funding; they add up to the project's figures exactly."""
    totals = [t.cost for t in project.tasks]
    if cost_links(project):
        by_task: dict[str, Decimal] = {}
        for item in project.costs:
            by_task[item.task or ""] = by_task.get(item.task or "", ZERO) + item.eligible
        eligible = [by_task.get(t.id, ZERO) for t in project.tasks]
    else:
        eligible = split_exact(project.eligible_cost, totals)
    eu = split_exact(project.eu_amount, eligible) if any(eligible) else [ZERO] * len(totals)
    other = split_exact(other_funding(project), totals) if any(totals) else [ZERO] * len(totals)
    return [Amounts(t, e, u, o) for t, e, u, o in zip(totals, eligible, eu, other)]


@dataclass
class PlanRow:
    label: str
    amounts: Amounts
    subtotal: bool = False


@dataclass
class PaymentClaim:
    quarter: Quarter
    eligible: Decimal
    eu: Decimal
    cumulative_eu: Decimal
    cumulative_share: Decimal  # % of the EU co-financing claimed so far


@dataclass
class FinancialPlan:
    quarters: list[Quarter]
    years: list[int]
    by_task: list[Amounts]
    by_task_quarter: list[dict[Quarter, Amounts]]  # each task's amounts in the quarters it has costs
    by_quarter: dict[Quarter, Amounts]

    @property
    def total(self) -> Amounts:
        return add_up(self.by_task)

    def year(self, year: int) -> Amounts:
        return add_up([a for q, a in self.by_quarter.items() if q.year == year])

    @property
    def claims(self) -> list[PaymentClaim]:
        claims, cumulative = [], ZERO
        total_eu = self.total.eu
        for quarter in self.quarters:
            amounts = self.by_quarter[quarter]
            cumulative += amounts.eu
            share = (cumulative * 100 / total_eu).quantize(GROSZ) if total_eu else ZERO
            claims.append(PaymentClaim(quarter, amounts.eligible, amounts.eu, cumulative, share))
        return claims


def task_quarter_amounts(task: Task, budget: Amounts, quarters: list[Quarter]) -> dict[Quarter, Amounts]:
    """The task's budget by quarter: total as scheduled, eligible in proportion to it, EU in proportion to the
    eligible part, other funding in proportion to the total — each exact to the grosz."""
    if not budget.total:
        return {}  # milestones and tasks without cost add nothing to any quarter
    split = quarter_split(task)
    task_quarters = [q for q in quarters if q in split]
    if not task_quarters:
        return {}
    totals = [split[q] for q in task_quarters]
    eligible = split_exact(budget.eligible, totals)
    eu = split_exact(budget.eu, eligible) if any(eligible) else [ZERO] * len(totals)
    other = split_exact(budget.other, totals)
    return {q: Amounts(t, e, u, o) for q, t, e, u, o in zip(task_quarters, totals, eligible, eu, other)}


def financial_plan(project: Project) -> FinancialPlan:
    quarters = project_quarters(project)
    budgets = task_budgets(project)
    by_task_quarter = [task_quarter_amounts(task, budget, quarters) for task, budget in zip(project.tasks, budgets)]
    by_quarter = {q: Amounts() for q in quarters}
    for split in by_task_quarter:
        for quarter, amounts in split.items():
            by_quarter[quarter] = by_quarter[quarter] + amounts
    years = list(range(project.start.year, project.end.year + 1))
    return FinancialPlan(quarters, years, budgets, by_task_quarter, by_quarter)
