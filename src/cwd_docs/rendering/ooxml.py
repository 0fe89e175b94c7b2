"""Fixes to the rendered document's XML that docxtpl does not make."""

from __future__ import annotations

from typing import Any


def ask_to_update_fields(docx: Any) -> None:
    """Word and LibreOffice refresh the table of contents and page fields when they open it."""
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    settings = docx.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = OxmlElement("w:updateFields")
        settings.append(existing)
    existing.set(qn("w:val"), "true")


def grid_from_cell_widths(docx: Any) -> None:
    """Make each table's grid match its cells' widths.

    Column loops ({%tc %}) add or remove cells; docxtpl then spreads the table's width evenly over
    all columns, which squeezes the wide ones. The template's cell widths are what the author
    meant, so the grid is rebuilt from the row with the most cells (without merged cells).
    """
    from docx.oxml.ns import qn

    for table in docx.element.body.iter(qn("w:tbl")):
        grid = table.find(qn("w:tblGrid"))
        rows = table.findall(qn("w:tr"))
        if grid is None or not rows:
            continue
        widest = max(rows, key=lambda row: len(row.findall(qn("w:tc"))))
        widths = []
        for cell in widest.findall(qn("w:tc")):
            properties = cell.find(qn("w:tcPr"))
            width = properties.find(qn("w:tcW")) if properties is not None else None
            if width is None or properties.find(qn("w:gridSpan")) is not None \
                    or width.get(qn("w:type")) not in (None, "dxa"):
                widths = []
                break
            widths.append(width.get(qn("w:w")))
        current = [col.get(qn("w:w")) for col in grid.findall(qn("w:gridCol"))]
        if not widths or widths == current:
            continue
        for col in grid.findall(qn("w:gridCol")):
            grid.remove(col)
        for width in widths:
            col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): width})
            grid.append(col)
        table_width = table.find(qn("w:tblPr")).find(qn("w:tblW"))
        if table_width is not None and table_width.get(qn("w:type")) == "dxa":
            table_width.set(qn("w:w"), str(sum(int(w) for w in widths)))
