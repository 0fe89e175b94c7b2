"""The whole set for a partnership: every document from a folder of inputs, DOCX and PDF.

All inputs are validated first (every problem from every file, then stop, writing nothing);
the documents are rendered into a temporary folder inside the output folder and moved in only
when everything, PDFs included, has succeeded.

Incremental: a document whose key (tool and plugin versions, template, the content of every file
it reads, the options; `written.document_key`) is the one recorded for its files in the output
folder, and whose files are still exactly what was written, is neither rendered nor converted
again: its DOCX and PDF stay as they are, byte for byte. A document whose inputs changed is
rendered again (cheap); when its DOCX has the same content as the one its PDF was converted from
(`written.conversion_key`: the strategy, which reads every project, after a change that only a
project's own documents print), its files stay as they are too: only documents whose content
changed go to LibreOffice. The combined PDF is made again only when a document's PDF or the cover
changed (its key is their content). `rebuild` builds everything.
"""

from __future__ import annotations

import io
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
from .atomic import TEMP_PREFIX, refuse_overwriting_inputs
from .output import MANIFEST, move_all_into_place, refuse_output_holding_inputs, refuse_unreplaceable_targets
from ..registry.plugin_manager import get_registry
from ..problems import InputError, PluginError, Problem, UsageError, error, final_refusals, has_errors, sort_problems
from ..validation.validate import ValidationResult, type_rules
from .written import KeptFile, Record, build_key, document_key, file_digest, move_aside_stale

INPUT_SUFFIXES = (".yaml", ".yml", ".json")
COMBINED_NAME = "pakiet-dokumentow.pdf"
COVER_PDF = ".cwd_docs-okladka.pdf"  # the cover's PDF, kept for the next combined PDF (not a document)
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
    reused: list[Path] = field(default_factory=list)  # files left as they were (inputs unchanged)
    kept: list[KeptFile] = field(default_factory=list)  # files not the tool's, kept under another name
    stale_folder: Path | None = None  # where the earlier package's documents this one no longer makes went


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
                  timeout_per_document: float = 120.0, final: bool = False, rebuild: bool = False,
                  force: bool = False) -> PackageResult:
    """Every document of a partnership folder; `variants` picks among alternative types (a strategy kind);
    `final` refuses while any required content is missing (each gap named).

    Documents whose inputs did not change since the last run into `output` are reused (`rebuild`
    builds all); a file in the output that is not what cwd-docs wrote is kept under a dated name
    before its name is written (`force`: replaced without a copy)."""
    folder, output = Path(folder), Path(output)
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} istnieje i nie jest katalogiem")
    documents, problems = validate_package(folder, variants)
    errors = [p for p in problems if p.is_error] + (final_refusals(problems) if final else [])
    if errors:
        raise InputError(errors)
    inputs = {f for d in documents if d.result for f in d.result.input_files}
    record = _check_output(folder, output, documents, inputs, pdf)
    say = progress or (lambda message: None)
    keys = {id(d): document_key(d.doc_type, d.result.model, d.result.input_files, {"pdf": pdf}, folder)
            for d in documents}
    reuse = {id(d) for d in documents if not rebuild and all(record.reusable(name, keys[id(d)])
                                                              for name in _names_of(d, pdf))}
    created = not output.exists()
    try:
        output.mkdir(parents=True, exist_ok=True)
        # Inside the output folder: on its file system, so that every move is a rename.
        work = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=output))
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(output)) from None
    try:
        built = _build_into(work, output, documents, keys, reuse, record, pdf, jobs, say, timeout_per_document,
                            rebuild)
        built.result.warnings = [p for p in problems if not p.is_error]
        return _move_into_place(work, output, documents, built, record, pdf, force)
    except OSError as exc:
        # Disk full (or any OS error) while writing a temporary file: the output asked for is what failed.
        if exc.filename and (os.sep + TEMP_PREFIX) in str(exc.filename):
            raise OSError(exc.errno, exc.strerror, str(output)) from None
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if created:
            try:
                output.rmdir()  # only if the run left it empty (it failed before moving anything)
            except OSError:
                pass


def _names_of(document: PlannedDocument, pdf: bool) -> list[str]:
    return [f"{document.stem}.docx"] + ([f"{document.stem}.pdf"] if pdf else [])


def _target_names(documents: list[PlannedDocument], pdf: bool) -> list[str]:
    names = [f"{d.stem}.docx" for d in documents]
    if pdf:
        names += [f"{d.stem}.pdf" for d in documents] + [COMBINED_NAME, COVER_PDF]
    return names


