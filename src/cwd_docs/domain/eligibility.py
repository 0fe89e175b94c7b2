"""The eligibility period of 2021–2027 cohesion-policy spending: one shipped table with its source.

Project dates, the schedules' EU co-financing and every yearly figure of EU money a strategy gives
(its financial framework, its complementary projects) end with the period's end (CPR art. 63(2)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

TABLE = Path(__file__).parent.parent / "data" / "eligibility.yaml"  # with the other shipped tables


@dataclass(frozen=True)
class EligibilityPeriod:
    start: dt.date
    end: dt.date
    period: str  # "2021–2027"
    source: str  # the provision that sets the dates

    @property
    def last_year(self) -> int:
        """The last year in which EU money of the period can be spent."""
        return self.end.year


@lru_cache(maxsize=1)
def eligibility() -> EligibilityPeriod:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return EligibilityPeriod(data["start"], data["end"], str(data["period"]), str(data["source"]))
