"""What the tool wrote: Word edits never lost (issue 24.4), reuse of unchanged documents (issue 25.2),
outputs on any file system and nothing deleted on a record's word (issue 26.8)."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import run_cli
from cwd_docs import build
from cwd_docs.package.build import build_package
from cwd_docs.registry.plugin_manager import get_registry
from cwd_docs.package.written import RECORD

EDIT = "Akapit dopisany przez doradcę w Wordzie."

DOCUMENTS = ["strategia", "P-01-analiza-wykonalnosci", "P-01-harmonogram", "P-01-zarys-wniosku",
             "P-02-analiza-wykonalnosci", "P-02-harmonogram", "P-02-zarys-wniosku"]


def edit_in_word(path: Path) -> bytes:
    document = Document(str(path))
    document.add_paragraph(EDIT)
    document.save(str(path))
    return path.read_bytes()


def has_edit(path: Path) -> bool:
    return any(p.text == EDIT for p in Document(str(path)).paragraphs)


def files_of(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each document file: (inode, mtime, bytes); a file written again gets a new inode (atomic rename)."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in folder.iterdir() if p.suffix in (".docx", ".pdf") and not p.name.startswith(".")}


def rewritten(before: dict, after: dict) -> set[str]:
    return {name.rsplit(".", 1)[0] for name in after if before.get(name, (None, None))[:2] != after[name][:2]}


# ------------------------------------------------------------------ Word edits never lost (24.4)

def test_build_keeps_a_docx_edited_in_word(example, tmp_path):
    target = tmp_path / "analiza.docx"
    build("feasibility", example.project, output=target)
    edited = edit_in_word(target)
    result = run_cli("build", "feasibility", str(example.project), "-o", str(target))
    assert result.returncode == 0, result.stderr
    [kept] = list(tmp_path.glob("analiza.zmieniony-*.docx"))
    assert kept.read_bytes() == edited and has_edit(kept)
    assert not has_edit(target)
    assert f"plik {target} zmieniono po zapisaniu przez cwd-docs (np. w Wordzie)" in result.stderr
    assert f"zachowano go jako {kept}" in result.stderr
    # The tool's own file is replaced silently: a third build keeps nothing more.
    assert run_cli("build", "feasibility", str(example.project), "-o", str(target)).returncode == 0
    assert len(list(tmp_path.glob("analiza.zmieniony-*"))) == 1


def test_build_keeps_a_file_it_did_not_write_and_force_replaces_it(example, tmp_path):
    target = tmp_path / "analiza.docx"
    target.write_bytes(b"plik doradcy")
    build("feasibility", example.project, output=target)
    [kept] = list(tmp_path.glob("analiza.zmieniony-*.docx"))
    assert kept.read_bytes() == b"plik doradcy"
    edit_in_word(target)
    result = run_cli("build", "feasibility", str(example.project), "-o", str(target), "--force")
    assert result.returncode == 0, result.stderr
    assert not has_edit(target) and len(list(tmp_path.glob("analiza.zmieniony-*"))) == 1
    assert "zachowano" not in result.stderr


def test_package_keeps_a_docx_edited_in_word_and_rebuilds_it(example, tmp_path):
    out = tmp_path / "wynik"
    build_package(example.folder, out)
    edited = edit_in_word(out / "P-01-harmonogram.docx")
    before = files_of(out)
    result = run_cli("package", str(example.folder), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    [kept] = list(out.glob("P-01-harmonogram.zmieniony-*.docx"))
    assert kept.read_bytes() == edited and has_edit(kept)
    assert not has_edit(out / "P-01-harmonogram.docx")
    assert f"zachowano go jako {kept}" in result.stderr
    assert rewritten(before, files_of(out)) - {kept.stem} == {"P-01-harmonogram"}  # only the edited one


def test_watch_keeps_a_docx_edited_in_word(example, tmp_path):
    from cwd_docs.cli.watch import Watcher

    out = tmp_path / "wynik"
    watcher = Watcher(example.folder, out, pdf=False, variants=(), timeout=60)
    watcher.round(None)
    edited = edit_in_word(out / "P-01-analiza-wykonalnosci.docx")
    example.edit("Wałcz", "Wałcz ", count=1)
    result = watcher.round([example.project])
    assert out / "P-01-analiza-wykonalnosci.docx" in result.built
    [kept] = result.kept_files
    assert kept.kept_as.read_bytes() == edited and has_edit(kept.kept_as)
    assert kept.kept_as.name.startswith("P-01-analiza-wykonalnosci.zmieniony-")
    assert not has_edit(out / "P-01-analiza-wykonalnosci.docx")


# ------------------------------------------------------------------ reuse of unchanged documents (25.2)

@pytest.fixture
def renders(monkeypatch):
    """The documents rendered (by file stem of their source and type), counted."""
    from cwd_docs.package import build as package

    seen: list[str] = []
    real = package.render

    def counting(doc_type, model, template=None):
        seen.append(doc_type.name)
        return real(doc_type, model, template)

    monkeypatch.setattr(package, "render", counting)
    return seen


def test_an_unchanged_rerun_reuses_every_document(example, tmp_path, renders):
    out = tmp_path / "wynik"
    build_package(example.folder, out)
    assert len(renders) == 7
    before = files_of(out)
    result = build_package(example.folder, out)
    assert len(renders) == 7  # nothing rendered again
    assert files_of(out) == before  # same files, same bytes, untouched
    assert sorted(p.name for p in result.reused) == sorted(f"{d}.docx" for d in DOCUMENTS)
    build_package(example.folder, out, rebuild=True)
    assert len(renders) == 14 and rewritten(before, files_of(out)) == set(DOCUMENTS)


@pytest.mark.parametrize("change, expected", [
    ("project", {"P-01-analiza-wykonalnosci", "P-01-harmonogram", "P-01-zarys-wniosku", "strategia"}),
    ("partnership", set(DOCUMENTS)),
    ("map", {"strategia"}),
    ("template", {"P-01-analiza-wykonalnosci", "P-02-analiza-wykonalnosci"}),
])
def test_one_change_rebuilds_exactly_the_documents_reading_it(example, tmp_path, monkeypatch, change, expected):
    if change == "template":  # a copy of the feasibility template, then the copy changed
        registry = get_registry()
        original = registry.types["feasibility"]
        template = tmp_path / "szablon.docx"
        template.write_bytes(original.template.read_bytes())
        monkeypatch.setitem(registry.types, "feasibility", dataclasses.replace(original, template=template))
    out = tmp_path / "wynik"
    build_package(example.folder, out)
    before = files_of(out)
    if change == "project":
        example.edit("Wałcz", "Wałcz ", count=1)
    elif change == "partnership":
        example.edit("name: Gmina Miejska Wałcz", "name: Gmina Miejska Wałcz (nowa)", file=example.partnership)
    elif change == "map":
        image = example.folder / "mapy" / "osi-lokalne.png"
        image.write_bytes(image.read_bytes() + b"\0")  # another file, the same picture
    else:
        with zipfile.ZipFile(template, "a") as archive:
            archive.comment = b"zmieniony szablon"
    build_package(example.folder, out)
    assert rewritten(before, files_of(out)) == expected


@pytest.mark.libreoffice
def test_an_unchanged_pdf_package_starts_no_libreoffice(example, tmp_path, monkeypatch):
    from cwd_docs.conversion import dispatch, pdf

    out = tmp_path / "wynik"
    build_package(example.folder, out, pdf=True, jobs=2)
    before = files_of(out)
    assert len(before) == 2 * 7 + 1

    def no_libreoffice(*args, **kwargs):
        if args and args[0]:
            raise AssertionError(f"LibreOffice started for {args[0]}")

    monkeypatch.setattr(dispatch, "convert_documents", no_libreoffice)
    monkeypatch.setattr(pdf, "convert_parallel", no_libreoffice)
    result = build_package(example.folder, out, pdf=True, jobs=2)
    assert files_of(out) == before
    assert result.combined == out / "pakiet-dokumentow.pdf"
    # One project's place changed: its documents and the strategy (it reads the project) are rendered
    # again; the two that print the place are converted again, with the combined PDF; the strategy
    # and the schedule render to the same content, so their files stay as they were.
    monkeypatch.undo()
    example.edit("place: Wałcz", "place: Wałcz-Zdrój")
    converted = spy_conversions(monkeypatch)
    build_package(example.folder, out, pdf=True, jobs=2)
    assert rewritten(before, files_of(out)) == {"P-01-analiza-wykonalnosci", "P-01-zarys-wniosku",
                                                "pakiet-dokumentow"}
    assert converted == ["P-01-analiza-wykonalnosci", "P-01-zarys-wniosku"]


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.replace("-\n", "").split())


def spy_conversions(monkeypatch) -> list[str]:
    """The documents (stems) each later package run sends to LibreOffice, the cover left out."""
    from cwd_docs.conversion import dispatch

    real, seen = dispatch.convert_documents, []

    def spying(pairs, *args, **kwargs):
        seen.extend(sorted(source.stem for source, _ in pairs if source.stem != "okladka"))
        return real(pairs, *args, **kwargs)

    monkeypatch.setattr(dispatch, "convert_documents", spying)
    return seen


@pytest.mark.libreoffice
def test_a_field_only_the_feasibility_prints_converts_only_the_feasibility(example, tmp_path, monkeypatch):
    out = tmp_path / "wynik"
    build_package(example.folder, out, pdf=True, jobs=2)
    before = files_of(out)
    strategy_pdf = (out / "strategia.pdf").read_bytes()
    example.edit("    Wariant 1 jako jedyny", "    Po porównaniu wariantów Wariant 1 jako jedyny")
    converted = spy_conversions(monkeypatch)
    result = build_package(example.folder, out, pdf=True, jobs=2)
    assert converted == ["P-01-analiza-wykonalnosci"]
    assert rewritten(before, files_of(out)) == {"P-01-analiza-wykonalnosci", "pakiet-dokumentow"}
    assert "Po porównaniu wariantów" in pdf_text(out / "P-01-analiza-wykonalnosci.pdf")
    assert (out / "strategia.pdf").read_bytes() == strategy_pdf
    assert out / "strategia.pdf" in result.reused
    assert "Po porównaniu wariantów" in pdf_text(out / "pakiet-dokumentow.pdf")  # the new feasibility in it
    # The next run finds everything under the new keys: nothing rendered, nothing converted.
    again = files_of(out)
    build_package(example.folder, out, pdf=True, jobs=2)
    assert converted == ["P-01-analiza-wykonalnosci"] and files_of(out) == again


@pytest.mark.libreoffice
def test_a_pdf_changed_since_it_was_written_is_converted_again_and_kept(example, tmp_path, monkeypatch):
    """Reuse by content needs the files intact: a strategy PDF changed by hand is made again (and kept
    aside), though the strategy's DOCX renders to the same content; a record edited by hand is ignored."""
    out = tmp_path / "wynik"
    build_package(example.folder, out, pdf=True, jobs=2)
    tampered = (out / "strategia.pdf").read_bytes() + b"%dopisane\n"
    (out / "strategia.pdf").write_bytes(tampered)
    example.edit("    Wariant 1 jako jedyny", "    Po porównaniu wariantów Wariant 1 jako jedyny")
    converted = spy_conversions(monkeypatch)
    result = build_package(example.folder, out, pdf=True, jobs=2)
    assert converted == ["P-01-analiza-wykonalnosci", "strategia"]
    assert [k.original.name for k in result.kept] == ["strategia.pdf"]
    assert result.kept[0].kept_as.read_bytes() == tampered
    # The record's conversion key of the schedule changed by hand (its checksum no longer matches):
    # the record is ignored, so nothing is reused and everything is converted.
    record = out / RECORD
    data = json.loads(record.read_text(encoding="utf-8"))
    entry = data["files"]["P-01-harmonogram.pdf"]
    assert len(entry) == 4  # digest, size, key of the inputs, conversion key of the rendered DOCX
    entry[3] = "0" * 64
    record.write_text(json.dumps(data), encoding="utf-8")
    example.edit("    Po porównaniu wariantów Wariant 1 jako jedyny", "    Wariant 1 jako jedyny")
    del converted[:]
    build_package(example.folder, out, pdf=True, jobs=2)
    assert converted == sorted(DOCUMENTS)


