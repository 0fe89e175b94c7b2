"""Template renders bounded in time and memory, JSON nesting bounded like YAML's, LibreOffice's
start-up bounded by --timeout (issue 26 points 6 and 7)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLE_DIR, processes_mentioning, run_cli, wait_until_gone

PROJECT = EXAMPLE_DIR / "projekt-p01.yaml"
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def template_with(tmp_path: Path, name: str, snippet: str) -> Path:
    """The feasibility template with a paragraph holding `snippet` at the start of the body."""
    from cwd_docs import get_document_type

    target = tmp_path / name
    with zipfile.ZipFile(get_document_type("feasibility").template) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>" + snippet.encode() + b"</w:t></w:r></w:p>", 1)
            out.writestr(item, data)
    return target


def test_an_endless_template_is_stopped_at_the_timeout(tmp_path):
    template = template_with(tmp_path, "petla.docx", ENDLESS)
    started = time.monotonic()
    result = run_cli("build", "feasibility", str(PROJECT), "-o", str(tmp_path / "wynik.docx"), "--template",
                     str(template), "--timeout", "2")
    elapsed = time.monotonic() - started
    assert result.returncode == 3
    assert result.stderr.strip() == (f"cwd-docs: błąd: szablon {template} (typ feasibility, wtyczka "
                                     "'cwd_docs.plugins.feasibility'): wypełnianie szablonu trwało dłużej niż 2 s "
                                     "i zostało przerwane (limit czasu: opcja --timeout)")
    assert elapsed < 30
    assert sorted(p.name for p in tmp_path.iterdir()) == ["petla.docx"]
    assert processes_mentioning(str(tmp_path / "wynik.docx")) == []  # the render's child was killed


def test_a_template_eating_memory_is_stopped_at_the_memory_limit(tmp_path):
    template = template_with(tmp_path, "pamiec.docx", '{% set x = "ab" * 1000000000 %}{{ x|length }}')
    result = run_cli("build", "feasibility", str(PROJECT), "-o", str(tmp_path / "wynik.docx"), "--template",
                     str(template), env={"CWD_DOCS_RENDER_MEMORY_MB": "300"})
    assert result.returncode == 3
    assert result.stderr.strip() == (f"cwd-docs: błąd: szablon {template} (typ feasibility, wtyczka "
                                     "'cwd_docs.plugins.feasibility'): wypełnianie szablonu przekroczyło limit "
                                     "pamięci (300 MB) i zostało przerwane")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pamiec.docx"]


def test_a_template_error_still_names_its_tag(tmp_path):
    # errors raised in the render's child come back as they were (the message names the tag)
    template = template_with(tmp_path, "blad.docx", "{{ project.nie_ma_takiego_pola.dalej }}")
    result = run_cli("build", "feasibility", str(PROJECT), "-o", str(tmp_path / "wynik.docx"), "--template", str(template))
    assert result.returncode == 3
    assert "nie_ma_takiego_pola" in result.stderr and "sprawdź go poleceniem: cwd-docs check feasibility" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_bounded_render_is_the_render(monkeypatch):
    # the child's document is the one this process would render itself, and warms this process's cache
    import io

    from cwd_docs import api, validate
    from cwd_docs.rendering import bounded, docxtpl_adapter

    model = validate("feasibility", PROJECT).model
    doc_type = api.get_document_type("feasibility")
    docxtpl_adapter.caching_template_class().caches[1].clear()
    forked = api.render(doc_type, model)
    assert docxtpl_adapter.caching_template_class().caches[1]  # compiled in the child, kept here
    monkeypatch.setattr(bounded, "run_bounded", lambda render, timeout, memory_mb=None, environment=None: render())
    in_process = api.render(doc_type, model)

    def body(data: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("word/document.xml")

    assert body(forked) == body(in_process) and b"P-01" in body(forked)


def test_a_signal_during_a_long_render_leaves_nothing(tmp_path):
    template = template_with(tmp_path, "petla.docx", ENDLESS)
    process = subprocess.Popen([sys.executable, "-m", "cwd_docs", "build", "feasibility", str(PROJECT), "-o",
                                str(tmp_path / "wynik.docx"), "--template", str(template)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(processes_mentioning(str(tmp_path / "wynik.docx"))) < 2:  # the command and its render child
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143 and stderr.strip() == "przerwano"
    assert wait_until_gone(str(tmp_path / "wynik.docx"), 10) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["petla.docx"]


@pytest.mark.parametrize("levels", [101, 400, 970])
@pytest.mark.parametrize("tabs", [False, True], ids=["spaces", "tabs"])
def test_json_nesting_is_bounded_like_yaml(tmp_path, levels, tabs):
    text = '{\n "project": ' + "[\n" * levels + "1" + "\n]" * levels + "\n}\n"  # json.dumps would recurse
    source = tmp_path / "gleboki.json"
    source.write_text(text.replace(" ", "\t") if tabs else text, encoding="utf-8")
    result = run_cli("validate", "feasibility", str(source))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{source}: błąd [input.too_deep] dane są zagnieżdżone głębiej niż na "
                                          "100 poziomów", "Znaleziono: 1 błąd."]


def test_json_at_the_nesting_limit_is_read(tmp_path):
    source = tmp_path / "gleboki.json"  # the project's own level and 99 lists: 100 levels below the top
    source.write_text('{\t"project":\t' + "[" * 99 + "1" + "]" * 99 + "}", encoding="utf-8")
    result = run_cli("validate", "feasibility", str(source))
    assert result.returncode == 1 and "input.too_deep" not in result.stderr  # refused for its shape only


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def hanging_soffice(tmp_path: Path) -> Path:
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ >> {tmp_path / 'pids'}\nexec sleep 300\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


@pytest.mark.libreoffice
def test_build_gives_up_a_hanging_libreoffice_at_the_timeout(tmp_path):
    fake = hanging_soffice(tmp_path)
    started = time.monotonic()
    result = run_cli("build", "feasibility", str(PROJECT), "-o", str(tmp_path / "a.docx"), "--pdf", "--no-server",
                     "--timeout", "3", env={"CWD_DOCS_SOFFICE": str(fake)})
    assert result.returncode == 3
    assert "LibreOffice nie uruchomił się w ciągu 3 s; proces przerwano" in result.stderr
    assert time.monotonic() - started < 40
    assert wait_until_gone(str(fake)) == []
    assert [pid for pid in (tmp_path / "pids").read_text().split() if alive(int(pid))] == []
    assert not (tmp_path / "a.docx").exists()


@pytest.mark.libreoffice
def test_the_warm_service_gives_up_a_hanging_libreoffice_at_the_timeout(tmp_path):
    fake = hanging_soffice(tmp_path)
    server = Path(tempfile.mkdtemp(prefix="cwdto"))
    env = {"CWD_DOCS_SOFFICE": str(fake), "CWD_DOCS_SERVER_DIR": str(server)}
    try:
        result = run_cli("build", "feasibility", str(PROJECT), "-o", str(tmp_path / "a.docx"), "--pdf",
                         "--timeout", "3", env=env)
        assert result.returncode == 3
        assert "LibreOffice nie uruchomił się w ciągu 3 s; proces przerwano" in result.stderr
        assert [pid for pid in (tmp_path / "pids").read_text().split() if alive(int(pid))] == []
    finally:
        run_cli("converter", "stop", env=env)
        shutil.rmtree(server, ignore_errors=True)
