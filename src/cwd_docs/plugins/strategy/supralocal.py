"""Strategia rozwoju ponadlokalnego (art. 10g ustawy o samorządzie gminnym)."""

from __future__ import annotations

from ...domain.partnership import MemberKind
from ...domain.strategy import OpinionBody
from ...problems import Problem, error, warning
from .context import strategy_context
from .kinds import LegalElement, S, StrategyKind, missing
from .rules import (consultation_rules, has_diagnosis, has_directions, has_goal_dimensions, has_results, has_text,
                    make_rules)
from .schema import StrategyFile

ART_10E = "art. 10e ust. 3 pkt {} u.s.g. w zw. z art. 10g"
MAPS = "art. 10e ust. 4 u.s.g."


def _model(data: StrategyFile) -> list[Problem]:
    model = data.strategy.functional_model
    if model is None:
        return [missing("strategy.functional_model", "model struktury funkcjonalno-przestrzennej",
                        ART_10E.format(4), ("functional_model",))]
    if model.map is None:
        return [missing("strategy.map", "mapa modelu struktury funkcjonalno-przestrzennej", MAPS,
                        ("functional_model", "map"))]
    return []


def _regional_osi(data: StrategyFile) -> list[Problem]:
    osi = data.strategy.osi
    if not osi.regional:
        return [missing("strategy.osi_regional",
                        "obszary strategicznej interwencji określone w strategii rozwoju województwa wraz z zakresem "
                        "planowanych działań", ART_10E.format(6), ("osi", "regional"))]
    if osi.regional_map is None:
        return [missing("strategy.map", "mapa obszarów strategicznej interwencji z strategii województwa", MAPS,
                        ("osi", "regional_map"))]
    return []


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
        return [warning("strategy.opinion_missing",
                        "brak opinii zarządu województwa o sposobie uwzględnienia ustaleń i rekomendacji w zakresie "
                        "kształtowania i prowadzenia polityki przestrzennej w województwie; dopisz ją po otrzymaniu",
                        S + ("opinions",))]
    return []


SUPRALOCAL = StrategyKind(
    name="supralocal",
    title="Strategia rozwoju ponadlokalnego",
    chapters=("intro", "area", "diagnosis", "goals", "directions", "results", "model", "spatial", "osi", "projects",
              "implementation", "finance", "consultation"),
    elements=(
        LegalElement("Spójność ze strategią rozwoju województwa", "art. 10a u.z.p.p.r.", "intro",
                     has_text("regional_strategy", "strategy.regional_strategy",
                              "wskazanie strategii rozwoju województwa", "art. 10a u.z.p.p.r.")),
        LegalElement("Wnioski z diagnozy", "art. 10a u.z.p.p.r.", "diagnosis", has_diagnosis("art. 10a u.z.p.p.r.")),
        LegalElement("Cele strategiczne w wymiarze społecznym, gospodarczym i przestrzennym", ART_10E.format(1),
                     "goals", has_goal_dimensions(ART_10E.format(1))),
        LegalElement("Kierunki działań", ART_10E.format(2), "directions", has_directions(ART_10E.format(2))),
        LegalElement("Oczekiwane rezultaty, w tym w wymiarze przestrzennym, i wskaźniki", ART_10E.format(3),
                     "results", has_results(ART_10E.format(3), spatial=True)),
        LegalElement("Model struktury funkcjonalno-przestrzennej (z mapą)", ART_10E.format(4) + "; " + MAPS,
                     "model", _model),
        LegalElement("Ustalenia i rekomendacje w zakresie polityki przestrzennej", ART_10E.format(5), "spatial",
                     has_text("spatial_policy", "strategy.spatial_policy",
                              "ustalenia i rekomendacje w zakresie kształtowania i prowadzenia polityki przestrzennej",
                              ART_10E.format(5))),
        LegalElement("Obszary strategicznej interwencji ze strategii województwa (z mapą)",
                     ART_10E.format(6) + "; " + MAPS, "osi", _regional_osi),
        LegalElement("Obszary strategicznej interwencji kluczowe dla gmin (z mapą)", ART_10E.format(7) + "; " + MAPS,
                     "osi", _local_osi, optional_when_absent=lambda data: not data.strategy.osi.local),
        LegalElement("System realizacji strategii z wytycznymi do dokumentów wykonawczych", ART_10E.format(8),
                     "implementation", _implementation),
        LegalElement("Ramy finansowe i źródła finansowania", ART_10E.format(9), "finance", _finance),
        LegalElement("Konsultacje (co najmniej 35 dni) i sprawozdanie z nich", "art. 6 u.z.p.p.r.", "consultation",
                     consultation_rules),
    ),
    extra_rules=(powiat_membership, board_opinion),
)


RULES = make_rules(SUPRALOCAL)


def context(data: StrategyFile) -> dict:
    return strategy_context(SUPRALOCAL, data)
