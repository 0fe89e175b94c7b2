"""Hostile files around the data (issue 13, classes 4–7), through the real command line.

The corpus in tests/hostile/ holds hostile *contents*; these cases are hostile *files*: what the
output folder already holds (the package's record of written files, folders, links, pipes), outputs
that are inputs, names near the 255-byte limit, links as outputs, and input sets too large in
total. Each case gives the expected exit code and message and checks that nothing was lost.
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from cwd_docs.domain.base import MAX_TEXT_CHARS
from cwd_docs.domain.project import MAX_TASKS
from cwd_docs.loading.limits import (MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_INCLUDES, MAX_TOTAL_BYTES,
                                     MAX_TOTAL_IMAGE_BYTES, MAX_TOTAL_IMAGE_PIXELS, MAX_TOTAL_VALUES)
from cwd_docs.package.output import MANIFEST

PACKAGE_NAMES = ["strategia.docx", "P-01-analiza-wykonalnosci.docx", "P-01-harmonogram.docx",
                 "P-01-zarys-wniosku.docx", "P-02-analiza-wykonalnosci.docx", "P-02-harmonogram.docx",
                 "P-02-zarys-wniosku.docx"]


def cli(*args: str, cwd: Path | None = None, timeout: float = 120, umask: int | None = None
        ) -> subprocess.CompletedProcess:
    """The real command line; a hang fails the test after `timeout` seconds instead of blocking it."""
    def preexec() -> None:
        if umask is not None:
            os.umask(umask)

    result = subprocess.run([sys.executable, "-m", "cwd_docs", *args], capture_output=True, text=True, cwd=cwd,
                            timeout=timeout, preexec_fn=preexec)
    assert "Traceback" not in result.stderr and "błąd wewnętrzny" not in result.stderr, result.stderr
    return result


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry of a folder (not following links): file contents, link targets, kinds."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        name = str(path.relative_to(folder))
        if stat.S_ISLNK(info.st_mode):
            found[name] = "link -> " + os.readlink(path)
        elif stat.S_ISREG(info.st_mode):
            found[name] = path.read_bytes()
        else:
            found[name] = f"kind {stat.S_IFMT(info.st_mode)}"
    return found


def png(width: int, height: int, pad_to: int = 0) -> bytes:
    """A PNG header of the given size (python-docx and Word read the size from IHDR), padded to pad_to bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    body = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))
    return body + b"\0" * max(0, pad_to - len(body))


def write_sparse_png(path: Path, width: int, height: int, size: int) -> None:
    path.write_bytes(png(width, height))
    os.truncate(path, size)  # sparse: costs no disk


@pytest.fixture
def package_out(example, tmp_path):
    """An output folder holding an earlier package run."""
    out = tmp_path / "wynik"
    result = cli("package", str(example.folder), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    return out


# ------------------------------------------------------------- class 4: the package's own files


@pytest.mark.parametrize("make", ["fifo", "link-to-device", "link-to-file", "folder"])
def test_record_of_written_files_is_read_like_an_input(example, package_out, tmp_path, make):
    record = package_out / MANIFEST
    record.unlink()
    elsewhere = tmp_path / "cudzy.txt"
    elsewhere.write_text("P-01-harmonogram.docx\n", encoding="utf-8")
    if make == "fifo":
        os.mkfifo(record)
    elif make == "link-to-device":
        record.symlink_to("/dev/zero")
    elif make == "link-to-file":
        record.symlink_to(elsewhere)
    else:
        record.mkdir()
    before = snapshot(package_out)
    result = cli("package", str(example.folder), "-o", str(package_out), timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"{MANIFEST} (spis plików zapisanych przez cwd-docs)" in result.stderr
    assert snapshot(package_out) == before
    assert elsewhere.read_text(encoding="utf-8") == "P-01-harmonogram.docx\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cwd_docs-")]


