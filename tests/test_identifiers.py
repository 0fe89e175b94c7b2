import pytest
from pydantic import TypeAdapter, ValidationError

from cwd_docs.domain.identifiers import Nip, Regon, TercCode

terc = TypeAdapter(TercCode)
nip = TypeAdapter(Nip)
regon = TypeAdapter(Regon)


def error_type(adapter, value) -> str:
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value)
    [error] = caught.value.errors()
    # the Polish message is complete: no unfilled placeholders, the value quoted when it is text
    assert "{" not in error["msg"] and "}" not in error["msg"], error["msg"]
    if isinstance(value, str):
        assert f"'{value}'" in error["msg"]
    return error["type"]


@pytest.mark.parametrize("value, expected", [
    ("3217011", "3217011"), ("3217", "3217"), ("32", "32"), (" 3217 052 ", "3217052"), (3217043, "3217043"),
    (201011, "0201011"),  # YAML read a leading-zero code as a number
])
def test_valid_terc(value, expected):
    assert terc.validate_python(value) == expected


@pytest.mark.parametrize("value, code", [
    ("321701", "teryt.format"), ("32170111", "teryt.format"), ("32A7011", "teryt.format"),
    ("3317011", "teryt.voivodeship"), ("3417011", "teryt.voivodeship"), ("0017011", "teryt.voivodeship"),
    ("3200011", "teryt.powiat"), ("3217001", "teryt.gmina"), ("3217016", "teryt.kind"), ("3217017", "teryt.kind"),
    (True, "teryt.type"),
])
def test_invalid_terc(value, code):
    assert error_type(terc, value) == code


def test_nip():
    assert nip.validate_python("765-161-33-45") == "7651613345"
    assert error_type(nip, "7651613346") == "nip.checksum"
    assert error_type(nip, "76516133") == "nip.format"


def test_regon():
    assert regon.validate_python("570791224") == "570791224"
    assert error_type(regon, "570791225") == "regon.checksum"
    assert error_type(regon, "5707912") == "regon.format"
