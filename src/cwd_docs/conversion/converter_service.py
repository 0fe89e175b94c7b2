"""The warm converter service: LibreOffice started once and reused by later commands.

Why our own and not unoserver: unoserver listens on TCP ports of 127.0.0.1 (XML-RPC and UNO) that
every local user can reach and ask to read or write files as us; it runs one LibreOffice with no
pool, no replacement of a hung or crashed office and no per-document time limit (its issues #19,
#135: offices left running or a server that does not notice its office died); it must be installed
into LibreOffice's own Python; and its conversion opens documents read-only, which gives other
table-of-contents page numbers (issue #210) while ours needs the updated DOCX saved back. The
worker we already had (lo_worker + _uno_convert) does all of that; this module adds a small
stdlib server around it.

- Private: a Unix socket in a 0700 folder ($XDG_RUNTIME_DIR/cwd_docs/<key>, else
  <temp>/cwd_docs-<uid>/<key>, or CWD_DOCS_SERVER_DIR), the socket 0600, and the peer's uid checked.
- Started by the first conversion that needs it (a detached process), stopped after an idle time
  (CWD_DOCS_SERVER_IDLE or --server-idle, default 300 s), or by `cwd-docs converter stop`, or by
  SIGTERM/SIGHUP/SIGINT. On stopping, every worker's process group is killed and its folder
  (socket, profiles, temporary files) removed; if it is killed outright (SIGKILL), its workers'
  watchdogs kill LibreOffice (see lo_worker) and the next start clears the folder.
- Workers: up to the parallelism a client asks for (at most MAX_WORKERS), one profile each, each
  replaced by a fresh one after RECYCLE_AFTER documents (LibreOffice's memory grows with use).
  A document has the client's time limit; a worker that hangs is killed and replaced (the document
  is reported, named, by the client); one that crashes is replaced and the document tried once
  more on the new worker.
- A client that goes away (killed) cancels its documents: a worker busy with one of them is killed
  (so nothing is written after the client left) and the client's job folder is removed. The service
  itself outlives its clients until its idle time has passed.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import queue
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .lo_worker import OfficeWorker, WorkerFailed, format_seconds
from .pdf import ConversionError, Converter, deliver, find_converter, format_seconds

DEFAULT_IDLE = 300.0
ENV_IDLE = "CWD_DOCS_SERVER_IDLE"
ENV_DIR = "CWD_DOCS_SERVER_DIR"
MAX_WORKERS = 8
# Documents after which a worker is replaced by a fresh one (LibreOffice's memory grows with use).
RECYCLE_AFTER = int(os.environ.get("CWD_DOCS_SERVER_RECYCLE", "") or 200)
SOCKET_NAME = "s"  # short: a Unix socket path has at most 107 bytes


# --------------------------------------------------------------------------------------------
# Where the service lives
# --------------------------------------------------------------------------------------------

def base_folder() -> Path:
    configured = os.environ.get(ENV_DIR, "").strip()
    if configured:
        return Path(configured)
    runtime = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        try:
            if os.stat(runtime).st_uid == os.getuid():
                return Path(runtime) / "cwd_docs"
        except OSError:
            pass
    return Path(tempfile.gettempdir()) / f"cwd_docs-{os.getuid()}"


def private_folder(path: Path) -> Path:
    """Create (0700) or check a folder only this user can enter; ConversionError when it is not."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(path)
    import stat

    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise ConversionError(f"folder usługi konwersji {path} nie należy do bieżącego użytkownika; "
                              "usuń go albo wskaż inny w CWD_DOCS_SERVER_DIR")
    if info.st_mode & 0o077:
        os.chmod(path, 0o700)
    return path


def service_folder(converter: Converter) -> Path:
    """One service per LibreOffice installation (and UNO Python): a key from their paths."""
    key = hashlib.sha256(f"{converter.soffice}\0{converter.python}".encode()).hexdigest()[:12]
    private_folder(base_folder())
    return private_folder(base_folder() / key)


def idle_seconds(option: float | None = None) -> float:
    if option is not None:
        return float(option)
    text = os.environ.get(ENV_IDLE, "").strip().replace(",", ".")
    try:
        value = float(text) if text else DEFAULT_IDLE
    except ValueError:
        raise ConversionError(f"{ENV_IDLE}={text!r} nie jest liczbą sekund") from None
    if not 1 <= value <= 86400:
        raise ConversionError(f"{ENV_IDLE} musi być liczbą sekund od 1 do 86400 (podano {text})")
    return value


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------

@dataclass
class Task:
    index: int
    source: Path
    pdf: Path
    docx: Path | None
    timeout: float
    results: "queue.Queue[dict[str, Any]]"
    cancelled: threading.Event
    worker: OfficeWorker | None = None


