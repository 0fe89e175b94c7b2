"""The outline an assessor scores: annex I in every dimension, common indicators as data, climate proofing,
2021–2027 wording, eligibility of the measure, Polish of generated sentences (issue 23, issue 22 point 10)."""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from docx import Document

from cwd_docs import build, validate
from cwd_docs.domain.annex import nuts_name, nuts_of, territorial_code
from cwd_docs.formatting import parenthetical, partners_phrase, percent_beside, z_ze
from conftest import docx_text, normalise_spaces

DATA = Path(__file__).resolve().parents[1] / "src" / "cwd_docs" / "data"


def table_data(name):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def annex_name(dimension, code):
    rows = table_data("annex_i")["dimensions"][dimension]["rows"]
    return next(r["name"] for r in rows if r["code"] == code)


def rows_of(docx, first_header):
    """The rows under the header of every table whose first header cell is first_header."""
    document = Document(str(docx))
    return [[normalise_spaces(c.text) for c in r.cells] for t in document.tables
            if normalise_spaces(t.rows[0].cells[0].text) == first_header for r in t.rows[1:]]


def problems(path, code, doc_type="application_outline"):
    result = validate(doc_type, path)
    return [p for p in result.problems if p.code == code], result


def one(path, code, doc_type="application_outline"):
    found, result = problems(path, code, doc_type)
    assert len(found) == 1, [p.describe() for p in result.problems]
    return found[0]


@pytest.fixture
def p02(example):
    example.project = example.folder / "projekt-p02.yaml"
    return example


# --- annex I: every dimension with code and name --------------------------------------------------

# Both projects are listed by the example strategy, which serves as the IIT strategy: the mechanism
# (and so code 24) follows it (ProjectFile.territorial_mechanism).
@pytest.mark.parametrize("project, expected", [
    ("projekt-p01.yaml", [("intervention_field", "083"), ("form_of_support", "01"), ("territorial_delivery", "24"),
                          ("economic_activity", "14"), ("gender_equality", "03")]),
    ("projekt-p02.yaml", [("intervention_field", "127"), ("form_of_support", "01"), ("territorial_delivery", "24"),
                          ("economic_activity", "23"), ("gender_equality", "02")]),
])
def test_outline_reads_back_every_dimension(example, tmp_path, project, expected):
    out = build("application_outline", example.folder / project, output=tmp_path / "zarys.docx").docx
    rows = dict(rows_of(out, "Wymiar"))
    texts = [f"{code} – {annex_name(dimension, code)}" for dimension, code in expected]
    nuts = table_data("nuts_pl")["nuts3"]["PL427"]["name"]  # powiat wałecki, TERYT 3217
    assert "3217" in table_data("nuts_pl")["nuts3"]["PL427"]["powiaty"]
    assert list(rows.values()) == texts[:4] + [f"PL427 – {nuts}"] + texts[4:]
    labels = list(rows)
    assert labels[0] == "Zakres interwencji (wymiar 1)" and labels[4] == "Lokalizacja według NUTS (wymiar 5)"
    assert labels[-1] == "Wymiar równouprawnienia płci (wymiar 7)"


def test_territorial_code_follows_mechanism_and_focus():
    assert territorial_code("ZIT").code == "03"  # ZIT: functional urban areas by default
    assert territorial_code("IIT").code == "24"  # other territorial tool: other territories
    assert territorial_code("IIT", "Obszary wiejskie").code == "22"
    assert territorial_code("RLKS").code == "14"
    assert territorial_code("brak").code == "33"
    assert territorial_code("brak").name == "Inne podejścia – brak ukierunkowania terytorialnego"
    assert territorial_code("IIT", overrides={"territorial_delivery": {"24": "IIT według programu"}}).name == \
        "IIT według programu"


def test_location_override_and_programme_codes(example, tmp_path):
    example.edit('    gender_equality: "03"', '    gender_equality: "03"\n    location: [PL42]\n'
                 '    overrides: {economic_activity: {"14": Transport według SZOP}}')
    out = build("application_outline", example.project, output=tmp_path / "zarys.docx").docx
    rows = dict(rows_of(out, "Wymiar"))
    assert rows["Lokalizacja według NUTS (wymiar 5)"] == "PL42 – Zachodniopomorskie"
    assert rows["Rodzaj działalności gospodarczej (wymiar 4)"] == "14 – Transport według SZOP"


