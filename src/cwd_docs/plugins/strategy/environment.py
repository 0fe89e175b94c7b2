"""SOOŚ (strategiczna ocena oddziaływania na środowisko): the prognoza or the agreed decision to forgo it,
for every kind of strategy (a strategy setting a framework for projects needs it)."""

from __future__ import annotations

from ...domain.strategy import AssessmentProcedure
from ...problems import Problem, error
from .kinds import S, missing
from .schema import StrategyFile


SOOS_BASIS = "ustawa ooś z 3 października 2008 r."
SOOS = SOOS_BASIS


def environmental_assessment(data: StrategyFile) -> list[Problem]:
    """SOOŚ: the prognoza with its agreed scope and public comments, or the agreed decision to forgo it."""
    record = data.strategy.environmental_assessment
    if record is None:
        return [missing("strategy.environmental_assessment",
                        "strategiczna ocena oddziaływania na środowisko (prognoza albo uzgodnione odstąpienie od "
                        "oceny, z datami uzgodnień z RDOŚ i PWIS)", SOOS, ("environmental_assessment",))]
    path, problems = ("environmental_assessment",), []
    if record.procedure is AssessmentProcedure.REPORT:
        for field in ("published", "comments_end"):
            if getattr(record, field) is None:
                what = {"published": "data udostępnienia prognozy do konsultacji",
                        "comments_end": "data końca zbierania uwag do prognozy"}[field]
                problems.append(missing("strategy.environmental_assessment", what, SOOS, path + (field,)))
        if record.published and record.comments_end and (record.comments_end - record.published).days + 1 < 21:
            problems.append(error(
                "environment.too_short",
                f"uwagi do prognozy zbierano {(record.comments_end - record.published).days + 1} dni; co najmniej "
                "21 dni", S + path + ("comments_end",)))
        if record.published and record.published < max(record.rdos_agreement, record.pwis_agreement):
            problems.append(error(
                "environment.order", f"prognozę udostępniono {record.published:%d.%m.%Y}, przed uzgodnieniem jej "
                f"zakresu z RDOŚ i PWIS ({max(record.rdos_agreement, record.pwis_agreement):%d.%m.%Y})",
                S + path + ("published",)))
    elif record.decision is None:
        problems.append(missing("strategy.environmental_assessment", "data decyzji o odstąpieniu od oceny",
                                record.legal_basis, path + ("decision",)))
    elif record.decision < max(record.rdos_agreement, record.pwis_agreement):
        problems.append(error(
            "environment.order", f"odstąpiono od oceny {record.decision:%d.%m.%Y}, przed uzgodnieniem z RDOŚ i PWIS "
            f"({max(record.rdos_agreement, record.pwis_agreement):%d.%m.%Y})", S + path + ("decision",)))
    return problems


def assessment_status(data: StrategyFile) -> str:
    record = data.strategy.environmental_assessment
    if record is None:
        return "brak"
    return "prognoza" if record.procedure is AssessmentProcedure.REPORT else "odstąpiono (uzgodnione)"
