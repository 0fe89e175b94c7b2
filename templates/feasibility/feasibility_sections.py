"""Template pieces of the feasibility analysis: demand, financial, economic and sensitivity analysis.

The context (`cwd_docs.plugins.project.feasibility`) hands these tables numbers already formatted;
the yearly tables put years in rows, so a reference period of 30 years still fits a portrait page
(the header row repeats on every page).
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from docx_builder import PPR_ORDER, TABLE_TEXT, TemplateBuilder, _element, insert_ordered

TABLE_FONT = 8.5  # the yearly tables: seven amounts of up to 13 characters side by side


def compact(table, size: float = TABLE_FONT) -> None:
    """Smaller type in a wide table of amounts: its runs carry the size, and its paragraphs a table-text style of
    that size, so the runs a Markdown field becomes when rendered (which carry no size) match the rest."""
    styles = table.part.document.styles
    name = f"{TABLE_TEXT} {size:g}"
    if name not in [style.name for style in styles]:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[TABLE_TEXT]
        style.font.size = Pt(size)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                if paragraph.style is not None and paragraph.style.name == TABLE_TEXT:
                    paragraph.style = styles[name]
                for run in paragraph.runs:
                    run.font.size = Pt(size)


def unhyphenated_headers(b: TemplateBuilder) -> None:
    """Header rows and first columns (variants, years, variables) break between words only: a header word split
    by the dictionary ("bezin-westycyjny") reads badly. Soft hyphens placed by hand still break."""
    for table in b.doc.tables:
        cells = list(table.rows[0].cells) + [row.cells[0] for row in table.rows[1:]]
        for cell in cells:
            for paragraph in cell.paragraphs:
                ppr = paragraph._p.get_or_add_pPr()
                if ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}suppressAutoHyphens") is None:
                    insert_ordered(ppr, _element("w:suppressAutoHyphens", {"w:val": "true"}), PPR_ORDER)


def chart(b: TemplateBuilder, expression: str, caption: str) -> None:
    """A native chart in a paragraph of its own, kept with the caption under it."""
    paragraph = b.paragraph("{{ " + expression + " }}", align="center")
    paragraph.paragraph_format.keep_with_next = True
    b.caption(caption)
    # A figure's caption is below it: it keeps with nothing after it, or a heading and the next table
    # would drag the figure to the next page and leave half a page empty before it.
    b.doc.paragraphs[-1].paragraph_format.keep_with_next = False


def project_costs(b: TemplateBuilder, table_number: int) -> None:
    """Investment categories in their own table; categories that run the service (operation, ESF+-type) in another,
    never among the investment (issue 22: they are operating flows in the analysis)."""
    headers = ["Lp.", "Kategoria kosztów", "Koszt całkowity", "Koszty kwalifikowalne", "Koszty niekwalifi\u00adkowalne",
               "w tym VAT"]
    cells = ["{{ loop.index }}", "{{ koszt.category }}{% if koszt.flat_rate is not none %} (stawka ryczałtowa "
             "{{ koszt.flat_rate|number }}%){% endif %}", "{{ koszt.total|money(false) }}",
             "{{ koszt.eligible|money(false) }}", "{{ koszt.ineligible|money(false) }}", "{{ koszt.vat|money(false) }}"]
    widths, align = [0.9, 4.3, 2.7, 2.7, 2.9, 2.5], ["center", "left", "right", "right", "right", "right"]
    b.caption(f"Tabela {table_number}. Koszty inwestycyjne projektu [zł]")
    b.loop_table(headers, "koszt in fa.costs.investment", cells, widths=widths, align=align,
                 totals=["", "Razem", "{{ fa.costs.investment_totals.total }}", "{{ fa.costs.investment_totals.eligible }}",
                         "{{ fa.costs.investment_totals.ineligible }}", "{{ fa.costs.investment_totals.vat }}"])
    b.tag("{%p if fa.costs.operating %}")
    b.paragraph("Projekt finansuje także prowadzenie usługi w okresie realizacji; te koszty są kosztami eksploatacji, "
                "a nie nakładami inwestycyjnymi:")
    b.caption(f"Tabela {table_number + 1}. Koszty eksploatacji finansowane w projekcie [zł]")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.costs.operating %}")
    b.loop_table(headers, "koszt in fa.costs.operating", cells, widths=widths, align=align,
                 totals=["", "Razem", "{{ fa.costs.operating_totals.total }}", "{{ fa.costs.operating_totals.eligible }}",
                         "{{ fa.costs.operating_totals.ineligible }}", "{{ fa.costs.operating_totals.vat }}"])
    b.tag("{%p endif %}")
    b.tag("{%p if fa.costs.operating %}")
    b.paragraph("Całkowity koszt projektu ({{ project.total_cost|money }}) to nakłady inwestycyjne "
                "({{ fa.costs.investment_totals.total }} zł) i koszty eksploatacji finansowane w projekcie "
                "({{ fa.costs.operating_totals.total }} zł).")
    b.tag("{%p endif %}")


def summary_indicators(b: TemplateBuilder) -> None:
    b.paragraph("Wskaźniki efektywności (okres odniesienia {{ fa.period_text }}, {{ fa.first_year }}–{{ fa.last_year }}): "
                "FNPV/C {{ fa.fnpv_c }}, FRR/C {{ fa.frr_c }}"
                "{% if fa.cba %}; ENPV {{ fa.enpv }}, ERR {{ fa.err }}, B/C {{ fa.bc }}{% endif %}."
                "{% if fa.sustainable %} Projekt jest trwały finansowo: skumulowane przepływy pieniężne netto nie są "
                "ujemne w żadnym roku okresu odniesienia.{% endif %}")


def demand_section(b: TemplateBuilder, first_table: int) -> None:
    b.heading("Analiza popytu")
    b.tag("{%p if not popyt.present %}")
    b.paragraph("Dane o popycie na efekty projektu nie zostały jeszcze zebrane; należy je uzupełnić przed "
                "przygotowaniem wniosku o dofinansowanie.")
    b.tag("{%p endif %}")
    b.tag("{%p if popyt.demand %}")
    b.markdown("popyt.demand", lead="Popyt.")
    b.tag("{%p endif %}")
    b.tag("{%p if popyt.supply %}")
    b.markdown("popyt.supply", lead="Istniejąca podaż.")
    b.tag("{%p endif %}")
    b.tag("{%p if popyt.gap %}")
    b.markdown("popyt.gap", lead="Luka podażowa.")
    b.tag("{%p endif %}")
    b.tag("{%p if popyt.figures %}")
    b.paragraph("Zestawienie popytu i podaży w liczbach (luka to prognozowany popyt – a bez prognozy popyt "
                "obecny – pomniejszony o istniejącą podaż):")
    b.caption(f"Tabela {first_table}. Popyt, podaż i luka podażowa")
    compact(b.loop_table(
        ["Wielkość", "Jednostka", "Popyt obecny", "Prognoza (rok)", "Podaż", "Luka", "Źródło danych"],
        "w in popyt.figures",
        ["{{ w.figure.name }}", "{{ w.figure.unit }}", "{{ w.demand }}", "{{ w.forecast }}", "{{ w.supply }}",
         "{{ w.gap }}", b.inline("w.figure.source")],
        widths=[3.1, 2.6, 1.5, 1.7, 1.2, 1.3, 4.6],
        align=["left", "center", "right", "right", "right", "right", "left"]))
    b.tag("{%p endif %}")


def financial_sections(b: TemplateBuilder, first_table: int) -> int:
    """Assumptions, cash flows with FNPV/FRR, funding gap, financial sustainability; returns the next table number."""
    n = first_table
    b.heading("9.3. Założenia analizy finansowej", level=2)
    b.paragraph("Podstawą analizy są {{ fa.basis_guidelines }} oraz {{ fa.basis_vademecum }}. Analizę "
                "przeprowadzono metodą różnicową (przepływy w scenariuszu z projektem pomniejszone o przepływy bez "
                "projektu – wariantu 0), w cenach stałych, z realną stopą dyskontową; metodykę przewodnika Komisji "
                "Europejskiej „Guide to Cost-Benefit Analysis of Investment Projects” (2014) stosuje się jako "
                "zalecaną. Przepływy ujęto na koniec każdego roku; rok rozpoczęcia projektu jest rokiem bazowym "
                "dyskontowania. Koszty eksploatacji, przychody i korzyści liczą się od rozpoczęcia eksploatacji "
                "({{ fa.operation_start }}; w pierwszym roku: {{ fa.first_share }}).")
    b.caption(f"Tabela {n}. Założenia analizy finansowej")
    b.key_value_table([
        ("Okres odniesienia", "{{ fa.period_text }} ({{ fa.first_year }}–{{ fa.last_year }}), łącznie z okresem "
                              "realizacji{% if fa.period_is_default %}; wartość domyślna dla rodzaju inwestycji "
                              "„{{ fa.kind }}” (przedział {{ fa.kind_range }} lat – okresy sektorowe przyjęte "
                              "w wytycznych na lata 2021–2027){% endif %}"),
        ("Finansowa stopa dyskontowa", "{{ fa.rate }}% (realna; parametr wytycznych na lata 2021–2027)"),
        ("Nakłady inwestycyjne", "według kosztów zadań projektu w podziale na lata (tabela "
                                 "„Wstępny harmonogram realizacji projektu”); {% if fa.vat_recoverable %}bez VAT, "
                                 "który lider i partnerzy mogą odzyskać{% else %}z VAT, którego nie można odzyskać{% endif %}"),
        ("Koszty eksploatacji z projektem", "{{ fa.operating_text }}{% if fa.has_without %}; bez projektu – "
                                            "tabela „Scenariusz z projektem i bez projektu”{% endif %}"),
        ("Koszty eksploatacji finansowane w projekcie", "{% for k in fa.operating_items %}{{ k.item.category }} "
                                                        "({{ k.nature }}, {{ k.item.total|money }}, {{ k.years }})"
                                                        "{% if not loop.last %}; {% endif %}{% else %}brak{% endfor %}"),
        ("Nakłady odtworzeniowe", "{{ fa.replacement_text }}"),
        ("Przychody", "{{ fa.revenue_text }}"),
        ("Źródło pokrycia kosztów eksploatacji", b.inline("project.operation.cost_coverage")
         + "{% if fa.support_text %} Środki budżetów na eksploatację: {{ fa.support_text }}.{% endif %}"),
        ("Wartość rezydualna", "{{ fa.residual_value }} w ostatnim roku okresu odniesienia"),
    ], widths=(5.6, 10.4))
    n += 1
    b.tag("{%p if fa.operating_items %}")
    b.paragraph("Koszty prowadzenia usługi (personel, zajęcia, energia) są kosztami eksploatacji, a nie nakładami "
                "inwestycyjnymi, także gdy finansuje je projekt: ujęto je w latach swoich zadań."
                "{% if fa.statements.cross_financing %} {{ fa.statements.cross_financing }}{% endif %}")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.has_without %}")
    b.paragraph("Scenariusz bez projektu (wariant 0): {{ fa.without_description }} Analiza używa różnicy kosztów "
                "i przychodów obu scenariuszy, więc oszczędność kosztów eksploatacji jest dodatnim przepływem.")
    b.caption(f"Tabela {n}. Scenariusz z projektem i bez projektu [zł]")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.has_without %}")
    compact(b.loop_table(
        ["Rok", "Koszty eksploatacji bez projektu", "Koszty eksploatacji z projektem", "Oszczędność kosztów",
         "Przychody bez projektu", "Przychody z projektem", "Różnica przychodów"],
        "r in fa.with_without",
        ["{{ r.year }}", "{{ r.op_without }}", "{{ r.op_with }}", "{{ r.saving }}", "{{ r.rev_without }}",
         "{{ r.rev_with }}", "{{ r.rev_difference }}"],
        widths=[1.3, 2.5, 2.5, 2.4, 2.4, 2.4, 2.5], align=["center"] + ["right"] * 6,
        totals=["Razem", "{{ fa.with_without_totals.op_without }}", "{{ fa.with_without_totals.op_with }}",
                "{{ fa.with_without_totals.saving }}", "{{ fa.with_without_totals.rev_without }}",
                "{{ fa.with_without_totals.rev_with }}", "{{ fa.with_without_totals.rev_difference }}"]))
    b.tag("{%p endif %}")
    n += 1

    b.heading("9.4. Przepływy pieniężne i wskaźniki efektywności finansowej", level=2)
    b.paragraph("Przepływy pieniężne netto to przychody i wartość rezydualna pomniejszone o nakłady "
                "inwestycyjne, odtworzeniowe i koszty eksploatacji – wszystkie jako różnica scenariusza z projektem "
                "i bez niego (ujemny koszt eksploatacji to oszczędność). Kwoty w złotych.")
    b.caption(f"Tabela {n}. Przepływy pieniężne projektu (do obliczenia FNPV/C i FRR/C) [zł]")
    table = b.loop_table(
        ["Rok", "Nakłady inwestycyjne", "Nakłady odtworzeniowe", "Koszty eksploatacji (różnica)", "Przychody (różnica)",
         "Wartość rezydualna", "Przepływy pieniężne netto"],
        "r in fa.flows",
        ["{{ r.year }}", "{{ r.investment }}", "{{ r.replacement }}", "{{ r.operating }}", "{{ r.revenue }}",
         "{{ r.residual }}", "{{ r.net }}"],
        widths=[1.3, 2.5, 2.4, 2.3, 2.3, 2.4, 2.8], align=["center"] + ["right"] * 6,
        totals=["Razem", "{{ fa.flow_totals.investment }}", "{{ fa.flow_totals.replacement }}",
                "{{ fa.flow_totals.operating }}", "{{ fa.flow_totals.revenue }}", "{{ fa.flow_totals.residual }}",
                "{{ fa.flow_totals.net }}"])
    compact(table)
    n += 1
    b.paragraph("Zwrot z kapitału krajowego (FNPV/K, FRR/K) uwzględnia zamiast wydatków projektu (nakładów "
                "inwestycyjnych i kosztów eksploatacji finansowanych w projekcie) wkład środków krajowych – wkład "
                "własny lidera i partnerów oraz inne źródła poza dotacją UE – w latach, w których jest wnoszony.")
    b.caption(f"Tabela {n}. Przepływy pieniężne kapitału krajowego (do obliczenia FNPV/K i FRR/K) [zł]")
    table = b.loop_table(
        ["Rok", "Wkład krajowy w wydatki projektu", "Pozostałe przepływy netto", "Przepływy pieniężne netto"],
        "r in fa.flows",
        ["{{ r.year }}", "{{ r.national }}", "{{ r.other_k }}", "{{ r.net_k }}"],
        widths=[1.6, 4.8, 4.8, 4.8], align=["center", "right", "right", "right"],
        totals=["Razem", "{{ fa.flow_totals.national }}", "{{ fa.flow_totals.other_k }}", "{{ fa.flow_totals.net_k }}"])
    compact(table)
    n += 1
    b.caption(f"Tabela {n}. Wskaźniki efektywności finansowej")
    b.key_value_table([
        ("Finansowa bieżąca wartość netto inwestycji (FNPV/C)", "{{ fa.fnpv_c }}"),
        ("Finansowa wewnętrzna stopa zwrotu z inwestycji (FRR/C)", "{{ fa.frr_c }}"),
        ("Finansowa bieżąca wartość netto kapitału krajowego (FNPV/K)", "{{ fa.fnpv_k }}"),
        ("Finansowa wewnętrzna stopa zwrotu z kapitału krajowego (FRR/K)", "{{ fa.frr_k }}"),
    ], widths=(10.0, 6.0))
    n += 1
    b.paragraph("{% if fa.fnpv_c_negative %}Ujemna wartość FNPV/C oznacza, że przychody i oszczędności projektu "
                "nie pokrywają nakładów i kosztów eksploatacji: projekt wymaga wsparcia ze środków publicznych, "
                "a dofinansowanie UE jest uzasadnione.{% else %}Dodatnia wartość FNPV/C oznacza, że projekt zwraca "
                "nakłady z przychodów i oszczędności{% if fa.frr_c_exists %} (FRR/C {{ fa.frr_c }} "
                "{% if fa.frr_c_above_rate %}przewyższa{% else %}nie przewyższa{% endif %} stopy dyskontowej "
                "{{ fa.rate }}%){% endif %}; należy rozważyć, czy potrzebuje dofinansowania we wnioskowanej "
                "wysokości.{% endif %}"
                "{% if fa.frr_c_negative %} Ujemna FRR/C ({{ fa.frr_c }}) oznacza, że nawet bez dyskontowania "
                "przepływy netto okresu odniesienia sumują się do wartości ujemnej: przychody, oszczędności "
                "i wartość rezydualna nie zwracają nakładów.{% endif %}"
                "{% if fa.fnpv_k_negative %} Ujemna wartość FNPV/K pokazuje, że także po uwzględnieniu dotacji UE "
                "wkład krajowy nie zwraca się z przychodów projektu.{% endif %}")

    b.tag("{%p if fa.has_revenue %}")
    b.heading("9.5. Przychody i dochód netto", level=2)
    b.tag("{%p endif %}")
    b.tag("{%p if fa.has_revenue %}")
    b.paragraph("{{ fa.statements.revenue }} Dochód netto to przychody i wartość rezydualna pomniejszone o koszty "
                "eksploatacji i odtworzeniowe (różnica scenariusza z projektem i bez niego), zdyskontowane. "
                "{% if fa.gap_required %}Lukę finansową – część zdyskontowanych nakładów inwestycyjnych, której nie "
                "pokrywa zdyskontowany dochód netto – podano, ponieważ wymagają jej zasady pomocy publicznej albo "
                "regulamin naboru:{% else %}W latach 2021–2027 luka finansowa nie jest ogólnym wymogiem "
                "(rozporządzenie (UE) 2021/1060 jej nie przewiduje); stosuje się ją, gdy wymagają tego zasady pomocy "
                "publicznej albo regulamin naboru, a dla tego projektu nie jest wymagana.{% endif %}")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.gap_required %}")
    b.caption(f"Tabela {n}. Luka finansowa")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.gap_required %}")
    b.key_value_table([
        ("Zdyskontowane nakłady inwestycyjne (DIC)", "{{ fa.dic }}"),
        ("Zdyskontowany dochód netto (DNR)", "{{ fa.dnr }}"),
        ("Wskaźnik luki finansowej (DIC – DNR) / DIC", "{{ fa.gap_rate }}"),
        ("Koszty kwalifikowalne po uwzględnieniu luki", "{{ fa.gap_eligible }}"),
        ("Największe dofinansowanie UE przy luce i maksymalnym poziomie {{ project.max_eu_rate|number }}%",
         "{{ fa.gap_eu_limit }}"),
    ], widths=(10.0, 6.0))
    b.tag("{%p endif %}")
    b.tag("{%p if fa.gap_required %}")
    b.paragraph("Wnioskowane dofinansowanie UE ({{ project.eu_amount|money }}) {% if fa.gap_eu_ok %}mieści się "
                "w kwocie wynikającej z luki finansowej{% else %}przekracza kwotę wynikającą z luki finansowej; "
                "zmniejsz dofinansowanie albo koszty kwalifikowalne{% endif %}.")
    b.tag("{%p endif %}")
    n += 1  # the funding-gap table's number is kept even without it (Word and LibreOffice renumber on update)

    b.heading("9.6. Trwałość finansowa", level=2)
    b.paragraph("Trwałość finansową ocenia się na przepływach ze wszystkimi źródłami finansowania: dotacja UE, "
                "wkład własny, przychody i środki budżetów na eksploatację pokrywają wydatki, jeśli skumulowane "
                "przepływy pieniężne netto nie są ujemne w żadnym roku okresu odniesienia.")
    b.caption(f"Tabela {n}. Trwałość finansowa projektu [zł]")
    table = b.loop_table(
        ["Rok", "Dotacja UE i wkład własny", "Przychody (różnica)", "Środki budżetów na eksploatację", "Wydatki ogółem",
         "Przepływy netto", "Przepływy skumulowane"],
        "r in fa.sustainability",
        ["{{ r.year }}", "{{ r.sources }}", "{{ r.revenue }}", "{{ r.support }}", "{{ r.outflows }}", "{{ r.net }}",
         "{{ r.cumulative }}"],
        widths=[1.3, 2.6, 2.1, 2.5, 2.5, 2.4, 2.6], align=["center"] + ["right"] * 6,
        totals=["Razem", "{{ fa.sustainability_totals.sources }}", "{{ fa.sustainability_totals.revenue }}",
                "{{ fa.sustainability_totals.support }}", "{{ fa.sustainability_totals.outflows }}",
                "{{ fa.sustainability_totals.net }}", ""])
    compact(table)
    n += 1
    b.paragraph("{% if fa.sustainable %}Skumulowane przepływy pieniężne netto nie są ujemne w żadnym roku "
                "(najniższa wartość: {{ fa.min_cumulative }}): projekt jest trwały finansowo.{% else %}Skumulowane "
                "przepływy pieniężne netto są ujemne (najniższa wartość: {{ fa.min_cumulative }}).{% endif %}"
                "{% if not fa.support_given %} Środki budżetów na eksploatację przyjęto w wysokości różnicy "
                "między kosztami eksploatacji i odtworzenia a przychodami w każdym roku.{% endif %}")
    chart(b, "wykresy.cumulative", "Rysunek 3. Skumulowane przepływy pieniężne netto [zł]")
    b.markdown("project.operation.sustainability")
    return n


def economic_section(b: TemplateBuilder, first_table: int) -> int:
    n = first_table
    b.heading("10. Analiza ekonomiczna")
    b.tag("{%p if fa.method %}")
    b.paragraph("Metoda: zgodnie z zasadą proporcjonalności Vademecum 2021–2027 zastosowano {{ fa.method_text }}, "
                "ponieważ " + b.inline("fa.method_reason") + ".")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    b.paragraph("Analiza ekonomiczna ocenia projekt z punktu widzenia społeczeństwa. Każdą korzyść wyliczono jako "
                "ilość z analizy popytu × wartość jednostkowa (ze źródłem i rokiem cen) × stopień osiągnięcia "
                "pełnego efektu w danym roku:")
    b.caption(f"Tabela {n}. Wyprowadzenie korzyści społecznych z analizy popytu")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    compact(b.loop_table(
        ["Korzyść", "Ilość rocznie przy pełnym efekcie (z analizy popytu)", "Wartość jednostkowa",
         "Dochodzenie do efektu", "Razem w okresie [zł]"],
        "k in fa.benefits",
        ["{{ k.name }}", "{{ k.quantity_text }}{% if k.explanation %} ({% endif %}" + b.inline("k.explanation")
         + "{% if k.explanation %}){% endif %}{% if k.quantity != \"–\" %} = **{{ k.quantity }}**{% endif %}",
         "**{{ k.unit_value }}** (ceny {{ k.price_year }} r.; źródło [{{ k.ref }}])", "{{ k.ramp }}",
         "{{ k.total }}"],
        widths=[2.9, 5.6, 3.6, 1.7, 2.4], align=["left", "left", "left", "left", "right"]), size=8)
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    b.caption(f"Tabela {n}. Wartości jednostkowe korzyści i ich źródła")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    compact(b.loop_table(
        ["Nr", "Wartość jednostkowa", "Wartość", "Rok cen", "Źródło"],
        "u in fa.unit_sources",
        ["[{{ u.ref }}]", "{{ u.name }}", "{{ u.value }}", "{{ u.price_year }}", b.inline("u.source")],
        widths=[0.9, 3.9, 3.2, 1.3, 6.9], align=["center", "left", "left", "center", "left"]), size=8)
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    b.paragraph("Korzyści i koszty zdyskontowano społeczną stopą dyskontową {{ fa.social_rate }}% (parametr wytycznych "
                "na lata 2021–2027 dla krajów spójności). Korekta fiskalna usuwa VAT z kosztów każdej kategorii "
                "w każdym roku (grunty nie zawierają VAT), a z nakładów odtworzeniowych, kosztów eksploatacji "
                "i wartości rezydualnej według stawek {{ fa.fiscal.replacement }}, {{ fa.fiscal.operating }} "
                "i {{ fa.fiscal.residual }}; współczynniki konwersji: inwestycje {{ fa.factors.investment }}, "
                "eksploatacja {{ fa.factors.operating }}, odtworzenie {{ fa.factors.replacement }}, wartość rezydualna "
                "{{ fa.factors.residual }}. Przychody z opłat są transferem między użytkownikami a operatorem i nie są "
                "korzyścią ekonomiczną.")
    b.caption(f"Tabela {n + 1}. Przepływy ekonomiczne projektu [zł]")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    table = b.loop_table(
        ["Rok", "Koszty inwestycyjne", "Koszty eksploatacji i odtworzeniowe", "Korzyści społeczne",
         "Wartość rezydualna", "Przepływy ekonomiczne netto"],
        "r in fa.economic_flows",
        ["{{ r.year }}", "{{ r.investment }}", "{{ r.costs }}", "{{ r.benefits }}", "{{ r.residual }}", "{{ r.net }}"],
        widths=[1.3, 2.9, 3.0, 2.9, 2.8, 3.1], align=["center"] + ["right"] * 5,
        totals=["Razem", "{{ fa.economic_totals.investment }}", "{{ fa.economic_totals.costs }}",
                "{{ fa.economic_totals.benefits }}", "{{ fa.economic_totals.residual }}", "{{ fa.economic_totals.net }}"])
    compact(table)
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    b.caption(f"Tabela {n + 2}. Wskaźniki efektywności ekonomicznej")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    b.key_value_table([
        ("Ekonomiczna bieżąca wartość netto (ENPV)", "{{ fa.enpv }}"),
        ("Ekonomiczna stopa zwrotu (ERR)", "{{ fa.err }}"),
        ("Wskaźnik korzyści do kosztów (B/C)", "{{ fa.bc }}"),
        ("Zdyskontowane korzyści (z wartością rezydualną)", "{{ fa.pv_benefits }}"),
        ("Zdyskontowane koszty ekonomiczne", "{{ fa.pv_costs }}"),
    ], widths=(10.0, 6.0))
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    b.paragraph("{% if fa.worth_doing and fa.err_above_rate and fa.bc_above_one %}ENPV jest dodatnia, ERR "
                "przewyższa społeczną stopę dyskontową, a wskaźnik B/C jest większy od 1: korzyści społeczne "
                "projektu przewyższają jego koszty, więc projekt warto realizować.{% else %}Wskaźniki nie "
                "potwierdzają, że korzyści społeczne przewyższają koszty (ENPV {{ fa.enpv }}, B/C {{ fa.bc }}): "
                "przed złożeniem wniosku należy zweryfikować zakres projektu lub wycenę korzyści.{% endif %}")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cea %}")
    b.paragraph("Efektem porównywanym w wariantach jest: {{ fa.options_effect|lower }} ({{ fa.options_unit }}). "
                "Dynamiczny koszt jednostkowy (DGC) to zdyskontowane koszty wariantu (nakłady i koszty eksploatacji) "
                "podzielone przez zdyskontowane efekty, przy stopie {{ fa.rate }}%; porównanie wariantów zawiera "
                "tabela „Porównanie wariantów w liczbach” w rozdziale „Analiza wariantów”. Najniższy DGC ma {{ fa.options_best }}"
                "{% if fa.options_best_is_chosen %}, czyli wariant wybrany ({{ fa.options_chosen_dgc }} na "
                "jednostkę efektu){% endif %}.")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.mca %}")
    b.paragraph("Każde kryterium oceniono w skali 0–5 dla projektu i dla wariantu bezinwestycyjnego, a oceny "
                "zważono.")
    b.caption(f"Tabela {n}. Uproszczona analiza wielokryterialna")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.mca %}")
    b.loop_table(
        ["Kryterium", "Waga", "Ocena projektu", "Ocena bez projektu", "Uzasadnienie"],
        "c in fa.multi_criteria",
        ["{{ c.criterion.name }}", "{{ c.weight }}", "{{ c.criterion.score }}", "{{ c.criterion.baseline }}",
         b.inline("c.criterion.justification")],
        widths=[4.0, 1.6, 1.8, 1.9, 6.7], align=["left", "right", "center", "center", "left"],
        totals=["Wynik ważony", "{{ fa.mca_weights }}", "{{ fa.mca_total }}", "{{ fa.mca_baseline }}", ""])
    b.tag("{%p endif %}")
    b.tag("{%p if not fa.method %}")
    b.paragraph("Analizy ekonomicznej jeszcze nie przeprowadzono: należy wycenić korzyści społeczne projektu, "
                "porównać koszt jednostkowy efektu wariantów albo ocenić je w uproszczonej analizie "
                "wielokryterialnej.")
    b.tag("{%p endif %}")
    return n + 3


def options_numbers(b: TemplateBuilder, table_number: int) -> None:
    """Each option's discounted costs (and effects): DGC or least cost, ranked."""
    b.paragraph("Warianty porównano liczbowo w okresie odniesienia ({{ fa.first_year }}–{{ fa.last_year }}) przy "
                "stopie dyskontowej {{ fa.rate }}%: wartość bieżąca nakładów inwestycyjnych i kosztów eksploatacji"
                "{% if fa.options_dgc %} oraz efektów ({{ fa.options_unit }}) i dynamiczny koszt jednostkowy (DGC)"
                "{% endif %}; nakłady odtworzeniowe i wartość rezydualną pominięto jako wspólne wariantom. "
                "Wariant 0 ma koszty eksploatacji scenariusza bez projektu.")
    b.caption(f"Tabela {table_number}. Porównanie wariantów w liczbach [zł]")
    compact(b.loop_table(
        ["Wariant", "Nakłady (wartość bieżąca)", "Eksploatacja (wartość bieżąca)", "Koszty razem",
         "Efekty (wartość bieżąca)", "DGC [zł/jedn.]", "Ranga"],
        "w in fa.options",
        ["{{ w.name }}{% if w.role %} ({{ w.role }}){% endif %}", "{{ w.investment }}", "{{ w.operating }}",
         "{{ w.cost }}", "{{ w.effect }}", "{{ w.dgc }}", "{{ w.rank }}"],
        widths=[4.0, 2.2, 2.2, 2.2, 2.0, 1.9, 1.3], align=["left"] + ["right"] * 5 + ["center"]))
    b.tag("{%p if fa.options_assumed %}")
    b.paragraph("* Wariant bez podanych kosztów eksploatacji: przyjęto koszty wariantu wybranego.", size=8)
    b.tag("{%p endif %}")
    b.paragraph("{% if fa.options_dgc %}Najniższy koszt jednostkowy efektu ma {{ fa.options_best }}."
                "{% else %}Najniższe koszty w okresie odniesienia ma {{ fa.options_best }}.{% endif %}")


