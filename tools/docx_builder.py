"""Writing DOCX templates with python-docx: the templates' single source.

`python tools/make_templates.py` regenerates every template in templates/<type>/ from the
generator beside it (the three strategies' from tools/make_strategy_templates.py), byte for byte
(fixed ZIP timestamps), and `--check` tells whether the committed files are what the generators
make (a test runs it). To change a template, change its generator and regenerate; an edit made in
Word to a committed template would be overwritten.

The templates carry styles a Word user can restyle, not direct formatting: tables use the table
styles "Tabela CWD" (header row and totals row) and "Tabela CWD – opis" (label column), their text
the paragraph styles "Tekst tabeli" and "Tekst tabeli opisowej"; headings are numbered by a
multilevel list bound to the Heading styles (never typed numbers); captions number themselves
with SEQ fields.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
# Each generator lives beside its template in templates/<type>/; some reuse another's pieces.
sys.path[1:1] = [str(d) for d in sorted((Path(__file__).resolve().parents[1] / "templates").iterdir()) if d.is_dir()]
from cwd_docs.formatting import nbsp  # noqa: E402

NAVY = RGBColor(0x1F, 0x38, 0x64)
BLUE = RGBColor(0x2F, 0x54, 0x96)
GREY = RGBColor(0x59, 0x59, 0x59)
HEADER_FILL = "D9E2F3"
TOTAL_FILL = "F2F2F2"
FONT = "Calibri"
_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")
_NAME_TAG = re.compile(r"(\{\{ (?:leader\.name|partnership\.(?:name|display_name|short_name)|jst\.name|"
                       r"\w+\.responsible\.name|(?:partners|location)\|map\(attribute=\\?\"name\\?\"\)[^}]*) \}\})")
_RUN_TAG = re.compile(r"(\{\{r .*?\}\})")  # docxtpl replaces the whole run holding it: a run of its own


def typeset(text: str) -> str:
    """Apply the one-letter-word rule to literal text only, never inside Jinja tags."""
    return "".join(part if _TAG.fullmatch(part) else nbsp(part) for part in _TAG.split(text))


TABLE_STYLE = "Tabela CWD"
FACTS_STYLE = "Tabela CWD – opis"
TABLE_TEXT = "Tekst tabeli"
FACTS_TEXT = "Tekst tabeli opisowej"
HEADING_NUMBER = re.compile(r"^(?:\d+|[^ ]*\{\{ loop\.index \}\})(?:\.(?:\d+|\{\{ loop\.index \}\}))*\.\s+")
CAPTION_NUMBER = re.compile(r"^(Tabela|Rysunek) (\d+)\. ")
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


class TemplateBuilder:
    def __init__(self, landscape: bool = False) -> None:
        self.doc = Document()
        self._setup_page(landscape)
        self._setup_styles()
        self._setup_table_styles()
        self._heading_numbering = self._setup_heading_numbering()

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

        self._setup_note_styles()
        self._setup_hyphenation()

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


    def _setup_hyphenation(self) -> None:
        """Polish hyphenation in body text (LibreOffice: hyphen-pl), none in headings, capitals kept whole:
        justified lines stay even and long words in narrow cells break at syllables."""
        settings = self.doc.settings.element
        insert_ordered(settings, _element("w:autoHyphenation", {"w:val": "true"}), SETTINGS_ORDER)
        insert_ordered(settings, _element("w:consecutiveHyphenLimit", {"w:val": "2"}), SETTINGS_ORDER)
        insert_ordered(settings, _element("w:doNotHyphenateCaps", {"w:val": "true"}), SETTINGS_ORDER)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle", "TOC Heading", "Caption"):
            insert_ordered(self.doc.styles[name].element.get_or_add_pPr(),
                           _element("w:suppressAutoHyphens", {"w:val": "true"}), PPR_ORDER)

    def _setup_note_styles(self) -> None:
        """Word's built-in footnote and hyperlink styles (names as Word spells them), for Markdown fields."""
        from docx.enum.style import WD_STYLE_TYPE

        styles = self.doc.styles
        note = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = styles["Normal"]
        note.font.size = Pt(9)
        fmt = note.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(2), 1.0
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _set_style_id(note, "FootnoteText")
        mark = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
        mark.font.superscript = True
        _set_style_id(mark, "FootnoteReference")
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True
        _set_style_id(link, "Hyperlink")
        for style in (note, mark, link):
            style.hidden = False
            style.unhide_when_used = True

    def _setup_table_styles(self) -> None:
        """Two table styles on Table Grid, and the paragraph styles of their text."""
        from docx.enum.style import WD_STYLE_TYPE

        styles = self.doc.styles
        for name, size in ((TABLE_TEXT, 9.5), (FACTS_TEXT, None)):
            text = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.quick_style = True
            fmt = text.paragraph_format
            fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(1), 1.0
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if size:
                text.font.size = Pt(size)
        for name, conditions in ((TABLE_STYLE, (("firstRow", HEADER_FILL), ("lastRow", TOTAL_FILL))),
                                 (FACTS_STYLE, (("firstCol", HEADER_FILL),))):
            table = styles.add_style(name, WD_STYLE_TYPE.TABLE)
            table.base_style = styles["Table Grid"]
            table.quick_style = True
            for kind, fill in conditions:
                table.element.append(_conditional_format(kind, fill))

    def _setup_heading_numbering(self) -> int:
        """A multilevel list "1.", "1.1.", "1.1.1." bound to Heading 1–3; returns its numId."""
        numbering = self.doc.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        abstract_id, num_id = max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1
        abstract = _element("w:abstractNum", {"w:abstractNumId": str(abstract_id)})
        abstract.append(_element("w:multiLevelType", {"w:val": "multilevel"}))
        for level in range(3):
            lvl = _element("w:lvl", {"w:ilvl": str(level)})
            lvl.append(_element("w:start", {"w:val": "1"}))
            lvl.append(_element("w:numFmt", {"w:val": "decimal"}))
            lvl.append(_element("w:pStyle", {"w:val": f"Heading{level + 1}"}))
            lvl.append(_element("w:suff", {"w:val": "space"}))
            lvl.append(_element("w:lvlText", {"w:val": "".join(f"%{i + 1}." for i in range(level + 1))}))
            lvl.append(_element("w:lvlJc", {"w:val": "left"}))
            ppr = _element("w:pPr")
            ppr.append(_element("w:ind", {"w:left": "0", "w:firstLine": "0"}))
            lvl.append(ppr)
            abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # every abstractNum before the first num (schema order)
        else:
            numbering.append(abstract)
        num = _element("w:num", {"w:numId": str(num_id)})
        num.append(_element("w:abstractNumId", {"w:val": str(abstract_id)}))
        numbering.append(num)
        for level in range(3):
            set_numbering(self.doc.styles[f"Heading {level + 1}"].element.get_or_add_pPr(), num_id, level)
        # The contents heading is based on Heading 1 but is not a chapter.
        set_numbering(self.doc.styles["TOC Heading"].element.get_or_add_pPr(), num_id=0)
        return num_id

    # --- content ----------------------------------------------------------------------
    def paragraph(self, text: str = "", style: str | None = None, bold: bool = False, italic: bool = False,
                  align: str | None = None, size: float | None = None, color: RGBColor | None = None,
                  space_before: float | None = None, space_after: float | None = None):
        paragraph = self._new_paragraph(style=style)
        if text:
            self.runs(paragraph, text, bold=bold, italic=italic, size=size, color=color)
        if align:
            paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        if align == "center":  # title-page lines are not hyphenated
            insert_ordered(paragraph._p.get_or_add_pPr(), _element("w:suppressAutoHyphens", {"w:val": "true"}),
                           PPR_ORDER)
        if space_before is not None:
            paragraph.paragraph_format.space_before = Pt(space_before)
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def runs(self, paragraph, text: str, bold: bool = False, italic: bool = False, size: float | None = None,
             color: RGBColor | None = None) -> None:
        """Add text; **bold** segments are bold. Each Jinja tag stays in one run; a {{r …}} tag alone in one."""
        pieces = _RUN_TAG.split(text)
        if len(pieces) > 1:
            for piece in pieces:
                if _RUN_TAG.fullmatch(piece):
                    paragraph.add_run(piece)
                elif piece:
                    self.runs(paragraph, piece, bold=bold, italic=italic, size=size, color=color)
            return
        for index, part in enumerate(re.split(r"\*\*", text)):
            for piece in _NAME_TAG.split(part):
                if not piece:
                    continue
                run = paragraph.add_run(typeset(piece))
                if bold or index % 2 == 1:  # otherwise the style decides (a table header row, a caption)
                    run.bold = True
                if italic:
                    run.italic = True
                if size:
                    run.font.size = Pt(size)
                if color is not None:
                    run.font.color.rgb = color
                if _NAME_TAG.fullmatch(piece):
                    # Names of members and of the partnership are never hyphenated ("Gmi-na", "Tucz-no"):
                    # text without a language gets no hyphenation in LibreOffice (and Word).
                    run._r.get_or_add_rPr().append(_element("w:lang", {"w:val": "zxx"}))

    def markdown(self, expression: str, lead: str | None = None) -> None:
        """A text field in Markdown: its own paragraphs and lists (docxtpl's {{p }} replaces this paragraph)."""
        arguments = f'(lead="{lead}")' if lead else ""
        self._new_paragraph("{{p " + expression + "|markdown" + arguments + " }}")

    @staticmethod
    def inline(expression: str) -> str:
        """A short text field in Markdown inside a paragraph, list item or table cell (runs)."""
        return "{{r " + expression + "|markdown_inline }}"

    def tag(self, text: str) -> None:
        """A paragraph holding only a {%p ... %} tag; docxtpl removes it when rendering."""
        self.doc.add_paragraph(text)

    def heading(self, text: str, level: int = 1, bookmark: str | None = None, numbered: bool = True):
        """A heading; its number comes from the heading list (a typed "2.1." prefix is dropped)."""
        paragraph = self._new_paragraph(typeset(HEADING_NUMBER.sub("", text)), style=f"Heading {level}")
        if not numbered:
            set_numbering(paragraph._p.get_or_add_pPr(), num_id=0)
        if bookmark:
            add_bookmark(paragraph, bookmark)
        return paragraph

    def bullets(self, loop: str, item: str, style: str = "List Bullet") -> None:
        """A paragraph per item; a numbered list starts again at 1 (its own numbering instance)."""
        self.tag("{%p for " + loop + " %}")
        paragraph = self.paragraph(item, style=style)
        if style == "List Number":
            set_numbering(paragraph._p.get_or_add_pPr(), self._restarted_list_number())
        self.tag("{%p endfor %}")

    def authors(self, space_before: float = 18) -> None:
        """The closing "Opracowanie:" block: kept together and with the paragraph before it, so that the
        last page never holds only these few lines."""
        previous = next((p for p in reversed(self.doc.paragraphs) if not p.text.startswith("{%")), None)
        if previous is not None:
            previous.paragraph_format.keep_with_next = True
        self.tag("{%p if document.authors %}")
        lead = self.paragraph("Opracowanie:", bold=True, space_before=space_before, color=NAVY)
        lead.paragraph_format.keep_with_next = True
        self.tag("{%p endif %}")
        self.tag("{%p for autor in document.authors %}")
        name = self.paragraph("{{ autor }}", style="Normal")
        name.paragraph_format.keep_with_next = True  # the last one keeps with nothing after it
        self.tag("{%p endfor %}")

    def _restarted_list_number(self) -> int:
        """A new w:num of the List Number style's definition with its first level starting at 1."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles["List Number"].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
        abstract = next(n.find(qn("w:abstractNumId")).get(qn("w:val")) for n in numbering.findall(qn("w:num"))
                        if n.get(qn("w:numId")) == style_num)
        num_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
        num = _element("w:num", {"w:numId": str(num_id)})
        num.append(_element("w:abstractNumId", {"w:val": abstract}))
        override = _element("w:lvlOverride", {"w:ilvl": "0"})
        override.append(_element("w:startOverride", {"w:val": "1"}))
        num.append(override)
        numbering.append(num)
        return num_id

    def page_break(self) -> None:
        """The next paragraph starts a page (page-break-before: no empty paragraph, no blank page)."""
        self._break_before_next = True

    def _new_paragraph(self, text: str = "", style: str | None = None):
        paragraph = self.doc.add_paragraph(text, style=style)
        if getattr(self, "_break_before_next", False) and not text.startswith("{%p"):
            paragraph.paragraph_format.page_break_before = True
            self._break_before_next = False
        return paragraph

    def caption(self, text: str) -> None:
        """"Tabela 3. Opis" -> "Tabela {SEQ Tabela}. Opis": Word and LibreOffice number captions themselves."""
        previous = self.doc.paragraphs[-1] if self.doc.paragraphs else None
        if previous is not None and not previous.text.startswith("{%"):
            previous.paragraph_format.keep_with_next = True  # the sentence introducing the table stays with it
        match = CAPTION_NUMBER.match(text)
        if match is None:
            self.paragraph(text, style="Caption")
            return
        paragraph = self._new_paragraph(style="Caption")
        label, number = match.groups()
        paragraph.add_run(f"{label} ")
        add_field(paragraph, f"SEQ {label} \\* ARABIC", number)
        self.runs(paragraph, ". " + text[match.end():])

    def key_value_table(self, rows: list[tuple[str, str]], widths: tuple[float, float] = (5.0, 11.0),
                        borders: bool = True):
        """Label and value per row; with borders the label column is formatted by the table style."""
        table = self.doc.add_table(rows=0, cols=2)
        table.style = FACTS_STYLE if borders else None
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_table_look(table, first_row=False, last_row=False, first_column=borders)
        for label, value in rows:
            cells = table.add_row().cells
            self._cell_text(cells[0], label, style=FACTS_TEXT, bold=not borders)
            self._cell_text(cells[1], value, style=FACTS_TEXT)
        set_widths(table, widths)
        self.doc.add_paragraph(style=None).paragraph_format.space_after = Pt(2)
        return table

    def loop_table(self, headers: list[str], loop: str, cells: list[str], widths: list[float],
                   align: list[str] | None = None, totals: list[str] | None = None):
        """Header row, one row repeated by {%tr for %}, optional totals row (formatted by the table style)."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = TABLE_STYLE
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_table_look(table, first_row=True, last_row=bool(totals), first_column=False)
        for cell, text in zip(table.rows[0].cells, headers):
            self._cell_text(cell, text, align="center")
        repeat_header(table.rows[0])
        self._cell_text(table.add_row().cells[0], "{%tr for " + loop + " %}")
        row = table.add_row().cells
        for index, text in enumerate(cells):
            self._cell_text(row[index], text, align=(align or [])[index] if align else "left")
        self._cell_text(table.add_row().cells[0], "{%tr endfor %}")
        if totals:
            total_row = table.add_row().cells
            for index, text in enumerate(totals):
                self._cell_text(total_row[index], text, align=(align or [])[index] if align else "left")
        set_widths(table, widths)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return table

    def _cell_text(self, cell, text: str, bold: bool = False, align: str = "left", style: str = TABLE_TEXT,
                   size: float | None = None) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.style = self.doc.styles[style]
        if align != "left":
            paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        self.runs(paragraph, text, bold=bold, size=size)

    def table_of_contents(self, title: str = "Spis treści") -> None:
        self.paragraph(title, style="TOC Heading")
        paragraph = self.doc.add_paragraph()
        add_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u',
                  typeset("Spis treści pojawi się po aktualizacji pól dokumentu (F9 w Wordzie, "
                          "Narzędzia > Aktualizuj w LibreOffice)."))

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
        footer.add_run("Strona\u00a0")
        add_field(footer, "PAGE", "1")
        footer.add_run(" z\u00a0")  # the template's own text follows the typographic rules too
        add_field(footer, "NUMPAGES", "1")

    def to_bytes(self) -> bytes:
        """The DOCX with fixed ZIP timestamps: the same generator always gives the same bytes."""
        import io
        import zipfile

        core = self.doc.core_properties
        core.language = "pl-PL"
        core.author = core.last_modified_by = "cwd_docs"
        core.comments = "Szablon cwd_docs, utworzony przez tools/make_templates.py"
        core.created = core.modified = datetime.datetime(*FIXED_ZIP_TIME)
        # python-docx's default package carries Word 2010's stylesWithEffects part, a stale copy of the
        # styles: Word reports a document whose styles differ from it as damaged. It is optional.
        for rel_id, rel in list(self.doc.part.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                self.doc.part.drop_rel(rel_id)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
        fixed = io.BytesIO()
        with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, source.read(item.filename))
        return fixed.getvalue()


SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime", "doNotDisplayPageBoundaries",
    "displayBackgroundShape", "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
    "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign",
    "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength",
    "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
    "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore",
    "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving",
    "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


# Child order of the OOXML elements written here (Word refuses parts that break the schema's order).
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
               "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
               "tblCaption", "tblDescription", "tblPrChange")


def _set_style_id(style, style_id: str) -> None:
    style.element.set(qn("w:styleId"), style_id)


def _element(tag: str, attributes: dict[str, str] | None = None):
    element = OxmlElement(tag)
    for key, value in (attributes or {}).items():
        element.set(qn(key), value)
    return element


def insert_ordered(parent, child, order: tuple[str, ...]) -> None:
    """Insert child where the schema's sequence puts it, replacing an element of the same name."""
    name = child.tag.rsplit("}", 1)[1]
    existing = parent.find(qn(f"w:{name}"))
    if existing is not None:
        parent.remove(existing)
    later = set(order[order.index(name) + 1:])
    for position, sibling in enumerate(parent):
        if sibling.tag.rsplit("}", 1)[-1] in later:
            parent.insert(position, child)
            return
    parent.append(child)


def set_numbering(ppr, num_id: int, level: int = 0) -> None:
    """numPr in a paragraph's (or style's) pPr; num_id 0 switches numbering off."""
    numpr = _element("w:numPr")
    if num_id:
        numpr.append(_element("w:ilvl", {"w:val": str(level)}))
    numpr.append(_element("w:numId", {"w:val": str(num_id)}))
    insert_ordered(ppr, numpr, PPR_ORDER)


