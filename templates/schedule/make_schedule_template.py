"""Generator of templates/schedule/template.docx: the implementation schedule (landscape, Gantt chart).

    python templates/schedule/make_schedule_template.py      # regenerate (python tools/make_templates.py does all)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))  # docx_builder: the shared builder

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.shared import Pt

from docx_builder import (GREY, HEADER_FILL, TABLE_STYLE, TemplateBuilder, repeat_header, set_table_look, set_widths,
                          shade)

PARTNERS_LABEL = '{{ "Partner projektu" if partners|length == 1 else "Partnerzy projektu" }}'
PARTNERS = '{{ partners|map(attribute="name")|list|join_words(" oraz ") if partners else "brak partnerów" }}'


def dynamic_table(b: TemplateBuilder, header_rows, body_rows, widths, fills=None, total_rows=()):
    """A table whose rows are lists of cell texts; loops use {%tr %} and {%tc %} tags.

    The table style formats the first header row and the totals row; a second header row (the
    Gantt chart's periods) is formatted like the first, directly.
    """
    all_rows = [(r, "header") for r in header_rows] + [(r, "body") for r in body_rows] + \
               [(r, "total") for r in total_rows]
    columns = max(len(r) for r, _ in all_rows)
    table = b.doc.add_table(rows=0, cols=columns)
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_table_look(table, first_row=True, last_row=bool(total_rows), first_column=False)
    for index, (texts, kind) in enumerate(all_rows):
        row = table.add_row()
        extra_header = kind == "header" and index > 0
        for cell, text in zip(row.cells, texts):
            align = "left"
            if isinstance(text, tuple):
                text, align = text
            b._cell_text(cell, text, bold=extra_header, align=align, size=None if kind == "header" else 8.5)
            if extra_header:
                shade(cell, HEADER_FILL)
        if kind == "header":
            repeat_header(row)
    set_widths(table, widths)
    b.doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def build() -> TemplateBuilder:
    b = TemplateBuilder(landscape=True)
    b.header_footer("{{ partnership.display_name }}", "Harmonogram realizacji projektu {{ project.code }}")
    b.doc.sections[0].different_first_page_header_footer = False

    b.paragraph("{{ partnership.name }}", align="center", size=10, color=GREY, space_after=2)
    b.paragraph("Harmonogram realizacji projektu", style="Title", space_after=4)
    b.paragraph("{{ project.title }}", style="Subtitle", space_after=10)
    b.key_value_table([
        ("Kod projektu", "{{ project.code }}"),
        ("Lider projektu", "{{ leader.name }}"),
        (PARTNERS_LABEL, PARTNERS),
        ("Okres realizacji", "{{ project.start|date_long }} – {{ project.end|date_long }} "
                             "({{ project.duration_months|plural(\"miesiąc\", \"miesiące\", \"miesięcy\") }})"),
        ("Koszt całkowity", "{{ project.total_cost|money }} (słownie: {{ project.total_cost|money_words }})"),
        ("Stan na dzień", "{{ document.date|date_long }}, wersja {{ document.version }}"),
    ], widths=(5.0, 20.7))

    b.heading("1. Zadania i kamienie milowe")
    b.paragraph("Projekt obejmuje {{ project.tasks|length|plural(\"zadanie\", \"zadania\", \"zadań\") }}"
                "{% if milestones %}, w tym {{ milestones|length|plural(\"kamień milowy\", \"kamienie milowe\", "
                "\"kamieni milowych\") }}{% endif %}.")
    b.caption("Tabela 1. Zadania projektu")
    b.loop_table(
        ["Lp.", "Id", "Zadanie", "Początek", "Koniec", "Miesiące", "Odpowiedzialny", "Zależy od", "Koszt [zł]"],
        "z in tasks",
        ["{{ loop.index }}", "{{ z.task.id }}", "{% if z.task.milestone %}◆ {% endif %}{{ z.task.name }}",
         "{{ z.task.start|date_short }}", "{{ z.task.end|date_short }}", "{{ \"–\" if z.task.milestone else z.months }}", "{{ z.responsible.name }}",
         "{{ z.task.depends_on|join(\", \") or \"–\" }}", "{{ z.task.cost|money(false) }}"],
        widths=[1.0, 1.3, 7.4, 2.5, 2.5, 1.8, 4.2, 2.2, 2.8],
        align=["center", "center", "left", "center", "center", "center", "left", "center", "right"],
        totals=["", "", "Razem", "", "", "", "", "", "{{ project.tasks_total|money(false) }}"])

    b.heading("2. Wykres Gantta")
    # The heading goes straight to the caption and the chart, the legend under the chart: LibreOffice keeps a
    # heading with a caption and its table, but not a heading, a sentence and a caption (the heading was left
    # alone at a page's foot).
    b.caption("Rysunek 1. Harmonogram realizacji projektu (wykres Gantta)")
    loop_open, loop_close = "{%tc for p in gantt.periods %}", "{%tc endfor %}"
    chart = dynamic_table(
        b,
        header_rows=[
            ["Lp.", "Zadanie", "{%tc for y in gantt.years %}", ("{% colspan y[1] %}{{ y[0] }}", "center"),
             "{%tc endfor %}"],
            ["", "", loop_open, ("{{ p.label }}", "center"), loop_close],
        ],
        body_rows=[
            ["{%tr for r in gantt.rows %}"],
            [("{{ loop.index }}", "center"), "{{ r.task.id }} {{ r.task.name }}", "{%tc for c in r.cells %}",
             ("{% cellbg c.fill %}{{ c.mark }}", "center"), "{%tc endfor %}"],
            ["{%tr endfor %}"],
        ],
        widths=[1.0, 7.5, 0.1, 0.95, 0.1],
    )
    for column in (0, 1):  # "Lp." and "Zadanie" span both header rows (years and periods)
        merged = chart.cell(0, column).merge(chart.cell(1, column))
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    b.paragraph("Wykres przedstawia okres realizacji zadań w podziale na {{ gantt.scale }}. "
                "Zacieniowane pola oznaczają okres realizacji zadania, symbol ◆ – termin kamienia milowego.")

    b.heading("3. Harmonogram rzeczowo-finansowy")
    b.paragraph("Harmonogram rzeczowo-finansowy przedstawia wydatki projektu w czterech ujęciach: według zadań, "
                "według okresów (lat i kwartałów), według członków partnerstwa finansujących zadania oraz jako "
                "prognozę wniosków o płatność. Kwoty podano w złotych; "
                "dofinansowanie UE przypisano zadaniom i okresom proporcjonalnie do wydatków kwalifikowalnych, "
                "a sumy w każdym ujęciu są równe co do grosza.")
    b.heading("3.1. Koszty zadań w podziale na lata", level=2)
    b.tag("{%p if proportional_split %}")
    b.paragraph("Koszty zadań, dla których nie podano podziału na lata, rozdzielono proporcjonalnie do liczby "
                "miesięcy realizacji zadania w danym roku.").paragraph_format.keep_with_next = True
    b.tag("{%p endif %}")
    b.caption("Tabela 2. Koszty zadań w podziale na lata [zł]")
    dynamic_table(
        b,
        header_rows=[["Lp.", "Zadanie", "{%tc for y in costs.years %}", ("{{ y }}", "center"), "{%tc endfor %}",
                      ("Razem", "center")]],
        body_rows=[
            ["{%tr for r in costs.rows %}"],
            [("{{ loop.index }}", "center"), "{{ r.task.id }} {{ r.task.name }}", "{%tc for a in r.amounts %}",
             ("{{ a|money(false) if a else \"–\" }}", "right"), "{%tc endfor %}",
             ("{{ r.task.cost|money(false) }}", "right")],
            ["{%tr endfor %}"],
        ],
        total_rows=[["", "Razem", "{%tc for t in costs.totals %}", ("{{ t|money(false) }}", "right"),
                     "{%tc endfor %}", ("{{ costs.total|money(false) }}", "right")]],
        widths=[1.0, 9.0, 0.1, 3.0, 0.1, 3.2],
    )

    b.heading("3.2. Budżet zadań według źródeł finansowania", level=2)
    b.paragraph("{% if plan.linked_categories %}Wydatki kwalifikowalne i niekwalifikowalne zadania to suma "
                "przypisanych mu kategorii kosztów.{% else %}Wydatki kwalifikowalne rozdzielono między zadania "
                "proporcjonalnie do ich kosztu, ponieważ kategorie kosztów nie wskazują zadań.{% endif %}")
    b.caption("Tabela 3. Wydatki zadań według kwalifikowalności i źródeł finansowania [zł]")
    dynamic_table(
        b,
        header_rows=[["Lp.", "Zadanie", "{%tc for h in plan.columns %}", ("{{ h }}", "center"), "{%tc endfor %}"]],
        body_rows=[
            ["{%tr for r in plan.by_task %}"],
            [("{{ loop.index }}", "center"), "{{ r.id }} {{ r.name }}", "{%tc for a in r.cells %}",
             ("{{ a|money(false) if a else \"–\" }}", "right"), "{%tc endfor %}"],
            ["{%tr endfor %}"],
        ],
        total_rows=[["", "Razem", "{%tc for t in plan.total %}", ("{{ t|money(false) }}", "right"),
                     "{%tc endfor %}"]],
        widths=[1.0, 7.3, 0.1, 2.9, 0.1],
    )

    b.heading("3.3. Wydatki w podziale na lata i kwartały", level=2)
    b.caption("Tabela 4. Wydatki projektu w kolejnych kwartałach i latach [zł]")
    dynamic_table(
        b,
        header_rows=[["Okres", "{%tc for h in plan.columns %}", ("{{ h }}", "center"), "{%tc endfor %}"]],
        body_rows=[
            ["{%tr for r in plan.by_period %}"],
            ["{% cellbg r.fill %}{{ r.label }}", "{%tc for a in r.cells %}",
             ("{% cellbg r.fill %}{{ a|money(false) if a else \"–\" }}", "right"), "{%tc endfor %}"],
            ["{%tr endfor %}"],
        ],
        total_rows=[["Razem", "{%tc for t in plan.total %}", ("{{ t|money(false) }}", "right"), "{%tc endfor %}"]],
        widths=[3.5, 0.1, 3.2, 0.1],
    )
    b.heading("3.4. Wydatki lidera i partnerów według finansowanych zadań", level=2)
    b.paragraph("Każdy członek partnerstwa ponosi wydatki zadań, które finansuje; jego wydatki kwalifikowalne, "
                "dofinansowanie UE i wkład własny wynikają z tych zadań i z ich rozłożenia w czasie, a nie "
                "z podziału całego projektu w stałych proporcjach. {% if plan.named_financing %}Zadanie, przy którym "
                "nie wskazano finansujących, finansuje członek odpowiedzialny za jego realizację.{% else %}Każde "
                "zadanie finansuje członek odpowiedzialny za jego realizację.{% endif %}")
    b.caption("Tabela 5. Wydatki członków partnerstwa według finansowanych zadań i źródeł finansowania [zł]")
    dynamic_table(
        b,
        header_rows=[["Członek partnerstwa i zadanie", "{%tc for h in plan.columns %}", ("{{ h }}", "center"),
                      "{%tc endfor %}"]],
        body_rows=[
            ["{%tr for r in plan.by_member %}"],
            ["{% cellbg r.fill %}{{ r.label }}", "{%tc for a in r.cells %}",
             ("{% cellbg r.fill %}{{ a|money(false) if a else \"–\" }}", "right"), "{%tc endfor %}"],
            ["{%tr endfor %}"],
        ],
        total_rows=[["Razem", "{%tc for t in plan.total %}", ("{{ t|money(false) }}", "right"), "{%tc endfor %}"]],
        widths=[8.3, 0.1, 2.9, 0.1],
    )
    b.heading("3.5. Wkład własny lidera i partnerów w latach", level=2)
    b.paragraph("Wkład własny każdego członka w danym roku to wydatki finansowanych przez niego zadań poniesione "
                "w tym roku, pomniejszone o przypadające na nie dofinansowanie UE{% if plan.columns|length > 5 %} "
                "i inne źródła{% endif %}; członek, którego zadania nie mają w danym roku wydatków, nie wnosi w nim "
                "wkładu. Łącznie wkład własny wynosi {{ plan.own_total|money }}.")
    b.caption("Tabela 6. Wkład własny lidera i partnerów w podziale na lata [zł]")
    dynamic_table(
        b,
        header_rows=[["Lp.", "Członek partnerstwa", "{%tc for y in plan.years %}", ("{{ y }}", "center"),
                      "{%tc endfor %}", ("Razem", "center"), ("Udział", "center")]],
        body_rows=[
            ["{%tr for p in plan.partners %}"],
            [("{{ loop.index }}", "center"), "{{ p.name }}", "{%tc for a in p.years %}",
             ("{{ a|money(false) if a else \"–\" }}", "right"), "{%tc endfor %}",
             ("{{ p.total|money(false) if p.total else \"–\" }}", "right"), ("{{ p.share|percent }}", "right")],
            ["{%tr endfor %}"],
        ],
        total_rows=[["", "Razem", "{%tc for t in plan.partner_year_totals %}", ("{{ t|money(false) }}", "right"),
                     "{%tc endfor %}", ("{{ plan.own_total|money(false) }}", "right"), ("100,00%", "right")]],
        widths=[1.0, 8.0, 0.1, 3.0, 0.1, 3.2, 2.2],
    )

    b.heading("3.6. Prognoza wniosków o płatność", level=2)
    b.paragraph("Prognoza zakłada, że wnioskodawca składa wniosek o płatność co kwartał i rozlicza w nim wydatki "
                "kwalifikowalne poniesione w tym kwartale; wnioskowana kwota to przypadające na nie dofinansowanie UE "
                "({{ plan.eu_total|money }} łącznie).")
    b.caption("Tabela 7. Prognoza wniosków o płatność [zł]")
    b.loop_table(
        ["Lp.", "Kwartał", "Wydatki kwalifi\u00adkowalne", "Wnioskowane dofinansowanie UE",
         "Dofinansowanie narastająco", "Narastająco [%]"],
        "w in plan.claims",
        ["{{ loop.index }}", "{{ w.quarter.label }}", "{{ w.eligible|money(false) if w.eligible else \"–\" }}",
         "{{ w.eu|money(false) if w.eu else \"–\" }}", "{{ w.cumulative_eu|money(false) }}",
         "{{ w.cumulative_share|percent }}"],
        widths=[1.0, 4.5, 5.0, 5.2, 5.2, 4.8], align=["center", "left", "right", "right", "right", "right"],
        totals=["", "Razem", "{{ plan.eligible_total|money(false) }}", "{{ plan.eu_total|money(false) }}", "", ""])

    b.paragraph("Wykres pokazuje, jak wydatki rozkładają się na kwartały realizacji i jaką ich część pokrywa "
                "dofinansowanie UE.").paragraph_format.keep_with_next = True  # never alone under the table
    b.paragraph("{{ plan.chart }}", align="center", space_after=2)
    b.caption("Rysunek 2. Wydatki projektu w kolejnych kwartałach [zł]")

    b.tag("{%p if milestones %}")
    b.heading("4. Kamienie milowe")
    b.tag("{%p endif %}")
    b.bullets("m in milestones", "**{{ m.task.name }}** – {{ m.task.end|date_long }} ({{ m.responsible.name }})")
    # The list stays with its heading and whole (the last page never holds one milestone alone).
    b.doc.paragraphs[-2].paragraph_format.keep_with_next = True
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main(["schedule"] + sys.argv[1:]))
