"""Every third-party module the tests import is declared in pyproject.toml (issue 26 point 1).

A fresh venv gets exactly `pip install '.[test]'`; a test importing a library that only the
developer's machine happens to have fails there. This reads the imports of the test suite (and of
the shipped pytest plugin, cwd_docs.testing) with ast and checks each against the dependencies
and the extras; the package's own imports are checked against the dependencies alone.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

# Import names whose distribution is named differently, for modules that may not be installed
# here (when installed, importlib.metadata.packages_distributions() says it).
KNOWN_DISTRIBUTIONS = {"PIL": "Pillow", "yaml": "PyYAML", "docx": "python-docx", "stdnum": "python-stdnum",
                       "markdown_it": "markdown-it-py", "mdit_py_plugins": "mdit-py-plugins",
                       "openxml_audit": "openxml-audit", "pydantic_core": "pydantic-core",
                       "_pytest": "pytest", "pluggy": "pluggy", "docxtpl": "docxtpl"}
# Folders whose modules tests put on sys.path themselves (tools, the example plugin's source).
LOCAL_ROOTS = [ROOT / "tests", ROOT / "tools", ROOT / "src", *sorted((ROOT / "examples" / "plugins").glob("*"))]


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return normalise(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1))


def declared(pyproject: dict, extras: bool) -> set[str]:
    project = pyproject["project"]
    names = {requirement_name(r) for r in project.get("dependencies", [])}
    if extras:
        for group in project.get("optional-dependencies", {}).values():
            names |= {requirement_name(r) for r in group}
    return names


def imported_modules(path: Path) -> dict[str, int]:
    """Top-level absolute imports of a file (import x, from x import y, pytest.importorskip('x'))."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("importorskip", "import_module") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            names = [node.args[0].value]
        for name in names:
            found.setdefault(name.split(".")[0], node.lineno)
    return found


def is_local(module: str, source: Path) -> bool:
    if module == "cwd_docs":
        return True
    if any((root / f"{module}.py").exists() or (root / module / "__init__.py").exists() for root in LOCAL_ROOTS):
        return True
    text = source.read_text(encoding="utf-8")
    # a plugin package the test scaffolds with `new-plugin` (cwd_docs_<name>) before importing it
    if module.startswith("cwd_docs_") and '"new-plugin"' in text:
        return True
    # a module the test writes itself, into its temporary folder, before importing it
    return f'"{module}.py"' in text


def undeclared(files: list[Path], allowed: set[str]) -> list[str]:
    installed = metadata.packages_distributions()
    missing = []
    for path in files:
        for module, line in sorted(imported_modules(path).items()):
            if module in sys.stdlib_module_names or is_local(module, path):
                continue
            candidates = installed.get(module) or [KNOWN_DISTRIBUTIONS.get(module, module)]
            if not any(normalise(dist) in allowed for dist in candidates):
                missing.append(f"{path.relative_to(ROOT)}:{line}: {module} (dystrybucja {', '.join(candidates)})")
    return missing


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_module_the_tests_import_is_declared(pyproject):
    files = sorted((ROOT / "tests").rglob("*.py")) + [ROOT / "src" / "cwd_docs" / "testing.py"]
    assert undeclared(files, declared(pyproject, extras=True)) == []


def test_every_module_the_package_imports_is_a_dependency(pyproject):
    # _uno_convert runs in LibreOffice's Python (uno, com.sun.star), not in the package's
    files = [p for p in sorted((ROOT / "src" / "cwd_docs").rglob("*.py")) if p.name not in ("testing.py", "_uno_convert.py")]
    assert undeclared(files, declared(pyproject, extras=False)) == []


def test_the_check_sees_an_undeclared_import(tmp_path):
    # the check itself: a test importing Pillow, with Pillow declared nowhere, is reported
    sample = ROOT / "tests" / "test_strategies.py"
    assert "PIL" in imported_modules(sample)
    assert any(": PIL (" in line for line in undeclared([sample], {"pytest"}))
    assert undeclared([sample], {"pytest"}) != undeclared([sample], {"pytest", "pillow"})
