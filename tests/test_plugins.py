"""Plugin registration: built-ins like external plugins, entry points, failures isolated."""

import sys
import textwrap
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from pydantic import BaseModel

from cwd_docs import DocumentType, hookimpl
from cwd_docs.registry import plugin_manager
from cwd_docs.registry.plugin_manager import collect_document_types, create_plugin_manager, get_registry


class NoteInput(BaseModel):
    text: str


def make_type(name: str, template: Path) -> DocumentType:
    return DocumentType(name=name, title="Notatka", input_model=NoteInput, template=template,
                        build_context=lambda m: {"text": m.text}, example=template)


def registry_with(*plugins, use_entry_points=False):
    pm, warnings = create_plugin_manager(extra_plugins=plugins, use_entry_points=use_entry_points)
    return collect_document_types(pm, warnings)


def test_builtin_feasibility_is_registered_through_the_hook():
    registry = get_registry()
    doc_type = registry.get("feasibility")
    assert doc_type.plugin == "cwd_docs.plugins.feasibility"
    assert doc_type.title == "Wstępna analiza wykonalności"
    assert doc_type.template.is_file() and doc_type.example.is_file()


def test_external_plugin_registers_a_type(tmp_path):
    class NotePlugin:
        @hookimpl
        def register_document_types(self, register):
            register(make_type("note", tmp_path / "t.docx"))

    registry = registry_with(NotePlugin())
    assert {"feasibility", "schedule", "application_outline", "note"} <= set(registry.types)
    assert registry.warnings == []


def test_duplicate_type_name_is_skipped_with_warning(tmp_path):
    class Impostor:
        @hookimpl
        def register_document_types(self, register):
            register(make_type("feasibility", tmp_path / "t.docx"))

    registry = registry_with(Impostor())
    assert registry.get("feasibility").plugin == "cwd_docs.plugins.feasibility"
    assert any("'feasibility'" in w and "cwd_docs.plugins.feasibility" in w for w in registry.warnings)


def test_plugin_raising_in_hook_is_named_and_others_survive():
    class Broken:
        @hookimpl
        def register_document_types(self, register):
            raise RuntimeError("zepsuty szablon")

    broken = Broken()
    registry = registry_with(broken)
    assert "feasibility" in registry.types
    [warning] = registry.warnings
    assert "zepsuty szablon" in warning and "RuntimeError" in warning


def test_registering_something_that_is_not_a_type_is_reported():
    class Sloppy:
        @hookimpl
        def register_document_types(self, register):
            register({"name": "x"})

    registry = registry_with(Sloppy())
    assert "x" not in registry.types
    assert "nie jest typem dokumentu" in registry.warnings[0]


def _fake_entry_points(tmp_path, monkeypatch, source: str, name: str = "notatki"):
    module = tmp_path / f"{name}_plugin.py"
    module.write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    eps = [EntryPoint(name=name, value=f"{name}_plugin", group="cwd_docs")]
    monkeypatch.setattr(plugin_manager, "entry_points", lambda group: eps if group == "cwd_docs" else [])
    return module


def test_entry_point_plugin_is_loaded(tmp_path, monkeypatch):
    _fake_entry_points(tmp_path, monkeypatch, '''
        from pathlib import Path
        from pydantic import BaseModel
        from cwd_docs import DocumentType, hookimpl

        class Input(BaseModel):
            text: str

        @hookimpl
        def register_document_types(register):
            register(DocumentType(name="notatka", title="Notatka służbowa", input_model=Input,
                                  template=Path("t.docx"), example=Path("e.yaml"),
                                  build_context=lambda m: {}))
    ''')
    registry = get_registry()
    assert registry.get("notatka").plugin == "notatki"
    sys.modules.pop("notatki_plugin", None)


def test_entry_point_that_fails_to_import_is_a_warning(tmp_path, monkeypatch):
    _fake_entry_points(tmp_path, monkeypatch, "raise ImportError('brak modułu docxcompose')\n", name="zepsuta")
    registry = get_registry()
    assert "feasibility" in registry.types
    assert any("'zepsuta'" in w and "docxcompose" in w for w in registry.warnings)


def test_environment_variable_blocks_a_plugin(tmp_path, monkeypatch):
    _fake_entry_points(tmp_path, monkeypatch, "raise ImportError('nie powinno być wczytane')\n", name="zablokowana")
    monkeypatch.setenv("CWD_DOCS_BLOCK_PLUGINS", "zablokowana, inna")
    registry = get_registry()
    assert registry.warnings == []


def test_blocking_a_builtin_type(monkeypatch):
    monkeypatch.setenv("CWD_DOCS_BLOCK_PLUGINS", "cwd_docs.plugins.feasibility")
    assert "feasibility" not in get_registry().types


def test_failing_rule_is_reported_as_a_problem(tmp_path):
    from cwd_docs.validation.validate import validate_data

    def exploding_rule(model):
        raise ZeroDivisionError("dzielenie przez zero")

    doc_type = DocumentType(name="x", title="X", input_model=NoteInput, template=tmp_path, example=tmp_path,
                            build_context=lambda m: {}, rules=(exploding_rule,), plugin="moja_wtyczka")
    model, problems = validate_data(doc_type, {"text": "a"})
    [problem] = problems
    assert problem.code == "plugin.rule_failed"
    assert "moja_wtyczka" in problem.message and "exploding_rule" in problem.message


@pytest.mark.parametrize("name", ["hookimpl", "build", "validate", "list_document_types", "json_schema"])
def test_public_api_names(name):
    import cwd_docs

    assert getattr(cwd_docs, name)


def test_plugin_failing_while_building_is_named(example, tmp_path, monkeypatch):
    from cwd_docs.cli.main import main

    class Exploding:
        @hookimpl
        def register_document_types(self, register):
            register(DocumentType(name="wybuch", title="Wybuch", input_model=NoteInput,
                                  template=tmp_path / "t.docx", example=tmp_path / "e.yaml",
                                  build_context=lambda m: 1 / 0))

    registry = registry_with(Exploding())
    monkeypatch.setattr(plugin_manager, "_registry", registry)
    source = tmp_path / "dane.yaml"
    source.write_text("text: a\n", encoding="utf-8")
    assert main(["build", "wybuch", str(source), "-o", str(tmp_path / "w.docx")]) == 3
    assert not (tmp_path / "w.docx").exists()


def test_template_error_is_named_with_the_check_command(example, tmp_path, capsys):
    from docx import Document

    from cwd_docs.cli.main import main

    broken = tmp_path / "zly.docx"
    document = Document()
    document.add_paragraph("{{ project.nie_ma_takiego_pola }}")
    document.save(str(broken))
    code = main(["build", "feasibility", str(example.project), "-o", str(tmp_path / "a.docx"),
                 "--template", str(broken)])
    err = capsys.readouterr().err
    assert code == 3 and "cwd-docs check feasibility" in err and "Traceback" not in err
    assert not (tmp_path / "a.docx").exists()
