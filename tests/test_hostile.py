"""The hostile-input corpus (tests/hostile/cases.yaml) through the real command line.

Every case runs `python -m cwd_docs validate TYPE FILE` and `build TYPE FILE -o OUT` in a private
copy of the corpus: valid inputs must give a DOCX that opens and shows the data literally, invalid
ones a located Polish problem, exit 1, no traceback and nothing written. A `commands` case runs the
commands it lists (hostile templates, plugins, terminals) and checks each one's exit code and output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import docx_text, normalise_spaces, run_cli

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
CASES = MANIFEST["cases"]
LONG_WORD = MANIFEST["long_word"]
SUPPORT = {"cases.yaml", "partnerstwo.yaml", "projekt-p01.yaml", "mapy", "obrazy"}
OUTCOMES = {"ok", "error", "usage", "commands"}
HAS_LIBYAML = getattr(yaml, "CSafeLoader", None) is not None  # the loader uses libyaml when present


def _types(case: dict) -> list[str]:
    return case["type"] if isinstance(case["type"], list) else [case["type"]]


def _params():
    for case in CASES:
        for doc_type in _types(case):
            condition = {None: True, "libyaml": HAS_LIBYAML, "no_libyaml": not HAS_LIBYAML}[case.get("xfail_if")]
            marks = [pytest.mark.xfail(condition, strict=True, reason=case["xfail"])] if case.get("xfail") else []
            yield pytest.param(case, doc_type, id=f"{case['file']}-{doc_type}", marks=marks)


def _normalise(text: str) -> str:
    return normalise_spaces(text)


def _expand(text: str) -> str:
    return text.replace("$long_word", LONG_WORD)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the corpus (inputs, partnership, maps): builds never touch tests/."""
    target = tmp_path / "hostile"
    shutil.copytree(HOSTILE, target)
    return target


def _generate(case: dict, folder: Path) -> None:
    """{size: N}: the example project and a comment, N bytes; {nesting: N}: N nested lists."""
    if "nesting" in case["generate"]:
        depth = case["generate"]["nesting"]
        text = "partnership: partnerstwo.yaml\nproject: " + "[" * depth + "]" * depth + "\n"
        (folder / case["file"]).write_text(text, encoding="utf-8")
        return
    size = case["generate"]["size"]
    head = (folder / "projekt-p01.yaml").read_bytes()
    line = b"# " + b"x" * 97 + b"\n"
    body = head + line * ((size - len(head)) // len(line))
    rest = size - len(body)
    if rest:
        body += b"#" * (rest - 1) + b"\n" if rest > 1 else b"\n"
    assert len(body) == size
    (folder / case["file"]).write_bytes(body)


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    assert "błąd wewnętrzny" not in result.stderr, result.stderr


def _temp_leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def _assert_docx_sound(path: Path) -> str:
    """The file is a ZIP whose XML parts all parse, python-docx opens it; return its text."""
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))  # raises on malformed XML
    return _normalise(docx_text(path))


def _assert_problems(case: dict, stderr: str) -> None:
    text = _normalise(stderr)
    error_lines = [line for line in text.splitlines() if re.search(r"\bbłąd \[[^\]]+\]", line)]
    for expected in case["problems"]:
        needles = [f"[{expected['code']}]", case["file"]]
        if "path" in expected:
            needles.append(f" pole {expected['path']}")
        # the path, then ':' or the item it points into by its id: " (zadanie T7):"
        matching = [line for line in error_lines if all(n in line for n in needles)
                    and ("path" not in expected or re.search(rf" pole {re.escape(expected['path'])}( \([^)]*\))?:", line))]
        assert matching, f"no problem line with {needles} in:\n{stderr}"
        if "line" in expected:
            pattern = re.compile(rf"wiersz {expected['line']}(,|:)")
            assert any(pattern.search(line) for line in matching), \
                f"{expected['code']} not located at wiersz {expected['line']}:\n{stderr}"
    assert len(error_lines) == len(case["problems"]), f"expected {len(case['problems'])} errors:\n{stderr}"
    for message in case.get("messages", []):
        assert _normalise(message) in text, f"{message!r} not in:\n{stderr}"


def _prepare(case: dict, corpus: Path) -> None:
    """links: symbolic links made in the corpus (name -> target); outside: files written beside it."""
    for name, target in case.get("links", {}).items():
        (corpus / name).symlink_to(target)
    for name, text in case.get("outside", {}).items():
        (corpus.parent / name).write_text(text, encoding="utf-8")


def _environment(case: dict, corpus: Path, extra: dict | None = None) -> dict:
    """The case's environment; a `plugin: true` case's folder goes on PYTHONPATH (its entry points load)."""
    env = {**case.get("env", {}), **(extra or {})}
    if case.get("plugin"):
        paths = [str(corpus / case["file"])] + [p for p in [os.environ.get("PYTHONPATH")] if p]
        env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def _run(args: list[str], corpus: Path, env: dict) -> subprocess.CompletedProcess:
    """Like run_cli, but stdout and stderr decoded as UTF-8 whatever the child's terminal encoding."""
    result = subprocess.run([sys.executable, "-m", "cwd_docs", *args], capture_output=True, cwd=corpus,
                            env=dict(os.environ, **env), timeout=300)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                       result.stderr.decode("utf-8"))


