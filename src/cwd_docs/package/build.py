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
from typing import Any, Callable, Sequence

from ..api import list_document_types, render
from ..doctype import DocumentType, PackageRole
from ..loading import InputSession, LoadFailed, PackageInput
from .atomic import refuse_overwriting_inputs
from .output import (MANIFEST, Written, file_record, manifest_text, move_all_into_place, read_manifest,
                             refuse_output_holding_inputs, refuse_unreplaceable_targets, remove_stale)
from ..registry.plugin_manager import get_registry
from ..problems import InputError, PluginError, Problem, UsageError, error, final_refusals, has_errors, sort_problems
from ..validation.validate import ValidationResult, type_rules

INPUT_SUFFIXES = (".yaml", ".yml", ".json")
COMBINED_NAME = "pakiet-dokumentow.pdf"
COVER_TEMPLATE = "package_cover"
Progress = Callable[[str], None]


@dataclass
class PlannedDocument:
    doc_type: DocumentType
    source: Path
    stem: str = ""
    label: str = ""  # short, for page labels: "P-01 analiza"
    title: str = ""  # bookmark and cover line
    result: ValidationResult | None = None

    @property
    def role(self) -> PackageRole:
        assert self.doc_type.package is not None
        return self.doc_type.package


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


def package_types() -> list[DocumentType]:
    return [t for t in list_document_types() if t.package is not None]


def variant_choices() -> dict[str, list[str]]:
    """Choice name -> the types that are alternatives for one input file (`--variant` picks one)."""
    choices: dict[str, list[str]] = {}
    for doc_type in package_types():
        if doc_type.package.choice:
            choices.setdefault(doc_type.package.choice, []).append(doc_type.name)
    return choices


def _chosen(types: list[DocumentType], variants: Sequence[str]) -> list[DocumentType]:
    """Of alternatives (one choice), the one named in variants, else the default, else the first."""
    kept, groups = [], {}
    for doc_type in types:
        choice = doc_type.package.choice
        if not choice:
            kept.append(doc_type)
        else:
            groups.setdefault(choice, []).append(doc_type)
    for alternatives in groups.values():
        named = [t for t in alternatives if t.name in variants]
        default = [t for t in alternatives if t.package.default]
        kept.append((named or default or alternatives)[0])
    return kept


def plan_package(folder: Path, variants: Sequence[str] = ()) -> tuple[list[PlannedDocument], list[Problem], InputSession]:
    """Which documents the folder's inputs make, each input file read once; unreadable files are problems."""
    if not folder.is_dir():
        raise UsageError(f"{folder} nie jest katalogiem")
    types = package_types()
    unknown = [v for v in variants if v not in {t.name for t in types if t.package.choice}]
    if unknown:
        raise UsageError(f"nieznany wariant {unknown[0]!r}; dostępne: "
                         + (", ".join(n for names in variant_choices().values() for n in names) or "brak"))
    documents: list[PlannedDocument] = []
    reader = InputSession()
    for source in sorted(p for p in folder.iterdir() if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()):
        try:
            data, _ = reader.read(source)
        except LoadFailed as exc:
            reader.problems.extend(exc.problems)
            continue
        if not isinstance(data, dict):
            continue
        readers = [t for t in types if _reads(t, data)]
        documents += [PlannedDocument(t, source) for t in _chosen(readers, variants)]
    if not documents and not reader.problems:
        titles = ", ".join(sorted({t.title for t in types})) or "brak"
        reader.problems.append(error(
            "package.empty", f"w katalogu nie ma plików danych żadnego dokumentu pakietu (pakiet tworzą: {titles})"
        ).located(str(folder), None, None))
    return documents, reader.problems, reader


def _reads(doc_type: DocumentType, data: dict) -> bool:
    try:
        return bool(doc_type.package.reads(data))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # sys.exit() in a plugin is its failure, not the end of the run
        raise PluginError(f"wtyczka {doc_type.plugin!r} (typ {doc_type.name}) nie rozpoznaje plików pakietu: "
                          f"{type(exc).__name__}: {exc}") from exc


