"""Fixtures of the scoring tests."""

from __future__ import annotations

import pytest
from scoring_testkit import SMALL

from scoring.loader import load_questionnaire
from scoring.model import Questionnaire


@pytest.fixture(scope="session")
def small() -> Questionnaire:
    """Scale 1-5; alpha (weight 2): a1, a2 (reverse, weight 3), a3; beta (weight 1): b1, b2. Bands 50/75."""
    return load_questionnaire(SMALL)