@dataclass
class Service:
    folder: Path
    converter: Converter
    idle: float
    tasks: "queue.Queue[Task]" = field(default_factory=queue.Queue)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    slots: list[threading.Thread] = field(default_factory=list)
    workers: dict[int, OfficeWorker] = field(default_factory=dict)
    connections: int = 0
    queued: int = 0
    last_activity: float = field(default_factory=time.monotonic)
    started_workers: int = 0

    # ---- main loop
    def serve(self) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        path = self.folder / SOCKET_NAME
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        old_umask = os.umask(0o077)
        try:
            listener.bind(str(path))
        finally:
            os.umask(old_umask)
        os.chmod(path, 0o600)
        listener.listen(16)
        listener.settimeout(0.5)
        (self.folder / "pid").write_text(f"{os.getpid()}\n", encoding="utf-8")
        try:
            while not self.stopping.is_set():
                try:
                    connection, _ = listener.accept()
                except socket.timeout:
                    if self._idle_for() > self.idle:
                        break
                    continue
                except OSError:
                    if self.stopping.is_set():
                        break
                    raise
                with self.lock:
                    self.connections += 1
                threading.Thread(target=self._handle, args=(connection,), daemon=True).start()
        finally:
            self.stopping.set()
            listener.close()
            self._shutdown()

    def _idle_for(self) -> float:
        with self.lock:
            if self.connections or self.queued:
                return 0.0
            return time.monotonic() - self.last_activity

    def _shutdown(self) -> None:
        with self.lock:
            workers = list(self.workers.values())
        for worker in workers:
            worker.kill()
        for slot in self.slots:
            slot.join(5)
        with self.lock:
            workers = list(self.workers.values())  # including any started while the first ones were killed
        for worker in workers:
            worker.kill()
        # Renamed first: a new service may already be starting in a fresh folder of the same name.
        dead = self.folder.with_name(f".{self.folder.name}.{os.getpid()}.old")
        try:
            os.rename(self.folder, dead)
        except OSError:
            dead = self.folder
        shutil.rmtree(dead, ignore_errors=True)

    # ---- one client
    def _handle(self, connection: socket.socket) -> None:
        try:
            connection.settimeout(30)
            uid = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                             struct.calcsize("3i")))[1]
            if uid != os.getuid():
                return
            stream = connection.makefile("rb")
            request = json.loads(stream.readline() or b"{}")
            operation = request.get("op")
            if operation == "ping":
                _send(connection, {"ok": True, "pid": os.getpid(), "workers": self._worker_pids(),
                                   "idle": self.idle})
            elif operation == "stop":
                _send(connection, {"ok": True, "pid": os.getpid()})
                self.stopping.set()
            elif operation == "convert":
                if request.get("idle"):
                    self.idle = float(request["idle"])
                self._convert(connection, request)
        except (OSError, ValueError):
            pass
        finally:
            with self.lock:
                self.connections -= 1
                self.last_activity = time.monotonic()
            connection.close()

    def _worker_pids(self) -> list[int]:
        with self.lock:
            return [w.pid for w in self.workers.values() if w.alive and w.pid]

    def _convert(self, connection: socket.socket, request: dict[str, Any]) -> None:
        jobs = request["jobs"]
        timeout = float(request.get("timeout", 120.0))
        jobs_folder = private_folder(self.folder / "jobs") / uuid.uuid4().hex
        jobs_folder.mkdir(mode=0o700)
        results: queue.Queue[dict[str, Any]] = queue.Queue()
        cancelled = threading.Event()
        tasks = [Task(i, Path(source), jobs_folder / f"{i}.pdf", jobs_folder / f"{i}.docx" if want_docx else None,
                      timeout, results, cancelled) for i, (source, want_docx) in enumerate(jobs)]
        # As many workers as the client asks for, even for one document now: it may send more at once.
        self._ensure_slots(min(MAX_WORKERS, max(1, int(request.get("parallel", 1)))))
        with self.lock:
            self.queued += len(tasks)
        for task in tasks:
            self.tasks.put(task)
        pending = len(tasks)
        try:
            while pending:
                try:
                    result = results.get(timeout=0.2)
                except queue.Empty:
                    if _peer_gone(connection):
                        return
                    continue
                pending -= 1
                _send(connection, result)
            _send(connection, {"done": True})
            # The client moves the files out of the job folder, then closes the connection.
            connection.settimeout(600)
            while connection.recv(4096):
                pass
        finally:
            cancelled.set()
            for task in tasks:
                worker = task.worker
                if worker is not None:
                    worker.kill()  # a document of a client that left: nothing is written after it
            shutil.rmtree(jobs_folder, ignore_errors=True)

    # ---- workers
    def _ensure_slots(self, count: int) -> None:
        with self.lock:
            while len(self.slots) < count:
                slot = threading.Thread(target=self._slot, args=(len(self.slots),), daemon=True)
                self.slots.append(slot)
                slot.start()

    def _slot(self, number: int) -> None:
        while not self.stopping.is_set():
            try:
                task = self.tasks.get(timeout=0.5)
            except queue.Empty:
                continue
            try:
                if not task.cancelled.is_set():
                    result = self._run(number, task)
                    if not task.cancelled.is_set():
                        task.results.put(result)
            finally:
                with self.lock:
                    self.queued -= 1
                    self.last_activity = time.monotonic()
        with self.lock:
            worker = self.workers.pop(number, None)
        if worker is not None:
            worker.stop(wait=5)

    def _worker(self, number: int, limit: float) -> OfficeWorker:
        with self.lock:
            worker = self.workers.get(number)
        if worker is not None and worker.alive and worker.converted < RECYCLE_AFTER:
            return worker
        if worker is not None and worker.alive:
            worker.stop(wait=10)  # recycled: closed politely
        if worker is not None:
            worker.kill()
            shutil.rmtree(worker.folder, ignore_errors=True)  # a fresh profile after a crash or hang
        if self.stopping.is_set():
            raise WorkerFailed("usługa konwersji kończy pracę")
        with self.lock:
            self.started_workers += 1
            folder = self.folder / "workers" / str(self.started_workers)
        worker = OfficeWorker(self.converter.soffice, self.converter.python, folder)
        with self.lock:
            self.workers[number] = worker
        worker.start(limit)
        return worker

    def _run(self, number: int, task: Task) -> dict[str, Any]:
        result: dict[str, Any] = {"index": task.index, "pdf": str(task.pdf),
                                  "docx": str(task.docx) if task.docx else None}
        for attempt in (1, 2):
            try:
                worker = self._worker(number, task.timeout)
            except WorkerFailed as exc:
                return dict(result, error=str(exc))
            task.worker = worker
            try:
                return dict(result, error=worker.convert(task.source, task.pdf, task.docx, task.timeout))
            except WorkerFailed as exc:
                if exc.hung or attempt == 2 or task.cancelled.is_set():
                    return dict(result, error=str(exc))
            finally:
                task.worker = None
        return dict(result, error="nieznany błąd")  # not reached


