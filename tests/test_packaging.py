"""The installed package carries its templates: build a wheel, install it alone, build the example."""

import subprocess
import sys
import zipfile

import pytest

from conftest import EXAMPLE_DIR, ROOT, make_venv


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    [built] = out.glob("cwd_docs-*.whl")
    return built


def test_wheel_contains_templates_and_examples(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for doc_type in ("feasibility", "schedule", "application_outline"):
        assert f"cwd_docs/_templates/{doc_type}/template.docx" in names
    assert "cwd_docs/_templates/project_file/example.yaml" in names
    for table in ("annex_i", "common_indicators", "nuts_pl", "climate_shadow_cost_of_carbon"):
        assert f"cwd_docs/data/{table}.yaml" in names  # the code tables the outline reads
    assert "cwd_docs/_uno_convert.py" in names
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
