"""Reading response files (CSV or XLSX) into the table :func:`scoring.engine.score_responses` takes.

A file is checked as a whole: every problem gets its row (spreadsheet numbering, header = row 1) and its column,
so that the person who exported it can fix it in one go. No file can hurt: its size, its rows' lengths, its
number of rows and columns, a workbook's declared dimension, uncompressed size and compression ratio are checked
before anything is parsed (``scoring/responses_limits.py``); a file whose rows are not all in one encoding is
refused with the rows. Reading is a pure function of bytes (or a path) and a questionnaire: the app reuses
:func:`read_responses_bytes` for uploads, with ``max_bytes=UPLOAD_MAX_BYTES``.

How it stays fast and small (a million rows × 60 statements in about twice the time and less memory than a bare
``pandas.read_csv``): the header alone is read first; then only the columns the questionnaire names (and the
unnamed ones, to catch stray values) are parsed, block by block, each statement straight into one int8 matrix.

Decisions beyond docs/command-line.md:
- a row whose cells are all empty (or NA/NSP) is not a respondent: spreadsheets export such rows at the end;
- a cell may also use a decimal comma ("4,0"), as French spreadsheets write it;
- an unnamed column whose cells are all empty (a trailing separator) is ignored;
- a profile value that is not one of the field's options is kept, with a warning;
- a text that a spreadsheet would run as a formula (``=cmd|…``) is kept as text, with a warning; in a workbook, a
  statement's cell holding a formula is refused (the file holds no value for it).
"""

from __future__ import annotations

import codecs
import io
import re
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from i18n import Text
from scoring.frames import ResponseTable
from scoring.model import Questionnaire
from scoring.response_problems import ResponseProblem, ResponsesError, ResponseWarning, column_letter
from scoring.responses_check import NA_TOKENS, SheetChecker, check_header
from scoring.responses_limits import (
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    MAX_ROWS,
    MIB,
    XLSX_MAX_RATIO,
    XLSX_MAX_SHARED_STRINGS_BYTES,
    XLSX_MAX_UNCOMPRESSED,
    XLSX_RATIO_FROM_BYTES,
    max_columns,
)

# Cells beyond the header's last column are read too, so that a value there is reported instead of lost.
_SPARE_COLUMNS = 8
_CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
# Rows parsed at a time: at most 16 MB of a CSV and a million cells (a text cell costs pandas about 60 bytes, so a
# block of one-letter cells stays near 60 MB); the answers go on into one matrix.
_BLOCK_BYTES = 16 * MIB
_BLOCK_CELLS = 1_000_000
_SCAN_BYTES = 8 * MIB
_XLSX_BLOCK_ROWS = 10_000
# Rows listed in a message about encodings.
_ROWS_SHOWN = 5


def _case_variants(word: str) -> list[str]:
    variants = [""]
    for letter in word:
        variants = [v + c for v in variants for c in {letter.lower(), letter.upper()}]
    return variants


# pandas' own parser turns these into NaN, which keeps clean numeric columns on the fast path.
_NA_VARIANTS = sorted({variant for token in NA_TOKENS for variant in _case_variants(token)})


def read_responses(path: str | Path, questionnaire: Questionnaire) -> tuple[pd.DataFrame, list[ResponseWarning]]:
    """Read and check a response file; raise ResponsesError listing what is wrong.

    Returns the table (index: spreadsheet row numbers; columns: ``respondent`` and profile fields present in the
    file as strings, then every item of the questionnaire as float, NaN = unanswered) and warnings.
    """
    table, warnings = read_response_table(path, questionnaire)
    return table.frame(), warnings


