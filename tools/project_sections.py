"""Template pieces shared by the project documents (feasibility analysis, application outline)."""

from __future__ import annotations

from docx_builder import GREY, TemplateBuilder


def costs_table(b: TemplateBuilder, caption: str, noun: str = "Koszty") -> None:
    """Costs by category: total, eligible, ineligible, VAT; flat-rate items marked."""
    b.caption(caption)
    ineligible = f"{noun} niekwalifi\u00adkowalne"
    b.loop_table(
        ["Lp.", "Kategoria kosztów" if noun == "Koszty" else "Kategoria wydatków",
         "Koszt całkowity" if noun == "Koszty" else "Wydatki ogółem",
         f"{noun} kwalifikowalne", ineligible, "w tym VAT"],
        "koszt in project.costs",
        ["{{ loop.index }}", "{{ koszt.category }}{% if koszt.flat_rate is not none %} (stawka ryczałtowa "
         "{{ koszt.flat_rate|number }}%){% endif %}", "{{ koszt.total|money(false) }}",
         "{{ koszt.eligible|money(false) }}", "{{ koszt.ineligible|money(false) }}", "{{ koszt.vat|money(false) }}"],
        widths=[0.9, 4.3, 2.7, 2.7, 2.9, 2.5], align=["center", "left", "right", "right", "right", "right"],
        totals=["", "Razem", "{{ project.total_cost|money(false) }}", "{{ project.eligible_cost|money(false) }}",
                "{{ project.ineligible_cost|money(false) }}", "{{ project.vat_total|money(false) }}"])


def funding_table(b: TemplateBuilder, caption: str) -> None:
    """Sources of financing with their shares (the shares add up to exactly 100%)."""
    b.caption(caption)
    b.loop_table(
        ["Lp.", "Źródło finansowania", "Rodzaj", "Kwota [zł]", "Udział"],
        "f in funding",
        ["{{ loop.index }}", "{{ f.source.name }}", "{{ f.source.kind.value }}", "{{ f.source.amount|money(false) }}",
         "{{ f.share|percent }}"],
        widths=[1.0, 7.0, 3.0, 3.0, 2.0], align=["center", "left", "left", "right", "right"],
        totals=["", "Razem", "", "{{ project.funding_total|money(false) }}", "{{ funding_share_total|percent }}"])


def indicator_tables(b: TemplateBuilder, chapter: int, first_table: int) -> None:
    """Product and result indicators, each under its own numbered subheading."""
    for number, (label, attribute) in enumerate((("produktu", "product_indicators"),
                                                  ("rezultatu", "result_indicators")), start=1):
        b.heading(f"{chapter}.{number}. Wskaźniki {label}", level=2)
        b.caption(f"Tabela {first_table + number - 1}. Wskaźniki {label}")
        b.loop_table(
            ["Lp.", "Nazwa wskaźnika", "Jednostka", "Wartość bazowa", "Wartość docelowa", "Rok"],
            f"w in project.{attribute}",
            ["{{ loop.index }}", "{{ w.name }}", "{{ w.unit }}", "{{ w.base|number }}", "{{ w.target|number }}",
             "{{ w.year }}"],
            widths=[1.0, 6.5, 2.3, 2.2, 2.2, 1.8], align=["center", "left", "center", "right", "right", "center"])


def title_page(b: TemplateBuilder, title: str, facts: list[tuple[str, str]], widths: tuple[float, float],
               gap: float, place_gap: float, version_note: str = "", version_size: float = 9.5) -> None:
    """Partnership, document title, project title and code, a table of key facts, place and date."""
    b.paragraph("{{ partnership.name }}", align="center", size=12, color=GREY, space_after=4)
    b.paragraph("{{ partnership.cwd_edition }}", align="center", size=10, color=GREY, space_after=gap + 20)
    b.paragraph(title, style="Title")
    b.paragraph("projektu", align="center", size=13, color=GREY, space_after=8)
    b.paragraph("{{ project.title }}", style="Subtitle", space_after=6)
    b.paragraph("Kod projektu: {{ project.code }}", align="center", size=12, space_after=gap - 10)
    b.key_value_table(facts, widths=widths)
    b.paragraph("{{ document.place }}, {{ document.date|date_long }}", align="center", space_before=place_gap,
                space_after=2)
    b.paragraph("Wersja {{ document.version }}" + version_note, align="center", size=version_size, color=GREY)
    b.page_break()
