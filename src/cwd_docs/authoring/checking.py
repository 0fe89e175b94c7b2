"""Checking a document type's template against its schema and example (`cwd-docs check TYPE`).

Finds, all at once and located by paragraph: Jinja syntax errors, tags split across runs (Word
does that when a tag is typed in pieces), typographic quotes inside tags, variables the data
does not have (typos), schema fields the template never uses, and an output that does not open.
"""

from __future__ import annotations

import io
import os
import re
import typing
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import BaseModel

from ..doctype import DocumentType
from ..loading.messages import _unwrap
from ..problems import Problem, error, warning

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
SMART_QUOTES = "„”“‘’«»‚"
PARTS = (("word/document.xml", "treść"), ("word/header", "nagłówek"), ("word/footer", "stopka"))


@dataclass(frozen=True)
class TemplateParagraph:
    part: str  # "treść", "nagłówek", "stopka"
    number: int
    text: str
    runs: tuple[str, ...]

    def where(self) -> str:
        excerpt = self.text if len(self.text) <= 70 else self.text[:67] + "..."
        return f"{self.part}, akapit {self.number} („{excerpt}”)"


def template_paragraphs(template: Path) -> list[TemplateParagraph]:
    paragraphs: list[TemplateParagraph] = []
    with zipfile.ZipFile(template) as archive:
        for name in sorted(archive.namelist()):
            label = next((label for prefix, label in PARTS if name.startswith(prefix) and name.endswith(".xml")), None)
            if label is None:
                continue
            root = etree.fromstring(archive.read(name))
            for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
                runs = tuple("".join(t.text or "" for t in run.iter(f"{W}t", f"{W}instrText"))
                             for run in paragraph.iter(f"{W}r"))
                paragraphs.append(TemplateParagraph(label, number, "".join(runs), runs))
    return paragraphs


def lint_template(template: Path) -> list[Problem]:
    """Split tags and typographic quotes inside tags, paragraph by paragraph."""
    problems = []
    for paragraph in template_paragraphs(template):
        boundaries, position = [], 0
        for run in paragraph.runs:
            position += len(run)
            boundaries.append(position)
        for match in TAG.finditer(paragraph.text):
            start, end = match.span()
            if any(start < b < end for b in boundaries):
                problems.append(warning(
                    "template.split_tag",
                    f"{paragraph.where()}: znacznik {match.group()!r} jest podzielony między fragmenty tekstu o "
                    "różnym formatowaniu; wpisz go ponownie w całości (bez zmiany formatowania w środku)"))
            quotes = [c for c in SMART_QUOTES if c in match.group()]
            if quotes:
                problems.append(error(
                    "template.smart_quote",
                    f"{paragraph.where()}: znacznik {match.group()!r} zawiera cudzysłów typograficzny "
                    f"({' '.join(quotes)}); w znacznikach używaj prostych cudzysłowów \" lub '"))
        for broken in re.finditer(r"\{\{(?:(?!\}\}).)*$|\{%(?:(?!%\}).)*$", paragraph.text):
            problems.append(error("template.unclosed_tag",
                                  f"{paragraph.where()}: niezamknięty znacznik {broken.group()[:40]!r}"))
    return problems


def syntax_problems(template: Path, environment: Any) -> list[Problem]:
    """Jinja syntax errors of each XML part, located by the paragraph text around them."""
    from jinja2 import TemplateSyntaxError

    from ..rendering import caching_template_class

    document = caching_template_class()(str(template))
    document.render_init()
    parts = [("treść", document.get_xml())]
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _, part in document.get_headers_footers(uri):
            parts.append(("nagłówek" if uri == document.HEADER_URI else "stopka", document.get_part_xml(part)))
    problems = []
    for label, xml in parts:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml))
        try:
            environment.parse(source)
        except TemplateSyntaxError as exc:
            lines = source.splitlines()
            around = " ".join(re.sub(r"<[^>]+>", "", line) for line in lines[max(exc.lineno - 2, 0):exc.lineno])
            around = " ".join(around.split())[:90]
            reason = _polish_jinja_reason(re.sub(r" at \d+$", "", exc.message or ""))
            problems.append(error("template.syntax",
                                  f"{label}: błąd składni szablonu ({reason}) w pobliżu tekstu „{around}”"))
    return problems


JINJA_REASONS = (
    ("unexpected char", "nieoczekiwany znak"),
    ("Unexpected end of template", "nieoczekiwany koniec szablonu"),
    ("unexpected end of template", "nieoczekiwany koniec szablonu"),
    ("expected token", "oczekiwano elementu"),
    ("got", "a jest"),
    ("unexpected", "nieoczekiwany element"),
    ("Encountered unknown tag", "nieznany znacznik"),
    ("Jinja was looking for the following tags", "Jinja szukała znaczników"),
    ("The innermost block that needs to be closed is", "najbardziej wewnętrzny niezamknięty blok to"),
    ("unclosed", "niezamknięty"),
)


def _polish_jinja_reason(reason: str) -> str:
    for english, polish in JINJA_REASONS:
        reason = reason.replace(english, polish)
    return reason


def _schema_field_paths(model: type[BaseModel], prefix: str = "", depth: int = 0) -> list[str]:
    paths = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = _unwrap(info.annotation)
        args = typing.get_args(annotation)
        inner = _unwrap(args[0]) if typing.get_origin(annotation) is list and args else annotation
        if isinstance(inner, type) and issubclass(inner, BaseModel) and depth < 4:
            paths.extend(_schema_field_paths(inner, path + ".", depth + 1))
        else:
            paths.append(path)
    return paths


MAX_UNUSED_LISTED = 10


