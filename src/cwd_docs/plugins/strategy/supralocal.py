"""Strategia rozwoju ponadlokalnego (art. 10g ustawy o samorządzie gminnym)."""

from __future__ import annotations

from typing import Callable

from ...domain.partnership import MemberKind
from ...domain.strategy import OpinionBody, Strategy, StrategyType
from ...formatting import plural
from ...problems import Problem, error
from .context import strategy_context
from .iit import IIT
from .environment import SOOS_BASIS, assessment_status, environmental_assessment
from .kinds import Check, LegalElement, S, StrategyKind, missing
from .rules import (CONSULTATION_LABEL, consultation_rules, consultation_status, has_diagnosis, has_directions,
                    has_goal_dimensions, has_results, has_text, make_rules, resolutions_of_members, resolutions_status)
from .schema import StrategyFile
from .zit import ZIT, opinion_status

ART_10E = "art. 10e ust. 3 pkt {} u.s.g. w zw. z art. 10g"
MAPS = "art. 10e ust. 4 u.s.g."


def _with_map(present: Callable[[Strategy], bool], image: Callable[[Strategy], object], code: str, what: str,
              map_what: str, point: int, path: tuple, map_path: tuple) -> Check:
    """An element of art. 10e ust. 3 drawn also on a map (ust. 4): missing text or missing map is told."""
    def check(data: StrategyFile) -> list[Problem]:
        if not present(data.strategy):
            return [missing(code, what, ART_10E.format(point), path)]
        if image(data.strategy) is None:
            return [missing("strategy.map", map_what, MAPS, map_path)]
        return []
    return check


_model = _with_map(lambda s: s.functional_model is not None,
                   lambda s: s.functional_model.map, "strategy.functional_model",
                   "model struktury funkcjonalno-przestrzennej", "mapa modelu struktury funkcjonalno-przestrzennej",
                   4, ("functional_model",), ("functional_model", "map"))
_regional_osi = _with_map(lambda s: bool(s.osi.regional), lambda s: s.osi.regional_map, "strategy.osi_regional",
                          "obszary strategicznej interwencji określone w strategii rozwoju województwa wraz z zakresem "
                          "planowanych działań", "mapa obszarów strategicznej interwencji ze strategii województwa",
                          6, ("osi", "regional"), ("osi", "regional_map"))


def _local_osi(data: StrategyFile) -> list[Problem]:
    osi = data.strategy.osi
    if osi.local and osi.local_map is None:
        return [missing("strategy.map", "mapa obszarów strategicznej interwencji kluczowych dla gmin", MAPS,
                        ("osi", "local_map"))]
    return []


def _implementation(data: StrategyFile) -> list[Problem]:
    implementation = data.strategy.implementation
    if implementation is None:
        return [missing("strategy.implementation", "system realizacji strategii", ART_10E.format(8),
                        ("implementation",))]
    if not implementation.implementing_documents:
        return [missing("strategy.implementing_documents", "wytyczne do sporządzania dokumentów wykonawczych",
                        ART_10E.format(8), ("implementation", "implementing_documents"))]
    return []


def _finance(data: StrategyFile) -> list[Problem]:
    if data.strategy.financial_framework is None:
        return [missing("strategy.financial_framework", "ramy finansowe i źródła finansowania",
                        ART_10E.format(9), ("financial_framework",))]
    return []


