"""The strategy's financial framework against its package, year by year and by kind of money.

The package's money of a year is what the projects' schedules say (partner_split: EU co-financing,
own contribution, other sources of each year) plus the yearly estimates of the complementary
projects. The framework must hold it in every year and for every kind of money; what it has above
the package is either allocated to another purpose (other_uses) or the surplus, which the framework's
surplus_purpose explains.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .eligibility import eligibility
from .partner_split import partner_split
from .project import Project
from .strategy import ComplementaryProject, FinancialFramework, MoneyKind

ZERO = Decimal(0)


@dataclass(frozen=True)
class YearMoney:
    kind: MoneyKind
    year: int
    framework: Decimal
    projects: Decimal
    complementary: Decimal
    other: Decimal = ZERO  # the framework's other uses (other_uses) of this kind and year

    @property
    def package(self) -> Decimal:
        return self.projects + self.complementary

    @property
    def needed(self) -> Decimal:
        """What the framework must hold: the package and the other uses."""
        return self.package + self.other

    @property
    def surplus(self) -> Decimal:
        """The framework above the package and its other uses (negative: the framework is too small)."""
        return self.framework - self.needed


def projects_money(projects: list[Project]) -> dict[tuple[MoneyKind, int], Decimal]:
    result: dict[tuple[MoneyKind, int], Decimal] = {}
    for project in projects:
        split = partner_split(project)
        for year in split.years:
            amounts = split.year(year)
            for kind, value in ((MoneyKind.EU, amounts.eu), (MoneyKind.OWN, amounts.own),
                                (MoneyKind.OTHER_PUBLIC, amounts.other)):
                result[(kind, year)] = result.get((kind, year), ZERO) + value
    return result


def complementary_money(complementary: list[ComplementaryProject]) -> dict[tuple[MoneyKind, int], Decimal]:
    result: dict[tuple[MoneyKind, int], Decimal] = {}
    for project in complementary:
        for funding in project.funding:
            for year, value in funding.amounts.items():
                result[(funding.kind, year)] = result.get((funding.kind, year), ZERO) + value
    return result


def framework_comparison(framework: FinancialFramework, projects: list[Project],
                         complementary: list[ComplementaryProject]) -> list[YearMoney]:
    """Per kind of money (UE, own, other public) and year: the framework, the projects, the complementary
    projects. Only kinds that the framework or the package has; every year either of them has."""
    in_projects, in_complementary = projects_money(projects), complementary_money(complementary)
    last_eu_year = eligibility().last_year
    years = sorted({*framework.years, *(y for (_, y), v in in_projects.items() if v),
                    *(y for (_, y), v in in_complementary.items() if v),
                    *(y for use in framework.other_uses for y, v in use.amounts.items() if v)})
    rows = []
    for kind in MoneyKind:
        kind_rows = [YearMoney(kind, year, framework.amount(kind, year), in_projects.get((kind, year), ZERO),
                               in_complementary.get((kind, year), ZERO), framework.other_use(kind, year))
                     for year in years]
        if kind is MoneyKind.EU:  # no row of EU money after the eligibility end unless some is (wrongly) there
            kind_rows = [r for r in kind_rows if r.year <= last_eu_year or r.framework or r.needed]
        if any(r.framework or r.needed for r in kind_rows):
            rows += kind_rows
    return rows


@dataclass(frozen=True)
class Surplus:
    """The framework's money above the package's needs, in words' parts: each other use by kind and year,
    and what is left (by kind, over all years)."""

    uses: list[tuple[MoneyKind, list[int], Decimal, str]]  # each other use: kind, its years, total, purpose
    left: dict[MoneyKind, Decimal]  # the surplus that no other use explains, by kind (only kinds with one)

    @property
    def left_total(self) -> Decimal:
        return sum(self.left.values(), ZERO)


def surplus_parts(framework: FinancialFramework, comparison: list[YearMoney]) -> Surplus:
    uses = [(u.kind, sorted(y for y, v in u.amounts.items() if v), sum(u.amounts.values(), ZERO), u.purpose)
            for u in framework.other_uses if any(u.amounts.values())]
    left: dict[MoneyKind, Decimal] = {}
    for row in comparison:
        if row.surplus > 0:
            left[row.kind] = left.get(row.kind, ZERO) + row.surplus
    return Surplus(uses, left)


def kinds_without_projects(comparison: list[YearMoney]) -> set[MoneyKind]:
    """Kinds of money the framework has but no project of the package (nor a complementary one) uses."""
    kinds = {r.kind for r in comparison}
    return {k for k in kinds if not any(r.needed for r in comparison if r.kind is k)}
