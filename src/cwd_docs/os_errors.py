"""Operating-system errors in Polish, naming the file and the real cause (one translation for all).

Python's OSError carries the system's English text ("Not a directory") and the name the failing
call was given, which is often not the one the user typed (mkdir(parents=True) reports the first
parent it could not create, a rename names a temporary file). `describe` looks at the path itself
to say what is really wrong: which folder on the way is a file, which name is too long, which
folder is missing.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

NAME_MAX = 255  # bytes of one name on the usual Linux file systems (ext4, xfs, btrfs, tmpfs, vfat in UTF-8)
PATH_MAX = 4096

_CAUSES = {
    errno.ENOENT: "nie ma takiego pliku ani katalogu",
    errno.EACCES: "brak uprawnień",
    errno.EPERM: "operacja niedozwolona (brak uprawnień)",
    errno.EISDIR: "to jest katalog, a nie plik",
    errno.ENOTDIR: "element ścieżki nie jest katalogiem",
    errno.ENOSPC: "brak miejsca na dysku",
    errno.EDQUOT: "przekroczono przydział miejsca na dysku",
    errno.EROFS: "system plików jest tylko do odczytu",
    errno.ENAMETOOLONG: "za długa nazwa pliku lub ścieżka",
    errno.EIO: "błąd wejścia-wyjścia (uszkodzony lub odłączony nośnik?)",
    errno.EXDEV: "plik i miejsce docelowe leżą na różnych systemach plików, przeniesienie jest niemożliwe",
    errno.EEXIST: "taki plik już istnieje",
    errno.ENOTEMPTY: "katalog nie jest pusty",
    errno.ELOOP: "za dużo poziomów dowiązań symbolicznych (pętla dowiązań?)",
    errno.EMFILE: "za dużo otwartych plików",
    errno.ENFILE: "za dużo otwartych plików w systemie",
    errno.EBUSY: "plik lub urządzenie jest zajęte",
    errno.ETXTBSY: "plik jest zajęty przez działający program",
    errno.EFBIG: "plik jest za duży dla tego systemu plików",
    errno.ENXIO: "urządzenie lub potok bez odbiorcy",
    errno.ENODEV: "nie ma takiego urządzenia",
    errno.EINVAL: "nieprawidłowa nazwa lub operacja",
    errno.ENOMEM: "brak pamięci",
    errno.EAGAIN: "zasób chwilowo niedostępny; spróbuj ponownie",
    errno.ESTALE: "nieaktualny uchwyt pliku sieciowego (NFS); spróbuj ponownie",
    errno.ENOTCONN: "system plików sieciowy jest rozłączony",
    errno.ENOTSUP: "ten system plików nie obsługuje tej operacji",
}


def cause(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """What is really wrong, in Polish, looking at `path` (default: the error's own file name)."""
    target = path if path is not None else exc.filename
    code = exc.errno or 0
    if target is not None and not isinstance(target, int):
        target = Path(os.fsdecode(target))
        if code in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT, errno.ENAMETOOLONG, errno.EINVAL):
            found = _path_cause(target)
            if found:
                return found
        if code == errno.ENOENT:
            missing = _first_missing(target)
            if missing is not None and missing != target:
                return f"nie ma katalogu {missing}"
        if code in (errno.EACCES, errno.EPERM):
            where = _nearest_existing(target)
            if where is not None and where != target:
                return f"{_CAUSES[code]} (do katalogu {where})"
    if isinstance(exc, TimeoutError) and not code:
        return "przekroczono czas oczekiwania"
    known = _CAUSES.get(code)
    if known:
        return known
    symbol = errno.errorcode.get(code)
    return f"błąd systemu operacyjnego nr {code}" + (f" ({symbol})" if symbol else "")


def describe(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """'<file>: <cause>' — the file (`path` when given: the one the user asked for) and the cause."""
    target = path if path is not None else exc.filename
    reason = cause(exc, path)
    if target is None or isinstance(target, int):
        return reason
    return f"{os.fsdecode(target)}: {reason}"


def failure(exc: OSError) -> str:
    """The line a command prints for an OSError: 'błąd zapisu lub odczytu (<file>): <cause>'."""
    where = f" ({os.fsdecode(exc.filename)})" if exc.filename is not None and not isinstance(exc.filename, int) else ""
    return f"błąd zapisu lub odczytu{where}: {cause(exc)}"


def reraise_for(exc: OSError, path: str | os.PathLike[str]) -> OSError:
    """The same error, now about `path` (what the user asked for), for `raise ... from None`."""
    return OSError(exc.errno, exc.strerror, os.fspath(path))


def _path_cause(path: Path) -> str | None:
    """A name too long, or a file where a folder must be, on the way to `path`."""
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > NAME_MAX:
            shown = part if len(part) <= 40 else part[:37] + "…"
            return f"nazwa „{shown}” ma {size} bajtów, a system plików pozwala na najwyżej {NAME_MAX}"
    if len(os.fsencode(str(path))) >= PATH_MAX:
        return f"ścieżka jest dłuższa niż {PATH_MAX - 1} bajtów"
    for parent in reversed(path.parents):  # from the root down: the first one that is not a folder
        if parent == Path(parent.anchor) or str(parent) in ("", "."):
            continue
        try:
            info = os.stat(parent)
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            kind = "plikiem" if stat.S_ISREG(info.st_mode) else "plikiem specjalnym"
            return f"{parent} jest {kind}, a nie katalogiem"
    return None


def _first_missing(path: Path) -> Path | None:
    for candidate in [*reversed(path.parents), path]:
        if str(candidate) in ("", "."):
            continue
        if not os.path.lexists(candidate):
            return candidate
    return None


def _nearest_existing(path: Path) -> Path | None:
    for candidate in [path, *path.parents]:
        if os.path.lexists(candidate):
            return candidate
    return None