def _check_output(folder: Path, output: Path, documents: list[PlannedDocument], inputs: set[Path], pdf: bool
                  ) -> Record:
    """Before any work: the output folder holds no input, no target is an input or other than a
    regular file, and the record of what was written there is a regular file; returns that record."""
    refuse_output_holding_inputs(output, folder, inputs)
    names = _target_names(documents, pdf)
    for name in names + [MANIFEST]:
        refuse_overwriting_inputs(output / name, inputs)
    record = Record.load(output)
    refuse_unreplaceable_targets(output, names)
    return record


def _cover_key(documents: list[PlannedDocument], keys: dict[int, str]) -> str:
    """The cover shows the partnership and document data of the first document having both, and every
    title: its key is that data (not the whole first document, so a changed project leaves it as it is)."""
    from .. import __version__
    from ..registry.resources import template_dir

    try:
        partnership, document = _partnership_documents(documents)
        shown = [_dumped(partnership), _dumped(document)]
    except PluginError:
        shown = [keys[id(documents[0])]]
    parts = {"tool": __version__, "cover": shown, "documents": [[d.title, d.label, d.stem] for d in documents]}
    return build_key(parts, [template_dir(COVER_TEMPLATE) / "template.docx"])


def _dumped(model: Any) -> Any:
    dump = getattr(model, "model_dump", None)
    return dump(mode="json") if dump is not None else repr(model)


def _combined_key(documents: list[PlannedDocument], pdf_digests: list[str], cover_key: str) -> str:
    """The combined PDF's key: the cover's, and each document's PDF (its content) with its title and label."""
    return build_key({"cover": cover_key,
                      "documents": [[digest, d.title, d.label] for d, digest in zip(documents, pdf_digests)]}, [])


# The options a package converts with (part of each conversion key).
CONVERSION_OPTIONS = {"update_docx": True}


@dataclass
class _Built:
    """What one run made in its work folder, and under which keys the record notes it."""

    result: PackageResult
    key_of: dict[str, str] = field(default_factory=dict)  # file name -> key of its inputs
    source_of: dict[str, str] = field(default_factory=dict)  # converted file name -> its conversion key
    rekeyed: list[str] = field(default_factory=list)  # files left in place, noted under a new key


def _build_into(work: Path, output: Path, documents: list[PlannedDocument], keys: dict[int, str], reuse: set[int],
                record: Record, pdf: bool, jobs: int, say: Progress, timeout: float, rebuild: bool) -> _Built:
    """The documents not reused, rendered (and converted) into work; the others named where they are.

    With PDF, a document rendered again (its inputs changed) whose DOCX has the same content as the
    one its files in the output were converted from keeps those files: no LibreOffice for it."""
    result = PackageResult(folder=work)
    built = _Built(result)
    for document in documents:
        for name in _names_of(document, pdf):
            built.key_of[name] = keys[id(document)]
    todo = [document for document in documents if id(document) not in reuse]
    for document in documents:
        if id(document) in reuse:
            say(f"DOCX {document.stem}.docx – bez zmian, bez ponownego tworzenia")
    for number, document in enumerate(todo, 1):
        target = work / f"{document.stem}.docx"
        target.write_bytes(render(document.doc_type, document.result.model))
        say(f"[{number}/{len(todo)}] DOCX {target.name}")
    place = {id(d): output if id(d) in reuse else work for d in documents}  # where each one's files are
    if not pdf:
        result.docx = [place[id(d)] / f"{d.stem}.docx" for d in documents]
        result.reused = [p for p in result.docx if p.parent == output]
        return built
    from .written import conversion_key, docx_content_digest

    convert: list[PlannedDocument] = []
    for document in todo:
        target = work / f"{document.stem}.docx"
        source = conversion_key(docx_content_digest(target.read_bytes()), CONVERSION_OPTIONS)
        names = _names_of(document, pdf)
        if not rebuild and record.converted_from(names, source):
            target.unlink()  # the same content as the files in place: they stay, byte for byte
            place[id(document)] = output
            built.rekeyed += names
            say(f"PDF {document.stem}.pdf – treść bez zmian, bez ponownej konwersji")
        else:
            convert.append(document)
            for name in names:
                built.source_of[name] = source
    result.docx = [place[id(d)] / f"{d.stem}.docx" for d in documents]
    result.pdf = [docx.with_suffix(".pdf") for docx in result.docx]
    result.reused = [p for p in result.docx + result.pdf if p.parent == output]
    cover_key = _cover_key(documents, keys)
    built.key_of[COVER_PDF] = cover_key
    cover_needed = rebuild or not record.reusable(COVER_PDF, cover_key)
    cover = render_cover(documents, work / "okladka.docx") if cover_needed else None
    done = [0]

    def converted(source: Path) -> None:
        if source != cover:
            done[0] += 1
            say(f"[{done[0]}/{len(convert)}] PDF {source.with_suffix('.pdf').name}")

    # The DOCX files are replaced by LibreOffice's, with contents and page references filled in.
    # The cover converts with the documents: no extra LibreOffice start-up. Largest first: the
    # workers take the next document when free, so the longest ones do not come last.
    pairs = sorted(((work / f"{d.stem}.docx", work / f"{d.stem}.pdf") for d in convert),
                   key=lambda pair: -pair[0].stat().st_size)
    if cover is not None:
        pairs.append((cover, work / COVER_PDF))
    if pairs:
        from ..conversion.dispatch import convert_documents

        convert_documents(pairs, jobs=jobs, timeout_per_document=timeout, on_done=converted, update_docx=True)
    if cover is not None:
        cover.unlink()
    digests = [record.entries[p.name].sha256 if p.parent == output else file_digest(p)[0] for p in result.pdf]
    combined_key = _combined_key(documents, digests, cover_key)
    built.key_of[COMBINED_NAME] = combined_key
    if rebuild or not record.reusable(COMBINED_NAME, combined_key):
        result.combined = work / COMBINED_NAME
        cover_pdf = work / COVER_PDF if cover is not None else output / COVER_PDF
        combine_pdfs(documents, cover_pdf, result.pdf, result.combined)
        say(f"PDF zbiorczy {COMBINED_NAME}")
    else:
        result.combined = output / COMBINED_NAME
        result.reused.append(result.combined)
    return built


