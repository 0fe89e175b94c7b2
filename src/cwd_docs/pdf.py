"""Converting DOCX files to PDF with LibreOffice (headless), tables of contents updated."""

from __future__ import annotations

import json
import os
import selectors
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


def convert_to_pdf(pairs: list[tuple[Path, Path]], timeout_per_document: float = 120.0,
                   converter: Converter | None = None, on_done: Callable[[Path], None] | None = None,
                   startup_timeout: float = 60.0) -> None:
    """Convert each (docx, pdf) pair in one LibreOffice process with a private profile.

    A document taking longer than timeout_per_document kills the converter and is named in
    the error. Each PDF is written to a temp name and renamed only when complete and non-empty.
    """
    if not pairs:
        return
    converter = converter or find_converter()
    with tempfile.TemporaryDirectory(prefix="cwd_docs_lo_") as work:
        temp_targets = [Path(work) / f"{i}.pdf" for i in range(len(pairs))]
        jobs = [[str(src), str(tmp)] for (src, _), tmp in zip(pairs, temp_targets)]
        outcomes = _run_converter(converter, Path(work) / "profile", jobs, timeout_per_document,
                                  [src for src, _ in pairs],
                                  (lambda i: on_done(pairs[i][0])) if on_done else None, startup_timeout)
        failures = [f"{pairs[i][0].name}: {msg}" for i, msg in outcomes.items() if msg]
        if failures:
            raise ConversionError("konwersja do PDF nie powiodła się: " + "; ".join(failures))
        for (_, target), temp in zip(pairs, temp_targets):
            if not temp.exists() or temp.stat().st_size == 0:
                raise ConversionError(f"LibreOffice utworzył pusty PDF z pliku {target.stem}.docx")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(temp), str(target.with_name(f".{target.name}.tmp")))
            os.replace(target.with_name(f".{target.name}.tmp"), target)


def _run_converter(converter: Converter, profile: Path, jobs: list[list[str]], timeout: float,
                   sources: list[Path], on_done: Callable[[int], None] | None = None,
                   startup_timeout: float = 60.0) -> dict[int, str]:
    process = subprocess.Popen(
        [converter.python, str(UNO_SCRIPT), converter.soffice, str(profile)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        start_new_session=True)
    assert process.stdin and process.stdout
    process.stdin.write(json.dumps(jobs))
    process.stdin.close()
    outcomes: dict[int, str] = {}
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    # The first document also pays LibreOffice's start-up.
    deadline = time.monotonic() + timeout + startup_timeout
    try:
        while len(outcomes) < len(jobs):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(timeout=remaining):
                hung = sources[len(outcomes)].name
                raise ConversionError(
                    f"LibreOffice nie skończył konwersji pliku {hung} w ciągu {timeout:.0f} s; proces przerwano")
            line = process.stdout.readline()
            if not line:
                break
            status, _, rest = line.strip().partition(" ")
            index_text, _, message = rest.partition(" ")
            index = int(index_text)
            if index < 0:
                raise ConversionError(f"LibreOffice nie uruchomił się ({message})")
            outcomes[index] = "" if status == "OK" else (message or "nieznany błąd")
            if status == "OK" and on_done:
                on_done(index)
            deadline = time.monotonic() + timeout
        for index in range(len(jobs)):
            outcomes.setdefault(index, "LibreOffice zakończył pracę przed konwersją tego pliku")
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        selector.close()
    return outcomes


def convert_parallel(pairs: list[tuple[Path, Path]], jobs: int = 1, timeout_per_document: float = 120.0,
                     on_done: "Callable[[Path], None] | None" = None) -> None:
    """Convert with up to `jobs` LibreOffice processes, each with its own profile and its share of files.

    Files are dealt round-robin so that workers get similar loads; one process per worker pays
    LibreOffice's start-up once for all its files.
    """
    if not pairs:
        return
    converter = find_converter()
    jobs = max(1, min(jobs, len(pairs)))
    chunks = [pairs[i::jobs] for i in range(jobs)]
    errors: list[BaseException] = []

    def work(chunk: list[tuple[Path, Path]]) -> None:
        try:
            convert_to_pdf(chunk, timeout_per_document, converter, on_done)
        except BaseException as exc:  # collected and re-raised in the caller's thread
            errors.append(exc)

    if jobs == 1:
        work(chunks[0])
    else:
        threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        messages = [str(e) for e in errors if isinstance(e, ConversionError)]
        if len(messages) == len(errors):
            raise ConversionError("; ".join(messages))
        raise errors[0]
