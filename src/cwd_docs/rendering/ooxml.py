"""Fixes to the rendered document's XML that docxtpl does not make."""

from __future__ import annotations

from typing import Any


# CT_Settings elements that follow updateFields in the schema's sequence (Word wants the order kept).
AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                       "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                       "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                       "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def ask_to_update_fields(docx: Any) -> None:
    """Word and LibreOffice refresh the table of contents and page fields when they open it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = docx.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = OxmlElement("w:updateFields")
        later = {qn(f"w:{name}") for name in AFTER_UPDATE_FIELDS}
        following = next((child for child in settings if child.tag in later), None)
        if following is not None:
            following.addprevious(existing)
        else:
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


# CT_TcPr's sequence. docxtpl's {% cellbg %} and {% colspan %} put w:shd and w:gridSpan first in a
# cell's properties, before w:tcW, which Word's schema does not allow.
TCPR_ORDER = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
              "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
              "tcPrChange")
MISORDERED_CELLS = ("//w:tcPr[w:tcW/preceding-sibling::*[not(self::w:cnfStyle)] "
                    "or w:gridSpan/following-sibling::w:tcW or w:shd/following-sibling::*[self::w:tcW or "
                    "self::w:gridSpan or self::w:vMerge or self::w:tcBorders]]")


def order_cell_properties(docx: Any) -> None:
    """Put the children of cell properties in the schema's order (only cells that need it)."""
    rank = {f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{name}": index
            for index, name in enumerate(TCPR_ORDER)}
    body = docx.element.body
    for properties in body.xpath(MISORDERED_CELLS):
        children = sorted(properties, key=lambda child: rank.get(child.tag, len(rank)))
        for child in children:
            properties.append(child)  # moving each, in order, to the end reorders them


SMALL_TABLE_ROWS = 8
# A small table is kept whole only while it is short: moved whole, a taller one leaves a third of the
# page before it empty (LibreOffice moves the heading and caption kept with it too).
SMALL_TABLE_LINES = 10
CHAR_WIDTH_TWIPS = 95  # an average character of the 9.5 pt table text


