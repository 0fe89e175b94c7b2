"""Schedule arithmetic shared by project documents: months, periods, costs split by year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only (the project model computes its amounts through the financial plan)
    from .project import Project, Task


MONTHS_SCALE_LIMIT = 18  # longer projects are charted by quarter to stay readable on one page
ACTIVE_FILL = "4472C4"
MILESTONE_FILL = "C00000"
EMPTY_FILL = "FFFFFF"
ROMAN_QUARTERS = ("I", "II", "III", "IV")


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months touched from start to end, both included."""
    return month_index(end) - month_index(start) + 1


def months_in_year(task: Task, year: int) -> int:
    first = max(month_index(task.start), year * 12)
    last = min(month_index(task.end), year * 12 + 11)
    return max(0, last - first + 1)


def task_years(task: Task) -> list[int]:
    return list(range(task.start.year, task.end.year + 1))


def year_split(task: Task) -> dict[int, Decimal]:
    """The task's cost by year: as given, or in proportion to its months in each year.

    A proportional split is rounded down to grosze and the remainder goes to the last year,
    so that the parts always add up exactly to the task's cost.
    """
    if task.costs_by_quarter:
        by_year = {year: Decimal(0) for year in task_years(task)}
        for key, amount in task.costs_by_quarter.items():
            year = int(key[:4])
            by_year[year] = by_year.get(year, Decimal(0)) + amount
        return by_year
    if task.costs_by_year:
        return {year: task.costs_by_year.get(year, Decimal(0)) for year in task_years(task)}
    years = task_years(task)
    total_months = months_between(task.start, task.end)
    split: dict[int, Decimal] = {}
    for year in years[:-1]:
        share = task.cost * months_in_year(task, year) / total_months
        split[year] = share.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    split[years[-1]] = task.cost - sum(split.values(), Decimal(0))
    return split


@dataclass(frozen=True)
class Period:
    label: str
    first_month: int  # month_index of its first month
    last_month: int

    def overlaps(self, task: Task) -> bool:
        return month_index(task.start) <= self.last_month and month_index(task.end) >= self.first_month

    def contains(self, day: dt.date) -> bool:
        return self.first_month <= month_index(day) <= self.last_month


@dataclass(frozen=True)
class GanttCell:
    fill: str
    mark: str


@dataclass(frozen=True)
class GanttRow:
    task: Task
    cells: list[GanttCell]


@dataclass(frozen=True)
class Gantt:
    scale: str  # "miesiące" or "kwartały"
    periods: list[Period]
    years: list[tuple[int, int]]  # (year, number of periods in it) for a header row
    rows: list[GanttRow]


def gantt(project: Project) -> Gantt:
    by_month = project.duration_months <= MONTHS_SCALE_LIMIT
    first, last = month_index(project.start), month_index(project.end)
    periods: list[Period] = []
    if by_month:
        for index in range(first, last + 1):
            periods.append(Period(f"{index % 12 + 1:02d}", index, index))
    else:
        start_quarter, end_quarter = first // 3, last // 3
        for quarter in range(start_quarter, end_quarter + 1):
            periods.append(Period(ROMAN_QUARTERS[quarter % 4], quarter * 3, quarter * 3 + 2))
    years: list[tuple[int, int]] = []
    for period in periods:
        year = period.first_month // 12
        if years and years[-1][0] == year:
            years[-1] = (year, years[-1][1] + 1)
        else:
            years.append((year, 1))
    rows = []
    for task in project.tasks:
        cells = []
        for period in periods:
            if task.milestone and period.contains(task.end):
                cells.append(GanttCell(MILESTONE_FILL, "◆"))
            elif period.overlaps(task) and not task.milestone:
                cells.append(GanttCell(ACTIVE_FILL, ""))
            else:
                cells.append(GanttCell(EMPTY_FILL, ""))
        rows.append(GanttRow(task, cells))
    return Gantt("miesiące" if by_month else "kwartały", periods, years, rows)


@dataclass(frozen=True)
class CostRow:
    task: Task
    amounts: list[Decimal]


@dataclass(frozen=True)
class CostTable:
    years: list[int]
    rows: list[CostRow]
    totals: list[Decimal]
    total: Decimal


def cost_table(project: Project) -> CostTable:
    years = list(range(project.start.year, project.end.year + 1))
    rows = []
    for task in project.tasks:
        split = year_split(task)
        rows.append(CostRow(task, [split.get(year, Decimal(0)) for year in years]))
    totals = [sum((row.amounts[i] for row in rows), Decimal(0)) for i in range(len(years))]
    return CostTable(years, rows, totals, sum(totals, Decimal(0)))