def read_response_table(
    path: str | Path, questionnaire: Questionnaire, *, max_bytes: int = MAX_FILE_BYTES
) -> tuple[ResponseTable, list[ResponseWarning]]:
    """Same as :func:`read_responses`, as the compact table the engine scores (no DataFrame of floats)."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise ResponsesError([_too_large(size, max_bytes)], name)
        data = Path(path).read_bytes()
    except OSError as error:
        detail = error.strerror or str(error)
        raise ResponsesError([ResponseProblem("file_unreadable", params={"detail": detail})], name) from None
    return read_response_table_bytes(data, name, questionnaire, max_bytes=max_bytes)


def read_responses_bytes(
    data: bytes, filename: str, questionnaire: Questionnaire, *, max_bytes: int | None = None
) -> tuple[pd.DataFrame, list[ResponseWarning]]:
    """Same as :func:`read_responses` for content already in memory (an upload); ``filename`` gives the format.

    ``max_bytes`` refuses a larger upload before anything is parsed (the app passes ``UPLOAD_MAX_BYTES``).
    """
    table, warnings = read_response_table_bytes(data, filename, questionnaire, max_bytes=max_bytes)
    return table.frame(), warnings


def read_response_table_bytes(
    data: bytes, filename: str, questionnaire: Questionnaire, *, max_bytes: int | None = None
) -> tuple[ResponseTable, list[ResponseWarning]]:
    """Same as :func:`read_response_table` for content already in memory."""
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        if len(data) > limit:
            raise ResponsesError([_too_large(len(data), limit)])
        return _read(data, filename, questionnaire)
    except ResponsesError as error:
        error.file = filename
        raise


def _too_large(size: int, limit: int) -> ResponseProblem:
    return ResponseProblem("file_too_large", params={"size": size, "limit": limit, "limit_mib": limit // MIB})


def _read(data: bytes, filename: str, questionnaire: Questionnaire) -> tuple[ResponseTable, list[ResponseWarning]]:
    suffix = Path(filename).suffix.lower()
    if not data.strip():
        raise ResponsesError([ResponseProblem("file_empty")])
    is_zip = data.startswith(b"PK\x03\x04")
    if suffix in _XLSX_SUFFIXES or (suffix not in _CSV_SUFFIXES and is_zip):
        return _read_xlsx(data, questionnaire)
    if suffix == ".xls" or data.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary Excel format
        raise ResponsesError([ResponseProblem("file_xls")])
    if suffix in _CSV_SUFFIXES and not is_zip:
        return _read_csv(data, questionnaire)
    raise ResponsesError([ResponseProblem("file_type")])


# ----- CSV ---------------------------------------------------------------------------------------------------------


class _Lines:
    """Where the lines of a file end, found before parsing (numpy over a few megabytes at a time)."""

    def __init__(self, data: bytes, start: int) -> None:
        view = np.frombuffer(data, dtype=np.uint8)
        ends = []
        for offset in range(start, len(data), _SCAN_BYTES):
            ends.append(np.flatnonzero(view[offset : offset + _SCAN_BYTES] == 10) + offset)
        newlines = np.concatenate(ends) if ends else np.zeros(0, dtype=np.int64)
        last = len(data) - 1
        # A last line without a line break is a line too.
        self.ends = newlines if newlines.size and newlines[-1] == last else np.append(newlines, last + 1)
        self.starts = np.concatenate([[start], self.ends[:-1] + 1])

    def __len__(self) -> int:
        return int(self.ends.size)

    def longest(self, first: int = 0) -> tuple[int, int]:
        """(length in bytes, line index) of the longest line from ``first`` on."""
        if len(self) <= first:
            return 0, first
        lengths = self.ends[first:] - self.starts[first:]
        index = int(np.argmax(lengths))
        return int(lengths[index]), first + index

    def line_of(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ends, positions, side="left")


def _read_csv(data: bytes, questionnaire: Questionnaire) -> tuple[ResponseTable, list[ResponseWarning]]:
    if b"\x00" in data[:4096]:
        raise ResponsesError([ResponseProblem("file_binary")])
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if b"\r" in data[:MAX_LINE_BYTES] and b"\n" not in data[:MAX_LINE_BYTES]:
        data = data.replace(b"\r", b"\n")  # lines ended by CR alone, as old Macintosh spreadsheets wrote them
    # The header first, without looking further: a 60 MB line with no break is not a response file.
    header_end = data.find(b"\n", start, start + MAX_LINE_BYTES + 1)
    if header_end < 0 and len(data) - start > MAX_LINE_BYTES:
        raise ResponsesError([ResponseProblem("header_too_long", row=1, params={"limit": MAX_LINE_BYTES})])
    lines = _Lines(data, start)
    if len(lines) > MAX_ROWS:
        raise ResponsesError([ResponseProblem("too_many_rows", params={"count": len(lines), "limit": MAX_ROWS})])
    length, line = lines.longest(1)
    if length > MAX_LINE_BYTES:
        params = {"length": length, "limit": MAX_LINE_BYTES}
        raise ResponsesError([ResponseProblem("row_too_long", row=line + 1, params=params)])
    encoding = _encoding(data, start, lines)

    header_bytes = data[start : header_end if header_end >= 0 else len(data)].rstrip(b"\r")
    header_text = header_bytes.decode(encoding.replace("-sig", ""), errors="replace")
    if not header_text.strip(",;\t \r\n"):
        raise ResponsesError([ResponseProblem("header_blank", row=1)])
    separator, names = _header(header_bytes, encoding)
    header = check_header([name.strip() for name in names], questionnaire)
    width = max(header.width, len(names))
    spare = list(range(width, width + _SPARE_COLUMNS))
    checker = SheetChecker(header, questionnaire, spare=spare)
    item_positions = {p for _, p in checker.items}
    text_positions = {p for _, p in checker.text_columns}
    if len(lines) <= 1 or header_end < 0:
        return checker.result()

    average_line = max(1.0, (len(data) - header_end) / max(len(lines) - 1, 1))
    rows_per_block = max(1, min(int(_BLOCK_BYTES // average_line), _BLOCK_CELLS // (width + _SPARE_COLUMNS)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            reader = pd.read_csv(
                io.BytesIO(data),
                sep=separator,
                encoding=encoding,
                header=None,
                skiprows=1,
                # Every column up to the spare ones: in a file that can be scored, each is needed (a column the
                # questionnaire does not know makes the file refused). pandas refuses ``usecols`` beyond a
                # file's widest row, so the spare ones could not be asked for alone.
                names=list(range(width + _SPARE_COLUMNS)),
                index_col=False,
                # Statements are parsed as numbers by pandas' C parser (the fast path); texts stay text; other
                # columns are empty (NaN, the cheapest) unless something is wrong.
                dtype={p: str for p in text_positions},
                keep_default_na=False,
                na_values={p: _NA_VARIANTS if p in item_positions else [""] for p in range(width + _SPARE_COLUMNS)},
                skip_blank_lines=False,
                engine="c",
                chunksize=rows_per_block,
            )
            first_row = 2
            for block in reader:
                checker.add(block, np.arange(first_row, first_row + len(block)))
                first_row += len(block)
    except ValueError as error:  # pandas' ParserError, or a conversion it gave up on
        raise ResponsesError([_parser_problem(str(error), expected=header.width)]) from None
    except UnicodeDecodeError as error:  # pragma: no cover - the encoding was checked on every line
        raise ResponsesError([ResponseProblem("csv_malformed", params={"detail": str(error)})]) from None
    return checker.result()


def _header(header: bytes, encoding: str) -> tuple[str, list[str]]:
    """The separator that splits the header into the most columns (a comma when none splits it), and the names.

    pandas reads the header as it will read the rows (same quoting, no field-size limit, unlike ``csv``).
    """
    best: tuple[str, list[str]] = (",", [])
    for separator in (",", ";", "\t"):
        try:
            names = pd.read_csv(
                io.BytesIO(header + b"\n"),
                sep=separator,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                encoding=encoding,
                engine="c",
            ).iloc[0]
        except ValueError as error:
            raise ResponsesError([_parser_problem(str(error), row=1)]) from None
        names = ["" if pd.isna(name) else str(name) for name in names]
        if len(names) > max(1, len(best[1])):
            best = (separator, names)
    return best if best[1] else (",", [header.decode(encoding.replace("-sig", ""), errors="replace")])


def _encoding(data: bytes, start: int, lines: _Lines) -> str:
    """UTF-8 (``-sig`` with a BOM) when every line is, else Windows-1252; a file mixing both is refused by row."""
    utf8 = "utf-8-sig" if start else "utf-8"
    if data.isascii() or _valid_utf8(data, start):
        return utf8
    # Not UTF-8 as a whole: look at each line holding a byte over 127, the only ones the two encodings read apart.
    view = np.frombuffer(data, dtype=np.uint8)
    candidates = []
    for offset in range(start, len(data), _SCAN_BYTES):
        high = np.flatnonzero(view[offset : offset + _SCAN_BYTES] >= 0x80) + offset
        candidates.append(np.unique(lines.line_of(high)))
    utf8_lines, other_lines = [], []
    for index in np.unique(np.concatenate(candidates)):
        text = data[lines.starts[index] : lines.ends[index]]
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            other_lines.append(int(index) + 1)
        else:
            utf8_lines.append(int(index) + 1)
    if utf8_lines and other_lines:
        params = {"utf8": _row_list(utf8_lines), "other": _row_list(other_lines)}
        raise ResponsesError([ResponseProblem("mixed_encodings", params=params)])
    # Five bytes are undefined in Windows-1252; Latin-1 reads anything.
    body = data[start:]
    return "cp1252" if not any(byte in body for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")) else "latin-1"


def _valid_utf8(data: bytes, start: int) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for offset in range(start, len(data), _SCAN_BYTES):
            decoder.decode(data[offset : offset + _SCAN_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _row_list(rows: list[int]) -> Text:
    shown = ", ".join(str(row) for row in rows[:_ROWS_SHOWN])
    listed = Text("responses.rows_list", {"rows": shown, "count": len(rows)})
    if len(rows) <= _ROWS_SHOWN:
        return listed
    return Text("responses.and_more", {"shown": listed, "count": len(rows) - _ROWS_SHOWN})


def _parser_problem(message: str, row: int | None = None, expected: int | None = None) -> ResponseProblem:
    found = re.search(r"EOF inside string starting at row (\d+)", message)
    if found:
        return ResponseProblem("csv_quote", params={"start": row or int(found[1]) + 1})
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if found:
        params = {"cells": int(found[3]), "expected": expected or int(found[1])}
        return ResponseProblem("csv_row_too_long", row=int(found[2]), params=params)
    return ResponseProblem("csv_malformed", row=row or 0, params={"detail": message.strip().splitlines()[-1][:200]})


# ----- XLSX --------------------------------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    """Sizes from the zip's directory, before any part is inflated: zipfile never inflates a part past its
    declared size, so these bound what openpyxl can be made to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ResponsesError([_unreadable(error)]) from None
    total = sum(member.file_size for member in members)
    if total > XLSX_MAX_UNCOMPRESSED:
        params = {"size": total, "limit": XLSX_MAX_UNCOMPRESSED}
        raise ResponsesError([ResponseProblem("xlsx_uncompressed", params=params)])
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > XLSX_RATIO_FROM_BYTES and ratio > XLSX_MAX_RATIO:
            params = {
                "member": member.filename[:80],
                "ratio": int(ratio),
                "size": member.file_size,
                "compressed": member.compress_size,
                "limit": XLSX_MAX_RATIO,
            }
            raise ResponsesError([ResponseProblem("xlsx_ratio", params=params)])
        if member.filename.lower().endswith("sharedstrings.xml") and member.file_size > XLSX_MAX_SHARED_STRINGS_BYTES:
            params = {"size": member.file_size, "limit": XLSX_MAX_SHARED_STRINGS_BYTES}
            raise ResponsesError([ResponseProblem("xlsx_uncompressed", params=params)])


