"""Generator of templates/package_cover/template.docx: the cover of a package's combined PDF.

    python templates/package_cover/make_package_cover_template.py      # regenerate (python tools/make_templates.py does all)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # docx_builder: the shared builder

from docx_builder import GREY, NAVY, TemplateBuilder



def build() -> TemplateBuilder:
    b = TemplateBuilder()
    b.paragraph("{{ partnership.cwd_edition }}", align="center", size=11, color=GREY, space_after=90)
    b.paragraph("Dokumenty partnerstwa", style="Title")
    b.paragraph("{{ partnership.name }}", style="Subtitle", space_after=40)
    b.paragraph("Zestaw zawiera:", bold=True, color=NAVY, space_after=4)
    b.bullets("d in documents", "{{ d.title }}", style="List Number")
    b.paragraph("{{ document.place }}, {{ document.date|date_long }}", align="center", space_before=60,
                space_after=2)
    b.paragraph("Każdy dokument jest dostępny także osobno w formacie DOCX do edycji.", align="center", size=9.5,
                color=GREY)
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main(["package_cover"] + sys.argv[1:]))
