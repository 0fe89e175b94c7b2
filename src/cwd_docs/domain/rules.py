"""Validation rules over the shared domain models; each returns located-by-path Problems.

Document types compose these with their own rules. Paths are those of the input data, so the
loader can turn them into file lines.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from ..formatting import NBSP, date_long, money, number, percent, percent_beside
from ..problems import DataPath, Problem, error, quoted, warning
from .identifiers import VOIVODESHIP_CODES, Terc
from .partnership import TERC_DIGIT_OF_KIND, CooperationForm, MemberKind, Partnership
from .eligibility import eligibility
from .plan_rules import plan_rules
from .project import FundingKind, Project

CPR_MAX_EU_RATE = Decimal(85)  # CPR 2021/1060 art. 112(3): the highest co-financing rate of any category
VAT_STANDARD_RATE = Decimal(23)  # the standard Polish rate; reduced rates are 8% and 5%


def _vat_limit(net: Decimal) -> Decimal:
    return (net * VAT_STANDARD_RATE / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def partnership_rules(partnership: Partnership, path: DataPath = ("partnership",)) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    seen_teryt: dict[str, int] = {}
    for index, member in enumerate(partnership.members):
        member_path = path + ("members", index)
        if member.id in seen_ids:
            problems.append(error("member.duplicate_id",
                                  f"identyfikator {quoted(member.id)} ma już członek nr {seen_ids[member.id] + 1}",
                                  member_path + ("id",)))
        seen_ids.setdefault(member.id, index)
        if member.teryt in seen_teryt:
            problems.append(error("member.duplicate_teryt",
                                  f"kod TERYT {member.teryt} ma już członek nr {seen_teryt[member.teryt] + 1}",
                                  member_path + ("teryt",)))
        seen_teryt.setdefault(member.teryt, index)
        problems.extend(_terc_matches_kind(member.kind, member.teryt, member_path + ("teryt",)))

    if partnership.cooperation_form is CooperationForm.POROZUMIENIE and partnership.powiaty:
        problems.append(warning(
            "partnership.form",
            "porozumienie międzygminne zawierają gminy; partnerstwo z udziałem powiatu wymaga innej formy "
            "(np. umowy partnerskiej albo związku powiatowo-gminnego)", path + ("cooperation_form",)))
    if partnership.member(partnership.leader) is None:
        problems.append(_unknown_member(partnership, partnership.leader, path + ("leader",)))

    voivodeship_code = next(c for c, n in VOIVODESHIP_CODES.items() if n == partnership.voivodeship.value)
    powiat_codes = {m.teryt for m in partnership.powiaty}
    for index, member in enumerate(partnership.members):
        teryt_path = path + ("members", index, "teryt")
        terc = member.terc
        if terc.voivodeship != voivodeship_code:
            problems.append(warning(
                "teryt.other_voivodeship",
                f"kod TERYT {member.teryt} wskazuje województwo {terc.voivodeship_name}, "
                f"a partnerstwo leży w województwie {partnership.voivodeship.value[:-1]}m",
                teryt_path))
        if member.kind.is_gmina and powiat_codes and terc.is_gmina \
                and member.kind is not MemberKind.MIASTO_NA_PRAWACH_POWIATU \
                and terc.powiat not in powiat_codes:
            problems.append(warning(
                "teryt.other_powiat",
                f"gmina o kodzie {member.teryt} leży w powiecie {terc.powiat}, który nie jest członkiem "
                f"partnerstwa (powiaty partnerstwa: {', '.join(sorted(powiat_codes))})",
                teryt_path))
    return problems


def _terc_matches_kind(kind: MemberKind, code: str, path: DataPath) -> list[Problem]:
    terc = Terc(code)
    if kind is MemberKind.POWIAT:
        if len(code) != 4:
            return [error("teryt.kind_mismatch", f"powiat ma 4-cyfrowy kod TERYT (WWPP), a podano {code}", path)]
        if terc.is_city_with_powiat_rights:
            return [error("teryt.kind_mismatch",
                          f"kod {code} oznacza miasto na prawach powiatu (PP 61–99), a nie powiat", path)]
        return []
    if not terc.is_gmina:
        return [error("teryt.kind_mismatch", f"{kind.value} ma 7-cyfrowy kod TERYT (WWPPGGR), a podano {code}", path)]
    expected = TERC_DIGIT_OF_KIND[kind]
    if terc.kind_digit != expected:
        return [error("teryt.kind_mismatch",
                      f"{kind.value} ma kod TERYT kończący się cyfrą {expected}, a kod {code} kończy się cyfrą "
                      f"{terc.kind_digit}", path)]
    pp = code[2:4]
    if kind is MemberKind.MIASTO_NA_PRAWACH_POWIATU and not terc.is_city_with_powiat_rights:
        return [error("teryt.kind_mismatch", f"miasto na prawach powiatu ma kod powiatu 61–99, a kod {code} ma {pp}", path)]
    if kind is not MemberKind.MIASTO_NA_PRAWACH_POWIATU and terc.is_city_with_powiat_rights:
        return [error("teryt.kind_mismatch",
                      f"kod {code} ma kod powiatu {pp}, zarezerwowany dla miast na prawach powiatu", path)]
    return []


def _unknown_member(partnership: Partnership, member_id: str, path: DataPath) -> Problem:
    known = ", ".join(m.id for m in partnership.members)
    return error("member.unknown", f"{quoted(member_id)} nie jest członkiem partnerstwa (członkowie: {known})", path)


def project_rules(project: Project, partnership: Partnership, path: DataPath = ("project",)) -> list[Problem]:
    return [
        *_project_members(project, partnership, path),
        *_project_costs(project, path),
        *_project_funding(project, path),
        *_project_dates(project, path),
        *_project_indicators(project, path),
        *_project_options(project, path),
        *_project_schedule(project, path),
        *_project_flat_rates(project, path),
        *plan_rules(project, partnership, path),
    ]


def _project_members(project: Project, partnership: Partnership, path: DataPath) -> list[Problem]:
    references: list[tuple[str, DataPath]] = [(project.leader, path + ("leader",))]
    references += [(m, path + ("partners", i)) for i, m in enumerate(project.partners)]
    references += [(m, path + ("location", i)) for i, m in enumerate(project.location)]
    references += [(t.responsible, path + ("tasks", i, "responsible")) for i, t in enumerate(project.tasks)]
    problems = [_unknown_member(partnership, member_id, p)
                for member_id, p in references if partnership.member(member_id) is None]
    if project.leader in project.partners:
        index = project.partners.index(project.leader)
        problems.append(error("project.leader_is_partner", "lider projektu nie może być jednocześnie jego partnerem",
                              path + ("partners", index)))
    return problems


def _project_costs(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    for index, item in enumerate(project.costs):
        if item.eligible > item.total:
            problems.append(error(
                "costs.eligible_exceeds_total",
                f"koszt kwalifikowalny ({money(item.eligible)}) przekracza koszt całkowity ({money(item.total)}) "
                f"w kategorii {quoted(item.category)}",
                path + ("costs", index, "eligible")))
        if item.vat > item.total:
            problems.append(error("costs.vat_exceeds_total",
                                  f"VAT ({money(item.vat)}) przekracza koszt całkowity ({money(item.total)})",
                                  path + ("costs", index, "vat")))
        elif item.vat * 100 > VAT_STANDARD_RATE * (item.total - item.vat):
            problems.append(error(
                "costs.vat_above_rate",
                f"VAT ({money(item.vat)}) to {percent(item.vat * 100 / (item.total - item.vat))} kwoty netto "
                f"({money(item.total - item.vat)}) w kategorii {item.category!r}; podstawowa stawka VAT to 23%, "
                f"więc VAT może wynieść najwyżej {money(_vat_limit(item.total - item.vat))}",
                path + ("costs", index, "vat")))
    vat_in_eligible = any(item.eligible > item.total - item.vat for item in project.costs)
    threshold = project.vat_threshold
    if project.vat_recoverable and vat_in_eligible and project.total_cost >= threshold:
        index = next(i for i, item in enumerate(project.costs) if item.eligible > item.total - item.vat)
        problems.append(error(
            "vat.recoverable_eligible",
            f"projekt kosztuje co najmniej 5 mln EUR ({money(threshold)} po kursie {number(project.eur_rate)} zł/EUR), "
            "więc VAT, który można odzyskać, nie jest kosztem kwalifikowalnym (art. 64 ust. 1 lit. c "
            "rozporządzenia 2021/1060; Wytyczne dotyczące kwalifikowalności wydatków 2021–2027, podrozdział 3.5)",
            path + ("costs", index, "eligible")))
    return problems


def _project_funding(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    total, funded = project.total_cost, project.funding_total
    if total != funded:
        difference = funded - total
        sign = "więcej" if difference > 0 else "mniej"
        problems.append(error(
            "funding.sum_mismatch",
            f"źródła finansowania sumują się do {money(funded)}, a koszt całkowity projektu wynosi {money(total)} "
            f"(o {money(abs(difference))} {sign}); suma źródeł musi być równa kosztowi całkowitemu",
            path + ("funding",)))
    if project.max_eu_rate > CPR_MAX_EU_RATE:
        problems.append(error(
            "funding.max_rate_above_cap",
            f"maksymalny poziom dofinansowania UE {percent(project.max_eu_rate)} przekracza 85% – najwyższy poziom "
            "dopuszczony w art. 112 ust. 3 rozporządzenia 2021/1060 (regiony słabiej rozwinięte, Fundusz Spójności)",
            path + ("max_eu_rate",)))
    eligible = project.eligible_cost
    if project.eu_amount and eligible and project.eu_amount * 100 > project.max_eu_rate * eligible:
        index = next(i for i, f in enumerate(project.funding) if f.kind is FundingKind.EU)
        limit = (eligible * project.max_eu_rate / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        problems.append(error(
            "funding.eu_rate_exceeded",
            f"dofinansowanie UE ({money(project.eu_amount)}) to "
            f"{percent_beside(project.eu_amount * 100 / eligible, project.max_eu_rate)} kosztów kwalifikowalnych; "
            f"maksymalny poziom to {percent(project.max_eu_rate)}, czyli {money(limit)}, o "
            f"{money(project.eu_amount - limit)} mniej "
            "(art. 112 ust. 3 rozporządzenia 2021/1060)",
            path + ("funding", index, "amount")))
    if project.eu_amount > eligible:
        index = next(i for i, f in enumerate(project.funding) if f.kind is FundingKind.EU)
        problems.append(error("funding.eu_exceeds_eligible",
                              "dofinansowanie UE nie może przekraczać kosztów kwalifikowalnych",
                              path + ("funding", index, "amount")))
    return problems


def _day(day: dt.date) -> str:
    """A date in a message: "31 grudnia 2029 r." with plain spaces (a terminal shows them)."""
    return date_long(day).replace(NBSP, " ")


def _project_dates(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    if project.start > project.end:
        problems.append(error("dates.order", "data zakończenia projektu jest wcześniejsza niż data rozpoczęcia",
                              path + ("end",)))
    period = eligibility()
    if project.start < period.start:
        problems.append(error("dates.eligibility",
                              f"projekt nie może rozpocząć się przed {_day(period.start)} (początek okresu "
                              f"kwalifikowalności wydatków {period.period}, {period.source})", path + ("start",)))
    if project.end > period.end:
        problems.append(error("dates.eligibility",
                              f"projekt musi zakończyć się do {_day(period.end)} (koniec okresu kwalifikowalności "
                              f"wydatków {period.period}, {period.source})", path + ("end",)))
    ids: dict[str, int] = {}
    for index, task in enumerate(project.tasks):
        task_path = path + ("tasks", index)
        if task.id in ids:
            problems.append(error("task.duplicate_id", f"identyfikator zadania {quoted(task.id)} już występuje",
                                  task_path + ("id",)))
        ids.setdefault(task.id, index)
        if task.start > task.end:
            problems.append(error("dates.order", "zadanie kończy się przed rozpoczęciem", task_path + ("end",)))
        if task.start < project.start:
            problems.append(error("task.outside_project",
                                  f"zadanie zaczyna się przed rozpoczęciem projektu ({project.start:%d.%m.%Y})",
                                  task_path + ("start",)))
        if task.end > project.end:
            problems.append(error("task.outside_project",
                                  f"zadanie kończy się po zakończeniu projektu ({project.end:%d.%m.%Y})",
                                  task_path + ("end",)))
    for index, task in enumerate(project.tasks):
        for dep_index, dependency in enumerate(task.depends_on):
            if dependency not in ids:
                problems.append(error("task.unknown_dependency", f"nie ma zadania o identyfikatorze {quoted(dependency)}",
                                      path + ("tasks", index, "depends_on", dep_index)))
    return problems


def _project_indicators(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    if not project.product_indicators:
        problems.append(error("indicators.no_product", "podaj co najmniej jeden wskaźnik produktu",
                              path + ("indicators",)))
    if not project.result_indicators:
        problems.append(error("indicators.no_result", "podaj co najmniej jeden wskaźnik rezultatu",
                              path + ("indicators",)))
    return problems


def _project_options(project: Project, path: DataPath) -> list[Problem]:
    if project.chosen is None:
        names = ", ".join(repr(o.name) for o in project.options)
        return [error("options.chosen_unknown",
                      f"wybrany wariant {quoted(project.chosen_option)} nie jest żadnym z rozważanych wariantów ({names})",
                      path + ("chosen_option",))]
    chosen = project.chosen
    if chosen.cost is not None and chosen.cost != project.total_cost:
        index = project.options.index(chosen)
        difference = chosen.cost - project.total_cost
        return [error("options.cost_mismatch",
                      f"koszt wybranego wariantu {quoted(chosen.name)} wynosi {money(chosen.cost)}, a koszt całkowity "
                      f"projektu {money(project.total_cost)} (o {money(abs(difference))} "
                      f"{'więcej' if difference > 0 else 'mniej'}); wybrany wariant to projekt – koszty muszą być równe",
                      path + ("options", index, "cost"))]
    return []


def _project_schedule(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    tasks_total = project.tasks_total
    if tasks_total != project.total_cost:
        problems.append(error(
            "tasks.sum_mismatch",
            f"koszty zadań sumują się do {money(tasks_total)}, a koszt całkowity projektu (suma kosztów "
            f"inwestycyjnych) wynosi {money(project.total_cost)}; różnica {money(abs(tasks_total - project.total_cost))}",
            path + ("tasks",)))
    for index, task in enumerate(project.tasks):
        task_path = path + ("tasks", index)
        if task.costs_by_year:
            for year in task.costs_by_year:
                if not task.start.year <= year <= task.end.year:
                    problems.append(error(
                        "task.year_outside",
                        f"rok {year} leży poza okresem zadania ({task.start.year}–{task.end.year})",
                        task_path + ("costs_by_year", str(year))))
            split_total = sum(task.costs_by_year.values(), Decimal(0))
            if split_total != task.cost:
                problems.append(error(
                    "task.year_costs_mismatch",
                    f"koszty w podziale na lata sumują się do {money(split_total)}, a koszt zadania wynosi "
                    f"{money(task.cost)}", task_path + ("costs_by_year",)))
    problems.extend(_dependency_problems(project, path))
    return problems


def _dependency_problems(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    tasks = {task.id: task for task in project.tasks}
    index_of = {task.id: i for i, task in enumerate(project.tasks)}
    for index, task in enumerate(project.tasks):
        for dep_index, dependency in enumerate(task.depends_on):
            before = tasks.get(dependency)
            if before is not None and task.start < before.end:
                problems.append(error(
                    "task.starts_before_dependency",
                    f"zadanie {task.id} zaczyna się {task.start:%d.%m.%Y}, przed końcem zadania {before.id}, "
                    f"od którego zależy ({before.end:%d.%m.%Y})",
                    path + ("tasks", index, "depends_on", dep_index)))
    for cycle in dependency_cycles({t.id: [d for d in t.depends_on if d in tasks] for t in project.tasks}):
        problems.append(error(
            "task.dependency_cycle",
            "zależności zadań tworzą cykl: " + " → ".join(cycle + [cycle[0]]),
            path + ("tasks", index_of[cycle[0]], "depends_on")))
    return problems


def dependency_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of the graph once, rotated to start at its earliest-listed node.

    Iterative depth-first search: schedules may have thousands of tasks.
    """
    order = {node: i for i, node in enumerate(graph)}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    for root in graph:
        if root in state:
            continue
        trail: list[str] = [root]
        iterators = [iter(graph[root])]
        state[root] = 1
        while iterators:
            nxt = next(iterators[-1], None)
            if nxt is None:
                state[trail.pop()] = 2
                iterators.pop()
                continue
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
                    found.append(cycle[start:] + cycle[:start])
            elif nxt not in state:
                state[nxt] = 1
                trail.append(nxt)
                iterators.append(iter(graph[nxt]))
    return found


def _project_flat_rates(project: Project, path: DataPath) -> list[Problem]:
    problems = []
    base = project.direct_eligible_cost
    for index, item in enumerate(project.costs):
        if item.flat_rate is None:
            continue
        expected = (base * item.flat_rate / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        if item.eligible > expected:
            problems.append(error(
                "costs.flat_rate_exceeded",
                f"koszty rozliczane stawką ryczałtową {percent(item.flat_rate)} mogą wynieść najwyżej "
                f"{money(expected)} ({percent(item.flat_rate)} z {money(base)} kosztów bezpośrednich "
                f"kwalifikowalnych), a podano {money(item.eligible)}",
                path + ("costs", index, "eligible")))
    return problems
