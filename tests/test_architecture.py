"""The house: a core that names no document type, packages open to plugins, each file read and
validated once, hooks called through pluggy."""

import io
import re
import tokenize
from pathlib import Path

from pydantic import BaseModel

from cwd_docs import DocumentType, PackageRole, Scoped, hookimpl
from cwd_docs.registry import plugin_manager
from cwd_docs.package.build import build_package, validate_package
from cwd_docs.registry.plugin_manager import collect_document_types, create_plugin_manager, get_registry
from cwd_docs.plugins import BUILTIN_PLUGINS
from conftest import ROOT, docx_text, run_cli

CORE = ROOT / "src" / "cwd_docs"
OUTSIDE_CORE = ("plugins", "domain")


def core_modules():
    for path in sorted(CORE.rglob("*.py")):
        if path.relative_to(CORE).parts[0] not in OUTSIDE_CORE:
            yield path


def test_no_core_module_names_a_builtin_document_type():
    names = set(get_registry().types)
    assert {"feasibility", "supralocal"} <= names
    pattern = re.compile(r"\b(" + "|".join(sorted(names)) + r")\b")
    offenders = []
    for path in core_modules():
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            if token.type in (tokenize.STRING, tokenize.NAME) and pattern.search(token.string):
                offenders.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string[:60]}")
    assert offenders == []


def test_builtin_types_are_plugins_with_a_package_role():
    registry = get_registry()
    for name in BUILTIN_PLUGINS:
        assert name in registry.plugin_versions
    for doc_type in registry.types.values():
        assert doc_type.package is not None, doc_type.name


# --- a plugin's type joins a partnership package without touching the core ------------------------

class Memo(BaseModel):
    partnership: dict
    document: dict
    memo: str


def memo_plugin(tmp_path: Path):
    from docx import Document

    template = tmp_path / "notatka.docx"
    document = Document()
    document.add_paragraph("Notatka: {{ memo }}")
    document.save(str(template))

    class MemoPlugin:
        @hookimpl
        def register_document_types(self, register):
            register(DocumentType(
                name="notatka", title="Notatka", input_model=Memo, template=template, example=template,
                build_context=lambda model: {"memo": model.memo},
                package=PackageRole(reads=lambda data: "memo" in data, file_name=lambda model: "notatka",
                                    label=lambda model: "Notatka", title=lambda model: "Notatka partnerstwa",
                                    section=15)))

    return MemoPlugin()


def test_a_plugin_type_joins_the_package_in_its_section(example, tmp_path, monkeypatch):
    pm, warnings = create_plugin_manager(extra_plugins=(memo_plugin(tmp_path),), use_entry_points=False)
    monkeypatch.setattr(plugin_manager, "_registry", collect_document_types(pm, warnings))
    (example.folder / "notatka.yaml").write_text(
        "partnership: {name: P}\ndocument: {place: Wałcz}\nmemo: Spotkanie rady partnerstwa\n", encoding="utf-8")
    result = build_package(example.folder, tmp_path / "wynik")
    names = [p.name for p in result.docx]
    # section 15: after the strategy (10), before the project documents (20)
    assert names[:3] == ["strategia.docx", "notatka.docx", "P-01-analiza-wykonalnosci.docx"]
    assert "Notatka: Spotkanie rady partnerstwa" in docx_text(tmp_path / "wynik" / "notatka.docx")


def test_the_strategy_file_declares_its_kind_and_no_variant_overrides_it(example, tmp_path):
    result = build_package(example.folder, tmp_path / "wynik")
    assert "Zaangażowanie partnerów" in docx_text(result.docx[0])  # the example serves as the IIT strategy
    refused = run_cli("package", str(example.folder), "-o", str(tmp_path / "w2"), "--variant", "strategy_zit")
    assert refused.returncode == 2 and "nieznany wariant 'strategy_zit'" in refused.stderr
    assert "--variant strategy" not in run_cli("list").stdout


