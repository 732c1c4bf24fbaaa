"""Checking a sheet of responses as it is read, block of rows by block of rows, into one matrix of answer codes.

The header is checked first (:func:`check_header`); then :class:`SheetChecker` takes the cells block by block
(as pandas reads them, or as openpyxl yields them), writes each statement's answers as int8 codes into one
preallocated matrix, and keeps only the first problems (at most MAX_SHOWN_PROBLEMS) as Python objects, so that a
file with a million bad cells is still quick and small. Each check is a numpy/pandas operation on a column of a
block; only the odd cells (" NSP", "4,0") take the slower text route.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scoring.cells import FORMULA_STARTS
from scoring.frames import CODE_DTYPE, UNANSWERED, ResponseTable
from scoring.model import RESPONDENT_COLUMN, Questionnaire
from scoring.response_problems import ResponseProblem, ResponsesError, ResponseWarning, column_letter
from scoring.responses_limits import MAX_CELL_CHARS, MAX_HEADER_FIELDS, MAX_NAME_CHARS, max_columns

NA_TOKENS = ("", "na", "nsp")
MAX_SHOWN_PROBLEMS = 20

# Cell problems, in the order they are checked: a cell gets the first that applies.
_NOT_A_NUMBER, _NOT_INTEGER, _OUT_OF_RANGE, _FORMULA, _TOO_LONG = 0, 1, 2, 3, 4
_CELL_CODES = ("not_a_number", "not_integer", "out_of_range", "xlsx_formula", "cell_too_long")


@dataclass
class Header:
    """The first row, checked: what each position holds, and the header's own problems."""

    names: list[str]
    positions: dict[str, int]  # a known column name -> its position (first occurrence)
    unnamed: list[int]  # positions without a name, up to the last named one (a value there is reported)
    problems: list[ResponseProblem]

    @property
    def width(self) -> int:
        return len(self.names)


def check_header(names: list[str], questionnaire: Questionnaire) -> Header:
    """Column names (stripped) -> what they are; raise ResponsesError when nothing can be read under them."""
    profile_ids = [f.id for f in questionnaire.profile]
    known = {RESPONDENT_COLUMN, *profile_ids, *questionnaire.item_ids}
    limit = max_columns(len(known))
    if len(names) > MAX_HEADER_FIELDS:  # even empty: each is a column of every row to parse
        params = {"count": len(names), "known": len(known), "limit": limit}
        raise ResponsesError([ResponseProblem("too_many_columns", row=1, params=params)])
    while names and not names[-1]:  # trailing separators, or a spreadsheet's empty columns
        names = names[:-1]
    if len(names) > limit:
        params = {"count": len(names), "known": len(known), "limit": limit}
        raise ResponsesError([ResponseProblem("too_many_columns", row=1, params=params)])
    if not any(name in known for name in names):
        # Nothing recognised: the first row is data, or the file belongs to another questionnaire. One clear
        # message beats one "unknown column" per column.
        found = ", ".join(_shown(name) for name in names if name)
        params = {"profile": profile_ids[0] if profile_ids else "organisation", "item": questionnaire.item_ids[0]}
        raise ResponsesError([ResponseProblem("no_header", row=1, params={**params, "found": found[:200] or "—"})])

    positions: dict[str, int] = {}
    unnamed: list[int] = []
    problems: list[ResponseProblem] = []
    for position, name in enumerate(names):
        letter = column_letter(position)
        if not name:
            unnamed.append(position)
        elif len(name) > MAX_NAME_CHARS:
            params = {"length": len(name), "limit": MAX_NAME_CHARS}
            problems.append(ResponseProblem("column_name_too_long", row=1, letter=letter, params=params))
        elif name not in known:
            suggestion = _suggestion(name, known)
            code, params = ("unknown_column_hint", {"suggestion": suggestion}) if suggestion else ("unknown_column", {})
            problems.append(ResponseProblem(code, row=1, column=name, letter=letter, params=params))
        elif name in positions:
            first = column_letter(positions[name])
            problems.append(
                ResponseProblem("duplicate_column", row=1, column=name, letter=letter, params={"first": first})
            )
        else:
            positions[name] = position
    return Header(names, positions, unnamed, problems)


def _suggestion(name: str, known: set[str]) -> str | None:
    lowered = {candidate.lower(): candidate for candidate in known}
    if name.lower() in lowered:  # "ETH-1" for "eth-1"
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return close[0] if close else None


