"""`watch`: rebuild a partnership's documents each time one of its input files is saved.

File events come from watchfiles (Rust `notify`): it batches the events of one save (editors write
a temporary file and rename it, or truncate and write) into one set after 50 ms of quiet, and it
returns when a stop event is set or a signal arrives, which a polling loop of ours would do worse.

On every change the whole folder is validated again (a few tens of milliseconds for a partnership)
and the documents that read a changed file are rebuilt: a project's own documents, every document
of a partnership file's projects and strategy, the documents showing a changed map. A document
whose inputs have errors is not rebuilt: its problems are printed, located as by `validate`, and
its last good DOCX and PDF stay in the output folder. Files are written atomically (DOCX and PDF
only after both are ready).
"""

from __future__ import annotations

import queue
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..api import render
from ..package.atomic import refuse_overwriting_inputs, write_atomic
from ..package.build import INPUT_SUFFIXES, PlannedDocument, _name_documents, validate_package
from ..problems import InputError, PluginError, Problem, UsageError
from ..package.written import RECORD, KeptFile, Record, document_key, keep_if_not_ours


@dataclass
class Round:
    """What one pass of `watch` did (for the terminal and for tests)."""

    changed: list[Path] = field(default_factory=list)
    built: list[Path] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # documents not rebuilt because their inputs have errors
    kept_files: list[KeptFile] = field(default_factory=list)  # edited outputs kept under another name
    reused: list[Path] = field(default_factory=list)  # outputs left as they were (inputs unchanged)
    problems: list[Problem] = field(default_factory=list)
    failure: str = ""


Report = Callable[[Round], None]


def _key(document: PlannedDocument) -> tuple[str, Path]:
    return document.doc_type.name, document.source.resolve()


def _inputs(document: PlannedDocument) -> set[Path]:
    files = {document.source.resolve()}
    if document.result is not None:
        files |= {Path(f).resolve() for f in document.result.input_files}
    return files


