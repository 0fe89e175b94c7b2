"""Helpers to write the first version of a DOCX template with python-docx.

Only for creating templates: the .docx in templates/<type>/ is the source of truth, and
advisors may edit it in Word or LibreOffice. Scripts using this refuse to overwrite an
existing template unless told to (--force).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from cwd_docs.formatting import nbsp  # noqa: E402

NAVY = RGBColor(0x1F, 0x38, 0x64)
BLUE = RGBColor(0x2F, 0x54, 0x96)
GREY = RGBColor(0x59, 0x59, 0x59)
HEADER_FILL = "D9E2F3"
TOTAL_FILL = "F2F2F2"
FONT = "Calibri"
_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")


def typeset(text: str) -> str:
    """Apply the one-letter-word rule to literal text only, never inside Jinja tags."""
    return "".join(part if _TAG.fullmatch(part) else nbsp(part) for part in _TAG.split(text))


class TemplateBuilder:
    def __init__(self, landscape: bool = False) -> None:
        self.doc = Document()
        self._setup_page(landscape)
        self._setup_styles()

    # --- set-up -----------------------------------------------------------------------
    def _setup_page(self, landscape: bool) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
            section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        section.header_distance = section.footer_distance = Cm(1.2)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        # Polish language for spelling and hyphenation, Calibri (Carlito in LibreOffice) throughout.
        rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr_default.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr_default.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), "pl-PL")
        fonts = rpr_default.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if fonts.get(qn(theme_attr)) is not None:
                del fonts.attrib[qn(theme_attr)]

        normal = styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(11)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        normal.paragraph_format.widow_control = True

        for name, size, color, before, after in (("Heading 1", 16, NAVY, 18, 8), ("Heading 2", 13, BLUE, 12, 6),
                                                 ("Heading 3", 11.5, BLUE, 10, 4)):
            style = styles[name]
            style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
            style.font.italic = False
            style.font.color.rgb = color
            _clear_theme_fonts(style)
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(before), Pt(after)
            fmt.keep_with_next = True
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT

        title = styles["Title"]
        title.font.name, title.font.size, title.font.bold, title.font.color.rgb = FONT, Pt(26), True, NAVY
        _clear_theme_fonts(title)
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        _remove_bottom_border(title)
        subtitle = styles["Subtitle"]
        subtitle.font.name, subtitle.font.size, subtitle.font.italic = FONT, Pt(16), False
        subtitle.font.color.rgb = BLUE
        subtitle.font.bold = True
        _clear_theme_fonts(subtitle)
        subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

        caption = styles["Caption"]
        caption.font.name, caption.font.size, caption.font.bold, caption.font.italic = FONT, Pt(9.5), True, False
        caption.font.color.rgb = GREY
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(6), Pt(3)
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

        for name in ("List Bullet", "List Number"):
            styles[name].font.name = FONT
            styles[name].paragraph_format.space_after = Pt(3)
            styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

        toc_heading = styles["TOC Heading"]
        toc_heading.font.name, toc_heading.font.size, toc_heading.font.color.rgb = FONT, Pt(16), NAVY
        _clear_theme_fonts(toc_heading)

        for name in ("Header", "Footer"):
            tabs = styles[name].element.pPr.find(qn("w:tabs")) if styles[name].element.pPr is not None else None
            if tabs is not None:
                styles[name].element.pPr.remove(tabs)
            styles[name].font.size = Pt(8.5)
            styles[name].font.color.rgb = GREY
            styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    # --- content ----------------------------------------------------------------------
    def paragraph(self, text: str = "", style: str | None = None, bold: bool = False, italic: bool = False,
                  align: str | None = None, size: float | None = None, color: RGBColor | None = None,
                  space_before: float | None = None, space_after: float | None = None):
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            self.runs(paragraph, text, bold=bold, italic=italic, size=size, color=color)
        if align:
            paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        if space_before is not None:
            paragraph.paragraph_format.space_before = Pt(space_before)
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def runs(self, paragraph, text: str, bold: bool = False, italic: bool = False, size: float | None = None,
             color: RGBColor | None = None) -> None:
        """Add text; **bold** segments are bold. Each Jinja tag stays in one run."""
        for index, part in enumerate(re.split(r"\*\*", text)):
            if not part:
                continue
            run = paragraph.add_run(typeset(part))
            run.bold = bold or index % 2 == 1
            run.italic = italic
            if size:
                run.font.size = Pt(size)
            if color is not None:
                run.font.color.rgb = color

    def tag(self, text: str) -> None:
        """A paragraph holding only a {%p ... %} tag; docxtpl removes it when rendering."""
        self.doc.add_paragraph(text)

    def heading(self, text: str, level: int = 1, bookmark: str | None = None):
        paragraph = self.doc.add_heading(typeset(text), level=level)
        if bookmark:
            add_bookmark(paragraph, bookmark)
        return paragraph

    def bullets(self, loop: str, item: str, style: str = "List Bullet") -> None:
        self.tag("{%p for " + loop + " %}")
        self.paragraph(item, style=style)
        self.tag("{%p endfor %}")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def caption(self, text: str) -> None:
        self.paragraph(text, style="Caption")

    def key_value_table(self, rows: list[tuple[str, str]], widths: tuple[float, float] = (5.0, 11.0),
                        borders: bool = True):
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid" if borders else None
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in rows:
            cells = table.add_row().cells
            self._cell_text(cells[0], label, bold=True)
            if borders:
                shade(cells[0], HEADER_FILL)
            self._cell_text(cells[1], value)
        set_widths(table, widths)
        self.doc.add_paragraph(style=None).paragraph_format.space_after = Pt(2)
        return table

    def loop_table(self, headers: list[str], loop: str, cells: list[str], widths: list[float],
                   align: list[str] | None = None, totals: list[str] | None = None):
        """Header row, one row repeated by {%tr for %}, optional totals row."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers):
            self._cell_text(cell, text, bold=True, align="center", size=9.5)
            shade(cell, HEADER_FILL)
        repeat_header(table.rows[0])
        self._cell_text(table.add_row().cells[0], "{%tr for " + loop + " %}")
        row = table.add_row().cells
        for index, text in enumerate(cells):
            self._cell_text(row[index], text, align=(align or [])[index] if align else "left", size=9.5)
        self._cell_text(table.add_row().cells[0], "{%tr endfor %}")
        if totals:
            total_row = table.add_row().cells
            for index, text in enumerate(totals):
                self._cell_text(total_row[index], text, bold=True,
                                align=(align or [])[index] if align else "left", size=9.5)
                shade(total_row[index], TOTAL_FILL)
        set_widths(table, widths)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return table

    def _cell_text(self, cell, text: str, bold: bool = False, align: str = "left", size: float | None = None) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(1)
        paragraph.paragraph_format.space_before = Pt(1)
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        self.runs(paragraph, text, bold=bold, size=size)

    def table_of_contents(self, title: str = "Spis treści") -> None:
        self.paragraph(title, style="TOC Heading")
        paragraph = self.doc.add_paragraph()
        add_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u',
                  "Spis treści zostanie uzupełniony po otwarciu dokumentu (F9 w Wordzie, "
                  "Narzędzia > Aktualizuj w LibreOffice).")

    def header_footer(self, left: str, right: str) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = ""
        width = section.page_width - section.left_margin - section.right_margin
        header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        self.runs(header, left + "\t" + right)
        bottom_border(header)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Strona ")
        add_field(footer, "PAGE", "1")
        footer.add_run(" z ")
        add_field(footer, "NUMPAGES", "1")

    def save(self, path: Path, force: bool = False) -> None:
        if path.exists() and path.stat().st_size and not force:
            raise SystemExit(f"{path} już istnieje (mógł być edytowany); użyj --force, aby nadpisać")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.core_properties.language = "pl-PL"
        self.doc.save(str(path))


def _clear_theme_fonts(style) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)


def _remove_bottom_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "8EAADB")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def add_field(paragraph, instruction: str, placeholder: str) -> None:
    def fld_char(kind: str):
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")
        run._r.append(char)

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


_bookmark_ids = iter(range(100, 10_000))


def add_bookmark(paragraph, name: str) -> None:
    """Wrap the paragraph's content in a bookmark (target of REF/PAGEREF fields)."""
    bookmark_id = str(next(_bookmark_ids))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), bookmark_id)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), bookmark_id)
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def set_widths(table, widths) -> None:
    """Fixed layout with explicit grid widths: LibreOffice ignores cell widths alone."""
    table.autofit = False
    tbl = table._tbl
    tblpr = tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(int(sum(widths) * 567)))
    total.set(qn("w:type"), "dxa")
    existing = tblpr.find(qn("w:tblW"))
    if existing is not None:
        tblpr.remove(existing)
    tblpr.append(total)
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


__all__ = ["TemplateBuilder", "typeset", "NAVY", "BLUE", "GREY", "WD_SECTION"]
