"""Lista sprawdzająca: 8 formal and 3 quality criteria scored 0/1, and the decision that follows.

Imported only when the type is used (see plugin.py), so listing types stays fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cwd_docs import Problem
from cwd_docs.domain.partnership import Partnership
from cwd_docs.domain.rules import partnership_rules


FORMAL = {
    "area_and_cooperation": "Obszar partnerstwa i zainicjowana współpraca JST (umowa / list intencyjny)",
    "council": "Powołanie rady partnerstwa",
    "commitment": "Zobowiązanie do zgodnej i odpowiedzialnej współpracy",
    "coordinator": "Powołanie koordynatora projektu",
    "remote_tools": "Zobowiązanie do wykorzystania narzędzi pracy zdalnej",
    "publication": "Deklaracja upublicznienia produktów projektu",
    "public_services": "Deklaracja woli koordynacji świadczenia usług publicznych na obszarze partnerstwa",
    "advisory_scope": "Akceptacja założeń zakresu i formy doradztwa",
}
QUALITY = {
    "regional_strategy": "Spójność partnerstwa i pomysłu na współpracę JST ze strategią rozwoju województwa",
    "functional_links": "Pomysł na współpracę partnerstwa, wykazanie powiązań funkcjonalnych",
    "experience": "Doświadczenie we współpracy JST wchodzących w skład partnerstwa",
}


class Score(BaseModel):
    model_config = ConfigDict(extra="forbid")
    score: Literal[0, 1] = Field(title="Ocena (0 – nie spełnia, 1 – spełnia)")
    comment: str = Field("", title="Uzasadnienie")


class FormalCriteria(BaseModel):
    model_config = ConfigDict(extra="forbid")
    area_and_cooperation: Score
    council: Score
    commitment: Score
    coordinator: Score
    remote_tools: Score
    publication: Score
    public_services: Score
    advisory_scope: Score


class QualityCriteria(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regional_strategy: Score
    functional_links: Score
    experience: Score


class Assessment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    institution: str = Field(min_length=1, title="Instytucja oceniająca")
    assessor: str = Field(min_length=1, title="Oceniający")
    date: dt.date = Field(title="Data oceny")
    formal: FormalCriteria = Field(title="Kryteria formalne")
    quality: QualityCriteria = Field(title="Kryteria jakościowe")


class Checklist(BaseModel):
    """Lista sprawdzająca partnerstwa JST."""

    model_config = ConfigDict(extra="forbid")
    partnership: Partnership = Field(title="Partnerstwo", description="Dane partnerstwa albo nazwa pliku z nimi")
    assessment: Assessment = Field(title="Ocena")

    def rows(self, group: str) -> list[dict]:
        labels = FORMAL if group == "formal" else QUALITY
        scores = getattr(self.assessment, group)
        return [{"key": key, "label": label, "score": getattr(scores, key).score,
                 "comment": getattr(scores, key).comment} for key, label in labels.items()]

    @property
    def formal_met(self) -> int:
        return sum(row["score"] for row in self.rows("formal"))

    @property
    def quality_met(self) -> int:
        return sum(row["score"] for row in self.rows("quality"))

    @property
    def positive(self) -> bool:
        return self.formal_met == len(FORMAL) and self.quality_met == len(QUALITY)


def zero_needs_reason(data: Checklist) -> list[Problem]:
    """A criterion scored 0 must say why: the decision is appealed against on that basis."""
    problems = []
    for group in ("formal", "quality"):
        for row in data.rows(group):
            if row["score"] == 0 and not row["comment"].strip():
                problems.append(Problem(code="checklist.reason_missing",
                                        message=f"kryterium „{row['label']}” oceniono na 0: podaj uzasadnienie",
                                        path=("assessment", group, row["key"], "comment")))
    return problems


def check_partnership(data: Checklist) -> list[Problem]:
    return partnership_rules(data.partnership)


def context(data: Checklist) -> dict:
    return {
        "partnership": data.partnership,
        "leader": data.partnership.leader_member,
        "assessment": data.assessment,
        "formal": data.rows("formal"),
        "quality": data.rows("quality"),
        "formal_met": data.formal_met,
        "quality_met": data.quality_met,
        "formal_total": len(FORMAL),
        "quality_total": len(QUALITY),
        "positive": data.positive,
    }


RULES = (check_partnership, zero_needs_reason)
