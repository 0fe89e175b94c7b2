"""Generator of templates/{supralocal,strategy_zit,strategy_iit}/template.docx: the three strategies.

    python tools/make_strategy_templates.py            # regenerate (python tools/make_templates.py does all)

Chapters and legal elements come from the plugin (cwd_docs.plugins.strategy), so a chapter's title and
number are written once, there, for the template and the annex alike.
"""

from __future__ import annotations

import sys

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from docx_builder import GREY, NAVY, TemplateBuilder, add_field

from cwd_docs.plugins.strategy.kinds import CHAPTER_ORDER, CHAPTER_TITLES, SUBSECTIONS, StrategyKind  # noqa: E402
from cwd_docs.plugins.strategy.iit import IIT  # noqa: E402
from cwd_docs.plugins.strategy.zit import ZIT  # noqa: E402
from cwd_docs.plugins.strategy.supralocal import SUPRALOCAL  # noqa: E402

KINDS = (SUPRALOCAL, ZIT, IIT)

INTRO = {
    "supralocal": "Strategia została opracowana wspólnie przez gminy partnerstwa na podstawie art. 10g ustawy "
                  "z dnia 8 marca 1990 r. o samorządzie gminnym, z odpowiednim zastosowaniem art. 10e ust. 2–4 tej "
                  "ustawy, oraz zgodnie z ustawą z dnia 6 grudnia 2006 r. o zasadach prowadzenia polityki rozwoju."
                  "{% if kind.serving %} Strategia pełni jednocześnie funkcję strategii terytorialnej "
                  "w rozumieniu art. 29 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2021/1060 dla instrumentu "
                  "{{ kind.serving }} i zawiera elementy wymagane tym przepisem.{% endif %}",
    "strategy_zit": "Strategia jest strategią terytorialną w rozumieniu art. 29 rozporządzenia Parlamentu "
                    "Europejskiego i Rady (UE) 2021/1060 i stanowi podstawę realizacji Zintegrowanych Inwestycji "
                    "Terytorialnych na obszarze partnerstwa.",
    "strategy_iit": "Strategia jest strategią terytorialną w rozumieniu art. 29 rozporządzenia Parlamentu "
                    "Europejskiego i Rady (UE) 2021/1060 i stanowi warunek realizacji Innych Instrumentów "
                    "Terytorialnych (IIT) na obszarze partnerstwa.",
}


