"""Every figure the three project documents share is the same in each, and equal to what the YAML says.

The expected figures are computed here from the YAML files with plain arithmetic (PyYAML, not the
library's loader or models); the documents are read back from the built DOCX files.
"""

import datetime as dt
import re
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
import yaml
from docx import Document

from cwd_docs import build

GROSZ = Decimal("0.01")


def amount(text: str) -> Decimal:
    """'1 234 567,89' (any spaces) as a Decimal; '–' is zero."""
    text = re.sub(r"[\s\u00a0\u202f]|zł", "", text)
    return Decimal(0) if text in ("–", "") else Decimal(text.replace(",", "."))


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def expected_figures(folder: Path, project_file: str) -> dict:
    data = read_yaml(folder / project_file)
    members = {m["id"]: m["name"] for m in read_yaml(folder / "partnerstwo.yaml")["partnership"]["members"]}
    project = data["project"]
    money = lambda value: Decimal(str(value)).quantize(GROSZ)  # noqa: E731
    total = sum(money(c["total"]) for c in project["costs"])
    eu = sum(money(f["amount"]) for f in project["funding"] if f["kind"] == "UE")
    # Own contribution per member from the tasks it finances (financing_amounts, financing_shares, financed_by,
    # else the responsible member): each task's cost less its EU share, the EU rate applied to the task's
    # eligible cost (the sum of its cost categories). The example's shares and rates divide exactly.
    eligible_total = sum(money(c["eligible"]) for c in project["costs"])
    own: dict[str, Decimal] = {}
    for task in project["tasks"]:
        cost = money(task.get("cost", 0))
        task_eu = sum(money(c["eligible"]) for c in project["costs"] if c.get("task") == task["id"]) * eu / eligible_total
        if task.get("financing_amounts"):
            weights = {m: money(a) / cost for m, a in task["financing_amounts"].items()}
        elif task.get("financing_shares"):
            weights = {m: Decimal(str(s)) / 100 for m, s in task["financing_shares"].items()}
        else:
            weights = {task.get("financed_by", task["responsible"]): Decimal(1)}
        for member_id, weight in weights.items():
            part = (cost - task_eu) * weight
            assert part == part.quantize(GROSZ)
            if part:
                own[members[member_id]] = own.get(members[member_id], Decimal(0)) + part
    years: dict[int, Decimal] = {}
    for task in project["tasks"]:
        cost = money(task.get("cost", 0))
        start, end = task["start"], task["end"]
        assert isinstance(start, dt.date)
        months = {}
        for month in range(start.year * 12 + start.month - 1, end.year * 12 + end.month):
            months[month // 12] = months.get(month // 12, 0) + 1
        if task.get("costs_by_quarter"):
            split = {}
            for key, value in task["costs_by_quarter"].items():
                split[int(key[:4])] = split.get(int(key[:4]), Decimal(0)) + money(value)
        elif task.get("costs_by_year"):
            split = {year: money(v) for year, v in task["costs_by_year"].items()}
        else:
            all_months, split = sum(months.values()), {}
            for year in sorted(months)[:-1]:
                split[year] = (cost * months[year] / all_months).quantize(GROSZ, rounding=ROUND_DOWN)
            last = max(months)
            split[last] = cost - sum(split.values(), Decimal(0))
        for year, value in split.items():
            years[year] = years.get(year, Decimal(0)) + value
    return {"total": total, "eu": eu, "own": own, "own_total": total - eu, "years": years}


def table_with(document, header: str, column: int = None):
    for table in document.tables:
        cells = [plain(c.text) for c in table.rows[0].cells]
        if (header in cells) if column is None else (len(cells) > column and cells[column] == header):
            return table
    raise AssertionError(f"no table with the header {header!r}")


def plain(text: str) -> str:
    """Cell text without soft hyphens and with plain spaces (the typography rules add non-breaking ones)."""
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("\u00ad", ""))


def rows(table) -> list[list[str]]:
    return [[plain(c.text) for c in row.cells] for row in table.rows]


def key_value(document, key: str) -> str:
    for table in document.tables:
        for row in table.rows:
            if len(row.cells) == 2 and plain(row.cells[0].text) == key:
                return row.cells[1].text
    raise AssertionError(f"no row {key!r}")


