"""Who finances what in a partnership project: each member's money per task, year and quarter.

A task is financed by the member it names (financed_by), by several members in shares or amounts
(financing_shares, financing_amounts), or — when it says nothing of it — by the member responsible
for it. A member's eligible and ineligible cost, EU co-financing and own contribution follow from the
tasks it finances, never from a pro-rata split of the whole project (domain reference, "Partnership
projects: who incurs what"): a member that finances no task with costs in a year pays nothing that
year.

This is the one split of the project's money by member: the schedule, the application outline, the
feasibility analysis's FNPV/K and the strategy's check of its financial framework all read it.

Exact to the grosz. Each task's amounts of each quarter (financial_plan) are divided among its
members by the largest remainder method applied to the running total, so that every cell is whole
grosze, each member's row adds up to its share of the task, and each quarter's column adds up to the
task's amount in that quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .financial_plan import Amounts, FinancialPlan, Quarter, add_up, financial_plan, split_exact
from .funding_kind import FundingKind

if TYPE_CHECKING:  # annotations only: the project model computes its amounts with this module
    from .project import FundingSource, Project, Task

ZERO = Decimal(0)


def task_financiers(task: Task) -> list[tuple[str, Decimal]]:
    """The members financing a task with their weights: amounts, shares, one member, or the responsible one.

    In the order of the member ids, not of the input: a grosz that a tie of equal shares leaves over goes to
    the same member whether the shares come from YAML or from a workbook's columns."""
    if task.financing_amounts:
        return sorted(task.financing_amounts.items())
    if task.financing_shares:
        return sorted(task.financing_shares.items())
    return [(task.financed_by or task.responsible, Decimal(1))]


def member_order(project: Project, members: list[str]) -> list[str]:
    """Leader first, then the partners in their order, then any other member in order of first appearance."""
    order = [project.leader, *project.partners]
    return order + [m for m in dict.fromkeys(members) if m not in order]


def _split_running(parts: dict[Quarter, Amounts], weights: list[Decimal]) -> list[dict[Quarter, Amounts]]:
    """Quarterly amounts divided among members by weights: the running total is split by largest remainder
    and each quarter gets the difference, so rows and columns both add up exactly."""
    result: list[dict[Quarter, Amounts]] = [{} for _ in weights]
    running = Amounts()
    before = [Amounts() for _ in weights]
    for quarter in sorted(parts, key=lambda q: (q.year, q.number)):
        running = running + parts[quarter]
        now = [Amounts(*values) for values in zip(*(
            split_exact(getattr(running, name), weights) for name in ("total", "eligible", "eu", "other")))]
        for index, (current, previous) in enumerate(zip(now, before)):
            result[index][quarter] = Amounts(current.total - previous.total, current.eligible - previous.eligible,
                                             current.eu - previous.eu, current.other - previous.other)
        before = now
    return result


@dataclass
class PartnerSplit:
    """Each member's amounts per task and quarter; every figure the documents print by member comes from here."""

    plan: FinancialPlan
    members: list[str]  # leader, partners, then other financing members
    tasks: list[Task]
    cells: dict[tuple[str, str], dict[Quarter, Amounts]]  # (task id, member id) → quarter → amounts

    @property
    def years(self) -> list[int]:
        return self.plan.years

    @property
    def quarters(self) -> list[Quarter]:
        return self.plan.quarters

    def _sum(self, member: str | None = None, task: str | None = None, year: int | None = None,
             quarter: Quarter | None = None) -> Amounts:
        rows = []
        for (task_id, member_id), by_quarter in self.cells.items():
            if (member is not None and member_id != member) or (task is not None and task_id != task):
                continue
            rows += [a for q, a in by_quarter.items()
                     if (year is None or q.year == year) and (quarter is None or q == quarter)]
        return add_up(rows)

    def member_total(self, member: str) -> Amounts:
        return self._sum(member=member)

    def member_year(self, member: str, year: int) -> Amounts:
        return self._sum(member=member, year=year)

    def member_quarter(self, member: str, quarter: Quarter) -> Amounts:
        return self._sum(member=member, quarter=quarter)

    def member_task(self, member: str, task: str) -> Amounts:
        return add_up(list(self.cells.get((task, member), {}).values()))

    def year(self, year: int) -> Amounts:
        """All members together in a year: the project's amounts of that year."""
        return self._sum(year=year)

    def financing(self, task: Task) -> list[str]:
        """The members that finance a task, in member order."""
        return [m for m in self.members if (task.id, m) in self.cells]

    @property
    def paying(self) -> list[str]:
        """Members that finance some cost of the project."""
        return [m for m in self.members if self.member_total(m).total]


def partner_split(project: Project) -> PartnerSplit:
    plan = financial_plan(project)
    cells: dict[tuple[str, str], dict[Quarter, Amounts]] = {}
    financing: list[str] = []
    for task, by_quarter in zip(project.tasks, plan.by_task_quarter):
        if not by_quarter:
            continue
        payers = task_financiers(task)
        weights = [weight for _, weight in payers]
        if not any(weights):
            weights = [Decimal(1)] + [ZERO] * (len(weights) - 1)
        for (member_id, _), parts in zip(payers, _split_running(by_quarter, weights)):
            cells[(task.id, member_id)] = parts
            financing.append(member_id)
    return PartnerSplit(plan, member_order(project, financing), list(project.tasks), cells)


def source_contributions(source: FundingSource, leader: str) -> list[tuple[str, Decimal]]:
    """Who an own-contribution source says pays it: one member, amounts per member, or shares split exactly."""
    if source.amounts:
        return list(source.amounts.items())
    if source.shares:
        members = list(source.shares)
        return list(zip(members, split_exact(source.amount, [source.shares[m] for m in members])))
    return [(source.member or leader, source.amount)]


def typed_contributions(project: Project) -> dict[str, Decimal]:
    """The own contribution per member as the funding sources type it (only sources that name members)."""
    totals: dict[str, Decimal] = {}
    for source in project.funding:
        if source.kind is FundingKind.OWN and (source.member or source.shares or source.amounts):
            for member_id, amount in source_contributions(source, project.leader):
                totals[member_id] = totals.get(member_id, ZERO) + amount
    return totals