def _move_into_place(work: Path, output: Path, documents: list[PlannedDocument], built: _Built, record: Record,
                     pdf: bool, force: bool) -> PackageResult:
    """Move the new files in (all or none), keeping aside any file at their names that is not what
    cwd-docs wrote; move aside (never delete) what an earlier package run wrote and this one did not
    (a PDF from an earlier --pdf run must not sit beside newer DOCX files); write the record."""
    result = built.result
    sources = [p for p in result.docx + result.pdf + [result.combined, work / COVER_PDF]
               if p is not None and p.parent == work and p.exists()]
    for source in sources:
        os.chmod(source, _default_mode())
    noted = {source.name: source for source in sources}
    moved, kept = move_all_into_place(sources, output, record, force)
    for name in noted:
        record.note(name, output / name, built.key_of.get(name, ""), built.source_of.get(name, ""))
    for name in built.rekeyed:
        record.rekey(name, built.key_of[name])
    stale = set(record.entries) - set(_target_names(documents, pdf)) - {COVER_PDF}
    stale_folder = move_aside_stale(output, record, stale)
    record.save()
    at = {path.name: path for path in moved}
    place = lambda path: at.get(path.name, output / path.name)  # noqa: E731
    return PackageResult(folder=output, warnings=result.warnings, docx=[place(p) for p in result.docx],
                         pdf=[place(p) for p in result.pdf],
                         combined=place(result.combined) if result.combined is not None else None,
                         reused=result.reused, kept=kept, stale_folder=stale_folder)


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
    """One PDF: a cover, then each document with a bookmark (its chapters beneath) and page labels.

    LibreOffice's PDFs are read strictly first: a well-formed file's cross-reference table is then
    trusted as it is, not checked object by object (over half of the merge's time for tagged PDFs of
    some thousand objects each); if strict reading refuses any file, the whole merge is done again
    reading leniently."""
    from pypdf.errors import PdfReadError

    for strict in (True, False):
        try:
            writer = _merged(documents, cover_pdf, pdfs, strict)
            with open(target, "wb") as stream:
                writer.write(stream)  # objects are read while written too
            return
        except PdfReadError:
            if not strict:
                raise


def _merged(documents: list[PlannedDocument], cover_pdf: Path, pdfs: list[Path], strict: bool) -> Any:
    from pypdf import PdfReader, PdfWriter

    def reader(path: Path) -> PdfReader:
        return PdfReader(io.BytesIO(Path(path).read_bytes()), strict=strict)

    partnership, _ = _partnership_documents(documents)
    writer = PdfWriter()
    writer.append(reader(cover_pdf), outline_item="Strona tytułowa", import_outline=False)
    writer.set_page_label(0, len(writer.pages) - 1, style="/r")
    for document, pdf in zip(documents, pdfs):
        start = len(writer.pages)
        writer.append(reader(pdf), outline_item=document.title, import_outline=True)
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
    return writer


def terminal_progress(quiet: bool) -> Progress | None:
    """Progress lines on a terminal only: nothing when quiet or when stderr is not a TTY."""
    if quiet or not sys.stderr.isatty():
        return None

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    return say


__all__ = ["build_package", "validate_package", "plan_package", "PackageResult", "safe_stem", "terminal_progress",
           "combine_pdfs"]
