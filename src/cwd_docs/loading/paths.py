"""Paths named in input data (included files, images): resolved safely and kept in the input's folder.

An input file may name other files (`partnership: partnerstwo.yaml`, `map: mapy/osi.png`). These
must lie in the folder of the file given to the command (or the `base_dir` of data given in
memory), or below it, after symbolic links are followed; so data received from someone else cannot
make the tool read, and quote, any file on the disk. Setting CWD_DOCS_ALLOW_OUTSIDE=1 lifts this.
"""

from __future__ import annotations

import os
from pathlib import Path

ALLOW_OUTSIDE_ENV = "CWD_DOCS_ALLOW_OUTSIDE"


def real_path(path: Path) -> Path:
    """The absolute path with symbolic links followed; a link loop never raises (Path.resolve does
    in Python 3.11 and 3.12): the loop stays in the path and opening it fails, as it should."""
    return Path(os.path.realpath(path))


def outside_allowed() -> bool:
    return os.environ.get(ALLOW_OUTSIDE_ENV, "").strip().lower() in ("1", "tak", "true", "yes")


def escapes(path: Path, root: Path | None) -> bool:
    """Whether path (after links) lies outside root (after links); never when allowed or no root."""
    if root is None or outside_allowed():
        return False
    target, folder = real_path(path), real_path(root)
    return target != folder and folder not in target.parents


def outside_message(name: str, root: Path) -> str:
    return (f"plik {name} leży poza katalogiem {real_path(root)} (pliku z danymi) i jego podkatalogami; przenieś go tam "
            f"albo, jeśli to zamierzone, ustaw zmienną środowiskową {ALLOW_OUTSIDE_ENV}=1")


def symlink_problem(path: Path) -> str | None:
    """Why a path that cannot be opened is a broken or looping symbolic link, if it is one."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as exc:
        import errno

        if exc.errno == errno.ELOOP:
            return "dowiązanie symboliczne tworzy pętlę (wskazuje, pośrednio, samo na siebie)"
        return "dowiązanie symboliczne wskazuje nieistniejący plik"
    return None
