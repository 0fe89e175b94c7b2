"""Converting DOCX files to PDF with LibreOffice (headless), tables of contents updated."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

INSTALL_HINT = "zainstaluj LibreOffice: sudo apt-get install libreoffice-writer-nogui python3-uno"
PYTHONS_WITH_UNO = ("/usr/bin/python3", "/usr/local/bin/python3", "python3")


class ConversionError(Exception):
    """A conversion failed; the message is Polish and names the document."""


@dataclass(frozen=True)
class Converter:
    soffice: str
    python: str


def find_converter() -> Converter:
    configured = os.environ.get("CWD_DOCS_SOFFICE")
    if configured:
        soffice = shutil.which(configured)
        if not soffice:
            raise ConversionError(f"program LibreOffice wskazany w CWD_DOCS_SOFFICE ({configured}) nie istnieje "
                                  f"lub nie jest wykonywalny; {INSTALL_HINT}")
    else:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ConversionError(f"nie znaleziono programu LibreOffice (soffice) potrzebnego do utworzenia PDF; {INSTALL_HINT}")
    for candidate in PYTHONS_WITH_UNO:
        python = shutil.which(candidate)
        if python and _has_uno(python):
            return Converter(soffice=soffice, python=python)
    raise ConversionError(f"nie znaleziono modułu Pythona 'uno' z LibreOffice; {INSTALL_HINT}")


def converter_identity() -> str:
    """What a PDF made from a given DOCX depends on besides the DOCX: this converter's LibreOffice
    helper (its options) and the LibreOffice installation (its program's path, size and time, which
    an upgrade changes). "" when LibreOffice is not found. No process is started."""
    import hashlib

    configured = os.environ.get("CWD_DOCS_SOFFICE")
    soffice = shutil.which(configured) if configured else (shutil.which("soffice") or shutil.which("libreoffice"))
    if not soffice:
        return ""
    program = os.path.realpath(soffice)
    parts = [program]
    for path in (program, os.path.join(os.path.dirname(program), "soffice.bin")):
        try:
            info = os.stat(path)
            parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            pass
    try:
        helper = Path(__file__).with_name("_uno_convert.py").read_bytes()
    except OSError:
        return ""
    parts.append(hashlib.sha256(helper).hexdigest())
    return "\n".join(parts)


def _has_uno(python: str) -> bool:
    # A private HOME and TMPDIR: importing uno bootstraps LibreOffice's libraries, which write
    # ~/.config; nothing of the user's home is touched (the folder is removed at once).
    with tempfile.TemporaryDirectory(prefix="cwd_docs_uno_", ignore_cleanup_errors=True) as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home, XDG_DATA_HOME=home,
                   TMPDIR=home, TMP=home, TEMP=home)
        try:
            return subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=20, env=env,
                                  cwd=home).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False


def kill_active_converters() -> None:
    """Kill every LibreOffice worker of this process (their whole process groups)."""
    from .lo_worker import kill_all_workers

    kill_all_workers()


def convert_to_pdf(pairs: list[tuple[Path, Path]], timeout_per_document: float = 120.0,
                   converter: Converter | None = None, on_done: Callable[[Path], None] | None = None,
                   startup_timeout: float | None = None, update_docx: bool = False) -> None:
    """Convert each (docx, pdf) pair in one LibreOffice process with a private profile (one-shot).

    A document taking longer than timeout_per_document kills the converter and is named in
    the error; a LibreOffice that does not start within startup_timeout (default: the same limit)
    is abandoned; a LibreOffice that crashes is replaced once and the document tried again.
    Each PDF is written to a temp name and renamed only when complete and non-empty;
    the target's folder must exist. With update_docx, each source DOCX is replaced by LibreOffice's
    DOCX of the same document with its table of contents, page references and fields filled in.
    """
    if not pairs:
        return
    converter = converter or find_converter()
    with tempfile.TemporaryDirectory(prefix="cwd_docs_lo_", ignore_cleanup_errors=True) as work:
        temp_targets = [Path(work) / f"{i}.pdf" for i in range(len(pairs))]
        temp_docx = [Path(work) / f"{i}.docx" for i in range(len(pairs))]
        jobs = [[str(src), str(tmp)] + ([str(docx)] if update_docx else [])
                for (src, _), tmp, docx in zip(pairs, temp_targets, temp_docx)]
        outcomes = _run_converter(converter, Path(work), jobs, timeout_per_document,
                                  [src for src, _ in pairs],
                                  (lambda i: on_done(pairs[i][0])) if on_done else None, startup_timeout)
        failures = [f"{pairs[i][0].name}: {msg}" for i, msg in outcomes.items() if msg]
        if failures:
            raise ConversionError("konwersja do PDF nie powiodła się: " + "; ".join(failures))
        deliver(pairs, temp_targets, temp_docx if update_docx else None)


def deliver(pairs: list[tuple[Path, Path]], pdfs: list[Path], docx: list[Path] | None) -> None:
    """Move converted files into place: each PDF to its target, each updated DOCX over its source."""
    for (_, target), temp in zip(pairs, pdfs):
        if not temp.exists() or temp.stat().st_size == 0:
            raise ConversionError(f"LibreOffice utworzył pusty PDF z pliku {target.stem}.docx")
        partial = target.with_name(f".{target.name}.tmp")
        shutil.move(str(temp), str(partial))
        os.replace(partial, target)
    for (source, _), updated in zip(pairs, docx or []):
        if updated.exists() and updated.stat().st_size > 0:
            partial = source.with_name(f".{source.name}.tmp")
            shutil.move(str(updated), str(partial))
            os.replace(partial, source)


def _run_converter(converter: Converter, work: Path, jobs: list[list[str]], timeout: float,
                   sources: list[Path], on_done: Callable[[int], None] | None = None,
                   startup_timeout: float | None = None) -> dict[int, str]:
    from .lo_worker import OfficeWorker, WorkerFailed

    outcomes: dict[int, str] = {}
    worker: OfficeWorker | None = None
    started = 0
    try:
        for index, job in enumerate(jobs):
            name = sources[index].name
            for attempt in (1, 2):
                if worker is None or not worker.alive:
                    started += 1
                    worker = OfficeWorker(converter.soffice, converter.python, work / f"lo{started}")
                    try:
                        worker.start(startup_timeout or timeout)
                    except WorkerFailed as exc:
                        raise ConversionError(f"{exc} (konwersja pliku {name})") from None
                try:
                    outcomes[index] = worker.convert(Path(job[0]), Path(job[1]),
                                                     Path(job[2]) if len(job) > 2 else None, timeout)
                    break
                except WorkerFailed as exc:
                    if exc.hung:
                        raise ConversionError(f"LibreOffice nie skończył konwersji pliku {name} w ciągu "
                                              f"{format_seconds(timeout)}; proces przerwano") from None
                    if attempt == 2:  # crashed twice on this document
                        outcomes[index] = str(exc)
            if not outcomes[index] and on_done:
                on_done(index)
        if worker is not None:
            worker.stop()
    finally:
        if worker is not None:
            worker.kill()  # LibreOffice's own processes too, whatever happened
    return outcomes


def format_seconds(seconds: float) -> str:
    return f"{seconds:g} s".replace(".", ",")


def convert_parallel(pairs: list[tuple[Path, Path]], jobs: int = 1, timeout_per_document: float = 120.0,
                     on_done: "Callable[[Path], None] | None" = None, update_docx: bool = False) -> None:
    """Convert with up to `jobs` LibreOffice processes, each with its own profile and its share of files.

    Files are dealt round-robin so that workers get similar loads; one process per worker pays
    LibreOffice's start-up once for all its files. An interrupt kills every converter first.
    """
    if not pairs:
        return
    from .lo_worker import allow_workers

    converter = find_converter()
    allow_workers()
    jobs = max(1, min(jobs, len(pairs)))
    chunks = [pairs[i::jobs] for i in range(jobs)]
    errors: list[BaseException] = []

    finished = [threading.Event() for _ in chunks]

    def work(chunk: list[tuple[Path, Path]], done: threading.Event) -> None:
        try:
            convert_to_pdf(chunk, timeout_per_document, converter, on_done, update_docx=update_docx)
        except BaseException as exc:  # collected and re-raised in the caller's thread
            errors.append(exc)
        finally:
            done.set()

    # Waiting on our own events, not Thread.join: a signal interrupting join() can mark a running
    # thread as finished (Python 3.11), and its clean-up would then be cut short at exit.
    threads = [threading.Thread(target=work, args=(chunk, done), daemon=True) for chunk, done in zip(chunks, finished)]
    started: list[threading.Event] = []
    try:
        for thread, done in zip(threads, finished):
            started.append(done)
            thread.start()
        for done in finished:
            while not done.wait(0.2):  # short waits keep Ctrl-C responsive
                pass
    except BaseException:
        kill_active_converters()
        for done in started:  # each removes its temporary folder before it ends
            done.wait(30)
        raise
    if errors:
        messages = [str(e) for e in errors if isinstance(e, ConversionError)]
        if len(messages) == len(errors):
            raise ConversionError("; ".join(messages))
        raise errors[0]

