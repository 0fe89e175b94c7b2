"""Advisors' Markdown in text fields, as real Word paragraphs, lists, runs, hyperlinks and footnotes.

Parsed with markdown-it-py (a CommonMark-compliant, well-kept parser; footnotes from its
mdit-py-plugins), so `**`, `*`, lists and `[^1]` mean what every Markdown editor says they mean.
The subset: paragraphs (a blank line), a single newline as a space, bullet and numbered lists with
two levels, bold and italic (asterisks only: an underscore is literal), hard line breaks (two spaces or a backslash at a line end), links
(http, https, mailto) and footnotes. Raw HTML, headings, images, code and quotes are not
interpreted: their source is shown as text. Text from data stays data (escaped; docxtpl's own
delimiters neutralised; the one-letter-word rule applied).

Filters: `{{p field|markdown }}` replaces its paragraph with the field's paragraphs;
`{{r field|markdown_inline }}` replaces its run with runs (for list items and table cells).
Hyperlinks, list numbering and footnotes need the document being rendered: render_docx opens a
`MarkdownDocument` for it (a context variable), and footnotes are written after docxtpl's own
rendering, so that no text from data is ever read as a template.
"""

from __future__ import annotations

import contextvars
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from markupsafe import Markup, escape

from ..formatting import one_letter_words, typography

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
SAFE_LINK = re.compile(r"^(https?://|mailto:)[^\s<>\"]+$", re.IGNORECASE)
LIST_STYLES = {("bullet", 0): "List Bullet", ("bullet", 1): "List Bullet 2",
               ("ordered", 0): "List Number", ("ordered", 1): "List Number 2"}

_current: contextvars.ContextVar["MarkdownDocument | None"] = contextvars.ContextVar("cwd_docs_markdown",
                                                                                   default=None)


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # CommonMark with raw HTML off; what a text field does not support is switched off and so
    # stays text: headings ("# ..."), code blocks, quotes, rules, tables.
    parser = MarkdownIt("commonmark", {"html": False}).use(footnote_plugin)
    parser.disable(["heading", "lheading", "code", "fence", "blockquote", "hr", "html_block", "html_inline",
                    "backticks", "entity"], ignoreInvalid=True)
    return parser


def text_xml(text: str) -> str:
    """Text for a w:t element: escaped, docxtpl's delimiters neutralised (as the renderer does for data)."""
    escaped = str(escape(text))
    return escaped.replace("{_", "{&#95;").replace("_}", "&#95;}")


@dataclass
class MarkdownDocument:
    """What Markdown adds to the document being rendered: links, list numbering, footnotes."""

    template: Any  # the DocxTemplate being rendered
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    _next_footnote: int | None = None
    _style_ids: dict[str, str | None] = field(default_factory=dict)

    @property
    def docx(self) -> Any:
        return self.template.docx

    def style_id(self, name: str) -> str | None:
        """The id of a style by its name ("Footnote Text" or Word's own "footnote text"), or None."""
        if name not in self._style_ids:
            wanted = name.lower()
            style = next((s for s in self.docx.styles
                          if (s.name or "").lower() == wanted or s.style_id == name.replace(" ", "")), None)
            self._style_ids[name] = style.style_id if style is not None else None
        return self._style_ids[name]

    def link(self, url: str) -> str:
        part = getattr(self.template, "current_rendering_part", None) or self.docx.part
        return part.relate_to(url, HYPERLINK_REL, is_external=True)

    def restarted_numbering(self, style_name: str) -> str | None:
        """A new numbering instance of the list style's definition, starting again at 1."""
        from docx.oxml import parse_xml

        style_id = self.style_id(style_name)
        if style_id is None:
            return None
        style = self.docx.styles.element.get_by_id(style_id)
        num_id = style.xpath("./w:pPr/w:numPr/w:numId/@w:val") if style is not None else []
        if not num_id:
            return None
        numbering = self.docx.part.numbering_part.element
        abstract = numbering.xpath(f"./w:num[@w:numId='{num_id[0]}']/w:abstractNumId/@w:val")
        if not abstract:
            return None
        new_id = max((int(n) for n in numbering.xpath("./w:num/@w:numId")), default=0) + 1
        numbering.append(parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{new_id}"><w:abstractNumId w:val="{abstract[0]}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return str(new_id)

    def add_footnote(self, paragraphs_xml: str) -> int:
        if self._next_footnote is None:
            existing = self._footnotes_part()
            ids = re.findall(rb'w:id="(-?\d+)"', existing.blob) if existing is not None else []
            self._next_footnote = max([int(i) for i in ids] + [0]) + 1
        number = self._next_footnote
        self._next_footnote += 1
        self.footnotes.append((number, paragraphs_xml))
        return number

    def _footnotes_part(self) -> Any:
        for rel in self.docx.part.rels.values():
            if rel.reltype == FOOTNOTES_REL and not rel.is_external:
                return rel.target_part
        return None

    def write_footnotes(self) -> None:
        """After docxtpl has rendered: put the collected footnotes into word/footnotes.xml."""
        if not self.footnotes:
            return
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        part = self._footnotes_part()
        if part is None:
            blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
                    f'<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                    f'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
                    f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
                    f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
                    f'</w:footnote></w:footnotes>').encode("utf-8")
            part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, blob, self.docx.part.package)
            self.docx.part.relate_to(part, FOOTNOTES_REL)
        text = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
        added = "".join(f'<w:footnote w:id="{number}">{content}</w:footnote>' for number, content in self.footnotes)
        text = text.replace("</w:footnotes>", added + "</w:footnotes>")
        part._blob = text.encode("utf-8")


