"""The Python API: list types, validate, build, export schemas and examples."""

from __future__ import annotations

import tempfile
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from .doctype import DocumentType
from .package.atomic import refuse_overwriting_inputs, refuse_unsafe_target, write_atomic
from .registry.plugin_manager import get_registry
from .problems import InputError, PluginError, Problem, UsageError, final_refusals
from .loading import InputSession
from .validation.validate import ValidationResult, type_rules, validate_file


Source = Union[str, "os.PathLike[str]", Mapping[str, Any], Any]
"""What validate and build take: a file's path, a mapping (what the file would hold) or an input model."""


@dataclass
class BuildResult:
    """Files written by build."""

    docx: Path
    pdf: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    kept: list[Any] = field(default_factory=list)  # written.KeptFile: files not the tool's, kept under another name


@dataclass
class DocumentBytes:
    """A document built in memory: the DOCX (and PDF when asked) as bytes, and the warnings."""

    docx: bytes
    pdf: bytes | None = None
    warnings: list[Problem] = field(default_factory=list)


def list_document_types() -> list[DocumentType]:
    return sorted(get_registry().types.values(), key=lambda t: t.name)


def plugin_warnings() -> list[str]:
    return list(get_registry().warnings)


def get_document_type(name: str) -> DocumentType:
    doc_type = get_registry().get(name)
    if doc_type is None:
        known = ", ".join(t.name for t in list_document_types()) or "brak"
        raise UsageError(f"nieznany typ dokumentu {name!r}; dostępne typy: {known}")
    return doc_type


def included_parts() -> dict[str, tuple[DocumentType, type]]:
    """Kinds of included file a type names (`partnership`), each with a type that includes it and its model."""
    from .loading.session import _field_model

    parts: dict[str, tuple[DocumentType, type]] = {}
    for doc_type in list_document_types():
        for key in doc_type.include_keys:
            model = _field_model(doc_type.input_model, key)
            if model is not None and key not in parts and get_registry().get(key) is None:
                parts[key] = (doc_type, model)
    return parts


def validate_part(part: str, source: str | os.PathLike[str]) -> ValidationResult:
    """An included file checked by itself (`validate partnership partnerstwo.yaml`): its schema, and the
    rules of the part (those scoped to it, e.g. the partnership's), as if a project named it."""
    from .doctype import Scoped

    found = included_parts().get(part)
    if found is None:
        raise UsageError(f"nieznana część danych {part!r}")
    doc_type, model = found
    rules = [(plugin, Scoped(rule.path[1:], rule.rule)) for plugin, rule in
             type_rules(doc_type, get_registry().extra_rules.get(doc_type.name, ()))
             if isinstance(rule, Scoped) and rule.path[:1] == (part,)]
    session = InputSession()
    path = Path(source)
    unit = session.check_part(path, model, part, doc_type.include_keys, rules)
    return ValidationResult(doc_type=doc_type, source=path, model=unit.model, problems=list(session.problems),
                            included_files=unit.included_files)


def validate(type_name: str, source: Source, base_dir: str | os.PathLike[str] | None = None) -> ValidationResult:
    """Validate an input: every problem found, each with a stable code and a data path.

    `source` is a file's path (problems are located in it), a mapping holding what such a file would
    (an included file such as `partnership: partnerstwo.yaml` is then looked up in `base_dir`, or
    the partnership is given inline; images are looked up in `base_dir` too), or an instance of the
    type's input model built in code (only the rules run: pydantic checked it when it was built).
    """
    if get_registry().get(type_name) is None and type_name in included_parts() and isinstance(source, (str, os.PathLike)):
        return validate_part(type_name, source)
    doc_type = get_document_type(type_name)
    extra_rules = get_registry().extra_rules.get(type_name, ())
    if isinstance(source, (str, os.PathLike)):
        return validate_file(doc_type, Path(source), extra_rules)
    rules = type_rules(doc_type, extra_rules)
    session = InputSession()
    if isinstance(source, Mapping):
        unit = session.check_data(dict(source), doc_type.input_model, doc_type.include_keys, rules,
                                  Path(base_dir) if base_dir is not None else None)
    elif isinstance(source, doc_type.input_model):
        unit = session.check_model(source, rules)
    else:
        raise UsageError(f"dane typu {doc_type.name} podaj jako ścieżkę pliku, słownik albo obiekt "
                         f"{doc_type.input_model.__name__} (podano {type(source).__name__})")
    return ValidationResult(doc_type=doc_type, source=None, model=unit.model, problems=list(session.problems),
                            included_files=unit.included_files)


