"""The project file: one input for every project document."""

from __future__ import annotations

from pydantic import Field

from ...domain.application import ApplicationDetails
from ...domain.base import Model
from ...domain.document import DocumentInfo
from ...domain.partnership import Partnership
from ...domain.project import Project


class ProjectFile(Model):
    """Plik projektu: dokument, partnerstwo, projekt i (dla zarysu wniosku) dane wniosku."""

    document: DocumentInfo = Field(title="Dokument")
    partnership: Partnership = Field(title="Partnerstwo",
                                     description="Dane partnerstwa albo nazwa pliku z nimi, np. partnerstwo.yaml")
    project: Project = Field(title="Projekt")
    application: ApplicationDetails | None = Field(None, title="Dane do zarysu wniosku o dofinansowanie")


class ApplicationOutlineInput(ProjectFile):
    """The application outline needs the `application` section the other project documents ignore."""

    application: ApplicationDetails = Field(title="Dane do zarysu wniosku o dofinansowanie")
