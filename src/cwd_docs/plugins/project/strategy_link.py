"""A project and the strategy that lists it: the goal by code, the territorial mechanism, the file named.

The strategy is the one whose package lists the project (the strategy's rules link them, in a package
and in a strategy build), or the one the project file names in its `strategy` field. Only the strategy
section of that file is read here (its goals and kind); the strategy's own documents validate it whole.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from ...domain.strategy import Strategy
from ...problems import Problem, error, gap, quoted

_CACHE: dict[tuple[Path, int, int], tuple[Strategy | None, str]] = {}


def named_strategy(project_file: Any) -> tuple[Strategy | None, str]:
    """The strategy the project file names, or None and why it cannot be read (in Polish)."""
    from ...loading.paths import escapes, outside_message
    from ...loading.reader import LoadFailed, read_data_file
    from ...loading.session import validate_schema

    path: Path = project_file.strategy_file
    if escapes(path, project_file.strategy_root):
        return None, outside_message(quoted(project_file.strategy), project_file.strategy_root)
    try:
        stat = path.stat()
    except OSError:
        return None, "nie ma takiego pliku"
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key in _CACHE:
        return _CACHE[key]
    try:
        data, _ = read_data_file(path)
    except LoadFailed as exc:
        found: tuple[Strategy | None, str] = (None, "; ".join(p.message for p in exc.problems) or "plik nieczytelny")
    else:
        section = data.get("strategy") if isinstance(data, dict) else None
        if not isinstance(section, dict):
            found = (None, "plik nie zawiera sekcji strategy")
        else:
            model, problems = validate_schema(Strategy, section, base_dir=path.parent,
                                              root=project_file.strategy_root or path.parent)
            found = (model, "" if model is not None else
                     f"strategia w tym pliku ma błędy ({len(problems)}); sprawdź ją poleceniem validate")
    _CACHE[key] = found
    return found


def strategy_link_rules(data: Any) -> list[Problem]:
    """The strategy file the project names can be read, has the goal code, and agrees on the mechanism and on
    the goals the project's texts name. (A project that names no strategy file is checked by the strategy
    that lists it: `agrees_with_strategy`.)"""
    if data.strategy_file is None:
        return []
    strategy, reason = named_strategy(data)
    if strategy is None:  # the documents cannot name the goal: a gap, as when no strategy is named
        return [gap("project.strategy_file", f"nie można odczytać strategii z pliku {quoted(data.strategy)}: "
                    f"{reason}; dokumenty nie podadzą nazwy celu ani terytorialnego mechanizmu wdrażania",
                    ("strategy",))]
    if data._strategy is None:
        data.link_strategy(strategy)
    problems: list[Problem] = []
    code = data.project.strategy_goal_code
    if code and strategy.named(code) is None:
        problems.append(error(
            "project.goal_code",
            f"strategia „{strategy.name}” nie ma celu ani kierunku o kodzie {quoted(code)} (kody w strategii: "
            f"{', '.join(goal_codes(strategy)) or 'brak'})", ("project", "strategy_goal_code")))
    return problems + agrees_with_strategy(data, strategy, ())


def strategy_known(data: Any) -> list[Problem]:
    """Without its strategy a project's documents cannot name its goal nor its territorial mechanism: a gap."""
    if data.strategy_file is not None or data.linked_strategy is not None:
        return []
    code = data.project.strategy_goal_code
    return [gap("project.strategy_missing",
                "nie wskazano strategii, która wymienia projekt (pole strategy, np. strategia.yaml, albo pakiet ze "
                "strategią): dokumenty nie podadzą nazwy celu" + (f" {code}" if code else "")
                + " ani terytorialnego mechanizmu wdrażania", ("project", "strategy_goal_code") if code else ())]


def agrees_with_strategy(project_file: Any, strategy: Strategy, prefix: tuple) -> list[Problem]:
    return mechanism_agrees(project_file, strategy, prefix) + goals_named_in_texts(project_file, strategy, prefix)


# "kierunek 1.2", "cel operacyjny 2.1", "celu strategicznego 1" in a project's own texts
NAMED_GOAL = re.compile(r"\b(kierun\w*(?: działań)?|cel\w* operacyjn\w*|cel\w* strategiczn\w*)\s+(C?\d+(?:\.\d+)*)\b",
                        re.IGNORECASE)


def _texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    from pydantic import BaseModel

    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


def goals_named_in_texts(project_file: Any, strategy: Strategy, prefix: tuple) -> list[Problem]:
    """A goal or direction a project's text names by its number exists in the strategy at that level
    ("kierunek 1.2" where 1.2 is an operational goal is an error of the text)."""
    levels = {"kierun": "kierunek działań", "operacyjn": "cel operacyjny", "strategiczn": "cel strategiczny"}
    problems = []
    sections = (("project", project_file.project), ("application", project_file.application))
    for root, model in sections:
        if model is None:
            continue
        for path, text in _texts(model, (root,)):
            for match in NAMED_GOAL.finditer(text):
                words, number = match.group(1).lower(), match.group(2)
                level = next(v for k, v in levels.items() if k in words)
                candidates = [number] if number.upper().startswith("C") else [number, "C" + number]
                found = [strategy.named(c) for c in candidates]
                if not any(ref is not None and ref.level == level for ref in found):
                    actual = next((ref for ref in found if ref is not None), None)
                    what = f"w strategii {actual.code} to {actual.level} „{actual.name}”" if actual else \
                        "strategia nie ma takiego kodu"
                    problems.append(error(
                        "project.goal_text",
                        f"tekst projektu {project_file.project.code} mówi „{match.group(0)}”, a {what}; nazwij cel "
                        f"kodem ze strategii (pole strategy_goal_code: nazwę dokument weźmie ze strategii)",
                        prefix + path))
    return problems


def goal_codes(strategy: Strategy) -> list[str]:
    """The codes a project may name: operational goals and directions of action, in the strategy's order."""
    codes = []
    for goal in strategy.goals:
        codes += [op.code for op in goal.operational_goals]
        codes += [d.code for d in goal.all_directions]
    return codes


def mechanism_agrees(project_file: Any, strategy: Strategy, prefix: tuple) -> list[Problem]:
    """A mechanism typed in the application data must be the one of the strategy that lists the project."""
    classification = project_file.application.classification if project_file.application else None
    typed = classification.territorial_mechanism if classification else None
    derived = strategy.territorial_mechanism
    if typed is None or typed is derived:
        return []
    return [error(
        "project.territorial_mechanism",
        f"projekt {project_file.project.code} podaje terytorialny mechanizm wdrażania „{typed.value}”, a strategia "
        f"„{strategy.name}”, która go wymienia, wyznacza „{derived.value}”; usuń pole (mechanizm wynika ze strategii) "
        "albo je popraw", prefix + ("application", "classification", "territorial_mechanism"))]