def test_table_1_ships_the_intervention_fields_with_their_coefficients():
    field = table_data("annex_i")["dimensions"]["intervention_field"]
    codes = [r["code"] for r in field["rows"]] + field["missing"]
    assert sorted(codes) == [f"{n:03d}" for n in range(1, 183)]  # 001–182, each once
    assert set(field["missing"]).isdisjoint(r["code"] for r in field["rows"])
    for row in field["rows"]:
        assert row["name"] and row["name"][0].isupper() and "weryfik" not in row["name"].lower(), row
        assert row["climate"] in (0, 40, 100) and row["environment"] in (0, 40, 100), row
    cycling = next(r for r in field["rows"] if r["code"] == "083")
    assert (cycling["name"], cycling["climate"], cycling["environment"], cycling["verified"]) == \
        ("Infrastruktura rowerowa", 100, 100, True)
    # every other name is a parameter awaiting confirmation against the Polish text of annex I
    assert [r["code"] for r in field["rows"] if r.get("verified")] == ["083"]


def test_a_code_of_table_1_without_confirmed_wording_warns_until_checked(example, tmp_path):
    example.edit('    intervention_field: "083"', '    intervention_field: "090"')
    example.edit("  lists_source: ", "  # lists_source: ")
    found, _ = problems(example.project, "classification.unverified")
    [road] = [p for p in found if p.dotted_path == "application.classification.intervention_field"]
    assert f"kod 090 – {annex_name('intervention_field', '090')}" in road.message
    assert "tabeli dołączonej do cwd-docs, której brzmienia nie potwierdzono w dokumentach programu" in road.message
    [national] = problems(example.project, "indicator.unverified")[0]
    assert "kod spoza tabeli wskaźników wspólnych" in national.message
    assert "porównaj go z listą wskaźników programu" in national.message and " z dokumentami" not in national.message
    out = build("application_outline", example.project, output=tmp_path / "zarys.docx").docx
    assert dict(rows_of(out, "Wymiar"))["Zakres interwencji (wymiar 1)"] == \
        "090 – Nowo wybudowane lub rozbudowane inne drogi krajowe, regionalne i lokalne"
    assert "weryfik" not in docx_text(out).lower()


def test_a_code_whose_wording_the_table_lacks_asks_for_the_programmes_name(example):
    line = example.edit('    intervention_field: "083"', '    intervention_field: "031"')
    problem = one(example.project, "classification.unknown_code")
    assert not problem.is_error and (problem.dotted_path, problem.line) == (
        "application.classification.intervention_field", line)
    assert "nie podaje brzmienia kodu 031" in problem.message and "overrides.intervention_field" in problem.message


def test_nuts_covers_every_powiat_of_poland():
    table = table_data("nuts_pl")
    assert len(table["nuts1"]) == 7 and len(table["nuts2"]) == 17 and len(table["nuts3"]) == 73
    powiaty = [p for row in table["nuts3"].values() for p in row["powiaty"]]
    assert len(powiaty) == len(set(powiaty)) == 380  # 314 powiaty and 66 cities with powiat rights
    assert {p[:2] for p in powiaty} == {f"{w:02d}" for w in range(2, 33, 2)}  # all sixteen voivodeships
    for code, row in table["nuts3"].items():  # a subregion lies in one voivodeship: its NUTS 2's
        assert {p[:2] for p in row["powiaty"]} == {table["nuts2"][code[:4]]["voivodeship"]}, code
    assert [c for c, r in table["nuts2"].items() if r["voivodeship"] == "14"] == ["PL91", "PL92"]
    assert sorted(c for r in table["nuts1"].values() for c in r["nuts2"]) == sorted(table["nuts2"])


