"""The docxtpl adapter overrides private methods: it must notice when docxtpl changes shape."""

import inspect
from importlib.metadata import version

from docxtpl import DocxTemplate

from cwd_docs.rendering import docxtpl_adapter
from cwd_docs.rendering.docxtpl_adapter import (REPLACED, TESTED_RANGE, TESTED_SOURCES, caching_template_class,
                                               source_fingerprints)


def test_pinned_range_is_the_tested_one():
    from conftest import ROOT

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"docxtpl{TESTED_RANGE}"' in pyproject
    assert set(TESTED_SOURCES) == {"0.20.1", "0.20.2"}


def test_installed_docxtpl_has_the_shape_the_adapter_was_written_for():
    installed = version("docxtpl")
    assert installed in TESTED_SOURCES, (
        f"docxtpl {installed} was not tested with cwd_docs.rendering.docxtpl_adapter; review the overridden "
        f"methods {REPLACED} against its source, then record its fingerprints in TESTED_SOURCES")
    changed = {name: digest for name, digest in source_fingerprints().items()
               if TESTED_SOURCES[installed].get(name) != digest}
    assert changed == {}, f"docxtpl's private methods changed shape, review the adapter: {sorted(changed)}"


def test_the_adapter_replaces_exactly_the_documented_methods_with_the_same_signatures():
    adapter = caching_template_class()
    overridden = {name for name, value in vars(adapter).items() if callable(value) and not name.startswith("__")}
    assert overridden == set(REPLACED)
    for name in REPLACED:
        assert name in docxtpl_adapter.__doc__
        assert inspect.signature(getattr(adapter, name)).parameters.keys() == \
            inspect.signature(getattr(DocxTemplate, name)).parameters.keys()


def test_render_xml_part_gives_what_docxtpl_gives(tmp_path):
    """Same output as docxtpl's own method on XML with a loop, escapes and a line break."""
    from docx import Document

    from cwd_docs.rendering import make_environment

    path = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("{% for x in items %}{{ x }}, {% endfor %}{_{ tekst }_} {{ opis }}")
    document.save(str(path))
    context = {"items": ["a & b", "<c>"], "opis": "wiersz\nnowy"}
    ours = caching_template_class()(str(path))
    theirs = DocxTemplate(str(path))
    for template in (ours, theirs):
        template.render_init()
    xml = theirs.get_xml()
    environment = make_environment()
    expected = theirs.render_xml_part(theirs.patch_xml(xml), theirs.docx._part, context, environment)
    got = ours.render_xml_part(ours.patch_xml(xml), ours.docx._part, context, environment)
    assert got == expected
    assert "a\xa0&amp; b, &lt;c&gt;" in got and "{{ tekst }}" in got  # escaped, NBSP after a one-letter word
