"""What a respondent may send: the rules every value from a client is checked against, on the server.

A browser can send anything over Streamlit's websocket (a radio value of « 99 », an organisation the workshop
does not have, a megabyte of comment), whatever the widgets on screen allow. The app keeps a value only if these
rules accept it, and passes the same rules to storage, which refuses the rest on its own (and the database
constraints behind it): three guards, so that a poisoned value never reaches the scores.

Pure: built from a questionnaire and, in a workshop, its organisations and the profile questions it asks.
Each check returns None when the value is acceptable, else a short problem code that the interface translates
(``answers.problem_<code>`` in the catalogues).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from scoring.model import Questionnaire

Problem = Literal[
    "unknown_item",
    "not_a_whole_number",
    "off_scale",
    "na_not_offered",
    "unknown_question",
    "not_an_option",
    "unknown_dimension",
    "too_long",
    "nul",
    "unknown_position",
    "not_a_step",
]

# A position question asks one or two moments (``Position.asks``); each is answered on its own, under this key.
POSITION_SEPARATOR = "."


def position_key(position_id: str, moment: str) -> str:
    """Where one moment of a position question is kept: ``relation.today``, ``relation.wished``."""
    return f"{position_id}{POSITION_SEPARATOR}{moment}"


def split_position_key(key: str) -> tuple[str, str]:
    position_id, _, moment = key.rpartition(POSITION_SEPARATOR)
    return position_id, moment


@dataclass(frozen=True)
class AnswerRules:
    """The values a respondent may give to one questionnaire, in one setting (alone, or in one workshop).

    ``profile_options`` maps each profile question asked to the option ids it accepts (for an open question such
    as the organisation, the workshop's own list); a question that is not asked accepts nothing.
    """

    scale_min: int
    scale_max: int
    allow_na: bool
    item_ids: frozenset[str]
    dimension_ids: frozenset[str]
    max_comment: int  # the longest comment storage keeps (storage.inputs.MAX_COMMENT, passed in by ui.flow)
    profile_options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Each moment of a position question (``position_key``) -> the step ids of its list, in order.
    position_options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def for_questionnaire(
        cls,
        questionnaire: Questionnaire,
        *,
        max_comment: int,
        organisations: Iterable[str] = (),
        asked_profile: Iterable[str] | None = None,
    ) -> AnswerRules:
        """The rules of ``questionnaire``; in a workshop, with its organisations and the profile questions it asks
        (``asked_profile`` None: every question that has options)."""
        asked = None if asked_profile is None else set(asked_profile)
        names = tuple(organisations)
        options: dict[str, tuple[str, ...]] = {}
        for question in questionnaire.profile:
            if asked is not None and question.id not in asked:
                continue
            choices = tuple(option.id for option in question.options) if question.options else names
            if choices:  # an open question with no list (answering alone) is not asked
                options[question.id] = choices
        return cls(
            scale_min=questionnaire.scale.min,
            scale_max=questionnaire.scale.max,
            allow_na=questionnaire.scale.allow_na,
            item_ids=frozenset(questionnaire.item_ids),
            dimension_ids=frozenset(dimension.id for dimension in questionnaire.dimensions),
            max_comment=max_comment,
            profile_options=options,
            position_options={
                position_key(position.id, moment): tuple(step.id for step in position.steps)
                for position in questionnaire.positions
                for moment in position.asks
            },
        )

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    def answer_problem(self, item_id: object, value: object) -> Problem | None:
        """An answer: a whole number of the scale, or None for « je ne sais pas » when the scale offers it."""
        if item_id not in self.item_ids:
            return "unknown_item"
        if value is None:
            return None if self.allow_na else "na_not_offered"
        # bool is an int subclass: True is a bug or a forgery, never the answer 1.
        if type(value) is not int:
            return "not_a_whole_number"
        if not self.scale_min <= value <= self.scale_max:
            return "off_scale"
        return None

    def profile_problem(self, question_id: object, value: object) -> Problem | None:
        """A profile answer: one of the options of a question asked."""
        if not isinstance(question_id, str) or question_id not in self.profile_options:
            return "unknown_question"
        if not isinstance(value, str) or value not in self.profile_options[question_id]:
            return "not_an_option"
        return None

    def comment_problem(self, dimension_id: object, text: object) -> Problem | None:
        """A comment on a dimension: text no longer than ``max_comment``, without NUL (which nobody can see to
        remove, and PostgreSQL cannot store)."""
        if dimension_id not in self.dimension_ids:
            return "unknown_dimension"
        if not isinstance(text, str):
            return "not_an_option"
        if len(text) > self.max_comment:
            return "too_long"
        if "\x00" in text:
            return "nul"
        return None

    def position_problem(self, key: object, value: object) -> Problem | None:
        """A position: a step of the question's list, or None for « je ne sais pas » (blank)."""
        if not isinstance(key, str) or key not in self.position_options:
            return "unknown_position"
        if value is None:
            return None
        if not isinstance(value, str) or value not in self.position_options[key]:
            return "not_a_step"
        return None

    def valid_positions(self, positions: Mapping[str, object]) -> dict[str, str | None]:
        """What of stored positions these rules accept."""
        return {k: v for k, v in positions.items() if self.position_problem(k, v) is None}  # type: ignore[misc]

    def valid_only(
        self, answers: Mapping[str, object], profile: Mapping[str, object], comments: Mapping[str, object]
    ) -> tuple[dict[str, int | None], dict[str, str], dict[str, str]]:
        """What of a stored draft these rules accept (a draft saved before the rules existed may hold anything)."""
        return (
            {k: v for k, v in answers.items() if self.answer_problem(k, v) is None},  # type: ignore[misc]
            {k: v for k, v in profile.items() if self.profile_problem(k, v) is None},  # type: ignore[misc]
            {k: v for k, v in comments.items() if self.comment_problem(k, v) is None},  # type: ignore[misc]
        )
