"""One LibreOffice worker: the UNO helper (_uno_convert.py) and the office it runs, kept private.

Used for one-shot conversions (pdf.convert_to_pdf) and by the warm converter service alike, so that
both have the same time limits, crash handling and clean-up:

- the helper runs in its own session and process group; stopping a worker kills that group, so
  LibreOffice's oosplash and soffice.bin go with it;
- a lifeline pipe: the helper's watchdog kills the group when its read end reaches end of file,
  i.e. when this process closes it or dies, even abruptly (SIGKILL);
- HOME, the XDG folders and TMPDIR of LibreOffice point into the worker's own folder, so nothing is
  written into the user's home (dconf, .config) and killed runs leave no lu*.tmp files elsewhere;
- the OSL_PIPE_* sockets LibreOffice makes in /tmp (it ignores TMPDIR for them) are listed by the
  helper as it starts and removed when the worker is stopped or killed, by the watchdog too;
  the lock file a killed LibreOffice leaves beside its document is removed (the next one would
  refuse to open the document).
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
import time
from pathlib import Path

from ._uno_convert import office_pipes, remove_pipes

UNO_SCRIPT = Path(__file__).with_name("_uno_convert.py")


class WorkerFailed(Exception):
    """The worker cannot go on: it did not start, it hung (timed out) or it died."""

    def __init__(self, message: str, hung: bool = False):
        super().__init__(message)
        self.hung = hung


_ACTIVE: set["OfficeWorker"] = set()  # running workers of this process: killed on interrupt
_ACTIVE_LOCK = threading.Lock()
_CANCELLED = threading.Event()  # set by kill_all_workers: a worker starting in another thread stops at once


def kill_all_workers() -> None:
    """Kill every worker of this process, and any that is being started now (an interrupt)."""
    with _ACTIVE_LOCK:
        _CANCELLED.set()
        workers = list(_ACTIVE)
    for worker in workers:
        worker.kill()


def allow_workers() -> None:
    """Allow workers to start again after kill_all_workers (a new batch of conversions)."""
    _CANCELLED.clear()


def private_environment(folder: Path) -> dict[str, str]:
    """The environment of a LibreOffice run: its home, configuration, cache and temporary files in folder."""
    home, temp = folder / "home", folder / "tmp"
    for sub in (home, temp, home / ".config", home / ".cache", home / ".local" / "share"):
        sub.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local" / "share"),
                TMPDIR=str(temp), TMP=str(temp), TEMP=str(temp))


class OfficeWorker:
    """A started helper with its LibreOffice; convert() one document at a time."""

    def __init__(self, soffice: str, python: str, folder: Path):
        self.soffice, self.python, self.folder = soffice, python, Path(folder)
        self.process: subprocess.Popen | None = None
        self.converted = 0  # documents converted by this worker (the service recycles old workers)
        self._lifeline: int | None = None
        self._lines: queue.Queue[str] = queue.Queue()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self, limit: float) -> None:
        """Start LibreOffice; WorkerFailed if it does not answer within `limit` seconds."""
        self.folder.mkdir(parents=True, exist_ok=True)
        read_end, write_end = os.pipe()
        try:
            self.process = subprocess.Popen(
                [self.python, str(UNO_SCRIPT), self.soffice, str(self.folder / "profile"), f"{limit:g}",
                 str(read_end)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                start_new_session=True, env=private_environment(self.folder), pass_fds=(read_end,))
        except OSError as exc:
            os.close(write_end)
            from ..os_errors import describe

            raise WorkerFailed(f"nie można uruchomić LibreOffice: {describe(exc)}") from None
        finally:
            os.close(read_end)
        self._lifeline = write_end
        with _ACTIVE_LOCK:
            _ACTIVE.add(self)
            cancelled = _CANCELLED.is_set()
        if cancelled:
            self.kill()
            raise WorkerFailed("przerwano")
        threading.Thread(target=self._read_lines, args=(self.process, self._lines), daemon=True).start()
        line = self._next_line(limit)
        if line is None:
            self.kill()
            raise WorkerFailed(f"LibreOffice nie uruchomił się w ciągu {format_seconds(limit)}; proces przerwano",
                               hung=True)
        if line != "READY":
            self.kill()
            message = line.partition(" ")[2] if line.startswith("FAIL") else ""
            raise WorkerFailed(message or "LibreOffice nie uruchomił się (proces zakończył pracę)")

    @staticmethod
    def _read_lines(process: subprocess.Popen, lines: "queue.Queue[str]") -> None:
        # A thread: select() cannot see lines already buffered by readline().
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put("")

    def _next_line(self, limit: float) -> str | None:
        """The helper's next line; "" when it ended; None when none came within limit seconds."""
        deadline = time.monotonic() + limit
        while True:
            try:
                return self._lines.get(timeout=max(0.0, min(0.5, deadline - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= deadline:
                    return None

    def convert(self, source: Path, pdf: Path, docx: Path | None, limit: float) -> str:
        """Convert one document; "" when done, else LibreOffice's message about this document.

        WorkerFailed when the worker hung (killed) or died; it must then be replaced.
        """
        if not self.alive or self.process is None or self.process.stdin is None:
            raise WorkerFailed("LibreOffice zakończył pracę")
        job = [str(source), str(pdf)] + ([str(docx)] if docx else [])
        try:
            self.process.stdin.write(json.dumps(job) + "\n")
            self.process.stdin.flush()
        except (OSError, ValueError):
            self.kill()
            raise WorkerFailed("LibreOffice zakończył pracę przed konwersją tego pliku") from None
        line = self._next_line(limit)
        if line is None:
            self.kill()
            _remove_lock_file(source)
            raise WorkerFailed(f"LibreOffice nie skończył konwersji w ciągu {format_seconds(limit)}; "
                               "proces przerwano", hung=True)
        if not line:
            self.kill()
            _remove_lock_file(source)
            raise WorkerFailed("LibreOffice zakończył pracę w trakcie konwersji (awaria)")
        status, _, message = line.partition(" ")
        self.converted += 1
        return "" if status == "OK" else (message or "nieznany błąd")

    def stop(self, wait: float = 10.0) -> None:
        """Close LibreOffice politely (end of the job list), then make sure nothing is left."""
        if self.process is not None and self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                pass
        self.kill()

    def kill(self) -> None:
        """Kill the worker's whole process group at once (LibreOffice included) and close the lifeline."""
        process = self.process
        pipes: list[str] = []
        if process is not None:
            if process.poll() is None:  # its pipes, found while its processes still hold them
                pipes = office_pipes(process.pid)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            try:
                if process.stdin is not None:
                    process.stdin.close()
            except (OSError, ValueError):
                pass
        if self._lifeline is not None:
            try:
                os.close(self._lifeline)
            except OSError:
                pass
            self._lifeline = None
        remove_pipes(str(self.folder / "pipes"), pipes)
        with _ACTIVE_LOCK:
            _ACTIVE.discard(self)


def _remove_lock_file(document: Path) -> None:
    try:
        (document.parent / f".~lock.{document.name}#").unlink()
    except OSError:
        pass


def format_seconds(seconds: float) -> str:
    return f"{seconds:g} s".replace(".", ",")