def test_variant_choices_of_plugin_types_come_from_the_registry(example, tmp_path, monkeypatch):
    from docx import Document

    template = tmp_path / "notatka.docx"
    document = Document()
    document.add_paragraph("Notatka {{ kind }}: {{ memo }}")
    document.save(str(template))

    def memo_type(name, default):
        return DocumentType(
            name=name, title=name, input_model=Memo, template=template, example=template,
            build_context=lambda model: {"memo": model.memo, "kind": name},
            package=PackageRole(reads=lambda data: "memo" in data, file_name=lambda model: "notatka",
                                label=lambda model: "Notatka", title=lambda model: "Notatka", section=15,
                                choice="notatka", default=default))

    class Alternatives:
        @hookimpl
        def register_document_types(self, register):
            register(memo_type("notatka_krotka", True))
            register(memo_type("notatka_pelna", False))

    pm, warnings = create_plugin_manager(extra_plugins=(Alternatives(),), use_entry_points=False)
    monkeypatch.setattr(plugin_manager, "_registry", collect_document_types(pm, warnings))
    (example.folder / "notatka.yaml").write_text(
        "partnership: {name: P}\ndocument: {place: Wałcz}\nmemo: Spotkanie\n", encoding="utf-8")
    default = build_package(example.folder, tmp_path / "a")
    assert "Notatka notatka_krotka: Spotkanie" in docx_text(tmp_path / "a" / "notatka.docx")
    build_package(example.folder, tmp_path / "b", variants=["notatka_pelna"])
    assert "Notatka notatka_pelna: Spotkanie" in docx_text(tmp_path / "b" / "notatka.docx")
    assert default.docx[0].name == "strategia.docx"


# --- each input file read and validated once ------------------------------------------------------

def test_each_file_of_a_package_is_read_once(example, monkeypatch):
    from cwd_docs.loading import session

    reads = []
    original = session.read_data_file
    monkeypatch.setattr(session, "read_data_file", lambda path, *a: reads.append(Path(path).name) or original(path, *a))
    documents, problems = validate_package(example.folder)
    assert not [p for p in problems if p.is_error]
    assert sorted(reads) == ["partnerstwo.yaml", "projekt-p01.yaml", "projekt-p02.yaml", "strategia.yaml"]
    # the documents made from one file share one validated model, and the strategy holds the same objects
    models = {d.source.name: d.result.model for d in documents}
    strategy = models["strategia.yaml"]
    assert strategy.projects[0] is models["projekt-p01.yaml"]
    assert strategy.partnership is models["projekt-p01.yaml"].partnership is models["projekt-p02.yaml"].partnership


def test_each_rule_runs_once_per_object(example, monkeypatch):
    from cwd_docs.plugins.project import rules

    calls = []
    original = rules.project_rules
    monkeypatch.setattr(rules, "project_rules", lambda *a, **k: calls.append(a[0].code) or original(*a, **k))
    validate_package(example.folder)
    # P-01 makes three documents and is in the strategy's package of projects: checked once
    assert sorted(calls) == ["P-01", "P-02"]


def test_problems_of_a_shared_or_included_file_are_reported_once(example):
    example.edit("      kind: gmina miejska\n", "      kind: gmina miejska\n      nazwa_bledna: x\n",
                 file=example.partnership)
    unknown_line = example.line_of("nazwa_bledna", file=example.partnership)
    documents, problems = validate_package(example.folder)
    unknown = [p for p in problems if p.code == "field.unknown"]
    assert [(Path(p.file).name, p.line) for p in unknown] == [("partnerstwo.yaml", unknown_line)]


def test_rule_problem_of_a_project_in_the_strategy_is_reported_once(example):
    example.edit("kind: UE, amount: 9590635.00}", "kind: UE, amount: 9590000.00}")
    documents, problems = validate_package(example.folder)
    mismatches = [p for p in problems if p.code == "funding.sum_mismatch"]
    assert len(mismatches) == 1 and Path(mismatches[0].file).name == "projekt-p01.yaml"
    assert mismatches[0].dotted_path == "project.funding"


