"""The record of what cwd-docs wrote in a folder, and what it does with files it did not write.

Every DOCX and PDF that `build`, `package` and `watch` write is noted in the folder's record
(`.cwd_docs-zapisane.txt`, JSON): its SHA-256, its size and the key of the inputs it was made from
(see `build_key`). Three rules follow from it:

- **Word edits are never lost.** Before a file is replaced, its content is compared with the record:
  a file changed since cwd-docs wrote it (edited in Word) or never written by it is kept, renamed
  to `NAZWA.zmieniony-RRRR-MM-DD-GGMM.docx` beside it, and the command says where (`--force`
  replaces it without keeping it).
- **Reuse** (`package`, `watch`): a document whose key is unchanged and whose files are still
  exactly what was written is not built again; its bytes stay as they are (`--rebuild` forces all).
- **Nothing is deleted on the record's word.** A record is a file anyone can edit, so it is no
  proof of authorship: stale documents of an earlier package are moved aside into a dated
  folder, never deleted.

The record is read like an input (a regular file of bounded size, never a link, pipe or device;
such a name is refused, since it could not be replaced either). A record that does not parse,
or whose own checksum does not match its content (edited by hand), is ignored: then no file in the
folder counts as the tool's, so none is reused and every existing one is kept aside before it is
replaced.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..problems import UsageError

RECORD = ".cwd_docs-zapisane.txt"
FORMAT = 1
MAX_RECORD_BYTES = 4 * 1024 * 1024
HASH_CHUNK = 1024 * 1024
DESCRIPTION = "cwd-docs: pliki zapisane w tym katalogu przez cwd-docs (SHA-256, rozmiar, klucz danych); nie edytuj"
EDITED_MARK = "zmieniony"
STALE_FOLDER = "nieaktualne"


@dataclass(frozen=True)
class Entry:
    sha256: str
    size: int
    key: str = ""
    source: str = ""  # a converted file's: the conversion key of the rendered DOCX it was made from


def file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as stream:
        while chunk := stream.read(HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _checksum(files: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True, ensure_ascii=True).encode("ascii")).hexdigest()


def _plain_name(name: Any) -> bool:
    return (isinstance(name, str) and bool(name) and name not in (".", "..", RECORD) and "/" not in name
            and "\0" not in name)


@dataclass
class Record:
    """The record of one folder (empty when there is none or it is not to be trusted)."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    ignored: bool = False  # a record was there but is not trusted

    @classmethod
    def load(cls, folder: Path) -> "Record":
        raw = _read_bounded(Path(folder) / RECORD)
        record = cls(Path(folder))
        if raw is None:
            return record
        try:
            data = json.loads(raw.decode("utf-8"))
            files = data["files"]
            if data.get("format") != FORMAT or not isinstance(files, dict) or data.get("check") != _checksum(files):
                raise ValueError("not ours")
            for name, value in files.items():
                sha, size, key, source = value if len(value) == 4 else (*value, "")
                if (_plain_name(name) and isinstance(sha, str) and len(sha) == 64
                        and all(c in "0123456789abcdef" for c in sha) and isinstance(size, int)
                        and not isinstance(size, bool) and size >= 0 and isinstance(key, str)
                        and isinstance(source, str)):
                    record.entries[name] = Entry(sha, size, key, source)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            record.entries.clear()
            record.ignored = True
        return record

    def text(self) -> str:
        files = {name: [e.sha256, e.size, e.key] + ([e.source] if e.source else [])
                 for name, e in sorted(self.entries.items())}
        return json.dumps({"description": DESCRIPTION, "format": FORMAT, "files": files, "check": _checksum(files)},
                          ensure_ascii=False, indent=1) + "\n"

    def save(self) -> None:
        from .atomic import write_atomic

        write_atomic(self.folder / RECORD, self.text().encode("utf-8"))

    def intact(self, name: str) -> bool:
        """The file is a regular file with exactly the content recorded for it."""
        entry = self.entries.get(name)
        if entry is None:
            return False
        path = self.folder / name
        try:
            info = os.lstat(path)
            return (stat.S_ISREG(info.st_mode) and info.st_size == entry.size
                    and file_digest(path) == (entry.sha256, entry.size))
        except OSError:
            return False

    def reusable(self, name: str, key: str) -> bool:
        entry = self.entries.get(name)
        return entry is not None and bool(key) and entry.key == key and self.intact(name)

    def converted_from(self, names: Iterable[str], source: str) -> bool:
        """Every named file was converted from a DOCX of this conversion key and is still intact
        (a DOCX rendered again to the same content: its PDF and filled DOCX need no LibreOffice)."""
        return bool(source) and all(
            name in self.entries and self.entries[name].source == source and self.intact(name) for name in names)

    def note(self, name: str, path: Path, key: str = "", source: str = "") -> None:
        sha, size = file_digest(path)
        self.entries[name] = Entry(sha, size, key, source)

    def rekey(self, name: str, key: str) -> None:
        """A file left in place whose inputs changed without changing it: recorded under the new key."""
        entry = self.entries[name]
        self.entries[name] = Entry(entry.sha256, entry.size, key, entry.source)