class Chapters:
    """The chapters of a strategy; each is in the template once, the context says whether the document has it."""

    def __init__(self, b: TemplateBuilder, kind: StrategyKind):
        self.b, self.kind = b, kind

    def heading(self, key: str) -> None:
        self.b.heading(CHAPTER_TITLES[key], bookmark=f"ch_{key}")
        self.gaps(f"ch_{key}")

    def subheading(self, anchor: str) -> None:
        self.b.heading(SUBSECTIONS[anchor][1], level=2, bookmark=anchor)
        self.gaps(anchor)

    def gaps(self, anchor: str) -> None:
        """Missing required content, marked where it would stand (highlighted) – never a sentence for it."""
        self.b.tag("{%p for g in gaps." + anchor + " %}")
        self.b.paragraph("{{r g|gap }}")
        self.b.tag("{%p endfor %}")

    def image(self, expression: str, caption: str) -> None:
        paragraph = self.b.paragraph("{{ " + expression + " }}", align="center", space_before=6, space_after=2)
        paragraph.paragraph_format.keep_with_next = True
        self.b.caption(f"Rysunek 1. {caption}")

    def table_caption(self, text: str) -> None:
        self.b.caption(f"Tabela 1. {text}")

    def note_under_table(self, text: str, condition: str = "") -> None:
        """A source or legend line right under the table (in place of the spacing paragraph after it)."""
        spacer = self.b.doc.paragraphs[-1]
        spacer._p.getparent().remove(spacer._p)
        if condition:
            self.b.tag("{%p if " + condition + " %}")
        self.b.paragraph(text, size=8.5, color=GREY, space_before=2, space_after=8)
        if condition:
            self.b.tag("{%p endif %}")

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
        b.tag("{%p if kind.iit %}")
        b.paragraph("**Podstawa objęcia instrumentem IIT:** {{ strategy.iit_basis.value if strategy.iit_basis "
                    "else \"–\" }}.")
        b.tag("{%p endif %}")

    def area(self) -> None:
        self.heading("area")
        b = self.b
        b.markdown("strategy.area_description")
        self.table_caption("Jednostki samorządu terytorialnego na obszarze strategii")
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
        b.tag("{%p if maps.location %}")
        self.image("maps.location", "Położenie obszaru partnerstwa w województwie")
        b.tag("{%p endif %}")

    def diagnosis(self) -> None:
        self.heading("diagnosis")
        b = self.b
        b.tag("{%p for d in diagnosis %}")
        b.heading("{{ d.section.title }}", level=2)
        b.markdown("d.section.text")
        values = ["{{ r.row.indicator }}", "{{ r.row.unit }}", "{{ r.value }}", "{{ r.voivodeship }}",
                  "{{ r.country }}", "{{ r.row.year }}"]
        headers = ["Wskaźnik", "Jednostka", "Obszar partnerstwa", "Województwo", "Polska", "Rok"]
        b.tag("{%p if d.rows and d.source %}")
        self.table_caption("{{ d.section.title }} – wybrane dane")
        b.loop_table(headers, "r in d.rows", values, widths=[6.4, 2.0, 2.2, 2.2, 1.9, 1.3],
                     align=["left", "center", "right", "right", "right", "center"])
        self.note_under_table("Źródło: {{ d.source }}.")
        b.tag("{%p endif %}")
        b.tag("{%p if d.rows and not d.source %}")
        self.table_caption("{{ d.section.title }} – wybrane dane")
        b.loop_table(headers + ["Źródło"], "r in d.rows", values + ["{{ r.row.source }}"],
                     widths=[4.4, 1.7, 2.0, 2.0, 1.7, 1.1, 3.1],
                     align=["left", "center", "right", "right", "right", "center", "left"])
        b.tag("{%p endif %}")
        b.tag("{%p if d.chart %}")
        self.image("d.chart", "{{ d.section.trend.indicator }} ({{ d.section.trend.unit }}); źródło: "
                              "{{ d.section.trend.source }}")
        b.tag("{%p endif %}")
        b.tag("{%p endfor %}")
        self.subheading("sec_conclusions")
        b.paragraph("Najważniejsze wnioski z diagnozy obszaru partnerstwa w podziale na sfery:")
        b.tag("{%p for d in dimensions if d['items'] %}")
        b.paragraph("**Sfera {{ d.name }}**", space_before=4, space_after=2).paragraph_format.keep_with_next = True
        b.bullets("w in d['items']", b.inline("w"))
        b.tag("{%p endfor %}")
        b.tag("{%p if strategy.diagnosis.swot %}")
        self.subheading("sec_swot")
        self.table_caption("Analiza SWOT obszaru partnerstwa")
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
        b.tag("{%p if strategy.diagnosis.tows %}")
        b.paragraph("Z zestawienia czynników wewnętrznych i zewnętrznych (analiza TOWS) wynikają kierunki "
                    "strategiczne: SO – wykorzystanie szans dzięki mocnym stronom, WO – przezwyciężanie słabości "
                    "dzięki szansom, ST – ograniczanie zagrożeń mocnymi stronami, WT – ograniczanie słabości "
                    "i zagrożeń.", space_before=8)
        self.table_caption("Wnioski z analizy TOWS")
        b.loop_table(["Strategia", "Wniosek dla strategii"], "t in strategy.diagnosis.tows",
                     ["{{ t.kind.value }}", b.inline("t.text")], widths=[2.2, 13.8], align=["center", "left"])
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")

    def needs(self) -> None:
        self.heading("needs")
        b = self.b
        b.tag("{%p if strategy.needs_potential %}")
        b.heading("Potrzeby rozwojowe", level=2)
        b.bullets("x in strategy.needs_potential.needs", b.inline("x"))
        b.heading("Potencjał obszaru", level=2)
        b.bullets("x in strategy.needs_potential.potential", b.inline("x"))
        b.heading("Powiązania gospodarcze, społeczne i środowiskowe", level=2)
        self.table_caption("Powiązania gospodarcze, społeczne i środowiskowe obszaru partnerstwa")
        b.key_value_table([
            ("Powiązania gospodarcze", b.inline("strategy.needs_potential.interlinkages.economic")),
            ("Powiązania społeczne", b.inline("strategy.needs_potential.interlinkages.social")),
            ("Powiązania środowiskowe", b.inline("strategy.needs_potential.interlinkages.environmental")),
        ])
        b.tag("{%p endif %}")

    def goals(self) -> None:
        self.heading("goals")
        b = self.b
        b.markdown("strategy.vision", lead="Wizja.")
        b.markdown("strategy.mission", lead="Misja.")
        b.paragraph("Strategia wyznacza {{ strategy.goals|length|plural(\"cel strategiczny\", \"cele strategiczne\", "
                    "\"celów strategicznych\") }}; każdy z nich rozwijają cele operacyjne i kierunki działań "
                    "opisane w następnym rozdziale.")
        self.table_caption("Cele strategiczne i operacyjne")
        b.loop_table(["Kod", "Cel strategiczny", "Wymiar", "Cele operacyjne"], "g in strategy.goals",
                     ["{{ g.code }}", "**{{ g.name }}**", "{{ g.dimension.value }}",
                      "{% for op in g.operational_goals %}{{ op.code }} {{ op.name }}{% if not loop.last %}; "
                      "{% endif %}{% else %}–{% endfor %}"],
                     widths=[1.3, 4.7, 2.5, 7.5], align=["center", "left", "left", "left"])

    def directions(self) -> None:
        self.heading("directions")
        b = self.b
        b.tag("{%p for x in directions %}")
        b.heading("Cel {{ x.goal.code }}. {{ x.goal.name }}", level=2)
        b.tag("{%p if x.goal.description %}")
        b.paragraph(b.inline("x.goal.description"))
        b.tag("{%p endif %}")
        b.tag("{%p for o in x.groups %}")
        b.tag("{%p if o.op %}")
        b.heading("Cel operacyjny {{ o.op.code }}. {{ o.op.name }}", level=3)
        b.tag("{%p endif %}")
        b.tag("{%p for k in o.directions %}")
        head = b.paragraph("**Kierunek {{ k.d.code }}. {{ k.d.name }}**", space_before=4, space_after=2)
        head.paragraph_format.keep_with_next = True
        b.tag("{%p if k.d.description %}")
        b.paragraph(b.inline("k.d.description"))
        b.tag("{%p endif %}")
        b.paragraph("Realizują: {{ k.members|join_words(\" oraz \") if k.members else \"wszyscy członkowie partnerstwa\" }}. "
                    "Obszar strategicznej interwencji: {{ k.osi|join(\"; \") if k.osi else \"cały obszar "
                    "partnerstwa\" }}.", size=9.5, color=GREY)
        b.tag("{%p endfor %}")
        b.tag("{%p endfor %}")
        b.tag("{%p endfor %}")

    def results(self) -> None:
        self.heading("results")
        b = self.b
        b.paragraph("Osiągnięcie celów mierzą wskaźniki z tabeli{% if spatial_results %}; rezultaty oznaczone "
                    "gwiazdką opisują efekty planowanych działań w układzie przestrzennym{% endif %}.")
        self.table_caption("Wskaźniki monitorowania strategii")
        b.loop_table(["Cel", "Wskaźnik", "Jednostka", "Wartość bazowa (rok)", "Wartość docelowa (rok)",
                      "Źródło danych", "Częstość pomiaru"], "r in results",
                     ["{{ r.goal.code }}", "{{ r.result.name }}{% if r.result.spatial %}\u00a0*{% endif %}",
                      "{{ r.result.unit }}",
                      "{{ r.result.base|number }}{% if r.result.base_year %} ({{ r.result.base_year }}){% endif %}",
                      "{{ r.result.target|number }} ({{ r.result.year }})", "{{ r.result.source or \"–\" }}",
                      "{{ r.result.frequency or \"–\" }}"],
                     widths=[1.0, 4.8, 2.0, 2.1, 2.1, 2.4, 1.6],
                     align=["center", "left", "center", "right", "right", "left", "center"])
        self.note_under_table("* rezultat w układzie przestrzennym", condition="spatial_results")

    def model(self) -> None:
        self.heading("model")
        b = self.b
        b.tag("{%p if strategy.functional_model %}")
        b.markdown("strategy.functional_model.description")
        b.tag("{%p if maps.model %}")
        self.image("maps.model", "Model struktury funkcjonalno-przestrzennej obszaru partnerstwa")
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")

    def spatial(self) -> None:
        self.heading("spatial")
        self.b.bullets("x in strategy.spatial_policy", self.b.inline("x"))

    def osi(self) -> None:
        self.heading("osi")
        sections = (
            ("regional", "sec_osi_regional",
             "Na obszarze partnerstwa nie wskazano obszarów strategicznej interwencji województwa.",
             "Obszary strategicznej interwencji wskazane w strategii województwa",
             "Obszary strategicznej interwencji województwa na obszarze partnerstwa"),
            ("local", "sec_osi_local",
             "Partnerstwo nie wyznaczyło lokalnych obszarów strategicznej interwencji.",
             "Obszary strategicznej interwencji kluczowe dla gmin partnerstwa",
             "Lokalne obszary strategicznej interwencji"),
        )
        b = self.b
        for kind, anchor, none_text, figure, caption in sections:
            self.subheading(anchor)
            b.tag("{%p if osi_" + kind + " %}")
            self.table_caption(caption)
            b.loop_table(["Obszar strategicznej interwencji", "Jednostki na obszarze", "Zakres planowanych działań"],
                         f"o in osi_{kind}",
                         ["{{ o.area.name }}", "{{ o.members|join_words(\" oraz \") }}", b.inline("o.area.scope")],
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
        b.paragraph("Pakiet projektów kluczowych obejmuje {{ projects|length|plural(\"projekt\", \"projekty\", \"projektów\") }} "
                    "o łącznej wartości {{ projects_total|money }}, w tym wnioskowane dofinansowanie UE "
                    "{{ projects_eu|money }}. Kolumna „Cel” wskazuje cel operacyjny lub kierunek działań, któremu "
                    "służy projekt; dane projektów pochodzą z ich analiz wykonalności.")
        self.table_caption("Pakiet projektów partnerstwa")
        b.loop_table(["Kod", "Tytuł projektu", "Cel", "Lider", "Wartość [zł]", "Dofinanso\u00adwanie UE [zł]"],
                     "p in projects",
                     ["{{ p.project.code }}", "{{ p.project.title }}", "{{ p.goal }}", "{{ p.leader }}",
                      "{{ p.project.total_cost|money(false) }}", "{{ p.project.eu_amount|money(false) }}"],
                     widths=[1.2, 5.4, 1.4, 3.0, 2.6, 2.4], align=["center", "left", "center", "left", "right", "right"],
                     totals=["", "Razem", "", "", "{{ projects_total|money(false) }}", "{{ projects_eu|money(false) }}"])
        self.table_caption("Wartość pakietu projektów według celów strategicznych")
        b.loop_table(["Cel strategiczny", "Liczba projektów", "Wartość [zł]", "Dofinanso\u00adwanie UE [zł]"],
                     "g in projects_by_goal",
                     ["{{ g.goal.code }}. {{ g.goal.name }}", "{{ g.count }}", "{{ g.total|money(false) }}",
                      "{{ g.eu|money(false) }}"],
                     widths=[7.6, 2.2, 3.1, 3.1], align=["left", "center", "right", "right"],
                     totals=["Razem", "{{ projects|length }}", "{{ projects_total|money(false) }}",
                             "{{ projects_eu|money(false) }}"])
        b.tag("{%p endif %}")
        b.tag("{%p if complementary %}")
        b.paragraph("Cele strategii wspierają{% if projects %} także{% endif %} projekty uzupełniające, realizowane "
                    "przez członków partnerstwa{% if projects %} poza pakietem projektów kluczowych{% endif %}:",
                    space_before=6)
        self.table_caption("Projekty uzupełniające")
        b.loop_table(["Lp.", "Tytuł projektu", "Cel", "Realizujący", "Szacunkowa wartość [zł]"], "c in complementary",
                     ["{{ loop.index }}", "{{ c.project.title }}", "{{ c.project.goal }}",
                      "{{ c.members|join_words(\" oraz \") if c.members else \"–\" }}",
                      "{{ c.project.estimated_cost|money(false) if c.project.estimated_cost is not none else \"–\" }}"],
                     widths=[0.9, 6.0, 1.4, 4.7, 3.0], align=["center", "left", "center", "left", "right"])
        b.tag("{%p endif %}")

    def implementation(self) -> None:
        self.heading("implementation")
        b = self.b
        b.tag("{%p if strategy.implementation %}")
        b.heading("Zarządzanie", level=2)
        b.markdown("strategy.implementation.management")
        b.tag("{%p if roles %}")
        self.table_caption("Role członków partnerstwa w realizacji strategii")
        b.loop_table(["Członek partnerstwa", "Rola w realizacji strategii"], "r in roles",
                     ["{{ r.member }}", b.inline("r.role")], widths=[5.0, 11.0])
        b.tag("{%p endif %}")
        b.heading("Monitorowanie", level=2)
        b.markdown("strategy.implementation.monitoring")
        b.heading("Ewaluacja", level=2)
        b.markdown("strategy.implementation.evaluation")
        b.tag("{%p if strategy.implementation.evaluation_plan %}")
        self.table_caption("Plan ewaluacji strategii")
        b.loop_table(["Rodzaj ewaluacji", "Rok", "Zakres i pytania", "Wykonawca"],
                     "e in strategy.implementation.evaluation_plan",
                     ["{{ e.kind }}", "{{ e.year }}", b.inline("e.scope"), "{{ e.performer or \"–\" }}"],
                     widths=[3.4, 1.4, 8.0, 3.2], align=["left", "center", "left", "left"])
        b.tag("{%p endif %}")
        b.tag("{%p if strategy.implementation.implementing_documents %}")
        b.heading("Wytyczne do sporządzania dokumentów wykonawczych", level=2)
        b.bullets("x in strategy.implementation.implementing_documents", b.inline("x"))
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")

    def finance(self) -> None:
        self.heading("finance")
        b = self.b
        b.tag("{%p if strategy.financial_framework %}")
        b.markdown("strategy.financial_framework.description")
        self.table_caption("Ramy finansowe strategii według lat i źródeł [zł]")
        from make_schedule_template import dynamic_table
        dynamic_table(  # a row per year: a framework over the whole period has many years and few sources
            b,
            header_rows=[["Rok", "{%tc for s in finance.sources %}", ("{{ s }}", "center"), "{%tc endfor %}",
                          ("Razem", "center")]],
            body_rows=[["{%tr for r in finance.by_year %}"],
                       [("{{ r.year }}", "center"), "{%tc for a in r.amounts %}",
                        ("{{ a|money(false) if a else \"–\" }}", "right"), "{%tc endfor %}",
                        ("{{ r.total|money(false) }}", "right")],
                       ["{%tr endfor %}"]],
            total_rows=[["Razem", "{%tc for t in finance.source_totals %}", ("{{ t|money(false) }}", "right"),
                         "{%tc endfor %}", ("{{ finance.total|money(false) }}", "right")]],
            widths=[1.6, 0.1, 3.4, 0.1, 3.0])
        b.tag("{%p if finance.checks %}")
        b.paragraph("W każdym roku i dla każdego rodzaju środków ramy finansowe obejmują środki projektów pakietu "
                    "(według ich harmonogramów rzeczowo-finansowych, rozdział {{ ch.projects }}) i szacunkowe środki "
                    "projektów uzupełniających:").paragraph_format.keep_with_next = True
        self.table_caption("Ramy finansowe a pakiet projektów według rodzajów środków i lat [zł]")
        dynamic_table(
            b,
            header_rows=[["Rodzaj środków i rok", "{%tc for h in finance.check_columns %}", ("{{ h }}", "center"),
                          "{%tc endfor %}"]],
            body_rows=[["{%tr for r in finance.checks %}"],
                       ["{% cellbg r.fill %}{{ r.label }}", "{%tc for a in r.cells %}",
                        ("{% cellbg r.fill %}{{ a|money(false) if a else \"–\" }}", "right"), "{%tc endfor %}"],
                       ["{%tr endfor %}"]],
            widths=[5.2, 0.1, 2.7, 0.1])
        # Each part of the surplus in words: the other uses the data allocates, then what is left.
        b.paragraph("Nadwyżka ram to ramy finansowe pomniejszone o środki projektów pakietu i projektów "
                    "uzupełniających{{ ' oraz o inne przeznaczenie środków ram' if finance.surplus.uses else '' }}.")
        b.tag("{%p if finance.surplus.uses %}")
        b.paragraph("Inne przeznaczenie środków ram:").paragraph_format.keep_with_next = True
        b.bullets("u in finance.surplus.uses", "**{{ u.label }} {{ u.when }} – {{ u.amount|money }}**: "
                  + b.inline("u.purpose"))
        b.tag("{%p endif %}")
        left = ("Pozostała nadwyżka ram wynosi {{ finance.surplus.left_total|money }} ({% for l in "
                "finance.surplus.left %}{{ l.label }} {{ l.amount|money }}{{ ', ' if not loop.last else '' }}"
                "{% endfor %}) – ")
        b.tag("{%p if finance.surplus.left %}")
        b.tag("{%p if strategy.financial_framework.surplus_purpose %}")
        b.paragraph(left + b.inline("strategy.financial_framework.surplus_purpose") + ".")
        b.tag("{%p else %}")
        b.paragraph(left + "{{r finance.surplus.gap|gap }}.")
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")
        b.tag("{%p if finance.outside %}")
        b.paragraph("Źródła, z których nie finansuje się projektów pakietu ani projektów uzupełniających:")
        b.bullets("s in finance.outside", "**{{ s.source }}** ({{ s.total|money }}): " + b.inline("s.outside_package"))
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")

    def environment(self) -> None:
        self.heading("environment")
        b = self.b
        b.tag("{%p if assessment %}")
        b.tag("{%p if assessment.procedure.value == \"prognoza\" %}")
        b.paragraph("Dla projektu strategii przeprowadzono strategiczną ocenę oddziaływania na środowisko i sporządzono "
                    "prognozę oddziaływania na środowisko. Zakres i stopień szczegółowości prognozy uzgodniono "
                    "z regionalnym dyrektorem ochrony środowiska ({{ assessment.rdos_agreement|date_long }}) "
                    "i państwowym wojewódzkim inspektorem sanitarnym ({{ assessment.pwis_agreement|date_long }}). "
                    "Prognozę udostępniono wraz z projektem strategii {{ assessment.published|date_long }}, a uwagi do niej "
                    "przyjmowano do {{ assessment.comments_end|date_long }}")
        b.tag("{%p endif %}")
        b.tag("{%p if assessment.procedure.value == \"odstąpienie\" %}")
        b.paragraph("Na podstawie {{ assessment.legal_basis }} odstąpiono od przeprowadzenia strategicznej oceny "
                    "oddziaływania na środowisko ({{ assessment.decision|date_long if assessment.decision else \"–\" }}), "
                    "po uzgodnieniu z regionalnym dyrektorem ochrony środowiska "
                    "({{ assessment.rdos_agreement|date_long }}) i państwowym wojewódzkim inspektorem sanitarnym "
                    "({{ assessment.pwis_agreement|date_long }}).")
        b.tag("{%p endif %}")
        b.markdown("assessment.summary")
        b.tag("{%p endif %}")

    def consultation(self) -> None:
        self.heading("consultation")
        b = self.b
        self.subheading("sec_consultation")
        b.tag("{%p if strategy.consultation %}")
        b.paragraph("Projekt strategii konsultowano od {{ strategy.consultation.start|date_long }} do "
                    "{{ strategy.consultation.end|date_long }} ({{ strategy.consultation.days|plural(\"dzień\", "
                    "\"dni\", \"dni\") }}). {{ strategy.consultation.announcement }}")
        b.paragraph("Konsultacje objęły podmioty wskazane w art. 6 ust. 3 ustawy o zasadach prowadzenia polityki "
                    "rozwoju:")
        b.bullets("g in strategy.consultation.groups", "{{ g.value }}")
        b.tag("{%p if strategy.consultation.forms %}")
        b.paragraph("Formy konsultacji: {{ strategy.consultation.forms|join(\", \") }}.")
        b.tag("{%p endif %}")
        b.paragraph("{% if consultation.received %}Zgłoszono {{ consultation.received|plural(\"uwagę\", \"uwagi\", "
                    "\"uwag\") }}: uwzględniono {{ consultation.accepted }}, częściowo {{ consultation.partly }}, "
                    "nie uwzględniono {{ consultation.rejected }}. Każdą uwagę wraz z odpowiedzią i uzasadnieniem "
                    "zawiera sprawozdanie z konsultacji (załącznik 2){% if strategy.consultation.report_published %}, "
                    "opublikowane {{ strategy.consultation.report_published|date_long }}{% else %}.{% endif %}"
                    "{% else %}W konsultacjach nie zgłoszono uwag.{% endif %}")
        b.markdown("strategy.consultation.summary")
        b.tag("{%p endif %}")
        self.subheading("sec_opinions")
        b.tag("{%p if opinions %}")
        self.table_caption("Opinie o projekcie strategii")
        b.loop_table(["Organ", "Data", "Treść / wynik opinii", "Znak"], "o in opinions",
                     ["{{ o.body.value }}", "{{ o.date|date_short }}", b.inline("o.result"), "{{ o.reference or \"–\" }}"],
                     widths=[3.6, 2.4, 6.4, 3.6], align=["left", "center", "left", "left"])
        b.tag("{%p endif %}")
        self.subheading("sec_resolutions")
        b.tag("{%p if resolutions %}")
        self.table_caption("Uchwały rad członków partnerstwa")
        table = b.loop_table(["Członek partnerstwa", "Przedmiot uchwały", "Numer", "Data"], "x in resolutions",
                             ["{{ x.member }}", "{{ x.r.subject.value }}", "{{ x.r.number }}",
                              "{{ x.r.date|date_short }}"],
                             widths=[5.0, 5.0, 3.4, 2.6], align=["left", "left", "left", "center"])
        # The table is the chapter's last part: it keeps with the closing "Opracowanie" block, so that
        # block never stands alone on a page.
        for cell in table.rows[2].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
        b.tag("{%p endif %}")

    def annex(self) -> None:
        b = self.b
        b.page_break()
        b.heading("Załącznik 1. Zgodność strategii z wymogami prawnymi", bookmark="annex", numbered=False)
        b.paragraph("Tabela wskazuje nagłówek i stronę, pod którymi strategia zawiera każdy element wymagany "
                    "przepisami, oraz co w nim zawarto.")
        self.table_caption("Elementy strategii wymagane przepisami i ich miejsce w dokumencie")
        table = b.loop_table(["Lp.", "Wymagany element", "Podstawa prawna", "Miejsce w strategii", "Strona",
                              "Zawartość"],
                             "e in annex",
                             ["{{ loop.index }}", "{{ e.label }}", "{{ e.basis }}", "{{ e.heading }}", "",
                              "{{ e.status }}"],
                             widths=[0.8, 4.1, 3.3, 3.4, 1.45, 2.95],
                             align=["center", "left", "left", "left", "center", "left"])
        row = table.rows[2]  # the repeated row: header, {%tr for %}, this one
        # The page is a PAGEREF to the bookmark on the heading that holds the element, filled in when the
        # fields are updated (LibreOffice does it when making the PDF).
        add_field(row.cells[4].paragraphs[0], "PAGEREF {{ e.bookmark }} \\h", "–")
        b.tag("{%p if gap_list %}")
        b.paragraph("**Braki do uzupełnienia.** Dokument jest wersją roboczą: brakuje w nim treści wymaganej "
                    "przepisami, oznaczonej w tekście jako {{r \"…\"|gap }}:", space_before=8)
        self.table_caption("Braki do uzupełnienia")
        b.loop_table(["Lp.", "Czego brakuje", "Miejsce w strategii"], "g in gap_list",
                     ["{{ loop.index }}", "{{ g.text }}", "{{ g.heading }}"], widths=[0.8, 10.6, 4.6],
                     align=["center", "left", "left"])
        b.tag("{%p endif %}")

    def consultation_report(self) -> None:
        b = self.b
        b.tag("{%p if strategy.consultation and strategy.consultation.comments %}")
        b.page_break()
        b.heading("Załącznik 2. Sprawozdanie z konsultacji projektu strategii", bookmark="report", numbered=False)
        b.paragraph("Konsultacje trwały od {{ strategy.consultation.start|date_long }} do "
                    "{{ strategy.consultation.end|date_long }}; zgłoszono w nich {{ consultation.received|plural("
                    "\"uwagę\", \"uwagi\", \"uwag\") }}. Tabela podaje każdą uwagę, jej autora, sposób rozpatrzenia "
                    "i odpowiedź z uzasadnieniem.")
        self.table_caption("Uwagi zgłoszone w konsultacjach i sposób ich rozpatrzenia")
        b.loop_table(["Lp.", "Zgłaszający", "Treść uwagi", "Rozpatrzenie", "Odpowiedź i uzasadnienie"],
                     "c in strategy.consultation.comments",
                     ["{{ loop.index }}", "{{ c.author }}{% if c.part %} ({{ c.part }}){% endif %}",
                      b.inline("c.comment"), "{{ c.outcome.value }}", b.inline("c.reason")],
                     widths=[0.8, 3.0, 4.6, 2.9, 4.7], align=["center", "left", "left", "left", "left"])
        b.tag("{%p endif %}")


def compact_contents(b: TemplateBuilder) -> None:
    """Contents entries without the body's paragraph spacing: a strategy's two levels of headings fit on
    one page instead of spilling a few lines onto a nearly empty second one."""
    from docx.enum.style import WD_STYLE_TYPE

    for level in (1, 2):
        style = b.doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = b.doc.styles["Normal"]
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(1 if level == 2 else 3)
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.left_indent = Pt(12 * (level - 1))


def build(kind: StrategyKind) -> TemplateBuilder:
    b = TemplateBuilder()
    compact_contents(b)
    b.header_footer("{{ partnership.display_name }}", "{{ strategy.name }}")
    b.paragraph("{{ partnership.name }}", align="center", size=12, color=GREY, space_after=70)
    title = b.paragraph("{{ strategy.name }}", style="Title")
    title.runs[0].font.size = Pt(22)
    b.paragraph("{{ kind.subtitle }}", align="center", size=12, color=GREY, space_after=40)
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
    for key in CHAPTER_ORDER:  # every chapter a strategy of this type can have; the context says which it has
        b.tag("{%p if ch." + key + " %}")
        getattr(chapters, key)()
        b.tag("{%p endif %}")
    b.authors()
    chapters.annex()
    chapters.consultation_report()
    return b


if __name__ == "__main__":
    from make_templates import main

    sys.exit(main([kind.name for kind in KINDS] + sys.argv[1:]))
