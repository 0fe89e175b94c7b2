"""Where the shipped templates and examples live: the top-level `templates/<type>/` folders.

A checkout (and an editable install, which runs the checkout's code) reads them from
`templates/` beside `src/`; a wheel carries the same folders as package data,
`cwd_docs/templates/<type>/` (pyproject.toml maps one onto the other), found with
importlib.resources. `template_dir` looks in the package first, then in the checkout, so every
install reads the same files by one rule.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"  # src/cwd_docs/registry/ -> the checkout


def templates_root() -> Path:
    """`cwd_docs/templates/` of an installed wheel, else the checkout's `templates/`."""
    # The package is installed as plain files (a wheel or an editable install), never zipped, so the
    # resource is a real directory that docxtpl and LibreOffice can open by path.
    packaged = Path(str(files("cwd_docs").joinpath("templates")))
    if packaged.is_dir():
        return packaged
    if CHECKOUT_TEMPLATES.is_dir():
        return CHECKOUT_TEMPLATES
    raise FileNotFoundError(f"brak katalogu szablonów ({packaged}, {CHECKOUT_TEMPLATES})")


def template_dir(folder: str) -> Path:
    """`templates/<folder>/`: a document type's template and example, or a shared folder (project_file)."""
    path = templates_root() / folder
    if not path.is_dir():
        raise FileNotFoundError(f"brak katalogu szablonu {folder!r} ({path})")
    return path
