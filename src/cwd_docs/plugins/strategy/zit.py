"""Strategia ZIT: territorial strategies of art. 29 of Regulation 2021/1060 (CPR), and the elements a
supralocal strategy adds when it serves as one."""

from __future__ import annotations

from typing import Callable

from ...domain.strategy import OpinionBody, StrategyType
from ...problems import Problem, warning
from .context import strategy_context
from .kinds import LegalElement, S, StrategyKind, missing
from .rules import has_directions, has_results, has_text, make_rules, text_status
from .schema import StrategyFile

CPR = "art. 29 ust. 1 lit. {} rozporządzenia (UE) 2021/1060"
CPR_ART = "art. 29 rozporządzenia (UE) 2021/1060"


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
    check.__name__ = "managing_authority_opinion"
    return check


def _count(n: int, one: str, few: str, many: str) -> str:
    from ...formatting import plural

    return plural(n, one, few, many)


ZIT_OPINION = "art. 34 ustawy z 28 kwietnia 2022 r. (brzmienie do weryfikacji)"
IIT_OPINION = "art. 36 ust. 4 ustawy z 28 kwietnia 2022 r. (brzmienie do weryfikacji)"


def cpr_elements(opinion_basis: str) -> tuple[LegalElement, ...]:
    return (
        LegalElement("Obszar geograficzny objęty strategią", CPR.format("a"), "ch_area",
                     has_text("area_description", "strategy.area", "opis obszaru geograficznego objętego strategią",
                              CPR.format("a")),
                     status=lambda d: f"{_count(len(d.partnership.members), 'jednostka', 'jednostki', 'jednostek')}"
                                      + (", mapa położenia" if d.strategy.location_map else "")),
        LegalElement("Analiza potrzeb i potencjału obszaru, w tym powiązań gospodarczych, społecznych i "
                     "środowiskowych", CPR.format("b"), "ch_needs", _needs,
                     status=lambda d: "opisano 3 rodzaje powiązań" if d.strategy.needs_potential else "brak"),
        LegalElement("Opis zintegrowanego podejścia do potrzeb i potencjału", CPR.format("c"), "ch_integrated",
                     has_text("integrated_approach", "strategy.integrated_approach",
                              "opis zintegrowanego podejścia", CPR.format("c")),
                     status=text_status("integrated_approach")),
        LegalElement("Opis zaangażowania partnerów (art. 8 CPR) w przygotowanie i realizację strategii",
                     CPR.format("d"), "ch_partners",
                     has_text("partner_involvement", "strategy.partner_involvement",
                              "opis zaangażowania partnerów", CPR.format("d")),
                     status=text_status("partner_involvement")),
        LegalElement("Wykaz operacji (element fakultatywny)", CPR_ART, "ch_projects", lambda data: [],
                     status=lambda d: f"{_count(len(d.projects), 'projekt', 'projekty', 'projektów')}",
                     applies=lambda data: bool(data.projects)),
        LegalElement("Kierunki działań i oczekiwane rezultaty", CPR_ART, "ch_results",
                     lambda data: has_directions(CPR_ART)(data) + has_results(CPR_ART, spatial=False)(data),
                     status=lambda d: f"{_count(len(d.strategy.results), 'wskaźnik', 'wskaźniki', 'wskaźników')}"),
        LegalElement("Opinia instytucji zarządzającej o możliwości realizacji instrumentu", opinion_basis, "sec_opinions",
                     lambda data: [], status=opinion_status(OpinionBody.MANAGING_AUTHORITY)),
    )


def opinion_status(body: OpinionBody) -> Callable[[StrategyFile], str]:
    def status(data: StrategyFile) -> str:
        opinion = data.strategy.opinion(body)
        if opinion is None:
            return "oczekuje na opinię"
        return f"opinia z {opinion.date:%d.%m.%Y} r."
    return status


CPR_CHAPTERS = ("intro", "area", "diagnosis", "needs", "goals", "directions", "results", "osi", "integrated",
                "partners", "projects", "implementation", "finance", "consultation")

ZIT = StrategyKind(
    name="strategy_zit",
    title="Strategia terytorialna ZIT",
    chapters=CPR_CHAPTERS,
    elements=cpr_elements(ZIT_OPINION),
    extra_rules=(managing_authority_opinion(ZIT_OPINION),),
    declared=StrategyType.ZIT,
)


RULES = make_rules(ZIT)


def context(data: StrategyFile) -> dict:
    return strategy_context(ZIT, data)