@pytest.mark.parametrize("teryt, code, name", [
    ("3217011", "PL427", "Szczecinecko-pyrzycki"),  # Wałcz
    ("3214011", "PL428", "Szczeciński"),  # Stargard: powiat stargardzki
    ("1465011", "PL911", "Miasto Warszawa"),
    ("1418034", "PL913", "Warszawski zachodni"),  # powiat piaseczyński: Warszawski stołeczny (PL91)
    ("1425", "PL921", "Radomski"),  # powiat radomski: Mazowiecki regionalny (PL92)
    ("1261011", "PL213", "Miasto Kraków"),
    ("2469011", "PL22A", "Katowicki"),
    ("3064011", "PL415", "Miasto Poznań"),
])
def test_nuts_3_of_a_member_in_any_voivodeship(teryt, code, name):
    found = nuts_of(teryt)
    assert (found.code, found.name, found.verified) == (code, name, True)
    assert nuts_name(code) == name and nuts_name(code[:4]) == table_data("nuts_pl")["nuts2"][code[:4]]["name"]


def test_outline_places_a_member_outside_zachodniopomorskie(example, tmp_path):
    example.edit('teryt: "3217043"', 'teryt: "1418043"', file=example.partnership)  # Tuczno moved to powiat piaseczyński
    out = build("application_outline", example.project, output=tmp_path / "zarys.docx").docx
    rows = dict(rows_of(out, "Wymiar"))
    assert rows["Lokalizacja według NUTS (wymiar 5)"] == "PL427 – Szczecinecko-pyrzycki; PL913 – Warszawski zachodni"
    assert not problems(example.project, "classification.location_unknown")[0]


def test_unknown_code_of_a_complete_table_is_an_error(example):
    line = example.edit('    gender_equality: "03"', '    gender_equality: "05"')
    problem = one(example.project, "classification.unknown_code")
    assert problem.is_error
    assert (problem.dotted_path, problem.line) == ("application.classification.gender_equality", line)
    assert "kodu 05" in problem.message


def test_missing_dimension_is_a_warning(example):
    line = example.line_of("    economic_activity:")
    example.edit('    economic_activity: "14"         # transport i magazynowanie\n', "")
    problem = one(example.project, "classification.dimension_missing")
    assert not problem.is_error and problem.dotted_path == "application.classification.economic_activity"
    assert problem.line == example.line_of("  classification:") + 1 <= line


def test_unverified_codes_warn_without_the_programme_lists(example):
    example.edit("  lists_source: ", "  # lists_source: ")
    found, _ = problems(example.project, "classification.unverified")
    assert sorted((p.dotted_path, p.message.split(" (")[0]) for p in found) == sorted([
        ("application.classification.territorial_mechanism", f"kod 24 – {annex_name('territorial_delivery', '24')}"),
        ("application.classification.economic_activity", "kod 14 – Transport i magazynowanie")])
    [national] = problems(example.project, "indicator.unverified")[0]
    assert national.dotted_path == "project.indicators[1].code" and "PLRO150" in national.message


# --- common indicators as data ------------------------------------------------------------------

@pytest.mark.parametrize("project", ["projekt-p01.yaml", "projekt-p02.yaml"])
def test_indicator_names_and_units_come_from_the_table(example, tmp_path, project):
    out = build("application_outline", example.folder / project, output=tmp_path / "zarys.docx").docx
    table = {r["code"]: r for r in table_data("common_indicators")["indicators"]}
    printed = [row for row in rows_of(out, "Kod") if row[0] in table]
    assert printed, "the example uses common indicators"
    for code, name, unit, *_ in printed:
        assert (name, unit) == (table[code]["name"], table[code]["unit"])
    codes = [row[0] for row in printed]
    assert codes == (["RCO 58", "RCR 64", "RCR 29"] if project.endswith("p01.yaml") else ["RCO 70"])