@pytest.mark.parametrize("project_file", ["projekt-p01.yaml", "projekt-p02.yaml"])
def test_figures_agree_across_the_three_documents(example, tmp_path, project_file):
    expected = expected_figures(example.folder, project_file)
    documents = {}
    for doc_type in ("feasibility", "schedule", "application_outline"):
        out = tmp_path / f"{doc_type}.docx"
        build(doc_type, example.folder / project_file, output=out)
        documents[doc_type] = Document(str(out))
    feasibility, schedule, outline = documents["feasibility"], documents["schedule"], documents["application_outline"]

    # Total cost: the schedule's and the outline's facts, the feasibility analysis's title page.
    assert amount(key_value(schedule, "Koszt całkowity").split("(")[0]) == expected["total"]
    assert amount(key_value(outline, "Wartość projektu")) == expected["total"]
    assert amount(key_value(feasibility, "Wartość projektu")) == expected["total"]

    # EU co-financing and the own contribution: the funding tables of the feasibility analysis and of the
    # outline, the schedule's budget by task, the outline's budget by task and category.
    for document in (feasibility, outline):
        funding = rows(table_with(document, "Źródło finansowania"))[1:-1]
        assert sum(amount(r[3]) for r in funding if r[2] == "UE") == expected["eu"]
        assert sum(amount(r[3]) for r in funding if r[2] == "wkład własny") == expected["own_total"]
    by_task = next(t for t in schedule.tables if [plain(c.text) for c in t.rows[0].cells][-2:] ==
                   ["Dofinansowanie UE", "Wkład własny"] and t.rows[0].cells[0].text == "Lp.")
    schedule_total = [amount(c) for c in rows(by_task)[-1][2:]]
    outline_budget = table_with(outline, "Zadanie / kategoria kosztów")
    outline_total = [amount(c) for c in rows(outline_budget)[-1][1:]]
    assert schedule_total == outline_total == [
        expected["total"], schedule_total[1], expected["total"] - schedule_total[1], expected["eu"],
        expected["own_total"]]

    # Own contribution per partner: the schedule's and the outline's partner tables (and, where each
    # partner has a funding row of its own, the feasibility analysis's funding table).
    partners = rows(table_with(schedule, "Członek partnerstwa"))
    schedule_own = {r[1]: amount(r[-2]) for r in partners[1:-1]}
    roles = rows(table_with(outline, "Rola w projekcie"))
    outline_own = {re.sub(r" \((lider|partner)\)$", "", r[1]): amount(r[3]) for r in roles[1:-1]}
    outline_own = {name: value for name, value in outline_own.items() if value}
    assert schedule_own == outline_own == expected["own"]
    funding_rows = rows(table_with(feasibility, "Źródło finansowania"))[1:-1]
    own_rows = [r for r in funding_rows if r[2] == "wkład własny"]
    if len(own_rows) == len(expected["own"]):
        assert sorted(amount(r[3]) for r in own_rows) == sorted(expected["own"].values())

    # Per year: the schedule's costs by year, its year subtotals by quarter, the partners' yearly own
    # contributions adding up to each year's own contribution.
    years = sorted(expected["years"])
    by_year = rows(next(t for t in schedule.tables if t.rows[0].cells[-1].text == "Razem"
                        and t.rows[0].cells[2].text == str(years[0])))
    assert [amount(c) for c in by_year[-1][2:-1]] == [expected["years"][y] for y in years]
    periods = {r[0]: r for r in rows(table_with(schedule, "Okres", column=0))}
    for index, year in enumerate(years):
        subtotal = periods[f"Razem {year}"]
        assert amount(subtotal[1]) == expected["years"][year]
        partner_year = sum(amount(r[2 + index]) for r in partners[1:-1])
        assert partner_year == amount(subtotal[-1]) == amount(partners[-1][2 + index])
    assert amount(periods["Razem"][1]) == expected["total"]

    # The payment-claim forecast claims exactly the EU co-financing.
    claims = rows(table_with(schedule, "Wnioskowane dofinansowanie UE"))
    assert sum(amount(r[3]) for r in claims[1:-1]) == amount(claims[-1][3]) == expected["eu"]
