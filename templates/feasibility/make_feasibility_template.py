"""Generator of templates/feasibility/template.docx: the preliminary feasibility analysis.

    python templates/feasibility/make_feasibility_template.py      # regenerate (python tools/make_templates.py does all)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # docx_builder: the shared builder

from climate_sections import climate_section
from docx_builder import TemplateBuilder
from feasibility_sections import (chart, demand_section, economic_section, financial_sections, options_numbers,
                                  project_costs, sensitivity_section, summary_indicators, unhyphenated_headers)
from wording_sections import DURABILITY_SENTENCE
from project_sections import funding_table, indicator_tables, title_page

VAT_SENTENCE = ('{% if project.eligible_vat %}VAT w kwocie {{ project.eligible_vat|money }} ujęto w kosztach kwalifikowalnych{% if project.below_vat_threshold %}: całkowity koszt projektu nie osiąga 5 mln EUR, a w takich projektach VAT jest kwalifikowalny (art. 64 ust. 1 lit. c rozporządzenia (UE) 2021/1060).{% else %}, ponieważ lider i partnerzy nie mają prawnej możliwości jego odzyskania (projekt o koszcie co najmniej 5 mln EUR).{% endif %}{% else %}VAT nie jest kosztem kwalifikowalnym projektu{% if project.vat_recoverable %}; lider i partnerzy mogą go odzyskać{% endif %}.{% endif %}')
PARTNERS_LABEL = '{{ "Partner projektu" if partners|length == 1 else "Partnerzy projektu" }}'
PARTNERS = '{{ partners|map(attribute="name")|list|join_words(" oraz ") if partners else "brak partnerów" }}'
LOCATION = '{{ location|map(attribute="name")|list|join_words(" oraz ") }}'


def build() -> TemplateBuilder:
    b = TemplateBuilder()
    b.header_footer("{{ partnership.display_name }}", "Wstępna analiza wykonalności projektu {{ project.code }}")

    title_page(b, "Wstępna analiza wykonalności", [
        ("Lider projektu", "{{ leader.name }}"),
        (PARTNERS_LABEL, PARTNERS),
        ("Okres realizacji", "{{ project.start|month_year }} – {{ project.end|month_year }}"),
        ("Wartość projektu", "{{ project.total_cost|money }}"),
        ("Wnioskowane dofinansowanie UE", "{{ project.eu_amount|money }}"),
    ], widths=(6.0, 10.0), gap=70, place_gap=70)

    b.table_of_contents()
    b.page_break()

    b.heading("1. Streszczenie")
    b.paragraph("Projekt „{{ project.title }}” (kod {{ project.code }}) należy do pakietu projektów partnerstwa "
                "„{{ partnership.name }}”. Liderem projektu jest {{ leader.name }}"
                "{% if partners %}, {{ partners|map(attribute=\"name\")|list|partners_phrase }}{% endif %}. "
                "Projekt będzie realizowany od {{ project.start|date_long }} do {{ project.end|date_long }} "
                "({{ project.duration_months|plural(\"miesiąc\", \"miesiące\", \"miesięcy\") }}).")
    b.markdown("project.summary")
    b.paragraph("Całkowity koszt projektu wynosi **{{ project.total_cost|money }}** (słownie: "
                "{{ project.total_cost|money_words }}), w tym koszty kwalifikowalne "
                "{{ project.eligible_cost|money }}. Wnioskowane dofinansowanie ze środków Unii Europejskiej "
                "to {{ project.eu_amount|money }}, czyli {{ project.eu_rate|percent }} kosztów kwalifikowalnych.")
    summary_indicators(b)
    b.paragraph("Najważniejsze wnioski z analizy:")
    b.bullets("wniosek in project.conclusions", b.inline("wniosek"))

    b.heading("2. Definicja i lokalizacja projektu")
    b.caption("Tabela 1. Podstawowe informacje o projekcie")
    b.key_value_table([
        ("Kod projektu", "{{ project.code }}"),
        ("Tytuł projektu", "{{ project.title }}"),
        ("Obszar tematyczny", "{{ project.theme.value }}"),
        ("Lider projektu", "{{ leader.name }}"),
        (PARTNERS_LABEL, PARTNERS),
        ("Miejsce realizacji", LOCATION),
        ("Okres realizacji", "{{ project.start|date_short }} – {{ project.end|date_short }}"),
    ])
    b.heading("2.1. Lokalizacja", level=2)
    b.paragraph("Miejsce realizacji projektu – jednostki samorządu terytorialnego wchodzące w skład partnerstwa "
                "(liczba: {{ location|length }}):")
    b.caption("Tabela 2. Jednostki samorządu terytorialnego na obszarze realizacji projektu")
    b.loop_table(
        ["Lp.", "Jednostka samorządu terytorialnego", "Rodzaj", "Kod TERYT", "Liczba mieszkańców"],
        "jst in location",
        ["{{ loop.index }}", "{{ jst.name }}", "{{ jst.kind.value }}", "{{ jst.teryt }}",
         "{{ jst.population|number if jst.population is not none else \"–\" }}"],
        widths=[1.0, 6.0, 4.0, 2.5, 2.5], align=["center", "left", "left", "center", "right"])
    b.tag("{%p if seniors %}")
    b.paragraph("Osoby w wieku 65 lat i więcej stanowią {{ seniors.share|percent(1) }} mieszkańców gmin obszaru "
                "projektu ({{ seniors.count|number }} z {{ seniors.population|number }} osób{{ '; ' ~ "
                "partnership.population_source if partnership.population_source else '' }}).")
    b.tag("{%p endif %}")
    b.markdown("project.location_details")

    b.heading("3. Stan obecny i problemy do rozwiązania")
    b.markdown("project.problem")

    demand_section(b, first_table=3)

    b.heading("4. Cele projektu i zgodność ze strategią")
    b.tag("{%p if strategy_goal.label %}")
    b.paragraph("Projekt służy realizacji następującego celu strategii „{{ strategy_goal.strategy }}”:")
    b.paragraph("{{ strategy_goal.label }}", italic=True)
    b.tag("{%p endif %}")
    b.tag("{%p if not strategy_goal.label %}")
    b.paragraph("Cel strategii terytorialnej partnerstwa, któremu służy projekt: {{r strategy_goal.gap|gap }}")
    b.tag("{%p endif %}")
    b.paragraph("Cele projektu:")
    b.bullets("cel in project.objectives", b.inline("cel"))

    b.heading("5. Analiza wariantów")
    b.paragraph("Rozważono {{ project.options|length|plural(\"wariant\", \"warianty\", \"wariantów\") }} "
                "realizacji projektu:")
    b.caption("Tabela 4. Porównanie wariantów")
    b.loop_table(
        ["Wariant", "Opis", "Zalety", "Wady", "Szacunkowy koszt [zł]"],
        "wariant in project.options",
        ["{{ wariant.name }}", b.inline("wariant.description"), "{{ wariant.advantages|join(\"; \") or \"–\" }}",
         "{{ wariant.disadvantages|join(\"; \") or \"–\" }}",
         "{{ wariant.cost|money(false) if wariant.cost is not none else \"–\" }}"],
        widths=[3.2, 4.3, 3.0, 3.0, 2.5], align=["left", "left", "left", "left", "right"])
    options_numbers(b, table_number=4)
    b.paragraph("Wybrany wariant: **{{ project.chosen_option }}**.")
    b.markdown("project.choice_reason", lead="Uzasadnienie wyboru.")

    b.heading("6. Zakres rzeczowy projektu")
    b.paragraph("Zakres rzeczowy projektu obejmuje:")
    b.bullets("element in project.scope", b.inline("element"))

    b.heading("7. Gotowość techniczna")
    b.caption("Tabela 5. Stan przygotowania projektu")
    b.key_value_table([
        ("Dokumentacja techniczna", b.inline("project.readiness.documentation")),
        ("Decyzje i pozwolenia", b.inline("project.readiness.permits")),
        ("Prawo do dysponowania nieruchomością", b.inline("project.readiness.land_ownership")),
        ("Dojrzałość projektu", b.inline("project.readiness.maturity")),
    ], widths=(5.5, 10.5))

    b.heading("8. Analiza prawna i instytucjonalna")
    b.markdown("project.institutions.implementer", lead="Realizacja projektu.")
    b.markdown("project.institutions.operator", lead="Eksploatacja efektów projektu.")
    b.tag("{%p if project.institutions.legal_notes %}")
    b.paragraph("Uwarunkowania prawne:")
    b.tag("{%p endif %}")
    b.bullets("uwaga in project.institutions.legal_notes", b.inline("uwaga"))

    b.heading("9. Analiza finansowa")
    b.heading("9.1. Koszty projektu", level=2)
    project_costs(b, table_number=6)
    b.paragraph(VAT_SENTENCE)
    introduction = b.paragraph("Nakłady inwestycyjne w latach realizacji, według kosztów zadań i źródeł finansowania"
                               "{% if fa.costs.operating %} (bez kosztów eksploatacji finansowanych w projekcie){% endif %}:")
    introduction.paragraph_format.keep_with_next = True  # never alone at a page foot, apart from its chart
    chart(b, "wykresy.investment", "Rysunek 1. Nakłady inwestycyjne w latach realizacji projektu [zł]")
    b.heading("9.2. Źródła finansowania", level=2)
    funding_table(b, "Tabela 7. Struktura finansowania projektu")
    b.paragraph("Dofinansowanie ze środków UE stanowi {{ project.eu_rate|percent }} kosztów kwalifikowalnych "
                "przy maksymalnym poziomie dofinansowania {{ project.max_eu_rate|number }}%.")
    chart(b, "wykresy.funding", "Rysunek 2. Struktura finansowania projektu według rodzaju źródła")
    table = financial_sections(b, first_table=8)
    table = economic_section(b, first_table=table)
    table = sensitivity_section(b, first_table=table)

    b.heading("12.2. Analiza ryzyka", level=2)
    b.caption(f"Tabela {table}. Ryzyka projektu i sposoby ich ograniczania")
    b.loop_table(
        ["Lp.", "Ryzyko", "Prawdopodo\u00adbieństwo", "Wpływ", "Sposób ograniczenia"],
        "r in project.risks",
        ["{{ loop.index }}", "{{ r.name }}", "{{ r.probability.value }}", "{{ r.impact.value }}", b.inline("r.mitigation")],
        widths=[1.0, 4.5, 2.4, 2.0, 6.1], align=["center", "left", "center", "center", "left"])

    b.heading("13. Wskaźniki")
    indicator_tables(b, chapter=13, first_table=table + 1)

    b.heading("14. Wstępny harmonogram realizacji")
    b.paragraph("Projekt obejmuje {{ project.tasks|length|plural(\"zadanie\", \"zadania\", \"zadań\") }}. "
                "Kamienie milowe oznaczono symbolem ◆.")
    b.caption(f"Tabela {table + 3}. Wstępny harmonogram realizacji projektu")
    b.loop_table(
        ["Lp.", "Zadanie", "Początek", "Koniec", "Odpowiedzialny", "Koszt [zł]"],
        "z in tasks",
        ["{{ loop.index }}", "{% if z.task.milestone %}◆ {% endif %}{{ z.task.name }}",
         "{{ z.task.start|month_numeric }}", "{{ z.task.end|month_numeric }}", "{{ z.responsible.name }}",
         "{{ z.task.cost|money(false) }}"],
        widths=[1.0, 5.5, 1.9, 1.9, 3.3, 2.4], align=["center", "left", "center", "center", "left", "right"],
        totals=["", "Razem", "", "", "", "{{ project.tasks_total|money(false) }}"])

    climate_section(b, first_table=table + 4)  # issue 22 point 10: its own section, the outline's twin

    b.heading("13. Trwałość projektu")
    b.paragraph(DURABILITY_SENTENCE)
    b.markdown("project.durability")

    b.heading("14. Wnioski i rekomendacje")
    b.bullets("wniosek in project.conclusions", b.inline("wniosek"))
    b.tag("{%p if project.next_steps %}")
    b.paragraph("Rekomendowane dalsze kroki:", bold=True, space_before=6)
    b.tag("{%p endif %}")
    b.bullets("krok in project.next_steps", b.inline("krok"), style="List Number")

    b.authors()
    unhyphenated_headers(b)
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main(["feasibility"] + sys.argv[1:]))
