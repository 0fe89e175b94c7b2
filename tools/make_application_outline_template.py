"""Generator of src/cwd_docs/_templates/application_outline/template.docx: the funding-application outline.

    python tools/make_application_outline_template.py            # regenerate (python tools/make_templates.py does all)
"""

from __future__ import annotations

import sys

from docx_builder import TemplateBuilder
from make_feasibility_template import VAT_SENTENCE
from project_sections import costs_table, funding_table, indicator_tables, title_page



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
        ("E-mail, telefon", "{{ application.contact.email or \"–\" }}, {{ application.contact.phone or \"–\" }}"),
    ])

    b.heading("2. Partnerzy projektu")
    b.tag("{%p if partners %}")
    b.caption("Tabela 2. Partnerzy projektu")
    b.tag("{%p endif %}")
    b.tag("{%p if not partners %}")
    b.paragraph("Projekt jest realizowany bez partnerów.")
    b.tag("{%p endif %}")
    b.loop_table(["Lp.", "Nazwa partnera", "NIP", "REGON", "Kod TERYT", "Adres"], "p in partners",
                 ["{{ loop.index }}", "{{ p.name }}", "{{ p.nip }}", "{{ p.regon }}", "{{ p.teryt }}",
                  "{{ p.address or \"–\" }}"],
                 widths=[1.0, 4.8, 2.3, 2.3, 1.9, 3.7], align=["center", "left", "center", "center", "center", "left"])

    b.heading("3. Program, priorytet i działanie")
    b.key_value_table([
        ("Program", "{{ application.programme }}"),
        ("Priorytet", "{{ application.priority }}"),
        ("Działanie", "{{ application.measure }}"),
        ("Nabór", "{{ application.call or \"nie wskazano naboru\" }}"),
        ("Fundusz", "{{ application.fund }}"),
        ("Typ projektu", "{{ application.project_type }}"),
    ])

    b.heading("4. Opis projektu")
    b.paragraph("**Tytuł projektu:** {{ project.title }}")
    b.markdown("project.summary", lead="Krótki opis:")
    b.paragraph("Zakres rzeczowy projektu:")
    b.bullets("element in project.scope", b.inline("element"))

    b.heading("5. Miejsce realizacji projektu")
    b.caption("Tabela 3. Miejsce realizacji projektu (według kodów TERYT)")
    b.loop_table(["Lp.", "Województwo", "Powiat", "Gmina", "Kod TERYT"], "m in place",
                 ["{{ loop.index }}", "{{ m.voivodeship }}", "{{ m.powiat }}", "{{ m.gmina }}", "{{ m.teryt }}"],
                 widths=[1.0, 3.8, 4.0, 5.0, 2.2], align=["center", "left", "left", "left", "center"])
    b.markdown("project.location_details")

    b.heading("6. Uzasadnienie i cele projektu")
    b.markdown("application.justification")
    b.paragraph("Cele projektu:")
    b.bullets("cel in project.objectives", b.inline("cel"))
    b.paragraph("Projekt realizuje cel strategii terytorialnej partnerstwa: {{ project.strategic_goal }}")

    b.heading("7. Okres realizacji")
    b.paragraph("Rozpoczęcie realizacji projektu: **{{ project.start|date_long }}**, zakończenie: "
                "**{{ project.end|date_long }}** ({{ project.duration_months|plural(\"miesiąc\", \"miesiące\", "
                "\"miesięcy\") }}).")

    b.heading("8. Wskaźniki")
    indicator_tables(b, chapter=8, first_table=4)

    b.heading("9. Pomoc publiczna")
    b.paragraph("{% if application.state_aid.present %}W projekcie występuje pomoc publiczna.{% else %}"
                "W projekcie nie występuje pomoc publiczna.{% endif %}")
    b.markdown("application.state_aid.justification")

    b.heading("10. Kwalifikowalność podatku VAT")
    b.paragraph(VAT_SENTENCE)

    b.heading("11. Budżet projektu")
    costs_table(b, "Tabela 6. Budżet projektu [zł]", noun="Wydatki")
    b.paragraph("Wartość projektu ogółem: **{{ project.total_cost|money }}** (słownie: "
                "{{ project.total_cost|money_words }}).")

    b.heading("12. Dochód")
    b.markdown("application.revenue")

    b.heading("13. Źródła finansowania")
    funding_table(b, "Tabela 7. Źródła finansowania projektu")
    b.paragraph("Wnioskowane dofinansowanie: **{{ project.eu_amount|money }}** (słownie: "
                "{{ project.eu_amount|money_words }}), czyli {{ project.eu_rate|percent }} wydatków "
                "kwalifikowalnych przy maksymalnym poziomie {{ project.max_eu_rate|number }}%.")

    b.heading("14. Trwałość projektu")
    b.paragraph("Okres trwałości projektu wynosi {{ application.durability_years|plural(\"rok\", \"lata\", "
                "\"lat\") }} od płatności końcowej.")
    b.markdown("project.durability")

    b.heading("15. Zgodność z zasadami horyzontalnymi")
    b.caption("Tabela 8. Zasady horyzontalne (art. 9 rozporządzenia (UE) 2021/1060)")
    b.loop_table(["Zasada", "Sposób zapewnienia zgodności"], "z in principles",
                 ["{{ z.name }}", b.inline("z.text")], widths=[5.0, 11.0])

    b.heading("16. Zasada „nie czyń poważnych szkód” (DNSH)")
    b.paragraph("Ocena, czy projekt nie wyrządza poważnych szkód (w rozumieniu art. 17 rozporządzenia (UE) "
                "2020/852) żadnemu z sześciu celów środowiskowych określonych w art. 9 tego rozporządzenia:")
    b.caption("Tabela 9. Ocena zgodności z zasadą DNSH")
    b.loop_table(["Lp.", "Cel środowiskowy", "Ocena", "Uzasadnienie"], "d in dnsh",
                 ["{{ loop.index }}", "{{ d.objective }}", "{{ d.answer.impact.value }}",
                  b.inline("d.answer.justification")],
                 widths=[1.0, 4.2, 3.3, 7.5], align=["center", "left", "left", "left"])

    b.heading("17. Analiza sektorowa")
    b.paragraph("**Sektor:** {{ application.sectoral_analysis.sector }}")
    for title, key in (("17.1. Popyt", "demand"), ("17.2. Istniejąca podaż", "supply"),
                       ("17.3. Kontekst polityk publicznych", "policy_context"),
                       ("17.4. Luka, którą zamyka projekt", "gap")):
        b.heading(title, level=2)
        b.markdown("application.sectoral_analysis." + key)

    b.heading("18. Załączniki")
    b.tag("{%p if not application.attachments %}")
    b.paragraph("Brak załączników.")
    b.tag("{%p endif %}")
    b.bullets("z in application.attachments", "{{ z }}", style="List Number")

    b.heading("19. Oświadczenia")
    b.paragraph("Wnioskodawca oświadcza, że informacje zawarte w zarysie wniosku są zgodne ze stanem faktycznym, "
                "że projekt nie został fizycznie ukończony ani w pełni zrealizowany przed złożeniem wniosku oraz że "
                "zapewni wkład własny i trwałość projektu w zakresie opisanym powyżej.")
    b.authors(space_before=12)
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main(["application_outline"] + sys.argv[1:]))
