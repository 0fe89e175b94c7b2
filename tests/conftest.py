from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cwd_docs.registry.plugin_manager import reset_registry
from cwd_docs.testing import docx_text as _docx_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DIR = ROOT / "examples" / "walcz"
PROJECT_FILE = "projekt-p01.yaml"


def pytest_configure(config):
    # Tests leave no trace: compiled templates go to a private temporary folder, not ~/.cache/cwd_docs
    # (subprocesses of the CLI inherit it).
    import tempfile

    folder = tempfile.mkdtemp(prefix="cwd_docs_test_cache_")
    config._cwd_docs_cache = folder
    os.environ["CWD_DOCS_CACHE_DIR"] = os.path.join(folder, "jinja")
    # The warm converter service started by CLI tests lives in a private folder and is stopped at the end.
    os.environ["CWD_DOCS_SERVER_DIR"] = os.path.join(folder, "srv")
    os.environ.setdefault("CWD_DOCS_SERVER_IDLE", "120")


def pytest_unconfigure(config):
    folder = getattr(config, "_cwd_docs_cache", None)
    if folder:
        try:
            from cwd_docs.conversion.converter_service import stop_services
        except ImportError:  # an older cwd_docs on the path (no converter service to stop)
            pass
        else:
            stop_services()
        shutil.rmtree(folder, ignore_errors=True)


def libreoffice_available() -> bool:
    from cwd_docs.conversion.pdf import ConversionError, find_converter

    try:
        find_converter()
        return True
    except ConversionError:
        return False


def pytest_collection_modifyitems(config, items):
    if libreoffice_available():
        return
    if os.environ.get("CI"):
        # In CI LibreOffice is installed by .ci/run: a missing one must fail, not skip.
        return
    skip = pytest.mark.skip(reason="LibreOffice (soffice + python3-uno) nie jest zainstalowany; w CI te testy działają")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fresh_registry():
    reset_registry()
    yield
    reset_registry()


@pytest.fixture
def example(tmp_path: Path) -> "ExampleFiles":
    """A private copy of the shipped example partnership and project."""
    target = tmp_path / "walcz"
    shutil.copytree(EXAMPLE_DIR, target)
    return ExampleFiles(target)


class ExampleFiles:
    def __init__(self, folder: Path):
        self.folder = folder
        self.project = folder / PROJECT_FILE
        self.partnership = folder / "partnerstwo.yaml"

    def edit(self, old: str, new: str, file: Path | None = None, count: int = 1) -> int:
        """Replace text in a file; return the 1-based line where the new text starts."""
        file = file or self.project
        text = file.read_text(encoding="utf-8")
        assert text.count(old) >= 1, f"{old!r} not in {file.name}"
        position = text.index(old)
        file.write_text(text.replace(old, new, count), encoding="utf-8")
        return text[:position].count("\n") + 1

    def line_of(self, needle: str, file: Path | None = None) -> int:
        text = (file or self.project).read_text(encoding="utf-8")
        return text[: text.index(needle)].count("\n") + 1


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess (exit code, stdout, stderr as the user sees them)."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "cwd_docs", *args], capture_output=True, text=True,
                          cwd=cwd, env=full_env, timeout=300)


def docx_text(path: Path) -> str:
    """All text of a DOCX, non-breaking spaces kept (tests check the typographic rule)."""
    return _docx_text(path, plain_spaces=False)


def normalise_spaces(text: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", text)


def processes_mentioning(marker: str) -> list[tuple[int, str]]:
    """(pid, command line) of every live process whose command line contains marker (e.g. a private
    folder of this test): the test's own LibreOffice processes, never other users' or agents'."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker in command and state != "Z":
            found.append((int(entry.name), command))
    return found


def wait_until_gone(marker: str, seconds: float = 20.0) -> list[tuple[int, str]]:
    """Processes mentioning marker still alive after waiting up to `seconds` for them to end."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        left = processes_mentioning(marker)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def has_command(name: str) -> bool:
    return shutil.which(name) is not None


def make_venv(folder: Path) -> Path:
    """A fresh venv that also sees this interpreter's packages (the dependencies), even when the tests
    themselves run inside a venv; returns its python."""
    import site
    import venv

    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(folder)
    python = folder / "bin" / "python"
    inner = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    outer = [p for p in site.getsitepackages() if Path(p).is_dir()]
    # site.addsitedir, not a bare list of folders: it processes the outer folders' own .pth files, so
    # an editable install of cwd_docs there (a .pth naming the checkout's src/) is seen too. The
    # outer folders come after the venv's own, so what is installed into the venv wins.
    lines = [f"import site; site.addsitedir({folder!r})" for folder in outer]
    (Path(inner) / "_outer_site_packages.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return python


def shown(text: str, label: str) -> str:
    """The line after a label in a document's text (a key-value table's value)."""
    match = re.search(re.escape(label) + r"\s*\n([^\n]+)", text)
    assert match, f"{label!r} not in the document"
    return match.group(1).strip()


def tables(path: Path) -> list[list[list[str]]]:
    """Every table of a DOCX as rows of cell texts (spaces normalised)."""
    from docx import Document

    return [[[normalise_spaces(cell.text) for cell in row.cells] for row in table.rows]
            for table in Document(str(path)).tables]


def table_starting(path: Path, header: str, index: int = 0) -> list[list[str]]:
    """The index-th table whose first header cell is `header`."""
    return [t for t in tables(path) if t and t[0][0] == header][index]
