"""What the outline adds for an assessor: every annex I dimension, the indicator list, 2021–2027 wording,
eligibility of the measure and the call, a contact person of the applicant."""

from __future__ import annotations

import re
from typing import Any, Iterator

from pydantic import BaseModel

from ...domain.annex import common_indicators_of, dimension_in_text, load, missing_codes
from ...domain.indicators import indicator_row, is_common
from ...domain.application import DnshImpact
from ...formatting import join_words, number
from ...problems import Problem, error, gap, warning
from .annex_context import dimensions, location_codes
from .schema import ApplicationOutlineInput

CLASSIFICATION = ("application", "classification")
# Code tables complete in annex I (an unknown code is wrong). Table 1 lacks the codes in its `missing`
# list and later amendments' codes: an unknown intervention field is a warning.
COMPLETE_TABLES = ("form_of_support", "economic_activity", "esf_secondary_theme", "gender_equality")
OVERRIDABLE = tuple(load("annex_i")["dimensions"])


def check_classification(data: ApplicationOutlineInput) -> list[Problem]:
    application = data.application
    c = application.classification
    if c is None:
        return [warning("classification.missing",
                        "brak klasyfikacji interwencji (załącznik I do rozporządzenia 2021/1060): podaj "
                        "application.classification z kodami wszystkich wymiarów", ("application",))]
    problems = []
    for key in c.overrides:
        if key not in OVERRIDABLE:
            problems.append(error("classification.unknown_dimension",
                                  f"„{key}” nie jest wymiarem tabel kodów; wymiary: {', '.join(OVERRIDABLE)}",
                                  CLASSIFICATION + ("overrides", key)))
    unverified = []
    for d in dimensions(application, data.partnership, data.project.location, data.territorial_mechanism):
        path = CLASSIFICATION + (d.field,)
        label = dimension_in_text(d.key)
        if d.given is not None:
            make = error if d.key in COMPLETE_TABLES else warning
            why = (f"tabela cwd-docs nie podaje brzmienia kodu {d.given} wymiaru „{label}”"
                   if d.given in missing_codes(d.key) else f"kodu {d.given} nie ma w tabeli wymiaru „{label}”")
            problems.append(make(
                "classification.unknown_code",
                f"{why}; sprawdź kod albo podaj jego nazwę według programu "
                f"w application.classification.overrides.{d.key}", path))
        elif not d.codes and d.key != "location":
            problems.append(warning(
                "classification.dimension_missing",
                f"brak kodu wymiaru „{label}” (załącznik I do rozporządzenia 2021/1060); podaj "
                f"application.classification.{d.field}", path))
        unverified += [(d, code) for code in d.codes if not code.verified]
    _, unknown = location_codes(c, data.partnership, data.project.location)
    if unknown:
        problems.append(warning(
            "classification.location_unknown",
            f"tabela NUTS nie wskazuje regionu dla: {join_words(unknown)}; podaj kody NUTS w "
            "application.classification.location", CLASSIFICATION + ("location",)))
    if unverified and not application.lists_source:
        for d, code in unverified:
            problems.append(warning(
                "classification.unverified",
                f"kod {code.code} – {code.name} (wymiar „{dimension_in_text(d.key)}”) pochodzi z tabeli "
                "dołączonej do cwd-docs, której brzmienia nie potwierdzono w dokumentach programu; porównaj kod "
                "i nazwę z SZOP i regulaminem naboru (inne brzmienie: application.classification.overrides), "
                "a dokumenty wpisz w application.lists_source", CLASSIFICATION + (d.field,)))
    return problems


def check_indicator_list(data: ApplicationOutlineInput) -> list[Problem]:
    """Common indicators where the project's kind has them; the programme's list for everything unverified."""
    application, indicators = data.application, data.project.indicators
    problems = []
    expected = common_indicators_of(application.classification.intervention_field) if application.classification else []
    if expected and not any(is_common(i.code) for i in indicators):
        problems.append(warning(
            "indicator.common_missing",
            f"dla zakresu interwencji {application.classification.intervention_field} są wskaźniki wspólne "
            f"({join_words(expected)}), a projekt ma tylko wskaźniki krajowe; dodaj właściwy wskaźnik wspólny",
            ("project", "indicators")))
    if application.lists_source:
        return problems
    for index, indicator in enumerate(indicators):
        row = indicator_row(indicator.code, application.programme_indicators)
        if row is not None and row.verified:  # the programme's own list counts as checked
            continue
        what = ("nazwy i jednostki z tabeli cwd-docs nie porównano z listą WLWK" if row is not None else
                "kod spoza tabeli wskaźników wspólnych: wskaźnik krajowy albo programowy" if indicator.code else
                "wskaźnik bez kodu")
        problems.append(warning(
            "indicator.unverified",
            f"wskaźnik {indicator.code or indicator.name!r}: {what}; porównaj go z listą wskaźników programu "
            "(albo wpisz go do application.programme_indicators), a dokumenty podaj w application.lists_source",
            ("project", "indicators", index, "code")))
    return problems


