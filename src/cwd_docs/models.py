"""The public input models: what other tools build in code and pass to validate and build.

    from cwd_docs.models import ProjectFile, Partnership, Member, MemberKind, Project, DocumentInfo

Everything here is part of the stable API (semantic versioning, see CHANGELOG.md); the modules
these names come from are not. Importing this module imports pydantic and the built-in schemas.
"""

from __future__ import annotations

from .domain.application import (ApplicationDetails, Dnsh, DnshAnswer, DnshImpact, HorizontalPrinciples,
                                 SectoralAnalysis, StateAid)
from .domain.base import Model
from .domain.document import DocumentInfo
from .domain.partnership import CooperationForm, Member, MemberKind, Partnership, Person, Voivodeship
from .domain.project import (CostItem, FundingKind, FundingSource, Indicator, IndicatorKind, Institutions, Level,
                             Operation, Option, Project, Readiness, Risk, Task, Theme)
from .domain.strategy import (Consultation, ConsultedGroup, Diagnosis, Dimension, Direction, ExpectedResult,
                              FinancialFramework, FinancialSource, Goal, IitBasis, Implementation, Interlinkages,
                              MapSection, NeedsPotential, Opinion, OpinionBody, Osi, OsiArea, Strategy, Swot)
from .plugins.project.schema import ApplicationOutlineInput, ProjectFile
from .plugins.strategy.schema import StrategyFile

__all__ = [
    # input models of the built-in document types
    "ProjectFile", "ApplicationOutlineInput", "StrategyFile",
    # shared domain models
    "Model", "DocumentInfo",
    "Partnership", "Member", "MemberKind", "CooperationForm", "Person", "Voivodeship",
    "Project", "CostItem", "FundingSource", "FundingKind", "Indicator", "IndicatorKind", "Institutions", "Level",
    "Operation", "Option", "Readiness", "Risk", "Task", "Theme",
    "ApplicationDetails", "Dnsh", "DnshAnswer", "DnshImpact", "HorizontalPrinciples", "SectoralAnalysis", "StateAid",
    "Strategy", "Consultation", "ConsultedGroup", "Diagnosis", "Dimension", "Direction", "ExpectedResult",
    "FinancialFramework", "FinancialSource", "Goal", "IitBasis", "Implementation", "Interlinkages", "MapSection",
    "NeedsPotential", "Opinion", "OpinionBody", "Osi", "OsiArea", "Swot",
]
