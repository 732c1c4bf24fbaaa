"""Reading response files (CSV or XLSX) into the table :func:`scoring.engine.score_responses` takes.

A file is checked as a whole: every problem gets its row (spreadsheet numbering, header = row 1) and its column,
so that the person who exported it can fix it in one go. Checks are vectorised per column: a clean file of
10,000 respondents costs little more than ``pandas.read_csv``, and only the odd cells ("4,0", " NSP") take the
slower text route. No Streamlit here: the app reuses :func:`read_responses_bytes` for uploads.

Decisions beyond docs/command-line.md:
- a row whose cells are all empty (or NA/NSP) is not a respondent: spreadsheets export such rows at the end;
- a cell may also use a decimal comma ("4,0"), as French spreadsheets write it;
- an unnamed column whose cells are all empty (a trailing separator) is ignored;
- a profile value that is not one of the field's options is kept, with a warning.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from scoring.model import Questionnaire
from scoring.response_problems import ResponseProblem, ResponsesError, ResponseWarning
from scoring.responses_check import NA_TOKENS, Table, check_table, filled_cells

# Cells beyond the header's last column are read too, so that a value there is reported instead of lost.
_SPARE_COLUMNS = 8
_CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}


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
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        detail = error.strerror or str(error)
        raise ResponsesError([ResponseProblem("file_unreadable", params={"detail": detail})], name) from None
    return read_responses_bytes(data, name, questionnaire)


def read_responses_bytes(
    data: bytes, filename: str, questionnaire: Questionnaire, *, max_bytes: int | None = None
) -> tuple[pd.DataFrame, list[ResponseWarning]]:
    """Same as :func:`read_responses` for content already in memory (an upload); ``filename`` gives the format.

    ``max_bytes`` refuses a larger upload before anything is parsed.
    """
    try:
        if max_bytes is not None and len(data) > max_bytes:
            raise ResponsesError([ResponseProblem("file_too_large", params={"size": len(data), "limit": max_bytes})])
        table = _read_table(data, filename, set(questionnaire.item_ids))
        return check_table(table, questionnaire)
    except ResponsesError as error:
        error.file = filename
        raise


def _read_table(data: bytes, filename: str, item_ids: set[str]) -> Table:
    suffix = Path(filename).suffix.lower()
    if not data.strip():
        raise ResponsesError([ResponseProblem("file_empty")])
    is_zip = data.startswith(b"PK\x03\x04")
    if suffix in _XLSX_SUFFIXES or (suffix not in _CSV_SUFFIXES and is_zip):
        return _read_xlsx(data)
    if suffix == ".xls" or data.startswith(b"\xd0\xcf\x11\xe0"):  # the old binary Excel format
        raise ResponsesError([ResponseProblem("file_xls")])
    if suffix in _CSV_SUFFIXES and not is_zip:
        return _read_csv(data, item_ids)
    raise ResponsesError([ResponseProblem("file_type")])


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding pandas should use: UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in data[:4096]:
        raise ResponsesError([ResponseProblem("file_binary")])
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # five bytes are undefined in Windows-1252; Latin-1 reads anything
        return data.decode("latin-1"), "latin-1"


def _sniff_separator(header_line: str) -> str:
    """The separator that splits the header into the most columns; a comma when none splits it."""
    best, best_count = ",", 1
    for separator in (",", ";", "\t"):
        count = len(next(csv.reader([header_line], delimiter=separator), []))
        if count > best_count:
            best, best_count = separator, count
    return best


def _read_csv(data: bytes, item_ids: set[str]) -> Table:
    text, encoding = _decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    end = text.find("\n")
    header_line = (text if end < 0 else text[:end]).rstrip("\r")
    if not header_line.strip(",;\t \r\n"):
        raise ResponsesError([ResponseProblem("header_blank", row=1)])
    separator = _sniff_separator(header_line)
    header = [name.strip() for name in next(csv.reader([header_line], delimiter=separator))]
    width = len(header) + _SPARE_COLUMNS
    item_positions = {position for position, name in enumerate(header) if name in item_ids}
    try:
        with warnings.catch_warnings():
            # pandas warns, and drops cells, when the first data row is longer than the names it was given.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            cells = pd.read_csv(
                io.BytesIO(data),
                sep=separator,
                encoding=encoding,
                header=None,
                skiprows=1,
                names=list(range(width)),
                index_col=False,
                # Item columns are parsed as numbers by pandas' C parser (the fast path); the others stay text.
                dtype={position: str for position in range(width) if position not in item_positions},
                keep_default_na=False,
                na_values={position: _NA_VARIANTS for position in item_positions},
                skip_blank_lines=False,
                engine="c",
            )
    except pd.errors.ParserWarning:
        raise ResponsesError(
            [ResponseProblem("csv_row_too_long", row=2, params={"cells": "> " + str(width), "expected": len(header)})]
        ) from None
    except ValueError as error:  # pandas' ParserError, or a conversion it gave up on
        raise ResponsesError([_parser_problem(str(error), len(header))]) from None
    except UnicodeDecodeError as error:  # pragma: no cover - _decode picked an encoding that reads the whole file
        raise ResponsesError([ResponseProblem("csv_malformed", params={"detail": str(error)})]) from None
    rows = np.arange(2, len(cells) + 2)
    return Table(header + [""] * _SPARE_COLUMNS, cells, rows)


def _parser_problem(message: str, header_width: int) -> ResponseProblem:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if found:
        return ResponseProblem(
            "csv_row_too_long", row=int(found[2]), params={"cells": int(found[3]), "expected": header_width}
        )
    found = re.search(r"EOF inside string starting at row (\d+)", message)
    if found:
        return ResponseProblem("csv_quote", params={"start": int(found[1]) + 1})
    return ResponseProblem("csv_malformed", params={"detail": message.strip().splitlines()[-1]})


def _read_xlsx(data: bytes) -> Table:
    try:
        sheet = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=object, engine="openpyxl")
    except Exception as error:  # a damaged workbook fails in zipfile, XML or openpyxl, each its own way
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ResponsesError([ResponseProblem("xlsx_unreadable", params={"detail": detail[:120]})]) from None
    if sheet.empty:
        raise ResponsesError([ResponseProblem("file_empty")])
    filled = np.column_stack([filled_cells(sheet[column]) for column in sheet.columns])
    nonempty_rows = np.flatnonzero(filled.any(axis=1))
    if nonempty_rows.size == 0:
        raise ResponsesError([ResponseProblem("file_empty")])
    # Blank rows above the header are skipped; row numbers stay those the spreadsheet shows.
    header_index = int(nonempty_rows[0])
    header = ["" if pd.isna(cell) else str(cell).strip() for cell in sheet.iloc[header_index]]
    cells = sheet.iloc[header_index + 1 :].reset_index(drop=True)
    cells.columns = range(cells.shape[1])
    rows = np.arange(header_index + 2, header_index + 2 + len(cells))
    return Table(header, cells, rows)
