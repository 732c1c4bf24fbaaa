"""Text cells that a spreadsheet would run as a formula, made inert: for every CSV or XLSX the project writes.

A response file may carry ``=cmd|' /C calc'!A0`` or ``=HYPERLINK("http://…")`` as an organisation name. The JSON
keeps it as written (it is data, and a script must get back what was typed), but a spreadsheet that opens a CSV
or XLSX of ours must not evaluate it. OWASP's advice on CSV injection: a text cell beginning with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is prefixed with a single quote, which Excel, LibreOffice and Google
Sheets read as « this is text ». Also covered: a line feed and a NUL (OWASP's ASVS 1.2.10), and the full-width
``＝ ＋ － ＠``, which East Asian versions of Excel take for the ASCII ones.

- CSV: write :func:`neutralise` of every cell (or :func:`neutralise_row` of every row).
- XLSX through openpyxl: use :func:`set_xlsx_cell`. openpyxl turns any ``str`` starting with ``=`` into a
  formula cell; a leading quote would be shown as part of the text. Instead the cell is forced to a text cell with
  Excel's own « quote prefix » flag: shown as typed, never evaluated, even after the reader edits it.

Only text is touched: a score stored as a number (``-3.5`` as a float) is not a formula and stays a number.
Pure and dependency-free, so that ``reports`` (XLSX, CSV) and the app's downloads can all call it.
"""

from __future__ import annotations

import re
from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_QUOTE = "'"
# Characters XML 1.0 cannot hold: openpyxl refuses a cell holding one (IllegalCharacterError).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

T = TypeVar("T")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text``, written into a cell, as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise(value: T) -> T | str:
    """``value`` made safe for a spreadsheet cell: a text that could start a formula gets a leading ``'``.

    Anything that is not a ``str`` (numbers, dates, None) is returned unchanged. Applying it twice adds nothing
    more: the quote itself is not a formula start.
    """
    if isinstance(value, str) and looks_like_formula(value):
        return _QUOTE + value
    return value


def neutralise_row(values: list[object] | tuple[object, ...]) -> list[object]:
    """Every cell of a row through :func:`neutralise` (for ``csv.writer.writerow`` or ``worksheet.append``)."""
    return [neutralise(value) for value in values]


def set_xlsx_cell(cell: object, value: object) -> None:
    """Put ``value`` into an openpyxl cell; a formula-looking text stays text (``t="inlineStr"``, quote prefix).

    Control characters that XML cannot hold (a NUL...) are dropped rather than failing the whole workbook.
    Duck-typed (``cell.value``, ``cell.data_type``, ``cell.quotePrefix``) so that ``scoring`` needs no openpyxl.
    """
    if isinstance(value, str):
        value = _NOT_IN_XML.sub("", value)
    cell.value = value  # type: ignore[attr-defined]
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"  # type: ignore[attr-defined]
        cell.quotePrefix = True  # type: ignore[attr-defined]
