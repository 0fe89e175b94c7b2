"""What the three territorial strategies share: input file, chapters, legal elements, context.

Each strategy type lists the chapters its template has and the legally required elements it must
contain; every element names its legal provision, the check that proves it is there and the
chapter that fulfils it, from which the closing annex maps element -> chapter -> page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from pydantic import Field

from ..domain.base import Model
from ..domain.document import DocumentInfo
from ..domain.partnership import Partnership
from ..domain.rules import partnership_rules, project_rules
from ..domain.strategy import Dimension, Strategy
from ..media import ImageRef
from ..problems import DataPath, Problem, error, warning
from .project_documents import ProjectFile


CHAPTER_TITLES = {
    "intro": "Wprowadzenie",
    "area": "Obszar strategii",
    "diagnosis": "Wnioski z diagnozy",
    "needs": "Potrzeby rozwojowe i potencjał obszaru",
    "goals": "Wizja i cele strategiczne",
    "directions": "Kierunki działań",
    "results": "Oczekiwane rezultaty i wskaźniki",
    "model": "Model struktury funkcjonalno-przestrzennej",
    "spatial": "Ustalenia i rekomendacje w zakresie kształtowania i prowadzenia polityki przestrzennej",
    "osi": "Obszary strategicznej interwencji",
    "integrated": "Zintegrowane podejście terytorialne",
    "partners": "Zaangażowanie partnerów",
    "projects": "Pakiet projektów",
    "implementation": "System realizacji strategii",
    "finance": "Ramy finansowe i źródła finansowania",
    "consultation": "Konsultacje i opinie",
}


class StrategyFile(Model):
    """Plik strategii: dokument, partnerstwo, strategia i pliki projektów z pakietu."""

    document: DocumentInfo = Field(title="Dokument")
    partnership: Partnership = Field(title="Partnerstwo", description="Dane partnerstwa albo nazwa pliku z nimi")
    strategy: Strategy = Field(title="Strategia")
    projects: list[ProjectFile] = Field(default_factory=list, title="Pakiet projektów",
                                        description="Nazwy plików projektów, np. [projekt-p01.yaml]")


Check = Callable[[StrategyFile], list[Problem]]


@dataclass(frozen=True)
class LegalElement:
    """A part the law requires; `check` reports it missing, `chapter` is where the document has it."""

    label: str
    basis: str
    chapter: str
    check: Check
    optional_when_absent: Callable[[StrategyFile], bool] | None = None  # "nie dotyczy" in the annex


@dataclass(frozen=True)
class StrategyKind:
    name: str
    title: str
    chapters: tuple[str, ...]
    elements: tuple[LegalElement, ...]
    extra_rules: tuple[Check, ...] = ()

    def chapter_number(self, key: str) -> int:
        return self.chapters.index(key) + 1

    def chapter_title(self, key: str) -> str:
        return f"{self.chapter_number(key)}. {CHAPTER_TITLES[key]}"


S = ("strategy",)


def missing(code: str, what: str, basis: str, path: DataPath, severity: str = "error") -> Problem:
    make = error if severity == "error" else warning
    return make(code, f"brak elementu wymaganego przez {basis}: {what}", S + path)


# --- checks shared by the strategy types -------------------------------------------------------

def has_diagnosis(basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        d = data.strategy.diagnosis
        if not (d.social or d.economic or d.spatial or d.environmental):
            return [missing("strategy.diagnosis", "wnioski z diagnozy (co najmniej jedna sfera)", basis,
                            ("diagnosis",))]
        return []
    return check


def has_goal_dimensions(basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        present = {g.dimension for g in data.strategy.goals}
        needed = (Dimension.SOCIAL, Dimension.ECONOMIC, Dimension.SPATIAL)
        absent = [d.value for d in needed if d not in present]
        if absent:
            return [missing("strategy.goal_dimension",
                            "cele strategiczne w wymiarze " + ", ".join(absent), basis, ("goals",))]
        return []
    return check


def has_directions(basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        return [missing("strategy.directions", f"kierunki działań dla celu {g.code}", basis,
                        ("goals", i, "directions"))
                for i, g in enumerate(data.strategy.goals) if not g.directions]
    return check


def has_results(basis: str, spatial: bool) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        problems = [missing("strategy.results", f"oczekiwane rezultaty ze wskaźnikami dla celu {g.code}", basis,
                            ("goals", i, "results"))
                    for i, g in enumerate(data.strategy.goals) if not g.results]
        if spatial and not problems and not any(r.spatial for _, r in data.strategy.results):
            problems.append(missing("strategy.spatial_results",
                                    "oczekiwane rezultaty planowanych działań w układzie przestrzennym "
                                    "(co najmniej jeden rezultat ze spatial: true)", basis, ("goals",)))
        return problems
    return check


def has_text(field: str, code: str, what: str, basis: str) -> Check:
    def check(data: StrategyFile) -> list[Problem]:
        if not getattr(data.strategy, field):
            return [missing(code, what, basis, (field,))]
        return []
    return check


def has_section(field: str, code: str, what: str, basis: str) -> Check:
    return has_text(field, code, what, basis)


def consultation_rules(data: StrategyFile) -> list[Problem]:
    consultation = data.strategy.consultation
    if consultation is None:
        return [missing("strategy.consultation", "konsultacje projektu strategii", "art. 6 u.z.p.p.r.",
                        ("consultation",))]
    problems = []
    if consultation.end < consultation.start:
        problems.append(error("dates.order", "konsultacje kończą się przed rozpoczęciem",
                              S + ("consultation", "end")))
    elif consultation.days < 35:
        problems.append(error(
            "consultation.too_short",
            f"konsultacje trwały {consultation.days} dni; termin na zgłaszanie uwag nie może być krótszy niż "
            "35 dni (art. 6 ust. 3 u.z.p.p.r.)", S + ("consultation", "end")))
    if consultation.comments_accepted > consultation.comments_received:
        problems.append(error("consultation.comments", "uwzględniono więcej uwag, niż zgłoszono",
                              S + ("consultation", "comments_accepted")))
    return problems


def projects_belong_to_partnership(data: StrategyFile) -> list[Problem]:
    problems = []
    codes: dict[str, int] = {}
    for index, project_file in enumerate(data.projects):
        if project_file.partnership.name != data.partnership.name:
            problems.append(error(
                "strategy.project_partnership",
                f"projekt {project_file.project.code} należy do partnerstwa „{project_file.partnership.name}”, "
                f"a strategia do „{data.partnership.name}”", ("projects", index, "partnership", "name")))
        code = project_file.project.code
        if code in codes:
            problems.append(error("strategy.project_duplicate", f"projekt {code} występuje w pakiecie dwukrotnie",
                                  ("projects", index, "project", "code")))
        codes.setdefault(code, index)
    return problems


def strategy_partnership_rules(data: StrategyFile) -> list[Problem]:
    return partnership_rules(data.partnership)


def included_project_rules(data: StrategyFile) -> list[Problem]:
    """A project in the package is checked as its own documents would check it."""
    problems: list[Problem] = []
    for index, project_file in enumerate(data.projects):
        problems.extend(project_rules(project_file.project, project_file.partnership,
                                      path=("projects", index, "project")))
    return problems


def financial_framework_years(data: StrategyFile) -> list[Problem]:
    framework = data.strategy.financial_framework
    if framework is None:
        return []
    return [error("strategy.finance_year", f"rok {year} jest poza zakresem 2014–2040",
                  S + ("financial_framework", "sources", i, "amounts", str(year)))
            for i, source in enumerate(framework.sources) for year in source.amounts if not 2014 <= year <= 2040]


def goal_codes_unique(data: StrategyFile) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, goal in enumerate(data.strategy.goals):
        if goal.code in seen:
            problems.append(error("strategy.goal_duplicate", f"kod celu {goal.code} już występuje",
                                  S + ("goals", index, "code")))
        seen.add(goal.code)
    return problems


def osi_members_known(data: StrategyFile) -> list[Problem]:
    problems = []
    known = ", ".join(m.id for m in data.partnership.members)
    for kind in ("regional", "local"):
        for i, area in enumerate(getattr(data.strategy.osi, kind)):
            for j, member_id in enumerate(area.members):
                if data.partnership.member(member_id) is None:
                    problems.append(error("member.unknown",
                                          f"{member_id!r} nie jest członkiem partnerstwa (członkowie: {known})",
                                          S + ("osi", kind, i, "members", j)))
    return problems


COMMON_RULES: tuple[Check, ...] = (strategy_partnership_rules, included_project_rules, projects_belong_to_partnership,
                                   financial_framework_years, goal_codes_unique, osi_members_known)


def make_rules(kind: StrategyKind) -> tuple[Check, ...]:
    def legal_elements(data: StrategyFile) -> list[Problem]:
        problems: list[Problem] = []
        for element in kind.elements:
            problems.extend(element.check(data))
        return problems

    legal_elements.__name__ = f"{kind.name}_legal_elements"
    return COMMON_RULES + (legal_elements,) + kind.extra_rules


# --- context ------------------------------------------------------------------------------------

def strategy_context(kind: StrategyKind, data: StrategyFile) -> dict[str, Any]:
    strategy, partnership = data.strategy, data.partnership

    def image(path: Any, width: float = 160.0) -> ImageRef | None:
        return ImageRef(path, width) if path else None

    projects = []
    for project_file in data.projects:
        project = project_file.project
        leader = project_file.partnership.member(project.leader)
        projects.append({"project": project, "leader": leader.name if leader else project.leader})
    framework = strategy.financial_framework
    annex = []
    for element in kind.elements:
        not_applicable = element.optional_when_absent is not None and element.optional_when_absent(data)
        annex.append({
            "label": element.label, "basis": element.basis, "bookmark": f"ch_{element.chapter}",
            "chapter": kind.chapter_title(element.chapter),
            "status": "nie dotyczy" if not_applicable else "spełniony",
        })
    osi_names = {m.id: m.name for m in partnership.members}
    return {
        "kind": {"name": kind.name, "title": kind.title},
        "document": data.document,
        "partnership": partnership,
        "strategy": strategy,
        "leader": partnership.leader_member,
        "members": partnership.members,
        "population": partnership.population,
        "area_km2": partnership.area_km2,
        "dimensions": [
            {"name": "społeczna", "items": strategy.diagnosis.social},
            {"name": "gospodarcza", "items": strategy.diagnosis.economic},
            {"name": "przestrzenna", "items": strategy.diagnosis.spatial},
            {"name": "środowiskowa", "items": strategy.diagnosis.environmental},
        ],
        "results": [{"goal": goal, "result": result} for goal, result in strategy.results],
        "osi_regional": [{"area": a, "members": [osi_names.get(m, m) for m in a.members]}
                         for a in strategy.osi.regional],
        "osi_local": [{"area": a, "members": [osi_names.get(m, m) for m in a.members]} for a in strategy.osi.local],
        "maps": {
            "model": image(strategy.functional_model.map if strategy.functional_model else None),
            "osi_regional": image(strategy.osi.regional_map),
            "osi_local": image(strategy.osi.local_map),
        },
        "projects": projects,
        "projects_total": sum((p["project"].total_cost for p in projects), Decimal(0)),
        "projects_eu": sum((p["project"].eu_amount for p in projects), Decimal(0)),
        "finance": {
            "years": framework.years if framework else [],
            "rows": [{"source": s.source, "amounts": [s.amounts.get(y, Decimal(0)) for y in framework.years],
                      "total": s.total} for s in framework.sources] if framework else [],
            "totals": framework.totals_by_year if framework else [],
            "total": framework.total if framework else Decimal(0),
        },
        "opinions": strategy.opinions,
        "annex": annex,
    }
