"""Hook specifications: the contract between cwd_docs and its plugins.

Every hook is documented here; `docs/plugins.md` explains them with a walk-through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pluggy

if TYPE_CHECKING:
    from .doctype import DocumentType

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
