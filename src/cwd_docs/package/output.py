"""Where a package goes: the output folder, the record of the files written, the move into place.

The output folder is treated as untrusted as any input:

- it must not be the data folder nor hold an input file (a package never writes beside its inputs);
- the record of what cwd-docs wrote there (`.cwd_docs-zapisane.txt`, see `written.py`) is read like
  an input, and is no proof of anything: a file it lists is reused only when its content is exactly
  what the record says, replaced only then (otherwise kept under a dated name), and never deleted —
  stale documents of an earlier package are moved aside into a dated folder;
- the finished files replace the old ones all together or not at all: a target name held by a folder,
  a link or a device stops the run before anything is moved, and a failure while moving puts back
  every file already replaced. The temporary folder is made inside the output folder (the same file
  system, so the moves are renames); a move that still crosses file systems falls back to a copy.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path
from typing import Iterable

from ..os_errors import cause, reraise_for
from ..problems import UsageError
from .atomic import TEMP_PREFIX
from .written import RECORD, KeptFile, Record, keep_if_not_ours, replace_file

MANIFEST = RECORD  # the package's record is the folder's record of written files


def refuse_output_holding_inputs(output: Path, folder: Path, inputs: Iterable[Path]) -> None:
    """The output folder must be neither the data folder nor the folder of any input file."""
    try:
        target = output.resolve()
        if target == folder.resolve():
            raise UsageError(f"katalog wynikowy {output} jest katalogiem z danymi; pakiet zapisuje dokumenty "
                             "w osobnym katalogu – wybierz inny (opcja -o)")
        for source in inputs:
            if source.resolve().parent == target:
                raise UsageError(f"katalog wynikowy {output} zawiera plik wejściowy {source.name}; pakiet nie "
                                 "zapisuje dokumentów obok plików wejściowych – wybierz inny katalog (opcja -o)")
    except (OSError, RuntimeError):
        return  # a folder that cannot be resolved does not exist yet: it holds nothing


def refuse_unreplaceable_targets(output: Path, names: Iterable[str]) -> None:
    """Every name the package will write is free or a regular file (checked before anything is moved)."""
    for name in [*names, MANIFEST]:
        try:
            info = os.lstat(output / name)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            kind = "katalogiem" if stat.S_ISDIR(info.st_mode) else (
                "dowiązaniem symbolicznym" if stat.S_ISLNK(info.st_mode) else "urządzeniem, potokiem lub gniazdem")
            raise UsageError(f"w katalogu wynikowym {output} nazwa {name} jest zajęta – jest {kind}, a nie plikiem "
                             "dokumentu; pakiet niczego nie zastąpił – usuń lub przenieś ją albo wybierz inny katalog")


def move_all_into_place(sources: list[Path], output: Path, record: Record, force: bool = False
                        ) -> tuple[list[Path], list[KeptFile]]:
    """Move every source into output under its name, all or none.

    An existing target that is exactly what cwd-docs wrote is first renamed aside in the output
    folder itself (so the rename never crosses file systems) and removed at the end; one that is
    not (edited in Word, or not the tool's) is kept under a dated name beside it, unless force.
    If any step fails, the new files are taken out again and the old ones put back before the
    error is raised.
    """
    refuse_unreplaceable_targets(output, [s.name for s in sources])
    token = f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-"
    backups: list[Path] = []
    done: list[tuple[Path, Path | None, bool]] = []  # (target, its old file set aside, new file moved in)
    kept: list[KeptFile] = []
    try:
        for source in sources:
            target = output / source.name
            aside = None
            if os.path.lexists(target):
                keeping = keep_if_not_ours(target, record, force)
                if keeping is not None:
                    kept.append(keeping)
                    aside = keeping.kept_as
                else:
                    aside = output / f"{token}{source.name}"
                    os.replace(target, aside)
                    backups.append(aside)
            done.append((target, aside, False))
            replace_file(source, target)
            done[-1] = (target, aside, True)
    except BaseException:
        for target, aside, moved in reversed(done):
            try:
                if moved:
                    os.unlink(target)
                if aside is not None:
                    os.replace(aside, target)
            except OSError:
                pass
        raise
    for backup in backups:  # the old versions, exactly what cwd-docs wrote (checked against the record)
        try:
            os.unlink(backup)
        except OSError:
            pass
    return [output / s.name for s in sources], kept
