"""The command line's streams: messages readable on any terminal, data on stdout kept clean.

- Messages (stderr, and `list` on stdout) never fail on a terminal that cannot show Polish letters
  (PYTHONIOENCODING=ascii, a C locale on an old system): letters lose their accents (ł -> l), other
  characters become their nearest ASCII form or "?".
- Data a command prints for programs (`schema`, `init` without -o, `--json`) is UTF-8, whatever
  the terminal's encoding: it is a file format, not a message. While such a command runs, anything
  else written to stdout (a plugin's print, even at the file-descriptor level) goes to stderr, so
  the data stays parseable.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
import unicodedata
from typing import Callable, Iterator

ERROR_HANDLER = "cwd_docs_ascii"
_SPECIAL = {"ł": "l", "Ł": "L", "„": '"', "”": '"', "“": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " ",
            "\u202f": " ", "\u2011": "-", "×": "x", "²": "2", "³": "3", "«": '"', "»": '"', "’": "'"}


def _nearest(character: str) -> str:
    if character in _SPECIAL:
        return _SPECIAL[character]
    plain = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode("ascii")
    return plain or "?"


def _replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    replacement = "".join(_nearest(c) for c in text)
    try:  # the stream may hold more than ASCII (Latin-1): keep what it can show
        replacement.encode(error.encoding)
    except (UnicodeError, LookupError):
        replacement = replacement.encode("ascii", "replace").decode("ascii")
    return replacement, error.end


codecs.register_error(ERROR_HANDLER, _replace_unencodable)


def readable_streams() -> None:
    """Make stdout and stderr replace what their encoding cannot show instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _shows_polish(stream.encoding):
            try:
                stream.reconfigure(errors=ERROR_HANDLER)
            except (ValueError, io.UnsupportedOperation):
                pass


def _shows_polish(encoding: str) -> bool:
    try:
        "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ „–”…".encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


@contextlib.contextmanager
def data_output() -> Iterator[Callable[[str], None]]:
    """A writer for the command's data (UTF-8 on the real stdout); meanwhile stdout goes to stderr."""
    original = sys.stdout
    if original is None:  # started with stdout closed (`>&-`)
        from ..problems import UsageError

        raise UsageError("standardowe wyjście jest zamknięte, a polecenie wypisuje na nie dane "
                         "(schema i init mogą zapisać je do pliku: -o PLIK)")
    try:
        original.flush()
        descriptor = original.fileno() if original is sys.__stdout__ else None
        error_descriptor = sys.stderr.fileno()
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        descriptor = None
    if descriptor is None:  # stdout replaced in-process (tests, embedding): redirect at Python level only
        def write(text: str) -> None:
            original.write(text)
        sys.stdout = sys.stderr
        try:
            yield write
        finally:
            sys.stdout = original
        return
    saved = os.dup(descriptor)
    sys.stderr.flush()
    os.dup2(error_descriptor, descriptor)
    sys.stdout = sys.stderr

    def write_bytes(text: str) -> None:
        data = text.encode("utf-8")
        while data:
            data = data[os.write(saved, data):]

    try:
        yield write_bytes
    finally:
        sys.stdout = original
        with contextlib.suppress(OSError):
            sys.stderr.flush()
        os.dup2(saved, descriptor)
        os.close(saved)
