"""Templates print values, not Python (issue 24 point 6): an enumeration renders its Polish value,
and `check` flags Python's spelling of a value (IndicatorKind.PRODUCT, None, True, False)."""

from __future__ import annotations

import io

from docx import Document

from cwd_docs.api import get_document_type, validate
from cwd_docs.authoring.checking import check_document_type, python_values_shown
from cwd_docs.domain.project import IndicatorKind
from cwd_docs.rendering import make_environment


def docx_with(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_an_enumeration_prints_its_polish_value():
    template = make_environment().from_string("{{ kind }} / {{ kinds|join(', ') }}")
    assert template.render(kind=IndicatorKind.PRODUCT, kinds=list(IndicatorKind)) == "produktu / produktu, rezultatu"


def test_check_flags_python_spellings_in_the_rendered_example(tmp_path):
    doc_type = get_document_type("feasibility")
    template = tmp_path / "szablon.docx"
    template.write_bytes(docx_with("Rodzaj: {{ project.indicators[0].kind }}",
                                   "Kamień milowy: {{ project.tasks[0].milestone }}"))
    found = [p.message for p in check_document_type(doc_type, template=template) if p.code == "template.python_value"]
    assert found == ["w dokumencie zbudowanym z przykładu widać 'False' – zapis wartości w Pythonie zamiast tekstu; "
                     "wstaw tekst wartości (np. {{ pole.value }}), warunek ({% if pole %}…{% endif %}) albo filtr "
                     "formatujący"]


def test_an_enumeration_member_and_none_in_a_render_are_flagged():
    model = validate("feasibility", get_document_type("feasibility").example).model
    shown = python_values_shown(docx_with("Wskaźnik IndicatorKind.PRODUCT, kod None.", "Dz.U. 2024 None"), model)
    assert [p.message.split("–")[0] for p in shown] == [
        "w dokumencie zbudowanym z przykładu widać 'IndicatorKind.PRODUCT' ",
        "w dokumencie zbudowanym z przykładu widać 'None' "]


def test_the_builtin_templates_show_no_python_values():
    from cwd_docs.api import list_document_types

    for doc_type in list_document_types():
        if doc_type.example is None:
            continue
        problems = check_document_type(doc_type)
        assert not [p for p in problems if p.code == "template.python_value"], doc_type.name
