"""Generator of templates/new_plugin/template.docx: the first template of a plugin `new-plugin` writes.

    python templates/new_plugin/make_new_plugin_template.py   # regenerate (python tools/make_templates.py does all)

It reads the fields of the scaffold's model (`cwd_docs.authoring.scaffold`: doc.title, doc.sections,
doc.items…) and has the built-in templates' styles, so a new type starts as the house's documents
do: headings numbered by the multilevel list of the Heading styles (never typed numbers), text
fields in Markdown, the CWD table style with its header and totals rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # docx_builder: the shared builder

from docx_builder import TemplateBuilder  # noqa: E402


def build() -> TemplateBuilder:
    b = TemplateBuilder()
    b.paragraph("{{ doc.title }}", style="Title")
    b.paragraph("{{ doc.place }}, {{ doc.date|date_long }} – {{ doc.author }}", align="right", space_after=18)
    b.tag("{%p for s in doc.sections %}")
    b.heading("{{ s.heading }}")
    b.markdown("s.text")
    b.tag("{%p endfor %}")
    b.heading("Koszty")
    b.loop_table(["Pozycja", "Kwota"], "p in doc.items", ["{{ p.name }}", "{{ p.amount|money }}"], widths=[11.5, 4.5],
                 align=["left", "right"], totals=["Razem", "{{ items_total|money }}"])
    b.paragraph("Budżet: {{ doc.budget|money }} (słownie: {{ doc.budget|money_words }}).")
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main(["new_plugin"] + sys.argv[1:]))
