"""The strategy file: document, partnership, strategy and the project files of its package."""

from __future__ import annotations

from pydantic import Field

from ...domain.base import Model
from ...domain.document import DocumentInfo
from ...domain.partnership import Partnership
from ...domain.strategy import Strategy
from ..project.schema import ProjectFile


class StrategyFile(Model):
    """Plik strategii: dokument, partnerstwo, strategia i pliki projektów z pakietu."""

    document: DocumentInfo = Field(title="Dokument")
    partnership: Partnership = Field(title="Partnerstwo", description="Dane partnerstwa albo nazwa pliku z nimi")
    strategy: Strategy = Field(title="Strategia")
    projects: list[ProjectFile] = Field(default_factory=list, title="Pakiet projektów",
                                        description="Nazwy plików projektów, np. [projekt-p01.yaml]")
