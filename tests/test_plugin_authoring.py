"""Plugin authoring: documented hooks, check, extra filters and rules, template override, scaffold."""

import inspect
import re
import shlex
import subprocess
from decimal import Decimal
import sys
from pathlib import Path

import pytest
from docx import Document

from cwd_docs import hookimpl, hookspecs
from cwd_docs.registry.plugin_manager import collect_document_types, create_plugin_manager
from conftest import ROOT, docx_text, make_venv, normalise_spaces, run_cli

HOOKS = {name: function for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
         if hasattr(function, "cwd_docs_spec")}


def test_every_hook_is_documented_with_its_signature():
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert set(HOOKS) == {"register_document_types", "register_filters", "register_rules"}
    for name, function in HOOKS.items():
        assert f"### `{name}(register)`" in text, f"{name} is not documented"
        annotation = inspect.signature(function).parameters["register"].annotation
        documented = re.search(rf"def {name}\(register: (.+?)\) -> None", text)
        assert documented, f"{name}: no signature in docs/plugins.md"
        assert documented.group(1) == annotation.strip('"\''), f"{name}: documented signature drifted"


def test_every_hook_has_a_test():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")
                    if p.name != "test_plugin_authoring.py")
    tests += Path(__file__).read_text(encoding="utf-8").split("# --- hook tests ---")[-1]
    for name in HOOKS:
        assert f"def {name}(" in tests, f"no test implements the hook {name}"


def broken_template(tmp_path: Path) -> Path:
    """The feasibility template with a misspelt variable, a split tag and a smart quote added."""
    from cwd_docs import get_document_type

    document = Document(str(get_document_type("feasibility").template))
    document.add_paragraph("Tytuł: {{ project.titel }}")
    split = document.add_paragraph()
    split.add_run("Kod: {{ project.")
    split.add_run("code }}").bold = True
    document.add_paragraph("Opis: {{ project.summary or „brak” }}")
    path = tmp_path / "zly.docx"
    document.save(str(path))
    return path


def test_check_finds_misspelling_split_tag_and_smart_quote(tmp_path):
    result = run_cli("check", "feasibility", "--template", str(broken_template(tmp_path)))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    undefined = next(line for line in lines if "[template.undefined]" in line)
    assert "'titel'" in undefined and "Project" in undefined and "akapit" in undefined
    assert "„Tytuł: {{ project.titel }}”" in undefined
    split = next(line for line in lines if "[template.split_tag]" in line)
    assert "{{ project.code }}" in split and "akapit" in split
    smart = next(line for line in lines if "[template.smart_quote]" in line)
    assert "„ ”" in smart and "akapit" in smart
    assert "Traceback" not in result.stderr


def test_check_reports_syntax_errors_with_context(tmp_path):
    from cwd_docs import get_document_type

    document = Document(str(get_document_type("feasibility").template))
    document.add_paragraph("Koszt: {{ project.total_cost|money( }}")
    path = tmp_path / "skladnia.docx"
    document.save(str(path))
    result = run_cli("check", "feasibility", "--template", str(path))
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "[template.syntax]" in line)
    assert "Koszt:" in line


@pytest.mark.parametrize("type_name", ["feasibility", "schedule", "application_outline", "supralocal",
                                       "strategy_zit", "strategy_iit"])
def test_every_shipped_template_passes_check(type_name):
    from cwd_docs.testing import check_type

    assert check_type(type_name) == []


def test_template_override_keeps_schema_and_rules(example, tmp_path):
    from cwd_docs import get_document_type

    document = Document(str(get_document_type("feasibility").template))
    document.add_paragraph("WERSJA WOJEWÓDZKA {{ project.code }}")
    custom = tmp_path / "wojewodzki.docx"
    document.save(str(custom))
    result = run_cli("build", "feasibility", str(example.project), "-o", str(tmp_path / "a.docx"),
                     "--template", str(custom))
    assert result.returncode == 0, result.stderr
    assert "WERSJA WOJEWÓDZKA P-01" in docx_text(tmp_path / "a.docx")
    example.edit("amount: 221400.00,", "amount: 1.00,")
    refused = run_cli("build", "feasibility", str(example.project), "-o", str(tmp_path / "b.docx"),
                      "--template", str(custom))
    assert refused.returncode == 1 and "[funding.sum_mismatch]" in refused.stderr
    missing = run_cli("build", "feasibility", str(example.project), "--template", str(tmp_path / "brak.docx"))
    assert missing.returncode == 2


# --- hook tests ---