def _unreadable(error: BaseException) -> ResponseProblem:
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return ResponseProblem("xlsx_unreadable", params={"detail": detail[:120]})


def _read_xlsx(data: bytes, questionnaire: Questionnaire) -> tuple[ResponseTable, list[ResponseWarning]]:
    _check_zip(data)
    import openpyxl  # only for a workbook: a CSV run never pays for it

    known = 1 + len(questionnaire.profile) + len(questionnaire.item_ids)
    allowed = max_columns(known)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # a damaged workbook fails in zipfile, XML or openpyxl, each its own way
        raise ResponsesError([_unreadable(error)]) from None
    try:
        if not book.worksheets:
            raise ResponsesError([ResponseProblem("xlsx_no_sheet")])
        sheet = book.worksheets[0]
        _check_dimension(sheet, allowed)
        sheet.reset_dimensions()  # rows are read as they are in the file, not as its dimension says
        return _read_sheet(sheet, questionnaire, allowed)
    except ResponsesError:
        raise
    except Exception as error:  # malformed XML inside a part, met while reading the rows
        raise ResponsesError([_unreadable(error)]) from None
    finally:
        book.close()


def _check_dimension(sheet: object, allowed_columns: int) -> None:
    rows, columns = getattr(sheet, "max_row", None), getattr(sheet, "max_column", None)
    if rows is None or columns is None:
        return
    if rows > MAX_ROWS or columns > allowed_columns + _SPARE_COLUMNS:
        first = f"{column_letter(getattr(sheet, 'min_column', 1) - 1)}{getattr(sheet, 'min_row', 1)}"
        params = {
            "range": f"{first}:{column_letter(columns - 1)}{rows}",
            "rows": rows,
            "columns": columns,
            "max_rows": MAX_ROWS,
            "max_columns": allowed_columns,
        }
        raise ResponsesError([ResponseProblem("xlsx_dimension", params=params)])


