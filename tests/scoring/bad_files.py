"""Response files that used to hurt (issue 9, « What was seen » 10) and others like them, written to disk cheaply.

Shared by the tests of messages (in process) and of memory (in a subprocess); each writer returns the file's path.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl

MIB = 1024 * 1024


def long_header_field(folder: Path) -> Path:
    """A header field of 200,000 characters: the csv module's field limit is 131,072 (``_csv.Error``)."""
    path = folder / "long-field.csv"
    path.write_text("respondent," + "x" * 200_000 + "\nR1,1\n", encoding="utf-8")
    return path


def single_line(folder: Path, size: int = 60 * MIB) -> Path:
    """60 MB without a line break (a MemoryError once)."""
    path = folder / "one-line.csv"
    with path.open("wb") as file:
        chunk = b"a1," * (MIB // 3)
        for _ in range(size // len(chunk)):
            file.write(chunk)
    return path


def long_row(folder: Path, size: int = 60 * MIB) -> Path:
    """A sound header, then a row of 60 MB."""
    path = folder / "long-row.csv"
    with path.open("wb") as file:
        file.write(b"respondent,a1\nR1,")
        for _ in range(size // MIB):
            file.write(b"9" * MIB)
        file.write(b"\n")
    return path


def too_many_rows(folder: Path) -> Path:
    """1,048,577 rows of one answer: a row more than a spreadsheet holds."""
    path = folder / "rows.csv"
    path.write_bytes(b"a1\n" + b"1\n" * 1_048_576)
    return path


def long_cells(folder: Path, rows: int = 48) -> Path:
    """Rows of 1 MB organisation names: each cell over the 32,767 characters a spreadsheet cell holds."""
    path = folder / "long-cells.csv"
    with path.open("wb") as file:
        file.write(b"respondent,organisation,a1\n")
        for row in range(rows):
            file.write(b"R%d," % row + b"x" * (MIB - 64) + b",3\n")
    return path


def every_cell_bad(folder: Path, rows: int = 1_000_000) -> Path:
    """A million rows whose every answer is text: the slow route for every cell, and a million problems."""
    path = folder / "all-bad.csv"
    path.write_bytes(b"respondent,a1,a2,a3,b1,b2\n" + b"R,x,y,z,w,v\n" * rows)
    return path


def long_texts(folder: Path, size: int = 250 * MIB) -> Path:
    """Nearly the size limit in profile texts (30,000-character names): the most memory per byte a file can ask,
    since texts are kept, and numbers are one byte each."""
    path = folder / "long-texts.csv"
    row = b"," + b"O" * 30_000 + b"," + b"r" * 1_000 + b",3,4,,2,1\n"
    with path.open("wb") as file:
        file.write(b"respondent,organisation,role,a1,a2,a3,b1,b2\n")
        for n in range(size // len(row)):
            file.write(b"R%d" % n + row.replace(b"O" * 30_000, bytes([65 + n % 26]) * 30_000))
    return path


def sparse_huge(folder: Path, size: int = 300 * MIB) -> Path:
    """A 300 MB file that takes no disk: refused by its size before it is read."""
    path = folder / "huge.csv"
    with path.open("wb") as file:
        file.write(b"a1\n1\n")
        file.truncate(size)
    return path


def mixed_encodings(folder: Path) -> Path:
    """« Café » in UTF-8 on rows 2 and 4, in Latin-1 on row 3: it would make two groups."""
    path = folder / "mixed.csv"
    utf8, latin1 = "Café".encode(), "Café".encode("latin-1")
    path.write_bytes(b"respondent,organisation,a1\nR1," + utf8 + b",4\nR2," + latin1 + b",3\nR3," + utf8 + b",2\n")
    return path


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_part(data: bytes, part: str, change) -> bytes:
    """A copy of a workbook with one part's XML changed (``change``: bytes -> bytes, or an iterator of chunks)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename != part:
                target.writestr(item.filename, content)
                continue
            changed = change(content)
            if isinstance(changed, bytes):
                target.writestr(item.filename, changed)
            else:  # streamed: a part far larger than memory should hold
                with target.open(item.filename, "w", force_zip64=True) as stream:
                    for chunk in changed:
                        stream.write(chunk)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
SMALL_SHEET = [["respondent", "a1"], ["R1", 4]]


def declared_dimension(folder: Path) -> Path:
    """A sheet of two rows declaring A1:XFD1048576 (5.7 GB once)."""
    data = rewrite_part(
        workbook(SMALL_SHEET),
        SHEET,
        lambda xml: re.sub(rb"<dimension ref=\"[^\"]*\"\s*/>", b'<dimension ref="A1:XFD1048576"/>', xml),
    )
    path = folder / "dimension.xlsx"
    path.write_bytes(data)
    return path


def zip_bomb(folder: Path, inflated: int = 100 * MIB) -> Path:
    """A few hundred kilobytes inflating to 100 MB of blanks inside the sheet (minutes and 2.7 GB once)."""

    def padded(xml: bytes):
        head, tail = xml.split(b"</sheetData>")
        yield head + b"<!--"
        blank = b" " * MIB
        for _ in range(inflated // MIB):
            yield blank
        yield b"--></sheetData>" + tail

    path = folder / "bomb.xlsx"
    path.write_bytes(rewrite_part(workbook(SMALL_SHEET), SHEET, padded))
    return path


def far_cell(folder: Path) -> Path:
    """A cell at XFD1048576, the last one a sheet has, and no dimension: rows and columns padded up to it once."""

    def moved(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension ref=\"[^\"]*\"\s*/>", b"", xml)
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>3</v></c></row></sheetData>')

    path = folder / "far.xlsx"
    path.write_bytes(rewrite_part(workbook(SMALL_SHEET), SHEET, moved))
    return path


def entity_expansion(folder: Path) -> Path:
    """« Billion laughs » in the sheet: an entity defined as ten of the previous one, nine times (3 GB of text)."""
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))

    def laughing(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet ", f"<!DOCTYPE worksheet [{entities}]><worksheet ".encode(), 1)
        return xml.replace(b"<t>R1</t>", b"<t>&lol9;</t>")

    path = folder / "laughs.xlsx"
    path.write_bytes(rewrite_part(workbook(SMALL_SHEET), SHEET, laughing))
    return path


# The worst cases by memory, each with a fragment of its message (in English), for the subprocess test.
HEAVY = {
    "long_header_field": (long_header_field, "column B: a column name of 200,000 characters"),
    "single_line": (single_line, "row 1: the first row runs over 1,048,576 bytes"),
    "long_row": (long_row, "row 2: a row of 62,914,563 bytes"),
    "too_many_rows": (too_many_rows, "1,048,577 rows: a response file holds 1,048,576 at most"),
    "long_cells": (long_cells, "row 2, column 'organisation' (B): a text of 1,048,512 characters"),
    "every_cell_bad": (every_cell_bad, "row 2, column 'a1' (B): 'x' is not a number"),
    "sparse_huge": (sparse_huge, "file too large (314,572,800 bytes)"),
    # Scored (a warning only: the role is not one of the options), broken down and balanced by its texts.
    "long_texts": (long_texts, "warning: "),
    "declared_dimension": (declared_dimension, "the sheet declares the range A1:XFD1048576"),
    "zip_bomb": (zip_bomb, "uncompresses"),
    "entity_expansion": (entity_expansion, "unreadable Excel workbook"),
}
