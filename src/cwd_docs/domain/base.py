"""Base model and small field types shared by the domain models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from .dates import coerce_date, is_date_annotation

# Names, titles and items are bounded: a template may repeat one (a leader's name in every row of a
# strategy's project table), so an unbounded one would multiply into the document (README, Reliability).
MAX_TEXT_CHARS = 2_000
MAX_LINE_CHARS = 10_000

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)]
"""Non-empty text, stripped of surrounding white space."""

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT_CHARS)]


class Model(BaseModel):
    """Strict about unknown keys so that a misspelt field name is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _polish_dates(cls, value: object, info: ValidationInfo) -> object:
        """Every date field of every model reads 15.03.2027 and names a day that does not exist
        (domain/dates.py); fields added later follow without code of their own."""
        if value is None or info.field_name is None:
            return value
        field = cls.model_fields.get(info.field_name)
        if field is not None and is_date_annotation(field.annotation):
            return coerce_date(value)
        return value


# Free text written by advisors, in Markdown (rendered by cwd_docs.rendering.markdown). The schema
# marks it with contentMediaType text/markdown and `x-markdown`: "block" (paragraphs, lists,
# emphasis, links, footnotes) or "inline" (one line: emphasis, links, footnotes).
MARKDOWN_BLOCK = {"contentMediaType": "text/markdown", "x-markdown": "block"}
MARKDOWN_INLINE = {"contentMediaType": "text/markdown", "x-markdown": "inline"}
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Field(json_schema_extra=MARKDOWN_BLOCK)]
"""Paragraphs of an advisor's own text: Markdown with paragraphs, lists, emphasis, links and footnotes."""
OptionalMarkdown = Annotated[str, StringConstraints(strip_whitespace=True), Field(json_schema_extra=MARKDOWN_BLOCK)]
MarkdownLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LINE_CHARS),
                         Field(json_schema_extra=MARKDOWN_INLINE)]
"""One item or cell: Markdown emphasis, links and footnotes on one line."""
OptionalMarkdownLine = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_LINE_CHARS),
                                 Field(json_schema_extra=MARKDOWN_INLINE)]
