"""Facts about the document itself: where and when it is issued, and who prepared it."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Model, OptionalText, Text


class DocumentInfo(Model):
    place: Text = Field(title="Miejscowość", description="Miejsce sporządzenia dokumentu, np. Wałcz")
    date: dt.date = Field(default_factory=dt.date.today, title="Data sporządzenia")
    version: OptionalText = Field("1.0", title="Wersja dokumentu")
    authors: list[Text] = Field(default_factory=list, title="Autorzy", description="Doradcy CWD i członkowie zespołu")
