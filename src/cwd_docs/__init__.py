"""cwd_docs: Polish documents of the Centrum Wsparcia Doradczego programme from YAML data.

The public API is the names in `__all__` (and `cwd_docs.models`); it follows semantic versioning
(CHANGELOG.md). They are imported lazily so that `python -m cwd_docs --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .hookspecs import hookimpl

__version__ = "0.2.0"  # the one place of the version (pyproject.toml reads it)

_EXPORTS = {
    "build": "api", "build_bytes": "api", "validate": "api", "list_document_types": "api",
    "get_document_type": "api", "json_schema": "api", "example_text": "api", "render": "api",
    "plugin_warnings": "api", "BuildResult": "api", "DocumentBytes": "api",
    "DocumentType": "doctype", "Lazy": "doctype", "PackageRole": "doctype", "Scoped": "doctype",
    "Problem": "problems", "Severity": "problems", "InputError": "problems", "UsageError": "problems",
    "PluginError": "problems", "ValidationResult": "validation.validate",
    "build_package": "package.build", "validate_package": "package.build", "PackageResult": "package.build",
    "check_document_type": "authoring.checking",
}

__all__ = [
    "BuildResult", "DocumentBytes", "DocumentType", "InputError", "Lazy", "PackageResult", "PackageRole",
    "PluginError", "Problem", "Scoped", "Severity", "UsageError", "ValidationResult", "__version__", "build",
    "build_bytes", "build_package", "check_document_type", "example_text", "get_document_type", "hookimpl",
    "json_schema", "list_document_types", "plugin_warnings", "render", "validate", "validate_package",
]

if TYPE_CHECKING:  # what type checkers see; at run time the same names come lazily
    from .api import (BuildResult, DocumentBytes, build, build_bytes, example_text, get_document_type, json_schema,
                      list_document_types, plugin_warnings, render, validate)
    from .authoring.checking import check_document_type
    from .doctype import DocumentType, Lazy, PackageRole, Scoped
    from .package.build import PackageResult, build_package, validate_package
    from .problems import InputError, PluginError, Problem, Severity, UsageError
    from .validation.validate import ValidationResult


def __getattr__(name: str) -> Any:
    import importlib

    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cwd_docs' has no attribute {name!r}")
    return getattr(importlib.import_module("." + module, __name__), name)
