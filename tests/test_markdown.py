"""Advisors' Markdown in every text field of every built-in type, read back from the DOCX."""

import io
import re
import itertools
import zipfile

import pytest
from docx import Document
from lxml import etree

from cwd_docs import build_bytes, json_schema
from cwd_docs.loading import load_input
from conftest import EXAMPLE_DIR

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PROJECT_TYPES = ("feasibility", "schedule", "application_outline")


def block(marker: str) -> str:
    return (f"Akapit {marker} **pogrubiony** i *pochylony* z [odnośnikiem](https://stat.gov.pl/{marker})[^1]\n"
            f"w dwóch liniach.\n\n"
            f"Drugi akapit {marker}.\n\n"
            f"- punkt {marker}\n  - podpunkt {marker}\n- punkt kolejny {marker}\n\n"
            f"1. pierwszy {marker}\n2. drugi {marker}\n\n"
            f"[^1]: Przypis {marker}: GUS, Bank Danych Lokalnych.\n")


def inline(marker: str) -> str:
    return (f"Wiersz {marker} **pogrubiony** i *pochylony* z [odnośnikiem](https://stat.gov.pl/{marker})[^1]\n\n"
            f"[^1]: Przypis {marker}.")


def resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            return resolve(schema, option)
    return node


def fill(schema: dict, node: dict, data, counter, found: dict, path: str = ""):
    """Put a marked Markdown sample into every Markdown field present in the data (and optional ones)."""
    node = resolve(schema, node)
    if node.get("x-markdown") and isinstance(data, str):
        marker = f"M{next(counter):03d}"
        found[marker] = (path, node["x-markdown"])
        return block(marker) if node["x-markdown"] == "block" else inline(marker)
    if node.get("type") == "array" and isinstance(data, list):
        return [fill(schema, node.get("items", {}), item, counter, found, f"{path}[{i}]") for i, item in enumerate(data)]
    if "properties" in node and isinstance(data, dict):
        result = dict(data)
        for key, sub in node["properties"].items():
            value = data.get(key)
            if value is None and resolve(schema, sub).get("x-markdown"):
                value = ""  # an optional Markdown field the example leaves out
            if value is not None:
                result[key] = fill(schema, sub, value, counter, found, f"{path}.{key}".lstrip("."))
        return result
    return data


def read_back(docx: bytes):
    archive = zipfile.ZipFile(io.BytesIO(docx))
    body = etree.fromstring(archive.read("word/document.xml"))
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    links = {r.get("Id"): r.get("Target") for r in rels}
    footnotes = archive.read("word/footnotes.xml").decode("utf-8") if "word/footnotes.xml" in archive.namelist() else ""
    styles = {s.style_id: s.name for s in Document(io.BytesIO(docx)).styles}
    return body, links, footnotes, styles


def text_of(element) -> str:
    return "".join(element.itertext()).replace("\u00a0", " ")


def paragraphs_with(body, needle: str):
    return [p for p in body.iter(f"{W}p") if needle in text_of(p)]


def style_of(paragraph, styles) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return styles.get(style.get(f"{W}val"), "") if style is not None else "Normal"


def assert_inline_markdown(body, links, footnotes, marker: str, first: str) -> None:
    found = paragraphs_with(body, f"{first} {marker} pogrubiony")
    assert found, marker
    for paragraph in found:  # a field may be shown twice (conclusions: in the summary and at the end)
        assert_one_paragraph(paragraph, links, footnotes, marker)


def assert_one_paragraph(paragraph, links, footnotes, marker: str) -> None:
    runs = paragraph.findall(f".//{W}r")
    assert any(r.find(f"{W}rPr/{W}b") is not None and text_of(r) == "pogrubiony" for r in runs), marker
    assert any(r.find(f"{W}rPr/{W}i") is not None and text_of(r) == "pochylony" for r in runs), marker
    [link] = [h for h in paragraph.iter(f"{W}hyperlink") if text_of(h) == "odnośnikiem"]
    assert links[link.get(R_ID)] == f"https://stat.gov.pl/{marker}"
    assert paragraph.find(f".//{W}footnoteReference") is not None
    assert f"Przypis {marker}" in re.sub(r"<[^>]+>", "", footnotes)  # text of runs (a proper name has its own)


