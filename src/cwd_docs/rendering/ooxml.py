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


# --- Polish typography over the whole rendered document -------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NAME = None  # compiled on first use: capitalised words of four letters or more
_TRAILING_ONE_LETTER = None
RPR_AFTER_LANG = (f"{W}eastAsianLayout", f"{W}specVanish", f"{W}oMath")
PPR_AFTER_SUPPRESS = tuple(f"{W}{name}" for name in (
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))


def _patterns() -> tuple[Any, Any]:
    import re

    global _NAME, _TRAILING_ONE_LETTER
    if _NAME is None:
        # A proper name: a capital and three or more small letters ("Gmina", "Tuczno", "Wałcza",
        # "Wałeckiego"); all-capital words are kept whole by the settings (doNotHyphenateCaps).
        _NAME = re.compile(r"(?<!\w)[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{3,}(?!\w)")
        _TRAILING_ONE_LETTER = re.compile(r"(?<![\w\-])([aiouwzAIOUWZ]) $")
    return _NAME, _TRAILING_ONE_LETTER


def typeset_text(docx: Any) -> None:
    """Polish typography wherever the text came from (the template, a context's sentence, the data):
    non-breaking spaces after one-letter words (also at a run's end), between a number and its unit,
    in dates and references (formatting.nbsp); each proper name in a run of no language (w:lang zxx),
    which LibreOffice and Word never hyphenate ("Gmi-na", "Tucz-no" no more); and no hyphenation in
    table header rows, whose narrow cells broke words at any syllable."""
    _typeset_tree(docx.element.body)
    for rel in docx.part.rels.values():  # the footnotes Markdown wrote (a part of bytes)
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            from lxml import etree

            part = rel.target_part
            root = etree.fromstring(part.blob)
            _typeset_tree(root)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# Runs the name split may add to one document: a normal document adds a few thousand; the largest input the
# limits accept (1 000 tasks with 1 900-character names in several tables) would add near a million and
# take a gigabyte (README, Reliability). Past the budget, names stay in their runs (hyphenation allowed).
MAX_NAME_RUNS = 30_000


def _typeset_tree(body: Any) -> None:
    from ..formatting import NBSP, nbsp

    name, trailing = _patterns()
    budget = MAX_NAME_RUNS
    for run in list(body.iter(f"{W}r")):
        texts = run.findall(f"{W}t")
        for t in texts:
            if t.text and " " in t.text:
                text = nbsp(t.text)
                text = trailing.sub(lambda m: m.group(1) + NBSP, text)
                if text != t.text:
                    t.text = text
                    t.set(XML_SPACE, "preserve")
        if budget > 0 and len(texts) == 1 and len(run) <= 2 and texts[0].text and name.search(texts[0].text):
            budget -= _split_names(run, texts[0], name)
    for row in body.iter(f"{W}tr"):
        if row.find(f"{W}trPr/{W}tblHeader") is None:
            continue
        for paragraph in row.iter(f"{W}p"):
            _suppress_hyphens(paragraph)