@pytest.mark.parametrize("damage", ["oversized", "not-json", "edited-by-hand"])
def test_a_bad_record_is_ignored_and_every_existing_document_kept(example, package_out, damage):
    """A record not to be trusted makes no file the tool's: none is reused, each is kept aside, none lost."""
    record = package_out / MANIFEST
    if damage == "oversized":
        record.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    elif damage == "not-json":
        record.write_text("12 " + "0" * 64 + " P-01-harmonogram.docx\n", encoding="utf-8")
    else:  # a true size and hash typed into the record, without its checksum
        record.write_text(record.read_text(encoding="utf-8").replace('"P-01-harmonogram.docx"', '"notatki.txt"'),
                          encoding="utf-8")
    before = {p.name: p.read_bytes() for p in package_out.iterdir() if p.suffix == ".docx"}
    result = cli("package", str(example.folder), "-o", str(package_out), "-q")
    assert result.returncode == 0, result.stderr
    kept = {p.name.split(".zmieniony-")[0] + ".docx": p.read_bytes() for p in package_out.glob("*.zmieniony-*.docx")}
    assert kept == before
    assert result.stderr.count("zachowano go jako") == len(before)


@pytest.mark.parametrize("forged", [
    "notatki.txt",
    "../walcz/partnerstwo.yaml",
    "/etc/hostname",
])
def test_a_forged_record_never_removes_a_file_the_package_did_not_write(example, package_out, forged):
    """Even a record with a true hash and a recomputed checksum only moves a file aside: nothing is deleted."""
    import json

    from cwd_docs.package.written import _checksum

    notes = package_out / "notatki.txt"
    notes.write_text("moje notatki", encoding="utf-8")
    partnership = example.partnership.read_bytes()
    record = package_out / MANIFEST
    data = json.loads(record.read_text(encoding="utf-8"))
    content = partnership if forged.endswith(".yaml") else notes.read_bytes() if forged == "notatki.txt" else b""
    data["files"][forged] = [hashlib.sha256(content).hexdigest(), len(content), ""]
    data["check"] = _checksum(data["files"])
    record.write_text(json.dumps(data), encoding="utf-8")
    result = cli("package", str(example.folder), "-o", str(package_out), "-q")
    assert result.returncode == 0, result.stderr
    moved = list(package_out.glob("nieaktualne-*/notatki.txt"))
    assert (notes.read_text(encoding="utf-8") if notes.exists() else moved[0].read_text(encoding="utf-8")) \
        == "moje notatki"
    assert example.partnership.read_bytes() == partnership
    assert Path("/etc/hostname").exists() == os.path.exists("/etc/hostname")