def _send(connection: socket.socket, message: dict[str, Any]) -> None:
    connection.sendall((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))


def _peer_gone(connection: socket.socket) -> bool:
    try:
        readable, _, _ = select.select([connection], [], [], 0)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def run_service(folder: Path, converter: Converter, idle: float) -> int:
    """The service process: one per folder (a lock), until idle, `stop` or a signal."""
    private_folder(folder)
    lock = open(folder / "lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # another service already runs here
    service = Service(folder, converter, idle)

    def stop(signum: int, frame: Any) -> None:
        service.stopping.set()

    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, stop)
    try:
        service.serve()
    finally:
        lock.close()
    return 0


# --------------------------------------------------------------------------------------------
# The client side
# --------------------------------------------------------------------------------------------

def _connect(folder: Path) -> socket.socket | None:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(str(folder / SOCKET_NAME))
        return client
    except OSError:
        client.close()
        return None


def _running_converter() -> Converter | None:
    """The converter of a service already running for this LibreOffice (it proved its UNO Python works),
    found without starting a Python to check for `uno` (about 0.1 s saved on every warm command)."""
    import shutil as _shutil

    from .pdf import PYTHONS_WITH_UNO

    configured = os.environ.get("CWD_DOCS_SOFFICE")
    soffice = _shutil.which(configured) if configured else (_shutil.which("soffice") or _shutil.which("libreoffice"))
    if not soffice:
        return None
    for candidate in PYTHONS_WITH_UNO:
        python = _shutil.which(candidate)
        if not python:
            continue
        converter = Converter(soffice=soffice, python=python)
        key = hashlib.sha256(f"{converter.soffice}\0{converter.python}".encode()).hexdigest()[:12]
        if (base_folder() / key / SOCKET_NAME).exists():
            return converter
    return None


