"""`watch`: a saved change rebuilds what reads the file; a broken save keeps the last good outputs."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from cwd_docs.package.written import RECORD
from conftest import docx_text, processes_mentioning, wait_until_gone

from cwd_docs.cli.watch import Round, watch_folder


class WatchRun:
    """watch_folder in a thread; each round it reports comes out of `rounds`."""

    def __init__(self, folder: Path, output: Path, **options):
        self.rounds: queue.Queue[Round] = queue.Queue()
        self.stop, self.ready = threading.Event(), threading.Event()
        self.errors: list[BaseException] = []

        def run() -> None:
            try:
                watch_folder(folder, output, report=self.rounds.put, stop=self.stop, ready=self.ready, **options)
            except BaseException as exc:  # shown by the test
                self.errors.append(exc)
                self.ready.set()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def next_round(self, seconds: float = 120) -> Round:
        try:
            return self.rounds.get(timeout=seconds)
        except queue.Empty:
            pytest.fail(f"watch reported nothing within {seconds} s; errors: {self.errors}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(30)
        assert not self.thread.is_alive() and not self.errors, self.errors


def test_watch_rebuilds_what_reads_a_changed_file_and_keeps_the_last_good_output(example, tmp_path):
    out = tmp_path / "wynik"
    run = WatchRun(example.folder, out)
    try:
        first = run.next_round()
        assert run.ready.wait(30)
        assert not first.kept and {p.name for p in first.built} >= {"P-01-analiza-wykonalnosci.docx",
                                                                   "P-02-analiza-wykonalnosci.docx", "strategia.docx"}
        p02_before = (out / "P-02-analiza-wykonalnosci.docx").read_bytes()

        # A project's change rebuilds its own documents (and the strategy that lists it), not the other project's.
        example.edit("Wałcz", "Wałcz-Zachód")
        changed = run.next_round()
        names = {p.name for p in changed.built}
        assert {"P-01-analiza-wykonalnosci.docx", "P-01-harmonogram.docx"} <= names
        assert not any(name.startswith("P-02") for name in names)
        assert "Wałcz-Zachód" in docx_text(out / "P-01-analiza-wykonalnosci.docx")
        assert (out / "P-02-analiza-wykonalnosci.docx").read_bytes() == p02_before

        # A save that changes nothing rebuilds nothing (the record of what was written says so).
        example.edit("name:", "name:", file=example.partnership)  # same text, a new save
        same = run.next_round()
        assert not same.built and same.reused

        # A partnership change rebuilds its projects and strategy.
        example.edit("name: Gmina Miejska Wałcz", "name: Gmina Miejska Wałcz (nowa)", file=example.partnership)
        partnership_round = run.next_round()
        assert {"P-01-analiza-wykonalnosci.docx", "P-02-analiza-wykonalnosci.docx", "strategia.docx"} <= {
            p.name for p in partnership_round.built}

        # Saved half-way: the problems are located, nothing is rebuilt, the outputs stay as they were.
        good = {p.name: p.read_bytes() for p in out.iterdir()}
        text = example.project.read_text(encoding="utf-8")
        example.project.write_text(text + "\nbudget: [1, 2\n", encoding="utf-8")
        broken = run.next_round()
        assert not broken.built and broken.kept
        syntax = [p for p in broken.problems if p.code == "yaml.syntax"]
        assert syntax and syntax[0].file.endswith("projekt-p01.yaml") and syntax[0].line is not None
        assert {p.name: p.read_bytes() for p in out.iterdir()} == good

        # Fixed again, back to the text its outputs were made from: they are current, kept as they are.
        example.project.write_text(text, encoding="utf-8")
        fixed = run.next_round()
        assert "P-01-analiza-wykonalnosci.docx" in {p.name for p in fixed.built + fixed.reused}
        assert {p.name: p.read_bytes() for p in out.iterdir()} == good
    finally:
        run.close()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [RECORD]  # no temporary file left


@pytest.fixture
def server_dir():
    folder = Path(tempfile.mkdtemp(prefix="cwdsrv"))  # short: a socket's path has at most 107 bytes
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.libreoffice
def test_watch_with_pdf_rebuilds_the_pdf_and_ctrl_c_stops_it_and_its_converter(example, tmp_path, server_dir):
    from pypdf import PdfReader

    out = tmp_path / "wynik"
    env = dict(os.environ, CWD_DOCS_SERVER_DIR=str(server_dir))
    process = subprocess.Popen([sys.executable, "-m", "cwd_docs", "watch", str(example.folder), "-o", str(out), "--pdf"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        pdf = out / "P-01-analiza-wykonalnosci.pdf"
        deadline = time.monotonic() + 240
        while not pdf.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        assert pdf.exists(), process.stderr.read() if process.poll() is not None else "no PDF"
        assert processes_mentioning(str(server_dir))  # the warm converter serves watch
        before = pdf.stat().st_mtime_ns
        example.edit("Wałcz", "Wałcz-Zachód")
        while pdf.stat().st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.1)
        text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
        assert "Wałcz-Zachód" in text.replace("\u00a0", " ")
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert wait_until_gone(str(server_dir)) == []  # the converter watch started is stopped with it
