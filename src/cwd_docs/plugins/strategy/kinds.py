"""What makes a kind of strategy: its chapters and the legal elements each chapter fulfils.

Every element names its legal provision, the check that proves it is there and the chapter that
fulfils it, from which the closing annex maps element -> chapter -> page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...problems import DataPath, Problem, error, warning
from .schema import StrategyFile

CHAPTER_TITLES = {
    "intro": "Wprowadzenie",
    "area": "Obszar strategii",
    "diagnosis": "Wnioski z diagnozy",
    "needs": "Potrzeby rozwojowe i potencjał obszaru",
    "goals": "Wizja i cele strategiczne",
    "directions": "Kierunki działań",
    "results": "Oczekiwane rezultaty i wskaźniki",
    "model": "Model struktury funkcjonalno-przestrzennej",
    "spatial": "Ustalenia i rekomendacje w zakresie kształtowania i prowadzenia polityki przestrzennej",
    "osi": "Obszary strategicznej interwencji",
    "integrated": "Zintegrowane podejście terytorialne",
    "partners": "Zaangażowanie partnerów",
    "projects": "Pakiet projektów",
    "implementation": "System realizacji strategii",
    "finance": "Ramy finansowe i źródła finansowania",
    "consultation": "Konsultacje i opinie",
}


Check = Callable[[StrategyFile], list[Problem]]


@dataclass(frozen=True)
class LegalElement:
    """A part the law requires; `check` reports it missing, `chapter` is where the document has it."""

    label: str
    basis: str
    chapter: str
    check: Check
    optional_when_absent: Callable[[StrategyFile], bool] | None = None  # "nie dotyczy" in the annex


@dataclass(frozen=True)
class StrategyKind:
    name: str
    title: str
    chapters: tuple[str, ...]
    elements: tuple[LegalElement, ...]
    extra_rules: tuple[Check, ...] = ()

    def chapter_number(self, key: str) -> int:
        return self.chapters.index(key) + 1

    def chapter_title(self, key: str) -> str:
        return f"{self.chapter_number(key)}. {CHAPTER_TITLES[key]}"


S = ("strategy",)


def missing(code: str, what: str, basis: str, path: DataPath, severity: str = "error") -> Problem:
    make = error if severity == "error" else warning
    return make(code, f"brak elementu wymaganego przez {basis}: {what}", S + path)
