"""Strategia ZIT and Strategia IIT: territorial strategies of art. 29 of Regulation 2021/1060 (CPR)."""

from __future__ import annotations

from typing import Callable

from ...domain.strategy import OpinionBody
from ...problems import Problem, warning
from .context import strategy_context
from .kinds import LegalElement, S, StrategyKind, missing
from .rules import has_directions, has_results, has_text, make_rules
from .schema import StrategyFile

CPR = "art. 29 ust. 1 lit. {} rozporządzenia (UE) 2021/1060"


def _needs(data: StrategyFile) -> list[Problem]:
    if data.strategy.needs_potential is None:
        return [missing("strategy.needs_potential",
                        "analiza potrzeb rozwojowych i potencjału obszaru, w tym powiązań gospodarczych, społecznych "
                        "i środowiskowych", CPR.format("b"), ("needs_potential",))]
    return []


def managing_authority_opinion(basis: str) -> Callable[[StrategyFile], list[Problem]]:
    def check(data: StrategyFile) -> list[Problem]:
        if data.strategy.opinion(OpinionBody.MANAGING_AUTHORITY) is None:
            return [warning("strategy.opinion_missing",
                            f"brak opinii instytucji zarządzającej o możliwości realizacji instrumentu ({basis}); "
                            "dopisz ją po otrzymaniu", S + ("opinions",))]
        return []
    return check


def cpr_elements() -> tuple[LegalElement, ...]:
    return (
        LegalElement("Obszar geograficzny objęty strategią", CPR.format("a"), "area",
                     has_text("area_description", "strategy.area", "opis obszaru geograficznego", CPR.format("a"))),
        LegalElement("Analiza potrzeb i potencjału obszaru, w tym powiązań gospodarczych, społecznych i "
                     "środowiskowych", CPR.format("b"), "needs", _needs),
        LegalElement("Opis zintegrowanego podejścia do potrzeb i potencjału", CPR.format("c"), "integrated",
                     has_text("integrated_approach", "strategy.integrated_approach",
                              "opis zintegrowanego podejścia", CPR.format("c"))),
        LegalElement("Opis zaangażowania partnerów (art. 8 CPR) w przygotowanie i realizację strategii",
                     CPR.format("d"), "partners",
                     has_text("partner_involvement", "strategy.partner_involvement",
                              "opis zaangażowania partnerów", CPR.format("d"))),
        LegalElement("Wykaz operacji (element fakultatywny)", "art. 29 rozporządzenia (UE) 2021/1060", "projects",
                     lambda data: [], optional_when_absent=lambda data: not data.projects),
        LegalElement("Cele strategiczne", "art. 29 rozporządzenia (UE) 2021/1060", "goals",
                     lambda data: []),
        LegalElement("Kierunki działań i oczekiwane rezultaty", "art. 29 rozporządzenia (UE) 2021/1060", "results",
                     lambda data: has_directions("art. 29 rozporządzenia (UE) 2021/1060")(data)
                     + has_results("art. 29 rozporządzenia (UE) 2021/1060", spatial=False)(data)),
    )


CPR_CHAPTERS = ("intro", "area", "diagnosis", "needs", "goals", "directions", "results", "integrated", "partners",
                "projects", "implementation", "finance", "consultation")

ZIT = StrategyKind(
    name="strategy_zit",
    title="Strategia terytorialna ZIT",
    chapters=CPR_CHAPTERS,
    elements=cpr_elements(),
    extra_rules=(managing_authority_opinion("ustawa z 28 kwietnia 2022 r., art. 34"),),
)


RULES = make_rules(ZIT)


def context(data: StrategyFile) -> dict:
    return strategy_context(ZIT, data)
