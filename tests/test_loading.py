from decimal import Decimal
from pathlib import Path

import pytest

from cwd_docs.loading import MAX_NODES, LoadFailed, load_input, read_data_file


def write(tmp_path: Path, text: str | bytes, name: str = "dane.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def failure(path: Path, include=()) -> list:
    with pytest.raises(LoadFailed) as caught:
        load_input(path, include)
    return caught.value.problems


def test_positions_of_nested_values(tmp_path):
    path = write(tmp_path, "a:\n  b:\n    - x: 1\n    - x: 2\n")
    loaded = load_input(path)
    assert loaded.data == {"a": {"b": [{"x": 1}, {"x": 2}]}}
    pos = loaded.position_of(("a", "b", 1, "x"))
    assert (pos.line, pos.column) == (4, 10)
    # a missing key is located at its nearest parent
    assert loaded.position_of(("a", "b", 1, "missing")).line == 4


def test_floats_become_exact_decimals(tmp_path):
    loaded = load_input(write(tmp_path, "a: 0.1\nb: 1234567.89\nc: 1_000.5\n"))
    assert loaded.data == {"a": Decimal("0.1"), "b": Decimal("1234567.89"), "c": Decimal("1000.5")}
    assert loaded.data["a"] + Decimal("0.2") == Decimal("0.3")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.Inf"])
def test_nan_and_infinity_refused(tmp_path, value):
    [problem] = failure(write(tmp_path, f"x: 1\namount: {value}\n"))
    assert problem.code == "number.not_finite"
    assert problem.line == 2
    assert problem.path == ("amount",)


def test_syntax_error_is_located_in_polish(tmp_path):
    [problem] = failure(write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n"))
    assert problem.code == "yaml.syntax"
    assert problem.line == 3
    assert "błąd składni" in problem.message


def test_tab_indentation_error(tmp_path):
    [problem] = failure(write(tmp_path, "a:\n\tb: 1\n"))
    assert problem.code == "yaml.syntax"
    assert problem.line == 2
    assert "tabulacji" in problem.message


def test_duplicate_keys_are_an_error(tmp_path):
    [problem] = failure(write(tmp_path, "project:\n  title: A\n  code: X\n  title: B\n"))
    assert problem.code == "yaml.duplicate_key"
    assert problem.line == 4
    assert problem.path == ("project", "title")
    assert "wierszu 2" in problem.message


def test_object_tags_are_refused(tmp_path):
    [problem] = failure(write(tmp_path, "a: !!python/object/apply:os.system ['echo hi']\n"))
    assert problem.code == "yaml.tag"
    assert problem.line == 1


def test_custom_tags_are_refused(tmp_path):
    [problem] = failure(write(tmp_path, "a: !include inny.yaml\n"))
    assert problem.code == "yaml.tag"


def test_alias_bomb_is_refused(tmp_path):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 10) + "]")
    [problem] = failure(write(tmp_path, "\n".join(lines) + "\n"))
    assert problem.code == "input.too_many_values"
    assert f"{MAX_NODES:,}".replace(",", "\u00a0") in problem.message


def test_bom_is_accepted(tmp_path):
    loaded = load_input(write(tmp_path, "\ufeffnazwa: Wałcz\n".encode("utf-8")))
    assert loaded.data == {"nazwa": "Wałcz"}


def test_utf16_with_bom_is_accepted(tmp_path):
    loaded = load_input(write(tmp_path, "nazwa: Człopa\n".encode("utf-16")))
    assert loaded.data == {"nazwa": "Człopa"}


def test_wrong_encoding_reports_byte_position(tmp_path):
    [problem] = failure(write(tmp_path, "a: 1\nnazwa: Wa\xb3cz\n".encode("latin-1")))
    assert problem.code == "input.encoding"
    assert "bajt nr 15" in problem.message and "0xb3" in problem.message
    assert problem.line == 2


def test_control_characters_refused_with_location(tmp_path):
    [problem] = failure(write(tmp_path, 'a: 1\ntitle: "Droga\\x07 rowerowa"\n'))
    assert problem.code == "text.control_character"
    assert problem.line == 2
    assert "U+0007" in problem.message


def test_empty_file_and_not_a_mapping(tmp_path):
    assert failure(write(tmp_path, ""))[0].code == "input.empty"
    assert failure(write(tmp_path, "- a\n- b\n"))[0].code == "input.not_mapping"


def test_missing_file(tmp_path):
    [problem] = failure(tmp_path / "brak.yaml")
    assert problem.code == "input.not_found"


def test_huge_file_refused(tmp_path):
    path = write(tmp_path, "a: " + "x" * (3 * 1024 * 1024) + "\n")
    assert failure(path)[0].code == "input.too_large"


def test_json_input_with_positions(tmp_path):
    path = write(tmp_path, '{\n  "a": {\n    "b": 12.50\n  }\n}\n', name="dane.json")
    loaded = load_input(path)
    assert loaded.data == {"a": {"b": Decimal("12.50")}}
    assert loaded.position_of(("a", "b")).line == 3


def test_include_reads_other_file_with_its_own_positions(tmp_path):
    write(tmp_path, "partnership:\n  name: P\n  leader: X\n", name="partnerstwo.yaml")
    path = write(tmp_path, "partnership: partnerstwo.yaml\nproject:\n  code: P-01\n")
    loaded = load_input(path, include_keys=("partnership",))
    assert loaded.data["partnership"] == {"name": "P", "leader": "X"}
    position = loaded.position_of(("partnership", "leader"))
    assert position.file.endswith("partnerstwo.yaml") and position.line == 3
    assert loaded.position_of(("project", "code")).file.endswith("dane.yaml")


def test_include_of_missing_file_is_located(tmp_path):
    path = write(tmp_path, "project: {}\npartnership: brak.yaml\n")
    [problem] = failure(path, include=("partnership",))
    assert (problem.code, problem.line, problem.column) == ("input.include", 2, 14)
    assert problem.message == "nie można wczytać pliku 'brak.yaml' wskazanego w polu 'partnership': nie znaleziono pliku"


def test_syntax_error_inside_an_included_file_is_located_there(tmp_path):
    write(tmp_path, "partnership:\n  name: [P\n", name="partnerstwo.yaml")
    path = write(tmp_path, "partnership: partnerstwo.yaml\n")
    problems = failure(path, include=("partnership",))
    assert [p.code for p in problems] == ["input.include", "yaml.syntax"]
    assert problems[1].file.endswith("partnerstwo.yaml") and problems[1].line is not None


def test_read_data_file_keeps_strings(tmp_path):
    data, _ = read_data_file(write(tmp_path, 'teryt: "0201011"\nkod: 0201011\n'))
    assert data["teryt"] == "0201011"


@pytest.mark.parametrize("value", ["!!timestamp xyz", "!!bool maybe", '!!int ""'])
def test_explicit_tag_with_a_value_it_cannot_hold_is_a_located_problem(tmp_path, value):
    problems = failure(write(tmp_path, f"a: 1\nwersja: {value}\n"))
    assert [(p.code, p.line, p.path) for p in problems] in (
        [("yaml.tag_value", 2, ("wersja",))], [("yaml.value", 2, ("wersja",))])