def default_output(source: Path, doc_type: DocumentType) -> Path:
    return source.with_name(f"{source.stem}-{doc_type.name}.docx")


def render(doc_type: DocumentType, model: Any, template: Path | None = None) -> bytes:
    """The DOCX bytes of a validated model, with the type's template or another one."""
    from jinja2 import TemplateError

    from .rendering import render_docx

    owner = doc_type.plugin or doc_type.name
    try:
        context = doc_type.build_context(model)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # sys.exit() in a plugin is its failure, not the end of the run
        raise PluginError(f"wtyczka {owner!r} (typ {doc_type.name}) zgłosiła błąd przy przygotowaniu danych "
                          f"dla szablonu: {type(exc).__name__}: {exc}") from exc
    if not isinstance(context, Mapping):
        raise PluginError(f"wtyczka {owner!r} (typ {doc_type.name}) przygotowała dla szablonu "
                          f"{type(context).__name__} zamiast słownika (build_context musi zwracać dict)")
    template_path = template or doc_type.template
    from .limits import timeout
    from .rendering.bounded import RenderLimitExceeded, run_bounded

    from .rendering import shared_environment

    filters, properties = get_registry().filters, document_properties(doc_type, model)
    environment = shared_environment(filters)  # made here: the child's compiled templates come back to it
    try:
        # in a child process killed at the time limit, with a memory limit (a template is code)
        return run_bounded(lambda: render_docx(template_path, context, filters, environment=environment,
                                               properties=properties), timeout(), environment=environment)
    except RenderLimitExceeded as exc:
        raise PluginError(f"szablon {template_path} (typ {doc_type.name}, wtyczka {owner!r}): {exc}") from None
    except TemplateError as exc:
        from .rendering.failures import TemplateFillError

        reason = str(exc) if isinstance(exc, TemplateFillError) else f"{type(exc).__name__}: {exc}"
        check = f"cwd-docs check {doc_type.name}" + (f" --template {template}" if template else "")
        raise PluginError(f"szablon {template_path} (typ {doc_type.name}, wtyczka {owner!r}) nie daje się wypełnić: "
                          f"{reason}; sprawdź go poleceniem: {check}") from exc


def document_properties(doc_type: DocumentType, model: Any) -> dict[str, str]:
    """Title, author, subject and keywords of a built document (its DOCX and PDF metadata).

    The title is the one the document has in a package (type and project or strategy), the
    author the authors named in the data, else the partnership.
    """
    title = doc_type.title
    if doc_type.package is not None:
        try:
            title = str(doc_type.package.title(model))
        except Exception:  # a plugin's title that fails here fails, named, in a package
            pass
    partnership = getattr(model, "partnership", None)
    authors = list(getattr(getattr(model, "document", None), "authors", None) or [])
    author = "; ".join(str(a) for a in authors) or str(getattr(partnership, "name", "") or "")
    keywords = ["CWD", "Centrum Wsparcia Doradczego", doc_type.title]
    name = getattr(partnership, "display_name", None) or getattr(partnership, "name", None)
    if name:
        keywords.append(str(name))
    # Non-breaking spaces keep a keyword of several words whole (LibreOffice splits keywords at spaces).
    return {"title": title, "author": author, "subject": doc_type.description or doc_type.title,
            "keywords": ", ".join(k.replace(" ", "\u00a0") for k in keywords), "category": doc_type.title}


def check_template_file(template: Path | str) -> Path:
    """A --template given by the user must be an existing .docx file."""
    import zipfile

    path = Path(template)
    if path.suffix.lower() != ".docx" or not path.is_file():
        raise UsageError(f"szablon {path} nie istnieje albo nie jest plikiem .docx")
    if not zipfile.is_zipfile(path):
        raise UsageError(f"plik {path} nie jest dokumentem DOCX (zapisz go w Wordzie lub LibreOffice jako .docx)")
    from .rendering.docx_file import docx_defect

    defect = docx_defect(path)
    if defect:
        raise UsageError(f"szablon {path} nie jest poprawnym dokumentem DOCX: {defect}; zapisz go ponownie w "
                         "Wordzie lub LibreOffice jako .docx")
    return path


