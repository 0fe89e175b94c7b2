"""The outline's pages (issue 23): every table captioned, headings and their intro kept with what they
introduce, tables that break between rows (header repeated, a totals row never alone), generated
sentences that embed a source in the right case, and no page of the built PDF a third empty."""

import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from cwd_docs import build
from cwd_docs.domain.indicators import indicators_source
from conftest import docx_text, normalise_spaces

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body(path):
    return list(Document(str(path)).element.body)


def text_of(element):
    return normalise_spaces("".join(t.text or "" for t in element.iter(qn("w:t"))))


def style_of(element):
    found = element.find(f"{W}pPr/{W}pStyle")
    return found.get(qn("w:val")) if found is not None else ""


def keeps_with_next(document, element):
    """Direct keepNext, else the paragraph style's."""
    direct = element.find(f"{W}pPr/{W}keepNext")
    if direct is not None:
        return direct.get(qn("w:val")) in (None, "1", "true", "on")
    style = next((s for s in document.styles if s.style_id == style_of(element)), None)
    return bool(style is not None and style.paragraph_format.keep_with_next)


@pytest.fixture(params=["projekt-p01.yaml", "projekt-p02.yaml"])
def outline(request, example, tmp_path):
    return build("application_outline", example.folder / request.param, output=tmp_path / "zarys.docx").docx


# --- Polish of sentences that embed a source or a list of documents -------------------------------

def test_sources_inside_sentences_are_in_the_genitive(example, tmp_path):
    out = build("application_outline", example.project, output=tmp_path / "zarys.docx").docx
    text = normalise_spaces(docx_text(out))
    assert ("Nazwy, jednostki i rodzaje wskaźników wspólnych podano według załącznika I do rozporządzenia (UE) "
            "2021/1058 i Wspólnej Listy Wskaźników Kluczowych 2021–2027.") in text
    assert indicators_source(genitive=True) in text and indicators_source() not in text
    assert ("Projekt sklasyfikowano we wszystkich wymiarach załącznika I do rozporządzenia (UE) 2021/1060; kody "
            "ustalono na podstawie dokumentów programu: SZOP FEPZ 2021–2027 i lista wskaźników regulaminu naboru.") in text
    assert "według:" not in text and "sprawdzono z dokumentami" not in text
    assert not re.search(r"według Rozporządzeni", text)


def test_the_list_of_documents_may_end_with_a_period(example, tmp_path):
    example.edit("  lists_source: SZOP FEPZ 2021–2027 i lista wskaźników regulaminu naboru",
                 "  lists_source: SZOP FEPZ 2021–2027 (wersja 12).")
    text = normalise_spaces(docx_text(build("application_outline", example.project,
                                            output=tmp_path / "zarys.docx").docx))
    assert "na podstawie dokumentów programu: SZOP FEPZ 2021–2027 (wersja 12)." in text
    assert "(wersja 12).." not in text


def test_without_the_list_of_documents_the_sentence_ends_after_the_act(example, tmp_path):
    example.edit("  lists_source: ", "  # lists_source: ")
    text = normalise_spaces(docx_text(build("application_outline", example.project,
                                            output=tmp_path / "zarys.docx").docx))
    assert "Projekt sklasyfikowano we wszystkich wymiarach załącznika I do rozporządzenia (UE) 2021/1060." in text
    assert "na podstawie dokumentów programu" not in text


# --- captions, headings, tables -------------------------------------------------------------------

def test_every_table_after_the_title_page_has_a_caption_or_a_lead(outline):
    """Each table of the body follows its caption (Tabela N.); key-value tables of section 3 and the
    signatures at the end follow a heading or a sentence that says what they hold."""
    elements = body(outline)
    first_heading = next(i for i, e in enumerate(elements) if e.tag == f"{W}p" and style_of(e).startswith("Heading"))
    numbers = []
    for index, element in enumerate(elements):
        if element.tag != f"{W}tbl" or index < first_heading:  # the title page's table of facts
            continue
        before = next(e for e in reversed(elements[:index]) if e.tag != f"{W}p" or text_of(e))
        assert before.tag == f"{W}p", text_of(element)[:60]
        if style_of(before).startswith("Caption"):
            numbers.append(int(re.match(r"Tabela (\d+)\.", text_of(before)).group(1)))
        else:
            assert style_of(before).startswith("Heading") or text_of(before).endswith(":"), text_of(before)
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    classification = next(i for i, e in enumerate(elements) if e.tag == f"{W}tbl" and text_of(e).startswith("Wymiar"))
    caption = text_of(elements[classification - 1])
    assert caption == ("Tabela 5. Klasyfikacja interwencji według wymiarów załącznika I do rozporządzenia (UE) "
                       "2021/1060")