def test_common_indicator_in_another_unit_is_an_error(example):
    line = example.edit("    - {code: RCO 58, base: 0,", "    - {code: RCO 58, unit: szt., base: 0,")
    problem = one(example.project, "indicator.unit_mismatch", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.indicators[0].unit", line)
    assert "jednostce km" in problem.message and "„szt.”" in problem.message


def test_common_indicator_of_another_kind_is_an_error(example):
    line = example.edit("    - {code: RCO 58, base: 0,", "    - {code: RCO 58, kind: rezultatu, base: 0,")
    problem = one(example.project, "indicator.kind_mismatch", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.indicators[0].kind", line)
    assert "wskaźnikiem produktu" in problem.message


def test_emissions_rising_while_the_climate_data_says_falling(example):
    line = example.edit("    - {code: RCR 29, base: 410, target: 387,", "    - {code: RCR 29, base: 410, target: 530,")
    problem = one(example.project, "indicator.emissions_direction", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.indicators[3].target", line)
    assert "410 → 530 t CO₂e/rok" in problem.message
    assert "(według danych w project.climate.mitigation)" in problem.message and "według:" not in problem.message


def test_emissions_rising_while_dnsh_says_falling(example):
    text = example.project.read_text(encoding="utf-8")
    start, end = text.index("  # Uodpornienie na zmiany klimatu"), text.index("  tasks:\n")
    example.project.write_text(text[:start] + text[end:], encoding="utf-8")
    line = example.edit("    - {code: RCR 29, base: 410, target: 387,", "    - {code: RCR 29, base: 0, target: 120,")
    problem = one(example.project, "indicator.emissions_direction")
    assert (problem.dotted_path, problem.line) == ("project.indicators[3].target", line)
    assert "(według oceny DNSH, która podaje pozytywny wpływ na łagodzenie zmian klimatu)" in problem.message
    assert "0 → 120" in problem.message and "według:" not in problem.message


def test_emissions_indicator_is_the_climate_data(example):
    line = example.edit("    - {code: RCR 29, base: 410, target: 387,", "    - {code: RCR 29, base: 410, target: 300,")
    problem = one(example.project, "indicator.emissions_climate", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.indicators[3].target", line)
    assert "(300 t CO₂e/rok)" in problem.message and "(387 t CO₂e/rok)" in problem.message


def test_only_national_indicators_where_common_ones_exist(p02):
    text = p02.project.read_text(encoding="utf-8")
    start = text.index("    - {code: RCO 70")
    end = text.index("}\n", start) + 2
    p02.project.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = one(p02.project, "indicator.common_missing")
    assert problem.dotted_path == "project.indicators" and "(RCO 70)" in problem.message


# --- climate proofing: one data model, two documents ---------------------------------------------

def shadow_pln(year):
    points = {int(y): Decimal(str(v)) for y, v in table_data("climate_shadow_cost_of_carbon")["eur_per_tonne"].items()}
    low = max(y for y in points if y <= year)
    high = min(y for y in points if y >= year)
    eur = points[low] if low == high else points[low] + (points[high] - points[low]) * (year - low) / (high - low)
    return eur.quantize(Decimal("0.01")), (eur * Decimal("4.30")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("project, year, without, with_, value", [
    ("projekt-p01.yaml", 2030, "410", "387", "−24 725,00 zł rocznie"),
    ("projekt-p02.yaml", 2029, "38", "31", "−7 013,30 zł rocznie"),
])
def test_climate_section_in_outline_and_feasibility(example, tmp_path, project, year, without, with_, value):
    eur, pln = shadow_pln(year)
    relative = Decimal(with_) - Decimal(without)
    expected_value = f"−{abs(relative * pln):,.2f}".replace(",", " ").replace(".", ",") + " zł rocznie"
    assert expected_value == value
    for doc_type in ("application_outline", "feasibility"):
        out = build(doc_type, example.folder / project, output=tmp_path / f"{doc_type}.docx").docx
        document = Document(str(out))
        table = next(t for t in document.tables if t.rows[0].cells[0].text == "Emisja bez projektu")
        cells = {normalise_spaces(r.cells[0].text): normalise_spaces(r.cells[1].text) for r in table.rows}
        assert cells["Emisja bez projektu"] == f"{without} t CO₂e/rok"
        assert cells["Emisja z projektem (bezwzględna)"] == f"{with_} t CO₂e/rok"
        assert cells["Emisja względna (z projektem minus bez projektu)"] == f"−{abs(relative)} t CO₂e/rok"
        assert normalise_spaces(cells["Wartość emisji względnej po koszcie cienia (ujemna: koszt uniknięty)"]) == value
        text = normalise_spaces(docx_text(out))
        assert f"Koszt cienia emisji w {year} r. wynosi {str(eur).replace('.', ',')} EUR/t CO₂e" in text
        assert "nie przekraczają progu 20 000 t CO₂e rocznie" in text
        hazards = rows_of(out, "Zagrożenie")
        assert [h[0] for h in hazards][:5] == ["upały i fale ciepła", "ulewy i powodzie", "susze",
                                                "burze i silny wiatr", "opady śniegu i mróz"]
        assert "Uodpornienie na zmiany klimatu" in text
        assert "od płatności końcowej na rzecz beneficjenta (art. 65" in text


def test_dnsh_and_climate_data_disagreeing_warn(example):
    example.edit("      emissions_with: 387", "      emissions_with: 410")
    example.edit("    - {code: RCR 29, base: 410, target: 387,", "    - {code: RCR 29, base: 410, target: 410,")
    problem = one(example.project, "climate.dnsh_mismatch")
    assert problem.dotted_path == "application.dnsh.climate_mitigation"
    assert problem.line == example.line_of("    climate_mitigation: {impact: wpływ pozytywny")
    assert "(410 t CO₂e/rok) nie jest niższa niż bez projektu (410 t CO₂e/rok)" in problem.message


def test_vulnerable_hazard_needs_measures(example):
    line = example.edit("        - {hazard: susze, sensitivity: niska, exposure: średnia}",
                        "        - {hazard: susze, sensitivity: wysoka, exposure: średnia}")
    problem = one(example.project, "climate.measures_missing", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.climate.adaptation.hazards[2]", line)
    assert "jest wysoka (wrażliwość wysoka, narażenie średnia)" in problem.message


def test_infrastructure_without_climate_proofing_warns(example, tmp_path):
    text = example.project.read_text(encoding="utf-8")
    start, end = text.index("  # Uodpornienie na zmiany klimatu"), text.index("  tasks:\n")
    example.project.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = one(example.project, "climate.missing", "feasibility")
    assert not problem.is_error and problem.dotted_path == "project"
    assert "art. 73 ust. 2 lit. j" in problem.message


# --- 2021–2027 wording, eligibility, contact ------------------------------------------------------

@pytest.mark.parametrize("project", ["projekt-p01.yaml", "projekt-p02.yaml"])
def test_no_built_outline_cites_a_2014_2020_act(example, tmp_path, project):
    for doc_type in ("application_outline", "schedule", "feasibility"):
        out = build(doc_type, example.folder / project, output=tmp_path / f"{doc_type}.docx").docx
        text = normalise_spaces(docx_text(out))
        for old in ("1303/2013", "480/2014", "1301/2013", "1304/2013", "207/2015",
                    "Regionalnego Programu Operacyjnego", "Regionalny Program Operacyjny", "nie wskazano naboru"):
            assert old not in text, (doc_type, old)
        if doc_type != "feasibility":  # the feasibility analysis speaks of services after the project, too
            assert "po zakończeniu projektu" not in text
        if doc_type == "application_outline":
            assert "od płatności końcowej na rzecz beneficjenta (art. 65 rozporządzenia (UE) 2021/1060)" in text


def test_durability_counted_from_the_end_of_the_project_warns(p02):
    line = p02.edit("co najmniej 5 lat od płatności końcowej.", "co najmniej 5 lat po zakończeniu projektu.")
    problem = one(p02.project, "durability.start", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.durability", line)
    assert "„5 lat po zakończeniu projektu”" in problem.message


def test_a_2014_2020_act_in_the_data_is_an_error(p02):
    line = p02.edit("    utrzymania pokrywają budżety gmin Człopa i Tuczno.",
                    "    utrzymania pokrywają budżety gmin; nie ma dochodu w rozumieniu art. 61 rozporządzenia 1303/2013.")
    problem = one(p02.project, "wording.previous_period_act")
    assert problem.is_error and problem.dotted_path == "application.revenue"
    assert problem.line == p02.line_of("  revenue: >-") and line > problem.line


def test_a_regional_operational_programme_as_a_current_source_warns(p02):
    p02.edit("i z EFS+\n    w programie Fundusze Europejskie dla Pomorza Zachodniego 2021–2027,",
             "i Regionalnego\n    Programu Operacyjnego (EFS+),")
    problem = one(p02.project, "wording.previous_programme")
    assert problem.dotted_path == "application.complementarity"
    assert "Fundusze Europejskie dla Pomorza Zachodniego 2021–2027" in problem.message


def test_contact_person_who_wrote_the_outline_warns(example):
    line = example.edit("    name: Marek Pawlak", "    name: Katarzyna Wiśniewska")
    problem = one(example.project, "contact.is_author")
    assert (problem.dotted_path, problem.line) == ("application.contact.name", line)


def test_eligibility_of_the_measure_and_the_call(example, tmp_path):
    text = example.project.read_text(encoding="utf-8")
    start = text.index("  measure_fit: >-")
    end = text.index("  lists_source:")
    text = text[:start] + text[end:]
    example.project.write_text(text.replace("  call: FEPZ.02.09-IZ.00-001/27", '  call: ""'), encoding="utf-8")
    fit = one(example.project, "measure.fit_missing")
    assert (fit.dotted_path, fit.line) == ("application.measure", example.line_of("  measure: FEPZ.02.09"))
    call = one(example.project, "call.missing")
    assert (call.dotted_path, call.line) == ("application.call", example.line_of('  call: ""'))
    out = build("application_outline", example.project, output=tmp_path / "zarys.docx").docx
    text = normalise_spaces(docx_text(out))
    assert "[DO UZUPEŁNIENIA: nabór – application.call]" in text
    assert "Zgodność projektu z działaniem: [DO UZUPEŁNIENIA: application.measure_fit]" in text


# --- Polish of generated sentences ----------------------------------------------------------------

def test_one_partner_and_several_partners(example, tmp_path):
    p01 = normalise_spaces(docx_text(build("feasibility", example.project, output=tmp_path / "1.docx").docx))
    assert ("a partnerami: Gmina Miejska Wałcz, Gmina Wiejska Wałcz, Gmina i Miasto Tuczno oraz "
            "Miasto i Gmina Człopa.") in p01
    p02 = normalise_spaces(docx_text(build("feasibility", example.folder / "projekt-p02.yaml",
                                           output=tmp_path / "2.docx").docx))
    assert "Liderem projektu jest Miasto i Gmina Człopa, a partnerem: Gmina i Miasto Tuczno." in p02
    assert partners_phrase(["A"]) == "a partnerem: A" and partners_phrase(["A", "B"]) == "a partnerami: A oraz B"


@pytest.mark.parametrize("word, preposition", [
    ("Wspólnej", "ze"), ("Szczecina", "ze"), ("środków", "ze"), ("wszystkich", "ze"), ("mną", "ze"),
    ("Zbąszynia", "ze"), ("Wałcza", "z"), ("sieci", "z"), ("zamku", "z"), ("Mirosławca", "z"), ("rzeki", "z")])
def test_z_or_ze(word, preposition):
    assert z_ze(word) == preposition


def test_outline_text_says_ze_wspolnej(example, tmp_path):
    text = normalise_spaces(docx_text(build("application_outline", example.project, output=tmp_path / "z.docx").docx))
    assert "ze Wspólnej Listy Wskaźników Kluczowych" in text and "z Wspólnej" not in text


def test_no_nested_brackets(example, tmp_path):
    assert parenthetical("kategoria: Roboty") == "(kategoria: Roboty)"
    assert parenthetical("kategoria: Prowadzenie zajęć (12 miesięcy)") == "– kategoria: Prowadzenie zajęć (12 miesięcy)"
    out = build("application_outline", example.folder / "projekt-p02.yaml", output=tmp_path / "z.docx").docx
    text = normalise_spaces(docx_text(out))
    assert "Z5 Prowadzenie zajęć – kategoria: Prowadzenie zajęć (12 miesięcy)" in text
    assert "((" not in text and "))" not in text


def test_a_one_grosz_breach_of_the_eu_cap_shows_in_the_message(example):
    example.edit("amount: 9590635.00", "amount: 9590635.01")
    result = validate("feasibility", example.project)
    [problem] = [p for p in result.problems if p.code == "funding.eu_rate_exceeded"]
    exact = Decimal("9590635.01") * 100 / Decimal("11283100.00")
    places = 2
    while round(exact, places) == 85:
        places += 1
    rate = f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}".replace(".", ",") + "%"
    assert f"to {rate} kosztów kwalifikowalnych; maksymalny poziom to 85,00%" in normalise_spaces(problem.message)
    assert "o 0,01 zł mniej" in normalise_spaces(problem.message)
    assert percent_beside(Decimal("84.5"), 85) == "84,50%"


def test_iit_basis_message_in_the_accusative():
    from cwd_docs.plugins.strategy.iit import IIT_BASIS
    from cwd_docs.plugins.strategy.kinds import missing
    problem = missing("iit.basis", "podstawa", IIT_BASIS, ("iit_basis",))
    assert problem.message.startswith("brak elementu wymaganego przez ustawę z 28 kwietnia 2022 r.")


def test_national_indicator_needs_its_own_name_kind_and_unit(example):
    line = example.edit("    - {name: Liczba wybudowanych miejsc obsługi rowerzystów, kind: produktu, unit: szt.,",
                        "    - {name: Liczba wybudowanych miejsc obsługi rowerzystów,")
    problem = one(example.project, "indicator.fields_missing", "feasibility")
    assert (problem.dotted_path, problem.line) == ("project.indicators[1]", line)
    assert "wskaźnik PLRO150 nie ma rodzaju (kind), jednostki (unit)" in problem.message


def test_esf_plus_adds_its_secondary_theme(p02, tmp_path):
    p02.edit("  fund: Europejski Fundusz Rozwoju Regionalnego", "  fund: EFS+")
    problem = one(p02.project, "classification.dimension_missing")
    assert problem.dotted_path == "application.classification.esf_secondary_theme"
    out = build("application_outline", p02.project, output=tmp_path / "z.docx").docx
    rows = dict(rows_of(out, "Wymiar"))
    assert rows["Dodatkowe tematy EFS+ (wymiar 6)"] == \
        "[DO UZUPEŁNIENIA: dodatkowe tematy EFS+ – application.classification.esf_secondary_theme]"
    p02.edit('    gender_equality: "02"', '    gender_equality: "02"\n    esf_secondary_theme: "09"')
    rows = dict(rows_of(build("application_outline", p02.project, output=tmp_path / "y.docx").docx, "Wymiar"))
    assert rows["Dodatkowe tematy EFS+ (wymiar 6)"] == f"09 – {annex_name('esf_secondary_theme', '09')}"


# --- a programme's own indicator list overrides and extends the common indicators -------------------

PLRO150_INLINE = "    - {name: Liczba wybudowanych miejsc obsługi rowerzystów, kind: produktu, unit: szt., base: 0,"
LISTS_SOURCE = "  lists_source: SZOP FEPZ 2021–2027 i lista wskaźników regulaminu naboru\n"


def programme_list(example, rows):
    example.edit(LISTS_SOURCE, LISTS_SOURCE + "  programme_indicators:\n" + "".join(f"    - {r}\n" for r in rows))


@pytest.mark.parametrize("doc_type", ["application_outline", "feasibility"])
def test_an_indicator_given_by_code_takes_the_programmes_row(example, tmp_path, doc_type):
    example.edit(PLRO150_INLINE, "    - {base: 0,")
    programme_list(example, ["{code: PLRO150, name: Liczba miejsc obsługi rowerzystów, unit: szt., kind: produktu}"])
    result = validate(doc_type, example.project)
    assert result.ok, [p.describe() for p in result.problems]
    plro = result.model.project.indicators[1]
    assert (plro.code, plro.name, plro.unit, plro.kind.value) == (
        "PLRO150", "Liczba miejsc obsługi rowerzystów", "szt.", "produktu")
    out = build(doc_type, example.project, output=tmp_path / "d.docx").docx
    text = normalise_spaces(docx_text(out))
    assert "Liczba miejsc obsługi rowerzystów" in text
    if doc_type == "application_outline":
        assert ("2021–2027, a wskaźników wymienionych na liście wskaźników programu – według tej listy.") in text


def test_the_programmes_wording_of_a_common_indicator_wins(example, tmp_path):
    programme_list(example, ["{code: RCO 58, name: Długość wspartej infrastruktury rowerowej, unit: km, kind: produktu}"])
    out = build("application_outline", example.project, output=tmp_path / "zarys.docx").docx
    rco58 = next(row for row in rows_of(out, "Kod") if row[0] == "RCO 58")
    assert rco58[1:3] == ["Długość wspartej infrastruktury rowerowej", "km"]


def test_a_unit_other_than_the_programmes_is_a_located_error(example):
    programme_list(example, ["{code: PLRO150, name: Liczba miejsc obsługi rowerzystów, unit: obiekty, kind: produktu}"])
    line = example.line_of(PLRO150_INLINE)
    problem = one(example.project, "indicator.unit_mismatch")
    assert problem.is_error and (problem.dotted_path, problem.line) == ("project.indicators[1].unit", line)
    assert "w jednostce obiekty (według listy wskaźników programu)" in problem.message


def test_a_programme_row_without_a_kind_is_a_located_error(example):
    programme_list(example, ["{code: PLRO150, name: Liczba miejsc obsługi rowerzystów, unit: szt.}"])
    result = validate("application_outline", example.project)
    [problem] = [p for p in result.problems if p.dotted_path.startswith("application.programme_indicators")]
    assert problem.is_error and problem.line == example.line_of("    - {code: PLRO150, name: Liczba miejsc")
    assert problem.dotted_path == "application.programme_indicators[0].kind"


def test_a_national_indicator_on_the_programmes_list_needs_no_check_warning(example):
    example.edit("  lists_source: ", "  # lists_source: ")
    text = example.project.read_text(encoding="utf-8")
    example.project.write_text(text.replace(
        "  # lists_source: SZOP FEPZ 2021–2027 i lista wskaźników regulaminu naboru\n",
        "  # lists_source: SZOP FEPZ 2021–2027 i lista wskaźników regulaminu naboru\n"
        "  programme_indicators:\n"
        "    - {code: PLRO150, name: Liczba wybudowanych miejsc obsługi rowerzystów, unit: szt., kind: produktu}\n"),
        encoding="utf-8")
    found, _ = problems(example.project, "indicator.unverified")
    assert not [p for p in found if "PLRO150" in p.message]


# --- issue 23 "done when": the outline's own validation locates each contradiction ------------------

def _rco58_in_pieces(example):
    return example.edit("    - {code: RCO 58, base: 0,", "    - {code: RCO 58, unit: szt., base: 0,"), \
        "indicator.unit_mismatch", "project.indicators[0].unit"


def _rcr29_rising_against_dnsh(example):
    text = example.project.read_text(encoding="utf-8")
    start, end = text.index("  # Uodpornienie na zmiany klimatu"), text.index("  tasks:\n")
    example.project.write_text(text[:start] + text[end:], encoding="utf-8")
    return example.edit("    - {code: RCR 29, base: 410, target: 387,", "    - {code: RCR 29, base: 0, target: 120,"), \
        "indicator.emissions_direction", "project.indicators[3].target"


def _mechanism_against_the_strategy(example):
    return example.edit('    form_of_finance: "01"', '    form_of_finance: "01"\n    territorial_mechanism: ZIT') + 1, \
        "project.territorial_mechanism", "application.classification.territorial_mechanism"


@pytest.mark.parametrize("mutate", [_rco58_in_pieces, _rcr29_rising_against_dnsh, _mechanism_against_the_strategy])
def test_outline_mutations_are_located_errors(example, mutate):
    line, code, path = mutate(example)
    problem = one(example.project, code)
    assert problem.is_error and (problem.dotted_path, problem.line) == (path, line)
    assert problem.file.endswith("projekt-p01.yaml")