def build_bytes(type_name: str, source: Source, pdf: bool = False, template: str | os.PathLike[str] | None = None,
                base_dir: str | os.PathLike[str] | None = None, final: bool = False) -> DocumentBytes:
    """Validate, then render in memory: the DOCX bytes (and the PDF's, through LibreOffice, when asked).

    Raises InputError with every problem when the input has errors (with `final`, also while required
    content is missing); writes nothing but the converter's temporary files.
    """
    template_path = check_template_file(template) if template else None
    result = validate(type_name, source, base_dir)
    if not result.ok:
        raise InputError(result.errors)
    if final and final_refusals(result.warnings):
        raise InputError(final_refusals(result.warnings))
    content = render(result.doc_type, result.model, template_path)
    if not pdf:
        return DocumentBytes(docx=content, warnings=result.warnings)
    pdf_bytes, content = _converted(content)
    return DocumentBytes(docx=content, pdf=pdf_bytes, warnings=result.warnings)


def build(type_name: str, source: Source, output: str | os.PathLike[str] | None = None, pdf: bool = False,
          template: str | os.PathLike[str] | None = None, base_dir: str | os.PathLike[str] | None = None,
          final: bool = False, force: bool = False) -> BuildResult:
    """Validate, then write the DOCX (and PDF) atomically; raise InputError and write nothing on errors.

    `source` as for validate; without `output`, a file's document goes beside it (data given in
    memory needs `output`). `template` replaces the type's DOCX template (same schema and rules),
    e.g. a voivodeship's layout. `final`: the version to submit – refused while any required content
    is missing (each gap named as an error). A file at the output's name that is not what cwd-docs
    wrote there (edited in Word) is kept under a dated name beside it (`force`: replaced without a copy);
    what was written is noted in the folder's record (`package/written.py`).
    """
    template_path = check_template_file(template) if template else None
    from_file = isinstance(source, (str, os.PathLike))
    if output is None and not from_file:
        raise UsageError("dla danych podanych w pamięci podaj output (albo użyj build_bytes)")
    result = validate(type_name, source, base_dir)
    if not result.ok:
        raise InputError(result.errors)
    if final and final_refusals(result.warnings):
        raise InputError(final_refusals(result.warnings))
    doc_type = result.doc_type
    target = Path(output) if output else default_output(Path(source), doc_type)  # type: ignore[arg-type]
    if target.suffix.lower() != ".docx":
        raise UsageError(f"plik wynikowy musi mieć rozszerzenie .docx (podano {target.name})")
    pdf_target = target.with_suffix(".pdf") if pdf else None
    for out in filter(None, (target, pdf_target)):
        refuse_unsafe_target(out)
        refuse_overwriting_inputs(out, result.input_files + ([template_path] if template_path else []))
    from .package.written import RECORD, Record, keep_if_not_ours

    refuse_overwriting_inputs(target.parent / RECORD, result.input_files)
    try:
        record = Record.load(target.parent)
    except NotADirectoryError as exc:  # a file on the way: said of the output the user asked for
        from .os_errors import reraise_for

        raise reraise_for(exc, target) from None
    content = render(doc_type, result.model, template_path)
    pdf_bytes = None
    if pdf_target is not None:  # the DOCX delivered is the one LibreOffice filled in (contents, pages)
        pdf_bytes, content = _converted(content, _conversion_name(target))
    kept = []
    for out, data in ((target, content), (pdf_target, pdf_bytes)):
        if out is None or data is None:
            continue
        keeping = keep_if_not_ours(out, record, force)
        if keeping is not None:
            kept.append(keeping)
        write_atomic(out, data)
        record.note(out.name, out)
    record.save()
    return BuildResult(docx=target, pdf=pdf_target if pdf_bytes is not None else None, warnings=result.warnings,
                       kept=kept)


def _conversion_name(target: Path) -> str:
    """The output's name for LibreOffice's copy (its messages name it), unless too long for the lock file
    LibreOffice puts beside it (`.~lock.NAME#`): a name near the 255-byte limit converts as dokument.docx."""
    return target.name if len(target.name.encode("utf-8")) <= 200 else "dokument.docx"