def _read_bounded(path: Path) -> bytes | None:
    """The record's bytes; None when there is none or it is too large to be ours (then ignored)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError as exc:  # a file on the way to the output folder: the folder is the problem
        from ..os_errors import reraise_for

        raise reraise_for(exc, path.parent) from None
    except OSError as exc:
        raise _record_error(path, f"nie można go odczytać ({_reason(exc)})") from None
    if not stat.S_ISREG(info.st_mode):
        raise _record_error(path, "nie jest zwykłym plikiem (to dowiązanie, katalog, potok lub urządzenie)")
    if info.st_size > MAX_RECORD_BYTES:
        return b""  # not one of ours: ignored
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise _record_error(path, "nie jest zwykłym plikiem")
            raw = stream.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise _record_error(path, f"nie można go odczytać ({_reason(exc)})") from None
    return raw if len(raw) <= MAX_RECORD_BYTES else b""


def _reason(exc: OSError) -> str:
    from ..problems import describe_os_error

    return describe_os_error(exc)


def _record_error(path: Path, reason: str) -> UsageError:
    return UsageError(f"plik {path} (spis plików zapisanych przez cwd-docs) {reason}; cwd-docs go nie użyje ani "
                      "nie zastąpi – usuń go, jeśli nie został utworzony przez cwd-docs, albo wybierz inny katalog")


# ------------------------------------------------------------------------------------------ names

def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M")


def dated_name(path: Path, mark: str, now: dt.datetime | None = None) -> Path:
    """`NAZWA.MARK-RRRR-MM-DD-GGMM.ext` beside path, with -2, -3… when taken."""
    suffix = "".join(path.suffixes[-1:])
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    base = f"{stem}.{mark}-{_stamp(now)}"
    candidate, counter = path.with_name(base + suffix), 2
    while os.path.lexists(candidate):
        candidate, counter = path.with_name(f"{base}-{counter}{suffix}"), counter + 1
    return candidate


@dataclass(frozen=True)
class KeptFile:
    """A file cwd-docs did not replace because it was not (any more) what it had written."""

    original: Path
    kept_as: Path

    def message(self) -> str:
        return (f"plik {self.original} zmieniono po zapisaniu przez cwd-docs (np. w Wordzie) albo nie utworzyło go "
                f"cwd-docs – nie został zastąpiony bez śladu: zachowano go jako {self.kept_as}")


def keep_if_not_ours(target: Path, record: Record, force: bool = False) -> KeptFile | None:
    """Before target is replaced: if it is not exactly what the record says cwd-docs wrote there,
    rename it to a dated name beside it (same folder, so the same file system) and say so."""
    if force or not os.path.lexists(target) or record.intact(target.name):
        return None
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return None  # a link, folder or device is refused by the writer, not moved
    except OSError:
        return None
    aside = dated_name(target, EDITED_MARK)
    os.rename(target, aside)
    return KeptFile(target, aside)


def move_aside_stale(folder: Path, record: Record, names: Iterable[str]) -> Path | None:
    """Move the named files (written by an earlier run, not by this one) into a dated subfolder;
    a file changed since it was written is the user's now: it stays where it is. Nothing is deleted."""
    moved_to = None
    for name in sorted(names):
        if not record.intact(name):
            record.entries.pop(name, None)
            continue
        if moved_to is None:
            moved_to = folder / f"{STALE_FOLDER}-{_stamp()}"
            moved_to.mkdir(exist_ok=True)
        target = moved_to / name
        if os.path.lexists(target):
            target = dated_name(target, "poprzedni")
        try:
            os.rename(folder / name, target)
        except OSError:
            continue  # left in place (and still recorded)
        record.entries.pop(name, None)
    return moved_to


