"""The climate-proofing section, one generator for the feasibility analysis and the application outline.

Both documents read the same `climate` context (cwd_docs.plugins.project.climate_context) built
from `project.climate`: the two print one assessment, never two.
"""

from __future__ import annotations

from docx_builder import TemplateBuilder

GAP = "[DO UZUPEŁNIENIA: uodpornienie infrastruktury na zmiany klimatu – project.climate]"


def climate_section(b: TemplateBuilder, first_table: int) -> int:
    """Heading, mitigation and adaptation; returns the number of the next table."""
    b.heading("Uodpornienie na zmiany klimatu")
    b.tag("{%p if not climate %}")
    b.paragraph(GAP)
    b.tag("{%p elif not climate.required %}")
    b.paragraph("Przewidywany okres użytkowania infrastruktury projektu ({{ climate.data.lifespan_years|plural("
                "\"rok\", \"lata\", \"lat\") }}) jest krótszy niż {{ climate.min_lifespan }} lat, więc uodpornienie "
                "na zmiany klimatu (art. 73 ust. 2 lit. j rozporządzenia (UE) 2021/1060) projektu nie obejmuje.")
    b.tag("{%p else %}")
    b.paragraph("Infrastruktura projektu ma przewidywany okres użytkowania {{ climate.data.lifespan_years|plural("
                "\"rok\", \"lata\", \"lat\") }}, dlatego podlega uodpornieniu na zmiany klimatu (art. 73 ust. 2 "
                "lit. j rozporządzenia (UE) 2021/1060) według Wytycznych technicznych dotyczących uodparniania "
                "infrastruktury na zmiany klimatu w latach 2021–2027 (zawiadomienie Komisji 2021/C 373/01): "
                "neutralność klimatyczna i odporność na zmiany klimatu.").paragraph_format.keep_with_next = True
    b.tag("{%p endif %}")  # the intro of the two subsections stays with the first of them

    b.tag("{%p if climate and climate.required %}")
    b.heading("Neutralność klimatyczna", level=2)
    b.tag("{%p if climate.mitigation %}")
    b.caption(f"Tabela {first_table}. Ślad węglowy projektu w {{{{ climate.mitigation.year }}}} r.")
    b.key_value_table([
        ("Emisja bez projektu", "{{ climate.mitigation.without }} t CO₂e/rok"),
        ("Emisja z projektem (bezwzględna)", "{{ climate.mitigation.with }} t CO₂e/rok"),
        ("Emisja względna (z projektem minus bez projektu)", "{{ climate.mitigation.relative }} t CO₂e/rok"),
        ("Wartość emisji względnej po koszcie cienia (ujemna: koszt uniknięty)", "{{ climate.mitigation.value }} rocznie"),
    ], widths=(8.0, 8.0))
    b.paragraph("Emisja bezwzględna i względna {% if climate.mitigation.detailed %}przekraczają{% else %}nie "
                "przekraczają{% endif %} progu {{ climate.threshold }} t CO₂e rocznie{% if climate.mitigation.detailed "
                "%}, dlatego ślad węglowy oszacowano i wyceniono szczegółowo{% else %}, więc wystarcza analiza "
                "przesiewowa{% endif %}. Koszt cienia emisji w {{ climate.mitigation.year }} r. wynosi "
                "{{ climate.mitigation.eur }} EUR/t CO₂e (ceny z 2016 r.), czyli {{ climate.mitigation.pln }} zł/t "
                "przy kursie {{ climate.mitigation.eur_rate }} zł/EUR (źródło: {{ climate.mitigation.source }}).")
    b.paragraph("Sposób oszacowania: " + b.inline("climate.mitigation.data.method"))
    b.paragraph("Zgodność ze ścieżką neutralności klimatycznej do 2050 r.: "
                + b.inline("climate.mitigation.data.neutrality"))
    b.tag("{%p else %}")
    b.paragraph("[DO UZUPEŁNIENIA: neutralność klimatyczna – project.climate.mitigation]")
    b.tag("{%p endif %}")

    b.heading("Odporność na zmiany klimatu", level=2)
    b.tag("{%p if climate.hazards %}")
    b.paragraph("Podatność obiektów projektu na zagrożenia klimatyczne wynika z ich wrażliwości i narażenia "
                "(obecnie i w okresie użytkowania); przy podatności średniej lub wysokiej wskazano działania "
                "adaptacyjne.")
    b.caption(f"Tabela {first_table + 1}. Ocena podatności na zmiany klimatu")
    b.loop_table(
        ["Zagrożenie", "Wrażli\u00adwość", "Narażenie obecnie", "Narażenie w przyszłości", "Podatność",
         "Działania adaptacyjne"], "z in climate.hazards",
        ["{{ z.h.hazard.value }}", "{{ z.h.sensitivity.value }}", "{{ z.h.exposure.value }}", "{{ z.future }}",
         "{{ z.vulnerability }}", "{% if z.h.measures %}" + b.inline("z.h.measures") + "{% else %}–{% endif %}"],
        widths=[3.2, 1.9, 2.0, 2.2, 1.9, 4.8], align=["left", "center", "center", "center", "center", "left"])
    b.markdown("climate.data.adaptation.summary")
    b.tag("{%p else %}")
    b.paragraph("[DO UZUPEŁNIENIA: odporność na zmiany klimatu – project.climate.adaptation]")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")
    return first_table + 2
