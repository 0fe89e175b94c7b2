"""Odd inputs found in review: each gives a located Polish message, never a traceback."""

import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from cwd_docs import build, validate
from cwd_docs.loading import LoadFailed, load_input


def write(tmp_path: Path, text: str, name: str = "dane.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_problems(path: Path) -> list:
    with pytest.raises(LoadFailed) as caught:
        load_input(path)
    return caught.value.problems


@pytest.mark.parametrize("text", ["2027-02-30: 1\n", "2027-01-01 25:00:00: x\n", "~: 1\ntrue: 2\n"])
def test_odd_keys_are_kept_as_written(tmp_path, text):
    data = load_input(write(tmp_path, text)).data
    assert all(isinstance(key, str) for key in data)
    if text.startswith("~"):
        assert set(data) == {"~", "true"}


def test_recursive_alias_is_refused(tmp_path):
    [problem] = load_problems(write(tmp_path, "a: &x [1, *x]\n"))
    assert problem.code == "yaml.recursive_alias"


def test_very_deep_nesting_is_refused(tmp_path):
    text = "a: " + "[" * 150 + "]" * 150 + "\n"
    [problem] = load_problems(write(tmp_path, text))
    assert problem.code == "input.too_deep"


def test_devices_are_not_read():
    [problem] = load_problems(Path("/dev/zero"))
    assert problem.code == "input.not_a_file"


def test_leading_zero_integers_stay_text(tmp_path):
    data = load_input(write(tmp_path, "teryt: 0201011\nregon: 012345678\nliczba: 0\n")).data
    assert data == {"teryt": "0201011", "regon": "012345678", "liczba": 0}


def test_merge_keys_follow_yaml_rules(tmp_path):
    text = "base: &d {x: 1, y: 2}\nother: &e {y: 5, z: 6}\nm:\n  <<: [*d, *e]\n  x: 3\n"
    data = load_input(write(tmp_path, text)).data
    assert data["m"] == {"x": 3, "y": 2, "z": 6}


def test_tab_indented_json_with_exponent(tmp_path):
    path = write(tmp_path, '{\n\t"a": 8.6e4,\n\t"b": "x"\n}\n', name="dane.json")
    from cwd_docs.domain.money import parse_money

    data = load_input(path).data
    assert data["b"] == "x"
    assert parse_money(data["a"]) == Decimal("86000.00")  # a YAML 1.1 string or a JSON number


def test_json_escaped_control_character_refused(tmp_path):
    path = write(tmp_path, '{\n\t"a": "x\\u0007y"\n}\n', name="dane.json")
    assert load_problems(path)[0].code == "text.control_character"


def test_unknown_field_with_dash_is_named(example):
    example.edit("  chosen_option:", "  chosen-option:")
    result = validate("feasibility", example.project)
    paths = {p.dotted_path: p.code for p in result.problems}
    assert paths == {"project.chosen-option": "field.misspelled"}  # one problem: the typo


def test_huge_amounts_are_refused_not_crashing(example):
    example.edit("total: 24600.00, eligible: 24600.00", "total: 90000000000000000000000000, eligible: 24600.00")
    result = validate("feasibility", example.project)
    [problem] = result.problems
    assert problem.code == "money.too_large" and problem.dotted_path == "project.costs[5].total"


def test_pattern_message_lists_allowed_characters(example):
    example.edit("id: PW\n", "id: P.W\n", file=example.partnership)
    [problem] = [p for p in validate("feasibility", example.project).problems if p.code == "field.pattern"]
    assert problem.message == ("niedozwolone znaki w 'P.W'; dozwolone są tylko litery bez polskich znaków, cyfry "
                               "oraz znaki _ -")


def test_eu_limit_message_rounds_down(example):
    example.edit("max_eu_rate: 85", "max_eu_rate: 84.999")
    [problem] = [p for p in validate("feasibility", example.project).problems]
    assert problem.code == "funding.eu_rate_exceeded"
    assert "czyli 9\u00a0590\u00a0522,16\u00a0zł" in problem.message


def test_voivodeship_in_locative(example):
    example.edit('teryt: "3217043"', 'teryt: "3015043"', file=example.partnership)
    warning = next(p for p in validate("feasibility", example.project).warnings
                   if p.code == "teryt.other_voivodeship")
    assert warning.message.endswith("w województwie zachodniopomorskim")


def test_outputs_are_readable_by_others(example, tmp_path):
    old = os.umask(0o022)
    try:
        result = build("feasibility", example.project, output=tmp_path / "a.docx")
    finally:
        os.umask(old)
    assert stat.S_IMODE(result.docx.stat().st_mode) == 0o644


def test_disk_full_is_reported_in_polish_with_the_target(example, tmp_path, monkeypatch, capsys):
    import errno

    from cwd_docs.package import atomic as output
    from cwd_docs.cli.main import main

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    target = tmp_path / "a.docx"
    assert main(["build", "feasibility", str(example.project), "-o", str(target)]) == 3
    err = capsys.readouterr().err
    assert f"({target}): brak miejsca na dysku" in err and "No space" not in err
    assert list(tmp_path.iterdir()) == [example.folder]


def test_disk_full_keeps_previous_output(example, tmp_path, monkeypatch):
    import errno

    from cwd_docs.package import atomic as output

    target = tmp_path / "a.docx"
    build("feasibility", example.project, output=target)
    before = target.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        build("feasibility", example.project, output=target)
    assert caught.value.filename == str(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_durability_warning_uses_plural(example):
    example.edit("durability_years: 5", "durability_years: 2")
    [warning] = [w for w in validate("application_outline", example.project).warnings
                 if w.code != "contact.missing"]  # the example leaves the contact to the office
    assert warning.message.startswith("okres trwałości 2\u00a0lata różni się")


def test_funding_shares_add_up_to_exactly_100(example):
    project = validate("feasibility", example.project).model.project
    assert sum(project.funding_shares) == Decimal(100)
    assert project.funding_shares[0] == Decimal("83.74")


def test_porozumienie_with_powiat_is_a_warning(example):
    example.edit("cooperation_form: umowa partnerska", "cooperation_form: porozumienie międzygminne",
                 file=example.partnership)
    result = validate("feasibility", example.project)
    assert result.ok and [p.code for p in result.warnings] == ["partnership.form"]
