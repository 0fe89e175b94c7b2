"""Rules of the harmonogram rzeczowo-finansowy and of indicators: milestones, who pays the own
contribution, cost categories assigned to tasks, indicator years."""

from __future__ import annotations

from decimal import Decimal

from ..formatting import money, number
from ..problems import DataPath, Problem, error, warning
from .partnership import Partnership
from .project import FundingKind, Project

INDICATOR_YEARS_AFTER_END = 2
ROMANS = ("I", "II", "III", "IV")


def plan_rules(project: Project, partnership: Partnership, path: DataPath = ("project",)) -> list[Problem]:
    return [
        *_milestones(project, path),
        *_quarter_costs(project, path),
        *_contributions(project, partnership, path),
        *_cost_tasks(project, path),
        *_indicator_years(project, path),
    ]


def _milestones(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    for index, task in enumerate(project.tasks):
        if task.milestone and task.start != task.end:
            problems.append(error(
                "milestone.duration",
                f"kamień milowy {task.id} ma datę, a nie czas trwania, a podano okres {task.start:%d.%m.%Y}–"
                f"{task.end:%d.%m.%Y}; podaj start i end równe dacie osiągnięcia (np. {task.end:%Y-%m-%d}) "
                "albo opisz je jako zwykłe zadanie (milestone: false)",
                path + ("tasks", index, "end")))
    return problems


def _quarter_costs(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    for index, task in enumerate(project.tasks):
        if not task.costs_by_quarter:
            continue
        task_path = path + ("tasks", index)
        if task.costs_by_year:
            problems.append(error(
                "task.quarters_and_years",
                f"zadanie {task.id} ma jednocześnie costs_by_year i costs_by_quarter; podaj jedno z nich (podział na "
                "lata wynika z podziału na kwartały)", task_path + ("costs_by_year",)))
        first = task.start.year * 4 + (task.start.month - 1) // 3
        last = task.end.year * 4 + (task.end.month - 1) // 3
        for key in task.costs_by_quarter:
            year, roman = key.split("-")
            quarter = int(year) * 4 + ROMANS.index(roman)
            if not first <= quarter <= last:
                problems.append(error(
                    "task.quarter_outside",
                    f"kwartał {key} leży poza okresem zadania {task.id} ({task.start:%d.%m.%Y}–{task.end:%d.%m.%Y})",
                    task_path + ("costs_by_quarter", key)))
        split_total = sum(task.costs_by_quarter.values(), Decimal(0))
        if split_total != task.cost:
            problems.append(error(
                "task.quarter_costs_mismatch",
                f"koszty zadania {task.id} w podziale na kwartały sumują się do {money(split_total)}, a koszt zadania "
                f"wynosi {money(task.cost)}", task_path + ("costs_by_quarter",)))
    return problems


def _contributions(project: Project, partnership: Partnership, path: DataPath) -> list[Problem]:
    problems = []
    in_project = [project.leader, *project.partners]
    for index, source in enumerate(project.funding):
        source_path = path + ("funding", index)
        given = [name for name in ("member", "shares", "amounts") if getattr(source, name)]
        if not given:
            continue
        if source.kind is not FundingKind.OWN:
            problems.append(error(
                "contributions.not_own",
                f"pole {given[0]} określa, który członek wnosi wkład własny, a źródło {source.name!r} jest rodzaju "
                f"„{source.kind.value}”; usuń je albo zmień rodzaj źródła na „wkład własny”",
                source_path + (given[0],)))
            continue
        if len(given) > 1:
            problems.append(error(
                "contributions.ambiguous",
                f"wkład własny {source.name!r} ma jednocześnie pola {' i '.join(given)}; podaj jedno z nich: member "
                "(jeden członek), shares (udziały w %) albo amounts (kwoty)",
                source_path + (given[1],)))
            continue
        members: list[tuple[str, DataPath]]
        if source.member:
            members = [(source.member, source_path + ("member",))]
        else:
            parts = source.shares or source.amounts
            members = [(m, source_path + (given[0], m)) for m in parts]
        for member_id, member_path in members:
            if partnership.member(member_id) is None:
                known = ", ".join(m.id for m in partnership.members)
                problems.append(error("member.unknown",
                                      f"{member_id!r} nie jest członkiem partnerstwa (członkowie: {known})",
                                      member_path))
            elif member_id not in in_project:
                problems.append(warning(
                    "contributions.outside_project",
                    f"{member_id!r} wnosi wkład własny, choć nie jest liderem ani partnerem projektu "
                    f"(lider i partnerzy: {', '.join(in_project)})", member_path))
        if source.shares:
            total = sum(source.shares.values(), Decimal(0))
            if total != 100:
                problems.append(error(
                    "contributions.shares_sum",
                    f"udziały członków we wkładzie {source.name!r} sumują się do {number(total)}%, a muszą do 100%",
                    source_path + ("shares",)))
        if source.amounts:
            total = sum(source.amounts.values(), Decimal(0))
            if total != source.amount:
                difference = total - source.amount
                sign = "więcej" if difference > 0 else "mniej"
                problems.append(error(
                    "contributions.amounts_sum",
                    f"kwoty członków we wkładzie {source.name!r} sumują się do {money(total)}, a wkład wynosi "
                    f"{money(source.amount)} (o {money(abs(difference))} {sign}); kwoty muszą sumować się do pola "
                    "amount co do grosza",
                    source_path + ("amounts",)))
    return problems


def _cost_tasks(project: Project, path: DataPath) -> list[Problem]:
    if not any(item.task for item in project.costs):
        return []
    problems = []
    ids = {task.id for task in project.tasks}
    for index, item in enumerate(project.costs):
        if not item.task:
            problems.append(error(
                "costs.task_missing",
                f"kategoria {item.category!r} nie wskazuje zadania, a inne kategorie je wskazują; podaj pole task "
                "(identyfikator zadania), aby budżet zadań sumował się do kosztów projektu",
                path + ("costs", index)))
        elif item.task not in ids:
            problems.append(error(
                "costs.task_unknown",
                f"nie ma zadania o identyfikatorze {item.task!r} (zadania: {', '.join(t.id for t in project.tasks)})",
                path + ("costs", index, "task")))
    for index, task in enumerate(project.tasks):
        linked = sum((item.total for item in project.costs if item.task == task.id), Decimal(0))
        if linked != task.cost:
            problems.append(error(
                "task.categories_mismatch",
                f"kategorie kosztów przypisane do zadania {task.id} sumują się do {money(linked)}, a koszt zadania "
                f"wynosi {money(task.cost)}",
                path + ("tasks", index, "cost") if task.cost else path + ("tasks", index)))
    return problems


def _indicator_years(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    end_year = project.end.year
    for index, indicator in enumerate(project.indicators):
        indicator_path = path + ("indicators", index)
        if indicator.year < end_year:
            problems.append(warning(
                "indicator.target_year",
                f"rok docelowy wskaźnika {indicator.name!r} ({indicator.year}) jest wcześniejszy niż rok zakończenia "
                f"projektu ({end_year}); wartość docelową osiąga się zwykle na koniec realizacji albo później",
                indicator_path + ("year",)))
        elif indicator.year > end_year + INDICATOR_YEARS_AFTER_END:
            problems.append(warning(
                "indicator.target_year",
                f"rok docelowy wskaźnika {indicator.name!r} ({indicator.year}) przypada ponad "
                f"{INDICATOR_YEARS_AFTER_END} lata po zakończeniu projektu ({end_year}); wskaźniki rezultatu mierzy "
                "się zwykle do dwóch lat po zakończeniu realizacji",
                indicator_path + ("year",)))
        if indicator.base_year is not None and indicator.base_year > end_year:
            problems.append(error(
                "indicator.base_year",
                f"rok bazowy wskaźnika {indicator.name!r} ({indicator.base_year}) przypada po zakończeniu projektu "
                f"({end_year}); wartość bazową mierzy się przed rozpoczęciem projektu albo w okresie jego realizacji",
                indicator_path + ("base_year",)))
        elif indicator.base_year is not None and indicator.base_year > indicator.year:
            problems.append(error(
                "indicator.base_year",
                f"rok bazowy wskaźnika {indicator.name!r} ({indicator.base_year}) jest późniejszy niż rok docelowy "
                f"({indicator.year})", indicator_path + ("base_year",)))
    return problems