def unused_fields(doc_type: DocumentType, template: Path) -> list[Problem]:
    tag_text = " ".join(m.group() for p in template_paragraphs(template) for m in TAG.finditer(p.text))
    identifiers = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", tag_text))
    fields = _schema_field_paths(doc_type.input_model)
    unused = [path for path in fields if path.rsplit(".", 1)[-1] not in identifiers]
    if not unused:
        return []
    # What matters comes first (names the template reads that the data lacks: template.undefined);
    # of the rest a count, and the names only where they are few enough to read.
    named = ": " + ", ".join(unused) if len(unused) <= MAX_UNUSED_LISTED else ""
    return [warning("template.unused_fields",
                    f"szablon nie używa bezpośrednio {len(unused)} z {len(fields)} "
                    f"{'pola' if len(fields) == 1 else 'pól'} schematu (mogą służyć "
                    f"regułom lub wyliczeniom){named}")]


def _with_straight_quotes(template: Path) -> Path:
    """A temporary copy of the template with typographic quotes inside tags made straight."""
    import tempfile

    table = str.maketrans({"„": '"', "”": '"', "“": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'"})
    handle, name = tempfile.mkstemp(suffix=".docx", prefix="cwd_docs_check_")
    os.close(handle)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith(("word/document", "word/header", "word/footer")):
                text = data.decode("utf-8")
                text = TAG.sub(lambda m: m.group().translate(table), text)
                data = text.encode("utf-8")
            target.writestr(item, data)
    return Path(name)


def render_problems(doc_type: DocumentType, template: Path, model: Any, filters: dict[str, Any],
                    locate_in: Path | None = None) -> list[Problem]:
    """Render the example recording every undefined name instead of stopping at the first."""
    from docx import Document
    from jinja2 import ChainableUndefined

    from ..rendering import make_environment, render_docx

    seen: dict[str, str] = {}

    class RecordingUndefined(ChainableUndefined):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            name = self._undefined_name
            if name is not None and name not in seen:
                owner = self._undefined_obj
                seen[name] = "" if owner is None or owner.__class__.__name__ == "missingType" \
                    else type(owner).__name__

    environment = make_environment(filters)
    environment.undefined = RecordingUndefined
    problems: list[Problem] = []
    try:
        # The same render path as build: images embedded, OOXML fixes applied.
        rendered = render_docx(template, doc_type.build_context(model), environment=environment)
        Document(io.BytesIO(rendered))
        problems += python_values_shown(rendered, model)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # the message is what the author needs; the type says where it came from
        problems.append(error("template.render_failed",
                              f"szablon nie daje się wypełnić danymi przykładu: {type(exc).__name__}: {exc}"))
    paragraphs = template_paragraphs(locate_in or template)
    for name, owner in seen.items():
        where = next((p.where() for p in paragraphs
                      if any(re.search(rf"\b{re.escape(name)}\b", m.group()) for m in TAG.finditer(p.text))), "")
        of = f" w obiekcie {owner}" if owner else ""
        problems.append(error("template.undefined",
                              f"{where + ': ' if where else ''}szablon używa nazwy {name!r}, której nie ma w danych{of} "
                              "(literówka albo pole spoza schematu)"))
    return problems


PYTHON_CONSTANTS = re.compile(r"(?<![\w.])(None|True|False)(?![\w.])")


def python_values_shown(docx: bytes, model: Any) -> list[Problem]:
    """Python's spelling of a value in the rendered example (IndicatorKind.PRODUCT, None, True, False):
    a template that printed an object instead of its text. Enumerations are those the model holds."""
    import zipfile
    from enum import Enum

    from ..validation.validate import walk_values

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = [name for name in archive.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", name)]
        text = "\n".join("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", archive.read(name).decode("utf-8")))
                          for name in parts)
    enum_types = {type(value) for value in walk_values(model) if isinstance(value, Enum)}
    spellings = [f"{kind.__name__}.{member.name}" for kind in enum_types for member in kind]
    found = [s for s in spellings if re.search(rf"(?<![\w.]){re.escape(s)}(?!\w)", text)]
    found += list(dict.fromkeys(PYTHON_CONSTANTS.findall(text)))
    return [error("template.python_value",
                  f"w dokumencie zbudowanym z przykładu widać {shown!r} – zapis wartości w Pythonie zamiast tekstu; "
                  "wstaw tekst wartości (np. {{ pole.value }}), warunek ({% if pole %}…{% endif %}) albo filtr "
                  "formatujący") for shown in sorted(found)]


def check_document_type(doc_type: DocumentType, template: Path | None = None,
                        filters: dict[str, Any] | None = None) -> list[Problem]:
    """Every problem of the type's template (or another one) against its schema and example."""
    from ..rendering import make_environment
    from ..validation.validate import validate_file

    template = Path(template or doc_type.template)
    filters = filters or {}
    problems = lint_template(template)
    syntax = syntax_problems(template, make_environment(filters))
    problems += syntax
    example = validate_file(doc_type, doc_type.example)
    if not example.ok:
        problems += [error("check.example_invalid", f"przykład typu jest niepoprawny: {p.describe()}")
                     for p in example.errors]
    elif not syntax:
        problems += render_problems(doc_type, template, example.model, filters)
    elif any(p.code == "template.smart_quote" for p in problems):
        # Typographic quotes are the usual cause of syntax errors: look past them for the rest.
        straight = _with_straight_quotes(template)
        try:
            if not syntax_problems(straight, make_environment(filters)):
                problems += render_problems(doc_type, straight, example.model, filters, locate_in=template)
        finally:
            straight.unlink(missing_ok=True)
    problems += unused_fields(doc_type, template)
    return [p.located(str(template), None, None) if p.file is None else p for p in problems]