def _run_commands(case: dict, doc_type: str, corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "wynik" / "dokument.docx"
    for command in case["commands"]:
        args = [a.replace("{file}", case["file"]).replace("{type}", doc_type).replace("{out}", str(output))
                for a in command["args"]]
        result = _run(args, corpus, _environment(case, corpus, command.get("env")))
        shown = f"{args}:\n{result.stderr}"
        _no_traceback(result)
        assert result.returncode == command["exit"], shown
        text = _normalise(result.stderr)
        for message in command.get("messages", []):
            assert _normalise(message) in text, f"{message!r} not in {shown}"
        for unexpected in command.get("absent", []):
            assert unexpected not in result.stderr + result.stdout, f"{unexpected!r} printed by {shown}"
        if command.get("stdout_json"):
            json.loads(result.stdout)  # nothing but the JSON on stdout
        for expected in command.get("stdout", []):
            assert expected in result.stdout, f"{expected!r} not on stdout of {args}"
        if command["exit"] != 0:
            assert not output.exists()
        output.unlink(missing_ok=True)


@pytest.mark.parametrize(("case", "doc_type"), list(_params()))
def test_hostile_case(case, doc_type, corpus, tmp_path):
    if "generate" in case:
        _generate(case, corpus)
    _prepare(case, corpus)
    if case["outcome"] == "commands":
        _run_commands(case, doc_type, corpus, tmp_path)
        return
    source = corpus / case["file"]
    output = tmp_path / "wynik" / f"{source.stem}-{doc_type}.docx"
    env = _environment(case, corpus)

    if case["outcome"] == "usage":
        validated = run_cli("validate", doc_type, case["file"], cwd=corpus)
        _no_traceback(validated)
        assert validated.returncode == 0, validated.stderr
        before = source.read_bytes()
        for target in (case["file"], f"nie-ma-katalogu/../{case['file']}", str(source)):
            built = run_cli("build", doc_type, case["file"], "-o", target, cwd=corpus)
            _no_traceback(built)
            assert built.returncode == 2, built.stderr
            for message in case.get("messages", []):
                assert message in built.stderr
            assert source.read_bytes() == before
        assert not (corpus / "nie-ma-katalogu").exists()
        assert _temp_leftovers(tmp_path) == []
        return

    # validate writes nothing, so both commands can run at once (halves the corpus's run time)
    with ThreadPoolExecutor(max_workers=2) as pool:
        validating = pool.submit(run_cli, "validate", doc_type, case["file"], cwd=corpus, env=env)
        building = pool.submit(run_cli, "build", doc_type, case["file"], "-o", str(output), cwd=corpus, env=env)
        validated, built = validating.result(), building.result()
    _no_traceback(validated)
    _no_traceback(built)

    if case["outcome"] == "ok":
        assert validated.returncode == 0, validated.stderr
        assert built.returncode == 0, built.stderr
        assert output.is_file()
        text = _assert_docx_sound(output)
        for expected in case.get("contains", []):
            expected = _normalise(_expand(expected))
            assert expected in text, f"{expected[:80]!r} not found literally in the DOCX"
        for unexpected in case.get("absent", []):
            assert _normalise(unexpected) not in text, f"{unexpected!r} found in the DOCX"
    else:
        assert validated.returncode == 1, validated.stderr
        _assert_problems(case, validated.stderr)
        assert built.returncode == 1, built.stderr
        _assert_problems(case, built.stderr)
        for unexpected in case.get("absent", []):  # for an error case: what no message may quote
            assert unexpected not in validated.stderr + built.stderr, f"{unexpected!r} printed"
        assert not output.parent.exists() or list(output.parent.iterdir()) == []
    assert _temp_leftovers(tmp_path) == []


def test_manifest_describes_every_file():
    from cwd_docs import list_document_types

    known_types = {t.name for t in list_document_types()}
    listed = [case["file"] for case in CASES]
    assert len(listed) == len(set(listed)), "a file is listed twice"
    stored = {p.name for p in HOSTILE.iterdir()} - SUPPORT
    generated = {case["file"] for case in CASES if "generate" in case}
    assert stored == set(listed) - generated
    assert not generated & {p.name for p in HOSTILE.iterdir()}
    for case in CASES:
        assert case["outcome"] in OUTCOMES, case
        assert set(_types(case)) <= known_types, case
        if case["outcome"] == "error":
            assert case.get("problems"), case
            assert all("code" in p for p in case["problems"]), case
        else:
            assert "problems" not in case, case
        if case["outcome"] == "commands":
            assert case["commands"] and all("args" in c and "exit" in c for c in case["commands"]), case
        else:
            assert "commands" not in case, case


def test_case_files_say_what_they_test():
    """Each stored YAML case is the example with its first comment line replaced by what changed."""
    first_lines = {}
    for case in CASES:
        path = HOSTILE / case["file"]
        if "generate" in case or not path.suffix == ".yaml" or "encoding" in case["file"]:
            continue
        raw = path.read_bytes()
        text = raw.decode("utf-16" if raw.startswith(b"\xff\xfe") else "utf-8-sig")
        first_lines[case["file"]] = text.splitlines()[0]
    assert first_lines
    for name, line in first_lines.items():
        assert line.startswith("# PRZYPADEK TESTOWY:"), name
