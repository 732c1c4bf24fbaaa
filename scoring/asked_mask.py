"""Answers to statements a respondent's role is not asked are left out of every score.

The answering flow never asks them (``scoring.asking``), but a paper form typed in by a facilitator, a response file
or a tampered client may still carry them: a « salarié » rating « our board merely rubber-stamps decisions » would
then weigh on a figure the questionnaire meant for the board. The rule is the flow's: a known role drops the
statements not meant for it; an unknown or missing role keeps everything.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.asking import ROLE_FIELD, is_asked
from scoring.frames import UNANSWERED
from scoring.model import Questionnaire


def not_asked_columns(questionnaire: Questionnaire) -> dict[str, np.ndarray]:
    """For each role that some statement is not asked of: the item positions (questionnaire order) it is not asked."""
    field = questionnaire.profile_field(ROLE_FIELD)
    if field is None:
        return {}
    positions: dict[str, np.ndarray] = {}
    for option in field.options:
        left_out = [
            position
            for position, (dimension, item) in enumerate(
                (dimension, item) for dimension in questionnaire.dimensions for item in dimension.items
            )
            if not is_asked(dimension, item, option.id)
        ]
        if left_out:
            positions[option.id] = np.array(left_out, dtype=np.intp)
    return positions


def drop_not_asked(questionnaire: Questionnaire, codes: np.ndarray, roles: pd.Series | None) -> np.ndarray:
    """``codes`` (respondents × items) with the answers to statements not asked of each row's role unanswered.

    Returns ``codes`` itself when nothing is dropped, else a copy: the caller's matrix (a read file's) is never
    written to.
    """
    if roles is None:
        return codes
    left_out = not_asked_columns(questionnaire)
    if not left_out:
        return codes
    role_of_row = roles.astype("string").str.strip().to_numpy(dtype=object, na_value=None)
    result = codes
    for role, columns in left_out.items():
        rows = np.flatnonzero(role_of_row == role)
        if rows.size == 0:
            continue
        block = result[np.ix_(rows, columns)]
        if not (block != UNANSWERED).any():
            continue
        if result is codes:
            result = codes.copy(order="F")
        result[np.ix_(rows, columns)] = UNANSWERED
    return result