def test_scoped_rule_reports_paths_from_the_root(tmp_path):
    class Inner(BaseModel):
        value: int

    class Outer(BaseModel):
        items: list[Inner]

    def positive(inner):
        from cwd_docs import Problem

        return [] if inner.value > 0 else [Problem(code="x.negative", message="ujemna", path=("value",))]

    rule = Scoped(("items", "*"), positive)
    problems = rule(Outer(items=[Inner(value=1), Inner(value=-1)]))
    assert [p.path for p in problems] == [("items", 1, "value")]


# --- hooks through pluggy ---------------------------------------------------------------------------

def test_hook_calls_are_seen_by_pluggy_monitoring_and_wrappers(tmp_path):
    pm, warnings = create_plugin_manager(use_entry_points=False)
    seen = []
    pm.add_hookcall_monitoring(lambda name, impls, kwargs: seen.append(name), lambda *a: None)
    wrapped = []

    class Wrapper:
        """A new-style wrapper around every plugin's registration call."""

        @hookimpl(wrapper=True)
        def register_document_types(self, register):
            wrapped.append(register)
            return (yield)

    class Filters:
        @hookimpl
        def register_filters(self, register):
            register("wielkie", str.upper)

    pm.register(Wrapper())
    pm.register(Filters())
    registry = collect_document_types(pm, warnings)
    assert seen.count("register_document_types") == len(BUILTIN_PLUGINS) == len(wrapped)
    assert seen.count("register_filters") == 1 and registry.filters["wielkie"] is str.upper
    assert "feasibility" in registry.types and registry.warnings == []


def test_block_list_uses_pluggy(monkeypatch):
    monkeypatch.setenv("CWD_DOCS_BLOCK_PLUGINS", "cwd_docs.plugins.schedule")
    pm, _ = create_plugin_manager(use_entry_points=False)
    assert pm.is_blocked("cwd_docs.plugins.schedule")
    assert not pm.has_plugin("cwd_docs.plugins.schedule")


