"""Signals at any moment, and nothing left in HOME or TMPDIR (issue 26 points 4 and 5).

Each command is run with HOME and TMPDIR set to empty folders of the test; a signal is sent at a
chosen point (while a long list of problems is being written to a pipe nobody reads yet, while
LibreOffice converts, one-shot or through the warm service). Every case asserts the exit code
(128 + the signal), the Polish line, no traceback, and that nothing is left: HOME and TMPDIR empty,
no output, no OSL_PIPE_* socket of the LibreOffice the command started (LibreOffice makes them in
/tmp whatever TMPDIR says; they are recorded while it runs, from /proc, by this test).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE_DIR, processes_mentioning, wait_until_gone

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
IDS = ["SIGINT", "SIGTERM", "SIGHUP"]


@pytest.fixture
def private(tmp_path):
    """Empty HOME and TMPDIR for the command, and a folder of inputs with 3000 problems."""
    home, temp, data = tmp_path / "home", tmp_path / "tmp", tmp_path / "dane"
    home.mkdir()
    temp.mkdir()
    shutil.copytree(EXAMPLE_DIR, data)
    project = data / "projekt-p01.yaml"
    project.write_text(project.read_text(encoding="utf-8").rstrip("\n") + "\n"
                       + "".join(f"nieznane_pole_numer_{i}: {i}\n" for i in range(3000)), encoding="utf-8")
    return tmp_path


def start(folder: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    full_env = dict(os.environ, HOME=str(folder / "home"), TMPDIR=str(folder / "tmp"), **(env or {}))
    full_env.pop("CWD_DOCS_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "cwd_docs", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=full_env, cwd=folder)


def wait_blocked_on_stderr(process: subprocess.Popen, seconds: float = 120) -> None:
    """Until the command's stderr pipe is full: it is blocked in the middle of printing problems."""
    deadline = time.monotonic() + seconds
    while True:
        waiting = struct.unpack("i", fcntl.ioctl(process.stderr.fileno(), termios.FIONREAD, b"\0" * 4))[0]
        if waiting >= 60_000:
            return
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the command did not fill its stderr (ended: {process.returncode})")
        time.sleep(0.05)


def finish(process: subprocess.Popen, signum: int) -> str:
    _, err = process.communicate(timeout=120)
    stderr = err.decode("utf-8", errors="replace")
    assert process.returncode == 128 + signum, stderr[-2000:]
    assert stderr.rstrip().endswith("przerwano"), stderr[-500:]
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    return stderr


def assert_nothing_left(folder: Path, *outputs: Path) -> None:
    assert sorted(p.name for p in (folder / "home").rglob("*")) == []
    assert sorted(p.name for p in (folder / "tmp").rglob("*")) == []
    for output in outputs:
        assert not output.exists(), sorted(map(str, output.parent.rglob("*")))


class PipeSpy:
    """Records the OSL_PIPE_* sockets bound by the LibreOffice processes mentioning `marker`."""

    def __init__(self, marker: str):
        self.marker, self.paths, self.stopping = marker, set(), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopping.is_set():
            inodes = set()
            for pid, _ in processes_mentioning(self.marker):
                try:
                    for fd in os.listdir(f"/proc/{pid}/fd"):
                        link = os.readlink(f"/proc/{pid}/fd/{fd}")
                        if link.startswith("socket:["):
                            inodes.add(link[8:-1])
                except OSError:
                    continue
            if inodes:
                with open("/proc/net/unix") as table:
                    for line in list(table)[1:]:
                        parts = line.split()
                        if len(parts) >= 8 and parts[6] in inodes and "OSL_PIPE_" in parts[7]:
                            self.paths.add(parts[7])
            time.sleep(0.1)

    def left(self) -> list[str]:
        self.stopping.set()
        self.thread.join(5)
        return sorted(p for p in self.paths if os.path.lexists(p))


