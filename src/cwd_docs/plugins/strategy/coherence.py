"""One truth between a strategy and its package: directions carried by projects, indicators or maps,
implemented by the members whose projects serve them, and consultation answers citing real projects."""

from __future__ import annotations

import re
from typing import Iterator

from ...domain.strategy import Direction, Strategy
from ...problems import DataPath, Problem, error, quoted, warning
from .kinds import S
from .schema import StrategyFile

PROJECT_CODE = re.compile(r"\b[A-Z]{1,3}-\d{1,3}\b")
GOAL_CODE = re.compile(r"\b(?:C\d+(?:\.\d+)*|\d+(?:\.\d+)+)\b")


def located_directions(strategy: Strategy) -> Iterator[tuple[DataPath, Direction]]:
    for g, goal in enumerate(strategy.goals):
        for d, direction in enumerate(goal.directions):
            yield ("goals", g, "directions", d), direction
        for o, op in enumerate(goal.operational_goals):
            for d, direction in enumerate(op.directions):
                yield ("goals", g, "operational_goals", o, "directions", d), direction


def _unique_projects(data: StrategyFile) -> list:
    seen: list = []
    for project_file in data.projects:
        if not any(project_file is other for other in seen):
            seen.append(project_file)
    return seen


def direction_implementers(data: StrategyFile) -> list[Problem]:
    """The leader and partners of a project are among the implementers of the directions it serves."""
    strategy, problems = data.strategy, []
    paths = {direction.code: path for path, direction in located_directions(strategy)}
    for project_file in _unique_projects(data):
        project = project_file.project
        directions = strategy.directions_under(project.strategy_goal_code) if project.strategy_goal_code else []
        if not directions or any(not d.members for d in directions):  # no members listed: all members
            continue
        named = {m for d in directions for m in d.members}
        lacking = [m for m in [project.leader] + list(project.partners) if m not in named]
        if lacking:
            names = ", ".join(_name(data, m) for m in lacking)
            where = "kierunek " + directions[0].code if len(directions) == 1 else \
                "kierunki " + ", ".join(d.code for d in directions)
            problems.append(warning(
                "strategy.direction_members",
                f"{where} nie wymienia wśród realizujących: {names} (lider lub partner projektu {project.code}, "
                "który mu służy)", S + paths[directions[0].code] + ("members",)))
    return problems


def _name(data: StrategyFile, member_id: str) -> str:
    member = data.partnership.member(member_id)
    return member.name if member else member_id


def directions_carried(data: StrategyFile) -> list[Problem]:
    """A direction with no project, no indicator and no place on a map (an OSI) promises nothing checkable."""
    strategy, problems = data.strategy, []
    served: set[str] = set()
    codes = [p.project.strategy_goal_code for p in _unique_projects(data)]
    codes += [c.goal for c in strategy.complementary_projects]
    for code in codes:
        served |= {d.code for d in strategy.directions_under(code)} if code else set()
    measured = {code for _, result in strategy.results for code in result.directions}
    for path, direction in located_directions(strategy):
        if direction.code not in served and direction.code not in measured and not direction.osi:
            problems.append(warning(
                "strategy.direction_empty",
                f"kierunku {direction.code} „{direction.name}” nie realizuje żaden projekt (pakietu ani uzupełniający), "
                "nie mierzy go żaden wskaźnik (pole directions rezultatu) i nie wskazuje on OSI z mapy",
                S + path))
    known = {direction.code for _, direction in located_directions(strategy)}
    for g, goal in enumerate(strategy.goals):
        for r, result in enumerate(goal.results):
            for j, code in enumerate(result.directions):
                if code not in known:
                    problems.append(error(
                        "strategy.result_direction",
                        f"wskaźnik „{result.name}” mierzy kierunek {quoted(code)}, którego strategia nie ma "
                        f"(kierunki: {', '.join(sorted(known)) or 'brak'})",
                        S + ("goals", g, "results", r, "directions", j)))
    return problems


def _related(strategy: Strategy, a: str, b: str) -> bool:
    if a == b:
        return True
    under_a = {d.code for d in strategy.directions_under(a)}
    under_b = {d.code for d in strategy.directions_under(b)}
    return bool(under_a & under_b)


EDITION_YEARS = re.compile(r"\b(20\d\d)\s*[-–—]\s*(20\d\d)\b")


def edition_of_the_document(data: StrategyFile) -> list[Problem]:
    """The CWD edition the documents (and the package's cover) print was running when they are dated: a
    2026 strategy is not a product of the 2020–2022 pilot."""
    found = EDITION_YEARS.search(data.partnership.cwd_edition)
    if found is None or data.document.date.year <= int(found.group(2)):
        return []
    return [warning(
        "partnership.cwd_edition",
        f"edycja CWD „{data.partnership.cwd_edition}” trwała do {found.group(2)} r., a dokument jest datowany "
        f"{data.document.date:%d.%m.%Y}; podaj edycję, w której powstaje dokument (np. CWD 2023)",
        ("partnership", "cwd_edition"))]


def consultation_cites_projects(data: StrategyFile) -> list[Problem]:
    """An answer citing a project cites one of the package, serving the part of the strategy commented on."""
    consultation = data.strategy.consultation
    if consultation is None:
        return []
    strategy, problems = data.strategy, []
    projects = {p.project.code: p.project for p in _unique_projects(data)}
    for i, comment in enumerate(consultation.comments):
        path = S + ("consultation", "comments", i, "reason")
        for code in dict.fromkeys(PROJECT_CODE.findall(comment.reason)):
            project = projects.get(code)
            if project is None:
                problems.append(warning(
                    "consultation.project_unknown",
                    f"odpowiedź na uwagę ({comment.author}) powołuje się na projekt {code}, którego nie ma w pakiecie "
                    f"projektów (projekty: {', '.join(projects) or 'brak'})", path))
                continue
            parts = GOAL_CODE.findall(comment.part)
            if parts and project.strategy_goal_code and not any(
                    _related(strategy, part, project.strategy_goal_code) for part in parts):
                problems.append(warning(
                    "consultation.project_goal",
                    f"odpowiedź na uwagę do części „{comment.part}” powołuje się na projekt {code}, który służy "
                    f"celowi {project.strategy_goal_code}, nie tej części strategii", path))
    return problems