def filled_cells(column: pd.Series) -> np.ndarray:
    """Cells holding something other than blanks."""
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return column.notna().to_numpy(dtype=bool)
    text = column.astype(str).where(column.notna())
    return (text.str.strip().fillna("") != "").to_numpy(dtype=bool)


@dataclass
class _CellProblem:
    row: int  # spreadsheet row
    position: int
    code: int
    value: object


@dataclass
class SheetChecker:
    """Takes the cells of a sheet block by block; :meth:`result` gives the table, or raises with the problems.

    ``spare`` are positions beyond the header that were read to catch values there; ``formulas``: the cells come
    from a workbook, where a text starting with ``=`` is a formula whose value the file does not hold.
    """

    header: Header
    questionnaire: Questionnaire
    spare: list[int] = field(default_factory=list)
    formulas: bool = False

    def __post_init__(self) -> None:
        q = self.questionnaire
        self.items = [
            (index, self.header.positions[i]) for index, i in enumerate(q.item_ids) if i in self.header.positions
        ]
        names = [RESPONDENT_COLUMN, *(f.id for f in q.profile)]
        self.text_columns = [(name, self.header.positions[name]) for name in names if name in self.header.positions]
        self.code_blocks: list[np.ndarray] = []
        self.texts: dict[str, list[pd.Series]] = {name: [] for name, _ in self.text_columns}
        self.rows: list[np.ndarray] = []
        self.n = 0
        self.cell_problems: list[_CellProblem] = []
        self.bad_cells = 0
        self.unnamed_rows: dict[int, int] = {}  # position -> first row with a value
        self.overflow: ResponseProblem | None = None
        self.formula_texts: dict[str, tuple[str, int]] = {}  # column -> (first value, rows)

    @property
    def positions(self) -> list[int]:
        """The positions to read: known columns, unnamed ones, and the spare ones beyond the header."""
        return sorted(
            {p for _, p in self.items} | {p for _, p in self.text_columns} | {*self.header.unnamed, *self.spare}
        )

    def add(self, block: pd.DataFrame, rows: np.ndarray) -> None:
        """One block of rows; its columns are positions; ``rows`` are their spreadsheet numbers."""
        size = len(block)
        block.index = pd.RangeIndex(size)
        present = set(block.columns)
        scale = self.questionnaire.scale
        codes_block = np.full((size, len(self.questionnaire.item_ids)), UNANSWERED, dtype=CODE_DTYPE, order="F")
        answered = np.zeros(size, dtype=bool)
        bad_rows, bad_positions, bad_codes = [], [], []
        for index, position in self.items:
            column = block[position] if position in present else pd.Series([None] * size)
            values, codes = _item_column(column, scale.min, scale.max, self.formulas)
            target = codes_block[:, index]
            target[:] = np.where(np.isnan(values), UNANSWERED, values - scale.min).astype(CODE_DTYPE)
            answered |= target != UNANSWERED
            bad = np.flatnonzero(codes >= 0)
            if bad.size:
                bad_rows.append(bad)
                bad_positions.append(np.full(bad.size, position))
                bad_codes.append(codes[bad])
        keep = answered
        texts = []
        for name, position in self.text_columns:
            text = _text_column(block[position] if position in present else pd.Series([None] * size))
            text.index = rows
            lengths = text.str.len().fillna(0).to_numpy()
            too_long = np.flatnonzero(lengths > MAX_CELL_CHARS)
            if too_long.size:
                bad_rows.append(too_long)
                bad_positions.append(np.full(too_long.size, position))
                bad_codes.append(np.full(too_long.size, _TOO_LONG))
            self._note_formulas(name, text)
            keep = keep | text.notna().to_numpy()
            texts.append((name, text))
        for position in self.header.unnamed:
            if position not in self.unnamed_rows and position in present:
                filled = filled_cells(block[position])
                if filled.any():
                    self.unnamed_rows[position] = int(rows[np.argmax(filled)])
        if self.overflow is None:
            self._check_overflow(block, rows)
        if bad_rows:
            self._note_cells(
                block, rows, np.concatenate(bad_rows), np.concatenate(bad_positions), np.concatenate(bad_codes)
            )
        # A row with no answer, no respondent and no profile value is a spreadsheet's blank row, not a respondent.
        # Column-major blocks copy into the column-major matrix fast; a filtered block would be row-major.
        self.code_blocks.append(codes_block if keep.all() else np.asfortranarray(codes_block[keep]))
        for name, text in texts:
            self.texts[name].append(text[keep])
        self.rows.append(rows[keep])
        self.n += size

    def _note_formulas(self, name: str, text: pd.Series) -> None:
        first = text.dropna()
        if first.empty:
            return
        starts = first.str.startswith(FORMULA_STARTS).to_numpy(dtype=bool)
        if not starts.any():
            return
        value, count = self.formula_texts.get(name, (str(first[starts].iloc[0]), 0))
        self.formula_texts[name] = (value, count + int(starts.sum()))

    def _check_overflow(self, block: pd.DataFrame, rows: np.ndarray) -> None:
        filled_spare = [(p, filled_cells(block[p])) for p in self.spare if p in block.columns]
        anywhere = np.zeros(len(block), dtype=bool)
        for _, filled in filled_spare:
            anywhere |= filled
        if not anywhere.any():
            return
        first = int(np.argmax(anywhere))
        last = max(p for p, filled in filled_spare if filled[first])
        cells: object = last + 1
        if self.spare and last == self.spare[-1]:
            cells = f"> {last}"
        params = {"cells": cells, "expected": self.header.width}
        self.overflow = ResponseProblem("csv_row_too_long", row=int(rows[first]), params=params)

    def _note_cells(
        self, block: pd.DataFrame, rows: np.ndarray, bad: np.ndarray, positions: np.ndarray, codes: np.ndarray
    ) -> None:
        self.bad_cells += bad.size
        room = MAX_SHOWN_PROBLEMS - len(self.cell_problems)
        if room <= 0:
            return
        order = np.lexsort((positions, bad))[:room]
        for index in order:
            row, position = int(bad[index]), int(positions[index])
            value = block[position].iat[row] if position in block.columns else None
            self.cell_problems.append(_CellProblem(int(rows[row]), position, int(codes[index]), value))

    def result(self) -> tuple[ResponseTable, list[ResponseWarning]]:
        problems = list(self.header.problems)
        for position, row in sorted(self.unnamed_rows.items()):
            problems.append(ResponseProblem("unnamed_column", row=row, letter=column_letter(position)))
        if self.overflow is not None:
            problems.append(self.overflow)
        problems += self._cell_problem_list(len(problems))
        if problems:
            raise ResponsesError(problems)
        return self._table()

    def _cell_problem_list(self, already: int) -> list[ResponseProblem]:
        scale = self.questionnaire.scale
        shown = []
        for cell in self.cell_problems[: max(MAX_SHOWN_PROBLEMS - already, 0)]:
            params: dict[str, object] = {"value": _shown(cell.value), "min": scale.min, "max": scale.max}
            if cell.code == _TOO_LONG:
                params = {"length": len(str(cell.value)), "limit": MAX_CELL_CHARS}
            name = self.header.names[cell.position] if cell.position < self.header.width else ""
            shown.append(
                ResponseProblem(
                    _CELL_CODES[cell.code],
                    row=cell.row,
                    column=name or None,
                    letter=column_letter(cell.position),
                    params=params,
                )
            )
        hidden = self.bad_cells - len(shown)
        if hidden:
            shown.append(ResponseProblem("more_problems", params={"count": hidden}))
        return shown

    def _table(self) -> tuple[ResponseTable, list[ResponseWarning]]:
        q = self.questionnaire
        width = len(q.item_ids)
        rows = np.concatenate(self.rows) if self.rows else np.zeros(0, dtype=np.int64)
        codes = np.empty((rows.size, width), dtype=CODE_DTYPE, order="F")
        start = 0
        while self.code_blocks:  # block by block into one matrix, each block freed once copied
            part = self.code_blocks.pop(0)
            codes[start : start + len(part)] = part
            start += len(part)
        texts = {}
        for name in list(self.texts):
            parts = self.texts.pop(name)  # each block freed once joined, not held beside the whole column
            texts[name] = (pd.concat(parts) if parts else pd.Series([], dtype=object)).rename(name)
            del parts
        table = ResponseTable(
            item_ids=tuple(q.item_ids),
            scale_min=q.scale.min,
            codes=codes,
            texts=texts,
            rows=rows,
            present_items=frozenset(item_id for item_id in q.item_ids if item_id in self.header.positions),
        )
        return table, self._warnings(table)

    def _warnings(self, table: ResponseTable) -> list[ResponseWarning]:
        q = self.questionnaire
        warnings: list[ResponseWarning] = []
        missing = [item_id for item_id in q.item_ids if item_id not in table.present_items]
        if missing:
            params = {"columns": ", ".join(missing), "count": len(missing)}
            warnings.append(ResponseWarning("missing_item_columns", params=params))
        for profile_field in q.profile:
            if profile_field.is_open or profile_field.id not in table.texts:
                continue
            options = {option.id for option in profile_field.options}
            for value, count in table.texts[profile_field.id].value_counts().items():
                if value not in options:
                    params = {"value": _shown(value), "count": int(count), "options": ", ".join(sorted(options))}
                    warnings.append(ResponseWarning("unknown_option", column=profile_field.id, params=params))
        if RESPONDENT_COLUMN in table.texts:
            counts = table.texts[RESPONDENT_COLUMN].value_counts()
            repeated = counts[counts > 1]
            if len(repeated):
                examples = ", ".join(_shown(value) for value in repeated.index[:5])
                params = {"count": len(repeated), "examples": examples}
                warnings.append(ResponseWarning("duplicate_respondents", column=RESPONDENT_COLUMN, params=params))
        for name, (value, count) in self.formula_texts.items():
            params = {"value": _shown(value), "count": count}
            warnings.append(ResponseWarning("formula_text", column=name, params=params))
        if len(table) == 0:
            warnings.append(ResponseWarning("no_rows"))
        return warnings


