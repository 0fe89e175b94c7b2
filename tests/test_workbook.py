"""A workbook for the tables (issue 24 point 1): the same document from YAML lists and from a workbook
of the same data; every problem in a cell located as "budzet.xlsx, arkusz Zadania, komórka D7"."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cwd_docs.api import build_bytes, validate
from conftest import run_cli


def document_xml(type_name: str, source: Path) -> bytes:
    return zipfile.ZipFile(io.BytesIO(build_bytes(type_name, source).docx)).read("word/document.xml")


@pytest.fixture
def tabled(example):
    """The shipped example with its tables moved into workbooks (project and partnership)."""
    original = example.folder.parent / "oryginal"
    import shutil

    shutil.copytree(example.folder, original)
    done = run_cli("tables", "feasibility", str(example.project))
    assert done.returncode == 0, done.stderr
    done = run_cli("tables", "partnership", str(example.partnership), "-o", "czlonkowie.xlsx")
    assert done.returncode == 0, done.stderr
    example.original = original
    example.workbook = example.folder / "budzet.xlsx"
    return example


def test_the_example_from_yaml_and_from_its_workbook_makes_the_same_document(tabled):
    text = tabled.project.read_text(encoding="utf-8")
    assert "workbook: budzet.xlsx" in text and "- {id: T1" not in text  # the lists are in the workbook only
    partnership = tabled.partnership.read_text(encoding="utf-8")
    assert "  workbook: czlonkowie.xlsx" in partnership and "teryt:" not in partnership
    assert validate("partnership", tabled.partnership).ok
    book = load_workbook(tabled.workbook)
    assert book.sheetnames == ["Objaśnienia", "Koszty", "Finansowanie", "Wskaźniki", "Zadania", "Listy"]
    assert [c.value for c in book["Zadania"][1]][:6] == ["Identyfikator zadania", "Nazwa zadania", "Opis zadania",
                                                         "Początek", "Koniec", "Odpowiedzialny członek partnerstwa"]
    assert book["Koszty"]["B2"].number_format == "#,##0.00"
    validations = {str(v.sqref): v.formula1 for v in book["Zadania"].data_validations.dataValidation}
    members = [m.id for m in validate("partnership", tabled.original / "partnerstwo.yaml").model.members]
    assert validations["F2:F209"] == f"Listy!$A$2:$A${len(members) + 1}"  # the partnership's member ids
    assert [c.value for c in book["Listy"]["A"] if c.value is not None][1:] == members
    for type_name in ("feasibility", "schedule"):
        assert document_xml(type_name, tabled.project) == document_xml(type_name, tabled.original / "projekt-p01.yaml")
    result = validate("feasibility", tabled.project)
    assert tabled.workbook in result.input_files  # watch rebuilds when the workbook is saved
    assert tabled.folder / "czlonkowie.xlsx" in result.input_files


@pytest.mark.parametrize("type_name,source", [("supralocal", "strategia.yaml"), ("application_outline", "projekt.yaml")])
def test_init_xlsx_writes_the_file_and_its_workbook(tmp_path, type_name, source):
    done = run_cli("init", type_name, "--xlsx", "-o", str(tmp_path / "nowy"))
    assert done.returncode == 0, done.stderr
    result = validate(type_name, tmp_path / "nowy" / source)
    assert result.ok, [p.describe() for p in result.problems]
    assert tmp_path / "nowy" / "budzet.xlsx" in result.input_files


def edit_cell(path: Path, sheet: str, cell: str, value) -> None:
    """Change one cell and save as Excel does: a whole new file put in place of the old one."""
    import os

    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path.with_name(path.name + ".tmp"))
    os.replace(path.with_name(path.name + ".tmp"), path)


def build_fails(example, *located: str) -> list[str]:
    out = example.folder / "wynik.docx"
    done = run_cli("build", "feasibility", str(example.project), "-o", str(out))
    assert done.returncode == 1, done.stderr
    assert not out.exists()
    lines = [line for line in done.stderr.splitlines() if "błąd [" in line]
    for text in located:
        assert text in lines, lines
    return lines


def test_a_corrupted_cell_is_located_with_the_yaml_code(tabled):
    edit_cell(tabled.workbook, "Koszty", "C3", "dużo")
    edit_cell(tabled.workbook, "Zadania", "D8", "30.02.2028")
    build_fails(tabled,
                f"{tabled.workbook}, arkusz Koszty, komórka C3: błąd [number.format] pole project.costs[1].eligible: "
                "niepoprawna liczba 'dużo'; podaj kwotę w złotych, np. 1234.50, '1 234,50' albo '1.234,50 zł'",
                f"{tabled.workbook}, arkusz Zadania, komórka D8: błąd [date.no_such_day] pole project.tasks[6].start "
                "(zadanie T7): niepoprawna data '30.02.2028': nie ma dnia 30 lutego 2028")


def test_polish_typing_in_cells_is_read(tabled):
    edit_cell(tabled.workbook, "Koszty", "B7", "24.600,00 zł")
    edit_cell(tabled.workbook, "Zadania", "D8", "01.01.2027 r.")
    result = validate("feasibility", tabled.project)
    assert result.ok, [p.describe() for p in result.problems]
    assert result.model.project.costs[5].total == Decimal("24600.00")


def test_a_missing_sheet_is_told(tabled):
    book = load_workbook(tabled.workbook)
    del book["Zadania"]
    book.save(tabled.workbook)
    build_fails(tabled, f"{tabled.workbook}: błąd [workbook.sheet_missing] pole project.tasks: w skoroszycie brak "
                        "arkusza 'Zadania' z listą project.tasks; dodaj arkusz albo wpisz listę w pliku projekt-p01.yaml")


def test_a_wrong_header_is_told_at_its_cell(tabled):
    # a required column (the target; name, kind and unit may come from the table of common indicators)
    edit_cell(tabled.workbook, "Wskaźniki", "E1", "Docelowa")
    lines = build_fails(tabled)
    assert lines[0].startswith(f"{tabled.workbook}, arkusz Wskaźniki, komórka E1: błąd [workbook.header] pole "
                               "project.indicators: nieznany nagłówek kolumny 'Docelowa'; kolumny tego arkusza: "
                               "'Nazwa wskaźnika', 'Rodzaj wskaźnika', 'Jednostka miary', 'Wartość bazowa', "
                               "'Wartość docelowa'")
    assert any("[workbook.column_missing]" in line and "brak kolumny 'Wartość docelowa' (pole target)" in line
               for line in lines)
    assert not any("[field." in line for line in lines)  # the list was not read: not reported missing too


def test_a_formula_without_its_value_is_told(tabled):
    edit_cell(tabled.workbook, "Finansowanie", "C3", "=C2/10")  # openpyxl saves no computed value
    build_fails(tabled, f"{tabled.workbook}, arkusz Finansowanie, komórka C3: błąd [workbook.formula] pole "
                        "project.funding[1].amount: komórka zawiera formułę =C2/10 bez obliczonej wartości (plik "
                        "zapisał program, który nie przelicza formuł); otwórz skoroszyt w Excelu lub LibreOffice Calc "
                        "i zapisz go ponownie albo wpisz wartość")


def test_an_empty_required_column_is_told_at_each_cell(tabled):
    book = load_workbook(tabled.workbook)
    for row in range(2, 10):
        book["Zadania"].cell(row, 2).value = None
    book.save(tabled.workbook)
    lines = build_fails(tabled)
    assert lines[0] == (f"{tabled.workbook}, arkusz Zadania, komórka B2: błąd [field.missing] pole project.tasks[0].name "
                        "(zadanie T1): brak wymaganego pola 'name'")
    assert len([line for line in lines if "[field.missing]" in line and "arkusz Zadania, komórka B" in line]) == 8


def test_a_list_in_both_the_yaml_and_the_workbook_is_refused(tabled):
    original = (tabled.original / "projekt-p01.yaml").read_text(encoding="utf-8")
    tasks = original[original.index("  tasks:\n"):original.index("  risks:")]
    text = tabled.project.read_text(encoding="utf-8")
    tabled.project.write_text(text.replace("  # tasks: w skoroszycie budzet.xlsx, arkusz Zadania\n", tasks),
                              encoding="utf-8")
    line = tabled.line_of("    - {id: T1")
    build_fails(tabled, f"{tabled.project}, wiersz {line}, kolumna 5: błąd [workbook.both] pole project.tasks: lista "
                        "project.tasks jest i w tym pliku, i w arkuszu 'Zadania' skoroszytu budzet.xlsx; usuń jedną "
                        "z nich")


def test_a_damaged_workbook_is_told_at_the_reference(tabled):
    tabled.workbook.write_bytes(b"to nie jest skoroszyt")
    line = tabled.line_of("workbook: budzet.xlsx")
    build_fails(tabled, f"{tabled.project}, wiersz {line}, kolumna 11: błąd [workbook.unreadable] pole workbook: "
                        "nie można odczytać skoroszytu 'budzet.xlsx': plik nie jest poprawnym skoroszytem .xlsx")


def test_watch_rebuilds_when_the_workbook_is_saved(tabled, tmp_path):
    from test_watch import WatchRun

    from conftest import docx_text

    out = tmp_path / "wynik"
    run = WatchRun(tabled.folder, out)
    try:
        first = run.next_round()
        assert run.ready.wait(30)
        assert "P-01-analiza-wykonalnosci.docx" in {p.name for p in first.built}
        edit_cell(tabled.workbook, "Zadania", "B8", "Informacja, promocja i edukacja rowerowa")
        saved = run.next_round()
        names = {p.name for p in saved.built}
        assert "P-01-harmonogram.docx" in names and not any(name.startswith("P-02") for name in names)
        assert "promocja i\u00a0edukacja rowerowa" in docx_text(out / "P-01-harmonogram.docx")  # one-letter word kept
    finally:
        run.close()
