"""What the appraisal decides that more than one document states: net revenue and cross-financing.

The feasibility analysis and the application outline print these sentences from one computation
(`cwd_docs.domain.cash_flows.analyse`), and the rules here warn where the data says otherwise.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...domain.cash_flows import CROSS_FINANCING_LIMIT, Analysis, analyse
from ...domain.project import CostNature
from ...formatting import money, number, percent
from ...problems import Problem, warning
from .schema import ApplicationOutlineInput, ProjectFile

MINUS = "\u2212"
CPR_25 = "art. 25 ust. 2 rozporządzenia (UE) 2021/1060"


def _signed_money(value: Decimal) -> str:
    text = money(abs(value))
    return (MINUS + text) if value.quantize(Decimal("0.01")) < 0 else text


def revenue_statement(analysis: Analysis) -> str:
    """Whether the project earns revenue and net revenue, with the discounted net revenue it rests on."""
    if not analysis.has_revenue:
        return "Projekt nie generuje przychodów."
    period = f"{analysis.years[0]}–{analysis.years[-1]}"
    rate = number(analysis.parameters.discount_rate)
    revenue = money(analysis.totals("revenue"))
    dnr = _signed_money(analysis.discounted_net_revenue)
    if analysis.generates_net_revenue:
        return (f"Projekt generuje dochód netto: zdyskontowane przychody ({revenue} w okresie odniesienia "
                f"{period}) i wartość rezydualna przewyższają zdyskontowane koszty eksploatacji i odtworzeniowe; "
                f"zdyskontowany dochód netto przy stopie {rate}% wynosi {dnr}.")
    return (f"Projekt pobiera opłaty ({revenue} przychodów w okresie odniesienia {period}), ale nie generuje "
            f"dochodu netto: zdyskontowane przychody i wartość rezydualna nie pokrywają zdyskontowanych kosztów "
            f"eksploatacji i odtworzeniowych, a zdyskontowany dochód netto przy stopie {rate}% wynosi {dnr}.")


def cross_financing_statement(analysis: Analysis) -> str:
    """The ESF+-type activities' amount and share against the 15% limit; empty without them."""
    if not analysis.cross_financing:
        return ""
    text = (f"Działania typu EFS+ ({money(analysis.cross_financing)}, {percent(analysis.cross_financing_share)} "
            f"kosztów kwalifikowalnych) są finansowaniem krzyżowym, dopuszczalnym do "
            f"{number(CROSS_FINANCING_LIMIT)}% wsparcia priorytetu ({CPR_25})")
    if analysis.cross_financing_above_limit:
        text += (f"; ich udział w projekcie przekracza {number(CROSS_FINANCING_LIMIT)}%, więc o dopuszczalności "
                 "rozstrzyga wykorzystanie limitu priorytetu w programie")
    return text + "."


def appraisal_statements(analysis: Analysis) -> dict[str, Any]:
    return {"revenue": revenue_statement(analysis), "cross_financing": cross_financing_statement(analysis),
            "net_revenue": analysis.generates_net_revenue}


def check_cross_financing(data: ProjectFile) -> list[Problem]:
    """ESF+-type activities above 15% of the eligible cost: a warning at the first such category."""
    project = data.project
    analysis = analyse(project)
    if not analysis.cross_financing_above_limit:
        return []
    index = next(i for i, item in enumerate(project.costs) if item.nature is CostNature.ESF)
    names = ", ".join(f"„{item.category}”" for item in project.costs if item.nature is CostNature.ESF)
    return [warning(
        "finance.cross_financing",
        f"działania typu EFS+ ({names}, {money(analysis.cross_financing)}) to "
        f"{percent(analysis.cross_financing_share)} kosztów kwalifikowalnych projektu, więcej niż "
        f"{number(CROSS_FINANCING_LIMIT)}% dopuszczalnych dla finansowania krzyżowego w priorytecie ({CPR_25}): "
        "sprawdź w regulaminie naboru, czy limit priorytetu je obejmuje, albo zmniejsz ich zakres",
        ("project", "costs", index, "nature"))]


_SAYS_NO_NET_REVENUE = re.compile(r"\bnie\s+(?:generuje|przynosi|osiąga)\s+(?:\w+\s+)?dochodu", re.IGNORECASE)
_SAYS_NET_REVENUE = re.compile(r"(?<!nie )\b(?:generuje|przynosi|osiąga)\s+(?:\w+\s+)?dochód", re.IGNORECASE)


def check_revenue_text(data: ApplicationOutlineInput) -> list[Problem]:
    """The outline's revenue text must not contradict the computed net revenue."""
    text = data.application.revenue or ""
    analysis = analyse(data.project)
    says_none = bool(_SAYS_NO_NET_REVENUE.search(text))
    says_some = bool(_SAYS_NET_REVENUE.search(text)) and not says_none
    if analysis.generates_net_revenue and says_none or not analysis.generates_net_revenue and says_some:
        return [warning(
            "application.revenue_contradiction",
            "opis dochodu przeczy analizie finansowej: " + revenue_statement(analysis)[0].lower()
            + revenue_statement(analysis)[1:] + " Popraw opis albo dane analizy (project.analysis)",
            ("application", "revenue"))]
    return []


def check_funding_gap_with_state_aid(data: ProjectFile) -> list[Problem]:
    """State aid with revenue: the funding gap is required (state-aid rules), so the analysis must compute it."""
    application = data.application
    p = data.project.analysis
    if application is None or not application.state_aid.present or (p is not None and p.funding_gap):
        return []
    if not analyse(data.project).has_revenue:
        return []
    return [warning(
        "analysis.funding_gap_state_aid",
        "w projekcie występuje pomoc publiczna (application.state_aid.present), a projekt ma przychody: zasady "
        "pomocy publicznej wymagają luki finansowej – ustaw analysis.funding_gap: true, a analiza wykonalności ją "
        "policzy", ("application", "state_aid", "present"))]
