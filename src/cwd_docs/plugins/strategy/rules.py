"""Checks shared by the strategy kinds, and the rule set of a kind."""

from __future__ import annotations

import re
from decimal import Decimal

from ...doctype import Scoped
from ...domain.eligibility import eligibility
from ...domain.package_money import framework_comparison, kinds_without_projects, surplus_parts
from ...domain.strategy import MONEY_KIND_LABELS, ConsultedGroup, Dimension, MoneyKind, StrategyType
from ...formatting import join_words, money, plural
from ...problems import Problem, error, gap, quoted, warning
from ..project.rules import check_partnership, check_project
from ..project.strategy_link import agrees_with_strategy, strategy_link_rules
from .coherence import (consultation_cites_projects, direction_implementers, directions_carried,
                        edition_of_the_document)
from .kinds import CHAPTER_TITLES, S, Check, StrategyKind, effective_kind, missing
from .procedure import managing_authority_needs_procedure, procedure_order
from .schema import StrategyFile

ART_6_3 = "art. 6 ust. 3 u.z.p.p.r."
CONSULTATION_LABEL = "Konsultacje (co najmniej 35 dni) i sprawozdanie z nich"


def has_diagnosis(basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        d = data.strategy.diagnosis
        if not (d.social or d.economic or d.spatial or d.environmental):
            return [missing("strategy.diagnosis", "wnioski z diagnozy (co najmniej jedna sfera)", basis,
                            ("diagnosis",))]
        if not d.sections:
            return [missing("strategy.diagnosis_sections", "diagnoza z tekstem i danymi (co najmniej jedna część "
                            "w diagnosis.sections)", basis, ("diagnosis", "sections"))]
        return []
    return check


def has_goal_dimensions(basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        present = {g.dimension for g in data.strategy.goals}
        needed = (Dimension.SOCIAL, Dimension.ECONOMIC, Dimension.SPATIAL)
        absent = [d.value for d in needed if d not in present]
        if absent:
            return [missing("strategy.goal_dimension",
                            "cele strategiczne w wymiarze " + ", ".join(absent), basis, ("goals",))]
        return []
    return check


def has_directions(basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        return [missing("strategy.directions", f"kierunki działań dla celu {g.code}", basis,
                        ("goals", i, "directions"))
                for i, g in enumerate(data.strategy.goals) if not g.all_directions]
    return check


def has_results(basis: str, spatial: bool) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        problems = [missing("strategy.results", f"oczekiwane rezultaty ze wskaźnikami dla celu {g.code}", basis,
                            ("goals", i, "results"))
                    for i, g in enumerate(data.strategy.goals) if not g.results]
        if spatial and not problems and not any(r.spatial for _, r in data.strategy.results):
            problems.append(missing("strategy.spatial_results",
                                    "oczekiwane rezultaty planowanych działań w układzie przestrzennym "
                                    "(co najmniej jeden rezultat ze spatial: true)", basis, ("goals",)))
        return problems
    return check


def text_status(field: str):
    """What a text element holds, for the annex: its paragraphs ("2 akapity") or list items."""
    from ...formatting import plural

    def status(data: StrategyFile) -> str:
        value = getattr(data.strategy, field)
        if isinstance(value, list):
            return plural(len(value), "punkt", "punkty", "punktów")
        paragraphs = [p for p in re.split(r"\n\s*\n", value or "") if p.strip() and not p.lstrip().startswith("[^")]
        return plural(len(paragraphs), "akapit", "akapity", "akapitów") if paragraphs else "brak"
    return status


def has_text(field: str, code: str, what: str, basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        if not getattr(data.strategy, field):
            return [missing(code, what, basis, (field,))]
        return []
    return check


def consultation_rules(data: StrategyFile) -> list[Problem]:
    consultation = data.strategy.consultation
    if consultation is None:
        return [missing("strategy.consultation", "konsultacje projektu strategii", "art. 6 u.z.p.p.r.",
                        ("consultation",))]
    problems = []
    if consultation.end < consultation.start:
        problems.append(error("dates.order", "konsultacje kończą się przed rozpoczęciem",
                              S + ("consultation", "end")))
    elif consultation.days < 35:
        problems.append(error(
            "consultation.too_short",
            f"konsultacje trwały {consultation.days} dni; termin na zgłaszanie uwag nie może być krótszy niż "
            "35 dni (art. 6 ust. 3 u.z.p.p.r.)", S + ("consultation", "end")))
    absent = [g.value for g in ConsultedGroup if g not in consultation.groups]
    if absent:
        problems.append(error(
            "consultation.parties",
            f"konsultacje muszą objąć wszystkie podmioty wskazane w {ART_6_3}; brakuje: " + "; ".join(absent),
            S + ("consultation", "groups")))
    if consultation.report_published and consultation.report_published < consultation.end:
        problems.append(error(
            "consultation.report_date",
            f"sprawozdanie opublikowano {consultation.report_published:%d.%m.%Y}, przed końcem konsultacji "
            f"({consultation.end:%d.%m.%Y})", S + ("consultation", "report_published")))
    return problems


def consultation_status(data: StrategyFile) -> str:
    c = data.strategy.consultation
    if c is None:
        return "brak"
    return f"{plural(c.days, 'dzień', 'dni', 'dni')}, {plural(len(c.comments), 'uwaga', 'uwagi', 'uwag')}"


def opinions_after_consultation(data: StrategyFile) -> list[Problem]:
    """The board and the managing authority give an opinion on the draft after the consultation."""
    consultation = data.strategy.consultation
    if consultation is None:
        return []
    return [error("opinion.before_consultation",
                  f"opinia ({opinion.body.value}) z {opinion.date:%d.%m.%Y} jest wcześniejsza niż koniec konsultacji "
                  f"({consultation.end:%d.%m.%Y}); opiniuje się projekt strategii po konsultacjach",
                  S + ("opinions", index, "date"))
            for index, opinion in enumerate(data.strategy.opinions) if opinion.date <= consultation.end]


def projects_belong_to_partnership(data: StrategyFile) -> list[Problem]:
    problems = []
    codes: dict[str, int] = {}
    for index, project_file in enumerate(data.projects):
        first = next(i for i, other in enumerate(data.projects) if other is project_file)
        if first != index:  # the same file listed twice: one object, told at the second entry
            problems.append(error(
                "strategy.project_file_duplicate",
                f"plik projektu {project_file.project.code} jest już na liście pakietu (pozycja {first + 1}); "
                "usuń powtórzenie", ("projects", index)))
            continue
        if project_file.partnership.name != data.partnership.name:
            problems.append(error(
                "strategy.project_partnership",
                f"projekt {project_file.project.code} należy do partnerstwa „{project_file.partnership.name}”, "
                f"a strategia do „{data.partnership.name}”", ("projects", index, "partnership", "name")))
        code = project_file.project.code
        if code in codes:
            problems.append(error("strategy.project_duplicate", f"projekt {code} występuje w pakiecie dwukrotnie",
                                  ("projects", index, "project", "code")))
        codes.setdefault(code, index)
    return problems


def goal_codes(data: StrategyFile) -> set[str]:
    """Codes a project may name: the operational goals and the directions of action."""
    return {op.code for g in data.strategy.goals for op in g.operational_goals} | {
        d.code for g in data.strategy.goals for d in g.all_directions}


def projects_linked_to_goals(data: StrategyFile) -> list[Problem]:
    """Each project of the package serves an operational goal or a direction the strategy has."""
    known = goal_codes(data)
    listed = ", ".join(sorted(known)) or "brak"
    problems = []
    for index, project_file in enumerate(data.projects):
        project = project_file.project
        if any(other is project_file for other in data.projects[:index]):
            continue
        # The project's documents print the goal by the strategy's own name and follow its mechanism.
        if project_file.strategy_file is None:  # a project naming its strategy file checks itself against it
            problems += agrees_with_strategy(project_file, data.strategy, ("projects", index))
        path = ("projects", index, "project", "strategy_goal_code")
        if not project.strategy_goal_code:
            problems.append(error(
                "strategy.project_goal_missing",
                f"projekt {project.code} nie wskazuje celu operacyjnego ani kierunku działań strategii, któremu "
                f"służy (pole strategy_goal_code; kody w strategii: {listed})", ("projects", index, "project")))
        elif project.strategy_goal_code not in known:
            problems.append(error(
                "strategy.project_goal",
                f"projekt {project.code} wskazuje cel {quoted(project.strategy_goal_code)}, którego strategia nie ma "
                f"(cele operacyjne i kierunki działań: {listed})", path))
    return problems


def complementary_projects_known(data: StrategyFile) -> list[Problem]:
    """A complementary project serves a goal the strategy has, and is carried out by members."""
    known = goal_codes(data)
    problems = []
    for i, project in enumerate(data.strategy.complementary_projects):
        if project.goal not in known:
            problems.append(error(
                "strategy.project_goal",
                f"projekt uzupełniający „{project.title}” wskazuje cel {quoted(project.goal)}, którego strategia nie ma "
                f"(cele operacyjne i kierunki działań: {', '.join(sorted(known)) or 'brak'})",
                S + ("complementary_projects", i, "goal")))
        for j, member in enumerate(project.members):
            if data.partnership.member(member) is None:
                problems.append(error("member.unknown", f"{quoted(member)} nie jest członkiem partnerstwa",
                                      S + ("complementary_projects", i, "members", j)))
    return problems


def strategy_period(data: StrategyFile) -> tuple[int, int] | None:
    found = re.fullmatch(r"\s*(\d{4})\s*[-–—]\s*(\d{4})\s*", data.strategy.years)
    return (int(found.group(1)), int(found.group(2))) if found else None


def period_readable(data: StrategyFile) -> list[Problem]:
    period = strategy_period(data)
    if period is None or period[0] > period[1]:
        return [error("strategy.years", f"okres obowiązywania {quoted(data.strategy.years)} zapisz jako lata od–do, "
                      "np. 2021–2030", S + ("years",))]
    return []


def framework_covers_package(data: StrategyFile) -> list[Problem]:
    """The financial framework holds the package in every year and for every kind of money (EU, own, other
    public), spans the strategy's period from the document's year on, and explains each source no project uses."""
    framework = data.strategy.financial_framework
    if framework is None:
        return []
    problems = []
    sources_path = S + ("financial_framework", "sources")
    period, eu_period = strategy_period(data), eligibility()
    if period is not None:
        for i, source in enumerate(framework.sources):
            for year in source.amounts:
                if 2014 <= year <= 2040 and not period[0] <= year <= period[1]:
                    problems.append(error(
                        "finance.year_outside_period",
                        f"rok {year} w ramach finansowych leży poza okresem strategii {data.strategy.years}",
                        sources_path + (i, "amounts", str(year))))
        first = max(period[0], data.document.date.year)
        # EU money of the period is spent by the end of its eligibility: a framework of EU sources only
        # spans the strategy's period up to that year; other money runs to the period's end.
        only_eu = all(s.money_kind is MoneyKind.EU for s in framework.sources)
        last = min(period[1], eu_period.last_year) if only_eu else period[1]
        missing_years = [y for y in range(first, last + 1) if y not in framework.years]
        if missing_years and first <= last:
            until = (f"{last} r. (koniec okresu kwalifikowalności wydatków UE, {eu_period.source})"
                     if last < period[1] else f"{period[1]} r.")
            problems.append(error(
                "finance.period_not_covered",
                f"ramy finansowe nie obejmują {'roku' if len(missing_years) == 1 else 'lat'} "
                f"{years_text(missing_years)} okresu strategii {data.strategy.years}; podaj kwoty (także 0) na każdy "
                f"rok od {first} r. (rok sporządzenia dokumentu albo początek okresu) do {until}",
                sources_path))
    problems += eu_after_eligibility(data)
    untyped = [i for i, s in enumerate(framework.sources) if s.money_kind is None]
    for i in untyped:
        problems.append(error(
            "finance.source_kind",
            f"źródło {quoted(framework.sources[i].source)} nie ma rodzaju środków; podaj kind: UE, wkład własny albo "
            "inne środki publiczne, aby porównać je z pakietem projektów w każdym roku", sources_path + (i,)))
    for i, project in enumerate(data.strategy.complementary_projects):
        if project.funding and project.estimated_cost is not None and project.funding_total != project.estimated_cost:
            problems.append(error(
                "finance.complementary_mismatch",
                f"szacunkowe finansowanie projektu uzupełniającego „{project.title}” w latach sumuje się do "
                f"{money(project.funding_total)}, a jego szacunkowa wartość wynosi {money(project.estimated_cost)}",
                S + ("complementary_projects", i, "funding")))
    if untyped:
        return problems
    comparison = framework_comparison(framework, unique_projects(data), data.strategy.complementary_projects)
    for row in comparison:
        if row.surplus >= 0 or (row.kind is MoneyKind.EU and row.year > eu_period.last_year):
            continue  # EU money after the eligibility end: told once, where it is given
        sources = [i for i, s in enumerate(framework.sources) if s.money_kind is row.kind]
        with_year = [i for i in sources if row.year in framework.sources[i].amounts]
        path = sources_path + ((with_year[0], "amounts", str(row.year)) if with_year else
                               (sources[0], "amounts") if sources else ())
        parts = [f"projekty pakietu {money(row.projects)}"] if row.projects else []
        parts += [f"projekty uzupełniające {money(row.complementary)}"] if row.complementary else []
        parts += [f"inne przeznaczenie (other_uses) {money(row.other)}"] if row.other else []
        problems.append(error(
            "finance.year_below_package",
            f"w {row.year} r. ramy finansowe mają {money(row.framework)} ({MONEY_KIND_LABELS[row.kind]}), a pakiet "
            f"potrzebuje {money(row.needed)} ({', '.join(parts)}); brakuje {money(-row.surplus)}"
            + ("" if sources else f" – ramy nie mają źródła rodzaju „{row.kind.value}” (pole kind)"), path))
    left = surplus_parts(framework, comparison).left
    if left and not framework.surplus_purpose:
        problems.append(gap(
            "finance.surplus_unexplained",
            "ramy finansowe przewyższają potrzeby pakietu o " + join_words(
                [f"{money(amount)} ({MONEY_KIND_LABELS[kind]})" for kind, amount in left.items()], " oraz ")
            + "; przypisz te środki w polu other_uses (rodzaj, kwoty w latach, przeznaczenie) albo opisz "
            "przeznaczenie nadwyżki w polu surplus_purpose", S + ("financial_framework",)))
    unused = kinds_without_projects(comparison)
    for i, source in enumerate(framework.sources):
        if source.money_kind in unused and not source.outside_package:
            problems.append(error(
                "finance.source_unexplained",
                f"źródło {quoted(source.source)} ({money(source.total)}) nie finansuje żadnego projektu pakietu ani "
                "projektu uzupełniającego; opisz w polu outside_package, na co są przeznaczone jego środki, albo "
                "przypisz je projektom", sources_path + (i,)))
    return problems


def eu_after_eligibility(data: StrategyFile) -> list[Problem]:
    """EU money of the 2021–2027 programmes in a year after the end of the eligibility period (CPR art.
    63(2)): in a source of the framework or in a complementary project's yearly estimate."""
    period = eligibility()
    framework = data.strategy.financial_framework
    located: list[tuple[str, int, Decimal, tuple]] = []
    if framework is not None:
        located += [(f"źródło {quoted(source.source)} ram finansowych", year, amount,
                     S + ("financial_framework", "sources", i, "amounts", str(year)))
                    for i, source in enumerate(framework.sources) if source.money_kind is MoneyKind.EU
                    for year, amount in source.amounts.items()]
        located += [(f"inne przeznaczenie ram finansowych ({quoted(use.purpose)})", year, amount,
                     S + ("financial_framework", "other_uses", i, "amounts", str(year)))
                    for i, use in enumerate(framework.other_uses) if use.kind is MoneyKind.EU
                    for year, amount in use.amounts.items()]
    located += [(f"projekt uzupełniający „{project.title}”", year, amount,
                 S + ("complementary_projects", i, "funding", j, "amounts", str(year)))
                for i, project in enumerate(data.strategy.complementary_projects)
                for j, funding in enumerate(project.funding) if funding.kind is MoneyKind.EU
                for year, amount in funding.amounts.items()]
    return [error("finance.eu_after_eligibility",
                  f"{what} ma {money(amount)} środków UE w {year} r., po końcu okresu kwalifikowalności wydatków "
                  f"{period.period} ({period.end:%d.%m.%Y}, {period.source}); środki UE przypisz do lat do "
                  f"{period.last_year} r., a wydatki późniejsze – do wkładu własnego albo innych środków",
                  path)
            for what, year, amount, path in located if year > period.last_year and amount]


def years_text(years: list[int]) -> str:
    """2026, 2027, 2028 and 2030 as '2026–2028 i 2030'."""
    runs: list[list[int]] = []
    for year in years:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    texts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return join_words(texts)


def unique_projects(data: StrategyFile) -> list:
    seen: list = []
    for project_file in data.projects:
        if not any(project_file is other for other in seen):
            seen.append(project_file)
    return [p.project for p in seen]


def financial_framework_years(data: StrategyFile) -> list[Problem]:
    framework = data.strategy.financial_framework
    if framework is None:
        return []
    return [error("strategy.finance_year", f"rok {year} jest poza zakresem 2014–2040",
                  S + ("financial_framework", "sources", i, "amounts", str(year)))
            for i, source in enumerate(framework.sources) for year in source.amounts if not 2014 <= year <= 2040]


def goal_codes_unique(data: StrategyFile) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, goal in enumerate(data.strategy.goals):
        if goal.code in seen:
            problems.append(error("strategy.goal_duplicate", f"kod celu {goal.code} już występuje",
                                  S + ("goals", index, "code")))
        seen.add(goal.code)
    return problems


def osi_members_known(data: StrategyFile) -> list[Problem]:
    places: list[tuple[str, tuple]] = []
    strategy = data.strategy
    for kind in ("regional", "local"):
        for i, area in enumerate(getattr(strategy.osi, kind)):
            places += [(m, ("osi", kind, i, "members", j)) for j, m in enumerate(area.members)]
    for g, goal in enumerate(strategy.goals):
        for d, direction in enumerate(goal.directions):
            places += [(m, ("goals", g, "directions", d, "members", j)) for j, m in enumerate(direction.members)]
        for o, op in enumerate(goal.operational_goals):
            for d, direction in enumerate(op.directions):
                places += [(m, ("goals", g, "operational_goals", o, "directions", d, "members", j))
                           for j, m in enumerate(direction.members)]
    if strategy.implementation:
        places += [(r.member, ("implementation", "roles", i, "member"))
                   for i, r in enumerate(strategy.implementation.roles)]
    places += [(r.member, ("resolutions", i, "member")) for i, r in enumerate(strategy.resolutions)]
    known = ", ".join(m.id for m in data.partnership.members)
    return [error("member.unknown", f"{quoted(member_id)} nie jest członkiem partnerstwa (członkowie: {known})", S + path)
            for member_id, path in places if data.partnership.member(member_id) is None]


def directions_name_known_osi(data: StrategyFile) -> list[Problem]:
    names = [a.name for a in data.strategy.osi.regional + data.strategy.osi.local]
    problems = []
    for g, goal in enumerate(data.strategy.goals):
        located = [(("goals", g, "directions", d), x) for d, x in enumerate(goal.directions)] + [
            (("goals", g, "operational_goals", o, "directions", d), x)
            for o, op in enumerate(goal.operational_goals) for d, x in enumerate(op.directions)]
        for path, direction in located:
            for j, name in enumerate(direction.osi):
                if name not in names:
                    problems.append(error(
                        "strategy.direction_osi",
                        f"kierunek {direction.code} wskazuje OSI {quoted(name)}, którego nie ma w rozdziale o obszarach "
                        f"strategicznej interwencji (są: {'; '.join(names) or 'brak'})", S + path + ("osi", j)))
    return problems


def operational_codes_unique(data: StrategyFile) -> list[Problem]:
    seen: set[str] = {g.code for g in data.strategy.goals}
    problems = []
    for g, goal in enumerate(data.strategy.goals):
        for o, op in enumerate(goal.operational_goals):
            if op.code in seen:
                problems.append(error("strategy.goal_duplicate", f"kod celu {op.code} już występuje",
                                      S + ("goals", g, "operational_goals", o, "code")))
            seen.add(op.code)
            for d, direction in enumerate(op.directions):
                if direction.code in seen:
                    problems.append(error("strategy.goal_duplicate", f"kod kierunku {direction.code} już występuje",
                                          S + ("goals", g, "operational_goals", o, "directions", d, "code")))
                seen.add(direction.code)
        for d, direction in enumerate(goal.directions):
            if direction.code in seen:
                problems.append(error("strategy.goal_duplicate", f"kod kierunku {direction.code} już występuje",
                                      S + ("goals", g, "directions", d, "code")))
            seen.add(direction.code)
    return problems


def resolutions_of_members(data: StrategyFile) -> list[Problem]:
    """Each member adopts a resolution on the procedure and one adopting the strategy (until then: a warning)."""
    from ...domain.strategy import ResolutionSubject

    problems = []
    for subject in ResolutionSubject:
        have = {r.member for r in data.strategy.resolutions if r.subject is subject}
        lacking = [m.name for m in data.partnership.members if m.id not in have]
        if lacking:
            problems.append(missing(
                "strategy.resolution_missing",
                f"uchwała w sprawie: {subject.value} – {', '.join(lacking)} (dopisz numer i datę po jej podjęciu)",
                "art. 10g u.s.g.", ("resolutions",)))
    return problems


def resolutions_status(data: StrategyFile) -> str:
    """Resolutions counted against the members: "o trybie: 6 z 6; o przyjęciu: 0 z 6 (niekompletne)"."""
    from ...domain.strategy import ResolutionSubject

    members = {m.id for m in data.partnership.members}
    parts, complete = [], True
    for subject, label in ((ResolutionSubject.PROCEDURE, "o trybie"), (ResolutionSubject.ADOPTION, "o przyjęciu")):
        have = {r.member for r in data.strategy.resolutions if r.subject is subject} & members
        complete = complete and len(have) == len(members)
        parts.append(f"{label}: {len(have)} z {len(members)}")
    if not data.strategy.resolutions:
        return "brak"
    return "; ".join(parts) + ("" if complete else " (niekompletne)")


def declared_kind(kind: StrategyKind) -> Check:
    """The file says which strategy it is; building it as another kind is an error, not a guess."""
    def check(data: StrategyFile) -> list[Problem]:
        strategy, problems = data.strategy, []
        if strategy.kind is not kind.declared:
            problems.append(error(
                "strategy.kind_mismatch",
                f"plik opisuje strategię rodzaju „{strategy.kind.value}”, a budowany jest dokument „{kind.title}”; "
                "zmień pole kind albo typ dokumentu", S + ("kind",)))
        if strategy.serves_as is not None and (strategy.kind is not StrategyType.SUPRALOCAL
                                               or strategy.serves_as is StrategyType.SUPRALOCAL):
            problems.append(error(
                "strategy.serves_as",
                "pole serves_as (ZIT albo IIT) ma tylko strategia ponadlokalna pełniąca też funkcję strategii "
                "terytorialnej", S + ("serves_as",)))
        if strategy.kind is not StrategyType.SUPRALOCAL and "ponadlokaln" in strategy.name.lower():
            problems.append(error(
                "strategy.title_kind",
                f"strategia rodzaju {strategy.kind.value} ma tytuł strategii ponadlokalnej; podaj jej własny tytuł "
                "albo ustaw kind: ponadlokalna i serves_as: " + strategy.kind.value, S + ("name",)))
        return problems
    check.__name__ = f"{kind.name}_declared_kind"
    return check


# A project of the package is checked as its own documents check it (once per session: Scoped).
COMMON_RULES: tuple[Check | Scoped, ...] = (
    Scoped(("partnership",), check_partnership), Scoped(("projects", "*"), check_project),
    projects_belong_to_partnership, projects_linked_to_goals, Scoped(("projects", "*"), strategy_link_rules),
    financial_framework_years, period_readable,
    framework_covers_package, goal_codes_unique, operational_codes_unique, osi_members_known,
    directions_name_known_osi, opinions_after_consultation, complementary_projects_known,
    procedure_order, managing_authority_needs_procedure, direction_implementers, directions_carried,
    consultation_cites_projects, edition_of_the_document)


# What a chapter holds when the file has it; an empty chapter is a gap even where no law names the part.
CHAPTER_CONTENT = {
    "projects": (lambda d: not d.projects and not d.strategy.complementary_projects, "strategy.projects",
                 "pakiet projektów (pliki projektów w polu projects albo projekty uzupełniające)", ("projects",)),
    "implementation": (lambda d: d.strategy.implementation is None, "strategy.implementation",
                       "system realizacji strategii (zarządzanie, monitorowanie, ewaluacja)", S + ("implementation",)),
    "finance": (lambda d: d.strategy.financial_framework is None, "strategy.financial_framework",
                "ramy finansowe i źródła finansowania", S + ("financial_framework",)),
}


def element_problems(made: StrategyKind, data: StrategyFile) -> list[tuple[str, Problem]]:
    """(anchor, problem) of every legal element and chapter of the kind the file makes, each problem once
    (both laws may require one part – directions, results: told under the first)."""
    found: list[tuple[str, Problem]] = []
    for element in made.elements:
        found += [(element.anchor, p) for p in element.check(data)]
    for key, (empty, code, what, path) in CHAPTER_CONTENT.items():
        if key in made.chapters and empty(data):
            found.append((f"ch_{key}", gap(code, f"brak treści rozdziału „{CHAPTER_TITLES[key]}”: {what}", path)))
    seen: set = set()
    unique = []
    for anchor, problem in found:
        if (problem.code, problem.path) not in seen:
            seen.add((problem.code, problem.path))
            unique.append((anchor, problem))
    return unique


def unverified_provisions(made: StrategyKind, data: StrategyFile) -> list[Problem]:
    """Provisions the document cites whose wording is not verified: told to the advisor, never printed."""
    provisions = list(dict.fromkeys(e.unverified for e in made.elements if e.unverified and e.applies(data)))
    if not provisions:
        return []
    return [warning("legal.unverified",
                    "przed złożeniem dokumentu sprawdź brzmienie przepisów, na które się powołuje (nie zostało "
                    "zweryfikowane): " + "; ".join(provisions), S + ("kind",))]


def make_rules(kind: StrategyKind) -> tuple[Check | Scoped, ...]:
    def legal_elements(data: StrategyFile) -> list[Problem]:
        """The elements of the kind the file makes (both laws when it serves as a ZIT/IIT strategy)."""
        made = effective_kind(kind, data)
        problems = [problem for _, problem in element_problems(made, data)]
        for rule in made.extra_rules:
            problems.extend(rule(data))
        return problems + unverified_provisions(made, data)

    legal_elements.__name__ = f"{kind.name}_legal_elements"
    return (declared_kind(kind),) + COMMON_RULES + (legal_elements,)