def connect_or_start(converter: Converter, idle: float | None = None, limit: float = 30.0) -> socket.socket:
    folder = service_folder(converter)
    client = _connect(folder)
    if client is not None:
        return client
    with open(folder / "start.lock", "w") as start_lock:
        fcntl.flock(start_lock, fcntl.LOCK_EX)
        client = _connect(folder)
        if client is not None:
            return client
        log = open(folder / "log", "ab")
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "cwd_docs.conversion.converter_service", str(folder), converter.soffice,
                 converter.python, f"{idle_seconds(idle):g}"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
                cwd="/")
        finally:
            log.close()
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            client = _connect(folder)
            if client is not None:
                threading.Thread(target=process.wait, daemon=True).start()  # reaped if it ends here
                return client
            if process.poll() is not None and process.returncode != 0:
                break
            time.sleep(0.05)
        process.kill()
        raise ConversionError(f"nie udało się uruchomić usługi konwersji (LibreOffice w tle) w ciągu "
                              f"{format_seconds(limit)}; użyj --no-server albo sprawdź plik {folder / 'log'}")


def convert_with_service(pairs: list[tuple[Path, Path]], jobs: int = 1, timeout_per_document: float = 120.0,
                         on_done: Callable[[Path], None] | None = None, update_docx: bool = False,
                         idle: float | None = None) -> None:
    """Like pdf.convert_parallel, through the warm service (started when needed)."""
    converter = _running_converter() or find_converter()
    for attempt in (1, 2):
        try:
            results = _request(converter, pairs, jobs, timeout_per_document, on_done, update_docx, idle)
            break
        except _ServiceVanished:
            # Connected just as it stopped for being idle: start it again, once.
            if attempt == 2:
                raise ConversionError("usługa konwersji przerwała pracę przed konwersją plików: "
                                      + ", ".join(src.name for src, _ in pairs)) from None
    failures = [f"{pairs[i][0].name}: {results[i]['error']}" for i in sorted(results) if results[i].get("error")]
    if failures:
        raise ConversionError("konwersja do PDF nie powiodła się: " + "; ".join(failures))


class _ServiceVanished(Exception):
    pass


def _request(converter: Converter, pairs: list[tuple[Path, Path]], jobs: int, timeout: float,
             on_done: Callable[[Path], None] | None, update_docx: bool, idle: float | None) -> dict[int, dict]:
    client = connect_or_start(converter, idle, limit=timeout)  # the service's start-up: --timeout too
    try:
        _send(client, {"op": "convert", "jobs": [[str(Path(src).resolve()), update_docx] for src, _ in pairs],
                       "timeout": timeout, "parallel": jobs, "idle": idle})
        # Each line comes within one document's limit (plus a start) of the one before it.
        client.settimeout(2 * timeout + 60)
        stream = client.makefile("rb")
        results: dict[int, dict[str, Any]] = {}
        while True:
            try:
                line = stream.readline()
            except socket.timeout:
                raise ConversionError("usługa konwersji nie odpowiada; zatrzymaj ją poleceniem "
                                      "cwd-docs converter stop albo użyj --no-server") from None
            except ConnectionError:
                line = b""
            if not line:
                if not results:
                    raise _ServiceVanished()
                missing = [pairs[i][0].name for i in range(len(pairs)) if i not in results]
                raise ConversionError("usługa konwersji przerwała pracę przed konwersją plików: " + ", ".join(missing))
            message = json.loads(line)
            if message.get("done"):
                break
            index = int(message["index"])
            results[index] = message
            if not message.get("error") and on_done:
                on_done(pairs[index][0])
        if not any(r.get("error") for r in results.values()):
            order = range(len(pairs))
            deliver(pairs, [Path(results[i]["pdf"]) for i in order],
                    [Path(results[i]["docx"]) for i in order] if update_docx else None)
        return results
    finally:
        client.close()


def running_services() -> list[tuple[Path, dict[str, Any]]]:
    """(folder, its answer to ping) for every service of this user that answers."""
    base = base_folder()
    found = []
    if not base.is_dir():
        return found
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        client = _connect(folder)
        if client is None:
            continue
        try:
            client.settimeout(10)
            _send(client, {"op": "ping"})
            found.append((folder, json.loads(client.makefile("rb").readline() or b"{}")))
        except (OSError, ValueError):
            pass
        finally:
            client.close()
    return found


def stop_services(wait: float = 20.0) -> list[int]:
    """Stop every service of this user; the pids stopped. Waits until each process and its workers are gone."""
    stopped = []
    for folder, status in running_services():
        pid = int(status.get("pid", 0))
        client = _connect(folder)
        if client is None:
            continue
        try:
            client.settimeout(10)
            _send(client, {"op": "stop"})
            client.makefile("rb").readline()
        except OSError:
            pass
        finally:
            client.close()
        if pid and not _wait_gone(pid, wait):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        stopped.append(pid)
    return stopped


def _wait_gone(pid: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state == "Z":
                return True
        except (OSError, IndexError):
            return True
        time.sleep(0.1)
    return False


def main(argv: list[str]) -> int:
    folder, soffice, python, idle = argv
    return run_service(Path(folder), Converter(soffice=soffice, python=python), float(idle))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
