"""Strategia ZIT: territorial strategies of art. 29 of Regulation 2021/1060 (CPR), and the elements a
supralocal strategy adds when it serves as one."""

from __future__ import annotations

from typing import Callable

from ...domain.strategy import OpinionBody, StrategyType
from ...problems import Problem
from .context import strategy_context
from .environment import SOOS_BASIS, assessment_status, environmental_assessment
from .kinds import LegalElement, StrategyKind, missing
from .rules import (CONSULTATION_LABEL, consultation_rules, consultation_status, has_directions, has_results,
                    has_text, make_rules, text_status)
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
            return [missing("strategy.opinion_missing",
                            "opinia instytucji zarządzającej o możliwości realizacji instrumentu (dopisz ją po "
                            "otrzymaniu)", basis, ("opinions",))]
        return []
    check.__name__ = "managing_authority_opinion"
    return check


def _count(n: int, one: str, few: str, many: str) -> str:
    from ...formatting import plural

    return plural(n, one, few, many)


ZIT_OPINION = "art. 34 ustawy z 28 kwietnia 2022 r."
IIT_OPINION = "art. 36 ust. 4 ustawy z 28 kwietnia 2022 r."
UNVERIFIED_WORDING = "brzmienie przepisu nie jest zweryfikowane"


def _operations_status(data: StrategyFile) -> str:
    listed = []
    if data.projects:
        listed.append(_count(len({id(p) for p in data.projects}), "projekt pakietu", "projekty pakietu",
                             "projektów pakietu"))
    if data.strategy.complementary_projects:
        listed.append(_count(len(data.strategy.complementary_projects), "projekt uzupełniający",
                             "projekty uzupełniające", "projektów uzupełniających"))
    return ", ".join(listed)


def _interlinkages_status(data: StrategyFile) -> str:
    needs = data.strategy.needs_potential
    if needs is None:
        return "brak"
    links = needs.interlinkages
    kinds = [name for name, text in (("gospodarcze", links.economic), ("społeczne", links.social),
                                     ("środowiskowe", links.environmental)) if text]
    return (f"{_count(len(needs.needs), 'potrzeba', 'potrzeby', 'potrzeb')}, "
            f"{_count(len(needs.potential), 'element', 'elementy', 'elementów')} potencjału; powiązania: "
            + (", ".join(kinds) if kinds else "brak"))


def cpr_elements(opinion_basis: str) -> tuple[LegalElement, ...]:
    return (
        LegalElement("Obszar geograficzny objęty strategią", CPR.format("a"), "ch_area",
                     has_text("area_description", "strategy.area", "opis obszaru geograficznego objętego strategią",
                              CPR.format("a")),
                     status=lambda d: f"{_count(len(d.partnership.members), 'jednostka', 'jednostki', 'jednostek')}"
                                      + (", mapa położenia" if d.strategy.location_map else "")),
        LegalElement("Analiza potrzeb i potencjału obszaru, w tym powiązań gospodarczych, społecznych i "
                     "środowiskowych", CPR.format("b"), "ch_needs", _needs,
                     status=_interlinkages_status),
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
                     status=_operations_status,
                     applies=lambda data: bool(data.projects or data.strategy.complementary_projects)),
        LegalElement("Kierunki działań i oczekiwane rezultaty", CPR_ART, "ch_results",
                     lambda data: has_directions(CPR_ART)(data) + has_results(CPR_ART, spatial=False)(data),
                     status=lambda d: f"{_count(len(d.strategy.results), 'wskaźnik', 'wskaźniki', 'wskaźników')}"),
        LegalElement("Strategiczna ocena oddziaływania na środowisko", SOOS_BASIS, "ch_environment",
                     environmental_assessment, status=assessment_status),
        LegalElement(CONSULTATION_LABEL, "art. 6 u.z.p.p.r.", "sec_consultation", consultation_rules,
                     status=consultation_status),
        LegalElement("Opinia instytucji zarządzającej o możliwości realizacji instrumentu", opinion_basis, "sec_opinions",
                     managing_authority_opinion(opinion_basis), status=opinion_status(OpinionBody.MANAGING_AUTHORITY),
                     unverified=opinion_basis),
    )


def opinion_status(body: OpinionBody) -> Callable[[StrategyFile], str]:
    def status(data: StrategyFile) -> str:
        opinion = data.strategy.opinion(body)
        if opinion is None:
            return "brak"
        return f"opinia z {opinion.date:%d.%m.%Y} r."
    return status


CPR_CHAPTERS = ("intro", "area", "diagnosis", "needs", "goals", "directions", "results", "osi", "integrated",
                "partners", "projects", "implementation", "finance", "environment", "consultation")

ZIT = StrategyKind(
    name="strategy_zit",
    title="Strategia terytorialna ZIT",
    chapters=CPR_CHAPTERS,
    elements=cpr_elements(ZIT_OPINION),
    declared=StrategyType.ZIT,
)


RULES = make_rules(ZIT)


def context(data: StrategyFile) -> dict:
    return strategy_context(ZIT, data)