# ------------------------------------------------------------------ any file system, nothing deleted (26.8)

def test_temporary_files_live_in_the_output_folder(example, tmp_path, monkeypatch):
    """The work folder is made on the output's file system: inside it, not beside it."""
    import tempfile

    made = []
    real = tempfile.mkdtemp

    def recording(*args, **kwargs):
        made.append(Path(kwargs.get("dir") or ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", recording)
    out = tmp_path / "pendrive"
    build_package(example.folder, out)
    assert made == [out]
    assert not [p for p in out.iterdir() if p.name.startswith(".cwd_docs-") and p.name != RECORD]


def test_a_move_across_file_systems_falls_back_to_a_copy(example, tmp_path, monkeypatch):
    real = os.replace

    def cross_device(source, target):
        if Path(source).parent != Path(target).parent:
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(source))
        return real(source, target)

    monkeypatch.setattr(os, "replace", cross_device)
    out = tmp_path / "wynik"
    build_package(example.folder, out)
    edit_in_word(out / "strategia.docx")
    example.edit("name: Gmina Miejska Wałcz", "name: Gmina Miejska Wałcz (nowa)", file=example.partnership)
    result = build_package(example.folder, out)
    assert sorted(p.name for p in result.docx) == sorted(f"{d}.docx" for d in DOCUMENTS)
    assert all(p.stat().st_size > 10_000 for p in result.docx)
    assert has_edit(result.kept[0].kept_as)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [RECORD]


def test_disk_full_names_the_output_folder(example, tmp_path, monkeypatch):
    from cwd_docs.package import build as package

    out = tmp_path / "wynik"

    def full(doc_type, model, template=None):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / ".cwd_docs-abc" / "strategia.docx"))

    monkeypatch.setattr(package, "render", full)
    with pytest.raises(OSError) as caught:
        build_package(example.folder, out)
    assert caught.value.filename == str(out) and caught.value.errno == errno.ENOSPC
    assert not out.exists()  # made by this run, left empty: removed


def test_package_says_how_many_documents_it_left_as_they_were(example, tmp_path):
    out = tmp_path / "wynik"
    build_package(example.folder, out)
    result = run_cli("package", str(example.folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    documents = len(list(out.glob("*.docx")))
    assert f"treść bez zmian, więc bez ponownego tworzenia: {documents}" in result.stderr.replace("\u00a0", " ")