def test_stale_documents_of_the_previous_run_are_moved_aside_never_deleted(example, package_out):
    edited = package_out / "P-02-harmonogram.docx"
    edited.write_bytes(b"zmieniony przez doradce")
    written = {name: (package_out / name).read_bytes() for name in ("P-02-analiza-wykonalnosci.docx",
                                                                   "P-02-zarys-wniosku.docx")}
    (example.folder / "projekt-p02.yaml").unlink()
    example.edit("  - projekt-p02.yaml\n", "", file=example.folder / "strategia.yaml")
    result = cli("package", str(example.folder), "-o", str(package_out), "-q")
    assert result.returncode == 0, result.stderr
    names = {p.name for p in package_out.iterdir()}
    [aside] = [p for p in package_out.iterdir() if p.name.startswith("nieaktualne-")]
    assert f"przeniesiono do katalogu {aside}" in result.stderr
    assert {p.name: p.read_bytes() for p in aside.iterdir()} == written  # written by the package: moved, whole
    assert not names & set(written)
    assert edited.read_bytes() == b"zmieniony przez doradce"  # edited: the advisor's, left where it is
    import json

    recorded = json.loads((package_out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(recorded) == sorted(["strategia.docx", "P-01-analiza-wykonalnosci.docx", "P-01-harmonogram.docx",
                                       "P-01-zarys-wniosku.docx"])
    for name, (digest, size, _key) in recorded.items():
        data = (package_out / name).read_bytes()
        assert size == len(data) and digest == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("where", ["data-folder", "data-folder-through-link", "maps-folder"])
def test_an_output_folder_holding_the_inputs_is_refused(example, tmp_path, where):
    target = {"data-folder": example.folder, "maps-folder": example.folder / "mapy",
              "data-folder-through-link": tmp_path / "skrot"}[where]
    if where == "data-folder-through-link":
        target.symlink_to(example.folder)
    before = snapshot(example.folder)
    result = cli("package", str(example.folder), "-o", str(target), "-q")
    assert result.returncode == 2, result.stderr
    assert "katalog wynikowy" in result.stderr
    assert ("jest katalogiem z danymi" in result.stderr) or ("zawiera plik wejściowy" in result.stderr)
    assert snapshot(example.folder) == before


@pytest.mark.parametrize("blocker", ["folder", "link", "fifo"])
def test_moving_into_place_is_all_or_nothing(example, package_out, blocker):
    example.edit("name: Gmina Miejska Wałcz", "name: Gmina Miejska Wałcz (nowa)", file=example.partnership)
    blocked = package_out / "P-02-harmonogram.docx"
    blocked.unlink()
    if blocker == "folder":
        blocked.mkdir()
        (blocked / "w-srodku.txt").write_text("x", encoding="utf-8")
    elif blocker == "link":
        blocked.symlink_to(package_out / "P-01-harmonogram.docx")
    else:
        os.mkfifo(blocked)
    before = snapshot(package_out)
    result = cli("package", str(example.folder), "-o", str(package_out), timeout=60)
    assert result.returncode == 2, result.stderr
    assert "nazwa P-02-harmonogram.docx jest zajęta" in result.stderr
    assert "niczego nie zastąpił" in result.stderr
    assert snapshot(package_out) == before


def test_a_failure_while_moving_puts_every_old_file_back(example, package_out, monkeypatch):
    from cwd_docs.package import output as package_output
    from cwd_docs.package.build import build_package

    example.edit("name: Gmina Miejska Wałcz", "name: Gmina Miejska Wałcz (nowa)", file=example.partnership)
    before = snapshot(package_out)
    real_replace = os.replace
    calls = []

    def failing_replace(source, target):
        if Path(target).parent == package_out:
            calls.append(target)
        if len(calls) == 6:  # after five documents were replaced
            raise OSError(28, "No space left on device", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(package_output.os, "replace", failing_replace)
    with pytest.raises(OSError):
        build_package(example.folder, package_out)
    monkeypatch.setattr(package_output.os, "replace", real_replace)
    assert len(calls) > 6  # the failing move, then the old files put back
    assert snapshot(package_out) == before
    assert not [p for p in package_out.parent.iterdir() if p.name.startswith(".cwd_docs-")]


# ------------------------------------------------------------- class 5: inputs are never overwritten


def _image_named(example, name: str) -> Path:
    """The strategy's first map, renamed (a PNG is recognised by its content, not by its name)."""
    maps = example.folder / "mapy"
    image = maps / name
    (maps / "model-funkcjonalno-przestrzenny.png").rename(image)
    example.edit("map: mapy/model-funkcjonalno-przestrzenny.png", f"map: mapy/{name}",
                 file=example.folder / "strategia.yaml")
    return image


@pytest.mark.parametrize("option", ["docx", "pdf-target"])
def test_build_never_overwrites_an_image(example, option):
    image = _image_named(example, "mapa.docx" if option == "docx" else "mapa.pdf")
    before = image.read_bytes()
    args = ["build", "supralocal", "strategia.yaml", "-o", "mapy/mapa.docx"]
    result = cli(*(args + (["--pdf"] if option == "pdf-target" else [])), cwd=example.folder)
    assert result.returncode == 2, result.stderr
    assert "jest plikiem wejściowym" in result.stderr
    assert image.read_bytes() == before


def test_default_output_equal_to_an_included_file_is_refused(example):
    included = example.folder / "projekt-p01-feasibility.docx"  # a partnership file with an odd name
    example.partnership.rename(included)
    example.edit("partnership: partnerstwo.yaml", "partnership: projekt-p01-feasibility.docx")
    before = included.read_bytes()
    result = cli("build", "feasibility", "projekt-p01.yaml", cwd=example.folder)
    assert result.returncode == 2, result.stderr
    assert "jest plikiem wejściowym" in result.stderr
    assert included.read_bytes() == before


def test_build_output_hard_linked_to_an_input_is_refused(example, tmp_path):
    target = tmp_path / "wynik.docx"
    os.link(example.partnership, target)
    before = example.partnership.read_bytes()
    result = cli("build", "feasibility", str(example.project), "-o", str(target))
    assert result.returncode == 2 and "jest plikiem wejściowym" in result.stderr, result.stderr
    assert example.partnership.read_bytes() == before


@pytest.mark.parametrize("name", ["P-01-harmonogram.pdf", "pakiet-dokumentow.pdf", MANIFEST])
def test_package_pdf_targets_are_checked_against_inputs(example, tmp_path, name):
    out = tmp_path / "wynik"
    out.mkdir()
    os.link(example.folder / "mapy" / "osi-lokalne.png", out / name)  # the same file as an input
    before = (example.folder / "mapy" / "osi-lokalne.png").read_bytes()
    result = cli("package", str(example.folder), "-o", str(out), "--pdf", timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"{out / name} jest plikiem wejściowym" in result.stderr
    assert (example.folder / "mapy" / "osi-lokalne.png").read_bytes() == before
    assert [p.name for p in out.iterdir()] == [name]


# ------------------------------------------------------------- class 6: names and modes


@pytest.mark.parametrize("pdf", [
    pytest.param(False, id="docx"),
    pytest.param(True, id="pdf", marks=pytest.mark.libreoffice),  # LibreOffice's lock file needs a shorter name
])
def test_output_name_at_the_255_byte_limit(example, tmp_path, pdf):
    name = "ż" * 125 + ".docx"  # 250 + 5 bytes in UTF-8
    assert len(name.encode()) == 255
    result = cli("build", "feasibility", str(example.project), "-o", str(tmp_path / name), *(["--pdf"] if pdf else []),
                 timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).stat().st_size > 10_000
    if pdf:
        assert (tmp_path / name).with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [MANIFEST]  # the record of what was written


def test_package_folder_name_at_the_255_byte_limit(example, tmp_path):
    out = tmp_path / ("k" * 255)
    result = cli("package", str(example.folder), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(PACKAGE_NAMES + [MANIFEST])


@pytest.mark.parametrize("kind", ["link-to-dev-null", "link-to-file", "dangling-link", "fifo", "folder"])
def test_an_output_that_is_not_a_regular_file_is_refused(example, tmp_path, kind):
    target = tmp_path / "wynik.docx"
    other = tmp_path / "inny.docx"
    other.write_bytes(b"cudzy plik")
    os.chmod(other, 0o604)
    if kind == "link-to-dev-null":
        target.symlink_to("/dev/null")
    elif kind == "link-to-file":
        target.symlink_to(other)
    elif kind == "dangling-link":
        target.symlink_to(tmp_path / "nie-ma.docx")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    before = snapshot(tmp_path)
    result = cli("build", "feasibility", str(example.project), "-o", str(target), timeout=60)
    assert result.returncode == 2, result.stderr
    expected = {"folder": "jest katalogiem", "fifo": "nie jest zwykłym plikiem"}.get(kind, "jest dowiązaniem symbolicznym")
    assert f"plik wynikowy {target} {expected}" in result.stderr
    assert snapshot(tmp_path) == before
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_IMODE(other.stat().st_mode) == 0o604


@pytest.mark.parametrize("command", [["schema", "feasibility"], ["init", "feasibility", "--force"]])
def test_text_outputs_refuse_links_too(tmp_path, command):
    target = tmp_path / "wynik.yaml"
    target.symlink_to("/dev/null")
    result = cli(*command, "-o", str(target))
    assert result.returncode == 2 and "jest dowiązaniem symbolicznym" in result.stderr, result.stderr
    assert target.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_new_outputs_get_the_umask_mode_and_replaced_ones_keep_theirs(example, tmp_path):
    fresh, kept = tmp_path / "nowy.docx", tmp_path / "stary.docx"
    for target in (fresh, kept):
        result = cli("build", "feasibility", str(example.project), "-o", str(target), umask=0o077)
        assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    os.chmod(kept, 0o640)
    result = cli("build", "feasibility", str(example.project), "-o", str(kept), umask=0o077)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert not list(tmp_path.glob("*.zmieniony-*"))  # the tool's own file, replaced


# ------------------------------------------------------------- class 7: bounded input sets


def _strategy_projects(example, names: list[str]) -> int:
    """Replace the strategy's project list; return the line of `projects:`."""
    strategy = example.folder / "strategia.yaml"
    return example.edit("projects:\n  - projekt-p01.yaml\n  - projekt-p02.yaml\n",
                        "projects: [" + ", ".join(names) + "]\n", file=strategy)


def test_one_project_listed_thousands_of_times(example):
    line = _strategy_projects(example, ["projekt-p01.yaml"] * 5000)
    result = cli("validate", "supralocal", "strategia.yaml", cwd=example.folder, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"strategia.yaml, wiersz {line}, kolumna 11: błąd [input.too_many_includes] pole projects:" in result.stderr
    assert f"więcej niż {MAX_INCLUDES} plików" in result.stderr
    assert result.stderr.count("błąd [") == 1


def test_partnership_given_as_thousands_of_includes(example):
    line = example.edit("partnership: partnerstwo.yaml",
                        "partnership: [" + ", ".join(["partnerstwo.yaml"] * 3000) + "]")
    result = cli("build", "feasibility", "projekt-p01.yaml", "-o", "wynik.docx", cwd=example.folder, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"projekt-p01.yaml, wiersz {line}, kolumna 14: błąd [input.too_many_includes] pole partnership:" \
        in result.stderr
    assert not (example.folder / "wynik.docx").exists()


def _large_project(example, name: str, code: str, items: int) -> None:
    """The example project with a long `next_steps` list: many values in a file under the per-file limits."""
    text = example.project.read_text(encoding="utf-8").replace("  code: P-01", f"  code: {code}")
    text = text.replace("\n  next_steps:\n", "\n  next_steps:\n" + "    - x\n" * items + "", 1)
    (example.folder / name).write_text(text, encoding="utf-8")


def test_values_add_up_across_files(example):
    per_file = MAX_TOTAL_VALUES // 4  # each file well under the limits of one file
    names = []
    for index in range(MAX_TOTAL_VALUES // per_file + 1):
        names.append(f"duzy-{index}.yaml")
        _large_project(example, names[-1], f"P-D{index}", per_file)
    line = _strategy_projects(example, names)
    result = cli("validate", "supralocal", "strategia.yaml", cwd=example.folder, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "błąd [input.too_many_values_total]" in result.stderr, result.stderr
    assert f"więcej niż {MAX_TOTAL_VALUES:,} wartości".replace(",", "\u00a0") in result.stderr
    assert f"strategia.yaml, wiersz {line}," in result.stderr
    assert result.stderr.count("błąd [") == 1


def test_schedule_tasks_are_limited(example):
    text = example.project.read_text(encoding="utf-8")
    tasks_line = text[:text.index("  tasks:\n")].count("\n") + 2
    extra = "".join(f"    - {{id: X{i}, name: Zadanie {i}, start: 2027-01-01, end: 2027-02-01, responsible: PW}}\n"
                    for i in range(MAX_TASKS))
    example.project.write_text(text.replace("  tasks:\n", "  tasks:\n" + extra, 1), encoding="utf-8")
    result = cli("build", "schedule", "projekt-p01.yaml", "-o", "h.docx", cwd=example.folder)
    assert result.returncode == 1, result.stderr
    maximum = f"{MAX_TASKS:,}".replace(",", "\u00a0")
    assert (f"projekt-p01.yaml, wiersz {tasks_line}, kolumna 5: błąd [field.too_long] pole project.tasks: "
            f"lista może mieć najwyżej {maximum} elementów") in result.stderr


@pytest.mark.parametrize(("sizes", "code"), [
    ([(100, 100, MAX_IMAGE_BYTES + 1)], "image.too_large"),
    ([(MAX_IMAGE_PIXELS // 1000 + 1, 1000, 0)], "image.too_many_pixels"),
    ([(100, 100, MAX_TOTAL_IMAGE_BYTES // 3 + 1024)] * 3, "image.total_too_large"),
    ([(MAX_TOTAL_IMAGE_PIXELS // 3000 + 1, 1000, 0)] * 3, "image.total_too_many_pixels"),
])
def test_images_are_limited_each_and_together(example, sizes, code):
    strategy = example.folder / "strategia.yaml"
    fields = ["map: mapy/model-funkcjonalno-przestrzenny.png", "regional_map: mapy/osi-regionalne.png",
              "local_map: mapy/osi-lokalne.png"]
    lines = []
    for index, (width, height, size) in enumerate(sizes):
        image = example.folder / "mapy" / f"duza-{index}.png"
        if size:
            write_sparse_png(image, width, height, size)
        else:
            image.write_bytes(png(width, height))
        key = fields[index].split(":")[0]
        lines.append(example.edit(fields[index], f"{key}: mapy/{image.name}", file=strategy))
    result = cli("build", "supralocal", "strategia.yaml", "-o", "s.docx", cwd=example.folder)
    assert result.returncode == 1, result.stderr
    assert f"błąd [{code}]" in result.stderr
    assert f"strategia.yaml, wiersz {lines[-1]}," in result.stderr.split(f"[{code}]")[0].splitlines()[-1]
    assert not (example.folder / "s.docx").exists()


def test_image_limits_hold_in_a_package(example, tmp_path):
    """Three maps, each under the limit of one image, exceed the limit of all images together."""
    maps = example.folder / "mapy"
    for name in ("model-funkcjonalno-przestrzenny.png", "osi-regionalne.png", "osi-lokalne.png"):
        write_sparse_png(maps / name, 100, 100, MAX_TOTAL_IMAGE_BYTES // 3 + 1024)
    result = cli("package", str(example.folder), "-o", str(tmp_path / "wynik"), "-q")
    assert result.returncode == 1, result.stderr
    assert "błąd [image.total_too_large]" in result.stderr
    assert not (tmp_path / "wynik").exists()


def test_data_files_add_up_in_bytes(example):
    """Files under 2 MB each, with few values (one long paragraph each), exceed 16 MB together."""
    text = example.project.read_text(encoding="utf-8")
    start = text.index("  problem: |\n")
    end = text.index("  strategy_goal_code:")
    names = []
    for index in range(MAX_TOTAL_BYTES // (1900 * 1024) + 1):
        names.append(f"dlugi-{index}.yaml")
        body = text[:start] + "  problem: " + "słowo " * (1900 * 1024 // 7) + "\n" + text[end:]
        (example.folder / names[-1]).write_text(body.replace("  code: P-01", f"  code: P-L{index}"), encoding="utf-8")
    line = _strategy_projects(example, names)
    result = cli("validate", "supralocal", "strategia.yaml", cwd=example.folder)
    assert result.returncode == 1, result.stderr
    assert f"strategia.yaml, wiersz {line}," in result.stderr and "błąd [input.too_large_total]" in result.stderr
    assert f"więcej niż {MAX_TOTAL_BYTES // 1024 // 1024} MB" in result.stderr
    assert result.stderr.count("błąd [") == 1


@pytest.mark.parametrize(("old", "field", "limit"), [
    ("      name: Gmina Miejska Wałcz\n", "name", MAX_TEXT_CHARS),  # repeated in every row of a strategy
    ("  code: P-01\n", "code", MAX_TEXT_CHARS),
])
def test_names_a_template_may_repeat_are_bounded(example, old, field, limit):
    file = example.partnership if field == "name" else example.project
    indent = old[: len(old) - len(old.lstrip())]
    line = example.edit(old, f"{indent}{field}: {'N' * (limit + 1)}\n", file=file)
    result = cli("validate", "feasibility", "projekt-p01.yaml", cwd=example.folder)
    assert result.returncode == 1, result.stderr
    maximum = f"{limit:,}".replace(",", "\u00a0")
    assert f"{file.name}, wiersz {line}, kolumna {len(indent) + len(field) + 3}: błąd [field.too_long]" in result.stderr
    assert f"tekst może mieć najwyżej {maximum} znaków" in result.stderr


def test_markdown_marks_count_as_values(example):
    """One text of `**a** *b* ...` would make hundreds of thousands of runs: its marks count as values."""
    text = example.project.read_text(encoding="utf-8")
    start, end = text.index("  problem: |\n"), text.index("  strategy_goal_code:")
    example.project.write_text(text[:start] + "  problem: '" + "**a** *b* " * (MAX_TOTAL_VALUES // 6 + 1) + "'\n"
                               + text[end:], encoding="utf-8")
    result = cli("build", "feasibility", "projekt-p01.yaml", "-o", "w.docx", cwd=example.folder)
    assert result.returncode == 1, result.stderr
    assert "projekt-p01.yaml: błąd [input.too_many_values_total]" in result.stderr
    assert "znacznik Markdown" in result.stderr and not (example.folder / "w.docx").exists()


def _peak_rss_mb(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run the CLI in a fresh parent whose only child it is; the child's peak resident set in MB."""
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "sys.stderr.write(r.stderr); print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "cwd_docs", *args], cwd=cwd,
                            capture_output=True, text=True, timeout=600)
    code, kilobytes = result.stdout.split()
    result.returncode = int(code)
    return result, int(kilobytes) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in kilobytes is Linux's")
@pytest.mark.parametrize("largest", ["list-items", "schedule"])
def test_the_largest_accepted_input_builds_in_bounded_memory(example, largest):
    """The heaviest inputs the limits accept (README, Reliability): under 500 MB of memory."""
    text = example.project.read_text(encoding="utf-8")
    if largest == "list-items":  # the values budget filled with list items, the heaviest value of all
        doc_type, items = "feasibility", MAX_TOTAL_VALUES - 1000
        text = text.replace("\n  next_steps:\n", "\n  next_steps:\n" + "    - x\n" * items, 1)
    else:  # the most tasks, the longest names, the most periods (36 quarters), under 2 MB
        doc_type = "schedule"
        text = text.replace("\n  start: 2027-01-01\n", "\n  start: 2021-01-01\n", 1)
        text = text.replace("\n  end: 2029-06-30\n", "\n  end: 2029-12-31\n", 1)
        name = ("Zadanie o bardzo długiej nazwie " * 60)[:1900]
        count = MAX_TASKS - text[text.index("  tasks:"):text.index("  risks:")].count("- {id:")
        text = text.replace("  tasks:\n", "  tasks:\n" + "".join(
            f"    - {{id: X{k}, name: '{name}', start: 2021-01-01, end: 2029-12-31, responsible: PW}}\n"
            for k in range(count)), 1)
    example.project.write_text(text, encoding="utf-8")
    result, peak = _peak_rss_mb("build", doc_type, "projekt-p01.yaml", "-o", "w.docx", cwd=example.folder)
    assert result.returncode == 0, result.stderr
    assert peak < 500, f"{largest}: {peak:.0f} MB"


def test_json_without_positions_keeps_the_value_limit_of_one_file(example):
    """JSON that YAML cannot read (here a key over YAML's 1 024 characters) is parsed without positions;
    the value limit of one file still holds."""
    from cwd_docs.loading import MAX_NODES

    (example.folder / "dane.json").write_text('{"partnership": "partnerstwo.yaml", "' + "k" * 1100 + '": ['
                                              + ",".join(["0"] * MAX_NODES) + "]}\n", encoding="utf-8")
    result = cli("validate", "feasibility", "dane.json", cwd=example.folder)
    assert result.returncode == 1, result.stderr
    assert "dane.json: błąd [input.too_many_values]" in result.stderr


def test_a_package_folder_over_the_limits_is_told_once(example, tmp_path):
    """Files past the limit of the input set are not read at all: one problem, not one per file."""
    for index in range(12):
        _large_project(example, f"duzy-{index:02d}.yaml", f"P-D{index}", MAX_TOTAL_VALUES // 8)
    result = cli("package", str(example.folder), "-o", str(tmp_path / "wynik"), "-q")
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("błąd [") == 1 and "błąd [input.too_many_values_total]" in result.stderr
    assert not (tmp_path / "wynik").exists()
