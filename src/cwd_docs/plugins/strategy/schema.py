"""The strategy file: document, partnership, strategy and the project files of its package."""

from __future__ import annotations

from pydantic import Field, model_validator

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

    @model_validator(mode="after")
    def _link_projects(self) -> "StrategyFile":
        """The projects of the package know their strategy (the goal's name, the territorial mechanism);
        a project naming its own strategy file keeps that one and is checked against it."""
        for project_file in self.projects:
            if project_file.strategy_file is None:
                project_file.link_strategy(self.strategy)
        return self
