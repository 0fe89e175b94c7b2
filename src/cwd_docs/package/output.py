"""Where a package goes: the output folder, the record of the files a run wrote, the move into place.

The output folder is treated as untrusted as any input:

- it must not be the data folder nor hold an input file (a package never writes beside its inputs);
- the record of the previous run (`.cwd_docs-pakiet.txt`) is read like an input: a regular file of
  bounded size, never a link, pipe or device; it lists each file with its size and SHA-256, and
  a file it lists is removed only if it is still a regular file with exactly that content — so a
  package removes only what it wrote itself, however the record was edited;
- the finished files replace the old ones all together or not at all: a target name held by a folder,
  a link or a device stops the run before anything is moved, and a failure while moving puts back
  every file already replaced.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..os_errors import cause, reraise_for
from ..problems import UsageError

MANIFEST = ".cwd_docs-pakiet.txt"
MANIFEST_HEADER = "# cwd-docs: pliki utworzone przez polecenie package (rozmiar, SHA-256, nazwa); nie edytuj"
MAX_MANIFEST_BYTES = 1024 * 1024
HASH_CHUNK = 1024 * 1024
MAX_RECORDED_BYTES = 1024 ** 3  # no document the package writes comes near; a larger record is not ours


@dataclass(frozen=True)
class Written:
    """One file a package run wrote: its size and content hash."""

    size: int
    sha256: str


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


def read_manifest(output: Path) -> dict[str, Written]:
    """What the previous package run in this folder wrote, from its record; {} when there is none.

    Read with the limits of any input: a regular file (a link, pipe, device or folder is refused,
    and never opened in a way that could block), at most MAX_MANIFEST_BYTES. Lines that are not
    `size sha256 name` with a plain file name are ignored: nothing they name is ever removed.
    """
    path = output / MANIFEST
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return {}
    except NotADirectoryError as exc:  # a file on the way to the output folder: the folder is the problem
        raise reraise_for(exc, output) from None
    except OSError as exc:
        raise _manifest_error(path, f"nie można go odczytać ({cause(exc)})") from None
    if not stat.S_ISREG(info.st_mode):
        raise _manifest_error(path, "nie jest zwykłym plikiem (to dowiązanie, katalog, potok lub urządzenie)")
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise _manifest_error(path, "nie jest zwykłym plikiem")
            raw = stream.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise _manifest_error(path, f"nie można go odczytać ({cause(exc)})") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise _manifest_error(path, f"jest większy niż {MAX_MANIFEST_BYTES // 1024 // 1024} MB")
    written: dict[str, Written] = {}
    for line in raw.decode("utf-8", errors="replace").splitlines():
        parts = line.split(" ", 2)
        if len(parts) != 3 or not parts[0].isdigit() or len(parts[1]) != 64:
            continue
        size, digest, name = parts
        if _plain_name(name) and all(c in "0123456789abcdef" for c in digest):
            written[name] = Written(int(size), digest)
    return written


def _manifest_error(path: Path, reason: str) -> UsageError:
    return UsageError(f"plik {path} (spis plików poprzedniego pakietu) {reason}; cwd-docs go nie użyje – "
                      "usuń go, jeśli nie został utworzony przez cwd-docs, albo wybierz inny katalog (opcja -o)")


def _plain_name(name: str) -> bool:
    return bool(name) and name not in (".", "..", MANIFEST) and "/" not in name and "\0" not in name


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


def file_record(path: Path) -> Written:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while chunk := stream.read(HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return Written(size, digest.hexdigest())


def move_all_into_place(sources: list[Path], output: Path, backup: Path) -> list[Path]:
    """Move every source into output under its name, all or none.

    An existing target is first moved aside into backup (a folder on the same file system); if
    any step fails, the new files are taken out again and the old ones put back before the error
    is raised.
    """
    refuse_unreplaceable_targets(output, [s.name for s in sources])
    backup.mkdir()
    done: list[tuple[Path, Path | None, bool]] = []  # (target, its old file set aside, new file moved in)
    try:
        for source in sources:
            target = output / source.name
            aside = None
            if os.path.lexists(target):
                aside = backup / source.name
                os.replace(target, aside)
            done.append((target, aside, False))
            os.replace(source, target)
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
    return [output / s.name for s in sources]


def remove_stale(output: Path, previous: dict[str, Written], kept: set[str]) -> None:
    """Remove what the previous run wrote and this one did not, if it is still exactly what was written."""
    for name, record in previous.items():
        if name in kept:
            continue
        path = output / name
        try:
            info = os.lstat(path)
            if (stat.S_ISREG(info.st_mode) and info.st_size == record.size <= MAX_RECORDED_BYTES
                    and file_record(path) == record):
                os.unlink(path)
        except OSError:
            continue  # gone already, or not ours to judge: left in place


def manifest_text(records: dict[str, Written]) -> str:
    lines = [MANIFEST_HEADER] + [f"{r.size} {r.sha256} {name}" for name, r in sorted(records.items())]
    return "\n".join(lines) + "\n"
