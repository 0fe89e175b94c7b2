"""The DrawingML chart part (`/word/charts/chartN.xml`) for a `charts.Chart`.

Written with lxml in the schema's element order (ECMA-376 Part 1, dml-chart.xsd), which Word
enforces. Every series carries its values and labels twice: as references into the embedded
workbook (`chart_workbook`), so Word's "Edit data" opens them, and as caches (c:strCache,
c:numCache), so Word and LibreOffice draw the chart without opening the workbook.

Look: the house table style's blues and greys, Calibri 9 pt, light horizontal grid lines, no
border, no 3-D, the legend below the plot (none for a single series), category labels level
(slanted when crowded, never broken inside a word), no title unless the chart has one (the
template's caption names it). Numbers are formatted in Polish (space as the
thousands separator, decimal comma) by prefixing the format code with the Polish locale id.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .model import Chart
from .chart_workbook import (categories_range, clean_text, number_text, present, series_name_cell,
                             series_values_range)

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"c": C_NS, "a": A_NS, "r": R_NS}

# The palette of "Tabela CWD" (tools/docx_builder.py: NAVY 1F3864, BLUE 2F5496, header fill D9E2F3)
# widened with lighter blues and neutral greys; neighbours differ in lightness so that the series
# stay apart in greyscale print.
PALETTE = ("2F5496", "9DC3E6", "1F3864", "A5A5A5", "5B9BD5", "595959", "BDD7EE", "D6DCE4")
MARKERS = ("circle", "square", "diamond", "triangle")
TEXT_COLOUR = "404040"
AXIS_COLOUR = "A6A6A6"
GRID_COLOUR = "D9D9D9"
FONT = "Calibri"
FONT_SIZE = 900  # hundredths of a point
POLISH = "[$-415]"  # locale prefix: LibreOffice and Word use Polish separators for this format
CATEGORY_AXIS, VALUE_AXIS = "111111111", "222222222"
ROTATED_TITLE = "-5400000"  # a vertical axis's title reads bottom to top
SLANTED_LABELS = "-2700000"  # 45 degrees up to the right, the usual slant of crowded labels
CHARACTER_MM = 1.7  # average width of a character at FONT_SIZE
SHORT_TITLE = 8  # characters: a vertical axis's title this short stays level


def polish_format(code: str) -> str:
    """A number format code (en-US notation, as in spreadsheets) shown with Polish separators."""
    return code if code.startswith("[$-") else POLISH + code


def chart_space_xml(chart: Chart, workbook_rid: str) -> bytes:
    space = _el("c:chartSpace", nsmap=NSMAP)
    _val(space, "c:date1904", "0")
    _val(space, "c:lang", "pl-PL")
    _val(space, "c:roundedCorners", "0")
    body = _sub(space, "c:chart")
    if chart.title:
        _title(body, chart.title, size=1100, bold=True)
        _val(body, "c:autoTitleDeleted", "0")
    else:
        _val(body, "c:autoTitleDeleted", "1")
    plot = _sub(body, "c:plotArea")
    _sub(plot, "c:layout")
    if chart.kind == "pie":
        _pie(plot, chart)
    elif chart.kind == "line":
        _line(plot, chart)
    else:
        _bars(plot, chart)
    if chart.kind != "pie":
        _axes(plot, chart)
    _no_fill(plot)
    if chart.kind == "pie" or len(chart.series) > 1:
        legend = _sub(body, "c:legend")
        _val(legend, "c:legendPos", "b")
        _val(legend, "c:overlay", "0")
    _val(body, "c:plotVisOnly", "1")
    _val(body, "c:dispBlanksAs", "gap")
    _no_fill(space)
    _text_properties(space)
    external = _sub(space, "c:externalData", {f"{{{R_NS}}}id": workbook_rid})
    _val(external, "c:autoUpdate", "0")
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- chart types -------------------------------------------------------------------------------

def _bars(plot: Any, chart: Chart) -> None:
    stacked = chart.kind.startswith("stacked_")
    group = _sub(plot, "c:barChart")
    _val(group, "c:barDir", "bar" if chart.kind.endswith("bar") else "col")
    _val(group, "c:grouping", "stacked" if stacked else "clustered")
    _val(group, "c:varyColors", "0")
    for position, series in enumerate(chart.series):
        colour = PALETTE[position % len(PALETTE)]
        element = _series_head(group, chart, position)
        _shape(element, fill=colour)
        _val(element, "c:invertIfNegative", "0")
        if chart.show_data_labels:
            # Inside a stacked segment the label needs to contrast with the segment's fill.
            _data_labels(element, chart, position="ctr" if stacked else "outEnd",
                         colour=_text_on(colour) if stacked else TEXT_COLOUR)
        _series_data(element, chart, position)
    _val(group, "c:gapWidth", "60" if len(chart.series) > 1 else "80")
    _val(group, "c:overlap", "100" if stacked else "0")
    _val(group, "c:axId", CATEGORY_AXIS)
    _val(group, "c:axId", VALUE_AXIS)


def _line(plot: Any, chart: Chart) -> None:
    group = _sub(plot, "c:lineChart")
    _val(group, "c:grouping", "standard")
    _val(group, "c:varyColors", "0")
    for position, series in enumerate(chart.series):
        colour = PALETTE[position % len(PALETTE)]
        element = _series_head(group, chart, position)
        _shape(element, line=colour, line_width=28575)
        marker = _sub(element, "c:marker")
        _val(marker, "c:symbol", MARKERS[position % len(MARKERS)])  # lines stay apart in greyscale
        _val(marker, "c:size", "6")
        _shape(marker, fill=colour, line=colour)
        _series_data(element, chart, position)
        _val(element, "c:smooth", "0")
    if chart.show_data_labels:
        _data_labels(group, chart, position="t")
    _val(group, "c:marker", "1")
    _val(group, "c:axId", CATEGORY_AXIS)
    _val(group, "c:axId", VALUE_AXIS)


def _pie(plot: Any, chart: Chart) -> None:
    group = _sub(plot, "c:pieChart")
    _val(group, "c:varyColors", "1")
    element = _series_head(group, chart, 0)
    _shape(element, line="FFFFFF", line_width=12700)
    for index, colour in enumerate(_slice_colours(len(chart.categories))):
        point = _sub(element, "c:dPt")
        _val(point, "c:idx", str(index))
        _val(point, "c:bubble3D", "0")
        _shape(point, fill=colour, line="FFFFFF", line_width=12700)
    labels = _sub(element, "c:dLbls")
    # One number format serves a label's value and percentage alike, so a label shows one of them:
    # the share of the whole, or with show_data_labels the value itself.
    values = chart.show_data_labels
    _sub(labels, "c:numFmt", {"formatCode": polish_format(chart.number_format if values else "0%"),
                              "sourceLinked": "0"})
    _no_fill(labels)
    _text_properties(labels)
    _val(labels, "c:dLblPos", "outEnd")
    for name, on in (("showLegendKey", False), ("showVal", values), ("showCatName", False),
                     ("showSerName", False), ("showPercent", not values), ("showBubbleSize", False)):
        _val(labels, f"c:{name}", "1" if on else "0")
    _val(labels, "c:showLeaderLines", "1")
    _series_data(element, chart, 0)
    _val(group, "c:firstSliceAng", "0")


def _slice_colours(count: int) -> list[str]:
    """The palette in turn, never giving the last slice the colour of the first, its neighbour."""
    colours = [PALETTE[index % len(PALETTE)] for index in range(count)]
    if count > 1 and colours[-1] == colours[0]:
        colours[-1] = PALETTE[1]  # its other neighbour has the palette's last colour
    return colours


def _series_head(group: Any, chart: Chart, position: int) -> Any:
    element = _sub(group, "c:ser")
    _val(element, "c:idx", str(position))
    _val(element, "c:order", str(position))
    name = _sub(_sub(element, "c:tx"), "c:strRef")
    _sub(name, "c:f").text = series_name_cell(position)
    _string_cache(name, [chart.series[position].name])
    return element


def _series_data(element: Any, chart: Chart, position: int) -> None:
    categories = _sub(_sub(element, "c:cat"), "c:strRef")
    _sub(categories, "c:f").text = categories_range(chart)
    _string_cache(categories, chart.categories)
    values = _sub(_sub(element, "c:val"), "c:numRef")
    _sub(values, "c:f").text = series_values_range(chart, position)
    cache = _sub(values, "c:numCache")
    _sub(cache, "c:formatCode").text = clean_text(chart.number_format)
    _val(cache, "c:ptCount", str(len(chart.categories)))
    for index, value in enumerate(chart.series[position].values):
        if present(value):  # a missing point is absent from the cache: a gap
            _sub(_sub(cache, "c:pt", {"idx": str(index)}), "c:v").text = number_text(value)


def _string_cache(reference: Any, texts: Any) -> None:
    cache = _sub(reference, "c:strCache")
    _val(cache, "c:ptCount", str(len(texts)))
    for index, text in enumerate(texts):
        _sub(_sub(cache, "c:pt", {"idx": str(index)}), "c:v").text = clean_text(text)


def _data_labels(parent: Any, chart: Chart, position: str, colour: str = TEXT_COLOUR) -> None:
    labels = _sub(parent, "c:dLbls")
    _sub(labels, "c:numFmt", {"formatCode": polish_format(chart.number_format), "sourceLinked": "0"})
    _no_fill(labels)
    _text_properties(labels, size=800, colour=colour)
    _val(labels, "c:dLblPos", position)
    for name in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize"):
        _val(labels, f"c:{name}", "1" if name == "showVal" else "0")


# --- axes --------------------------------------------------------------------------------------

def _axes(plot: Any, chart: Chart) -> None:
    horizontal = chart.kind.endswith("bar")  # categories down the left, values along the bottom
    category = _sub(plot, "c:catAx")
    _val(category, "c:axId", CATEGORY_AXIS)
    # Horizontal bars list the first category at the top, as a table would.
    _val(_sub(category, "c:scaling"), "c:orientation", "maxMin" if horizontal else "minMax")
    _val(category, "c:delete", "0")
    _val(category, "c:axPos", "l" if horizontal else "b")
    if chart.category_axis_title:
        _title(category, chart.category_axis_title, rotated=horizontal)
    _sub(category, "c:numFmt", {"formatCode": "General", "sourceLinked": "1"})
    _val(category, "c:majorTickMark", "none")
    _val(category, "c:minorTickMark", "none")
    _val(category, "c:tickLblPos", "low")
    _shape(category, line=AXIS_COLOUR)
    _text_properties(category, rotation="0" if horizontal or _labels_fit(chart) else SLANTED_LABELS)
    _val(category, "c:crossAx", VALUE_AXIS)
    _val(category, "c:crosses", "autoZero")
    _val(category, "c:auto", "1")
    _val(category, "c:lblAlgn", "ctr")
    _val(category, "c:lblOffset", "100")
    _val(category, "c:noMultiLvlLbl", "0")

    value = _sub(plot, "c:valAx")
    _val(value, "c:axId", VALUE_AXIS)
    scaling = _sub(value, "c:scaling")
    _val(scaling, "c:orientation", "minMax")
    if chart.kind != "line" and all(v is None or v >= 0 for series in chart.series for v in series.values):
        # bars measure from zero: LibreOffice's automatic minimum (1 150 000 under one bar of 1 542 000)
        # would make the lower part of a stacked bar look small
        _val(scaling, "c:min", "0")
    _val(value, "c:delete", "0")
    _val(value, "c:axPos", "b" if horizontal else "l")
    _shape(_sub(value, "c:majorGridlines"), line=GRID_COLOUR)
    if chart.value_axis_title:
        # A unit as short as "zł" reads better level than turned on its side.
        _title(value, chart.value_axis_title,
               rotated=not horizontal and len(chart.value_axis_title) > SHORT_TITLE)
    _sub(value, "c:numFmt", {"formatCode": polish_format(chart.number_format), "sourceLinked": "0"})
    _val(value, "c:majorTickMark", "none")
    _val(value, "c:minorTickMark", "none")
    _val(value, "c:tickLblPos", "nextTo")
    _shape(value, line=None)
    _text_properties(value)
    _val(value, "c:crossAx", CATEGORY_AXIS)
    # With the categories reversed, the value axis sits at their far end: the bottom of the plot.
    _val(value, "c:crosses", "max" if horizontal else "autoZero")
    _val(value, "c:crossBetween", "between")


def _labels_fit(chart: Chart) -> bool:
    """Whether level category labels fit under their columns, wrapped between words only.

    A label wider than its column is wrapped, and LibreOffice breaks a word that is still too
    long in the middle ("Mirosła-wiec"); such labels are slanted instead. Widths are estimated
    from Calibri 9 pt's average character (about 1.7 mm) and the plot's share of the chart.
    """
    plot_width = chart.width_mm - 28  # value axis labels and title
    per_category = plot_width / max(1, len(chart.categories))
    longest_word = max((len(word) for label in chart.categories for word in label.split()), default=0)
    lines = max((len(label) * CHARACTER_MM / per_category for label in chart.categories), default=0)
    return longest_word * CHARACTER_MM <= per_category * 0.9 and lines <= 3


def _title(parent: Any, text: str, rotated: bool = False, size: int = FONT_SIZE, bold: bool = False) -> None:
    title = _sub(parent, "c:title")
    rich = _sub(_sub(title, "c:tx"), "c:rich")
    body = {"rot": ROTATED_TITLE, "vert": "horz"} if rotated else {"rot": "0", "vert": "horz"}
    _sub(rich, "a:bodyPr", body)
    _sub(rich, "a:lstStyle")
    paragraph = _sub(rich, "a:p")
    _run_properties(_sub(paragraph, "a:pPr"), "a:defRPr", size=size, bold=bold)
    run = _sub(paragraph, "a:r")
    _run_properties(run, "a:rPr", size=size, bold=bold)
    _sub(run, "a:t").text = clean_text(text)
    _val(title, "c:overlay", "0")


# --- formatting --------------------------------------------------------------------------------

def _text_on(fill: str) -> str:
    """White text on a dark fill, the usual dark grey on a light one."""
    red, green, blue = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    return "FFFFFF" if 0.299 * red + 0.587 * green + 0.114 * blue < 140 else TEXT_COLOUR


def _text_properties(parent: Any, size: int = FONT_SIZE, rotation: str | None = None,
                     colour: str = TEXT_COLOUR) -> None:
    properties = _sub(parent, "c:txPr")
    _sub(properties, "a:bodyPr", {"rot": rotation, "vert": "horz"} if rotation is not None else {})
    _sub(properties, "a:lstStyle")
    paragraph = _sub(properties, "a:p")
    _run_properties(_sub(paragraph, "a:pPr"), "a:defRPr", size=size, colour=colour)
    _sub(paragraph, "a:endParaRPr", {"lang": "pl-PL"})


def _run_properties(parent: Any, tag: str, size: int, bold: bool = False, colour: str = TEXT_COLOUR) -> None:
    properties = _sub(parent, tag, {"lang": "pl-PL", "sz": str(size), "b": "1" if bold else "0"}
                      if tag == "a:rPr" else {"sz": str(size), "b": "1" if bold else "0"})
    _val(_sub(properties, "a:solidFill"), "a:srgbClr", colour)
    _sub(properties, "a:latin", {"typeface": FONT})
    _sub(properties, "a:cs", {"typeface": FONT})


def _shape(parent: Any, fill: str | None = None, line: str | None = None, line_width: int = 9525) -> None:
    properties = _sub(parent, "c:spPr")
    if fill:
        _val(_sub(properties, "a:solidFill"), "a:srgbClr", fill)
    outline = _sub(properties, "a:ln", {"w": str(line_width)})
    if line:
        _val(_sub(outline, "a:solidFill"), "a:srgbClr", line)
        _sub(outline, "a:round")
    else:
        _sub(outline, "a:noFill")


def _no_fill(parent: Any) -> None:
    properties = _sub(parent, "c:spPr")
    _sub(properties, "a:noFill")
    _sub(_sub(properties, "a:ln"), "a:noFill")


def _qualified(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{name}"


def _el(tag: str, nsmap: dict[str, str] | None = None) -> Any:
    return etree.Element(_qualified(tag), nsmap=nsmap)


def _sub(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    return etree.SubElement(parent, _qualified(tag), attributes or {})


def _val(parent: Any, tag: str, value: str) -> Any:
    return _sub(parent, tag, {"val": value})