class Watcher:
    """The state between rounds: which files each document read last time it was built."""

    def __init__(self, folder: Path, output: Path, pdf: bool, variants: Sequence[str], timeout: float,
                 rebuild: bool = False, force: bool = False):
        self.folder, self.output, self.pdf = Path(folder), Path(output), pdf
        self.variants, self.timeout = list(variants), timeout
        self.rebuild, self.force = rebuild, force  # rebuild: the first round builds even unchanged documents
        self.read_by: dict[tuple[str, Path], set[Path]] = {}

    def relevant(self, path: Path) -> bool:
        path = path.resolve()
        if self.output.resolve() in path.parents:
            return False  # our own outputs
        if path.suffix.lower() in INPUT_SUFFIXES and path.parent == self.folder.resolve():
            return True
        return any(path in files for files in self.read_by.values())

    def round(self, changed: Iterable[Path] | None) -> Round:
        """Validate the folder; rebuild what reads a changed file (everything when changed is None)."""
        result = Round(changed=sorted(changed) if changed is not None else [])
        changed_set = {p.resolve() for p in changed} if changed is not None else None
        try:
            documents, problems = validate_package(self.folder, self.variants)
        except (UsageError, PluginError) as exc:
            result.failure = str(exc)
            return result
        errors = [p for p in problems if p.is_error]
        error_files = {Path(p.file).resolve() for p in errors if p.file}
        unlocated = any(p.file is None for p in errors)

        def affected(document: PlannedDocument) -> bool:
            if changed_set is None:
                return True
            before = self.read_by.get(_key(document), set())
            return bool((_inputs(document) | before) & changed_set) or _key(document) not in self.read_by

        def valid(document: PlannedDocument) -> bool:
            if document.result is None or document.result.model is None or unlocated:
                return False
            return not ((_inputs(document) | self.read_by.get(_key(document), set())) & error_files)

        wanted = [d for d in documents if affected(d)]
        # Problems of the files this round is about (all of them on the first round).
        about = set().union(*(_inputs(d) for d in wanted)) | (changed_set or set())
        shown = [p for p in problems if changed_set is None or not p.file or Path(p.file).resolve() in about]
        result.problems = list({p.describe(): p for p in shown}.values())  # each once
        good = [d for d in documents if valid(d)]
        if errors:
            _name_documents(good)  # names only for the documents that can be built
        for document in wanted:
            if not valid(document):
                result.kept.append(f"{document.source.name}: {document.doc_type.title.lower()}")
        if changed_set is not None and errors and not wanted:
            # A file too broken to tell which documents it makes: keep the outputs of what read it.
            result.kept += sorted({k[1].name for k, files in self.read_by.items() if files & changed_set})
        to_build = [d for d in good if d in wanted]
        if changed_set is not None:  # the saved file's own documents first
            to_build.sort(key=lambda d: d.source.resolve() not in changed_set)
        if to_build:
            try:
                result.built = self._build(to_build, result)
            except InputError as exc:
                result.problems += exc.problems
            except Exception as exc:  # conversion, plugin or disk: say so and keep watching
                if isinstance(exc, OSError):
                    from ..os_errors import failure

                    result.failure = failure(exc)
                else:
                    result.failure = f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)
                return result
        for document in good:
            self.read_by[_key(document)] = _inputs(document)
        return result

    def _build(self, documents: list[PlannedDocument], result: Round) -> list[Path]:
        inputs = set().union(*(_inputs(d) for d in documents))
        refuse_overwriting_inputs(self.output / RECORD, inputs)
        record = Record.load(self.output)
        lock = threading.Lock()
        targets, keys, todo = [], {}, []
        for document in documents:
            docx = self.output / f"{document.stem}.docx"
            refuse_overwriting_inputs(docx, inputs)
            refuse_overwriting_inputs(docx.with_suffix(".pdf"), inputs)
            names = [docx] + ([docx.with_suffix(".pdf")] if self.pdf else [])
            key = document_key(document.doc_type, document.result.model, document.result.input_files,
                               {"pdf": self.pdf}, self.folder)
            if not self.rebuild and all(record.reusable(path.name, key) for path in names):
                result.reused += names  # unchanged since it was written: not built again
                continue
            keys[docx] = key
            targets.append(docx)
            todo.append(document)
        self.rebuild = False  # only the first round
        documents = todo

        def put(target: Path, data: bytes) -> None:
            """Write an output, keeping a file that is not what cwd-docs wrote there; note it in the record."""
            with lock:
                keeping = keep_if_not_ours(target, record, self.force)
                if keeping is not None:
                    result.kept_files.append(keeping)
                write_atomic(target, data)
                record.note(target.name, target, keys[target.with_suffix(".docx")])
                record.save()

        written: list[Path] = []
        if not self.pdf:
            for target, document in zip(targets, documents):
                put(target, render(document.doc_type, document.result.model))
                written.append(target)
            return written
        from ..conversion.dispatch import convert_documents, server_enabled

        def convert(batch: list[tuple[Path, PlannedDocument]]) -> list[Path]:
            with tempfile.TemporaryDirectory(prefix="cwd_docs_watch_") as work:
                pairs = []
                for target, document in batch:
                    source = Path(work) / target.name
                    source.write_bytes(render(document.doc_type, document.result.model))
                    pairs.append((source, source.with_suffix(".pdf")))
                convert_documents(pairs, jobs=2, timeout_per_document=self.timeout,
                                  update_docx=True)
                done = []
                for (target, _), (source, pdf) in zip(batch, pairs):
                    put(target, source.read_bytes())
                    put(target.with_suffix(".pdf"), pdf.read_bytes())
                    done += [target, target.with_suffix(".pdf")]
                return done

        batch = list(zip(targets, documents))
        if not batch:
            return written
        if not server_enabled() or len(batch) == 1:
            return convert(batch)  # one LibreOffice start for all
        # Warm converter: each document on its own, two at a time, written as soon as it is ready,
        # the saved file's own documents first.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:
            for done in pool.map(lambda item: convert([item]), batch):
                written += done
        return written


