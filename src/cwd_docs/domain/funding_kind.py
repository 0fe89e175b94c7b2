"""The kinds of money that fund a project (its funding sources), below the project model so that the
computations the model's validation calls (domain.partner_split) need not import the model."""

from __future__ import annotations

from enum import Enum


class FundingKind(str, Enum):
    EU = "UE"
    STATE = "budżet państwa"
    OWN = "wkład własny"
    OTHER = "inne"
