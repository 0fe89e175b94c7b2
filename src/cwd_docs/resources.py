"""Where shipped templates and examples live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def template_dir(doc_type: str) -> Path:
    """`templates/<type>/`: inside the installed package, or at the root of a checkout."""
    installed = _PACKAGE_DIR / "_templates" / doc_type
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / "templates" / doc_type
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"brak katalogu szablonu {doc_type!r} (ani {installed}, ani {checkout})")
