"""Generator of src/cwd_docs/_templates/{supralocal,strategy_zit,strategy_iit}/template.docx: the three strategies.

    python tools/make_strategy_templates.py            # regenerate (python tools/make_templates.py does all)

Chapters and legal elements come from the plugin (cwd_docs.plugins.strategy), so a chapter's title and
number are written once, there, for the template and the annex alike.
"""

from __future__ import annotations

import sys

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from docx_builder import GREY, NAVY, TemplateBuilder, add_field

from cwd_docs.plugins.strategy.kinds import CHAPTER_TITLES, StrategyKind  # noqa: E402
from cwd_docs.plugins.strategy.iit import IIT  # noqa: E402
from cwd_docs.plugins.strategy.zit import ZIT  # noqa: E402
from cwd_docs.plugins.strategy.supralocal import SUPRALOCAL  # noqa: E402

KINDS = (SUPRALOCAL, ZIT, IIT)

SUBTITLES = {
    "supralocal": "strategia rozwoju ponadlokalnego w rozumieniu art. 10g ustawy o samorządzie gminnym",
    "strategy_zit": "strategia terytorialna dla Zintegrowanych Inwestycji Terytorialnych "
                    "(art. 29 rozporządzenia (UE) 2021/1060)",
    "strategy_iit": "strategia terytorialna dla Innych Instrumentów Terytorialnych "
                    "(art. 29 rozporządzenia (UE) 2021/1060)",
}
INTRO = {
    "supralocal": "Strategia została opracowana wspólnie przez gminy partnerstwa na podstawie art. 10g ustawy "
                  "z dnia 8 marca 1990 r. o samorządzie gminnym, z odpowiednim zastosowaniem art. 10e ust. 2–4 tej "
                  "ustawy, oraz zgodnie z ustawą z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju.",
    "strategy_zit": "Strategia jest strategią terytorialną w rozumieniu art. 29 rozporządzenia Parlamentu "
                    "Europejskiego i Rady (UE) 2021/1060 i stanowi podstawę realizacji Zintegrowanych Inwestycji "
                    "Terytorialnych na obszarze partnerstwa.",
    "strategy_iit": "Strategia jest strategią terytorialną w rozumieniu art. 29 rozporządzenia Parlamentu "
                    "Europejskiego i Rady (UE) 2021/1060 i stanowi warunek realizacji Innych Instrumentów "
                    "Terytorialnych (IIT) na obszarze partnerstwa.",
}


