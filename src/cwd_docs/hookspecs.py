"""Hook specifications: the contract between cwd_docs and its plugins.

Every hook is documented here; `docs/plugins.md` explains them with a walk-through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

if TYPE_CHECKING:
    from .doctype import DocumentType, Rule

PROJECT_NAME = "cwd_docs"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_document_types(register: "Callable[[DocumentType], None]") -> None:
    """Register the plugin's document types.

    Called once, when the document types are first needed. Call `register(DocumentType(...))`
    for each type the plugin provides. Returns nothing. A type whose name is already taken is
    skipped with a warning that names both plugins.
    """


@hookspec
def register_filters(register: "Callable[[str, Callable[..., Any]], None]") -> None:
    """Register extra Jinja filters for every template.

    Called once, after the document types. Call `register("name", function)` for each filter;
    templates then use `{{ value|name }}`. Returns nothing. A name already taken (by a built-in
    filter or another plugin) is skipped with a warning.
    """


@hookspec
def register_rules(register: "Callable[[str, Rule], None]") -> None:
    """Register extra validation rules for existing document types (a voivodeship's own rules).

    Called once, after the document types. Call `register("notatka", rule)` (a type's name), where `rule` takes
    the validated input model and returns a list of `Problem`s with data paths (they get file
    lines like the type's own rules). Returns nothing. Rules for an unknown type are skipped with
    a warning.
    """
