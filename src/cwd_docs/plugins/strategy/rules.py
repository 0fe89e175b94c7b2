"""Checks shared by the strategy kinds, and the rule set of a kind."""

from __future__ import annotations

from ...doctype import Scoped
from ...domain.strategy import Dimension
from ...problems import Problem, error, quoted
from ..project.rules import check_partnership, check_project
from .kinds import S, Check, StrategyKind, missing
from .schema import StrategyFile


def has_diagnosis(basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        d = data.strategy.diagnosis
        if not (d.social or d.economic or d.spatial or d.environmental):
            return [missing("strategy.diagnosis", "wnioski z diagnozy (co najmniej jedna sfera)", basis,
                            ("diagnosis",))]
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
                for i, g in enumerate(data.strategy.goals) if not g.directions]
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
    if consultation.comments_accepted > consultation.comments_received:
        problems.append(error("consultation.comments", "uwzględniono więcej uwag, niż zgłoszono",
                              S + ("consultation", "comments_accepted")))
    return problems


def projects_belong_to_partnership(data: StrategyFile) -> list[Problem]:
    problems = []
    codes: dict[str, int] = {}
    for index, project_file in enumerate(data.projects):
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
    problems = []
    known = ", ".join(m.id for m in data.partnership.members)
    for kind in ("regional", "local"):
        for i, area in enumerate(getattr(data.strategy.osi, kind)):
            for j, member_id in enumerate(area.members):
                if data.partnership.member(member_id) is None:
                    problems.append(error("member.unknown",
                                          f"{quoted(member_id)} nie jest członkiem partnerstwa (członkowie: {known})",
                                          S + ("osi", kind, i, "members", j)))
    return problems


# A project of the package is checked as its own documents check it (once per session: Scoped).
COMMON_RULES: tuple[Check | Scoped, ...] = (
    Scoped(("partnership",), check_partnership), Scoped(("projects", "*"), check_project),
    projects_belong_to_partnership, financial_framework_years, goal_codes_unique, osi_members_known)


def make_rules(kind: StrategyKind) -> tuple[Check | Scoped, ...]:
    def legal_elements(data: StrategyFile) -> list[Problem]:
        problems: list[Problem] = []
        for element in kind.elements:
            problems.extend(element.check(data))
        return problems

    legal_elements.__name__ = f"{kind.name}_legal_elements"
    return COMMON_RULES + (legal_elements,) + kind.extra_rules


