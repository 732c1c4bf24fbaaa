"""Helpers shared by the scoring tests (a plain module: conftest files are not meant to be imported)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.yaml"
ITEMS = ["a1", "a2", "a3", "b1", "b2"]


def answers(rows: list[list[float | None]], **profile: list[str | None]) -> pd.DataFrame:
    """A responses frame: one list of raw answers per respondent, in the order a1, a2, a3, b1, b2."""
    frame = pd.DataFrame([[np.nan if v is None else v for v in row] for row in rows], columns=ITEMS, dtype=float)
    for field, values in profile.items():
        frame[field] = values
    return frame
