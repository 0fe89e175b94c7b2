"""The order of a strategy's procedure (domain reference, "Order of a strategy's procedure").

resolutions on the procedure -> consultation (with the prognoza) -> its report (within 30 days) ->
RDOŚ/PWIS opinions, the board's and (ZIT/IIT) the managing authority's -> adoption -> evaluations.
A step recorded out of this order is an error located at the later step, naming both dates.
"""

from __future__ import annotations

import datetime as dt

from ...domain.strategy import AssessmentProcedure, OpinionBody, ResolutionSubject
from ...problems import Problem, error
from .kinds import S
from .schema import StrategyFile

REPORT_DAYS = 30  # art. 6 ust. 3–5 u.z.p.p.r.: the report within 30 days of the consultation's end


def day(date: dt.date) -> str:
    return f"{date:%d.%m.%Y}"


def _member(data: StrategyFile, member_id: str) -> str:
    member = data.partnership.member(member_id)
    return member.name if member else member_id


def before_adoption(data: StrategyFile) -> list[tuple[str, dt.date]]:
    """The steps that precede the adoption, with their dates, in the procedure's order."""
    strategy = data.strategy
    steps: list[tuple[str, dt.date]] = []
    consultation = strategy.consultation
    if consultation is not None:
        steps.append(("koniec konsultacji", consultation.end))
        if consultation.report_published:
            steps.append(("opublikowanie sprawozdania z konsultacji", consultation.report_published))
    record = strategy.environmental_assessment
    if record is not None:
        if record.procedure is AssessmentProcedure.REPORT and record.comments_end:
            steps.append(("koniec zbierania uwag do prognozy", record.comments_end))
        if record.procedure is AssessmentProcedure.FORGONE and record.decision:
            steps.append(("decyzję o odstąpieniu od oceny", record.decision))
        if record.rdos_opinion:
            steps.append(("opinię RDOŚ o projekcie strategii", record.rdos_opinion))
        if record.pwis_opinion:
            steps.append(("opinię PWIS o projekcie strategii", record.pwis_opinion))
    for opinion in strategy.opinions:
        name = {OpinionBody.VOIVODESHIP_BOARD: "opinię zarządu województwa",
                OpinionBody.MANAGING_AUTHORITY: "opinię instytucji zarządzającej"}[opinion.body]
        steps.append((name, opinion.date))
    return steps


def procedure_order(data: StrategyFile) -> list[Problem]:
    strategy = data.strategy
    problems: list[Problem] = []
    consultation = strategy.consultation
    resolutions = list(enumerate(strategy.resolutions))
    if consultation is not None:
        for i, r in resolutions:
            if r.subject is ResolutionSubject.PROCEDURE and r.date > consultation.start:
                problems.append(error(
                    "procedure.order",
                    f"uchwała {_member(data, r.member)} w sprawie trybu opracowania strategii z {day(r.date)} jest "
                    f"późniejsza niż początek konsultacji ({day(consultation.start)}); uchwała o trybie poprzedza "
                    "konsultacje", S + ("resolutions", i, "date")))
        report = consultation.report_published
        if report and report >= consultation.end and (report - consultation.end).days > REPORT_DAYS:
            problems.append(error(
                "consultation.report_late",
                f"sprawozdanie z konsultacji opublikowano {day(report)}, {(report - consultation.end).days} dni po ich "
                f"końcu ({day(consultation.end)}); termin to {REPORT_DAYS} dni (art. 6 ust. 3–5 u.z.p.p.r.)",
                S + ("consultation", "report_published")))
    record = strategy.environmental_assessment
    if record is not None and record.procedure is AssessmentProcedure.REPORT and record.published:
        if record.comments_end and record.comments_end < record.published:
            problems.append(error(
                "environment.order", f"koniec zbierania uwag do prognozy ({day(record.comments_end)}) poprzedza jej "
                f"udostępnienie ({day(record.published)})", S + ("environmental_assessment", "comments_end")))
        for field, body in (("rdos_opinion", "RDOŚ"), ("pwis_opinion", "PWIS")):
            value = getattr(record, field)
            if value and value < record.published:
                problems.append(error(
                    "environment.order", f"opinia {body} o projekcie strategii i prognozie z {day(value)} poprzedza "
                    f"udostępnienie prognozy ({day(record.published)})", S + ("environmental_assessment", field)))
    steps = before_adoption(data)
    for i, r in resolutions:
        if r.subject is not ResolutionSubject.ADOPTION:
            continue
        later = [f"{name} ({day(date)})" for name, date in steps if date >= r.date]
        if later:
            problems.append(error(
                "procedure.adoption_early",
                f"uchwała {_member(data, r.member)} o przyjęciu strategii z {day(r.date)} poprzedza: "
                + ", ".join(later) + "; strategię przyjmuje się po konsultacjach, sprawozdaniu z nich i opiniach",
                S + ("resolutions", i, "date")))
    problems += _evaluations(data)
    return problems


def adoption_date(data: StrategyFile) -> dt.date | None:
    """When the strategy is adopted: the last member's adoption resolution."""
    dates = [r.date for r in data.strategy.resolutions if r.subject is ResolutionSubject.ADOPTION]
    return max(dates) if dates else None


def _evaluations(data: StrategyFile) -> list[Problem]:
    implementation = data.strategy.implementation
    adopted = adoption_date(data)
    if implementation is None or adopted is None:
        return []
    problems = []
    for i, step in enumerate(implementation.evaluation_plan):
        mid_term = "śródokres" in step.kind.lower()
        if step.year < adopted.year or (mid_term and step.year == adopted.year):
            problems.append(error(
                "procedure.evaluation_early",
                f"{step.kind} w roku {step.year}, a strategię przyjęto {day(adopted)}; "
                + ("ewaluacja śródokresowa przypada po roku przyjęcia strategii" if mid_term else
                   "ewaluacje następują po przyjęciu strategii"),
                S + ("implementation", "evaluation_plan", i, "year")))
    return problems


def managing_authority_needs_procedure(data: StrategyFile) -> list[Problem]:
    """The managing authority gives its opinion on a consulted strategy with its SOOŚ (or its waiver)."""
    strategy = data.strategy
    lacking = []
    if strategy.consultation is None:
        lacking.append("konsultacji")
    if strategy.environmental_assessment is None:
        lacking.append("strategicznej oceny oddziaływania na środowisko (ani odstąpienia od niej)")
    if not lacking:
        return []
    return [error(
        "opinion.premature",
        f"wpisano opinię instytucji zarządzającej z {day(o.date)}, a strategia nie ma " + " ani ".join(lacking)
        + "; instytucja opiniuje strategię po konsultacjach i ocenie oddziaływania na środowisko",
        S + ("opinions", i, "date"))
        for i, o in enumerate(strategy.opinions) if o.body is OpinionBody.MANAGING_AUTHORITY]
