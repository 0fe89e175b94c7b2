"""The installed package carries its templates: build a wheel, install it alone, build the example;
an editable install passes the plugin author's path."""

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cwd_docs import list_document_types
from cwd_docs.registry.resources import templates_root
from conftest import EXAMPLE_DIR, ROOT, make_venv


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    [built] = out.glob("cwd_docs-*.whl")
    return built


def test_wheel_contains_every_types_template_and_example(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*")
               if p.is_file() and p.suffix != ".py"}
    # every file of templates/<type>/ but the generators, as cwd_docs/templates/<type>/
    assert {n for n in names if n.startswith("cwd_docs/templates/")} == {f"cwd_docs/{n}" for n in shipped}
    for doc_type in list_document_types():
        if doc_type.plugin.startswith("cwd_docs."):
            assert f"cwd_docs/templates/{doc_type.name}/template.docx" in names
            assert f"cwd_docs/templates/{doc_type.example.relative_to(templates_root()).as_posix()}" in names
    assert "cwd_docs/templates/package_cover/template.docx" in names
    assert not [n for n in names if n.startswith("cwd_docs/templates/") and n.endswith(".py")]
    assert "cwd_docs/conversion/_uno_convert.py" in names
    for table in ("annex_i", "common_indicators", "nuts_pl", "climate_shadow_cost_of_carbon"):
        assert f"cwd_docs/data/{table}.yaml" in names  # the code tables the outline reads
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_builds_outside_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    # This interpreter's packages provide the dependencies; the wheel itself is installed into the venv.
    python = make_venv(env_dir)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True, capture_output=True)
    work = tmp_path / "praca"
    work.mkdir()
    located = subprocess.run([str(python), "-c", "import cwd_docs, sys; print(cwd_docs.__file__)"],
                             cwd=work, capture_output=True, text=True, check=True).stdout
    assert str(env_dir) in located
    result = subprocess.run([str(python), "-m", "cwd_docs", "build", "feasibility",
                             str(EXAMPLE_DIR / "projekt-p01.yaml"), "-o", str(work / "analiza.docx")],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (work / "analiza.docx").stat().st_size > 10_000
    console = env_dir / "bin" / "cwd-docs"
    listed = subprocess.run([str(console), "list"], capture_output=True, text=True, cwd=work)
    assert listed.returncode == 0 and listed.stderr == ""
    for doc_type in ("feasibility", "schedule", "application_outline"):
        assert doc_type in listed.stdout


def test_plugin_authoring_passes_under_an_editable_install(tmp_path):
    """`pip install -e .` and then the plugin author's path, as a developer of cwd_docs runs it.

    The plugin-authoring test makes a venv of its own that must see cwd_docs through the editable
    install's .pth file (make_venv uses site.addsitedir); run here from a venv where cwd_docs is
    installed editable, it is that case whatever the outer interpreter has installed.
    """
    python = make_venv(tmp_path / "venv")
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                                "-e", str(ROOT)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    probe = ("import importlib.metadata as m, cwd_docs, json; d = m.distribution('cwd-docs'); "
             "print(json.dumps([cwd_docs.__file__, d.read_text('direct_url.json')]))")
    located, direct_url = json.loads(subprocess.run([str(python), "-c", probe], capture_output=True, text=True,
                                                    check=True, cwd=tmp_path).stdout)
    assert Path(located).is_relative_to(ROOT / "src")  # the checkout's source, through the editable install
    assert json.loads(direct_url)["dir_info"] == {"editable": True}
    tested = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             str(ROOT / "tests" / "test_plugin_authoring.py"), "-k", "fresh_venv"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert tested.returncode == 0 and re.search(r"^1 passed", tested.stdout, re.M), tested.stdout + tested.stderr
