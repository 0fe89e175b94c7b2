"""cwd_docs: Polish documents of the Centrum Wsparcia Doradczego programme from YAML data.

The API is imported lazily so that `python -m cwd_docs --help` stays fast.
"""

from __future__ import annotations

from typing import Any

from .hookspecs import hookimpl

__version__ = "0.1.0"

_API = {
    "build", "validate", "list_document_types", "get_document_type", "json_schema", "example_text",
    "render", "BuildResult", "plugin_warnings",
}
_TYPES = {
    "DocumentType": "doctype", "Lazy": "doctype", "PackageRole": "doctype", "Scoped": "doctype", "Problem": "problems", "Severity": "problems",
    "InputError": "problems", "UsageError": "problems", "ValidationResult": "validation",
    "build_package": "package", "validate_package": "package", "PackageResult": "package",
    "check_document_type": "checking",
}

__all__ = sorted(_API | set(_TYPES) | {"hookimpl", "__version__"})


def __getattr__(name: str) -> Any:
    import importlib

    if name in _API:
        return getattr(importlib.import_module(".api", __name__), name)
    if name in _TYPES:
        return getattr(importlib.import_module("." + _TYPES[name], __name__), name)
    raise AttributeError(f"module 'cwd_docs' has no attribute {name!r}")