def test_headings_and_their_intro_keep_with_what_they_introduce(outline):
    """A heading keeps with the next paragraph; a paragraph between a heading and a subheading, a caption
    or a table keeps with it too, so neither stands at a page foot."""
    document = Document(str(outline))
    elements = [e for e in document.element.body if e.tag == f"{W}tbl" or text_of(e)]
    checked = 0
    for index, element in enumerate(elements[:-2]):
        if element.tag != f"{W}p" or not style_of(element).startswith("Heading"):
            continue
        assert keeps_with_next(document, element), text_of(element)
        intro, after = elements[index + 1], elements[index + 2]
        if intro.tag != f"{W}p" or style_of(intro).startswith(("Heading", "Caption", "List")):
            continue
        subheading = style_of(after).startswith("Heading") and style_of(after) > style_of(element)
        introduces = after.tag == f"{W}tbl" or subheading or style_of(after).startswith(("Caption", "List"))
        if introduces:
            checked += 1
            assert keeps_with_next(document, intro), text_of(intro)[:80]
    assert checked >= 4


def row_keeps(table):
    return [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))
            for row in table.findall(f"{W}tr")]


def test_tall_small_tables_break_between_rows_short_ones_stay_whole(outline):
    tables = {text_of(t.find(f"{W}tr")): t for t in Document(str(outline)).element.body.iter(f"{W}tbl")}
    dnsh = tables["Lp.Cel środowiskowyOcenaUzasadnienie"]  # 7 rows of several lines each
    keeps = row_keeps(dnsh)
    assert keeps[:2] == [True, True] and not any(keeps[2:])  # header with the first rows, then free
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in dnsh.findall(f"{W}tr"))  # a row never splits
    assert dnsh.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None  # the header repeats on the next page
    place = tables["Lp.WojewództwoPowiatGminaKod TERYT"]  # a few one-line rows: kept whole
    assert row_keeps(place)[:-1] == [True] * (len(place.findall(f"{W}tr")) - 1)
    costs = next(t for h, t in tables.items() if h.startswith("Lp.Kategoria wydatków"))
    assert row_keeps(costs)[-3:-1] == [True, True]  # the totals row keeps the two rows before it


@pytest.mark.libreoffice
@pytest.mark.parametrize("project", ["projekt-p01.yaml", "projekt-p02.yaml"])
def test_no_page_of_the_outline_is_a_third_empty(example, tmp_path, project):
    """Every page but the last reaches at least two thirds down its text area; no page ends in a heading."""
    from pypdf import PdfReader

    result = build("application_outline", example.folder / project, output=tmp_path / "zarys.docx", pdf=True)
    reader = PdfReader(str(result.pdf))
    document = Document(str(result.docx))
    headings = {normalise_spaces(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")}
    for number, page in enumerate(reader.pages[2:-1], start=3):  # after the title page and the contents
        lowest = []

        def visit(text, cm, tm, font, size, lowest=lowest):
            if text.strip():
                lowest.append((round(tm[5]), tm[4], text.strip()))

        page.extract_text(visitor_text=visit)
        height = float(page.mediabox.height)
        body = [(y, x, t) for y, x, t in lowest if 0.08 * height < y < 0.92 * height]
        bottom_y = min(y for y, _, _ in body)
        last = " ".join(t for _, _, t in sorted((c for c in body if c[0] == bottom_y), key=lambda c: c[1]))
        last = re.sub(r"^\d+(\.\d+)*\.\s*", "", normalise_spaces(last))  # a heading's number is a list label
        filled = (0.92 * height - bottom_y) / (0.84 * height)
        assert filled >= 2 / 3, f"strona {number} kończy się na {filled:.0%}: {last}"
        assert last not in headings, f"strona {number} kończy się nagłówkiem {last}"