class VoivodeshipPlugin:
    """A voivodeship's own filter and rule, registered through the hooks."""

    @hookimpl
    def register_filters(self, register):
        register("wersaliki", lambda text: str(text).upper())
        register("money", lambda value: "zajęta nazwa")

    @hookimpl
    def register_rules(self, register):
        def minimum_value(data):
            from cwd_docs import Problem

            if data.project.total_cost < 20_000_000:
                return [Problem(code="wzp.min_value", message="projekt poniżej 20 mln zł", path=("project", "costs"))]
            return []

        register("feasibility", minimum_value)
        register("nieistniejacy", minimum_value)


@pytest.fixture
def with_voivodeship_plugin(monkeypatch):
    from cwd_docs.registry import plugin_manager

    pm, warnings = create_plugin_manager(extra_plugins=(VoivodeshipPlugin(),))
    registry = collect_document_types(pm, warnings)
    monkeypatch.setattr(plugin_manager, "_registry", registry)
    return registry


def test_extra_filter_and_rule_from_a_plugin(with_voivodeship_plugin, example, tmp_path):
    from cwd_docs import build, validate

    registry = with_voivodeship_plugin
    assert "wersaliki" in registry.filters and registry.filters.get("money") is None
    assert any("'money'" in w for w in registry.warnings)
    assert any("'nieistniejacy'" in w for w in registry.warnings)
    result = validate("feasibility", example.project)
    [problem] = result.problems
    assert problem.code == "wzp.min_value" and problem.line == example.line_of("  costs:") + 1
    built = build("schedule", example.project, output=tmp_path / "h.docx")
    assert built.warnings == []  # other types are unaffected by the feasibility rule
    assert "Harmonogram realizacji projektu" in docx_text(built.docx)
    custom = tmp_path / "filtr.docx"
    doc = Document(str(registry.types["feasibility"].template))
    doc.add_paragraph("{{ project.code|wersaliki }} {{ leader.name|wersaliki }}")
    doc.save(str(custom))
    from cwd_docs.api import render

    example.edit("amount: 221400.00,", "amount: 221400.00,")
    model = validate("schedule", example.project).model
    out = tmp_path / "f.docx"
    out.write_bytes(render(registry.types["feasibility"], model, custom))
    assert "P-01 POWIAT WAŁECKI" in docx_text(out)


