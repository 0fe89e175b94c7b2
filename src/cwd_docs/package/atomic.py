"""Writing outputs atomically: a temp file beside the target, then a rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from ..os_errors import reraise_for
from ..problems import UsageError


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except (OSError, RuntimeError):  # RuntimeError: a symbolic-link loop (Python 3.11, 3.12)
        return False


def refuse_overwriting_inputs(output: Path, inputs: Iterable[Path]) -> None:
    for source in inputs:
        if same_file(output, source):
            raise UsageError(f"plik wynikowy {output} jest plikiem wejściowym; wybierz inną nazwę (opcja -o)")


TEMP_PREFIX = ".cwd_docs-"  # short: a target name near the 255-byte limit still leaves room


def refuse_unsafe_target(target: Path) -> None:
    """An output replaces a regular file or takes a free name, nothing else.

    A symbolic link in the target's place is refused, not followed and not replaced: following it
    would replace a file elsewhere (or, through a link to /dev/null, nothing at all), replacing it
    would silently cut the link. A folder, a device, a pipe or a socket is refused too.
    """
    try:
        info = os.lstat(target)
    except OSError:
        return  # a free name (or a folder we cannot look into: the write itself reports that)
    if stat.S_ISLNK(info.st_mode):
        raise UsageError(f"plik wynikowy {target} jest dowiązaniem symbolicznym; cwd-docs nie zapisuje przez "
                         "dowiązania – podaj ścieżkę zwykłego pliku albo usuń dowiązanie")
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"plik wynikowy {target} jest katalogiem; podaj nazwę pliku")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"plik wynikowy {target} nie jest zwykłym plikiem (to urządzenie, potok albo gniazdo); "
                         "podaj ścieżkę zwykłego pliku")


def write_atomic(target: Path, data: bytes) -> None:
    """Write data so that target is either its old self or complete; never half-written."""
    target = Path(target)
    refuse_unsafe_target(target)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=directory)
    except OSError as exc:
        raise reraise_for(exc, target) from None
    try:
        # mkstemp creates 0600 files; give the output the mode an ordinary new file would get
        # (or keep the mode of the file it replaces) so that colleagues can open it.
        os.chmod(temp_name, _mode_for(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException as exc:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise reraise_for(exc, target) from None
        raise


def _mode_for(target: Path) -> int:
    """The mode of the regular file replaced (never a link's target: links are refused), else the umask's."""
    try:
        info = os.lstat(target)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
        raise FileNotFoundError(target)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
