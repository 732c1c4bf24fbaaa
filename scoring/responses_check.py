"""Checking a sheet of responses, column by column, and turning it into the table the engine scores.

Each check is a numpy/pandas operation on a whole column; only the reported problems (at most
MAX_SHOWN_PROBLEMS) are turned into Python objects, so a file with thousands of bad cells is still quick.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.model import RESPONDENT_COLUMN, Questionnaire
from scoring.response_problems import ResponseProblem, ResponsesError, ResponseWarning, column_letter

NA_TOKENS = ("", "na", "nsp")
MAX_SHOWN_PROBLEMS = 20

# Cell problems, in the order they are checked: a cell gets the first that applies.
_NOT_A_NUMBER, _NOT_INTEGER, _OUT_OF_RANGE = 0, 1, 2
_CELL_CODES = ("not_a_number", "not_integer", "out_of_range")


@dataclass
class Table:
    """A sheet as read: stripped header names, cells by column position, each row's spreadsheet number."""

    header: list[str]
    cells: pd.DataFrame
    rows: np.ndarray


def check_table(table: Table, questionnaire: Questionnaire) -> tuple[pd.DataFrame, list[ResponseWarning]]:
    """The scored table and warnings; raise ResponsesError with the problems (column ones first, then by row)."""
    positions, problems = _check_header(table, questionnaire)
    scale = questionnaire.scale
    values: dict[str, np.ndarray] = {}
    cell_rows, cell_columns, cell_codes = [], [], []
    for item_id in questionnaire.item_ids:
        if item_id not in positions:
            continue
        column = positions[item_id]
        values[item_id], codes = _item_column(table.cells[column], scale.min, scale.max)
        bad = np.flatnonzero(codes >= 0)
        cell_rows.append(bad)
        cell_columns.append(np.full(bad.size, column))
        cell_codes.append(codes[bad])
    if cell_rows:
        problems += _cell_problems(
            table,
            np.concatenate(cell_rows),
            np.concatenate(cell_columns),
            np.concatenate(cell_codes),
            scale.min,
            scale.max,
            len(problems),
        )
    if problems:
        raise ResponsesError(problems)
    return _build_frame(table, questionnaire, positions, values)


def _check_header(table: Table, questionnaire: Questionnaire) -> tuple[dict[str, int], list[ResponseProblem]]:
    """Column name -> position (first occurrence), and the header's problems."""
    profile_ids = [field.id for field in questionnaire.profile]
    known = {RESPONDENT_COLUMN, *profile_ids, *questionnaire.item_ids}
    named = [name for name in table.header if name]
    if not any(name in known for name in named):
        # Nothing recognised: the first row is data, or the file belongs to another questionnaire. One clear
        # message beats one "unknown column" per column.
        found = ", ".join(named[:5]) or "—"
        params = {"profile": profile_ids[0] if profile_ids else "organisation", "item": questionnaire.item_ids[0]}
        raise ResponsesError([ResponseProblem("no_header", row=1, params={**params, "found": found})])

    positions: dict[str, int] = {}
    problems: list[ResponseProblem] = []
    for position, name in enumerate(table.header):
        letter = column_letter(position)
        if not name:
            filled = filled_cells(table.cells[position]) if position < table.cells.shape[1] else np.zeros(0, bool)
            if filled.any():  # else a trailing separator, harmless
                row = int(table.rows[np.argmax(filled)])
                problems.append(ResponseProblem("unnamed_column", row=row, letter=letter))
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
    return positions, problems


def _suggestion(name: str, known: set[str]) -> str | None:
    lowered = {candidate.lower(): candidate for candidate in known}
    if name.lower() in lowered:  # "ETH-1" for "eth-1"
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return close[0] if close else None


def filled_cells(column: pd.Series) -> np.ndarray:
    """Cells holding something other than blanks."""
    text = column.astype(str).where(column.notna())
    return (text.str.strip().fillna("") != "").to_numpy(dtype=bool)


def _item_column(column: pd.Series, scale_min: int, scale_max: int) -> tuple[np.ndarray, np.ndarray]:
    """Values (NaN = unanswered) and a problem code per cell (-1 = fine)."""
    codes = np.full(len(column), -1, dtype=np.int8)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        # The fast path: pandas' parser already read every cell as a number or as NaN (empty, NA, NSP).
        values = column.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    else:
        values = _parse_text_cells(column, codes)
    answered = ~np.isnan(values)
    not_integer = answered & (values != np.floor(values)) & (codes < 0)
    codes[not_integer] = _NOT_INTEGER
    out_of_range = answered & ((values < scale_min) | (values > scale_max)) & (codes < 0)
    codes[out_of_range] = _OUT_OF_RANGE
    values[codes >= 0] = np.nan
    return values, codes