def sensitivity_section(b: TemplateBuilder, first_table: int) -> int:
    n = first_table
    b.heading("11. Analiza wrażliwości i ryzyka")
    b.heading("11.1. Analiza wrażliwości", level=2)
    b.paragraph("Wartości bieżące netto przeliczono przy zmianie jednej zmiennej o −20%, −10%, +10% i +20%. "
                "Elastyczność to zmiana wartości bieżącej netto (w %) przy wzroście zmiennej o 1%; zmienna jest "
                "krytyczna, gdy jej zmiana o 1% zmienia wartość bieżącą netto o więcej niż 1%. Wartość progowa to "
                "zmiana zmiennej, przy której wartość bieżąca netto spada do zera. Wartość progowa "
                "„brak” oznacza, że żadna zmiana zmiennej (także jej całkowite wyeliminowanie) nie zmienia znaku "
                "wartości bieżącej netto; „nie dotyczy” – że projekt nie ma takiej pozycji.")
    b.caption(f"Tabela {n}. Wrażliwość FNPV/C na zmiany zmiennych [zł]")
    _sensitivity_table(b, "fa.sensitivity")
    b.paragraph("{{ fa.critical }}")
    n += 1
    b.tag("{%p if fa.cba %}")
    b.caption(f"Tabela {n}. Wrażliwość ENPV na zmiany zmiennych [zł]")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    _sensitivity_table(b, "fa.economic_sensitivity")
    b.tag("{%p endif %}")
    b.tag("{%p if fa.cba %}")
    b.paragraph("W analizie ekonomicznej: {{ fa.economic_critical|lower }}")
    b.tag("{%p endif %}")
    n += 1
    return n


def _sensitivity_table(b, items: str) -> None:
    """NPV under each variable changed by ±10% and ±20%, its switching value and whether it is critical."""
    table = b.loop_table(
        ["Zmienna", "−20%", "−10%", "+10%", "+20%", "Zmiana NPV przy +1%", "Wartość progowa", "Krytyczna"],
        f"s in {items}",
        ["{{ s.variable }}", "{{ s.npv[0] }}", "{{ s.npv[1] }}", "{{ s.npv[2] }}", "{{ s.npv[3] }}",
         "{{ s.elasticity }}", "{{ s.switching }}", "{{ s.critical }}"],
        widths=[2.7, 2.15, 2.15, 2.15, 2.15, 1.5, 2.0, 1.6], align=["left"] + ["right"] * 6 + ["center"])
    compact(table, 7.5)  # eight columns: amounts of 14 characters stay on one line
