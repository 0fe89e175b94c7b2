"""Built-in document types, in families: `project` (feasibility, schedule, application outline) and
`strategy` (supralocal, ZIT, IIT). Each type is a plugin of its own, registered like third-party ones."""

from __future__ import annotations

from typing import Callable

from ..doctype import DocumentType
from ..hookspecs import hookimpl


# Built-in plugins: a stable name (what `list` shows and CWD_DOCS_BLOCK_PLUGINS takes) -> "module:object".
# They are registered exactly like plugins from other distributions.
BUILTIN_PLUGINS = {
    "cwd_docs.plugins.feasibility": "cwd_docs.plugins.project.register:feasibility",
    "cwd_docs.plugins.schedule": "cwd_docs.plugins.project.register:schedule",
    "cwd_docs.plugins.application_outline": "cwd_docs.plugins.project.register:application_outline",
    "cwd_docs.plugins.supralocal": "cwd_docs.plugins.strategy.register:supralocal",
    "cwd_docs.plugins.strategy_zit": "cwd_docs.plugins.strategy.register:strategy_zit",
    "cwd_docs.plugins.strategy_iit": "cwd_docs.plugins.strategy.register:strategy_iit",
}


class OneTypePlugin:
    """A plugin that registers one document type, made when the types are first needed."""

    def __init__(self, make: Callable[[], DocumentType]) -> None:
        self._make = make

    @hookimpl
    def register_document_types(self, register: Callable[[DocumentType], None]) -> None:
        register(self._make())