def _parse_text_cells(column: pd.Series, codes: np.ndarray) -> np.ndarray:
    """Numbers out of text cells; marks the cells that are neither a number nor an unanswered token."""
    present = column.notna()
    # Everything as text first: a spreadsheet's TRUE or a date must not pass for a number.
    text = column.astype(str).where(present)
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    odd = present.to_numpy() & np.isnan(values)
    if odd.any():
        # The few cells pandas could not read: " NSP ", "na", "4,0".
        odd_text = text[odd].str.strip()
        unanswered = odd_text.str.lower().isin(NA_TOKENS).to_numpy()
        comma = pd.to_numeric(odd_text.str.replace(",", ".", regex=False), errors="coerce").to_numpy(
            dtype=np.float64, na_value=np.nan
        )
        odd_values = np.where(unanswered, np.nan, comma)
        values[odd] = odd_values
        odd_codes = codes[odd]
        odd_codes[~unanswered & np.isnan(comma)] = _NOT_A_NUMBER
        codes[odd] = odd_codes
    return values


def _cell_problems(
    table: Table,
    rows: np.ndarray,
    columns: np.ndarray,
    codes: np.ndarray,
    scale_min: int,
    scale_max: int,
    already: int,
) -> list[ResponseProblem]:
    """The first problems in reading order (row, then column), and a count of the others."""
    if rows.size == 0:
        return []
    order = np.lexsort((columns, rows))
    room = max(MAX_SHOWN_PROBLEMS - already, 0)
    shown = []
    for index in order[:room]:
        row, column = int(rows[index]), int(columns[index])
        cell = table.cells.iat[row, column]
        shown.append(
            ResponseProblem(
                _CELL_CODES[codes[index]],
                row=int(table.rows[row]),
                column=table.header[column],
                letter=column_letter(column),
                params={"value": _shown(cell), "min": scale_min, "max": scale_max},
            )
        )
    hidden = rows.size - len(shown)
    if hidden:
        shown.append(ResponseProblem("more_problems", params={"count": hidden}))
    return shown


def _shown(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).strip()
    return text if len(text) <= 30 else text[:27] + "..."


def _build_frame(
    table: Table, questionnaire: Questionnaire, positions: dict[str, int], values: dict[str, np.ndarray]
) -> tuple[pd.DataFrame, list[ResponseWarning]]:
    warnings: list[ResponseWarning] = []
    index = pd.Index(table.rows, name="row")
    texts = {
        name: _text_column(table.cells[positions[name]])
        for name in [RESPONDENT_COLUMN, *(field.id for field in questionnaire.profile)]
        if name in positions
    }
    missing = [item_id for item_id in questionnaire.item_ids if item_id not in positions]
    if missing:
        warnings.append(
            ResponseWarning("missing_item_columns", params={"columns": ", ".join(missing), "count": len(missing)})
        )
    n = len(table.rows)
    answers = np.column_stack([values.get(item_id, np.full(n, np.nan)) for item_id in questionnaire.item_ids])
    frame = pd.concat(
        [
            pd.DataFrame({name: column.to_numpy() for name, column in texts.items()}, index=index),
            pd.DataFrame(answers, index=index, columns=questionnaire.item_ids),
        ],
        axis=1,
    )
    # A row with no answer, no respondent and no profile value is a spreadsheet's blank row, not a respondent.
    keep = ~np.isnan(answers).all(axis=1)
    for column in texts.values():
        keep |= column.notna().to_numpy()
    frame = frame[keep]

    warnings += _profile_warnings(frame, questionnaire)
    if RESPONDENT_COLUMN in frame.columns:
        counts = frame[RESPONDENT_COLUMN].value_counts()
        repeated = counts[counts > 1]
        if len(repeated):
            examples = ", ".join(str(value) for value in repeated.index[:5])
            warnings.append(
                ResponseWarning(
                    "duplicate_respondents",
                    column=RESPONDENT_COLUMN,
                    params={"count": len(repeated), "examples": examples},
                )
            )
    if frame.empty:
        warnings.append(ResponseWarning("no_rows"))
    return frame, warnings


def _text_column(column: pd.Series) -> pd.Series:
    """Stripped text; empty -> missing."""
    text = column.astype(str).where(column.notna()).str.strip()
    return text.where(text != "")


def _profile_warnings(frame: pd.DataFrame, questionnaire: Questionnaire) -> list[ResponseWarning]:
    warnings = []
    for field in questionnaire.profile:
        if field.is_open or field.id not in frame.columns:
            continue
        options = {option.id for option in field.options}
        counts = frame[field.id].value_counts()
        for value, count in counts.items():
            if value not in options:
                warnings.append(
                    ResponseWarning(
                        "unknown_option",
                        column=field.id,
                        params={"value": value, "count": int(count), "options": ", ".join(sorted(options))},
                    )
                )
    return warnings
