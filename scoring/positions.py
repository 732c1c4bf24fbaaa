"""Answers to position questions (a place on an ordered list, today and wished) and their distributions.

A respondent's position answers are ``{position id: {"today": step id, "wished": step id}}``; a moment not
answered is absent. They are never scored (the engine reads dimensions only). A group sees, for each position and
each moment asked, how many people chose each step: the distribution this module counts, which a shared screen
shows only through the privacy rules (at least ``min_group_size`` answers to that moment, as for every figure).

For the answering flow, :func:`flow_steps` describes the step a position adds, and :func:`clean_answers` keeps
only what the questionnaire asks, so that a tampered or outdated draft cannot carry anything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scoring.model import Position, Questionnaire

PositionAnswers = dict[str, dict[str, str]]
MOMENTS = ("today", "wished")


@dataclass(frozen=True)
class PositionStepDescription:
    """What the answering flow needs to draw one position question: one radio per moment asked.

    ``widget_key(moment)`` names the widget; its options are ``step_ids`` (labels and definitions from
    ``position.steps``); a change is stored with :func:`set_answer`.
    """

    position: Position

    @property
    def id(self) -> str:
        return self.position.id

    @property
    def moments(self) -> tuple[str, ...]:
        return self.position.asks

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step in self.position.steps]

    def widget_key(self, moment: str) -> str:
        return f"position_{self.position.id}_{moment}"


def flow_steps(questionnaire: Questionnaire) -> list[PositionStepDescription]:
    """One description per position question, in the questionnaire's order. The flow may ask them in a step of
    their own, after the profile and before the dimensions (where the relationship stands frames the rest)."""
    return [PositionStepDescription(position) for position in questionnaire.positions]


def set_answer(answers: PositionAnswers, position_id: str, moment: str, step_id: str | None) -> PositionAnswers:
    """A new mapping with one moment answered (or cleared with None); the given one is not changed."""
    updated = {key: dict(value) for key, value in answers.items()}
    moments = updated.setdefault(position_id, {})
    if step_id is None:
        moments.pop(moment, None)
    else:
        moments[moment] = step_id
    if not moments:
        del updated[position_id]
    return updated


def clean_answers(questionnaire: Questionnaire, raw: Any) -> PositionAnswers:
    """Only the positions, moments and steps the questionnaire asks; anything else is dropped."""
    if not isinstance(raw, Mapping):
        return {}
    cleaned: PositionAnswers = {}
    for position in questionnaire.positions:
        given = raw.get(position.id)
        if not isinstance(given, Mapping):
            continue
        ids = {step.id for step in position.steps}
        moments = {moment: given[moment] for moment in position.asks if given.get(moment) in ids}
        if moments:
            cleaned[position.id] = moments
    return cleaned


@dataclass(frozen=True)
class Distribution:
    """How many people chose each step of one position at one moment; ``n`` people answered that moment."""

    position: str
    moment: str
    n: int
    counts: dict[str, int]  # every step id, in the list's order, with 0 where nobody chose it


def distributions(questionnaire: Questionnaire, answers: Iterable[Mapping[str, Any]]) -> list[Distribution]:
    """For each position and moment asked, the count of each step over the respondents' (cleaned) answers."""
    people = [clean_answers(questionnaire, given) for given in answers]
    found = []
    for position in questionnaire.positions:
        for moment in position.asks:
            counts = {step.id: 0 for step in position.steps}
            for person in people:
                chosen = person.get(position.id, {}).get(moment)
                if chosen is not None:
                    counts[chosen] += 1
            found.append(Distribution(position.id, moment, sum(counts.values()), counts))
    return found