class _Writer:
    """Turns markdown-it tokens into WordprocessingML."""

    def __init__(self, target: MarkdownDocument | None, tokens: list[Any]) -> None:
        self.target = target
        self.tokens = tokens
        self.footnote_bodies = self._footnote_bodies(tokens)
        self.footnote_numbers: dict[int, int] = {}

    # --- blocks ------------------------------------------------------------------------------------

    def blocks(self, style: str | None, lead: str | None = None) -> str:
        out: list[str] = []
        lead_run = self._run(lead.rstrip() + " ", "<w:b/><w:bCs/>") if lead else ""
        lists: list[tuple[str, str | None]] = []  # (kind, numbering instance) of open lists
        index = 0
        tokens = self.tokens
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                list_kind = "bullet" if kind == "bullet_list_open" else "ordered"
                level = min(len(lists), 1)
                num = None
                if list_kind == "ordered" and self.target is not None:
                    num = self.target.restarted_numbering(LIST_STYLES[(list_kind, level)])
                lists.append((list_kind, num))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "footnote_block_open":
                break  # footnote bodies are written as footnotes
            elif kind == "inline":
                if lists:
                    if lead_run:  # a field that opens with a list: its lead-in on a line of its own
                        out.append(f"<w:p>{self._style_xml(style) if style else ''}{lead_run}</w:p>")
                        lead_run = ""
                    list_kind, num = lists[-1]
                    level = min(len(lists) - 1, 1)
                    out.append(self.list_paragraph(token, list_kind, level, num, len(lists)))
                else:
                    out.append(self.paragraph(token, style, lead_run))
                    lead_run = ""
            index += 1
        return "".join(out)

    def paragraph(self, inline: Any, style: str | None, lead_run: str = "") -> str:
        properties = self._style_xml(style) if style else ""
        return f"<w:p>{properties}{lead_run}{self.runs(inline)}</w:p>"

    def list_paragraph(self, inline: Any, list_kind: str, level: int, num: str | None, depth: int) -> str:
        style_name = LIST_STYLES[(list_kind, level)]
        style_id = self.target.style_id(style_name) if self.target is not None else None
        if style_id is None:  # a template without list styles: a dash or number as text
            marker = "– " if list_kind == "bullet" else ""
            indent = 360 * depth
            return (f'<w:p><w:pPr><w:ind w:left="{indent}"/></w:pPr>'
                    f"{self._run(marker, '') if marker else ''}{self.runs(inline)}</w:p>")
        numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>' if num else ""
        return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{numbering}</w:pPr>{self.runs(inline)}</w:p>'

    def _style_xml(self, style: str) -> str:
        style_id = self.target.style_id(style) if self.target is not None else None
        return f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""

    # --- inline ------------------------------------------------------------------------------------

    def runs(self, inline: Any) -> str:
        segments = list(self._segments(inline.children or []))
        # The one-letter-word rule over the whole line, across runs (lengths unchanged).
        joined = typography(one_letter_words("".join(s[0] for s in segments if s[1] != "raw")))
        out, position = [], 0
        for text, kind, extra in segments:
            if kind == "raw":
                out.append(text)
                continue
            piece = joined[position:position + len(text)]
            position += len(text)
            if kind == "link":
                out.append(self._hyperlink(piece, extra))
            else:
                out.append(self._run(piece, extra))
        return "".join(out)

    def _segments(self, children: list[Any]) -> Iterator[tuple[str, str, Any]]:
        """(text, kind, extra): kind "text" with run properties, "link" with the URL, "raw" XML."""
        bold = italic = 0
        link: str | None = None
        for child in children:
            kind = child.type
            properties = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
            if kind == "text":
                if link is not None:
                    yield child.content, "link", (link, properties)
                else:
                    yield child.content, "text", properties
            elif kind == "softbreak":
                yield " ", "text", properties
            elif kind == "hardbreak":
                yield "<w:r><w:br/></w:r>", "raw", None
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = child.attrs.get("href", "")
                link = href if SAFE_LINK.match(href) else None
                if link is None:
                    yield "[", "text", properties
            elif kind == "link_close":
                if link is None:
                    yield "]", "text", properties
                link = None
            elif kind == "footnote_ref":
                yield self._footnote_reference(child.meta["id"]), "raw", None
            elif kind == "image":
                yield f"![{child.content}]({child.attrs.get('src', '')})", "text", properties
            elif kind == "code_inline":
                yield child.markup + child.content + child.markup, "text", properties
            elif child.content:
                yield child.content, "text", properties

    def _run(self, text: str, properties: str) -> str:
        """A run; its proper names are kept from hyphenation with the rest of the document's text
        (rendering.ooxml.typeset_text)."""
        rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{text_xml(text)}</w:t></w:r>'

    def _hyperlink(self, text: str, extra: tuple[str, str]) -> str:
        url, properties = extra
        if self.target is None:
            return self._run(text, properties)
        rel_id = self.target.link(url)
        style = self.target.style_id("Hyperlink")
        look = f'<w:rStyle w:val="{style}"/>' if style else '<w:color w:val="0563C1"/><w:u w:val="single"/>'
        return (f'<w:hyperlink r:id="{rel_id}" w:history="1"><w:r><w:rPr>{look}{properties}</w:rPr>'
                f'<w:t xml:space="preserve">{text_xml(text)}</w:t></w:r></w:hyperlink>')

    def _footnote_reference(self, footnote: int) -> str:
        if self.target is None:
            return ""
        number = self.footnote_numbers.get(footnote)
        if number is None:
            body = self.footnote_bodies.get(footnote, [])
            style = self.target.style_id("Footnote Text")
            ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
            mark = self._reference_mark("<w:footnoteRef/>")
            paragraphs = "".join(f"<w:p>{ppr}{mark if i == 0 else ''}{self._run(' ', '') if i == 0 else ''}"
                                 f"{self.runs(inline)}</w:p>" for i, inline in enumerate(body)) \
                or f"<w:p>{ppr}{mark}</w:p>"
            number = self.footnote_numbers[footnote] = self.target.add_footnote(paragraphs)
        return self._reference_mark(f'<w:footnoteReference w:id="{number}"/>')

    def _reference_mark(self, content: str) -> str:
        style = self.target.style_id("Footnote Reference") if self.target is not None else None
        look = f'<w:rStyle w:val="{style}"/>' if style else '<w:vertAlign w:val="superscript"/>'
        return f"<w:r><w:rPr>{look}</w:rPr>{content}</w:r>"

    @staticmethod
    def _footnote_bodies(tokens: list[Any]) -> dict[int, list[Any]]:
        bodies: dict[int, list[Any]] = {}
        current: int | None = None
        for token in tokens:
            if token.type == "footnote_open":
                current = token.meta["id"]
                bodies[current] = []
            elif token.type == "footnote_close":
                current = None
            elif token.type == "inline" and current is not None:
                bodies[current].append(token)
        return bodies


