"""The tables the engine scores: a DataFrame built from answers held as dictionaries (the app, the workshops), or
the compact :class:`ResponseTable` a response file is read into (the command line, uploads)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.model import Questionnaire

# An answer code is the answer minus the scale's minimum (0 to 20: a scale has at most 21 points); -1 = unanswered.
UNANSWERED = -1
CODE_DTYPE = np.int8


def responses_frame(
    questionnaire: Questionnaire,
    answers: Sequence[Mapping[str, int | None]],
    profiles: Sequence[Mapping[str, str]] | None = None,
) -> pd.DataFrame:
    """One row per respondent: item columns (NaN when unanswered or « Je ne sais pas »), then profile columns."""
    item_ids = questionnaire.item_ids
    values = np.full((len(answers), len(item_ids)), np.nan)
    position = {item_id: column for column, item_id in enumerate(item_ids)}
    for row, given in enumerate(answers):
        for item_id, value in given.items():
            if value is not None and item_id in position:
                values[row, position[item_id]] = float(value)
    frame = pd.DataFrame(values, columns=item_ids)
    if profiles is not None:
        for profile_field in questionnaire.profile:
            frame[profile_field.id] = [profile.get(profile_field.id) for profile in profiles]
    return frame


@dataclass(frozen=True)
class ResponseTable:
    """A checked response file, one numeric matrix and the text columns, without a DataFrame of floats.

    ``codes`` is respondents × the questionnaire's items (in its order, a column of -1 for an item the file lacks),
    int8, column-major: 60 bytes per respondent for 60 statements where a DataFrame of floats takes 480.
    ``texts`` holds ``respondent`` and the profile fields the file has, stripped, empty = missing. ``rows`` are
    the spreadsheet's row numbers. It answers the few questions the engine asks of a DataFrame (``columns``,
    ``len``, ``table[name]``, ``index``); :meth:`frame` gives the DataFrame of :func:`read_responses`.
    """

    item_ids: tuple[str, ...]
    scale_min: int
    codes: np.ndarray
    texts: dict[str, pd.Series]
    rows: np.ndarray
    present_items: frozenset[str]

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def index(self) -> pd.Index:
        return pd.Index(self.rows, name="row")

    @property
    def columns(self) -> list[str]:
        return [*self.texts, *(item_id for item_id in self.item_ids if item_id in self.present_items)]

    def __getitem__(self, name: str) -> pd.Series:
        if name in self.texts:
            return self.texts[name]
        return pd.Series(self.raw_column(self.item_ids.index(name)), index=self.index, name=name)

    def raw_column(self, position: int) -> np.ndarray:
        """The raw answers of one item as floats (NaN = unanswered)."""
        column = self.codes[:, position]
        return np.where(column == UNANSWERED, np.nan, column.astype(np.float64) + self.scale_min)

    def frame(self) -> pd.DataFrame:
        """Text columns, then every item as float (NaN = unanswered); index: spreadsheet row numbers."""
        index = self.index
        parts = {name: column.to_numpy() for name, column in self.texts.items()}
        parts |= {item_id: self.raw_column(position) for position, item_id in enumerate(self.item_ids)}
        return pd.DataFrame(parts, index=index)
