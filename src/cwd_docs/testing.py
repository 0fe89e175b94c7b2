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


def check_type(type_name: str, template: Path | None = None, include_warnings: bool = False) -> list[Any]:
    """Problems of the type's template against its schema and example (errors only by default)."""
    from .api import get_document_type
    from .checking import check_document_type
    from .plugin_manager import get_registry

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
