"""Rules the application form adds: who signs for the applicant, durability, the indicator data the form asks for."""

from __future__ import annotations

from ...domain.application import SignatoryRole
from ...domain.partnership import MemberKind
from ...problems import Problem, error, warning
from .schema import ApplicationOutlineInput


def check_signatories(data: ApplicationOutlineInput) -> list[Problem]:
    """Art. 48 ust. 1–2 ustawy o samorządzie powiatowym; art. 31, 33 ust. 3 i 46 ust. 3 ustawy o samorządzie gminnym."""
    applicant = data.partnership.member(data.project.leader)
    if applicant is None:
        return []  # reported by the shared rules
    path = ("application", "signatories")
    signatories = data.application.signatories
    if not signatories:
        return [warning(
            "signatories.missing",
            f"nie wskazano osób podpisujących wniosek w imieniu wnioskodawcy ({applicant.name}); podaj signatories "
            "z imieniem i nazwiskiem oraz funkcją", path)]
    problems = []
    for index, person in enumerate(signatories):
        if person.role in (SignatoryRole.PROXY, SignatoryRole.DEPUTY) and not person.authorisation:
            problems.append(error(
                "signatories.authorisation",
                f"{person.name} ({person.role.value}) podpisuje na podstawie pełnomocnictwa lub upoważnienia; podaj "
                "je w polu authorisation", path + (index, "authorisation")))
    roles = [person.role for person in signatories]
    authorised = sum(1 for r in roles if r in (SignatoryRole.PROXY, SignatoryRole.DEPUTY))
    if applicant.kind is MemberKind.POWIAT:
        board = sum(1 for r in roles if r.is_board_member)
        if board < 2 and not (board == 1 and authorised):
            problems.append(error(
                "signatories.powiat",
                f"oświadczenia woli w imieniu powiatu składa dwóch członków zarządu albo jeden członek zarządu i osoba "
                f"upoważniona przez zarząd (art. 48 ust. 1 ustawy o samorządzie powiatowym), a wskazano "
                f"{', '.join(r.value for r in roles)}", path))
    else:
        if not any(r.is_gmina_head for r in roles) and not authorised:
            problems.append(error(
                "signatories.gmina",
                f"gminę reprezentuje wójt, burmistrz albo prezydent miasta (art. 31 ustawy o samorządzie gminnym) "
                f"lub osoba przez niego upoważniona, a wskazano {', '.join(r.value for r in roles)}", path))
        if any(r.is_board_member for r in roles):
            index = next(i for i, r in enumerate(roles) if r.is_board_member)
            problems.append(error(
                "signatories.gmina",
                f"{signatories[index].role.value} to funkcja w powiecie, a wnioskodawca {applicant.name} jest gminą",
                path + (index, "role")))
    if SignatoryRole.SKARBNIK not in roles:
        treasurer = "skarbnika powiatu" if applicant.kind is MemberKind.POWIAT else "skarbnika gminy"
        problems.append(warning(
            "signatories.skarbnik",
            f"wniosek tworzy zobowiązanie finansowe (wkład własny), które wymaga kontrasygnaty {treasurer} "
            "(art. 46 ust. 3 ustawy o samorządzie gminnym, art. 48 ust. 2 ustawy o samorządzie powiatowym); "
            "dodaj skarbnika do signatories, jeśli regulamin naboru tego wymaga", path))
    return problems


def check_sme_durability(data: ApplicationOutlineInput) -> list[Problem]:
    """A JST is never an SME: 3 years of durability (CPR art. 65) are not for it."""
    if data.application.durability_years != 3:
        return []
    applicant = data.partnership.member(data.project.leader)
    name = applicant.name if applicant else data.project.leader
    return [warning(
        "durability.not_sme",
        f"okres trwałości 3 lat przysługuje tylko MŚP (art. 65 ust. 1 rozporządzenia 2021/1060), a wnioskodawca "
        f"{name} jest jednostką samorządu terytorialnego, która nie jest MŚP; zwykle obowiązuje 5 lat",
        ("application", "durability_years"))]


def check_partner_roles(data: ApplicationOutlineInput) -> list[Problem]:
    project = data.project
    in_project = [project.leader, *project.partners]
    problems = []
    for index, entry in enumerate(data.application.partner_roles):
        if entry.member not in in_project:
            problems.append(error(
                "partner_roles.unknown",
                f"{entry.member!r} nie jest liderem ani partnerem projektu (lider i partnerzy: {', '.join(in_project)})",
                ("application", "partner_roles", index, "member")))
    return problems


def check_indicator_form_data(data: ApplicationOutlineInput) -> list[Problem]:
    """The application form asks for each indicator's WLWK code, base year, measurement method and data source."""
    problems = []
    labels = {"code": "kodu z WLWK 2021–2027", "base_year": "roku bazowego", "measurement": "sposobu pomiaru",
              "source": "źródła danych"}
    for index, indicator in enumerate(data.project.indicators):
        missing = [label for name, label in labels.items() if not getattr(indicator, name)]
        if missing:
            problems.append(warning(
                "indicator.form_data_missing",
                f"wskaźnik {indicator.name!r} nie ma {', '.join(missing)}, o które pyta formularz wniosku",
                ("project", "indicators", index)))
    return problems


APPLICATION_FORM_RULES = (check_signatories, check_sme_durability, check_partner_roles, check_indicator_form_data)
