"""Answers held as dictionaries (the app, the workshops) turned into the table the engine scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from scoring.model import Questionnaire


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