def powiat_membership(data: StrategyFile) -> list[Problem]:
    """Art. 10g ust. 1–2: a powiat must take part when all of its gminy do."""
    partnership, counts = data.partnership, data.strategy.powiat_gminy_counts
    problems: list[Problem] = []
    if len(partnership.gminy) < 2:
        problems.append(error("supralocal.gminy", "strategię ponadlokalną opracowują co najmniej dwie gminy "
                              "(art. 10g ust. 1 u.s.g.)", ("partnership", "members")))
    member_powiaty = {m.teryt for m in partnership.members if m.kind is MemberKind.POWIAT}
    by_powiat: dict[str, int] = {}
    for member in partnership.gminy:
        if member.kind is not MemberKind.MIASTO_NA_PRAWACH_POWIATU:
            by_powiat[member.terc.powiat] = by_powiat.get(member.terc.powiat, 0) + 1
    for code, members in sorted(by_powiat.items()):
        total = counts.get(code)
        if total is None:
            problems.append(error(
                "supralocal.powiat_count",
                f"podaj liczbę wszystkich gmin powiatu o kodzie {code} w polu powiat_gminy_counts, aby sprawdzić, "
                "czy powiat musi być członkiem partnerstwa (art. 10g ust. 1 u.s.g.)",
                S + ("powiat_gminy_counts",)))
        elif members > total:
            problems.append(error("supralocal.powiat_count",
                                  f"partnerstwo ma {members} gmin z powiatu {code}, a podano, że powiat ma ich {total}",
                                  S + ("powiat_gminy_counts", code)))
        elif members == total and code not in member_powiaty:
            problems.append(error(
                "supralocal.powiat_required",
                f"wszystkie gminy powiatu o kodzie {code} są członkami partnerstwa, więc powiat musi uczestniczyć "
                "w opracowaniu strategii (art. 10g ust. 1 u.s.g.)", ("partnership", "members")))
    return problems


def board_opinion(data: StrategyFile) -> list[Problem]:
    if data.strategy.opinion(OpinionBody.VOIVODESHIP_BOARD) is None:
        return [missing("strategy.opinion_missing",
                        "opinia zarządu województwa o sposobie uwzględnienia ustaleń i rekomendacji w zakresie "
                        "kształtowania i prowadzenia polityki przestrzennej w województwie (dopisz ją po otrzymaniu)",
                        "art. 10g u.s.g.", ("opinions",))]
    return []


def _model_status(data: StrategyFile) -> str:
    model = data.strategy.functional_model
    if model is None:
        return "brak"
    return "opis i mapa" if model.map else "opis; brak mapy"


def _osi_status(data: StrategyFile) -> str:
    osi = data.strategy.osi
    return f"wskazano {plural(len(osi.regional), 'OSI', 'OSI', 'OSI')}" + (", mapa" if osi.regional_map else "")


def _results_status(data: StrategyFile) -> str:
    results = data.strategy.results
    spatial = sum(1 for _, r in results if r.spatial)
    return f"{plural(len(results), 'wskaźnik', 'wskaźniki', 'wskaźników')}, w tym {spatial} przestrzenne"


def _finance_status(data: StrategyFile) -> str:
    framework = data.strategy.financial_framework
    if framework is None:
        return "brak"
    return f"{plural(len(framework.sources), 'źródło', 'źródła', 'źródeł')}, lata {framework.years[0]}–{framework.years[-1]}"


def _goals_status(data: StrategyFile) -> str:
    goals = data.strategy.goals
    operational = sum(len(g.operational_goals) for g in goals)
    return (f"{plural(len(goals), 'cel strategiczny', 'cele strategiczne', 'celów strategicznych')}, "
            f"{plural(operational, 'cel operacyjny', 'cele operacyjne', 'celów operacyjnych')}")


