"""Registration of the three territorial strategies (supralocal, ZIT, IIT), each a plugin of its own.

Their schema, legal elements and rules are imported when a strategy is first validated or built.
In a partnership package a strategy file makes one of them: supralocal unless `--variant` says
otherwise.
"""

from __future__ import annotations


from ...doctype import DocumentType, Lazy, PackageRole
from ...resources import template_dir
from .. import OneTypePlugin

FAMILY = "cwd_docs.plugins.strategy"
STRATEGY_SECTION = 10  # the strategy opens the package


def strategy_document(name: str, module: str, title: str, description: str, default: bool = False) -> DocumentType:
    examples = template_dir("strategy_file")
    return DocumentType(
        name=name,
        title=title,
        description=description,
        input_model=Lazy(f"{FAMILY}.schema:StrategyFile"),
        template=template_dir(name) / "template.docx",
        example=examples / "example.yaml",
        example_assets=tuple(sorted((examples / "mapy").glob("*.png"))),
        build_context=Lazy(f"{FAMILY}.{module}:context"),
        rules=Lazy(f"{FAMILY}.{module}:RULES"),
        include_keys=("partnership", "projects"),
        package=PackageRole(
            reads=lambda data: "strategy" in data,
            file_name=lambda model: "strategia",
            label=lambda model: "Strategia",
            title=lambda model: model.strategy.name,
            section=STRATEGY_SECTION, choice="strategia", default=default),
    )


supralocal = OneTypePlugin(lambda: strategy_document(
    "supralocal", "supralocal", "Strategia rozwoju ponadlokalnego",
    "Strategia rozwoju ponadlokalnego partnerstwa gmin (art. 10g u.s.g.)", default=True))

strategy_zit = OneTypePlugin(lambda: strategy_document(
    "strategy_zit", "zit", "Strategia terytorialna ZIT",
    "Strategia terytorialna dla Zintegrowanych Inwestycji Terytorialnych (art. 29 CPR)"))

strategy_iit = OneTypePlugin(lambda: strategy_document(
    "strategy_iit", "iit", "Strategia terytorialna IIT",
    "Strategia terytorialna dla Innych Instrumentów Terytorialnych (art. 29 CPR)"))
