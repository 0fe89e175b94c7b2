"""The whole set for a partnership: every document from a folder of inputs, DOCX and PDF.

All inputs are validated first (every problem from every file, then stop, writing nothing);
the documents are rendered into a temporary folder beside the output and moved in only when
everything, PDFs included, has succeeded.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .api import get_document_type, render
from .doctype import DocumentType
from .loading import LoadFailed, read_data_file
from .output import refuse_overwriting_inputs
from .plugin_manager import get_registry
from .problems import InputError, Problem, UsageError, error
from .validation import ValidationResult, validate_file

INPUT_SUFFIXES = (".yaml", ".yml", ".json")
PROJECT_TYPES = ("feasibility", "schedule")
OUTLINE_TYPE = "application_outline"
COMBINED_NAME = "pakiet-dokumentow.pdf"
Progress = Callable[[str], None]


@dataclass
class PlannedDocument:
    doc_type: DocumentType
    source: Path
    stem: str
    label: str  # short, for page labels: "P-01 analiza"
    result: ValidationResult | None = None

    @property
    def title(self) -> str:
        model = self.result.model if self.result else None
        project = getattr(model, "project", None)
        if project is not None:
            return f"{self.doc_type.title} – {project.code} {project.title}"
        strategy = getattr(model, "strategy", None)
        return strategy.name if strategy is not None else self.doc_type.title


@dataclass
class PackageResult:
    folder: Path
    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    combined: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


def safe_stem(text: str) -> str:
    """A file-name part from data: no path separators, no leading dots, nothing outside [A-Za-z0-9._-]."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")
    return stem[:60] or "dokument"


def plan_package(folder: Path, strategy_type: str = "supralocal") -> tuple[list[PlannedDocument], list[Problem]]:
    """Which documents the folder's inputs make; unreadable files are problems, not exceptions."""
    if not folder.is_dir():
        raise UsageError(f"{folder} nie jest katalogiem")
    documents: list[PlannedDocument] = []
    problems: list[Problem] = []
    stems: set[str] = set()

    def add(type_name: str, source: Path, stem: str, label: str) -> None:
        unique, counter = stem, 2
        while unique in stems:
            unique, counter = f"{stem}-{counter}", counter + 1
        stems.add(unique)
        documents.append(PlannedDocument(get_document_type(type_name), source, unique, label))

    for source in sorted(p for p in folder.iterdir() if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()):
        try:
            data, _ = read_data_file(source)
        except LoadFailed as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(data, dict):
            continue
        if "strategy" in data:
            add(strategy_type, source, "strategia", "Strategia")
        elif "project" in data:
            project = data.get("project")
            code = str(project.get("code", source.stem)) if isinstance(project, dict) else source.stem
            stem = safe_stem(code)
            add("feasibility", source, f"{stem}-analiza-wykonalnosci", f"{code} analiza")
            add("schedule", source, f"{stem}-harmonogram", f"{code} harmonogram")
            if "application" in data:
                add(OUTLINE_TYPE, source, f"{stem}-zarys-wniosku", f"{code} zarys wniosku")
    # The strategy first, then each project's documents.
    documents.sort(key=lambda d: 0 if d.stem == "strategia" else 1)
    if not documents and not problems:
        problems.append(error("package.empty", "w katalogu nie ma plików projektów (z polem project) ani "
                                               "strategii (z polem strategy)").located(str(folder), None, None))
    return documents, problems


def validate_package(folder: Path, strategy_type: str = "supralocal") -> tuple[list[PlannedDocument], list[Problem]]:
    documents, problems = plan_package(folder, strategy_type)
    seen: set[tuple] = set()
    for document in documents:
        document.result = validate_file(document.doc_type, document.source,
                                        get_registry().extra_rules.get(document.doc_type.name, ()))
        for problem in document.result.problems:
            # One place in one file is one problem, however many documents read that file.
            key = (problem.code, problem.file, problem.line, problem.column, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    return documents, problems


def build_package(folder: Path | str, output: Path | str, pdf: bool = False, jobs: int = 1,
                  strategy_type: str = "supralocal", progress: Progress | None = None,
                  timeout_per_document: float = 120.0) -> PackageResult:
    folder, output = Path(folder), Path(output)
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} istnieje i nie jest katalogiem")
    documents, problems = validate_package(folder, strategy_type)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InputError(errors)
    inputs = {f for d in documents if d.result for f in d.result.input_files}
    for document in documents:
        refuse_overwriting_inputs(output / f"{document.stem}.docx", inputs)
    say = progress or (lambda message: None)
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        result = _build_into(work, documents, pdf, jobs, say, timeout_per_document)
        result.warnings = [p for p in problems if not p.is_error]
        return _move_into_place(work, output, result)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _build_into(work: Path, documents: list[PlannedDocument], pdf: bool, jobs: int, say: Progress,
                timeout: float) -> PackageResult:
    result = PackageResult(folder=work)
    total = len(documents)
    for index, document in enumerate(documents, start=1):
        target = work / f"{document.stem}.docx"
        target.write_bytes(render(document.doc_type, document.result.model))
        result.docx.append(target)
        say(f"[{index}/{total}] DOCX {target.name}")
    if not pdf:
        return result
    from .pdf import convert_parallel

    cover = render_cover(documents, work / "okladka.docx")
    pairs = [(docx, docx.with_suffix(".pdf")) for docx in result.docx]
    done = [0]

    def converted(source: Path) -> None:
        if source != cover:
            done[0] += 1
            say(f"[{done[0]}/{total}] PDF {source.with_suffix('.pdf').name}")

    # The cover converts in the same batch: no extra LibreOffice start-up.
    convert_parallel([(cover, cover.with_suffix(".pdf"))] + pairs, jobs=jobs, timeout_per_document=timeout,
                     on_done=converted)
    result.pdf = [target for _, target in pairs]
    result.combined = work / COMBINED_NAME
    combine_pdfs(documents, cover.with_suffix(".pdf"), result.pdf, result.combined)
    say(f"PDF zbiorczy {COMBINED_NAME}")
    return result


MANIFEST = ".cwd_docs-pakiet.txt"


def _move_into_place(work: Path, output: Path, result: PackageResult) -> PackageResult:
    """Move the new files in, then remove the files an earlier package run made that this one did not
    (a PDF from an earlier --pdf run must not sit beside newer DOCX files). Other files are kept."""
    output.mkdir(parents=True, exist_ok=True)
    manifest = output / MANIFEST
    try:
        previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
    except OSError:
        previous = set()
    moved = PackageResult(folder=output, warnings=result.warnings)
    for source in result.docx:
        os.replace(source, output / source.name)
        moved.docx.append(output / source.name)
    for source in result.pdf:
        os.replace(source, output / source.name)
        moved.pdf.append(output / source.name)
    if result.combined is not None:
        os.replace(result.combined, output / result.combined.name)
        moved.combined = output / result.combined.name
    produced = moved.docx + moved.pdf + ([moved.combined] if moved.combined else [])
    for path in produced:
        os.chmod(path, _default_mode())
    names = {p.name for p in produced}
    for stale in previous - names:
        if "/" not in stale and stale not in (MANIFEST,):
            (output / stale).unlink(missing_ok=True)
    from .output import write_atomic

    write_atomic(manifest, ("\n".join(sorted(names)) + "\n").encode("utf-8"))
    return moved


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def render_cover(documents: list[PlannedDocument], target: Path) -> Path:
    from .rendering import render_docx
    from .resources import template_dir

    first = documents[0].result.model
    target.write_bytes(render_docx(template_dir("package_cover") / "template.docx", {
        "partnership": first.partnership,
        "document": first.document,
        "documents": [{"title": d.title, "file": f"{d.stem}.docx"} for d in documents],
    }))
    return target


def combine_pdfs(documents: list[PlannedDocument], cover_pdf: Path, pdfs: list[Path], target: Path) -> None:
    """One PDF: a cover, then each document with a bookmark (its chapters beneath) and page labels."""
    from pypdf import PdfWriter

    partnership = documents[0].result.model.partnership
    writer = PdfWriter()
    writer.append(str(cover_pdf), outline_item="Strona tytułowa", import_outline=False)
    writer.set_page_label(0, len(writer.pages) - 1, style="/r")
    for document, pdf in zip(documents, pdfs):
        start = len(writer.pages)
        writer.append(str(pdf), outline_item=document.title, import_outline=True)
        writer.set_page_label(start, len(writer.pages) - 1, style="/D", prefix=f"{document.label} – ", start=1)
    writer.add_metadata({
        "/Title": f"Dokumenty partnerstwa {partnership.name}",
        "/Author": partnership.name,
        "/Subject": "Dokumenty Centrum Wsparcia Doradczego: " + "; ".join(
            sorted({d.doc_type.title for d in documents})),
        "/Keywords": ", ".join(["CWD", "Centrum Wsparcia Doradczego", partnership.display_name]
                               + [d.label for d in documents]),
        "/Creator": "cwd_docs",
    })
    writer.page_mode = "/UseOutlines"
    with open(target, "wb") as stream:
        writer.write(stream)


def terminal_progress(quiet: bool) -> Progress | None:
    """Progress lines on a terminal only: nothing when quiet or when stderr is not a TTY."""
    if quiet or not sys.stderr.isatty():
        return None

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    return say


__all__ = ["build_package", "validate_package", "plan_package", "PackageResult", "safe_stem", "terminal_progress",
           "combine_pdfs"]