def validate_package(folder: Path, variants: Sequence[str] = ()) -> tuple[list[PlannedDocument], list[Problem]]:
    """Every input file validated once (against the model all its documents accept), every problem once."""
    documents, problems, reader = plan_package(folder, variants)
    by_file: dict[Path, list[PlannedDocument]] = {}
    for document in documents:
        by_file.setdefault(document.source, []).append(document)
    inputs = {source: PackageInput(_common_model(source, docs), _include_keys(docs)) for source, docs in by_file.items()}
    session = reader.continued(inputs)
    extra = get_registry().extra_rules
    # Every file's schema first: the objects are whole (a strategy has linked the projects it lists)
    # before any rule runs; then the rules, file by file.
    for source in by_file:
        session.check(source, inputs[source].model, inputs[source].include_keys, ())
    for source, docs in by_file.items():
        rules = [rule for d in docs for rule in type_rules(d.doc_type, extra.get(d.doc_type.name, ()))]
        unit = session.check(source, inputs[source].model, inputs[source].include_keys, rules)
        for document in docs:
            document.result = ValidationResult(document.doc_type, source, unit.model, included_files=unit.included_files)
    problems = sort_problems(session.problems)
    if not has_errors(problems):
        _name_documents(documents)
    return documents, problems


def _common_model(source: Path, documents: list[PlannedDocument]) -> type:
    """The model every document of one file accepts: the most derived one (all others its bases)."""
    models = [d.doc_type.input_model for d in documents]
    for model in models:
        if all(issubclass(model, other) for other in models):
            return model
    names = ", ".join(d.doc_type.name for d in documents)
    raise PluginError(f"typy dokumentów {names} czytają plik {source.name}, ale ich schematy danych się "
                      "wykluczają (schemat jednego z nich musi rozszerzać pozostałe)")


def _include_keys(documents: list[PlannedDocument]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for d in documents for key in d.doc_type.include_keys))


def _name_documents(documents: list[PlannedDocument]) -> None:
    """File names, labels and titles from each type's package role; order by section, file, order."""
    for document in documents:
        model, role = document.result.model, document.role
        try:
            document.stem = safe_stem(str(role.file_name(model)))
            document.label, document.title = str(role.label(model)), str(role.title(model))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # sys.exit() in a plugin is its failure, not the end of the run
            raise PluginError(f"wtyczka {document.doc_type.plugin!r} (typ {document.doc_type.name}) nie podaje "
                              f"nazwy dokumentu w pakiecie: {type(exc).__name__}: {exc}") from exc
    documents.sort(key=lambda d: (d.role.section, d.source.name, d.role.order, d.doc_type.name))
    stems: set[str] = set()
    for document in documents:
        unique, counter = document.stem, 2
        while unique in stems:
            unique, counter = f"{document.stem}-{counter}", counter + 1
        stems.add(unique)
        document.stem = unique


def build_package(folder: Path | str, output: Path | str, pdf: bool = False, jobs: int = 1,
                  variants: Sequence[str] = (), progress: Progress | None = None,
                  timeout_per_document: float = 120.0, final: bool = False) -> PackageResult:
    """Every document of a partnership folder; `variants` picks among alternative types (a strategy kind);
    `final` refuses while any required content is missing (each gap named)."""
    folder, output = Path(folder), Path(output)
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} istnieje i nie jest katalogiem")
    documents, problems = validate_package(folder, variants)
    errors = [p for p in problems if p.is_error] + (final_refusals(problems) if final else [])
    if errors:
        raise InputError(errors)
    inputs = {f for d in documents if d.result for f in d.result.input_files}
    previous = _check_output(folder, output, documents, inputs, pdf)
    say = progress or (lambda message: None)
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".cwd_docs-", dir=output.parent))
    try:
        result = _build_into(work, documents, pdf, jobs, say, timeout_per_document)
        result.warnings = [p for p in problems if not p.is_error]
        return _move_into_place(work, output, result, previous)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _target_names(documents: list[PlannedDocument], pdf: bool) -> list[str]:
    names = [f"{d.stem}.docx" for d in documents]
    if pdf:
        names += [f"{d.stem}.pdf" for d in documents] + [COMBINED_NAME]
    return names