def _converted(docx: bytes, name: str = "dokument.docx") -> tuple[bytes, bytes]:
    """The PDF of a DOCX and the DOCX with its contents, page references and fields filled in,
    both from LibreOffice in a private temporary folder."""
    from .conversion.dispatch import convert_documents

    with tempfile.TemporaryDirectory(prefix="cwd_docs_") as work:
        source = Path(work) / name
        source.write_bytes(docx)
        target = source.with_suffix(".pdf")
        from .limits import timeout

        convert_documents([(source, target)], update_docx=True, timeout_per_document=timeout())
        return target.read_bytes(), source.read_bytes()


def _editor_schema_class() -> type:
    from pydantic.json_schema import GenerateJsonSchema

    from .domain.dates import DATE_JSON_SCHEMA

    class EditorSchema(GenerateJsonSchema):
        """Date fields as the tool reads them: ISO or Polish writing, days that exist (domain/dates.py)."""

        def date_schema(self, schema: Any) -> dict[str, Any]:
            return dict(DATE_JSON_SCHEMA)

    return EditorSchema


def json_schema(type_name: str) -> dict[str, Any]:
    doc_type = get_document_type(type_name)
    schema = doc_type.input_model.model_json_schema(schema_generator=_editor_schema_class())
    schema["title"] = doc_type.title
    schema.setdefault("description", doc_type.description)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    _describe_markdown(schema)
    _allow_workbook(schema, doc_type)
    from .authoring.schema_export import allow_includes

    return allow_includes(schema, tuple(doc_type.include_keys))


def _allow_workbook(schema: dict[str, Any], doc_type: DocumentType) -> None:
    """`workbook: budzet.xlsx` at the root of a file, the type's or an included one's (loading/workbook.py)."""
    from .loading.session import _field_model
    from .loading.workbook import WORKBOOK_KEY

    entry = {"type": "string", "pattern": r"\.[xX][lL][sS][xX]\s*$", "title": "Skoroszyt z tabelami",
             "description": "Plik .xlsx obok tego pliku z tabelami (koszty, finansowanie, wskaźniki, zadania, "
                            "członkowie): lista w skoroszycie zastępuje tę samą listę w pliku YAML"}
    parts = {model.__name__ for key in doc_type.include_keys if (model := _field_model(doc_type.input_model, key))}
    definitions = schema.get("$defs", {})
    for node in [schema] + [definitions[name] for name in parts if name in definitions]:
        node.setdefault("properties", {}).setdefault(WORKBOOK_KEY, dict(entry))


MARKDOWN_HINTS = {
    "block": "Tekst w Markdown: pusta linia zaczyna nowy akapit, „- punkt” i „1. punkt” tworzą listy, "
             "**pogrubienie**, *kursywa*, [odnośnik](https://…), przypis [^1] z treścią „[^1]: źródło” poniżej.",
    "inline": "Tekst w Markdown w jednym wierszu: **pogrubienie**, *kursywa*, [odnośnik](https://…), przypis [^1].",
}


def _describe_markdown(node: Any) -> None:
    """Say in the schema's descriptions which fields take Markdown (editors show it while typing)."""
    if isinstance(node, dict):
        kind = node.get("x-markdown")
        if kind in MARKDOWN_HINTS:
            hint = MARKDOWN_HINTS[kind]
            node["description"] = f"{node['description']} {hint}" if node.get("description") else hint
        for value in node.values():
            _describe_markdown(value)
    elif isinstance(node, list):
        for value in node:
            _describe_markdown(value)


def example_text(type_name: str, output: str | os.PathLike[str] | None = None) -> str:
    """The type's example as `init` writes it: its header names the command that made it (and the
    commands for this type and file), however many types share the example."""
    import re

    text = get_document_type(type_name).example.read_text(encoding="utf-8")
    name = Path(output).name if output is not None else None

    def command(match: re.Match[str]) -> str:
        file = name or match.group("file")
        return f"{match.group('lead')}{match.group('verb')} {type_name}{match.group('option') or ''} {file}"

    header_end = text.find("\n\n")
    header_end = header_end if header_end >= 0 else len(text)
    header = re.sub(r"(?m)(?P<lead>^# (?:Utworzony poleceniem|Sprawdzenie danych|Utworzenie dokumentu):\s+"
                    r"python -m cwd_docs )(?P<verb>init|validate|build) (?P<type>[a-z_]+)"
                    r"(?P<option> -o)? (?P<file>[\w.\-]+\.(?:yaml|yml|json))", command, text[:header_end])
    return header + text[header_end:]