@pytest.mark.parametrize("signum", SIGNALS, ids=IDS)
@pytest.mark.parametrize("command", ["validate", "build", "package", "watch"])
def test_a_signal_while_problems_are_printed(private, command, signum):
    data = private / "dane"
    args = {"validate": ("validate", "feasibility", str(data / "projekt-p01.yaml")),
            "build": ("build", "feasibility", str(data / "projekt-p01.yaml"), "-o", "wynik.docx"),
            "package": ("package", str(data), "-o", "pakiet"),
            "watch": ("watch", str(data), "-o", "obserwowane")}[command]
    process = start(private, *args)
    wait_blocked_on_stderr(process)
    process.send_signal(signum)
    stderr = finish(process, signum)
    assert "nieznane_pole_numer_0" in stderr and "Znaleziono" not in stderr  # cut short, not finished
    # (watch has written the documents of the valid files before it prints the round's problems)
    assert_nothing_left(private, private / "wynik.docx", private / "pakiet")


@pytest.mark.libreoffice
@pytest.mark.parametrize("signum", SIGNALS, ids=IDS)
def test_a_signal_while_libreoffice_converts_one_shot(private, signum):
    process = start(private, "build", "feasibility", str(EXAMPLE_DIR / "projekt-p01.yaml"), "-o", "a.docx",
                    "--pdf", "--no-server")
    spy = PipeSpy(str(private / "tmp"))
    deadline = time.monotonic() + 120
    while not spy.paths:  # LibreOffice is up (its pipes exist): the conversion is under way
        assert process.poll() is None and time.monotonic() < deadline, "LibreOffice did not start"
        time.sleep(0.1)
    process.send_signal(signum)
    finish(process, signum)
    assert wait_until_gone(str(private / "tmp")) == []
    assert spy.left() == []
    assert_nothing_left(private, private / "a.docx", private / "a.pdf")


@pytest.mark.libreoffice
def test_a_normal_end_and_converter_stop_leave_nothing(private, tmp_path_factory):
    server = Path(os.environ.get("TMPDIR", "/tmp")) / f"cwdsig{os.getpid()}"  # short: a socket path
    env = {"CWD_DOCS_SERVER_DIR": str(server)}
    spy = PipeSpy(str(server))
    try:
        done = start(private, "build", "feasibility", str(EXAMPLE_DIR / "projekt-p01.yaml"), "-o", "a.docx",
                     "--pdf", env=env)
        _, err = done.communicate(timeout=300)
        assert done.returncode == 0, err.decode()
        assert (private / "a.pdf").stat().st_size > 0
        assert spy.paths  # the warm LibreOffice made its pipes
        # a second build, signalled while the warm service converts: the client ends, the service stays
        process = start(private, "build", "feasibility", str(EXAMPLE_DIR / "projekt-p01.yaml"), "-o", "b.docx",
                        "--pdf", env=env)
        deadline = time.monotonic() + 60
        while not list(server.glob("*/jobs/*")):
            assert process.poll() is None and time.monotonic() < deadline, "the conversion did not start"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        finish(process, signal.SIGTERM)
        assert not (private / "b.pdf").exists()
        stopped = start(private, "converter", "stop", env=env)
        _, err = stopped.communicate(timeout=120)
        assert stopped.returncode == 0, err.decode()
        assert wait_until_gone(str(server)) == []
        assert spy.left() == []
        assert sorted(p.name for p in (private / "home").rglob("*")) == []
        assert sorted(p.name for p in (private / "tmp").rglob("*")) == []
    finally:
        subprocess.run([sys.executable, "-m", "cwd_docs", "converter", "stop"], env=dict(os.environ, **env),
                       capture_output=True, timeout=120)
        shutil.rmtree(server, ignore_errors=True)


def test_the_uno_probe_writes_nothing_into_home(tmp_path, monkeypatch):
    from cwd_docs.conversion import pdf

    python = shutil.which("/usr/bin/python3") or shutil.which("python3")
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    pdf._has_uno(python)
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []
