"""Operating-system errors name the file and the real cause in Polish (issue 26 point 3)."""

from __future__ import annotations

import errno
import os

import pytest

from cwd_docs.os_errors import cause, describe
from conftest import EXAMPLE_DIR, run_cli

PROJECT = EXAMPLE_DIR / "projekt-p01.yaml"
ENGLISH = ("Not a directory", "No such file", "File name too long", "Permission denied", "No space left",
           "Read-only file system", "Invalid cross-device", "Errno", "Traceback")


def assert_polish(text: str) -> None:
    assert not [word for word in ENGLISH if word in text], text


@pytest.fixture
def blocked(tmp_path):
    """A folder holding a regular file 'plik', where the commands are asked to write 'plik/...'."""
    (tmp_path / "plik").write_text("zwykły plik\n", encoding="utf-8")
    return tmp_path


def test_package_into_a_folder_below_a_file_blames_the_file_not_the_record(blocked):
    result = run_cli("package", str(EXAMPLE_DIR), "-o", "plik/pakiet", cwd=blocked)
    assert result.returncode == 3
    assert result.stderr.strip() == "cwd-docs: błąd zapisu lub odczytu (plik/pakiet): plik jest plikiem, a nie katalogiem"
    assert sorted(os.listdir(blocked)) == ["plik"]


@pytest.mark.parametrize("command", [
    ("build", "feasibility", str(PROJECT), "-o", "plik/dalej/analiza.docx"),
    ("init", "feasibility", "-o", "plik/dalej/projekt.yaml"),
    ("schema", "feasibility", "-o", "plik/dalej/schemat.json"),
])
def test_every_output_names_the_file_on_the_way(blocked, command):
    result = run_cli(*command, cwd=blocked)
    assert result.returncode == 3, result.stderr
    assert result.stderr.strip() == (f"cwd-docs: błąd zapisu lub odczytu ({command[-1]}): "
                                     "plik jest plikiem, a nie katalogiem")
    assert sorted(os.listdir(blocked)) == ["plik"] and (blocked / "plik").read_text(encoding="utf-8") == "zwykły plik\n"


def test_a_name_too_long_is_named_with_its_length(tmp_path):
    name = "a" * 300 + ".docx"
    result = run_cli("build", "feasibility", str(PROJECT), "-o", name, cwd=tmp_path)
    assert result.returncode == 3
    shown = "a" * 37 + "…"
    assert result.stderr.strip() == (f"cwd-docs: błąd zapisu lub odczytu ({name}): nazwa „{shown}” ma 305 bajtów, "
                                     "a system plików pozwala na najwyżej 255")
    assert os.listdir(tmp_path) == []


def test_the_converter_folder_below_a_file_is_named(blocked):
    result = run_cli("converter", "status", cwd=blocked, env={"CWD_DOCS_SERVER_DIR": str(blocked / "plik" / "srv")})
    assert_polish(result.stderr)
    started = run_cli("converter", "start", cwd=blocked, env={"CWD_DOCS_SERVER_DIR": str(blocked / "plik" / "srv")})
    assert started.returncode == 3
    assert started.stderr.strip() == (f"cwd-docs: błąd zapisu lub odczytu ({blocked}/plik/srv): {blocked}/plik "
                                      "jest plikiem, a nie katalogiem")


def test_a_cache_folder_below_a_file_does_not_stop_a_build(blocked):
    # the template cache is an optimisation: unusable, it is skipped, the document is built
    result = run_cli("build", "feasibility", str(PROJECT), "-o", "wynik.docx", cwd=blocked,
                     env={"CWD_DOCS_CACHE_DIR": str(blocked / "plik" / "jinja")})
    assert result.returncode == 0, result.stderr
    assert (blocked / "wynik.docx").stat().st_size > 0


@pytest.mark.parametrize("code, expected", [
    (errno.ENOSPC, "brak miejsca na dysku"),
    (errno.EDQUOT, "przekroczono przydział miejsca na dysku"),
    (errno.EROFS, "system plików jest tylko do odczytu"),
    (errno.EXDEV, "plik i miejsce docelowe leżą na różnych systemach plików, przeniesienie jest niemożliwe"),
    (errno.EIO, "błąd wejścia-wyjścia (uszkodzony lub odłączony nośnik?)"),
    (errno.EISDIR, "to jest katalog, a nie plik"),
])
def test_causes_without_a_path_to_look_at(code, expected):
    exc = OSError(code, os.strerror(code), "/nie/istnieje/plik.docx")
    assert cause(exc) == expected
    assert describe(exc) == f"/nie/istnieje/plik.docx: {expected}"


def test_no_permission_names_the_folder_that_refuses(tmp_path):
    exc = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path / "nowy" / "plik.docx"))
    assert cause(exc) == f"brak uprawnień (do katalogu {tmp_path})"
    assert describe(exc, tmp_path / "inny.docx") == f"{tmp_path / 'inny.docx'}: brak uprawnień (do katalogu {tmp_path})"
    (tmp_path / "istniejący.docx").write_bytes(b"x")
    assert describe(exc, tmp_path / "istniejący.docx") == f"{tmp_path / 'istniejący.docx'}: brak uprawnień"


def test_a_missing_folder_is_named(tmp_path):
    exc = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(tmp_path / "brak" / "głębiej" / "x.yaml"))
    assert cause(exc) == f"nie ma katalogu {tmp_path / 'brak'}"
    assert cause(FileNotFoundError(errno.ENOENT, "x", str(tmp_path / "x.yaml"))) == "nie ma takiego pliku ani katalogu"


def test_an_unknown_error_is_still_polish():
    exc = OSError(errno.ECONNRESET, os.strerror(errno.ECONNRESET))
    assert cause(exc) == f"błąd systemu operacyjnego nr {errno.ECONNRESET} (ECONNRESET)"
    assert describe(exc) == cause(exc)


def test_a_real_error_from_the_system(blocked):
    with pytest.raises(OSError) as caught:
        (blocked / "plik" / "x").mkdir(parents=True)
    assert describe(caught.value, blocked / "plik" / "x" / "y.docx") == \
        f"{blocked}/plik/x/y.docx: {blocked}/plik jest plikiem, a nie katalogiem"
    assert_polish(describe(caught.value))
