"""Registration of the three territorial strategies (supralocal, ZIT, IIT).

Their schema, legal elements and rules live in supralocal.py, strategy_zit.py, strategy_iit.py and
strategy_common.py and are imported when a strategy is first validated or built.
"""

from __future__ import annotations

from typing import Callable

from ..doctype import DocumentType, Lazy
from ..hookspecs import hookimpl
from ..resources import template_dir

STRATEGIES = (
    ("supralocal", "Strategia rozwoju ponadlokalnego",
     "Strategia rozwoju ponadlokalnego partnerstwa gmin (art. 10g u.s.g.)"),
    ("strategy_zit", "Strategia terytorialna ZIT",
     "Strategia terytorialna dla Zintegrowanych Inwestycji Terytorialnych (art. 29 CPR)"),
    ("strategy_iit", "Strategia terytorialna IIT",
     "Strategia terytorialna dla Innych Instrumentów Terytorialnych (art. 29 CPR)"),
)


@hookimpl
def register_document_types(register: Callable[[DocumentType], None]) -> None:
    examples = template_dir("strategy_file")
    for name, title, description in STRATEGIES:
        module = f"cwd_docs.plugins.{name}"
        register(DocumentType(
            name=name,
            title=title,
            description=description,
            input_model=Lazy("cwd_docs.plugins.strategy_common:StrategyFile"),
            template=template_dir(name) / "template.docx",
            example=examples / "example.yaml",
            example_assets=tuple(sorted((examples / "mapy").glob("*.png"))),
            build_context=Lazy(f"{module}:context"),
            rules=Lazy(f"{module}:RULES"),
            include_keys=("partnership", "projects"),
        ))