def test_new_plugin_installs_and_builds_in_a_fresh_venv(tmp_path):
    python = str(make_venv(tmp_path / "venv"))
    made = subprocess.run([python, "-m", "cwd_docs", "new-plugin", "notatka_testowa", "-o", "pkg"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    # the printed command installs the folder just written, editable (never a name from the index)
    command = made.stderr.split("Dalej: ", 1)[1].split(" && ")[0]
    assert command == "pip install -e ./pkg"
    installed = subprocess.run([python, "-m", *shlex.split(command), "-q", "--no-build-isolation", "--no-deps"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    listed = subprocess.run([python, "-m", "cwd_docs", "list"], capture_output=True, text=True)
    assert "notatka_testowa" in listed.stdout and "cwd-docs-notatka-testowa 0.1.0" in listed.stdout
    plugin = tmp_path / "pkg" / "cwd_docs_notatka_testowa" / "plugin.py"
    plugin.write_text(plugin.read_text(encoding="utf-8").replace("Notatka służbowa", "Notatka poprawiona"),
                      encoding="utf-8")  # the author's edit counts without reinstalling
    listed = subprocess.run([python, "-m", "cwd_docs", "list"], capture_output=True, text=True)
    assert "Notatka poprawiona (notatka_testowa)" in listed.stdout, listed.stdout
    example = tmp_path / "pkg" / "cwd_docs_notatka_testowa" / "example.yaml"
    built = subprocess.run([python, "-m", "cwd_docs", "build", "notatka_testowa", str(example), "-o",
                            str(tmp_path / "n.docx")], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "3 650,50 zł" in normalise_spaces(docx_text(tmp_path / "n.docx"))
    checked = subprocess.run([python, "-m", "cwd_docs", "check", "notatka_testowa"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    tested = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "pkg" / "tests")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_new_plugin_refuses_bad_names_and_existing_types(tmp_path):
    assert run_cli("new-plugin", "Zła-Nazwa", "-o", str(tmp_path / "a")).returncode == 2
    taken = run_cli("new-plugin", "feasibility", "-o", str(tmp_path / "b"))
    assert taken.returncode == 2 and "już istnieje" in taken.stderr


def test_external_checklist_plugin_through_its_entry_point(tmp_path):
    from importlib.metadata import entry_points

    if not any(ep.name == "checklist" for ep in entry_points(group="cwd_docs")):
        if "CI" in __import__("os").environ:
            pytest.fail("the checklist plugin must be installed in CI (.ci/run installs examples/plugins/checklist)")
        pytest.skip("wtyczka examples/plugins/checklist nie jest zainstalowana (pip install examples/plugins/checklist)")
    listed = run_cli("list")
    assert "checklist" in listed.stdout and "cwd-docs-lista-sprawdzajaca 1.0.0" in listed.stdout
    example = ROOT / "examples" / "plugins" / "checklist" / "cwd_docs_checklist" / "example.yaml"
    source = tmp_path / "lista.yaml"
    source.write_text(example.read_text(encoding="utf-8").replace("commitment: {score: 1}", "commitment: {score: 0}"),
                      encoding="utf-8")
    refused = run_cli("build", "checklist", str(source))
    assert refused.returncode == 1 and "[checklist.reason_missing]" in refused.stderr
    built = run_cli("build", "checklist", str(example), "-o", str(tmp_path / "lista.docx"))
    assert built.returncode == 0, built.stderr
    assert "Spełnione kryteria formalne: 8 z 8." in normalise_spaces(docx_text(tmp_path / "lista.docx"))
    blocked = run_cli("list", env={"CWD_DOCS_BLOCK_PLUGINS": "checklist"})
    assert "checklist" not in blocked.stdout


def test_template_that_is_not_a_docx_is_a_usage_error(example, tmp_path):
    fake = tmp_path / "zly.docx"
    fake.write_text("to nie jest dokument", encoding="utf-8")
    result = run_cli("build", "feasibility", str(example.project), "--template", str(fake))
    assert result.returncode == 2 and "nie jest dokumentem DOCX" in result.stderr


def test_lazy_plugin_that_fails_to_import_is_named(example, tmp_path, monkeypatch, capsys):
    from cwd_docs import DocumentType, Lazy
    from cwd_docs.registry import plugin_manager
    from cwd_docs.cli.main import main

    class Broken:
        @hookimpl
        def register_document_types(self, register):
            register(DocumentType(name="zepsuty", title="Zepsuty", input_model=Lazy("nie_ma_takiego_modulu:Model"),
                                  template=tmp_path / "t.docx", example=tmp_path / "e.yaml",
                                  build_context=Lazy("nie_ma_takiego_modulu:context")))

    pm, warnings = create_plugin_manager(extra_plugins=(Broken(),))
    monkeypatch.setattr(plugin_manager, "_registry", collect_document_types(pm, warnings))
    source = tmp_path / "dane.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert main(["validate", "zepsuty", str(source)]) == 3
    err = capsys.readouterr().err
    assert "nie_ma_takiego_modulu" in err and "wtyczka" in err and "wewnętrzny" not in err


def test_new_plugin_name_rules(tmp_path):
    for bad in ("notatka_", "a", "x__y"):
        result = run_cli("new-plugin", bad, "-o", str(tmp_path / bad))
        assert result.returncode == 2 and "od 2 do 40 znaków" in result.stderr


# --- the guide's walk-through: a type that reads the project file ------------------------------------

def guide_walk_through() -> tuple[str, list[str]]:
    """The plugin module and the template's paragraphs, as docs/plugins.md gives them."""
    from textwrap import dedent

    section = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8").split(
        "## A type that reads the project file")[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    paragraphs = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    return dedent(code), dedent(paragraphs).strip().splitlines()


def test_the_guides_project_card_reads_the_project_file_with_its_rules(example, tmp_path, monkeypatch):
    import importlib
    import shutil

    import yaml

    from cwd_docs import build, validate
    from cwd_docs.authoring.checking import check_document_type
    from cwd_docs.package.build import build_package
    from cwd_docs.registry import plugin_manager
    from cwd_docs.testing import heading_texts

    code, paragraphs = guide_walk_through()
    # 1. the scaffold, its plugin.py replaced by the guide's
    assert run_cli("new-plugin", "karta_projektu", "-o", str(tmp_path / "cwd-docs-karta")).returncode == 0
    package = tmp_path / "cwd-docs-karta" / "cwd_docs_karta_projektu"
    (package / "plugin.py").write_text(code, encoding="utf-8")
    # 2. the example: a project file from init
    assert run_cli("init", "feasibility", "-o", str(tmp_path / "przyklad.yaml")).returncode == 0
    shutil.move(tmp_path / "przyklad.yaml", package / "example.yaml")
    # 3. the template's paragraphs, typed into the scaffold's template in its styles
    document = Document(str(package / "template.docx"))
    for child in list(document.element.body):
        if not child.tag.endswith("}sectPr"):
            document.element.body.remove(child)
    document.add_paragraph(paragraphs[0], style="Title")
    for line in paragraphs[1:]:
        if line.startswith("# "):
            document.add_paragraph(line[2:], style="Heading 1")
        else:
            document.add_paragraph(line)
    document.save(str(package / "template.docx"))
    # 4. installed: its entry point's module registered like any plugin's
    monkeypatch.syspath_prepend(str(package.parent))
    module = importlib.import_module("cwd_docs_karta_projektu.plugin")
    pm, warnings = create_plugin_manager(extra_plugins=(module,), use_entry_points=False)
    registry = collect_document_types(pm, warnings)
    monkeypatch.setattr(plugin_manager, "_registry", registry)
    assert registry.warnings == []
    [counted] = check_document_type(registry.types["karta_projektu"])
    found = re.fullmatch(r"szablon nie używa bezpośrednio (\d+) z (\d+) pól schematu \(mogą służyć regułom "
                         r"lub wyliczeniom\)", counted.message)
    assert counted.code == "template.unused_fields" and not counted.is_error and found, counted.describe()
    assert 100 < int(found.group(1)) < int(found.group(2))  # a count, not a list of a hundred names
    # 5. the card of the example's P-01, from the files its feasibility analysis reads
    data = yaml.safe_load(example.project.read_text(encoding="utf-8"))["project"]
    total = sum(Decimal(str(c["total"])) for c in data["costs"])
    eu = sum(Decimal(str(f["amount"])) for f in data["funding"] if f["kind"] == "UE")
    built = build("karta_projektu", example.project, output=tmp_path / "karta.docx")
    text = normalise_spaces(docx_text(built.docx))
    assert f"Koszt całkowity {money_text(total)}, w tym dofinansowanie UE {money_text(eu)}." in text
    assert "Wnioskodawca: Powiat Wałecki, w partnerstwie" in text
    assert heading_texts(built.docx) == [f"1. Projekt {data['code']}", "2. Finansowanie"]
    packaged = build_package(example.folder, tmp_path / "wynik")
    assert "P-01-karta.docx" in [p.name for p in packaged.docx]
    # the shared rules hold the card to what they hold the feasibility analysis to
    example.edit("kind: UE, amount: 9590635.00}", "kind: UE, amount: 9590000.00}")
    card = [p for p in validate("karta_projektu", example.project).problems if p.is_error]
    analysis = [p for p in validate("feasibility", example.project).problems if p.is_error]
    assert [p.code for p in card] == ["funding.sum_mismatch"]
    assert [p.describe() for p in card] == [p.describe() for p in analysis]


def money_text(amount) -> str:
    """1234567.5 -> '1 234 567,50 zł', written out here rather than with the filter under test."""
    whole, grosze = f"{amount:.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join(groups) + f",{grosze} zł"


def test_the_scaffold_numbers_headings_by_style_and_takes_markdown(tmp_path, monkeypatch):
    import importlib

    from cwd_docs import build
    from cwd_docs.authoring.checking import check_document_type
    from cwd_docs.registry import plugin_manager
    from cwd_docs.testing import heading_texts

    assert run_cli("new-plugin", "notatka_md", "-o", str(tmp_path / "pkg")).returncode == 0
    package = tmp_path / "pkg" / "cwd_docs_notatka_md"
    monkeypatch.syspath_prepend(str(package.parent))
    pm, warnings = create_plugin_manager(extra_plugins=(importlib.import_module("cwd_docs_notatka_md.plugin"),),
                                         use_entry_points=False)
    registry = collect_document_types(pm, warnings)
    monkeypatch.setattr(plugin_manager, "_registry", registry)
    doc_type = registry.types["notatka_md"]
    # the template's headings carry no typed number: the Heading style's list numbers them
    template = Document(str(doc_type.template))
    headings = [p.text for p in template.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["{{ s.heading }}", "Koszty"]
    assert check_document_type(doc_type) == []
    built = build("notatka_md", doc_type.example, output=tmp_path / "n.docx")
    assert heading_texts(built.docx) == ["1. Cel spotkania", "2. Ustalenia", "3. Koszty"]
    document = Document(str(built.docx))
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold and "grudnia" in r.text]
    assert bold == ["15\u00a0grudnia"]  # Markdown's bold, the date kept on one line
    items = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert items == ["kolejne spotkanie: w\u00a0styczniu,", "protokół roześle lider partnerstwa."]
    # a field the template leaves out is named while the unused ones are few
    template.paragraphs[-1].text = "Budżet:"
    smaller = tmp_path / "bez-slownie.docx"
    template.save(str(smaller))
    [unused] = check_document_type(doc_type, template=smaller)
    assert unused.message == ("szablon nie używa bezpośrednio 1 z 9 pól schematu (mogą służyć regułom lub "
                              "wyliczeniom): budget")
import sys
