"""Where the shipped templates and examples live: package data, found with importlib.resources.

They sit in `cwd_docs/_templates/<folder>/` in the source tree and in the installed package alike,
so a wheel, an editable install and a checkout all read the same files.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def template_dir(folder: str) -> Path:
    """`cwd_docs/_templates/<folder>/` (a template folder per document type, plus shared examples)."""
    # The package is installed as plain files (a wheel or an editable install), never zipped, so the
    # resource is a real directory that docxtpl and LibreOffice can open by path.
    path = Path(str(files("cwd_docs").joinpath("_templates", folder)))
    if not path.is_dir():
        raise FileNotFoundError(f"brak katalogu szablonu {folder!r} ({path})")
    return path