# ------------------------------------------------------------------------------------------ moving

def replace_file(source: Path, target: Path) -> None:
    """os.replace, or, across file systems (EXDEV), a copy to a temporary name beside the target
    and a rename there: the target is never half-written."""
    try:
        os.replace(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    from .atomic import TEMP_PREFIX

    temp = target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}"[:255])
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    os.unlink(source)


# ------------------------------------------------------------------------------------------ keys

def build_key(parts: dict[str, Any], files: Iterable[Path], base: Path | None = None) -> str:
    """The key of one build: parts (tool, type, plugin versions, options) and the content of every file read.

    Files are named relative to base when inside it, so a copied folder keeps its keys. A file that
    cannot be read gives no key (the document is built)."""
    digests = []
    for path in sorted({Path(f) for f in files}, key=str):
        try:
            sha, _ = file_digest(path)
        except OSError:
            return ""
        name = str(path)
        if base is not None:
            try:
                name = str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                pass
        digests.append([name, sha])
    payload = json.dumps({"parts": parts, "files": digests}, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def depends_on_today(model: Any) -> bool:
    """Whether a model holds a value filled in from today's date (a field left out, defaulting to today)."""
    from pydantic import BaseModel

    clocks = (dt.date.today, dt.datetime.now, dt.datetime.today)
    seen: set[int] = set()
    pending = [model]
    while pending:
        value = pending.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, BaseModel):
            for name, info in type(value).model_fields.items():
                if info.default_factory is not None and name not in value.model_fields_set \
                        and any(info.default_factory == clock for clock in clocks):
                    return True
            pending.extend(value.__dict__.values())
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, (list, tuple, set, frozenset)):
            pending.extend(value)
    return False


# The parts of docProps/core.xml a render stamps with the clock; no field of ours prints them.
_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
# Fields that would print those times: with any of them, the times are part of the content.
_TIME_FIELDS = (b"CREATEDATE", b"SAVEDATE", b"PRINTDATE", b"EDITTIME", b"DOCPROPERTY")


def docx_content_digest(data: bytes) -> str:
    """The digest of a DOCX's content: every part's name and bytes, in order, without the ZIP's
    timestamps and the created/modified times of docProps/core.xml, which differ between two renders
    of the same document. "" when the bytes are no ZIP (nothing is reused then)."""
    import io
    import zipfile

    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError, RuntimeError, NotImplementedError, EOFError):
        return ""
    stamped = not any(field in content for name, content in parts if name.startswith("word/")
                      for field in _TIME_FIELDS)
    for name, content in parts:
        if name == "docProps/core.xml" and stamped:
            content = _STAMPS.sub(b"", content)
        encoded = name.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big") + encoded + len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


def conversion_key(content: str, options: dict[str, Any]) -> str:
    """The key of one conversion: the rendered DOCX's content, the converter (tool version, its
    LibreOffice helper, the LibreOffice installation) and the options. "" when any is unknown."""
    from .. import __version__
    from ..conversion.pdf import converter_identity

    identity = converter_identity()
    if not content or not identity:
        return ""
    return build_key({"tool": __version__, "converter": identity, "content": content, "options": options}, [])


def document_key(doc_type: Any, model: Any, files: Iterable[Path], options: dict[str, Any],
                 base: Path | None = None, template: Path | None = None) -> str:
    """The key of one document: tool and plugin versions, its template, the files read, the options."""
    from .. import __version__
    from ..registry.plugin_manager import get_registry

    template = template or doc_type.template
    try:
        template_sha = file_digest(Path(template))[0]
    except OSError:
        return ""
    parts = {"tool": __version__, "type": doc_type.name, "plugin": doc_type.plugin,
             "plugin_version": get_registry().plugin_versions.get(doc_type.plugin, ""),
             "template": template_sha, "options": options}
    if depends_on_today(model):
        parts["today"] = dt.date.today().isoformat()
    return build_key(parts, files, base)
