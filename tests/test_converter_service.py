"""The warm converter service and LibreOffice's lifecycle: nothing of ours is ever left behind.

Other programs (and other test runs) use LibreOffice on the same machine: every check looks only at
processes whose command line names a folder private to the test (the service folder, the TMPDIR
given to the command), never at all `soffice` processes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import normalise_spaces, processes_mentioning, run_cli, wait_until_gone

from cwd_docs.conversion.converter_service import running_services, stop_services

pytestmark = pytest.mark.libreoffice


@pytest.fixture
def server_dir(monkeypatch):
    folder = Path(tempfile.mkdtemp(prefix="cwdsrv"))  # short: a socket's path has at most 107 bytes
    monkeypatch.setenv("CWD_DOCS_SERVER_DIR", str(folder))
    yield folder
    stop_services()
    shutil.rmtree(folder, ignore_errors=True)


def office_pids(marker: str) -> set[int]:
    return {pid for pid, command in processes_mentioning(marker) if "soffice.bin" in command}


def assert_toc_filled(pdf: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    toc_page = normalise_spaces(reader.pages[1].extract_text())
    assert "Spis treści" in toc_page and "zostanie uzupełniony" not in toc_page
    entry = re.search(r"10\.1\. Koszty projektu\.*\s*(\d+)", toc_page)
    assert entry and "10.1. Koszty projektu" in normalise_spaces(
        reader.pages[int(entry.group(1)) - 1].extract_text())


def test_service_starts_when_needed_is_reused_and_stops_leaving_nothing(example, server_dir, tmp_path):
    assert running_services() == []
    first = run_cli("build", "feasibility", str(example.project), "-o", str(tmp_path / "a.docx"), "--pdf")
    assert first.returncode == 0, first.stderr
    [(folder, status)] = running_services()
    assert folder.parent == server_dir and oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct((folder / "s").stat().st_mode & 0o777) == "0o600"  # only this user can connect
    offices = office_pids(str(server_dir))
    assert len(offices) == 1  # LibreOffice stays warm, with its profile in the service's folder

    second = run_cli("build", "feasibility", str(example.project), "-o", str(tmp_path / "b.docx"), "--pdf")
    assert second.returncode == 0, second.stderr
    [(_, again)] = running_services()
    assert again["pid"] == status["pid"] and office_pids(str(server_dir)) == offices  # reused, not restarted
    for pdf in (tmp_path / "a.pdf", tmp_path / "b.pdf"):
        assert_toc_filled(pdf)  # the contents and page numbers are still updated

    stopped = run_cli("converter", "stop")
    assert stopped.returncode == 0 and f"pid {status['pid']}" in stopped.stderr
    assert wait_until_gone(str(server_dir)) == []
    assert list(server_dir.iterdir()) == []  # socket, profiles and temporary files removed
    assert "nie działa" in run_cli("converter", "status").stderr


def test_no_server_converts_one_shot(example, server_dir, tmp_path):
    by_option = run_cli("build", "schedule", str(example.project), "-o", str(tmp_path / "a.docx"), "--pdf",
                        "--no-server")
    by_variable = run_cli("build", "schedule", str(example.project), "-o", str(tmp_path / "b.docx"), "--pdf",
                          env={"CWD_DOCS_NO_SERVER": "1"})
    assert by_option.returncode == 0 and by_variable.returncode == 0, by_option.stderr + by_variable.stderr
    assert (tmp_path / "a.pdf").stat().st_size > 0 and (tmp_path / "b.pdf").stat().st_size > 0
    assert running_services() == [] and processes_mentioning(str(server_dir)) == []


def test_idle_service_stops_by_itself(server_dir):
    started = run_cli("converter", "start", "--idle", "2")
    assert started.returncode == 0 and "działa" in started.stderr, started.stderr
    assert running_services()
    assert wait_until_gone(str(server_dir), seconds=60) == []
    assert running_services() == []


def test_worker_killed_mid_conversion_is_replaced_and_the_documents_still_convert(example, server_dir, tmp_path):
    from pypdf import PdfReader

    from cwd_docs import build_package
    from cwd_docs.conversion.converter_service import convert_with_service

    docx = build_package(example.folder, tmp_path / "pakiet").docx
    pairs = [(path, path.with_suffix(".pdf")) for path in docx]
    killed: list[int] = []

    def kill_office_once(_: Path) -> None:
        # After the first document the worker is busy with the next one: kill its LibreOffice.
        if not killed:
            for pid in office_pids(str(server_dir)):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    convert_with_service(pairs, jobs=1, timeout_per_document=120, on_done=kill_office_once, update_docx=True)
    assert killed
    for _, pdf in pairs:
        assert len(PdfReader(str(pdf)).pages) >= 1
    replacement = office_pids(str(server_dir))
    assert replacement and not replacement & set(killed)


def _start_package(example, tmp_path: Path, *options: str, env: dict | None = None) -> tuple[subprocess.Popen, Path]:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    full_env = dict(os.environ, TMPDIR=str(private_tmp), HOME=str(home), **(env or {}))
    process = subprocess.Popen([sys.executable, "-m", "cwd_docs", "package", str(example.folder), "-o",
                                str(tmp_path / "out" / "pakiet"), "--pdf", "--jobs", "2", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)
    return process, private_tmp


def _wait_for_office(marker: str, process: subprocess.Popen, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not office_pids(marker):
        if process.poll() is not None:
            pytest.fail(f"the command ended before LibreOffice started: {process.stderr.read()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("LibreOffice did not start")
        time.sleep(0.1)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_package_pdf_killed_by_a_signal_leaves_no_libreoffice_and_no_folder(example, tmp_path, signum):
    process, private_tmp = _start_package(example, tmp_path, "--no-server")
    _wait_for_office(str(private_tmp), process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signum, stderr
    assert "przerwano" in stderr and "Traceback" not in stderr
    assert wait_until_gone(str(private_tmp)) == []  # no soffice.bin, oosplash or UNO helper of ours
    assert list(private_tmp.iterdir()) == [], (sorted(map(str, private_tmp.rglob("*")))[:30], stderr)  # no cwd_docs_lo_* folder
    assert list((tmp_path / "out").iterdir()) == []  # no package temporary folder, no half package
    home = tmp_path / "home"
    assert not (home / ".config" / "libreoffice").exists() and not (home / ".config" / "dconf").exists()


def test_libreoffice_dies_with_a_parent_killed_outright(example, tmp_path):
    process, private_tmp = _start_package(example, tmp_path, "--no-server")
    _wait_for_office(str(private_tmp), process)
    process.kill()  # SIGKILL: no clean-up code runs; the helpers' watchdogs must end LibreOffice
    process.communicate(timeout=60)
    assert wait_until_gone(str(private_tmp)) == []


def test_client_killed_the_service_cancels_its_work_and_stays_for_the_next(example, server_dir, tmp_path):
    process, private_tmp = _start_package(example, tmp_path)
    _wait_for_office(str(server_dir), process)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 143, stderr
    assert list(private_tmp.iterdir()) == [] and list((tmp_path / "out").iterdir()) == []
    [(folder, status)] = running_services()  # the service outlives its client until it is idle
    assert list((folder / "jobs").iterdir()) == []  # the client's converted files were removed
    again = run_cli("build", "feasibility", str(example.project), "-o", str(tmp_path / "a.docx"), "--pdf")
    assert again.returncode == 0, again.stderr
    os.kill(int(status["pid"]), signal.SIGTERM)  # killing the service leaves nothing either
    assert wait_until_gone(str(server_dir)) == []
    assert list(server_dir.iterdir()) == []


def test_libreoffice_hanging_at_start_up_is_abandoned_within_the_timeout(example, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ >> {tmp_path / 'pids'}\nexec sleep 300\n", encoding="utf-8")
    fake.chmod(0o755)
    result = run_cli("package", str(example.folder), "-o", str(tmp_path / "out"), "--pdf", "--no-server",
                     "--timeout", "3", env={"CWD_DOCS_SOFFICE": str(fake)})
    assert result.returncode == 3
    assert "nie uruchomił się w ciągu 3 s" in result.stderr and ".docx" in result.stderr
    assert wait_until_gone(str(fake)) == []
    for pid in (tmp_path / "pids").read_text().split():
        assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"


def test_a_worker_is_recycled_after_its_share_of_documents(example, server_dir, tmp_path, monkeypatch):
    from cwd_docs import build_package
    from cwd_docs.conversion.converter_service import convert_with_service

    monkeypatch.setenv("CWD_DOCS_SERVER_RECYCLE", "2")  # read by the service process when it starts
    docx = build_package(example.folder, tmp_path / "pakiet").docx[:3]
    offices: list[set[int]] = []
    convert_with_service([(p, p.with_suffix(".pdf")) for p in docx], jobs=1,
                         on_done=lambda _: offices.append(office_pids(str(server_dir))))
    assert all(p.with_suffix(".pdf").stat().st_size > 0 for p in docx)
    assert offices[0] == offices[1] and offices[2] and not offices[2] & offices[0]  # a fresh LibreOffice


def test_service_worker_hanging_at_start_is_killed_the_document_named_and_the_service_still_answers(
        example, server_dir, tmp_path, monkeypatch):
    from cwd_docs import build
    from cwd_docs.conversion.converter_service import convert_with_service
    from cwd_docs.conversion.pdf import ConversionError

    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ >> {tmp_path / 'pids'}\nexec sleep 300\n", encoding="utf-8")
    fake.chmod(0o755)
    docx = build("schedule", example.project, output=tmp_path / "harmonogram.docx").docx
    monkeypatch.setenv("CWD_DOCS_SOFFICE", str(fake))
    with pytest.raises(ConversionError) as caught:
        convert_with_service([(docx, tmp_path / "h.pdf")], timeout_per_document=3)
    assert "harmonogram.docx" in str(caught.value) and "nie uruchomił się w ciągu 3 s" in str(caught.value)
    assert not (tmp_path / "h.pdf").exists()
    assert wait_until_gone(f"_uno_convert.py {fake}") == []  # the hung worker's helper was killed
    for pid in (tmp_path / "pids").read_text().split():
        assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    [(_, status)] = running_services()  # the service itself goes on
    assert status["workers"] == []
