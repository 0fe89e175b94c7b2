"""An independent recomputation of the feasibility analysis from a project's YAML (a test oracle).

Written from the method (domain reference, "2021–2027 basis of the appraisal"), never calling the
library's functions: yearly flows with and without the project, operating categories in their
task's years, effects from the day operation starts, VAT removed per category and year, benefits
= demand × unit value (read from the shipped YAML table) × ramp-up; NPV and IRR by numpy-financial.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal, getcontext
from pathlib import Path

import numpy_financial as npf
import yaml

getcontext().prec = 40
CENT = Decimal("0.01")
D0 = Decimal(0)
# The shipped unit-value table, wherever the package keeps it (read as data, never through the library).
TABLE = next((Path(__file__).resolve().parent.parent / "src" / "cwd_docs").rglob("unit_values.yaml"))
PERIODS = {"drogi": 25, "inne": 10, "energetyka": 15}


def dec(value) -> Decimal:
    return Decimal(str(value))


def months(start, end):
    return (end.year - start.year) * 12 + end.month - start.month + 1


def task_years(task) -> dict[int, Decimal]:
    cost = dec(task.get("cost", 0))
    if task.get("costs_by_quarter"):
        out: dict[int, Decimal] = {}
        for key, value in task["costs_by_quarter"].items():
            out[int(str(key)[:4])] = out.get(int(str(key)[:4]), D0) + dec(value)
        return out
    if task.get("costs_by_year"):
        return {int(y): dec(v) for y, v in task["costs_by_year"].items()}
    if not cost:
        return {}
    total = months(task["start"], task["end"])
    span = list(range(task["start"].year, task["end"].year + 1))
    out, given = {}, D0
    for year in span:
        first = max(task["start"].year * 12 + task["start"].month - 1, year * 12)
        last = min(task["end"].year * 12 + task["end"].month - 1, year * 12 + 11)
        part = cost - given if year == span[-1] else (cost * (last - first + 1) / total).quantize(CENT, ROUND_DOWN)
        given += part
        out[year] = part
    return out


def npv(rate, flows) -> Decimal:
    return sum((dec(f) / (1 + dec(rate) / 100) ** t for t, f in enumerate(flows)), D0)


def irr(flows) -> Decimal | None:
    signs = [f > 0 for f in flows if f]
    if sum(1 for a, b in zip(signs, signs[1:]) if a != b) != 1:
        return None
    value = npf.irr([float(f) for f in flows])
    return None if value != value else Decimal(repr(value * 100))


def unit_value(entry, year, eur_rate) -> Decimal:
    if entry.get("value") is not None:
        return dec(entry["value"])
    points = sorted((int(y), dec(v)) for y, v in entry["eur_by_year"].items())
    if year <= points[0][0]:
        eur = points[0][1]
    elif year >= points[-1][0]:
        eur = points[-1][1]
    else:
        for (y0, v0), (y1, v1) in zip(points, points[1:]):
            if y0 <= year <= y1:
                eur = v0 + (v1 - v0) * (year - y0) / (y1 - y0)
                break
    return eur * eur_rate


def series(spec, default, years, start: dt.date, per_year=None, ramp=None) -> dict[int, Decimal]:
    spec = spec or {}
    base = spec.get("amount", default)
    # the year operation starts counts for its months (whether or not from_year names it), a later year whole
    first = spec["from_year"] if spec.get("from_year") is not None else start.year
    share = Decimal(12 - start.month + (1 if start.day == 1 else 0)) / 12 if first == start.year else Decimal(1)
    growth = dec(spec.get("growth", 0))
    out = {}
    for year in years:
        if (base is None and per_year is None) or year < first:
            out[year] = D0
            continue
        value = dec(base) * (per_year(year) if per_year else 1)
        value *= (1 + growth / 100) ** (year - first) * dec((ramp or {}).get(year, 100)) / 100
        out[year] = value * (share if year == first else 1)
    for year, value in (spec.get("by_year") or {}).items():
        out[int(year)] = dec(value)
    return out


def expected(path: Path) -> dict:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = raw["project"]
    a = data.get("analysis") or {}
    period = a.get("reference_period") or PERIODS[a.get("investment_kind", "inne")]
    years = list(range(data["start"].year, data["start"].year + period))
    start = a.get("operation_start") or data["end"] + dt.timedelta(days=1)
    eur_rate = dec(data.get("eur_rate", "4.30"))
    recoverable = data.get("vat_recoverable", False)
    total = sum(dec(c["total"]) for c in data["costs"])
    eu_total = sum(dec(f["amount"]) for f in data["funding"] if f["kind"] == "UE")
    cf_all = dec(a.get("conversion_factor", 1))
    cf = {k: dec((a.get("conversion_factors") or {}).get(k) or cf_all)
          for k in ("investment", "operating", "replacement", "residual")}
    fiscal = {"replacement_vat": 23, "operating_vat": 23, "residual_vat": 23, **(a.get("fiscal_correction") or {})}

    def net(amount, rate_key):
        return amount if recoverable else amount * 100 / (100 + dec(fiscal[rate_key]))

    tasks = {t["id"]: task_years(t) for t in data["tasks"]}
    linked: dict[str, Decimal] = {}
    for c in data["costs"]:
        if c.get("task"):
            linked[c["task"]] = linked.get(c["task"], D0) + dec(c["total"])
    y0 = {y: D0 for y in years}
    inv, proj_op, spending, e_inv, e_op = dict(y0), dict(y0), dict(y0), dict(y0), dict(y0)
    # EU money follows eligible cost year by year, as in the schedule: a year's EU is the project's EU rate of
    # eligible cost applied to the eligible part of that year's category costs.
    eligible_total = sum(dec(c.get("eligible", c["total"])) for c in data["costs"])
    eu = dict(y0)
    for c in data["costs"]:
        share_net = (dec(c["total"]) - dec(c.get("vat", 0))) / dec(c["total"])
        for year, amount in tasks[c["task"]].items():
            gross = amount * dec(c["total"]) / linked[c["task"]]
            financial = gross * share_net if recoverable else gross
            spending[year] += gross
            eu[year] += gross * dec(c.get("eligible", c["total"])) / dec(c["total"]) * eu_total / eligible_total
            if c.get("nature", "inwestycyjny") != "inwestycyjny":
                proj_op[year] += financial
                e_op[year] += gross * share_net * cf["operating"]
            else:
                inv[year] += financial
                e_inv[year] += gross * share_net * cf["investment"]
    without = a.get("without_project") or {}
    op_with = series(a.get("operating_costs"), data["operation"]["annual_costs"], years, start)
    rev_with = series(a.get("revenues"), data["operation"].get("annual_revenue", 0), years, start)
    op_without = series(without.get("operating_costs"), None, years, start)
    rev_without = series(without.get("revenues"), None, years, start)
    repl = {y: dec((a.get("replacement_costs") or {}).get(y, 0)) for y in years}
    residual = {y: dec(a.get("residual_value", 0)) if y == years[-1] else D0 for y in years}
    operating = {y: proj_op[y] + op_with[y] - op_without[y] for y in years}
    revenue = {y: rev_with[y] - rev_without[y] for y in years}
    rate = dec(a.get("discount_rate", 4))
    net_c = [revenue[y] + residual[y] - inv[y] - repl[y] - operating[y] for y in years]
    net_k = [net_c[i] + eu[y] for i, y in enumerate(years)]
    r = {"years": years, "net_c": net_c, "net_k": net_k, "fnpv_c": npv(rate, net_c), "fnpv_k": npv(rate, net_k),
         "frr_c": irr(net_c), "frr_k": irr(net_k), "national": [inv[y] + proj_op[y] - eu[y] for y in years],
         "operating": [operating[y] for y in years], "investment": [inv[y] for y in years]}
    dic = npv(rate, [inv[y] for y in years])
    dnr = npv(rate, [revenue[y] - operating[y] - repl[y] + residual[y] for y in years])
    r["dnr"] = dnr
    r["gap"] = min(Decimal(100), max(D0, (dic - dnr) / dic * 100)) if any(revenue.values()) else None
    # Financial switching values: -FNPV / PV(signed variable).
    variables = {"Nakłady inwestycyjne": [-inv[y] for y in years],
                 "Nakłady odtworzeniowe": [-repl[y] for y in years],
                 "Wartość rezydualna": [residual[y] for y in years]}
    if without:
        variables["Koszty eksploatacji z projektem"] = [-op_with[y] for y in years]
        variables["Koszty eksploatacji bez projektu"] = [op_without[y] for y in years]
    else:
        variables["Koszty eksploatacji"] = [-op_with[y] for y in years]
    variables["Przychody"] = [revenue[y] for y in years]
    if any(proj_op.values()):
        variables["Koszty eksploatacji w projekcie"] = [-proj_op[y] for y in years]
    r["financial_switching"] = {k: -r["fnpv_c"] / npv(rate, v) * 100 for k, v in variables.items() if any(v)}
    # elasticity: % change of NPV when the variable grows by 1% (its present value over |NPV|)
    r["financial_elasticity"] = {k: npv(rate, v) / abs(r["fnpv_c"]) for k, v in variables.items() if any(v)}

    # Economic analysis.
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    table.update(a.get("unit_values") or {})
    figures = {f["id"]: f for f in (data.get("demand") or {}).get("figures", []) if f.get("id")}
    if a.get("benefits"):
        social = dec(a.get("social_discount_rate", 5))
        benefit_rows = []
        for b in a["benefits"]:
            if "demand" in b:
                figure = figures[b["demand"]["figure"]]
                quantity = dec(figure.get("forecast", figure["demand"])) * dec(b["demand"].get("factor", 1))
            else:
                quantity = dec(b["quantity"]) if "quantity" in b else None
            ramp = b.get("ramp_up")
            if quantity is None:
                values = series(b, None, years, start, ramp=ramp)
            elif "parameter" in b:
                entry = table[b["parameter"]]
                values = series({**b, "amount": quantity}, None, years, start,
                                per_year=lambda y, e=entry: unit_value(e, y, eur_rate), ramp=ramp)
            else:
                values = series({**b, "amount": quantity * dec(b["unit_value"])}, None, years, start, ramp=ramp)
            benefit_rows.append(values)
        benefits = [sum((v[y] for v in benefit_rows), D0) for y in years]
        e_costs = [e_op[y] + net(op_with[y] - op_without[y], "operating_vat") * cf["operating"]
                   + net(repl[y], "replacement_vat") * cf["replacement"] for y in years]
        e_res = [net(residual[y], "residual_vat") * cf["residual"] for y in years]
        e_investment = [e_inv[y] for y in years]
        net_e = [benefits[i] + e_res[i] - e_investment[i] - e_costs[i] for i in range(len(years))]
        r["enpv"] = npv(social, net_e)
        r["err"] = irr(net_e)
        pv_b = npv(social, [benefits[i] + e_res[i] for i in range(len(years))])
        r["bc"] = pv_b / npv(social, [e_investment[i] + e_costs[i] for i in range(len(years))])
        r["pv_benefits_signed"] = npv(social, benefits)
        r["benefit_totals"] = [sum(v.values(), D0) for v in benefit_rows]
        e_operating = [e_op[y] + net(op_with[y] - op_without[y], "operating_vat") * cf["operating"] for y in years]
        e_replacement = [net(repl[y], "replacement_vat") * cf["replacement"] for y in years]
        economic_variables = {
            "Koszty inwestycyjne": [-v for v in e_investment],
            "Koszty eksploatacji": [-v for v in e_operating],
            "Nakłady odtworzeniowe": [-v for v in e_replacement],
            "Wartość rezydualna": e_res,
            "Korzyści społeczne razem": benefits,
        }
        if len(benefit_rows) > 1:
            for b, values in zip(a["benefits"], benefit_rows):
                economic_variables[b["name"]] = [values[y] for y in years]
        r["economic_switching"] = {k: -r["enpv"] / npv(social, v) * 100 for k, v in economic_variables.items()
                                   if any(v)}
        r["economic_elasticity"] = {k: npv(social, v) / abs(r["enpv"]) for k, v in economic_variables.items()
                                    if any(v)}
        r["econ_investment_total"] = sum(e_investment, D0)
    # Options: PV of investment (the project's yearly profile) and operating costs, DGC.
    ce = a.get("cost_effectiveness")
    options = {}
    profile = [spending[y] - proj_op[y] for y in years]
    spent = sum(spending.values(), D0)
    for o in data["options"]:
        chosen = o["name"] == data["chosen_option"]
        baseline = not chosen and (o.get("baseline") or o["name"].startswith("Wariant 0"))
        if chosen:
            investment, running = profile, [proj_op[y] + op_with[y] for y in years]
        elif baseline:
            investment, running = [D0] * len(years), [op_without[y] for y in years]
        else:
            investment = [p * dec(o.get("cost", 0)) / spent for p in profile]
            if o.get("annual_operating_cost") is None:
                running = [proj_op[y] + op_with[y] for y in years]
            else:
                s = series({}, o["annual_operating_cost"], years, start)
                running = [s[y] for y in years]
        cost_pv = npv(rate, investment) + npv(rate, running)
        effect_pv = None
        if ce and o.get("annual_effect") is not None:
            e = series({}, o["annual_effect"], years, start)
            effect_pv = npv(rate, [e[y] for y in years])
        options[o["name"]] = {"cost": cost_pv, "dgc": cost_pv / effect_pv if effect_pv else None}
    r["options"] = options
    return r
