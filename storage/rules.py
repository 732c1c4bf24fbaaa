"""`AnswerRules`: what `Store.save_draft` accepts for one respondent, beyond the size limits of `inputs`.

The app builds them from the questionnaire and the workshop (``scoring.answer_rules``, through ``ui.flow``) and
checks every value before saving; storage checks again here, so that a value the app let through by mistake, or
a caller that bypasses the app, still cannot store an answer off the scale, an unknown item, an organisation the
workshop does not have or an over-long comment. Storage never scores: these are plain membership and range
checks on the values as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import InvalidInput

__all__ = ["AnswerRules"]


@dataclass(frozen=True, slots=True)
class AnswerRules:
    scale_min: int
    scale_max: int
    allow_na: bool  # None (« je ne sais pas ») is an answer
    item_ids: frozenset[str]
    profile_options: Mapping[str, frozenset[str]]  # each profile question asked -> the values it accepts
    max_comment: int
    # The dimensions a comment may be about; None: any key (the size limits of `inputs` still apply).
    comment_keys: frozenset[str] | None = field(default=None)
    # Each moment of a position question asked (``relation.today``) -> the step ids it accepts; None (« je ne
    # sais pas ») is always accepted. Empty: no position is asked, none is accepted.
    position_options: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def check(
        self,
        answers: Mapping[str, object],
        profile: Mapping[str, object],
        comments: Mapping[str, str],
        positions: Mapping[str, object] | None = None,
    ) -> None:
        """Raise `InvalidInput` naming the first value these rules refuse."""
        for item_id, value in answers.items():
            if item_id not in self.item_ids:
                raise InvalidInput(f"answers: unknown item {item_id!r}")
            if value is None:
                if not self.allow_na:
                    raise InvalidInput(f"answers[{item_id!r}]: this scale offers no « don't know »")
            elif type(value) is not int or not self.scale_min <= value <= self.scale_max:
                raise InvalidInput(
                    f"answers[{item_id!r}] must be a whole number from {self.scale_min} to {self.scale_max}, "
                    f"not {value!r}"
                )
        for question, value in profile.items():
            if question not in self.profile_options:
                raise InvalidInput(f"profile: question {question!r} is not asked")
            if value not in self.profile_options[question]:
                raise InvalidInput(f"profile[{question!r}]: {value!r} is not one of its options")
        for key, text in comments.items():
            if self.comment_keys is not None and key not in self.comment_keys:
                raise InvalidInput(f"comments: unknown dimension {key!r}")
            if len(text) > self.max_comment:
                raise InvalidInput(f"comments[{key!r}] is longer than {self.max_comment} characters")
        for key, value in (positions or {}).items():
            if key not in self.position_options:
                raise InvalidInput(f"positions: {key!r} is not asked")
            if value is not None and value not in self.position_options[key]:
                raise InvalidInput(f"positions[{key!r}]: {value!r} is not one of its steps")
