"""The command line as a user meets it: exit codes, Polish messages, no tracebacks, no stray files."""

import json

from conftest import run_cli


def assert_no_traceback(result):
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_help_is_polish():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "użycie:" in result.stdout and "polecenia" in result.stdout


def test_list_shows_types_with_titles_and_plugins():
    result = run_cli("list")
    assert result.returncode == 0
    assert "feasibility" in result.stdout
    assert "Wstępna analiza wykonalności" in result.stdout
    assert "cwd_docs.plugins.feasibility" in result.stdout


def test_wrong_usage_exits_2():
    result = run_cli("build")
    assert result.returncode == 2
    assert "brakuje wymaganych argumentów" in result.stderr
    assert_no_traceback(result)


def test_unknown_type_exits_2(example):
    result = run_cli("build", "raport", str(example.project))
    assert result.returncode == 2
    assert "nieznany typ dokumentu 'raport'" in result.stderr and "feasibility" in result.stderr


def test_schema_has_polish_titles(tmp_path):
    result = run_cli("schema", "feasibility")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Wstępna analiza wykonalności"
    project = schema["$defs"]["Project"]["properties"]
    assert project["title"]["title"] == "Tytuł projektu"
    assert set(schema["required"]) == {"document", "partnership", "project"}


def test_init_then_build(tmp_path):
    target = tmp_path / "projekt.yaml"
    assert run_cli("init", "feasibility", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# Wstępna analiza wykonalności")
    again = run_cli("init", "feasibility", "-o", str(target))
    assert again.returncode == 2 and "--force" in again.stderr
    result = run_cli("build", "feasibility", str(target), "-o", str(tmp_path / "a.docx"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.docx").stat().st_size > 10_000


def test_validate_ok(example):
    result = run_cli("validate", "feasibility", str(example.project))
    assert result.returncode == 0
    assert "jest poprawny" in result.stderr


def test_yaml_syntax_error(example, tmp_path):
    line = example.edit("  code: P-01\n", "  code: [P-01\n")
    out = tmp_path / "a.docx"
    result = run_cli("build", "feasibility", str(example.project), "-o", str(out))
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "[yaml.syntax]" in result.stderr and "błąd składni" in result.stderr
    assert f"wiersz {line + 1}" in result.stderr
    assert not out.exists()


def test_every_problem_reported_at_once_with_lines(example, tmp_path):
    sum_line = example.line_of("  funding:") + 1
    example.edit("amount: 192465.00}", "amount: 1.00}")
    nip_line = example.edit('nip: "7652112237"', 'nip: "7652112238"', file=example.partnership)
    out = tmp_path / "a.docx"
    result = run_cli("build", "feasibility", str(example.project), "-o", str(out))
    assert result.returncode == 1
    assert_no_traceback(result)
    lines = result.stderr.splitlines()
    nip = next(line for line in lines if "[nip.checksum]" in line)
    assert f"partnerstwo.yaml, wiersz {nip_line}" in nip and "partnership.members[1].nip" in nip
    assert "NIP '7652112238' ma błędną cyfrę kontrolną" in nip
    assert "Znaleziono: 1 błąd." in lines[-1]
    assert not out.exists()
    # schema errors stop before rules; fix the NIP and the sum rule shows up, located
    example.edit('nip: "7652112238"', 'nip: "7652112237"', file=example.partnership)
    result = run_cli("validate", "feasibility", str(example.project))
    assert result.returncode == 1
    assert f"wiersz {sum_line}" in result.stderr and "[funding.sum_mismatch] pole project.funding:" in result.stderr


def test_validate_json_output(example):
    example.edit("theme: środowiskowy", "theme: zielony")
    result = run_cli("validate", "feasibility", str(example.project), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    [problem] = report["problems"]
    assert problem["code"] == "field.choice" and problem["path"] == "project.theme"
    assert problem["line"] == example.line_of("theme: zielony")


def test_missing_input_file(tmp_path):
    result = run_cli("build", "feasibility", str(tmp_path / "brak.yaml"))
    assert result.returncode == 1
    assert "[input.not_found]" in result.stderr
    assert_no_traceback(result)


def test_plural_summary_of_problems(example):
    for old, new in (("kind: UE,", "kind: EU,"), ("theme: środowiskowy", "theme: x"),
                     ("probability: niskie", "probability: małe"), ("impact: wysokie", "impact: duże"),
                     ("unit: km,", "unit: '',")):
        example.edit(old, new)
    result = run_cli("validate", "feasibility", str(example.project))
    assert result.stderr.splitlines()[-1] == "Znaleziono: 5 błędów."