def _parse(value: Any) -> list[Any]:
    # Emphasis is written with asterisks only: an underscore is always an underscore (identifiers,
    # file names, "__init__"), as Polish prose never marks emphasis with it.
    return _parser().parse(str(value).replace("_", "\\_"))


def render_markdown(value: Any, lead: str | None = None, style: str | None = None) -> Markup:
    """The `markdown` filter: a text field as WordprocessingML paragraphs (for `{{p … }}`).

    `lead` opens the first paragraph in bold ("Wizja."); `style` names a paragraph style for the
    field's paragraphs (the body style by default; lists use List Bullet / List Number)."""
    if value is None or value == "":
        return Markup("")
    tokens = _parse(value)
    return Markup(_Writer(_current.get(), tokens).blocks(style, lead))


def render_markdown_inline(value: Any) -> Markup:
    """The `markdown_inline` filter: runs (for `{{r … }}` in a list item or a table cell);
    paragraphs and list items of the field follow each other on one line."""
    if value is None or value == "":
        return Markup("")
    tokens = _parse(value)
    writer = _Writer(_current.get(), tokens)
    in_footnotes = {id(token) for body in writer.footnote_bodies.values() for token in body}
    inlines = [t for t in tokens if t.type == "inline" and id(t) not in in_footnotes]
    return Markup(writer._run(" ", "").join(writer.runs(inline) for inline in inlines))


class rendering_markdown:  # noqa: N801 - used as a context manager around one render
    """Open a MarkdownDocument for the document being rendered; write its footnotes at the end."""

    def __init__(self, template: Any) -> None:
        self.document = MarkdownDocument(template)

    def __enter__(self) -> MarkdownDocument:
        self._token = _current.set(self.document)
        return self.document

    def __exit__(self, *exc: Any) -> None:
        _current.reset(self._token)
