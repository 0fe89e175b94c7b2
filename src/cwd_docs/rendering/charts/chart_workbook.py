"""The spreadsheet embedded in a native chart: the data behind Word's "Edit data".

A minimal SpreadsheetML package (one sheet, shared strings, one number style), written directly:
the layout is fixed and small (categories down column A, one series per column from B, the series
names in row 1), so a spreadsheet library would add a dependency for a few dozen lines of XML.
Excel, Word's embedded editor and LibreOffice open it; `chart_xml` refers to its cells.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from decimal import Decimal
from typing import Iterable
from xml.sax.saxutils import escape

from .model import Chart

SHEET = "Arkusz1"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # the same data gives the same bytes
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CUSTOM_FORMAT_ID = 164  # the first id a workbook may define; lower ones are built in


def clean_text(text: str) -> str:
    """Text XML can hold: characters XML forbids (control characters) are dropped."""
    return XML_FORBIDDEN.sub("", str(text))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def categories_range(chart: Chart) -> str:
    return f"{SHEET}!$A$2:$A${len(chart.categories) + 1}"


def series_name_cell(position: int) -> str:
    return f"{SHEET}!${column_letter(position + 1)}$1"


def series_values_range(chart: Chart, position: int) -> str:
    column = column_letter(position + 1)
    return f"{SHEET}!${column}$2:${column}${len(chart.categories) + 1}"


def present(value: int | float | Decimal | None) -> bool:
    """A value the chart draws: None, NaN and infinities are gaps (no cell, no cached point)."""
    if value is None:
        return False
    try:
        return math.isfinite(value)
    except (TypeError, ValueError, OverflowError):
        return Decimal(value).is_finite()


def number_text(value: int | float | Decimal) -> str:
    """A value as spreadsheet XML writes it: plain digits, a dot, no exponent for ordinary amounts."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = repr(value) if isinstance(value, float) else str(int(value))
    return "0" if text in ("-0", "") else text


def workbook_bytes(chart: Chart, theme: bytes | None = None) -> bytes:
    """The workbook; `theme` is a DrawingML theme part (the document's own) that spreadsheet
    applications expect next to the workbook."""
    strings: list[str] = []
    positions: dict[str, int] = {}

    def shared(text: str) -> int:
        text = clean_text(text)
        if text not in positions:
            positions[text] = len(strings)
            strings.append(text)
        return positions[text]

    rows: list[str] = []
    header = "".join(f'<c r="{column_letter(i + 1)}1" t="s"><v>{shared(series.name)}</v></c>'
                     for i, series in enumerate(chart.series))
    rows.append(f'<row r="1">{header}</row>')
    for row, category in enumerate(chart.categories, start=2):
        cells = [f'<c r="A{row}" t="s"><v>{shared(category)}</v></c>']
        for i, series in enumerate(chart.series):
            value = series.values[row - 2]
            if present(value):
                cells.append(f'<c r="{column_letter(i + 1)}{row}" s="1"><v>{number_text(value)}</v></c>')
        rows.append(f'<row r="{row}">{"".join(cells)}</row>')
    last = f"{column_letter(len(chart.series))}{len(chart.categories) + 1}"
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="A1:{last}"/>'
             '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
             '<sheetFormatPr defaultRowHeight="15"/>'
             f'<cols><col min="1" max="1" width="{_column_width(chart.categories)}" customWidth="1"/>'
             f'<col min="2" max="{len(chart.series) + 1}" width="16" customWidth="1"/></cols>'
             f'<sheetData>{"".join(rows)}</sheetData>'
             '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
             '</worksheet>')
    shared_strings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                      f'count="{len(strings)}" uniqueCount="{len(strings)}">'
                      + "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
                      + "</sst>")
    files = {
        "[Content_Types].xml": CONTENT_TYPES.format(theme=THEME_TYPE if theme else ""),
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.format(theme=THEME_RELATIONSHIP if theme else ""),
        "xl/worksheets/sheet1.xml": sheet.encode("utf-8"),
        "xl/styles.xml": STYLES.format(format_id=CUSTOM_FORMAT_ID,
                                      format_code=escape(chart.number_format, {'"': "&quot;"})),
        "xl/sharedStrings.xml": shared_strings.encode("utf-8"),
    }
    if theme:
        files["xl/theme/theme1.xml"] = theme
    return _package(files.items())


def _column_width(texts: Iterable[str]) -> int:
    return min(60, max([10] + [len(text) + 2 for text in texts]))


def _package(files: Iterable[tuple[str, str | bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            data = content.encode("utf-8") if isinstance(content, str) else content
            archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '{theme}</Types>')
THEME_TYPE = ('<Override PartName="/xl/theme/theme1.xml" '
              'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    f'<sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/>{theme}</Relationships>')
THEME_RELATIONSHIP = ('<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      'relationships/theme" Target="theme/theme1.xml"/>')
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="{format_id}" formatCode="{format_code}"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="{format_id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')