def _split_names(run: Any, t: Any, name: Any) -> int:
    """The run as pieces: each proper name in a copy of the run marked w:lang zxx, the rest as it was;
    returns how many runs it added."""
    import copy

    properties = run.find(f"{W}rPr")
    lang = properties.find(f"{W}lang") if properties is not None else None
    if lang is not None and lang.get(f"{W}val") == "zxx":
        return 0
    text, pieces, position = t.text, [], 0
    for match in name.finditer(text):
        if match.start() > position:
            pieces.append((text[position:match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    if len(pieces) == 1:
        _mark_no_language(run)
        return 0
    parent, anchor = run.getparent(), run
    for piece, is_name in pieces:
        new = copy.deepcopy(run)
        new_t = new.find(f"{W}t")
        new_t.text = piece
        new_t.set(XML_SPACE, "preserve")
        if is_name:
            _mark_no_language(new)
        anchor.addnext(new)
        anchor = new
    parent.remove(run)
    return len(pieces) - 1


def _mark_no_language(run: Any) -> None:
    properties = run.find(f"{W}rPr")
    if properties is None:
        properties = run.makeelement(f"{W}rPr", {})
        run.insert(0, properties)
    lang = properties.find(f"{W}lang")
    if lang is None:
        lang = properties.makeelement(f"{W}lang", {})
        following = next((child for child in properties if child.tag in RPR_AFTER_LANG), None)
        if following is not None:
            following.addprevious(lang)
        else:
            properties.append(lang)
    lang.set(f"{W}val", "zxx")


def _suppress_hyphens(paragraph: Any) -> None:
    properties = paragraph.find(f"{W}pPr")
    if properties is None:
        properties = paragraph.makeelement(f"{W}pPr", {})
        paragraph.insert(0, properties)
    if properties.find(f"{W}suppressAutoHyphens") is not None:
        return
    element = properties.makeelement(f"{W}suppressAutoHyphens", {f"{W}val": "true"})
    following = next((child for child in properties if child.tag in PPR_AFTER_SUPPRESS), None)
    if following is not None:
        following.addprevious(element)
    else:
        properties.append(element)


# Advance widths of Carlito (Calibri's metrics) in em, for the characters of figures; other
# characters take an average. Enough to tell whether "+1 677,40%" fits its cell.
_EM = {**{d: 0.507 for d in "0123456789"}, " ": 0.226, "\u00a0": 0.226, ",": 0.25, ".": 0.252, "%": 0.715,
       "+": 0.498, "−": 0.498, "-": 0.306, "–": 0.5, "/": 0.386, "(": 0.303, ")": 0.303, "‰": 1.0}
DEFAULT_CELL_MARGIN = 108  # twips, Word's default left and right cell margin
BREAKS = DIGIT = None


def _token_width(token: str, size_pt: float, bold: bool) -> float:
    """The width of an unbreakable token in twips."""
    em = sum(_EM.get(c, 0.6 if c.isupper() else 0.5) for c in token)
    return em * size_pt * 20 * (1.05 if bold else 1.0)


def _cell_need(cell: Any, header: bool) -> float:
    """The widest piece of a cell's text that cannot break: a figure (digits, non-breaking spaces, a unit,
    a percent sign); in a header row (no hyphenation there) any word."""
    import re

    global BREAKS, DIGIT
    if BREAKS is None:
        BREAKS, DIGIT = re.compile(r"[ \n\t\u00ad]+"), re.compile(r"\d")
    # the w:t texts read directly: python-docx's element classes make itertext() walk through their
    # text properties (an XPath per run), which cost most of this pass
    if not header and not DIGIT.search("".join(t.text or "" for t in cell.iter(f"{W}t"))):
        return 0.0  # words break (or hyphenate): only figures and header words are measured
    need = 0.0
    for paragraph in cell.iter(f"{W}p"):
        pieces: list[tuple[str, float, bool]] = []
        for run in paragraph.iter(f"{W}r"):
            size = run.find(f"{W}rPr/{W}sz")
            bold = run.find(f"{W}rPr/{W}b") is not None or header
            for t in run.iter(f"{W}t"):
                pieces.append((t.text or "", int(size.get(f"{W}val")) / 2 if size is not None else 10.0, bold))
        text = "".join(p[0] for p in pieces)
        if not text:
            continue
        size = max(p[1] for p in pieces)
        bold = any(p[2] for p in pieces)
        for token in BREAKS.split(text):
            if token and (header or any(c.isdigit() for c in token)):
                need = max(need, _token_width(token, size, bold))
    return need


def fit_unbreakable_figures(docx: Any) -> None:
    """A column narrower than its widest figure ("+1 677,40%", "11 453 100,00") takes the width it lacks
    from columns with room to spare, so that LibreOffice never breaks a figure or tears a unit or a
    percent sign from its number; the table keeps its width."""
    for table in docx.element.body.iter(f"{W}tbl"):
        columns, widths = _grid(table)
        if len(widths) < 2:
            continue
        margin_element = table.find(f"{W}tblPr/{W}tblCellMar/{W}left")
        margins = 2 * int(margin_element.get(f"{W}w", DEFAULT_CELL_MARGIN)) if margin_element is not None \
            else 2 * DEFAULT_CELL_MARGIN
        need = [0.0] * len(widths)
        rows = table.findall(f"{W}tr")
        for row in rows:
            header = row.find(f"{W}trPr/{W}tblHeader") is not None
            position = 0
            for cell in row.findall(f"{W}tc"):
                span_element = cell.find(f"{W}tcPr/{W}gridSpan")
                span = int(span_element.get(f"{W}val")) if span_element is not None else 1
                if span == 1 and position < len(need):
                    need[position] = max(need[position], _cell_need(cell, header) + margins)
                position += span
        lacking = {i: need[i] - widths[i] for i in range(len(widths)) if need[i] > widths[i]}
        if not lacking:
            continue
        slack = {i: widths[i] - need[i] for i in range(len(widths)) if i not in lacking and widths[i] > need[i]}
        available = sum(slack.values())
        if available <= 0:
            continue
        wanted = min(sum(lacking.values()), available)
        new = list(widths)
        for i, short in lacking.items():
            new[i] += int(short * wanted / sum(lacking.values())) + 1
        for i, room in slack.items():
            new[i] -= int(room * wanted / available) + 1
        for column, width in zip(columns, new):
            column.set(f"{W}w", str(width))
        for row in rows:
            position = 0
            for cell in row.findall(f"{W}tc"):
                span_element = cell.find(f"{W}tcPr/{W}gridSpan")
                span = int(span_element.get(f"{W}val")) if span_element is not None else 1
                width = cell.find(f"{W}tcPr/{W}tcW")
                if width is not None and width.get(f"{W}type") in (None, "dxa"):
                    width.set(f"{W}w", str(sum(new[position:position + span])))
                position += span
