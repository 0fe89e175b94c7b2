"""Writing outputs atomically: a temp file beside the target, then a rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .problems import UsageError


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except (OSError, RuntimeError):  # RuntimeError: a symbolic-link loop (Python 3.11, 3.12)
        return False


def refuse_overwriting_inputs(output: Path, inputs: Iterable[Path]) -> None:
    for source in inputs:
        if same_file(output, source):
            raise UsageError(f"plik wynikowy {output} jest plikiem wejściowym; wybierz inną nazwę (opcja -o)")


def write_atomic(target: Path, data: bytes) -> None:
    """Write data so that target is either its old self or complete; never half-written."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from None
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
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
