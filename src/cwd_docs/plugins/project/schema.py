"""The project file: one input for every project document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, PrivateAttr, ValidationInfo, model_validator

from ...domain.application import ApplicationDetails, TerritorialMechanism, programme_rows
from ...domain.base import Model, OptionalText
from ...domain.document import DocumentInfo
from ...domain.partnership import Partnership
from ...domain.project import PROGRAMME_INDICATORS, Project


class ProjectFile(Model):
    """Plik projektu: dokument, partnerstwo, projekt i (dla zarysu wniosku) dane wniosku."""

    document: DocumentInfo = Field(title="Dokument")
    partnership: Partnership = Field(title="Partnerstwo",
                                     description="Dane partnerstwa albo nazwa pliku z nimi, np. partnerstwo.yaml")
    project: Project = Field(title="Projekt")
    application: ApplicationDetails | None = Field(None, title="Dane do zarysu wniosku o dofinansowanie")
    strategy: OptionalText = Field(
        "", title="Plik strategii, która wymienia projekt",
        description="Np. strategia.yaml: dokumenty projektu biorą z niej nazwę celu (strategy_goal_code) "
                    "i terytorialny mechanizm wdrażania; w pakiecie wystarcza, że strategia wymienia projekt")
    _strategy: Any = PrivateAttr(None)
    _strategy_file: Path | None = PrivateAttr(None)
    _root: Path | None = PrivateAttr(None)

    @model_validator(mode="before")
    @classmethod
    def _programme_indicators(cls, data: Any, info: ValidationInfo) -> Any:
        """Hand the programme's indicator list to the project's indicators, validated after it is read
        (an indicator given by its code takes its name, unit and kind from that list first)."""
        if isinstance(data, dict) and info.context is not None:
            application = data.get("application")
            raw = application.get("programme_indicators") if isinstance(application, dict) else None
            info.context[PROGRAMME_INDICATORS] = programme_rows(raw)
        return data

    @model_validator(mode="after")
    def _strategy_location(self, info: ValidationInfo) -> "ProjectFile":
        if self.strategy:
            context = info.context or {}
            base = Path(context.get("base_dir", "."))
            self._strategy_file = base / self.strategy
            root = context.get("root", context.get("base_dir"))
            self._root = Path(root) if root else None
        return self

    @property
    def strategy_file(self) -> Path | None:
        """The strategy file the project names (field `strategy`), resolved against the project file's folder."""
        return self._strategy_file

    @property
    def strategy_root(self) -> Path | None:
        return self._root

    def link_strategy(self, strategy: Any) -> None:
        """The strategy whose package lists this project (set when the strategy file is validated)."""
        self._strategy = strategy

    @property
    def linked_strategy(self) -> Any:
        """The strategy listing the project (package, strategy build), else the one its `strategy` field names."""
        if self._strategy is None and self._strategy_file is not None:
            from .strategy_link import named_strategy

            self._strategy = named_strategy(self)[0]
        return self._strategy

    @property
    def goal_reference(self) -> Any:
        """The strategy's goal or direction the project names by code, with the strategy's own name;
        None without a linked strategy or when the strategy lacks the code (a strategy rule says so)."""
        code, strategy = self.project.strategy_goal_code, self.linked_strategy
        if strategy is None or not code:
            return None
        return strategy.named(code)

    @property
    def territorial_mechanism(self) -> TerritorialMechanism | None:
        """The territorial delivery mechanism (CPR annex I, table 3) of the project: the one of the strategy
        that lists it (ZIT, IIT or none); without a linked strategy, the one the application data states."""
        if self.linked_strategy is not None:
            return self.linked_strategy.territorial_mechanism
        classification = self.application.classification if self.application else None
        return classification.territorial_mechanism if classification else None


class ApplicationOutlineInput(ProjectFile):
    """The application outline needs the `application` section the other project documents ignore."""

    application: ApplicationDetails = Field(title="Dane do zarysu wniosku o dofinansowanie")
