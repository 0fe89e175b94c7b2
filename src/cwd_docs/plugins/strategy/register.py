"""Registration of the three territorial strategies (supralocal, ZIT, IIT), each a plugin of its own.

Their schema, legal elements and rules are imported when a strategy is first validated or built.
In a partnership package a strategy file makes the one it declares in `strategy.kind` (ponadlokalna
unless it says ZIT or IIT); a supralocal strategy that also serves as the ZIT or IIT strategy
(`strategy.serves_as`) is one document meeting both laws.
"""

from __future__ import annotations


from ...doctype import DocumentType, Lazy, PackageRole
from ...registry.resources import template_dir
from .. import OneTypePlugin

FAMILY = "cwd_docs.plugins.strategy"
STRATEGY_SECTION = 10  # the strategy opens the package


def declares(kind: str):
    """Whether a file's top-level data is a strategy of this kind (what `strategy.kind` says)."""
    def reads(data) -> bool:
        strategy = data.get("strategy")
        if not isinstance(strategy, dict):
            return False
        declared = str(strategy.get("kind", "ponadlokalna")).strip()
        if kind == "ponadlokalna":  # an unknown kind is validated (and reported) as a supralocal strategy
            return declared not in ("ZIT", "IIT")
        return declared == kind
    return reads


def strategy_document(name: str, module: str, title: str, description: str, kind: str) -> DocumentType:
    folder = template_dir(name)
    return DocumentType(
        name=name,
        title=title,
        description=description,
        input_model=Lazy(f"{FAMILY}.schema:StrategyFile"),
        template=folder / "template.docx",
        example=folder / "example.yaml",
        example_assets=tuple(sorted((folder / "mapy").glob("*.png"))),
        build_context=Lazy(f"{FAMILY}.{module}:context"),
        rules=Lazy(f"{FAMILY}.{module}:RULES"),
        include_keys=("partnership", "projects"),
        package=PackageRole(
            reads=declares(kind),
            file_name=lambda model: "strategia",
            label=lambda model: "Strategia",
            title=lambda model: model.strategy.name,
            section=STRATEGY_SECTION),
    )


supralocal = OneTypePlugin(lambda: strategy_document(
    "supralocal", "supralocal", "Strategia rozwoju ponadlokalnego",
    "Strategia rozwoju ponadlokalnego partnerstwa gmin (art. 10g u.s.g.); może pełnić funkcję strategii ZIT "
    "albo IIT (serves_as)", "ponadlokalna"))

strategy_zit = OneTypePlugin(lambda: strategy_document(
    "strategy_zit", "zit", "Strategia terytorialna ZIT",
    "Strategia terytorialna dla Zintegrowanych Inwestycji Terytorialnych (art. 29 CPR)", "ZIT"))

strategy_iit = OneTypePlugin(lambda: strategy_document(
    "strategy_iit", "iit", "Strategia terytorialna IIT",
    "Strategia terytorialna dla Innych Instrumentów Terytorialnych (art. 29 CPR)", "IIT"))
