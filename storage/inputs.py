"""Checks on what callers pass in, before it reaches the database.

The limits are generous for any real questionnaire or workshop; they exist so that a tampered request cannot
fill the database, and so that bad values fail here with a clear message rather than deep in a driver
(PostgreSQL, for one, rejects NUL characters in text columns).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .errors import InvalidInput

# The limits people meet in the app's forms, which say them; storage enforces the same, so that a tampered request
# gets no more than the form allows.
MAX_TITLE = 120  # a workshop's title
MAX_ORGANISATIONS = 30  # organisations of a workshop
MAX_ORGANISATION = 80  # an organisation's name
MAX_COMMENT = 2_000  # a comment on a dimension

MAX_PROFILE_FIELDS = 50
MAX_NAME = 200  # an organisation name, a profile field id or value, an item id
MAX_ANSWERS = 1_000
MAX_ANSWER_ABS = 1_000  # a scale value; scales are small, this only catches nonsense
MAX_COMMENTS = 1_000
MAX_STEP = 10_000
MAX_POSITIONS = 100  # moments of position questions (two per question)
MAX_POSITION_KEY = 140  # ``<position id>.<moment>``: a slug of 64 at most, a dot, « today » or « wished »
# A step id is a questionnaire slug ([a-z0-9-], 64 at most), as the database checks too (revision 0009).
STEP_ID = re.compile(r"[a-z0-9-]{1,64}")


def text(name: str, value: Any, max_len: int, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string, not {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise InvalidInput(f"{name} must not be empty")
    if len(value) > max_len:
        raise InvalidInput(f"{name} is longer than {max_len} characters")
    if "\x00" in value:
        raise InvalidInput(f"{name} contains a NUL character")
    return value


def text_list(name: str, values: Any, max_items: int, max_len: int = MAX_NAME) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise InvalidInput(f"{name} must be a list of strings")
    if len(values) > max_items:
        raise InvalidInput(f"{name} has more than {max_items} entries")
    return [text(f"{name}[{i}]", v, max_len) for i, v in enumerate(values)]


def text_map(name: str, values: Any, max_items: int, max_value_len: int) -> dict[str, str]:
    if not isinstance(values, Mapping):
        raise InvalidInput(f"{name} must be a mapping of strings to strings")
    if len(values) > max_items:
        raise InvalidInput(f"{name} has more than {max_items} entries")
    return {
        text(f"{name} key", k, MAX_NAME): text(f"{name}[{k!r}]", v, max_value_len, allow_empty=True)
        for k, v in values.items()
    }


def answers(values: Any) -> dict[str, int | None]:
    if not isinstance(values, Mapping):
        raise InvalidInput("answers must be a mapping of item ids to integers or None")
    if len(values) > MAX_ANSWERS:
        raise InvalidInput(f"answers has more than {MAX_ANSWERS} entries")
    checked: dict[str, int | None] = {}
    for item_id, value in values.items():
        text("answers key", item_id, MAX_NAME)
        # bool is an int subclass; True as an answer is a bug, not the value 1.
        if value is not None and (type(value) is not int or abs(value) > MAX_ANSWER_ABS):
            raise InvalidInput(f"answers[{item_id!r}] must be an integer of the scale or None, not {value!r}")
        checked[item_id] = value
    return checked


def positions(values: Any) -> dict[str, str | None]:
    """Position answers: ``relation.today`` -> a step id (a slug), or None for « je ne sais pas »."""
    if not isinstance(values, Mapping):
        raise InvalidInput("positions must be a mapping of position keys to step ids or None")
    if len(values) > MAX_POSITIONS:
        raise InvalidInput(f"positions has more than {MAX_POSITIONS} entries")
    checked: dict[str, str | None] = {}
    for key, value in values.items():
        text("positions key", key, MAX_POSITION_KEY)
        if value is not None and not (isinstance(value, str) and STEP_ID.fullmatch(value)):
            raise InvalidInput(f"positions[{key!r}] must be a step id or None, not {value!r}")
        checked[key] = value
    return checked


def scale(value: Any) -> dict[str, Any]:
    """The workshop columns of a `Scale` (all None without one)."""
    if value is None:
        return {"scale_min": None, "scale_max": None, "allow_na": None}
    low, high, allow_na = getattr(value, "min", None), getattr(value, "max", None), getattr(value, "allow_na", None)
    if type(low) is not int or type(high) is not int or not -MAX_ANSWER_ABS <= low < high <= MAX_ANSWER_ABS:
        raise InvalidInput(f"scale must run between whole numbers from -{MAX_ANSWER_ABS} to {MAX_ANSWER_ABS}")
    return {"scale_min": low, "scale_max": high, "allow_na": flag("scale.allow_na", allow_na)}


def step(value: Any) -> int:
    if type(value) is not int or not 0 <= value <= MAX_STEP:
        raise InvalidInput(f"step must be an integer between 0 and {MAX_STEP}, not {value!r}")
    return value


def flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(f"{name} must be True or False")
    return value
