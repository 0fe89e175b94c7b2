"""Helpers and pytest fixtures for plugin authors (loaded by pytest through the `pytest11` entry point).

    def test_my_type(cwd_docs_check, cwd_docs_build_example):
        assert cwd_docs_check("notatka") == []          # template matches schema and example
        text = cwd_docs_build_example("notatka")        # builds the example, returns the text
        assert "Notatka służbowa" in text
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest


def docx_text(path: Path | str, plain_spaces: bool = True) -> str:
    """All text of a DOCX: paragraphs, tables, headers and footers.

    With plain_spaces, the non-breaking spaces of the one-letter-word rule read as spaces.
    """
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for header in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts.extend(p.text for p in header.paragraphs)
    text = "\n".join(parts)
    return text.replace("\u00a0", " ") if plain_spaces else text


def heading_texts(path: Path | str, level: int | None = None) -> list[str]:
    """Headings as a reader sees them: with the number their numbered list gives them ("9.1. Koszty…").

    Templates number headings with a multilevel list bound to the heading styles, so the number is
    not in the paragraph's text; this adds it (decimal levels, as the shipped templates use).
    Non-breaking spaces read as spaces. `level` keeps only headings of that level.
    """
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(path))
    levels: dict[str, dict[int, str]] = {}
    numbering = document.part.numbering_part.element
    abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    for num in numbering.findall(qn("w:num")):
        definition = abstract.get(num.find(qn("w:abstractNumId")).get(qn("w:val")))
        if definition is not None:
            levels[num.get(qn("w:numId"))] = {
                int(lvl.get(qn("w:ilvl"))): lvl.find(qn("w:lvlText")).get(qn("w:val"))
                for lvl in definition.findall(qn("w:lvl")) if lvl.find(qn("w:lvlText")) is not None}

    def numbering_of(element: Any) -> tuple[str, int] | None:
        ppr = element.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None or numpr.find(qn("w:numId")) is None:
            return None
        ilvl = numpr.find(qn("w:ilvl"))
        return numpr.find(qn("w:numId")).get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0

    counters: dict[str, list[int]] = {}
    headings = []
    for paragraph in document.paragraphs:
        style = paragraph.style
        if not style.name.startswith("Heading"):
            continue
        found = numbering_of(paragraph._p)
        while found is None and style is not None:
            found = numbering_of(style.element)
            style = style.base_style
        label = ""
        if found is not None and found[0] in levels:
            num_id, ilvl = found
            counter = counters.setdefault(num_id, [0] * 9)
            counter[ilvl] += 1
            counter[ilvl + 1:] = [0] * (8 - ilvl)
            label = levels[num_id].get(ilvl, "")
            for index in range(ilvl + 1):
                label = label.replace(f"%{index + 1}", str(counter[index]))
        heading_level = int(paragraph.style.name.split()[-1]) if paragraph.style.name[-1].isdigit() else None
        if level is None or heading_level == level:
            text = f"{label} {paragraph.text}" if label else paragraph.text
            headings.append(text.replace("\u00a0", " "))
    return headings


def check_type(type_name: str, template: Path | None = None, include_warnings: bool = False) -> list[Any]:
    """Problems of the type's template against its schema and example (errors only by default)."""
    from .api import get_document_type
    from .authoring.checking import check_document_type
    from .registry.plugin_manager import get_registry

    problems = check_document_type(get_document_type(type_name), template, get_registry().filters)
    return problems if include_warnings else [p for p in problems if p.is_error]


def build_example(type_name: str, folder: Path) -> Path:
    """Build the type's shipped example into folder and return the DOCX path."""
    import shutil

    from .api import build, get_document_type

    doc_type = get_document_type(type_name)
    source = folder / doc_type.example.name
    shutil.copy(doc_type.example, source)
    for asset in doc_type.example_assets:
        target = folder / asset.relative_to(doc_type.example.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(asset, target)
    return build(type_name, source, output=folder / f"{type_name}.docx").docx


@pytest.fixture
def cwd_docs_check() -> Callable[..., list[Any]]:
    """cwd_docs_check("typ") -> the template's errors (an empty list when the template is sound)."""
    return check_type


@pytest.fixture
def cwd_docs_build_example(tmp_path: Path) -> Callable[[str], str]:
    """cwd_docs_build_example("typ") -> the text of the DOCX built from the type's example."""
    def run(type_name: str) -> str:
        return docx_text(build_example(type_name, tmp_path))

    return run