def _item_column(
    column: pd.Series, scale_min: int, scale_max: int, formulas: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Values (NaN = unanswered) and a problem code per cell (-1 = fine)."""
    codes = np.full(len(column), -1, dtype=np.int8)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        # The fast path: pandas' parser already read every cell as a number or as NaN (empty, NA, NSP).
        values = column.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    else:
        values = _parse_text_cells(column, codes, formulas)
    answered = ~np.isnan(values)
    not_integer = answered & (values != np.floor(values)) & (codes < 0)
    codes[not_integer] = _NOT_INTEGER
    out_of_range = answered & ((values < scale_min) | (values > scale_max)) & (codes < 0)
    codes[out_of_range] = _OUT_OF_RANGE
    values[codes >= 0] = np.nan
    return values, codes


def _parse_text_cells(column: pd.Series, codes: np.ndarray, formulas: bool) -> np.ndarray:
    """Numbers out of text cells; marks the cells that are neither a number nor an unanswered token.

    A regular expression picks the cells that are numbers, and only those are converted: ``pd.to_numeric(...,
    errors="coerce")`` spends about 20 µs on each cell that is not one, minutes for a file of text.
    """
    present = column.notna().to_numpy()
    # Everything as text first: a spreadsheet's TRUE or a date must not pass for a number.
    text = column.astype(str).where(column.notna()).str.strip()
    values = _numbers(text)
    odd = present & np.isnan(values)
    if odd.any():
        # The few cells that are not plain numbers: "NSP", "na", "4,0".
        odd_text = text[odd]
        unanswered = odd_text.str.lower().isin(NA_TOKENS).to_numpy()
        comma = _numbers(odd_text.str.replace(",", ".", regex=False))
        values[odd] = np.where(unanswered, np.nan, comma)
        odd_codes = codes[odd]
        odd_codes[~unanswered & np.isnan(comma)] = _NOT_A_NUMBER
        if formulas:
            odd_codes[odd_text.str.startswith("=").to_numpy(dtype=bool)] = _FORMULA
        codes[odd] = odd_codes
    return values


_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"


def _numbers(text: pd.Series) -> np.ndarray:
    """The cells of ``text`` (stripped) that are written as numbers, as floats; NaN for the others."""
    values = np.full(len(text), np.nan)
    numeric = text.str.fullmatch(_NUMBER).fillna(False).to_numpy(dtype=bool)
    if numeric.any():
        values[numeric] = text[numeric].astype("float64").to_numpy()
    return values


def _shown(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).strip()
    return text if len(text) <= 30 else text[:27] + "..."


def _text_column(column: pd.Series) -> pd.Series:
    """Stripped text; empty -> missing."""
    if not pd.api.types.is_string_dtype(column) or column.dtype == object:
        column = column.astype(str).where(column.notna())
    text = column.str.strip()
    return text.where(text != "")
