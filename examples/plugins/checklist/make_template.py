"""Write the first version of cwd_docs_checklist/template.docx (refuses to overwrite without --force)."""

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = Path(__file__).parent / "cwd_docs_checklist" / "template.docx"


def shade(cell, fill):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def criteria_table(document, rows_var):
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Lp.", "Kryterium", "Ocena", "Uzasadnienie"]):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        shade(cell, "D9E2F3")
    table.add_row().cells[0].text = "{%tr for k in " + rows_var + " %}"
    row = table.add_row().cells
    for cell, text in zip(row, ["{{ loop.index }}", "{{ k.label }}", "{{ \"TAK (1)\" if k.score else \"NIE (0)\" }}",
                                "{{ k.comment or \"–\" }}"]):
        cell.text = text
    table.add_row().cells[0].text = "{%tr endfor %}"
    for row in table.rows:
        for cell, width in zip(row.cells, (1.0, 7.0, 2.2, 5.8)):
            cell.width = Cm(width)


def main():
    if TARGET.exists() and "--force" not in sys.argv:
        raise SystemExit(f"{TARGET} już istnieje; użyj --force")
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    title = document.add_heading("Lista sprawdzająca", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = document.add_paragraph("wyboru partnerstwa JST do objęcia wsparciem Centrum Wsparcia Doradczego")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Partnerstwo: {{ partnership.name }}").runs[0].bold = True
    document.add_paragraph("Lider: {{ leader.name }}; członkowie: "
                           "{{ partnership.members|map(attribute=\"name\")|list|join_words(\" oraz \") }}.")
    document.add_paragraph("Instytucja oceniająca: {{ assessment.institution }}")
    document.add_heading("Kryteria formalne", level=1)
    criteria_table(document, "formal")
    document.add_paragraph("Spełnione kryteria formalne: {{ formal_met }} z {{ formal_total }}.")
    document.add_heading("Kryteria jakościowe", level=1)
    criteria_table(document, "quality")
    document.add_paragraph("Spełnione kryteria jakościowe: {{ quality_met }} z {{ quality_total }}.")
    document.add_heading("Decyzja", level=1)
    decision = document.add_paragraph(
        "{% if positive %}Partnerstwo spełnia wszystkie kryteria i jest rekomendowane do objęcia wsparciem CWD."
        "{% else %}Partnerstwo nie spełnia wszystkich kryteriów i nie jest rekomendowane do objęcia wsparciem CWD."
        "{% endif %}")
    decision.runs[0].bold = True
    decision.runs[0].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    document.add_paragraph("{{ assessment.date|date_long }}, oceniający: {{ assessment.assessor }}")
    document.add_paragraph("\n\n.......................................................\n(podpis)")
    document.save(str(TARGET))
    print(f"zapisano {TARGET}")


if __name__ == "__main__":
    main()