def check_document(docx: bytes, markers: dict) -> set:
    body, links, footnotes, styles = read_back(docx)
    everything = text_of(body)
    assert "**" not in everything and "[^" not in everything and "](" not in everything
    shown = set()
    for marker, (path, kind) in markers.items():
        if f" {marker} " not in everything + " ":
            continue
        shown.add(marker)
        if kind == "inline":
            assert_inline_markdown(body, links, footnotes, marker, "Wiersz")
            continue
        assert_inline_markdown(body, links, footnotes, marker, "Akapit")
        [first] = paragraphs_with(body, f"Akapit {marker} pogrubiony")
        assert "w dwóch liniach" in text_of(first) and first.find(f".//{W}br") is None  # a newline is a space
        [second] = paragraphs_with(body, f"Drugi akapit {marker}.")
        assert second is not first and style_of(second, styles) == style_of(first, styles), path
        assert style_of(second, styles) not in ("List Bullet", "List Number")
        [item] = [p for p in paragraphs_with(body, f"punkt {marker}") if text_of(p).strip() == f"punkt {marker}"]
        assert style_of(item, styles) == "List Bullet", path
        [sub] = paragraphs_with(body, f"podpunkt {marker}")
        assert style_of(sub, styles) == "List Bullet 2", path
        [one] = paragraphs_with(body, f"pierwszy {marker}")
        [two] = paragraphs_with(body, f"drugi {marker}")
        assert style_of(one, styles) == "List Number"
        num_one = one.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
        assert two.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") == num_one  # one list, restarted at 1
    return shown


def marked(path, type_name: str, subtree: str):
    data = load_input(path, ("partnership", "projects")).data
    found: dict = {}
    counter = itertools.count(1)
    schema = json_schema(type_name)
    sub_schema = schema["properties"][subtree]
    data[subtree] = fill(schema, sub_schema, data[subtree], counter, found, subtree)
    return data, found


@pytest.mark.parametrize("types, source, subtree", [
    (PROJECT_TYPES, "projekt-p01.yaml", "project"),
    (("application_outline",), "projekt-p01.yaml", "application"),
    (("supralocal",), "strategia.yaml", "strategy"),  # serving as IIT: the fields of both laws
])
def test_every_markdown_field_becomes_word_formatting(types, source, subtree):
    data, markers = marked(EXAMPLE_DIR / source, types[-1], subtree)
    assert len(markers) >= 10
    shown = set()
    for type_name in types:
        shown |= check_document(build_bytes(type_name, data, base_dir=EXAMPLE_DIR).docx, markers)
    missing = {markers[m][0] for m in set(markers) - shown}
    assert missing == set(), f"Markdown fields no document shows: {sorted(missing)}"


def test_markdown_that_is_not_supported_stays_text():
    data = load_input(EXAMPLE_DIR / "projekt-p01.yaml", ("partnership",)).data
    data["project"]["problem"] = ("# Nagłówek\n\nTekst <b>html</b> i ![mapa](mapa.png), "
                                  "[skrypt](javascript:alert(1)) oraz __init__ i {{ 7*7 }}.")
    body, links, _, _ = read_back(build_bytes("feasibility", data).docx)
    everything = text_of(body)
    assert "# Nagłówek" in everything and "<b>html</b>" in everything and "![mapa](mapa.png)" in everything
    assert "[skrypt](javascript:alert(1))" in everything and "__init__" in everything and "{{ 7*7 }}" in everything
    assert not any(target.startswith("javascript") for target in links.values())