SUPRALOCAL = StrategyKind(
    name="supralocal",
    title="Strategia rozwoju ponadlokalnego",
    chapters=("intro", "area", "diagnosis", "goals", "directions", "results", "model", "spatial", "osi", "projects",
              "implementation", "finance", "environment", "consultation"),
    elements=(
        LegalElement("Spójność ze strategią rozwoju województwa", "art. 10a u.z.p.p.r.", "ch_intro",
                     has_text("regional_strategy", "strategy.regional_strategy",
                              "wskazanie strategii rozwoju województwa", "art. 10a u.z.p.p.r."),
                     status=lambda d: d.strategy.regional_strategy or "brak"),
        LegalElement("Wnioski z diagnozy", "art. 10a u.z.p.p.r.", "sec_conclusions",
                     has_diagnosis("art. 10a u.z.p.p.r."),
                     status=lambda d: f"{plural(len(d.strategy.diagnosis.sections), 'część', 'części', 'części')} "
                                      "diagnozy z danymi"),
        LegalElement("Cele strategiczne w wymiarze społecznym, gospodarczym i przestrzennym", ART_10E.format(1),
                     "ch_goals", has_goal_dimensions(ART_10E.format(1)), status=_goals_status),
        LegalElement("Kierunki działań", ART_10E.format(2), "ch_directions", has_directions(ART_10E.format(2)),
                     status=lambda d: plural(sum(len(g.all_directions) for g in d.strategy.goals), "kierunek",
                                             "kierunki", "kierunków")),
        LegalElement("Oczekiwane rezultaty, w tym w wymiarze przestrzennym, i wskaźniki", ART_10E.format(3),
                     "ch_results", has_results(ART_10E.format(3), spatial=True), status=_results_status),
        LegalElement("Model struktury funkcjonalno-przestrzennej (z mapą)", ART_10E.format(4) + "; " + MAPS,
                     "ch_model", _model, status=_model_status),
        LegalElement("Ustalenia i rekomendacje w zakresie polityki przestrzennej", ART_10E.format(5), "ch_spatial",
                     has_text("spatial_policy", "strategy.spatial_policy",
                              "ustalenia i rekomendacje w zakresie kształtowania i prowadzenia polityki przestrzennej",
                              ART_10E.format(5)),
                     status=lambda d: plural(len(d.strategy.spatial_policy), "ustalenie", "ustalenia", "ustaleń")),
        LegalElement("Obszary strategicznej interwencji ze strategii województwa (z mapą)",
                     ART_10E.format(6) + "; " + MAPS, "sec_osi_regional", _regional_osi, status=_osi_status),
        LegalElement("Obszary strategicznej interwencji kluczowe dla gmin (z mapą)", ART_10E.format(7) + "; " + MAPS,
                     "sec_osi_local", _local_osi, applies=lambda data: bool(data.strategy.osi.local),
                     status=lambda d: f"wskazano {plural(len(d.strategy.osi.local), 'OSI', 'OSI', 'OSI')}, mapa"),
        LegalElement("System realizacji strategii z wytycznymi do dokumentów wykonawczych", ART_10E.format(8),
                     "ch_implementation", _implementation,
                     status=lambda d: (f"role {plural(len(d.strategy.implementation.roles), 'członka', 'członków', 'członków')}"
                                       if d.strategy.implementation else "brak")),
        LegalElement("Ramy finansowe i źródła finansowania", ART_10E.format(9), "ch_finance", _finance,
                     status=_finance_status),
        LegalElement("Strategiczna ocena oddziaływania na środowisko", SOOS_BASIS,
                     "ch_environment", environmental_assessment, status=assessment_status),
        LegalElement(CONSULTATION_LABEL, "art. 6 u.z.p.p.r.", "sec_consultation",
                     consultation_rules, status=consultation_status),
        LegalElement("Opinia zarządu województwa o uwzględnieniu ustaleń polityki przestrzennej województwa",
                     "art. 10g u.s.g.", "sec_opinions", board_opinion,
                     status=opinion_status(OpinionBody.VOIVODESHIP_BOARD), unverified="art. 10g u.s.g. (opinia zarządu)"),
        LegalElement("Uchwały członków partnerstwa o trybie opracowania i o przyjęciu strategii",
                     "art. 10g u.s.g.", "sec_resolutions", resolutions_of_members, status=resolutions_status,
                     unverified="art. 10f w zw. z art. 10g u.s.g. (uchwała o trybie)"),
    ),
    extra_rules=(powiat_membership,),
    serving={StrategyType.ZIT: ZIT, StrategyType.IIT: IIT},
)


RULES = make_rules(SUPRALOCAL)


def context(data: StrategyFile) -> dict:
    return strategy_context(SUPRALOCAL, data)