def _check_output(folder: Path, output: Path, documents: list[PlannedDocument], inputs: set[Path], pdf: bool
                  ) -> dict[str, Written]:
    """Before any work: the output folder holds no input, no target is an input or other than a
    regular file, and the previous run's record is readable; returns that record."""
    refuse_output_holding_inputs(output, folder, inputs)
    names = _target_names(documents, pdf)
    for name in names + [MANIFEST]:
        refuse_overwriting_inputs(output / name, inputs)
    previous = read_manifest(output)
    refuse_unreplaceable_targets(output, names)
    return previous


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
    from ..conversion.dispatch import convert_documents

    cover = render_cover(documents, work / "okladka.docx")
    pairs = [(docx, docx.with_suffix(".pdf")) for docx in result.docx]
    done = [0]

    def converted(source: Path) -> None:
        if source != cover:
            done[0] += 1
            say(f"[{done[0]}/{total}] PDF {source.with_suffix('.pdf').name}")

    # The cover converts in the same batch: no extra LibreOffice start-up.
    # The DOCX files are replaced by LibreOffice's, with contents and page references filled in.
    convert_documents([(cover, cover.with_suffix(".pdf"))] + pairs, jobs=jobs, timeout_per_document=timeout,
                     on_done=converted, update_docx=True)
    result.pdf = [target for _, target in pairs]
    result.combined = work / COMBINED_NAME
    combine_pdfs(documents, cover.with_suffix(".pdf"), result.pdf, result.combined)
    say(f"PDF zbiorczy {COMBINED_NAME}")
    return result


def _move_into_place(work: Path, output: Path, result: PackageResult, previous: dict[str, Written]
                     ) -> PackageResult:
    """Move the new files in (all or none), then remove the files the previous package run wrote that
    this one did not (a PDF from an earlier --pdf run must not sit beside newer DOCX files), if they
    are unchanged. Other files are kept."""
    output.mkdir(parents=True, exist_ok=True)
    sources = result.docx + result.pdf + ([result.combined] if result.combined is not None else [])
    records = {source.name: file_record(source) for source in sources}
    for source in sources:
        os.chmod(source, _default_mode())
    moved = move_all_into_place(sources, output, work / ".poprzednie")
    by_name = {path.name: path for path in moved}
    from .atomic import write_atomic

    write_atomic(output / MANIFEST, manifest_text(records).encode("utf-8"))
    remove_stale(output, previous, set(records))
    return PackageResult(folder=output, warnings=result.warnings,
                         docx=[by_name[p.name] for p in result.docx], pdf=[by_name[p.name] for p in result.pdf],
                         combined=by_name[result.combined.name] if result.combined is not None else None)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _partnership_documents(documents: list[PlannedDocument]) -> tuple[Any, Any]:
    """The partnership and document data for the cover: from the first document whose input has both."""
    models = [d.result.model for d in documents]
    first = next((m for m in models if getattr(m, "partnership", None) and getattr(m, "document", None)), None)
    if first is None:
        raise PluginError("żaden dokument pakietu nie podaje danych partnerstwa (pola partnership i document), "
                          "z których powstaje strona tytułowa pakietu")
    return first.partnership, first.document


def render_cover(documents: list[PlannedDocument], target: Path) -> Path:
    from ..rendering import render_docx
    from ..registry.resources import template_dir

    partnership, document = _partnership_documents(documents)
    target.write_bytes(render_docx(template_dir(COVER_TEMPLATE) / "template.docx", {
        "partnership": partnership,
        "document": document,
        "documents": [{"title": d.title, "file": f"{d.stem}.docx"} for d in documents],
    }))
    return target


def combine_pdfs(documents: list[PlannedDocument], cover_pdf: Path, pdfs: list[Path], target: Path) -> None:
    """One PDF: a cover, then each document with a bookmark (its chapters beneath) and page labels."""
    from pypdf import PdfWriter

    partnership, _ = _partnership_documents(documents)
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
    # pypdf does not merge the documents' structure trees: the combined file keeps the language and the
    # title shown in the window, and the individual PDFs are the tagged ones (README).
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer._root_object[NameObject("/Lang")] = TextStringObject("pl-PL")
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
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
