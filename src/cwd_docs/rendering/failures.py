"""A template that fails while it is filled in, told by the tag that failed.

Whatever goes wrong inside a tag (a filter given a value of the wrong kind, an object from a
plugin's context that raises when read, an undefined name) surfaces as `TemplateFillError`: the
template part, its line and the tags of that paragraph, and the original error. It is a
jinja2.TemplateError, so whoever handled template errors before handles it too.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import TemplateError

from ..problems import excerpt

_XML_TAG = re.compile(r"<[^>]+>")
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
JINJA_FILENAME = "<template>"  # what Jinja names a template compiled from a string in tracebacks


class TemplateFillError(TemplateError):
    def __init__(self, cause: BaseException, part: str, line: int | None, tags: list[str]) -> None:
        self.cause, self.part, self.line, self.tags = cause, part, line, tags
        where = f"część {part}" + (f", wiersz {line}" if line else "")
        shown = ", ".join(tags) if tags else "(nie ustalono znacznika)"
        reason = excerpt(f"{type(cause).__name__}: {cause}", 200)
        super().__init__(f"znacznik {shown} ({where}): {reason}")

    def __reduce__(self) -> Any:  # from a bounded render's child process: the message as it was
        return (_restored_fill_error, (str(self), self.part, self.line, self.tags))


def _restored_fill_error(message: str, part: str, line: int | None, tags: list[str]) -> TemplateFillError:
    error = TemplateFillError.__new__(TemplateFillError)
    TemplateError.__init__(error, message)
    error.cause, error.part, error.line, error.tags = RuntimeError(message), part, line, tags
    return error


def fill_error(cause: BaseException, source: str, part: Any, template: Any = None) -> TemplateFillError:
    """The error of a failed render, with the tags of the template line where it failed."""
    if isinstance(cause, TemplateFillError):
        return cause
    line = _template_line(cause)
    if line is not None and not isinstance(cause, Exception) and template is not None:
        # Jinja rewrites the traceback to template lines for an Exception only (not for SystemExit):
        # here the line is one of the compiled Python code.
        line = template.get_corresponding_lineno(line)
    tags: list[str] = []
    if line is not None:
        lines = source.split("\n")
        if 0 < line <= len(lines):
            text = _XML_TAG.sub("", lines[line - 1])
            tags = [excerpt(" ".join(tag.split()), 80) for tag in _JINJA_TAG.findall(text)][:4]
    name = str(getattr(part, "partname", "") or "") or "dokumentu"
    return TemplateFillError(cause, name, line, tags)


def _template_line(cause: BaseException) -> int | None:
    """The template line Jinja put in the traceback (its own frames name the template file)."""
    line = getattr(cause, "lineno", None)  # TemplateSyntaxError, UndefinedError rewritten by Jinja
    traceback = cause.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == JINJA_FILENAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line if isinstance(line, int) else None
