"""Rules of the harmonogram rzeczowo-finansowy and of indicators: milestones, who pays the own
contribution, cost categories assigned to tasks, indicator years."""

from __future__ import annotations

from decimal import Decimal

from ..formatting import money, number
from ..problems import DataPath, Problem, error, warning
from .partner_split import partner_split, typed_contributions
from .partnership import Partnership
from .project import FundingKind, Project

INDICATOR_YEARS_AFTER_END = 2
ROMANS = ("I", "II", "III", "IV")


def plan_rules(project: Project, partnership: Partnership, path: DataPath = ("project",)) -> list[Problem]:
    return [
        *_milestones(project, path),
        *_quarter_costs(project, path),
        *_contributions_and_financing(project, partnership, path),
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
            problems += _member_problems(member_id, in_project, partnership, member_path,
                                         "contributions.outside_project", "wnosi wkład własny")
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


def _member_problems(member_id: str, in_project: list[str], partnership: Partnership, member_path: DataPath,
                     outside_code: str, outside_text: str) -> list[Problem]:
    if partnership.member(member_id) is None:
        known = ", ".join(m.id for m in partnership.members)
        return [error("member.unknown", f"{member_id!r} nie jest członkiem partnerstwa (członkowie: {known})",
                      member_path)]
    if member_id not in in_project:
        return [warning(outside_code, f"{member_id!r} {outside_text}, choć nie jest liderem ani partnerem projektu "
                                      f"(lider i partnerzy: {', '.join(in_project)})", member_path)]
    return []


FINANCING_FIELDS = ("financed_by", "financing_shares", "financing_amounts")


def _task_financing(project: Project, partnership: Partnership, path: DataPath) -> list[Problem]:
    """Who finances each task is named once, by members, in shares adding up to 100 or amounts adding up to the
    task's cost."""
    problems = []
    in_project = [project.leader, *project.partners]
    for index, task in enumerate(project.tasks):
        task_path = path + ("tasks", index)
        given = [name for name in FINANCING_FIELDS if getattr(task, name)]
        if len(given) > 1:
            problems.append(error(
                "financing.ambiguous",
                f"zadanie {task.id} ma jednocześnie pola {' i '.join(given)}; podaj jedno z nich: financed_by (jeden "
                "członek), financing_shares (udziały w %) albo financing_amounts (kwoty)", task_path + (given[1],)))
            continue
        if task.financed_by:
            members = [(task.financed_by, task_path + ("financed_by",))]
        else:
            parts = task.financing_shares or task.financing_amounts
            members = [(m, task_path + (given[0], m)) for m in parts] if given else []
        for member_id, member_path in members:
            problems += _member_problems(member_id, in_project, partnership, member_path, "financing.outside_project",
                                         f"finansuje zadanie {task.id}")
        if task.financing_shares:
            total = sum(task.financing_shares.values(), Decimal(0))
            if total != 100:
                problems.append(error(
                    "financing.shares_sum",
                    f"udziały członków w finansowaniu zadania {task.id} sumują się do {number(total)}%, a muszą "
                    "do 100%", task_path + ("financing_shares",)))
        if task.financing_amounts:
            total = sum(task.financing_amounts.values(), Decimal(0))
            if total != task.cost:
                problems.append(error(
                    "financing.amounts_sum",
                    f"kwoty członków w finansowaniu zadania {task.id} sumują się do {money(total)}, a koszt zadania "
                    f"wynosi {money(task.cost)}; kwoty muszą sumować się do kosztu zadania co do grosza",
                    task_path + ("financing_amounts",)))
    return problems


def _computed_amounts(project: Project, path: DataPath) -> list[Problem]:
    """An amount left out is computed for EU and own sources only, and once for what remains."""
    problems = []
    remainder_taken = False
    for index, source in enumerate(project.funding):
        if not source.computed or source.amounts:
            continue
        if source.kind in (FundingKind.STATE, FundingKind.OTHER):
            problems.append(error(
                "funding.amount_required",
                f"źródło {source.name!r} (rodzaj „{source.kind.value}”) nie ma kwoty; program liczy tylko "
                "dofinansowanie UE (z maksymalnego poziomu) i wkład własny (z zadań), inne kwoty trzeba podać",
                path + ("funding", index)))
        elif source.kind is FundingKind.OWN and not (source.member and not source.shares):
            if remainder_taken:
                problems.append(error(
                    "funding.amount_ambiguous",
                    f"wkład własny {source.name!r} nie ma kwoty ani członka, tak jak wcześniejsze źródło; program "
                    "liczy tylko jedną taką kwotę (to, czego nie pokrywają pozostałe źródła) – podaj kwotę albo "
                    "członka (member)", path + ("funding", index)))
            remainder_taken = True
    return problems


def _contributions_and_financing(project: Project, partnership: Partnership, path: DataPath) -> list[Problem]:
    problems = (_computed_amounts(project, path) + _contributions(project, partnership, path)
                + _task_financing(project, partnership, path))
    if any(p.is_error for p in problems):
        return problems
    return problems + _split_mismatch(project, path)


def _split_mismatch(project: Project, path: DataPath) -> list[Problem]:
    """The own contribution the funding sources type for a member is what the tasks it finances give."""
    problems: list[Problem] = []
    if project.funding_total != project.total_cost:
        return problems  # funding.sum_mismatch says it; the members' figures cannot agree until the sources do
    typed = typed_contributions(project)
    if not typed:
        return problems  # the own contribution is not assigned in the funding sources: the split is the only one
    split = partner_split(project)
    # an own contribution naming no member covers the members the sources do not name
    unnamed = any(s.kind is FundingKind.OWN and not (s.member or s.shares or s.amounts) for s in project.funding)
    for member_id in [m for m in split.members if m in typed or (split.member_total(m).own and not unnamed)]:
        computed = split.member_total(member_id).own
        written = typed.get(member_id, Decimal(0))
        if written == computed:
            continue
        tasks = [t.id for t in project.tasks if split.member_task(member_id, t.id).total]
        source_path = _source_path(project, member_id, path)
        if tasks:
            less = "dofinansowanie UE i inne źródła" if split.member_total(member_id).other else "dofinansowanie UE"
            finances = (f"z wydatków zadań, które finansuje ({', '.join(tasks)}), pomniejszonych o {less}, wynika "
                        f"{money(computed)}")
        else:
            finances = f"nie finansuje on żadnego zadania z kosztami, więc jego wkład wynosi {money(computed)}"
        problems.append(error(
            "contributions.split_mismatch",
            f"wkład własny {member_id} według źródeł finansowania wynosi {money(written)}, a {finances}; popraw kwotę "
            "źródła albo wskaż, kto finansuje zadania (pola financed_by, financing_shares, financing_amounts zadań)",
            source_path))
    return problems


def _source_path(project: Project, member_id: str, path: DataPath) -> DataPath:
    """Where the funding sources type a member's own contribution (the funding list when they do not)."""
    for index, source in enumerate(project.funding):
        if source.kind is not FundingKind.OWN:
            continue
        if source.member == member_id and not (source.shares or source.amounts):
            return path + ("funding", index, "amount")
        if member_id in source.shares:
            return path + ("funding", index, "shares", member_id)
        if member_id in source.amounts:
            return path + ("funding", index, "amounts", member_id)
    return path + ("funding",)


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