def _conditional_format(kind: str, fill: str):
    """A table style's conditional part: bold text and a shaded cell (row, column)."""
    part = _element("w:tblStylePr", {"w:type": kind})
    rpr = _element("w:rPr")
    rpr.append(_element("w:b"))
    rpr.append(_element("w:bCs"))
    part.append(rpr)
    tcpr = _element("w:tcPr")
    tcpr.append(_element("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}))
    part.append(tcpr)
    return part


def set_table_look(table, first_row: bool, last_row: bool, first_column: bool) -> None:
    """Which conditional parts of the table style apply (tblLook, with its legacy bit mask)."""
    flags = {"w:firstRow": first_row, "w:lastRow": last_row, "w:firstColumn": first_column, "w:lastColumn": False,
             "w:noHBand": True, "w:noVBand": True}
    mask = sum(bit for bit, on in zip((0x20, 0x40, 0x80, 0x100, 0x200, 0x400), flags.values()) if on)
    look = _element("w:tblLook", {"w:val": f"{mask:04X}", **{k: "1" if v else "0" for k, v in flags.items()}})
    insert_ordered(table._tbl.tblPr, look, TBLPR_ORDER)


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
    insert_ordered(ppr, borders, PPR_ORDER)


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
    trpr.append(OxmlElement("w:tblHeader"))  # on by its presence (no "true": the schema wants on/off)


def set_widths(table, widths) -> None:
    """Fixed layout with explicit grid widths: LibreOffice ignores cell widths alone."""
    table.autofit = False
    tbl = table._tbl
    tblpr = tbl.tblPr
    insert_ordered(tblpr, _element("w:tblLayout", {"w:type": "fixed"}), TBLPR_ORDER)
    insert_ordered(tblpr, _element("w:tblW", {"w:w": str(int(sum(widths) * 567)), "w:type": "dxa"}), TBLPR_ORDER)
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


__all__ = ["TemplateBuilder", "typeset", "NAVY", "BLUE", "GREY", "WD_SECTION", "TABLE_STYLE", "TABLE_TEXT"]
