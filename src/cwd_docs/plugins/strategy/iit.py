"""Strategia IIT: territorial strategy for Inne Instrumenty Terytorialne (art. 29 CPR)."""

from __future__ import annotations

from ...domain.strategy import StrategyType
from ...problems import Problem
from .context import strategy_context
from .kinds import LegalElement, StrategyKind, missing
from .rules import make_rules
from .schema import StrategyFile
from .zit import CPR_CHAPTERS, IIT_OPINION, cpr_elements

IIT_BASIS = "ustawa z 28 kwietnia 2022 r. (Dz.U. 2022 poz. 1079), przepisy o IIT"


def _basis(data: StrategyFile) -> list[Problem]:
    if data.strategy.iit_basis is None:
        return [missing("strategy.iit_basis",
                        "podstawa objęcia instrumentem IIT (OSI nieobjęty ZIT, obszar wskazany przez instytucję "
                        "zarządzającą albo partnerstwo JST objęte wsparciem CWD)", IIT_BASIS, ("iit_basis",))]
    return []


IIT = StrategyKind(
    name="strategy_iit",
    title="Strategia terytorialna IIT",
    chapters=CPR_CHAPTERS,
    elements=(LegalElement("Podstawa objęcia instrumentem IIT", IIT_BASIS, "ch_intro", _basis,
                           status=lambda d: d.strategy.iit_basis.value if d.strategy.iit_basis else "brak"),)
    + cpr_elements(IIT_OPINION),
    declared=StrategyType.IIT,
)


RULES = make_rules(IIT)


def context(data: StrategyFile) -> dict:
    return strategy_context(IIT, data)