def _estimated_lines(rows: list[Any]) -> int:
    """Lines the rows take: per row its tallest cell, a cell's paragraphs wrapped at the cell's width."""
    from docx.oxml.ns import qn

    total = 0
    for row in rows:
        tallest = 1
        for cell in row.findall(qn("w:tc")):
            width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            twips = int(width.get(qn("w:w"))) if width is not None and width.get(qn("w:type")) == "dxa" else 2000
            per_line = max(1, twips // CHAR_WIDTH_TWIPS - 1)
            lines = sum(max(1, -(-len("".join(t.text or "" for t in p.iter(qn("w:t")))) // per_line))
                        for p in cell.iter(qn("w:p")))
            tallest = max(tallest, lines)
        total += tallest
    return total


def keep_table_rows_together(docx: Any) -> None:
    """Table rows an editor keeps together (Word's keep-with-next on the rows' paragraphs):
    a header row with the first row after it, a totals row (the table style's last row) with the two
    rows before it, and a small table (up to eight rows, up to ten lines) whole. Other tables
    break between rows (a row itself never: cantSplit), the header row repeated."""
    from docx.oxml.ns import qn

    for table in docx.element.body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        if len(rows) < 2:
            continue
        look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
        totals = look is not None and look.get(qn("w:lastRow")) in ("1", "true", "on")
        keep = set()
        if len(rows) <= SMALL_TABLE_ROWS and _estimated_lines(rows) <= SMALL_TABLE_LINES:
            keep = set(range(len(rows) - 1))
        else:
            header = rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            if header:
                keep |= {0, 1}
            if totals:
                keep |= {len(rows) - 3, len(rows) - 2}
        for index in sorted(keep):
            for paragraph in rows[index].iter(qn("w:p")):
                paragraph.get_or_add_pPr().keepNext_val = True


def fill_landscape_width(docx: Any) -> None:
    """In a landscape document, a table narrower than the text (its column loops made it so) takes
    the whole width: its widest column gets the difference."""
    from docx.oxml.ns import qn

    body = docx.element.body
    page = _text_width(body)
    if page is None or not page[1]:
        return
    text_width = page[0]
    for table in body.iter(qn("w:tbl")):
        columns, widths = _grid(table)
        if not widths or sum(widths) >= text_width * 0.95:
            continue
        delta, widest = text_width - sum(widths), max(range(len(widths)), key=widths.__getitem__)
        columns[widest].set(qn("w:w"), str(widths[widest] + delta))
        for row in table.findall(qn("w:tr")):
            position = 0
            for cell in row.findall(qn("w:tc")):
                properties = cell.find(qn("w:tcPr"))
                span_element = properties.find(qn("w:gridSpan")) if properties is not None else None
                span = int(span_element.get(qn("w:val"))) if span_element is not None else 1
                if position <= widest < position + span:
                    width = properties.find(qn("w:tcW")) if properties is not None else None
                    if width is not None and width.get(qn("w:type")) in (None, "dxa"):
                        width.set(qn("w:w"), str(int(width.get(qn("w:w"), 0)) + delta))
                    break
                position += span
        table_width = table.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
        if table_width is not None and table_width.get(qn("w:type")) == "dxa":
            table_width.set(qn("w:w"), str(sum(widths) + delta))


NARROW_COLUMN = 620  # twips, about 1.1 cm


def shrink_to_text_width(docx: Any) -> None:
    """A table wider than the text (one column per year of a long project, say) is scaled down,
    every column in proportion, so that it never runs off the page."""
    from docx.oxml.ns import qn

    body = docx.element.body
    page = _text_width(body)
    if page is None:
        return
    text_width = page[0]
    for table in body.iter(qn("w:tbl")):
        columns, widths = _grid(table)
        if not widths or sum(widths) <= text_width:
            continue
        # Narrow columns (a "Lp." column, a Gantt period) keep their width while the others can give.
        kept = sum(w for w in widths if w <= NARROW_COLUMN)
        wide = sum(w for w in widths if w > NARROW_COLUMN)
        factor = (text_width - kept) / wide if wide and text_width > kept else text_width / sum(widths)
        scale = (lambda w: w if w <= NARROW_COLUMN and wide and text_width > kept else int(w * factor))
        for column, width in zip(columns, widths):
            column.set(qn("w:w"), str(scale(width)))
        for width in table.xpath("./w:tr/w:tc/w:tcPr/w:tcW"):
            if width.get(qn("w:type")) in (None, "dxa"):
                width.set(qn("w:w"), str(scale(int(float(width.get(qn("w:w"), 0) or 0)))))
        table_width = table.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
        if table_width is not None and table_width.get(qn("w:type")) == "dxa":
            table_width.set(qn("w:w"), str(sum(scale(width) for width in widths)))


def _text_width(body: Any) -> tuple[int, bool] | None:
    """The width between the margins of the body's (last) section in twips, and whether it is
    landscape; None where the section does not say."""
    from docx.oxml.ns import qn

    section = body.find(qn("w:sectPr"))
    size = section.find(qn("w:pgSz")) if section is not None else None
    margins = section.find(qn("w:pgMar")) if section is not None else None
    if size is None or margins is None:
        return None
    page_width = int(size.get(qn("w:w"), 0))
    text_width = page_width - int(margins.get(qn("w:left"), 0)) - int(margins.get(qn("w:right"), 0))
    return text_width, page_width > int(size.get(qn("w:h"), 0))


def _grid(table: Any) -> tuple[list[Any], list[int]]:
    """A table's grid columns and their widths in twips."""
    from docx.oxml.ns import qn

    grid = table.find(qn("w:tblGrid"))
    columns = grid.findall(qn("w:gridCol")) if grid is not None else []
    return columns, [int(float(c.get(qn("w:w"), 0) or 0)) for c in columns]