def _read_sheet(
    sheet: object, questionnaire: Questionnaire, allowed: int
) -> tuple[ResponseTable, list[ResponseWarning]]:
    limit = allowed + _SPARE_COLUMNS
    rows = sheet.iter_rows(values_only=True, max_col=limit, max_row=MAX_ROWS)  # type: ignore[attr-defined]
    header_row = 0
    names: list[str] = []
    for number, values in enumerate(rows, start=1):
        if values.count(None) < len(values) and any(not _blank(value) for value in values):
            header_row = number
            names = ["" if _blank(value) else str(value).strip() for value in values]
            break
    if not header_row:
        raise ResponsesError([ResponseProblem("file_empty")])
    header = check_header(names, questionnaire)
    width = header.width
    spare = list(range(width, min(width + _SPARE_COLUMNS, limit)))
    checker = SheetChecker(header, questionnaire, spare=spare, formulas=True)
    positions = checker.positions
    rows_per_block = max(1, min(_XLSX_BLOCK_ROWS, _BLOCK_CELLS // max(len(positions), 1)))
    block: list[tuple[object, ...]] = []
    numbers: list[int] = []
    for number, values in enumerate(rows, start=header_row + 1):
        if values.count(None) == len(values) or all(_blank(value) for value in values):
            continue  # blank rows are not respondents; their numbers are kept by the others'
        block.append(values)
        numbers.append(number)
        if len(block) == rows_per_block:
            checker.add(_frame(block, positions), np.array(numbers))
            block, numbers = [], []
    if block:
        checker.add(_frame(block, positions), np.array(numbers))
    return checker.result()


def _frame(block: list[tuple[object, ...]], positions: list[int]) -> pd.DataFrame:
    columns = {}
    for position in positions:
        columns[position] = pd.Series(
            [values[position] if position < len(values) else None for values in block], dtype=object
        )
    return pd.DataFrame(columns)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
