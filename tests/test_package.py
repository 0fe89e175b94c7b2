"""The partnership package: every document from a folder, validated first, PDFs combined."""

import stat
import sys
import textwrap
from pathlib import Path

import pytest

from cwd_docs import InputError
from cwd_docs.package.build import build_package, safe_stem
from cwd_docs.conversion.pdf import ConversionError, convert_to_pdf, find_converter
from conftest import run_cli


def test_package_builds_every_document_strategy_first(example, tmp_path):
    out = tmp_path / "wynik"
    result = build_package(example.folder, out)
    assert [p.name for p in result.docx] == ["strategia.docx", "P-01-analiza-wykonalnosci.docx",
                                             "P-01-harmonogram.docx", "P-01-zarys-wniosku.docx",
                                             "P-02-analiza-wykonalnosci.docx", "P-02-harmonogram.docx",
                                             "P-02-zarys-wniosku.docx"]
    assert all(p.exists() and p.stat().st_size > 10_000 for p in result.docx)
    assert sorted(p.name for p in out.iterdir()) == sorted([p.name for p in result.docx] + [".cwd_docs-zapisane.txt"])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # temp folder removed


def test_broken_file_anywhere_leaves_output_untouched(example, tmp_path):
    out = tmp_path / "wynik"
    out.mkdir()
    (out / "stary.docx").write_bytes(b"poprzednia wersja")
    nip_line = example.edit('nip: "7652112237"', 'nip: "7652112238"', file=example.partnership)
    map_line = example.edit("map: mapy/model-funkcjonalno-przestrzenny.png", "map: mapy/brak.png",
                            file=example.folder / "strategia.yaml")
    (example.folder / "zepsuty.yaml").write_text("project: [\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_package(example.folder, out)
    found = {(p.code, Path(p.file).name, p.line) for p in caught.value.problems}
    assert ("nip.checksum", "partnerstwo.yaml", nip_line) in found
    assert ("image.missing", "strategia.yaml", map_line) in found
    assert any(code == "yaml.syntax" and name == "zepsuty.yaml" for code, name, _ in found)
    # each problem once, although every document reads the same partnership file
    assert len([p for p in caught.value.problems if p.code == "nip.checksum"]) == 1
    assert [p.name for p in out.iterdir()] == ["stary.docx"]
    assert (out / "stary.docx").read_bytes() == b"poprzednia wersja"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_output_names_from_data_cannot_escape(example, tmp_path):
    example.edit("  code: P-01", '  code: "../../../etc/P 01"')
    result = build_package(example.folder, tmp_path / "wynik")
    assert all(p.parent == tmp_path / "wynik" for p in result.docx)
    assert "etc-P-01-analiza-wykonalnosci.docx" in [p.name for p in result.docx]
    assert safe_stem("..") == "dokument" and safe_stem("a/b\\c") == "a-b-c"


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "dane").mkdir()
    result = run_cli("package", str(tmp_path / "dane"), "-o", str(tmp_path / "wynik"))
    assert result.returncode == 1 and "[package.empty]" in result.stderr
    assert not (tmp_path / "wynik").exists()


def test_cli_package_without_tty_prints_no_progress(example, tmp_path):
    result = run_cli("package", str(example.folder), "-o", str(tmp_path / "wynik"))
    assert result.returncode == 0, result.stderr
    assert "[1/" not in result.stderr
    # the only warnings of the shipped example: provisions whose wording the advisor should check, P-02's
    # ESF+-type activities above 15% of its eligible cost (cross-financing, a priority's limit the call decides),
    # and the contacts' e-mail and telephone, left to the offices (a gap)
    def shown(stderr):
        return [line for line in stderr.strip().splitlines() if "legal.unverified" not in line
                and "finance.cross_financing" not in line and "contact.missing" not in line
                and not line.startswith("Znaleziono")]

    assert shown(result.stderr) == [f"Utworzono 7 dokumentów w katalogu {tmp_path / 'wynik'}"]
    quiet = run_cli("package", str(example.folder), "-o", str(tmp_path / "wynik2"), "--quiet")
    assert quiet.returncode == 0 and shown(quiet.stderr) == []


def test_progress_callback_reports_each_document(example, tmp_path):
    messages = []
    build_package(example.folder, tmp_path / "wynik", progress=messages.append)
    assert messages == ["[1/7] DOCX strategia.docx", "[2/7] DOCX P-01-analiza-wykonalnosci.docx",
                        "[3/7] DOCX P-01-harmonogram.docx", "[4/7] DOCX P-01-zarys-wniosku.docx",
                        "[5/7] DOCX P-02-analiza-wykonalnosci.docx", "[6/7] DOCX P-02-harmonogram.docx",
                        "[7/7] DOCX P-02-zarys-wniosku.docx"]


def test_missing_libreoffice_names_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setenv("CWD_DOCS_SOFFICE", str(tmp_path / "brak-soffice"))
    with pytest.raises(ConversionError) as caught:
        find_converter()
    assert "apt-get install libreoffice-writer-nogui" in str(caught.value)


def test_missing_libreoffice_in_cli_exits_3_and_writes_nothing(example, tmp_path):
    out = tmp_path / "wynik"
    result = run_cli("package", str(example.folder), "-o", str(out), "--pdf",
                     env={"CWD_DOCS_SOFFICE": str(tmp_path / "brak")})
    assert result.returncode == 3
    assert "apt-get install" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.libreoffice
