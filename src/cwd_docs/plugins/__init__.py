"""Built-in document types, in families: `project` (feasibility, schedule, application outline) and
`strategy` (supralocal, ZIT, IIT). Each type is a plugin of its own, registered like third-party ones."""

from __future__ import annotations

from typing import Callable

from ..doctype import DocumentType
from ..hookspecs import hookimpl


class OneTypePlugin:
    """A plugin that registers one document type, made when the types are first needed."""

    def __init__(self, make: Callable[[], DocumentType]) -> None:
        self._make = make

    @hookimpl
    def register_document_types(self, register: Callable[[DocumentType], None]) -> None:
        register(self._make())