def check_measure_and_call(data: ApplicationOutlineInput) -> list[Problem]:
    application = data.application
    problems = []
    if not application.measure_fit:
        problems.append(warning(
            "measure.fit_missing",
            f"zarys nie uzasadnia, dlaczego projekt mieści się w działaniu {application.measure}: podaj "
            "application.measure_fit (typ projektu, obszar i wnioskodawca według SZOP i regulaminu naboru)",
            ("application", "measure")))
    if not application.call:
        problems.append(warning(
            "call.missing", "nie wskazano naboru: podaj numer naboru w application.call", ("application", "call")
            if "call" in application.model_fields_set else ("application",)))
    return problems


def _surname(text: str) -> str:
    return text.split(",")[0].strip().lower()


def check_contact(data: ApplicationOutlineInput) -> list[Problem]:
    """The contact person is someone of the applicant's office, not one of the document's authors."""
    contact = data.application.contact
    authors = [_surname(a) for a in (data.document.authors or [])]
    problems = []
    if contact.name.strip().lower() in authors:
        problems.append(warning(
            "contact.is_author",
            f"osoba do kontaktu ({contact.name}) jest autorem zarysu; wskaż pracownika urzędu wnioskodawcy",
            ("application", "contact", "name")))
    # A contact is the office's own: never invented, so until it is given the outline marks the gap.
    lacking = [(field, what) for field, what in (("email", "adres e-mail"), ("phone", "telefon"))
               if not getattr(contact, field)]
    if lacking:
        problems.append(gap(
            "contact.missing",
            f"{' i '.join(what for _, what in lacking)} osoby do kontaktu ({contact.name}) – podaj służbowe dane "
            f"pracownika urzędu wnioskodawcy w {'polu' if len(lacking) == 1 else 'polach'} "
            f"{' i '.join(field for field, _ in lacking)}", ("application", "contact")))
    return problems


# 2014–2020 acts and programmes: never the basis of a 2021–2027 document.
PREVIOUS_ACTS = re.compile(r"\b(1303/2013|480/2014|1301/2013|1304/2013|207/2015)\b")
PREVIOUS_PROGRAMME = re.compile(r"Regionaln\w* Program\w* Operacyjn\w*|\bRPO\b(?!\s+\w+\s+(2014|2007))", re.I)
PERIOD = re.compile(r"20(07|14)\s*[–-]\s*20(13|20)")


def _texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (str(key),))
    elif isinstance(value, str):
        yield path, value


def check_wording(data: ApplicationOutlineInput) -> list[Problem]:
    problems = []
    for root in ("project", "application"):
        for path, text in _texts(getattr(data, root), (root,)):
            act = PREVIOUS_ACTS.search(text)
            if act:
                problems.append(error(
                    "wording.previous_period_act",
                    f"tekst powołuje rozporządzenie {act.group(1)} z okresu 2014–2020; w dokumentach 2021–2027 "
                    "podstawą są akty 2021–2027 (np. rozporządzenie 2021/1060)", path))
            programme = PREVIOUS_PROGRAMME.search(text)
            if programme and not PERIOD.search(text[programme.start():programme.end() + 40]):
                problems.append(warning(
                    "wording.previous_programme",
                    f"„{programme.group(0)}” to program okresu 2014–2020; program 2021–2027 nazwij jego nazwą "
                    f"(np. {data.application.programme}), a dawny RPO opisz z okresem (np. RPO WZ 2014–2020)", path))
    return problems


def check_climate_dnsh(data: ApplicationOutlineInput) -> list[Problem]:
    """The DNSH answer on climate mitigation and the climate-proofing data describe one carbon footprint."""
    climate, dnsh = data.project.climate, data.application.dnsh.climate_mitigation
    if climate is None or climate.mitigation is None or dnsh is None or dnsh.impact is not DnshImpact.POSITIVE:
        return []
    if climate.mitigation.relative < 0:
        return []
    return [warning(
        "climate.dnsh_mismatch",
        f"ocena DNSH podaje pozytywny wpływ na łagodzenie zmian klimatu, a według project.climate.mitigation emisja "
        f"z projektem ({number(climate.mitigation.emissions_with)} t CO₂e/rok) nie jest niższa niż bez projektu "
        f"({number(climate.mitigation.emissions_without)} t CO₂e/rok)", ("application", "dnsh", "climate_mitigation"))]


OUTLINE_CONTENT_RULES = (check_classification, check_indicator_list, check_measure_and_call, check_contact,
                         check_wording, check_climate_dnsh)