def test_hanging_converter_is_killed_and_named(example, tmp_path, monkeypatch):
    from cwd_docs import build

    docx = build("schedule", example.project, output=tmp_path / "harmonogram.docx").docx
    pid_file = tmp_path / "pid"
    monkeypatch.setenv("CWD_DOCS_SOFFICE", str(fake_soffice(tmp_path, f"echo $$ > {pid_file}\nexec sleep 300\n")))
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([(docx, tmp_path / "h.pdf")], timeout_per_document=1, startup_timeout=2)
    assert "harmonogram.docx" in str(caught.value) and "przerwano" in str(caught.value)
    assert not (tmp_path / "h.pdf").exists()
    import time

    pid = int(pid_file.read_text())
    for _ in range(50):  # the killed process may take a moment to be reaped
        status = Path(f"/proc/{pid}/stat")
        if not status.exists() or status.read_text().split()[2] == "Z":
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the hung converter (pid {pid}) is still running")


@pytest.mark.libreoffice
def test_crashing_converter_is_reported(example, tmp_path, monkeypatch):
    from cwd_docs import build

    docx = build("schedule", example.project, output=tmp_path / "harmonogram.docx").docx
    monkeypatch.setenv("CWD_DOCS_SOFFICE", str(fake_soffice(tmp_path, "exit 139\n")))
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([(docx, tmp_path / "h.pdf")], timeout_per_document=5, startup_timeout=10)
    assert "nie uruchomił się" in str(caught.value)


def test_empty_pdf_is_refused(tmp_path, monkeypatch):
    from cwd_docs.conversion import pdf

    monkeypatch.setattr(pdf, "_run_converter", lambda *args, **kwargs: {0: ""})
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    with pytest.raises(ConversionError) as caught:
        convert_to_pdf([(source, tmp_path / "a.pdf")], converter=pdf.Converter("soffice", sys.executable))
    assert "pusty PDF" in str(caught.value)
    assert not (tmp_path / "a.pdf").exists()


@pytest.mark.libreoffice
def test_package_pdf_combined_with_bookmarks_labels_and_metadata(example, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "wynik"
    result = build_package(example.folder, out, pdf=True, jobs=2)
    assert [p.name for p in result.pdf] == [p.with_suffix(".pdf").name for p in result.docx]
    reader = PdfReader(str(result.combined))
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == [
        "Strona tytułowa",
        "Strategia rozwoju ponadlokalnego Partnerstwa Powiatu Wałeckiego na lata 2021–2030",
        "Wstępna analiza wykonalności – P-01 Pojezierze Wałeckie na rowerze – budowa drogi rowerowej Wałcz – "
        "Tuczno – Człopa",
        "Harmonogram realizacji projektu – P-01 Pojezierze Wałeckie na rowerze – budowa drogi rowerowej Wałcz – "
        "Tuczno – Człopa",
        "Zarys wniosku o dofinansowanie projektu – P-01 Pojezierze Wałeckie na rowerze – budowa drogi rowerowej "
        "Wałcz – Tuczno – Człopa",
        "Wstępna analiza wykonalności – P-02 Kluby Seniora w Człopie i Tucznie – wspólne usługi opiekuńcze "
        "partnerstwa",
        "Harmonogram realizacji projektu – P-02 Kluby Seniora w Człopie i Tucznie – wspólne usługi opiekuńcze "
        "partnerstwa",
        "Zarys wniosku o dofinansowanie projektu – P-02 Kluby Seniora w Człopie i Tucznie – wspólne usługi "
        "opiekuńcze partnerstwa",
    ]
    chapters = reader.outline[reader.outline.index(top[2]) + 1]
    assert [c.title.replace("\u00a0", " ") for c in chapters if not isinstance(c, list)][:2] == [
        "1. Streszczenie", "2. Definicja i lokalizacja projektu"]
    assert reader.page_labels[0] == "i"
    analysis_start = reader.get_destination_page_number(top[2])
    assert reader.page_labels[analysis_start] == "P-01 analiza – 1"
    meta = reader.metadata
    assert meta.author == "Sieć Współpracy Zarządzania Strategicznego Gmin na Rzecz Kompleksowego Rozwoju " \
                          "Powiatu Wałeckiego"
    assert meta.title.startswith("Dokumenty partnerstwa") and "CWD" in meta["/Keywords"]
    assert "Wstępna analiza wykonalności" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "pl-PL"
    total = sum(len(PdfReader(str(p)).pages) for p in result.pdf)
    assert len(reader.pages) == total + 1
    # the table of contents of each PDF shows real page numbers
    analysis = PdfReader(str(out / "P-01-analiza-wykonalnosci.pdf"))
    assert "zostanie uzupełniony" not in analysis.pages[1].extract_text()


def test_a_later_run_removes_what_an_earlier_run_made_and_keeps_other_files(example, tmp_path):
    out = tmp_path / "wynik"
    build_package(example.folder, out)
    (out / "notatki-doradcy.txt").write_text("moje", encoding="utf-8")
    (example.folder / "projekt-p02.yaml").unlink()
    example.edit("  - projekt-p02.yaml\n", "", file=example.folder / "strategia.yaml")
    result = build_package(example.folder, out)
    names = sorted(p.name for p in out.iterdir())
    assert "P-02-harmonogram.docx" not in names and "notatki-doradcy.txt" in names
    assert len(result.docx) == 4


def test_package_timeout_and_jobs_are_checked(example, tmp_path):
    for option, value in (("--timeout", "nan"), ("--timeout", "0"), ("--jobs", "0"), ("--jobs", "abc")):
        result = run_cli("package", str(example.folder), "-o", str(tmp_path / "w"), option, value)
        assert result.returncode == 2, (option, value, result.stderr)
        assert "Traceback" not in result.stderr and "invalid" not in result.stderr
