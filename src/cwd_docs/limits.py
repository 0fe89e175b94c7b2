"""The time limit of one document's work, set once by the command line (--timeout).

It bounds the template render (cwd_docs.rendering.bounded), LibreOffice's start-up and each
document's conversion to PDF; the library uses the default unless told otherwise.
"""

from __future__ import annotations

DEFAULT_TIMEOUT = 120.0  # seconds, the README's table of limits

_settings = {"timeout": DEFAULT_TIMEOUT}


def set_timeout(seconds: float | None) -> None:
    _settings["timeout"] = float(seconds) if seconds else DEFAULT_TIMEOUT


def timeout() -> float:
    return _settings["timeout"]
