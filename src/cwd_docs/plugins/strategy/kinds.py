"""What makes a kind of strategy: its chapters and the legal elements the document must hold.

Every element names its legal provision, the check that proves it is there and the heading (a
bookmark the template places on it) that holds it; the closing annex maps element -> heading -> page.
A supralocal strategy may also serve as the ZIT or IIT strategy: `effective_kind` then joins the
chapters and elements of both laws.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from ...domain.strategy import StrategyType
from ...problems import DataPath, Problem, gap
from .schema import StrategyFile

CHAPTER_TITLES = {
    "intro": "Wprowadzenie",
    "area": "Obszar strategii",
    "diagnosis": "Diagnoza obszaru partnerstwa",
    "needs": "Potrzeby rozwojowe i potencjał obszaru",
    "goals": "Wizja, misja i cele strategiczne",
    "directions": "Cele operacyjne i kierunki działań",
    "results": "Oczekiwane rezultaty i wskaźniki monitorowania",
    "model": "Model struktury funkcjonalno-przestrzennej",
    "spatial": "Ustalenia i rekomendacje w zakresie kształtowania i prowadzenia polityki przestrzennej",
    "osi": "Obszary strategicznej interwencji",
    "integrated": "Zintegrowane podejście terytorialne",
    "partners": "Zaangażowanie partnerów",
    "projects": "Pakiet projektów",
    "implementation": "System realizacji strategii",
    "finance": "Ramy finansowe i źródła finansowania",
    "environment": "Strategiczna ocena oddziaływania na środowisko",
    "consultation": "Konsultacje, opinie i uchwały",
}
CHAPTER_ORDER = tuple(CHAPTER_TITLES)


Check = Callable[[StrategyFile], list[Problem]]
Status = Callable[[StrategyFile], str]


@dataclass(frozen=True)
class LegalElement:
    """A part the law requires; `check` reports it missing, `anchor` is the bookmark of the heading
    that holds it, `status` says what the document contains for it ("wskazano 2 OSI")."""

    label: str
    basis: str
    anchor: str
    check: Check
    status: Status = lambda data: "zawarty"
    applies: Callable[[StrategyFile], bool] = lambda data: True  # otherwise "nie dotyczy" in the annex
    unverified: str = ""  # a provision whose wording is not verified: a warning to the advisor, never printed


@dataclass(frozen=True)
class StrategyKind:
    name: str
    title: str
    chapters: tuple[str, ...]
    elements: tuple[LegalElement, ...]
    extra_rules: tuple[Check, ...] = ()
    declared: StrategyType = StrategyType.SUPRALOCAL
    serving: dict = field(default_factory=dict, compare=False)  # StrategyType -> StrategyKind it may serve as

    def joined(self, other: "StrategyKind") -> "StrategyKind":
        """This strategy serving also as `other`: the chapters and elements of both."""
        chapters = tuple(c for c in CHAPTER_ORDER if c in self.chapters or c in other.chapters)
        labels = {e.label for e in self.elements}
        elements = self.elements + tuple(e for e in other.elements if e.label not in labels)
        rules = self.extra_rules + tuple(r for r in other.extra_rules if r not in self.extra_rules)
        return replace(self, chapters=chapters, elements=elements, extra_rules=rules)

    def chapter_number(self, key: str) -> int:
        return self.chapters.index(key) + 1


def effective_kind(kind: StrategyKind, data: StrategyFile) -> StrategyKind:
    """The kind the file makes: a supralocal strategy serving as ZIT or IIT meets both laws."""
    serves_as = data.strategy.serves_as
    if kind.declared is StrategyType.SUPRALOCAL and serves_as in kind.serving:
        return kind.joined(kind.serving[serves_as])
    return kind


S = ("strategy",)


MISSING = "brak elementu wymaganego przez {}: {}"


def missing(code: str, what: str, basis: str, path: DataPath) -> Problem:
    """Required content not there: a gap (a warning while drafting, marked in the document where it would
    stand, listed in the annex, refused by a final build)."""
    return gap(code, MISSING.format(accusative(basis), what), S + path)


def gap_text(problem: Problem) -> str:
    """What a gap's mark says in the document: "ramy finansowe i źródła finansowania (art. 10e …)"."""
    head = "brak elementu wymaganego przez "
    if problem.message.startswith(head):
        basis, _, what = problem.message[len(head):].partition(": ")
        return f"{what} ({basis})"
    return problem.message


def accusative(basis: str) -> str:
    """A legal basis after "przez": "ustawa z …" -> "ustawę z …" (an article or a regulation keeps its form)."""
    for nominative, form in (("ustawa", "ustawę"), ("Ustawa", "ustawę"), ("uchwała", "uchwałę"),
                             ("dyrektywa", "dyrektywę")):
        if basis.startswith(nominative + " "):
            return form + basis[len(nominative):]
    return basis


# Subsections the annex may point at: bookmark -> (chapter, title). Their place in the chapter is
# `subsection_position` (the diagnosis's conclusions follow its parts, as many as the file has).
SUBSECTIONS = {
    "sec_conclusions": ("diagnosis", "Wnioski z diagnozy"),
    "sec_swot": ("diagnosis", "Analiza SWOT i wnioski TOWS"),
    "sec_osi_regional": ("osi", "Obszary wskazane w strategii rozwoju województwa"),
    "sec_osi_local": ("osi", "Obszary strategicznej interwencji kluczowe dla gmin"),
    "sec_consultation": ("consultation", "Konsultacje społeczne"),
    "sec_opinions": ("consultation", "Opinie"),
    "sec_resolutions": ("consultation", "Uchwały członków partnerstwa"),
}


def subsection_position(anchor: str, data: StrategyFile) -> int:
    sections = len(data.strategy.diagnosis.sections)
    return {"sec_conclusions": sections + 1, "sec_swot": sections + 2, "sec_osi_regional": 1, "sec_osi_local": 2,
            "sec_consultation": 1, "sec_opinions": 2, "sec_resolutions": 3}[anchor]


def anchor_heading(kind: StrategyKind, anchor: str, data: StrategyFile) -> str:
    """The heading a bookmark stands on, numbered as the document numbers it."""
    if anchor.startswith("ch_"):
        key = anchor[3:]
        return f"{kind.chapter_number(key)}. {CHAPTER_TITLES[key]}"
    chapter, title = SUBSECTIONS[anchor]
    return f"{kind.chapter_number(chapter)}.{subsection_position(anchor, data)}. {title}"
