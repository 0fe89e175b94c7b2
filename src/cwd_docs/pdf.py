"""Converting DOCX files to PDF with LibreOffice (headless), tables of contents updated."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

INSTALL_HINT = "zainstaluj LibreOffice: sudo apt-get install libreoffice-writer-nogui python3-uno"
UNO_SCRIPT = Path(__file__).with_name("_uno_convert.py")
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


def _has_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


_ACTIVE: set[subprocess.Popen] = set()  # converters running now: killed on interrupt
_ACTIVE_LOCK = threading.Lock()


def kill_active_converters() -> None:
    """Kill every running converter's process group (LibreOffice included)."""
    with _ACTIVE_LOCK:
        processes = list(_ACTIVE)
    for process in processes:
        _kill_group(process)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def convert_to_pdf(pairs: list[tuple[Path, Path]], timeout_per_document: float = 120.0,
                   converter: Converter | None = None, on_done: Callable[[Path], None] | None = None,
                   startup_timeout: float = 60.0, update_docx: bool = False) -> None:
    """Convert each (docx, pdf) pair in one LibreOffice process with a private profile.

    A document taking longer than timeout_per_document kills the converter and is named in
    the error. Each PDF is written to a temp name and renamed only when complete and non-empty;
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
        for (_, target), temp in zip(pairs, temp_targets):
            if not temp.exists() or temp.stat().st_size == 0:
                raise ConversionError(f"LibreOffice utworzył pusty PDF z pliku {target.stem}.docx")
            partial = target.with_name(f".{target.name}.tmp")
            shutil.move(str(temp), str(partial))
            os.replace(partial, target)
        if update_docx:
            for (source, _), docx in zip(pairs, temp_docx):
                if docx.exists() and docx.stat().st_size > 0:
                    partial = source.with_name(f".{source.name}.tmp")
                    shutil.move(str(docx), str(partial))
                    os.replace(partial, source)


def _run_converter(converter: Converter, work: Path, jobs: list[list[str]], timeout: float,
                   sources: list[Path], on_done: Callable[[int], None] | None = None,
                   startup_timeout: float = 60.0) -> dict[int, str]:
    # LibreOffice leaves lu*.tmp files when killed: keep its temporary files in our work folder.
    temp = work / "tmp"
    temp.mkdir(exist_ok=True)
    environment = dict(os.environ, TMPDIR=str(temp), TMP=str(temp), TEMP=str(temp))
    process = subprocess.Popen(
        [converter.python, str(UNO_SCRIPT), converter.soffice, str(work / "profile")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        start_new_session=True, env=environment)
    with _ACTIVE_LOCK:
        _ACTIVE.add(process)
    assert process.stdin and process.stdout
    lines: queue.Queue[str] = queue.Queue()

    def read_lines() -> None:  # a thread: select() cannot see lines already buffered by readline()
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    reader = threading.Thread(target=read_lines, daemon=True)
    reader.start()
    outcomes: dict[int, str] = {}
    try:
        process.stdin.write(json.dumps(jobs))
        process.stdin.close()
        # The first document also pays LibreOffice's start-up.
        deadline = time.monotonic() + timeout + startup_timeout
        while len(outcomes) < len(jobs):
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                hung = sources[len(outcomes)].name if len(outcomes) < len(sources) else "?"
                raise ConversionError(f"LibreOffice nie skończył konwersji pliku {hung} w ciągu "
                                      f"{format_seconds(timeout)}; proces przerwano") from None
            if not line:
                break
            status, _, rest = line.strip().partition(" ")
            index_text, _, message = rest.partition(" ")
            index = int(index_text)
            if index < 0:
                raise ConversionError(message or "LibreOffice nie uruchomił się")
            outcomes[index] = "" if status == "OK" else (message or "nieznany błąd")
            if status == "OK" and on_done:
                on_done(index)
            deadline = time.monotonic() + timeout
        for index in range(len(jobs)):
            outcomes.setdefault(index, "LibreOffice zakończył pracę przed konwersją tego pliku")
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    finally:
        _kill_group(process)  # LibreOffice's own processes too, whatever happened
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        with _ACTIVE_LOCK:
            _ACTIVE.discard(process)
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
    converter = find_converter()
    jobs = max(1, min(jobs, len(pairs)))
    chunks = [pairs[i::jobs] for i in range(jobs)]
    errors: list[BaseException] = []

    def work(chunk: list[tuple[Path, Path]]) -> None:
        try:
            convert_to_pdf(chunk, timeout_per_document, converter, on_done, update_docx=update_docx)
        except BaseException as exc:  # collected and re-raised in the caller's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(chunk,), daemon=True) for chunk in chunks]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)  # short waits keep Ctrl-C responsive
    except BaseException:
        kill_active_converters()
        for thread in threads:
            thread.join(15)
        raise
    if errors:
        messages = [str(e) for e in errors if isinstance(e, ConversionError)]
        if len(messages) == len(errors):
            raise ConversionError("; ".join(messages))
        raise errors[0]