def print_round(result: Round) -> None:
    from ..formatting import plural

    stamp = time.strftime("%H:%M:%S")
    if result.changed:
        print(f"[{stamp}] zmiana: " + ", ".join(p.name for p in result.changed), file=sys.stderr)
    for problem in result.problems:
        print(problem.describe(), file=sys.stderr)
    if result.failure:
        print(f"cwd-docs: błąd: {result.failure}; poprzednie wersje dokumentów zostają", file=sys.stderr)
    for kept in result.kept_files:
        print(f"uwaga: {kept.message()}", file=sys.stderr)
    if result.kept:
        print("Dane zawierają błędy, więc poprzednie wersje tych dokumentów zostają: " + "; ".join(result.kept) + ".",
              file=sys.stderr)
    if result.reused and not result.built:
        count = plural(len(result.reused), "plik", "pliki", "plików").replace("\u00a0", " ")
        print(f"[{stamp}] bez zmian w danych: {count} zostaje bez ponownego tworzenia", file=sys.stderr)
    if result.built:
        count = plural(len(result.built), "plik", "pliki", "plików").replace("\u00a0", " ")
        print(f"[{time.strftime('%H:%M:%S')}] utworzono {count}: " + ", ".join(p.name for p in result.built),
              file=sys.stderr)
    sys.stderr.flush()


def watch_folder(folder: Path | str, output: Path | str, pdf: bool = False, variants: Sequence[str] = (),
                 timeout_per_document: float = 120.0, report: Report | None = None,
                 stop: threading.Event | None = None, ready: threading.Event | None = None,
                 rebuild: bool = False, force: bool = False) -> None:
    """Build everything once, then rebuild on each change until `stop` is set or Ctrl+C/SIGTERM.

    With pdf and the warm converter service on, a service this call started is stopped at the end
    (one that was already running is left to its idle time).
    """
    import watchfiles

    folder, output = Path(folder), Path(output)
    if not folder.is_dir():
        raise UsageError(f"{folder} nie jest katalogiem")
    report = report or print_round
    watcher = Watcher(folder, output, pdf, variants, timeout_per_document, rebuild, force)
    started_service = _service_started_here(pdf)
    events: queue.Queue[object] = queue.Queue()
    quit_watching = threading.Event()

    def collect() -> None:
        # Watching starts before the first build, so a save made meanwhile is not missed.
        try:
            for changes in watchfiles.watch(folder, stop_event=quit_watching, debounce=400, step=50,
                                            raise_interrupt=False, recursive=True):
                events.put(changes)
        except BaseException as exc:  # re-raised in the main thread
            events.put(exc)

    collector = threading.Thread(target=collect, daemon=True)
    collector.start()
    try:
        report(watcher.round(None))
        print(f"Obserwuję katalog {folder} (Ctrl+C kończy).", file=sys.stderr, flush=True)
        if ready is not None:
            ready.set()
        while not (stop is not None and stop.is_set()):
            try:
                item = events.get(timeout=0.2)  # short waits: Ctrl+C and SIGTERM are handled at once
            except queue.Empty:
                continue
            batch: set[Path] = set()
            while True:
                if isinstance(item, BaseException):
                    raise item
                batch |= {Path(path) for _, path in item}  # type: ignore[attr-defined]
                try:
                    item = events.get_nowait()
                except queue.Empty:
                    break
            changed = sorted(p for p in batch if watcher.relevant(p))
            if changed:
                report(watcher.round(changed))
    finally:
        quit_watching.set()
        collector.join(5)
        if started_service():
            from ..conversion.converter_service import stop_services

            stop_services()


def _service_started_here(pdf: bool) -> Callable[[], bool]:
    """A function telling, at the end, whether the converter service runs now but did not at the start."""
    from ..conversion.dispatch import server_enabled

    if not (pdf and server_enabled()):
        return lambda: False
    from ..conversion.converter_service import running_services

    before = bool(running_services())
    return lambda: not before and bool(running_services())
