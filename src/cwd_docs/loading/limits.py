"""Limits over the whole input set of one command (a build, or a whole package).

Each file is bounded on its own (reader.py: size, values, nesting); these bound what files add up
to, so that anything accepted builds in bounded time and memory: a strategy naming one project file
thousands of times, a partnership given as thousands of includes, or many large maps are refused
with a located problem before anything is built.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..problems import DataPath, Problem, error

MAX_INCLUDES = 500  # references to other files (a project and its partnership: two), each time they appear
MAX_TOTAL_VALUES = 80_000  # values and marks of text of all files, an included file counted each time
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # all data files read (each file at most 2 MB: reader.MAX_FILE_BYTES)
MAX_IMAGE_BYTES = 20 * 1024 * 1024  # one image file
MAX_IMAGE_PIXELS = 50_000_000  # one image (e.g. 10 000 × 5 000 px; an A3 map at 300 dpi has 17.4 Mpx)
MAX_TOTAL_IMAGE_BYTES = 50 * 1024 * 1024  # all different images of the input set
MAX_TOTAL_IMAGE_PIXELS = 120_000_000


def thousands(number: int) -> str:
    """1 000 000 with non-breaking spaces, as the other messages write numbers."""
    return f"{number:,}".replace(",", "\u00a0")


class InputBudget:
    """What the files of one command have used so far; each limit's problem is reported once."""

    def __init__(self) -> None:
        self.includes = 0
        self.values = 0
        self.bytes = 0
        self.included_units: set[int] = set()  # units included once already (see InputSession._values_fit)
        self.images: dict[Path, tuple[int, int]] = {}  # resolved path -> (bytes, pixels)
        self._reported: set[str] = set()

    def charge_includes(self, count: int, at: DataPath) -> tuple[bool, Problem | None]:
        """Whether count more references fit; when not, the problem (only the first time)."""
        self.includes += count
        if self.includes <= MAX_INCLUDES:
            return True, None
        return False, self._once("input.too_many_includes", f"pliki wejściowe odwołują się razem do więcej niż "
                          f"{MAX_INCLUDES} plików (każde odwołanie liczy się osobno, także do tego samego pliku); "
                          "tak duże zestawy danych nie są obsługiwane", at)

    def charge_values(self, count: int, at: DataPath = ()) -> tuple[bool, Problem | None]:
        """Whether count more values fit; when not, the problem (only the first time)."""
        self.values += count
        if self.values <= MAX_TOTAL_VALUES:
            return True, None
        return False, self._once("input.too_many_values_total", f"pliki wejściowe zawierają razem więcej niż "
                          f"{thousands(MAX_TOTAL_VALUES)} wartości (w tekście liczy się też każdy wiersz i znacznik "
                          "Markdown, a plik wczytany w kilku miejscach – za każdym razem); tak duże zestawy danych "
                          "nie są obsługiwane", at)

    def charge_bytes(self, count: int) -> tuple[bool, Problem | None]:
        """Whether a data file of count bytes fits; when not, the problem (only the first time)."""
        self.bytes += count
        if self.bytes <= MAX_TOTAL_BYTES:
            return True, None
        return False, self._once("input.too_large_total", f"pliki wejściowe mają razem więcej niż "
                                 f"{MAX_TOTAL_BYTES // 1024 // 1024} MB; tak duże zestawy danych nie są obsługiwane", ())

    def spent(self) -> bool:
        """Whether the bytes or values of the input set are over their limits already."""
        return self.bytes > MAX_TOTAL_BYTES or self.values > MAX_TOTAL_VALUES

    def charge_image(self, path: Path, size: int, pixels: int) -> tuple[str, str] | None:
        """(code, message) when this image, or all images so far with it, exceed a limit."""
        if size > MAX_IMAGE_BYTES:
            megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
            return ("image.too_large", f"plik obrazu ma {megabytes} MB, więcej niż dozwolone "
                    f"{MAX_IMAGE_BYTES // 1024 // 1024} MB; zmniejsz go (np. zapisz jako JPEG albo w mniejszej "
                    "rozdzielczości)")
        if pixels > MAX_IMAGE_PIXELS:
            return ("image.too_many_pixels", f"obraz ma {thousands(pixels)} pikseli, więcej niż dozwolone "
                    f"{thousands(MAX_IMAGE_PIXELS)}; zmniejsz jego rozdzielczość")
        self.images.setdefault(path.resolve(), (size, pixels))
        total_bytes = sum(b for b, _ in self.images.values())
        total_pixels = sum(p for _, p in self.images.values())
        if total_bytes > MAX_TOTAL_IMAGE_BYTES:
            return ("image.total_too_large", f"obrazy danych wejściowych mają razem więcej niż "
                    f"{MAX_TOTAL_IMAGE_BYTES // 1024 // 1024} MB; zmniejsz je")
        if total_pixels > MAX_TOTAL_IMAGE_PIXELS:
            return ("image.total_too_many_pixels", f"obrazy danych wejściowych mają razem więcej niż "
                    f"{thousands(MAX_TOTAL_IMAGE_PIXELS)} pikseli; zmniejsz ich rozdzielczość")
        return None

    def _once(self, code: str, message: str, at: DataPath) -> Problem | None:
        if code in self._reported:
            return None
        self._reported.add(code)
        return error(code, message, at)


MARKUP = re.compile(r"[\n*_\[<]")  # a line break, emphasis, a link or footnote, an autolink


def count_values(data: Any, text_marks: bool = True) -> int:
    """Values in plain data: every scalar, list and mapping counts one, and a text one more for each
    line break and Markdown mark in it: each may become a paragraph or a run of the document, and a
    run costs as much memory as a value (one text of `**a** *b* ...` would otherwise make 400 000)."""
    count, pending = 0, [data]
    while pending:
        value = pending.pop()
        count += 1
        if isinstance(value, str):
            count += len(MARKUP.findall(value)) if text_marks else 0
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return count
