"""Generator of templates/application_outline/template.docx: the funding-application outline.

    python templates/application_outline/make_application_outline_template.py      # regenerate (python tools/make_templates.py does all)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # docx_builder: the shared builder

from climate_sections import climate_section
from docx_builder import TemplateBuilder
from make_feasibility_template import VAT_SENTENCE
from make_schedule_template import dynamic_table
from wording_sections import DURABILITY_SENTENCE
from project_sections import costs_table, funding_table, title_page

# Sentences that embed a source or the advisor's list of documents: the source in the genitive after
# "według" (the data file's `source_genitive`), the advisor's free text (nominative) after a colon that
# names what it lists.
CLASSIFICATION_SENTENCE = (
    "Projekt sklasyfikowano we wszystkich wymiarach załącznika I do rozporządzenia (UE) 2021/1060"
    "{% if application.lists_source %}; kody ustalono na podstawie dokumentów programu: "
    "{{ application.lists_source|trim('.') }}{% endif %}.")
# Section 9 opens with one line (heading, line, subheading and the first table stay together: a short
# chain); the sources of the indicators' names close it.
INDICATORS_LEAD = "Wskaźniki ze Wspólnej Listy Wskaźników Kluczowych 2021–2027 (WLWK):"
INDICATORS_SENTENCE = ("Nazwy, jednostki i rodzaje wskaźników wspólnych podano według {{ indicators_source }}"
                       "{% if application.programme_indicators %}, a wskaźników wymienionych na liście "
                       "wskaźników programu – według tej listy{% endif %}.")


def build() -> TemplateBuilder:
    b = TemplateBuilder()
    b.header_footer("{{ partnership.display_name }}", "Zarys wniosku o dofinansowanie – projekt {{ project.code }}")

    title_page(b, "Zarys wniosku o dofinansowanie", [
        ("Wnioskodawca", "{{ leader.name }}"),
        ("Program", "{{ application.programme }}"),
        ("Priorytet", "{{ application.priority }}"),
        ("Działanie", "{{ application.measure }}"),
        ("Wartość projektu", "{{ project.total_cost|money }}"),
        ("Wnioskowane dofinansowanie", "{{ project.eu_amount|money }}"),
    ], widths=(5.5, 10.5), gap=60, place_gap=50,
        version_note=". Zarys przygotowano w ramach doradztwa CWD; nie jest wnioskiem o dofinansowanie "
                     "w rozumieniu regulaminu naboru.", version_size=9)

    b.table_of_contents()
    b.page_break()

    b.heading("1. Wnioskodawca")
    b.caption("Tabela 1. Dane wnioskodawcy")
    b.key_value_table([
        ("Nazwa", "{{ leader.name }}"),
        ("Forma prawna", "{{ legal_form }}"),
        ("NIP", "{{ leader.nip }}"),
        ("REGON", "{{ leader.regon }}"),
        ("Adres siedziby", "{{ leader.address or \"–\" }}"),
        ("Kod TERYT", "{{ leader.teryt }}"),
        ("Osoba reprezentująca", "{{ leader.representative or \"–\" }}"),
        ("Osoba do kontaktu", "{{ application.contact.name }}{% if application.contact.role %}, "
                              "{{ application.contact.role }}{% endif %}"),
        ("E-mail, telefon", "{% if application.contact.email %}{{ application.contact.email }}{% else %}"
                            "{{r \"adres e-mail osoby do kontaktu\"|gap }}{% endif %}, "
                            "{% if application.contact.phone %}{{ application.contact.phone }}{% else %}"
                            "{{r \"telefon osoby do kontaktu\"|gap }}{% endif %}"),
    ])

    b.paragraph("{{ plan.representation_rule }}")
    b.tag("{%p if application.signatories %}")
    b.caption("Tabela 2. Osoby uprawnione do podpisania wniosku w imieniu wnioskodawcy")
    b.tag("{%p endif %}")
    b.tag("{%p if not application.signatories %}")
    b.paragraph("Nie wskazano jeszcze osób podpisujących wniosek.")
    b.tag("{%p endif %}")
    b.loop_table(["Lp.", "Imię i nazwisko", "Funkcja", "Podstawa umocowania"], "o in application.signatories",
                 ["{{ loop.index }}", "{{ o.name }}", "{{ o.role.value }}",
                  "{{ o.authorisation or (\"kontrasygnata\" if o.role.value == \"skarbnik\" else \"z mocy ustawy\") }}"],
                 widths=[1.0, 4.5, 5.0, 5.5], align=["center", "left", "left", "left"])

    b.heading("2. Partnerzy projektu")
    b.tag("{%p if partners %}")
    b.caption("Tabela 3. Partnerzy projektu")
    b.tag("{%p endif %}")
    b.tag("{%p if not partners %}")
    b.paragraph("Projekt jest realizowany bez partnerów.")
    b.tag("{%p endif %}")
    b.loop_table(["Lp.", "Nazwa partnera", "NIP", "REGON", "Kod TERYT", "Adres"], "p in partners",
                 ["{{ loop.index }}", "{{ p.name }}", "{{ p.nip }}", "{{ p.regon }}", "{{ p.teryt }}",
                  "{{ p.address or \"–\" }}"],
                 widths=[1.0, 4.8, 2.3, 2.3, 1.9, 3.7], align=["center", "left", "center", "center", "center", "left"])
    b.paragraph("Role w projekcie i wkład finansowy lidera oraz partnerów (wkład własny każdego z nich wynika z wydatków "
                "zadań, które finansuje):")
    b.caption("Tabela 4. Rola i wkład finansowy lidera i partnerów")
    b.loop_table(["Lp.", "Członek partnerstwa", "Rola w projekcie", "Wkład własny [zł]", "Udział"], "m in plan.members",
                 ["{{ loop.index }}", "{{ m.name }} ({{ m.status }})", "{% if m.role %}" + b.inline("m.role")
                  + "{% else %}–{% endif %}", "{{ m.contribution|money(false) if m.contribution else \"–\" }}",
                  "{{ m.share|percent }}"],
                 widths=[0.9, 5.3, 5.0, 2.9, 1.9], align=["center", "left", "left", "right", "right"],
                 totals=["", "Razem", "", "{{ plan.own_total|money(false) }}", "100,00%"])  # "… (partner)" unbroken

    b.heading("3. Program, priorytet i działanie")
    b.key_value_table([
        ("Program", "{{ application.programme }}"),
        ("Priorytet", "{{ application.priority }}"),
        ("Działanie", "{{ application.measure }}"),
        ("Nabór", "{{ application.call or \"[DO UZUPEŁNIENIA: nabór – application.call]\" }}"),
        ("Fundusz", "{{ application.fund }}"),
        ("Typ projektu", "{{ application.project_type }}"),
    ])

    b.tag("{%p if application.measure_fit %}")
    b.markdown("application.measure_fit", lead="Zgodność projektu z działaniem:")
    b.tag("{%p else %}")
    b.paragraph("**Zgodność projektu z działaniem:** [DO UZUPEŁNIENIA: application.measure_fit]")
    b.tag("{%p endif %}")
    b.paragraph(CLASSIFICATION_SENTENCE)
    b.caption("Tabela 5. Klasyfikacja interwencji według wymiarów załącznika I do rozporządzenia (UE) 2021/1060")
    b.loop_table(["Wymiar", "Kod i nazwa"], "k in classification", ["{{ k.label }}", "{{ k.text }}"],
                 widths=[7.0, 9.0])  # "Rodzaj działalności gospodarczej (wymiar 4)" on one line
    b.tag("{%p if not classification %}")
    b.paragraph("[DO UZUPEŁNIENIA: klasyfikacja interwencji – application.classification]")
    b.tag("{%p endif %}")

    b.heading("4. Opis projektu")
    b.paragraph("**Tytuł projektu:** {{ project.title }}").paragraph_format.keep_with_next = True
    b.markdown("project.summary", lead="Krótki opis:")
    b.paragraph("Zakres rzeczowy projektu:").paragraph_format.keep_with_next = True
    b.bullets("element in project.scope", b.inline("element"))
    b.tag("{%p if application.target_groups %}")
    b.paragraph("Grupy docelowe:").paragraph_format.keep_with_next = True
    b.tag("{%p endif %}")
    b.bullets("g in application.target_groups", b.inline("g"))

    b.heading("5. Miejsce realizacji projektu")
    b.caption("Tabela 6. Miejsce realizacji projektu (według kodów TERYT)")
    b.loop_table(["Lp.", "Województwo", "Powiat", "Gmina", "Kod TERYT"], "m in place",
                 ["{{ loop.index }}", "{{ m.voivodeship }}", "{{ m.powiat }}", "{{ m.gmina }}", "{{ m.teryt }}"],
                 widths=[1.0, 3.8, 4.0, 5.0, 2.2], align=["center", "left", "left", "left", "center"])
    b.markdown("project.location_details")

    b.heading("6. Uzasadnienie i cele projektu")
    b.markdown("application.justification")
    b.paragraph("Cele projektu:").paragraph_format.keep_with_next = True
    b.bullets("cel in project.objectives", b.inline("cel"))
    b.tag("{%p if strategy_goal.label %}")
    b.paragraph("Projekt realizuje cel strategii „{{ strategy_goal.strategy }}”: {{ strategy_goal.label }}.")
    b.tag("{%p endif %}")
    b.tag("{%p if not strategy_goal.label %}")
    b.paragraph("Projekt realizuje cel strategii terytorialnej partnerstwa: {{r strategy_goal.gap|gap }}")
    b.tag("{%p endif %}")

    b.heading("7. Okres realizacji")
    b.paragraph("Rozpoczęcie realizacji projektu: **{{ project.start|date_long }}**, zakończenie: "
                "**{{ project.end|date_long }}** ({{ project.duration_months|plural(\"miesiąc\", \"miesiące\", "
                "\"miesięcy\") }}).")

    b.heading("8. Zadania")
    b.paragraph("Projekt obejmuje {{ project.tasks|length|plural(\"zadanie\", \"zadania\", \"zadań\") }}; "
                "symbol ◆ oznacza kamień milowy (zdarzenie o jednej dacie).")
    b.caption("Tabela 7. Zadania projektu")
    b.loop_table(["Lp.", "Zadanie i jego opis", "Okres realizacji", "Odpowiedzialny", "Koszt [zł]"], "z in plan.tasks",
                 ["{{ loop.index }}", "{% if z.task.milestone %}◆ {% endif %}**{{ z.task.id }} {{ z.task.name }}**"
                  "{% if z.task.description %} – {{ z.task.description }}{% endif %}",
                  "{% if z.task.milestone %}{{ z.task.end|date_short }}{% else %}{{ z.task.start|date_short }} – "
                  "{{ z.task.end|date_short }}{% endif %}", "{{ z.responsible }}",
                  "{{ z.task.cost|money(false) if z.task.cost else \"–\" }}"],
                 widths=[0.9, 6.5, 3.1, 2.8, 2.7], align=["center", "left", "center", "left", "right"],
                 totals=["", "Razem", "", "", "{{ project.tasks_total|money(false) }}"])
    b.paragraph("{% if plan.linked_categories %}Budżet zadań w podziale na kategorie kosztów (wydatki kwalifikowalne "
                "i niekwalifikowalne) oraz źródła finansowania:{% else %}Budżet zadań; kategorie kosztów nie wskazują "
                "zadań, więc wydatki kwalifikowalne rozdzielono proporcjonalnie do kosztu zadań:{% endif %}"
                ).paragraph_format.keep_with_next = True  # introduces the table: never alone at a page foot
    b.caption("Tabela 8. Budżet zadań według kategorii kosztów i źródeł finansowania [zł]")
    dynamic_table(
        b,
        header_rows=[["Zadanie / kategoria kosztów", ("Wydatki ogółem", "center"),
                      ("Wydatki kwalifi\u00adkowalne", "center"), ("Wydatki niekwalifi\u00adkowalne", "center"),
                      ("Dofinan\u00adsowanie UE", "center"), ("Wkład własny", "center")]],
        body_rows=[
            ["{%tr for z in plan.tasks if z.budget.total %}"],
            ["{% cellbg \"E7EEF8\" %}{{ z.task.id }} {{ z.task.name }}{% if z.categories|length == 1 %} "
             "{{ (\"kategoria: \" ~ z.categories[0].category)|parenthetical }}{% endif %}",
             ("{% cellbg \"E7EEF8\" %}{{ z.budget.total|money(false) }}", "right"),
             ("{% cellbg \"E7EEF8\" %}{{ z.budget.eligible|money(false) }}", "right"),
             ("{% cellbg \"E7EEF8\" %}{{ z.budget.ineligible|money(false) if z.budget.ineligible else \"–\" }}",
              "right"),
             ("{% cellbg \"E7EEF8\" %}{{ z.budget.eu|money(false) }}", "right"),
             ("{% cellbg \"E7EEF8\" %}{{ z.budget.own|money(false) }}", "right")],
            ["{%tr for c in z.categories if z.categories|length > 1 %}"],
            ["    – {{ c.category }}", ("{{ c.total|money(false) }}", "right"), ("{{ c.eligible|money(false) }}", "right"),
             ("{{ c.ineligible|money(false) if c.ineligible else \"–\" }}", "right"), "", ""],
            ["{%tr endfor %}"],
            ["{%tr endfor %}"],
        ],
        total_rows=[["Razem", ("{{ plan.total[0]|money(false) }}", "right"), ("{{ plan.total[1]|money(false) }}", "right"),
                     ("{{ plan.total[2]|money(false) }}", "right"), ("{{ plan.total[3]|money(false) }}", "right"),
                     ("{{ plan.total[-1]|money(false) }}", "right")]],
        widths=[4.0, 2.4, 2.4, 2.4, 2.4, 2.4],
    )

    b.heading("9. Wskaźniki")
    # introduces the tables of 9.1 and 9.2: kept with the subheading after it, never alone at a page foot
    b.paragraph(INDICATORS_LEAD).paragraph_format.keep_with_next = True
    for number, (label, attribute) in enumerate((("produktu", "product_indicators"),
                                                  ("rezultatu", "result_indicators")), start=1):
        b.heading(f"9.{number}. Wskaźniki {label}", level=2)
        b.caption(f"Tabela {8 + number}. Wskaźniki {label}")
        b.loop_table(
            ["Kod", "Nazwa wskaźnika", "Jednostka", "Wartość bazowa (rok)", "Wartość docelowa (rok)",
             "Sposób pomiaru i źródło danych"],
            f"w in project.{attribute}",
            ["{{ w.code or \"–\" }}", "{{ w.name }}", "{{ w.unit }}",
             "{{ w.base|number }}{% if w.base_year %} ({{ w.base_year }}){% endif %}",
             "{{ w.target|number }} ({{ w.year }})",
             "{{ w.measurement or \"–\" }}{% if w.source %}; źródło: {{ w.source }}{% endif %}"],
            widths=[1.9, 3.5, 2.0, 2.2, 2.2, 4.2], align=["center", "left", "center", "right", "right", "left"])

    b.paragraph(INDICATORS_SENTENCE)

    b.heading("10. Pomoc publiczna")
    b.paragraph("{% if application.state_aid.present %}W projekcie występuje pomoc publiczna.{% else %}"
                "W projekcie nie występuje pomoc publiczna.{% endif %}").paragraph_format.keep_with_next = True
    b.markdown("application.state_aid.justification")

    b.heading("11. Kwalifikowalność podatku VAT")
    b.paragraph(VAT_SENTENCE)

    b.heading("12. Budżet projektu")
    costs_table(b, "Tabela 11. Budżet projektu [zł]", noun="Wydatki")
    b.paragraph("Wartość projektu ogółem: **{{ project.total_cost|money }}** (słownie: "
                "{{ project.total_cost|money_words }}).")
    b.tag("{%p if appraisal.cross_financing %}")
    b.paragraph("{{ appraisal.cross_financing }}")  # the same figure as the feasibility analysis (issue 22)
    b.tag("{%p endif %}")

    b.heading("13. Dochód")
    b.paragraph("{{ appraisal.revenue }}")  # the feasibility analysis's computation (issue 22)
    b.markdown("application.revenue")

    b.heading("14. Źródła finansowania")
    funding_table(b, "Tabela 12. Źródła finansowania projektu")
    b.paragraph("Wnioskowane dofinansowanie: **{{ project.eu_amount|money }}** (słownie: "
                "{{ project.eu_amount|money_words }}), czyli {{ project.eu_rate|percent }} wydatków "
                "kwalifikowalnych przy maksymalnym poziomie {{ project.max_eu_rate|number }}%.")

    b.heading("15. Trwałość projektu")
    b.paragraph(DURABILITY_SENTENCE).paragraph_format.keep_with_next = True
    b.markdown("project.durability")

    b.heading("16. Komplementarność i brak podwójnego finansowania")
    b.tag("{%p if application.complementarity %}")
    b.markdown("application.complementarity", lead="Komplementarność:")
    b.tag("{%p endif %}")
    b.tag("{%p if not application.complementarity %}")
    b.paragraph("Nie wskazano projektów komplementarnych.")
    b.tag("{%p endif %}")
    b.paragraph("Wnioskodawca oświadcza, że wydatki projektu nie są i nie będą finansowane z innych środków "
                "publicznych, w tym z innych funduszy i programów Unii Europejskiej (zakaz podwójnego finansowania).")
    b.markdown("application.double_funding")

    b.heading("17. Zgodność z zasadami horyzontalnymi")
    b.caption("Tabela 13. Zasady horyzontalne (art. 9 rozporządzenia (UE) 2021/1060)")
    b.loop_table(["Zasada", "Sposób zapewnienia zgodności"], "z in principles",
                 ["{{ z.name }}", b.inline("z.text")], widths=[5.0, 11.0])

    b.heading("18. Zasada „nie czyń poważnych szkód” (DNSH)")
    b.paragraph("Ocena, czy projekt nie wyrządza poważnych szkód (w rozumieniu art. 17 rozporządzenia (UE) "
                "2020/852) żadnemu z sześciu celów środowiskowych określonych w art. 9 tego rozporządzenia:")
    b.caption("Tabela 14. Ocena zgodności z zasadą DNSH")
    b.loop_table(["Lp.", "Cel środowiskowy", "Ocena", "Uzasadnienie"], "d in dnsh",
                 ["{{ loop.index }}", "{{ d.objective }}", "{{ d.answer.impact.value }}",
                  b.inline("d.answer.justification")],
                 widths=[1.0, 4.2, 3.3, 7.5], align=["center", "left", "left", "left"])

    climate_section(b, first_table=15)

    b.heading("19. Analiza sektorowa")
    b.paragraph("**Sektor:** {{ application.sectoral_analysis.sector }}").paragraph_format.keep_with_next = True
    for title, key in (("19.1. Popyt", "demand"), ("19.2. Istniejąca podaż", "supply"),
                       ("19.3. Kontekst polityk publicznych", "policy_context"),
                       ("19.4. Luka, którą zamyka projekt", "gap")):
        b.heading(title, level=2)
        b.markdown("application.sectoral_analysis." + key)

    b.heading("20. Załączniki")
    b.tag("{%p if not application.attachments %}")
    b.paragraph("Brak załączników.")
    b.tag("{%p endif %}")
    b.bullets("z in application.attachments", "{{ z }}", style="List Number")

    b.heading("21. Oświadczenia")
    b.paragraph("Wnioskodawca oświadcza, że informacje zawarte w zarysie wniosku są zgodne ze stanem faktycznym, "
                "że projekt nie został fizycznie ukończony ani w pełni zrealizowany przed złożeniem wniosku oraz że "
                "zapewni wkład własny i trwałość projektu w zakresie opisanym powyżej.")
    b.tag("{%p if application.signatories %}")
    b.paragraph("Podpisy osób uprawnionych do reprezentowania wnioskodawcy:",
                space_before=12).paragraph_format.keep_with_next = True
    b.tag("{%p endif %}")
    signatures = b.loop_table(
        ["Imię i nazwisko", "Funkcja", "Data i podpis"], "o in application.signatories",
        ["{{ o.name }}", "{{ o.role.value }}{% if o.role.value == \"skarbnik\" %} (kontrasygnata){% endif %}",
         "…………………………………"],
        widths=[5.0, 5.5, 5.5], align=["left", "left", "center"])
    for row in signatures.rows:  # the signatures stay with the authors' block: the last page is never that alone
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    b.authors(space_before=12)
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main(["application_outline"] + sys.argv[1:]))
