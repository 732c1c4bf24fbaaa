"""Helpers of the decision tests (a plain module: conftest files are not meant to be imported)."""

from __future__ import annotations

import re
from pathlib import Path

from test_i18n import french_typography_problems  # noqa: F401 - re-exported: one typography rule for every text

ROOT = Path(__file__).resolve().parents[2]
# Lines in each source text (seeds/NNN_*.txt beside the checkout, not in it): a reference past the end is a typo.
SEED_LINES = {"000": 163, "001": 166, "002": 7880, "003": 263, "004": 1093}
_REFERENCE = re.compile(r"\b(\d{3}):(\d+)(?:-(\d+))?\b")


def seed_reference_problems(text: str) -> list[str]:
    """What is wrong with the seed references in ``text``: an unknown text, a line past its end, a range
    running backwards."""
    problems = []
    for number, first, last in _REFERENCE.findall(text):
        end = int(last or first)
        if number not in SEED_LINES:
            problems.append(f"{number}: no such source text")
        elif not 1 <= int(first) <= end <= SEED_LINES[number]:
            problems.append(f"{number}:{first}-{end}: outside lines 1-{SEED_LINES[number]}")
    return problems