class Chapters:
    def __init__(self, b: TemplateBuilder, kind: StrategyKind):
        self.b, self.kind = b, kind
        self.figure = 0

    def heading(self, key: str) -> str:
        number = self.kind.chapter_number(key)
        self.b.heading(f"{number}. {CHAPTER_TITLES[key]}", bookmark=f"ch_{key}")
        return str(number)

    def image(self, expression: str, caption: str) -> None:
        self.figure += 1
        paragraph = self.b.paragraph("{{ " + expression + " }}", align="center", space_before=6, space_after=2)
        paragraph.paragraph_format.keep_with_next = True
        self.b.caption(f"Rysunek {self.figure}. {caption}")

    # --- chapters --------------------------------------------------------------------------
    def intro(self) -> None:
        self.heading("intro")
        b = self.b
        b.paragraph(INTRO[self.kind.name])
        b.paragraph("Strategię przygotowało partnerstwo „{{ partnership.name }}” ({{ partnership.cooperation_form.value }}) "
                    "z udziałem {{ members|length|plural(\"jednostki\", \"jednostek\", \"jednostek\") }} samorządu "
                    "terytorialnego; liderem partnerstwa jest {{ leader.name }}. Prace prowadzono w ramach programu "
                    "„{{ partnership.cwd_edition }}”.")
        b.paragraph("Strategia jest spójna ze strategią „{{ strategy.regional_strategy }}” i obejmuje okres "
                    "{{ strategy.years }}.")
        if self.kind.name == "strategy_iit":
            b.paragraph("**Podstawa objęcia instrumentem IIT:** {{ strategy.iit_basis.value }}.")

    def area(self) -> None:
        self.heading("area")
        b = self.b
        b.markdown("strategy.area_description")
        b.caption("Tabela 1. Jednostki samorządu terytorialnego na obszarze strategii")
        b.loop_table(
            ["Lp.", "Jednostka samorządu terytorialnego", "Rodzaj", "Kod TERYT", "Liczba mieszkańców",
             "Powierzchnia [km²]"],
            "m in members",
            ["{{ loop.index }}", "{{ m.name }}", "{{ m.kind.value }}", "{{ m.teryt }}",
             "{{ m.population|number if m.population is not none else \"–\" }}",
             "{{ m.area_km2|number(1) if m.area_km2 is not none else \"–\" }}"],
            widths=[1.0, 5.2, 3.6, 2.0, 2.2, 2.0], align=["center", "left", "left", "center", "right", "right"],
            totals=["", "Razem (gminy)", "", "", "{{ population|number if population is not none else \"–\" }}",
                    "{{ area_km2|number(1) if area_km2 is not none else \"–\" }}"])

    def diagnosis(self) -> None:
        number = self.heading("diagnosis")
        b = self.b
        b.paragraph("Najważniejsze wnioski z diagnozy obszaru partnerstwa w podziale na sfery:")
        b.tag("{%p for d in dimensions if d['items'] %}")
        b.heading(number + ".{{ loop.index }}. Sfera {{ d.name }}", level=2)
        b.tag("{%p for w in d['items'] %}")
        b.paragraph(b.inline("w"), style="List Bullet")
        b.tag("{%p endfor %}")
        b.tag("{%p endfor %}")
        b.tag("{%p if strategy.diagnosis.swot %}")
        b.heading(number + ".5. Analiza SWOT", level=2)
        b.caption("Tabela 2. Analiza SWOT obszaru partnerstwa")
        table = b.doc.add_table(rows=2, cols=2)
        table.style = "Table Grid"
        for cell, (label, key, fill) in zip(
                [table.cell(0, 0), table.cell(0, 1), table.cell(1, 0), table.cell(1, 1)],
                [("Mocne strony", "strengths", "E2EFDA"), ("Słabe strony", "weaknesses", "FCE4D6"),
                 ("Szanse", "opportunities", "DDEBF7"), ("Zagrożenia", "threats", "FFF2CC")]):
            from docx_builder import shade
            shade(cell, fill)
            first = cell.paragraphs[0]
            b.runs(first, label, bold=True)
            for text in ("{%p for x in strategy.diagnosis.swot." + key + " %}", "• " + b.inline("x"), "{%p endfor %}"):
                paragraph = cell.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(1)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                b.runs(paragraph, text, size=9.5)
        from docx_builder import set_widths
        set_widths(table, [8.0, 8.0])
        b.tag("{%p endif %}")

    def needs(self) -> None:
        number = self.heading("needs")
        b = self.b
        b.heading(number + ".1. Potrzeby rozwojowe", level=2)
        b.bullets("x in strategy.needs_potential.needs", b.inline("x"))
        b.heading(number + ".2. Potencjał obszaru", level=2)
        b.bullets("x in strategy.needs_potential.potential", b.inline("x"))
        b.heading(number + ".3. Powiązania gospodarcze, społeczne i środowiskowe", level=2)
        b.key_value_table([
            ("Powiązania gospodarcze", b.inline("strategy.needs_potential.interlinkages.economic")),
            ("Powiązania społeczne", b.inline("strategy.needs_potential.interlinkages.social")),
            ("Powiązania środowiskowe", b.inline("strategy.needs_potential.interlinkages.environmental")),
        ])

    def goals(self) -> None:
        self.heading("goals")
        b = self.b
        b.markdown("strategy.vision", lead="Wizja.")
        b.markdown("strategy.mission", lead="Misja.")
        b.paragraph("Strategia wyznacza {{ strategy.goals|length|plural(\"cel strategiczny\", \"cele strategiczne\", "
                    "\"celów strategicznych\") }}:")
        b.caption("Tabela 3. Cele strategiczne")
        b.loop_table(["Kod", "Cel strategiczny", "Wymiar", "Opis"], "g in strategy.goals",
                     ["{{ g.code }}", "{{ g.name }}", "{{ g.dimension.value }}",
                      "{% if g.description %}" + b.inline("g.description") + "{% else %}–{% endif %}"],
                     widths=[1.3, 4.7, 2.5, 7.5], align=["center", "left", "left", "left"])

    def directions(self) -> None:
        number = self.heading("directions")
        b = self.b
        b.tag("{%p for g in strategy.goals %}")
        b.heading(number + ".{{ loop.index }}. Cel {{ g.code }}. {{ g.name }}", level=2)
        b.tag("{%p for k in g.directions %}")
        b.paragraph("**{{ k.code }}** {{ k.name }}{% if k.description %} – " + b.inline("k.description")
                    + "{% endif %}", style="List Bullet")
        b.tag("{%p endfor %}")
        b.tag("{%p endfor %}")

    def results(self) -> None:
        self.heading("results")
        b = self.b
        b.paragraph("Rezultaty oznaczone jako przestrzenne opisują efekty planowanych działań w układzie "
                    "przestrzennym.")
        b.caption("Tabela 4. Oczekiwane rezultaty i wskaźniki")
        b.loop_table(["Cel", "Rezultat / wskaźnik", "Jednostka", "Wartość bazowa", "Wartość docelowa", "Rok",
                      "Przestrzenny"], "r in results",
                     ["{{ r.goal.code }}", "{{ r.result.name }}", "{{ r.result.unit }}", "{{ r.result.base|number }}",
                      "{{ r.result.target|number }}", "{{ r.result.year }}",
                      "{{ \"tak\" if r.result.spatial else \"nie\" }}"],
                     widths=[1.2, 5.8, 2.0, 1.9, 1.9, 1.3, 1.9],
                     align=["center", "left", "center", "right", "right", "center", "center"])

    def model(self) -> None:
        self.heading("model")
        b = self.b
        b.markdown("strategy.functional_model.description")
        self.image("maps.model", "Model struktury funkcjonalno-przestrzennej obszaru partnerstwa")

    def spatial(self) -> None:
        self.heading("spatial")
        self.b.bullets("x in strategy.spatial_policy", self.b.inline("x"))

    def osi(self) -> None:
        number = self.heading("osi")
        sections = (
            ("regional", "Obszary wskazane w strategii rozwoju województwa",
             "Na obszarze partnerstwa nie wskazano obszarów strategicznej interwencji województwa.",
             "Obszary strategicznej interwencji wskazane w strategii województwa"),
            ("local", "Obszary strategicznej interwencji kluczowe dla gmin",
             "Partnerstwo nie wyznaczyło lokalnych obszarów strategicznej interwencji.",
             "Obszary strategicznej interwencji kluczowe dla gmin partnerstwa"),
        )
        b = self.b
        for index, (kind, title, none_text, figure) in enumerate(sections, start=1):
            b.heading(f"{number}.{index}. {title}", level=2)
            b.tag("{%p if osi_" + kind + " %}")
            b.loop_table(["Obszar strategicznej interwencji", "Jednostki na obszarze", "Zakres planowanych działań"],
                         f"o in osi_{kind}",
                         ["{{ o.area.name }}", "{{ o.members|join_words }}", b.inline("o.area.scope")],
                         widths=[4.5, 4.5, 7.0])
            b.tag("{%p endif %}")
            b.tag("{%p if not osi_" + kind + " %}")
            b.paragraph(none_text)
            b.tag("{%p endif %}")
            b.tag("{%p if maps.osi_" + kind + " %}")
            self.image(f"maps.osi_{kind}", figure)
            b.tag("{%p endif %}")

    def integrated(self) -> None:
        self.heading("integrated")
        self.b.markdown("strategy.integrated_approach")

    def partners(self) -> None:
        self.heading("partners")
        self.b.markdown("strategy.partner_involvement")

    def projects(self) -> None:
        self.heading("projects")
        b = self.b
        b.tag("{%p if projects %}")
        b.paragraph("Pakiet obejmuje {{ projects|length|plural(\"projekt\", \"projekty\", \"projektów\") }} "
                    "o łącznej wartości {{ projects_total|money }}, w tym wnioskowane dofinansowanie UE "
                    "{{ projects_eu|money }}.")
        b.caption("Tabela 5. Pakiet projektów partnerstwa")
        b.loop_table(["Kod", "Tytuł projektu", "Obszar", "Lider", "Wartość [zł]", "Dofinanso\u00adwanie UE [zł]"],
                     "p in projects",
                     ["{{ p.project.code }}", "{{ p.project.title }}", "{{ p.project.theme.value }}", "{{ p.leader }}",
                      "{{ p.project.total_cost|money(false) }}", "{{ p.project.eu_amount|money(false) }}"],
                     widths=[1.2, 4.6, 2.5, 2.5, 2.7, 2.5], align=["center", "left", "left", "left", "right", "right"],
                     totals=["", "Razem", "", "", "{{ projects_total|money(false) }}", "{{ projects_eu|money(false) }}"])
        b.tag("{%p endif %}")
        b.tag("{%p if not projects %}")
        b.paragraph("Pakiet projektów zostanie uzupełniony po zakończeniu prac nad fiszkami projektowymi.")
        b.tag("{%p endif %}")

    def implementation(self) -> None:
        number = self.heading("implementation")
        b = self.b
        b.tag("{%p if strategy.implementation %}")
        for index, (title, key) in enumerate((("Zarządzanie", "management"), ("Monitorowanie", "monitoring"),
                                              ("Ewaluacja", "evaluation")), start=1):
            b.heading(f"{number}.{index}. {title}", level=2)
            b.markdown("strategy.implementation." + key)
        b.heading(f"{number}.4. Wytyczne do sporządzania dokumentów wykonawczych", level=2)
        b.bullets("x in strategy.implementation.implementing_documents", b.inline("x"))
        b.tag("{%p endif %}")
        b.tag("{%p if not strategy.implementation %}")
        b.paragraph("System realizacji zostanie określony w porozumieniu partnerów.")
        b.tag("{%p endif %}")

    def finance(self) -> None:
        self.heading("finance")
        b = self.b
        b.tag("{%p if strategy.financial_framework %}")
        b.markdown("strategy.financial_framework.description")
        b.caption("Tabela 6. Ramy finansowe strategii według źródeł i lat [zł]")
        from make_schedule_template import dynamic_table
        dynamic_table(
            b,
            header_rows=[["Źródło finansowania", "{%tc for y in finance.years %}", ("{{ y }}", "center"),
                          "{%tc endfor %}", ("Razem", "center")]],
            body_rows=[["{%tr for r in finance.rows %}"],
                       ["{{ r.source }}", "{%tc for a in r.amounts %}", ("{{ a|money(false) if a else \"–\" }}", "right"),
                        "{%tc endfor %}", ("{{ r.total|money(false) }}", "right")],
                       ["{%tr endfor %}"]],
            total_rows=[["Razem", "{%tc for t in finance.totals %}", ("{{ t|money(false) }}", "right"),
                         "{%tc endfor %}", ("{{ finance.total|money(false) }}", "right")]],
            widths=[4.6, 0.1, 2.2, 0.1, 2.6])
        b.tag("{%p endif %}")
        b.tag("{%p if not strategy.financial_framework %}")
        b.paragraph("Ramy finansowe zostaną określone po przyjęciu pakietu projektów.")
        b.tag("{%p endif %}")

    def consultation(self) -> None:
        number = self.heading("consultation")
        b = self.b
        b.heading(number + ".1. Konsultacje", level=2)
        b.tag("{%p if strategy.consultation %}")
        b.paragraph("Projekt strategii konsultowano od {{ strategy.consultation.start|date_long }} do "
                    "{{ strategy.consultation.end|date_long }} ({{ strategy.consultation.days|plural(\"dzień\", "
                    "\"dni\", \"dni\") }}). {{ strategy.consultation.announcement }}")
        b.paragraph("Konsultacje objęły:")
        b.bullets("g in strategy.consultation.groups", "{{ g.value }}")
        b.tag("{%p if strategy.consultation.forms %}")
        b.paragraph("Formy konsultacji: {{ strategy.consultation.forms|join(\", \") }}.")
        b.tag("{%p endif %}")
        b.paragraph("Zgłoszono {{ strategy.consultation.comments_received|plural(\"uwagę\", \"uwagi\", \"uwag\") }}, "
                    "uwzględniono {{ strategy.consultation.comments_accepted }}.")
        b.markdown("strategy.consultation.report")
        b.tag("{%p endif %}")
        b.tag("{%p if not strategy.consultation %}")
        b.paragraph("Konsultacje projektu strategii zostaną przeprowadzone po jego przyjęciu przez Radę Partnerstwa.")
        b.tag("{%p endif %}")
        b.heading(number + ".2. Opinie", level=2)
        b.tag("{%p if opinions %}")
        b.loop_table(["Organ", "Data", "Treść / wynik opinii", "Znak"], "o in opinions",
                     ["{{ o.body.value }}", "{{ o.date|date_short }}", b.inline("o.result"), "{{ o.reference or \"–\" }}"],
                     widths=[3.6, 2.4, 6.4, 3.6], align=["left", "center", "left", "left"])
        b.tag("{%p endif %}")
        b.tag("{%p if not opinions %}")
        b.paragraph("Projekt strategii zostanie przekazany do zaopiniowania.")
        b.tag("{%p endif %}")

    def annex(self) -> None:
        b = self.b
        b.page_break()
        b.heading("Załącznik. Zgodność strategii z wymogami prawnymi", bookmark="annex", numbered=False)
        b.paragraph("Tabela wskazuje, w którym rozdziale i na której stronie strategia zawiera każdy element "
                    "wymagany przepisami.")
        table = b.loop_table(["Lp.", "Wymagany element", "Podstawa prawna", "Rozdział", "Strona", "Status"],
                             "e in annex",
                             ["{{ loop.index }}", "{{ e.label }}", "{{ e.basis }}", "{{ e.chapter }}", "",
                              "{{ e.status }}"],
                             widths=[0.8, 4.6, 3.6, 3.6, 1.4, 2.0],
                             align=["center", "left", "left", "left", "center", "center"])
        row = table.rows[2]  # the repeated row: header, {%tr for %}, this one
        # The chapter's number and title come from the plugin's chapter list, like the headings this
        # template was generated with; the page is a PAGEREF to the chapter's bookmark.
        add_field(row.cells[4].paragraphs[0], "PAGEREF {{ e.bookmark }} \\h", "–")


def build(kind: StrategyKind) -> TemplateBuilder:
    b = TemplateBuilder()
    b.header_footer("{{ partnership.display_name }}", "{{ strategy.name }}")
    b.paragraph("{{ partnership.name }}", align="center", size=12, color=GREY, space_after=70)
    title = b.paragraph("{{ strategy.name }}", style="Title")
    title.runs[0].font.size = Pt(22)
    b.paragraph(SUBTITLES[kind.name], align="center", size=12, color=GREY, space_after=40)
    b.paragraph("Członkowie partnerstwa:", align="center", bold=True, color=NAVY, space_after=2)
    b.tag("{%p for m in members %}")
    b.paragraph("{{ m.name }}", align="center", space_after=0)
    b.tag("{%p endfor %}")
    b.paragraph("{{ document.place }}, {{ document.date|date_long }}", align="center", space_before=60,
                space_after=2)
    b.paragraph("Wersja {{ document.version }}", align="center", size=9.5, color=GREY)
    b.page_break()
    b.table_of_contents()
    b.page_break()
    chapters = Chapters(b, kind)
    for key in kind.chapters:
        getattr(chapters, key)()
    b.authors()
    chapters.annex()
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main([kind.name for kind in KINDS] + sys.argv[1:]))