def test_plugin_versions_come_from_entry_point_distributions(tmp_path, monkeypatch):
    module = tmp_path / "wersjonowana_plugin.py"
    module.write_text("from cwd_docs import hookimpl\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))

    class Distribution:
        name, version = "cwd-docs-wersjonowana", "2.3.4"

    class EntryPoint:
        name, value, group, dist = "wersjonowana", "wersjonowana_plugin", "cwd_docs", Distribution()

        def load(self):
            import wersjonowana_plugin

            return wersjonowana_plugin

    monkeypatch.setattr(plugin_manager, "entry_points", lambda group: [EntryPoint()])
    assert get_registry().plugin_versions["wersjonowana"] == "cwd-docs-wersjonowana 2.3.4"


# --- templates live in templates/<type>/ at the top, as the design card says -----------------------

def test_each_builtin_type_reads_its_template_and_example_from_templates():
    from cwd_docs.registry.resources import template_dir, templates_root

    root = templates_root()  # the checkout's templates/, or cwd_docs/templates/ of an installed wheel
    for doc_type in get_registry().types.values():
        if not doc_type.plugin.startswith("cwd_docs."):
            continue  # an installed external plugin ships its own
        assert doc_type.template == root / doc_type.name / "template.docx" and doc_type.template.is_file()
        assert doc_type.example.is_file() and root in doc_type.example.parents, doc_type.example
    assert (template_dir("package_cover") / "template.docx").is_file()
    assert not (CORE / "_templates").exists()


def test_check_renders_images_like_build(tmp_path):
    # The strategy's maps are images in the checked render, as in a build: no image reference as text.
    result = run_cli("check", "supralocal")
    assert result.returncode == 0, result.stderr
    assert "ImageRef" not in result.stderr


# --- no import circles between the modules of src/cwd_docs ---------------------------------------------

def import_graph() -> dict[str, dict[str, int]]:
    """Module -> {module it imports: line}, from the source with `ast`: every import statement of
    src/cwd_docs (those inside functions too, where a circle hides), but not `if TYPE_CHECKING:`."""
    import ast

    modules: dict[str, tuple[Path, bool]] = {}
    for path in sorted(CORE.rglob("*.py")):
        parts = list(path.relative_to(CORE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    graph: dict[str, dict[str, int]] = {}
    for name, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(node) for block in ast.walk(tree)
                       if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                       for statement in block.body for node in ast.walk(statement)}
        edges: dict[str, int] = {}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[:len(here) - node.level + 1]
                    base = ".".join(here + ([node.module] if node.module else []))
                # `from package import module` imports the module; `from module import name`, the module
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
            else:
                continue
            for target in targets:
                if target in modules and target != name:
                    edges.setdefault(target, node.lineno)
        graph[name] = edges
    return graph


def import_circles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Each circle once, as the path from its smallest module back to it (Tarjan's components, then a
    shortest path around each)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    circles = []
    for component in components:
        start = min(component)
        paths = {start: [start]}
        queue = [start]
        while queue:  # breadth first inside the component: the shortest way back to the start
            node = queue.pop(0)
            for target in sorted(graph[node]):
                if target == start:
                    circles.append(paths[node] + [start])
                    queue = []
                    break
                if target in component and target not in paths:
                    paths[target] = paths[node] + [target]
                    queue.append(target)
    return circles


def test_no_import_circles_between_modules():
    graph = import_graph()
    circles = [" → ".join(f"{a} (wiersz {graph[a][b]})" if b else a for a, b in zip(c, c[1:] + [""]))
               for c in import_circles(graph)]
    assert circles == []


def test_the_circle_test_finds_and_names_a_circle():
    graph = {"a": {"b": 3}, "b": {"c": 5}, "c": {"a": 7, "d": 1}, "d": {}, "e": {"e2": 1}, "e2": {"e": 2}}
    assert import_circles(graph) == [["a", "b", "c", "a"], ["e", "e2", "e"]]
    real = import_graph()
    assert real["cwd_docs.conversion.converter_service"]["cwd_docs.conversion.pdf"]  # imports are seen
    assert "cwd_docs.conversion.converter_service" in real["cwd_docs.conversion.dispatch"]  # inside a function too


def test_the_top_floor_reads_as_the_pipeline():
    rooms = sorted(p.name for p in CORE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    assert rooms == ["authoring", "cli", "conversion", "domain", "loading", "package", "plugins", "registry",
                     "rendering", "validation"]
    # the top floor holds the doors (API, public models, pytest fixtures), the plugin contract (hooks,
    # DocumentType) and the vocabulary every step shares (problems, formatting, OS errors in Polish, the time limit
    # of one document's work)
    modules = sorted(p.stem for p in CORE.glob("*.py"))
    assert modules == ["__init__", "__main__", "api", "charts", "doctype", "formatting", "hookspecs", "limits",
                       "models", "os_errors", "pdf", "problems", "testing"]


def test_documented_import_paths_keep_working(monkeypatch):
    # README and docs/plugins.md name these; the modules moved into their rooms
    from cwd_docs.charts import Chart, Series
    from cwd_docs.conversion import dispatch
    from cwd_docs.pdf import use_server
    from cwd_docs.rendering.charts import model

    assert (Chart, Series) == (model.Chart, model.Series)
    monkeypatch.delenv("CWD_DOCS_NO_SERVER", raising=False)
    monkeypatch.setattr(dispatch, "_SERVER", {"enabled": False, "idle": None})
    use_server(True, 42)
    assert dispatch.server_enabled() and dispatch._SERVER["idle"] == 42


def test_the_architecture_note_names_every_room_and_module():
    note = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [f"{p.name}/" for p in CORE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()
               and f"`{p.name}/`" not in note]
    for room in ("loading", "validation", "rendering", "conversion", "package", "registry", "authoring", "cli"):
        for path in sorted((CORE / room).rglob("*.py")):
            if path.stem != "__init__" and f"`{path.stem}" not in note:
                missing.append(str(path.relative_to(CORE)))
    missing += [p.name for p in CORE.glob("*.py") if p.stem != "__main__" and f"`{p.name}`" not in note
                and f"`{p.stem}`" not in note]
    assert missing == []
