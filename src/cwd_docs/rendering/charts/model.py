"""Charts in documents: what a plugin's context builder puts where a chart belongs.

A `Chart` is plain data, like `media.ImageRef`: the plugin describes categories and series, the
renderer (`rendering`) turns it into a native, editable Word chart (a DrawingML chart part with its
data) in the run where the template prints it, e.g. a paragraph holding only `{{ wykres_kosztow }}`
followed by a caption. Labels are Polish and already formatted by the plugin; values are numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Union

Number = Union[int, float, Decimal]

ChartKind = Literal["column", "stacked_column", "bar", "stacked_bar", "line", "pie"]


@dataclass(frozen=True)
class Series:
    """One named row of values, one value per category (None: no value for that category)."""

    name: str
    values: tuple[Number | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart of `series` over `categories`.

    `number_format` is a spreadsheet number format code used for axis and data labels
    (default: whole złoty with a space as thousands separator). `value_axis_title` names the
    unit ("zł", "tys. zł", "osoby"); `title` is usually left empty because the template's
    caption names the chart. Width and height are the size on the page in millimetres.
    The number format is written in spreadsheet (en-US) notation, ',' grouping and '.' decimals;
    the document shows it the Polish way ("1 234 567", "12,5"). A pie labels each slice with its
    percentage, or with its value when `show_data_labels` is set.
    """

    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    title: str = ""
    value_axis_title: str = ""
    number_format: str = '#,##0'
    show_data_labels: bool = False
    width_mm: float = 160.0
    height_mm: float = 80.0
    description: str = field(default="")  # alternative text for accessibility (PDF/UA, screen readers)
    category_axis_title: str = ""  # names what the categories are ("gmina", "rok"); usually left empty

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError("a chart needs at least one series")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(f"series {series.name!r} has {len(series.values)} values "
                                 f"for {len(self.categories)} categories")
        if self.kind == "pie" and len(self.series) != 1:
            raise ValueError("a pie chart has exactly one series")


__all__ = ["Chart", "Series", "ChartKind"]
