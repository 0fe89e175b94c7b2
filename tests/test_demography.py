"""The share of residents aged 65+: computed from the partnership's data, printed by the documents,
and a typed share or count that disagrees is a located warning."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import yaml

from cwd_docs import build, validate
from conftest import docx_text, normalise_spaces


def seniors_from_yaml(example, ids):
    members = {m["id"]: m for m in yaml.safe_load(example.partnership.read_text(encoding="utf-8"))["partnership"]["members"]}
    count = sum(members[i]["population_65plus"] for i in ids)
    population = sum(members[i]["population"] for i in ids)
    return count, population, (Decimal(count) * 100 / population).quantize(Decimal("0.1"), ROUND_HALF_UP)


def p02(example):
    return example.folder / "projekt-p02.yaml"


def test_the_feasibility_analysis_prints_the_computed_share(example, tmp_path):
    count, population, share = seniors_from_yaml(example, ["CZLOPA", "TUCZNO"])
    built = build("feasibility", p02(example), output=tmp_path / "a.docx").docx
    text = normalise_spaces(docx_text(built))
    def grouped(value: int) -> str:
        return f"{value:,}".replace(",", " ")

    expected = (f"Osoby w wieku 65 lat i więcej stanowią {str(share).replace('.', ',')}% mieszkańców gmin obszaru "
                f"projektu ({grouped(count)} z {grouped(population)} osób; GUS, Bank Danych Lokalnych, stan na "
                "31.12.2024).")
    assert expected in text
    assert share == Decimal("28.9")  # the review's figure: 29%, not the 21% once typed
    assert "stanowią 21%" not in text and "(21% mieszkańców)" not in text


def test_a_typed_share_that_disagrees_is_a_located_warning(example):
    line = example.edit("przybywa osób w wieku 65+, a najbliższy",
                        "osoby w wieku 65+ stanowią 21% mieszkańców, a najbliższy", file=p02(example))
    found = [p for p in validate("feasibility", p02(example)).problems if p.code == "demography.share_typed"]
    assert len(found) == 1, [p.describe() for p in found]
    assert (found[0].dotted_path, found[0].line, found[0].is_error) == ("project.problem", line - 1, False)
    assert "21%" in found[0].message and "28,9%" in found[0].message and "population_65plus" in found[0].message


def test_a_share_that_agrees_with_the_data_is_not_told(example):
    example.edit("przybywa osób w wieku 65+, a najbliższy", "osoby w wieku 65+ stanowią 29% mieszkańców, a najbliższy",
                 file=p02(example))
    assert not [p for p in validate("feasibility", p02(example)).problems if p.code.startswith("demography.")]


def test_a_typed_count_in_the_application_data_is_a_located_warning(example):
    line = example.edit("    demand: W badaniu ankietowym partnerstwa 140 seniorów",
                        "    demand: W gminach Człopa i Tuczno mieszka ok. 2 300 osób w wieku 65+; w badaniu ankietowym "
                        "partnerstwa 140 seniorów", file=p02(example))
    found = [p for p in validate("application_outline", p02(example)).problems if p.code == "demography.count_typed"]
    assert len(found) == 1
    assert (found[0].dotted_path, found[0].line) == ("application.sectoral_analysis.demand", line)
    assert "2 300" in found[0].message and "2\u00a0450" in found[0].message
