"""Base model and small field types shared by the domain models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text, stripped of surrounding white space."""

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]


class Model(BaseModel):
    """Strict about unknown keys so that a misspelt field name is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)
