"""Which stored values count, and when waiting responses enter the shown results.

A stored response is untrusted: a tampered client can send 99 on a 1–5 scale, an item the questionnaire does not
have, or an organisation that is not in the workshop's list. Such values are left out of every figure (the rest of
the response still counts) and counted, so that the facilitator is told; scoring a workshop never raises.

Admission: the responses that count grow by batches. When at least ``min_group_size`` submitted responses with at
least one valid answer are waiting, all of them are admitted at once: with 3 and 7 sent, 6 are in. Fewer than that
wait, also after closing (they are then « not counted »). A blank response never counts: it carries nothing, and
must not make up a group of people who answered. A response that placed the relationship on the continuum (a
position question, not scored) and answered no statement is not blank: it counts in the group's size and in the
distributions of positions, as its author answered something the group is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scoring.answer_rules import position_key
from scoring.asking import items_for
from scoring.privacy.records import StoredResponse, WorkshopSpec


def position_target(position_id: str, moment: str) -> str:
    """The figure id of one moment of a position question (``relation:today``), as `figures.PositionKind` names
    it; storage keeps the answer under `scoring.answer_rules.position_key` (``relation.today``)."""
    return f"{position_id}:{moment}"


@dataclass(frozen=True, slots=True)
class CleanResponse:
    """A response reduced to what may count: valid raw answers and valid profile values only."""

    id: int
    answers: Mapping[str, int]  # item id -> raw scale value; unanswered and « je ne sais pas » are absent
    profile: Mapping[str, str]  # profile field -> a value the workshop offers
    invalid: int  # stored values left out
    # Position target (``relation:today``) -> a step the position offers; blank ones (None) are absent.
    positions: Mapping[str, str] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        """Nothing a group figure could count: no valid statement answer and no valid position."""
        return not self.answers and not self.positions


def clean(spec: WorkshopSpec, response: StoredResponse) -> CleanResponse:
    """The valid part of a stored response, and how many stored values were not valid."""
    questionnaire = spec.questionnaire
    scale = questionnaire.scale
    item_ids = set(questionnaire.item_ids)
    invalid = 0
    answers: dict[str, int] = {}
    stored = response.answers if isinstance(response.answers, Mapping) else {}
    if not isinstance(response.answers, Mapping):
        invalid += 1
    for item_id, value in stored.items():
        if value is None:  # « je ne sais pas / sans objet »
            continue
        raw = _whole_number(value)
        if item_id not in item_ids or raw is None or not scale.min <= raw <= scale.max:
            invalid += 1
            continue
        answers[item_id] = raw
    profile: dict[str, str] = {}
    given = response.profile if isinstance(response.profile, Mapping) else {}
    if not isinstance(response.profile, Mapping):
        invalid += 1
    fields = set(spec.breakdown_fields)
    for field_id, value in given.items():
        if value is None or value == "":
            continue
        if field_id not in fields or not isinstance(value, str) or value not in spec.field_values(field_id):
            invalid += 1
            continue
        profile[field_id] = value
    # A statement not asked of the respondent's role (a paper form typed in whole, a tampered client) is left out,
    # as the answering flow would never have asked it.
    asked = {item.id for item in items_for(questionnaire, profile)}
    for item_id in [item_id for item_id in answers if item_id not in asked]:
        del answers[item_id]
        invalid += 1
    positions, invalid_positions = _positions(spec, response)
    return CleanResponse(
        id=response.id, answers=answers, profile=profile, invalid=invalid + invalid_positions, positions=positions
    )


def _positions(spec: WorkshopSpec, response: StoredResponse) -> tuple[dict[str, str], int]:
    """The valid positions, keyed by figure id, and how many stored ones are not: a key the questionnaire does not
    ask (an unknown question, or « wished » where only today is asked), or a value that is not one of its steps."""
    stored = response.positions
    if stored is None:  # stored before positions existed
        return {}, 0
    if not isinstance(stored, Mapping):
        return {}, 1
    offered = {
        position_key(position.id, moment): (position_target(position.id, moment), {step.id for step in position.steps})
        for position in spec.questionnaire.positions
        for moment in position.asks
    }
    positions: dict[str, str] = {}
    invalid = 0
    for key, value in stored.items():
        if value is None and key in offered:  # « je ne sais pas »: no value, not invalid
            continue
        if key not in offered or not isinstance(value, str) or value not in offered[key][1]:
            invalid += 1
            continue
        positions[offered[key][0]] = value
    return positions, invalid


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):  # JSON true is not 1
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def excluded_values(spec: WorkshopSpec, responses: Iterable[StoredResponse]) -> int:
    """How many stored values are left out as invalid, over these responses (the facilitator's notice)."""
    return sum(clean(spec, r).invalid for r in responses)


def waiting(responses: Iterable[CleanResponse], admitted: Iterable[int]) -> list[int]:
    """Ids of the responses that could still be admitted: submitted, not blank, not admitted yet."""
    done = set(admitted)
    return sorted(r.id for r in responses if r.id not in done and not r.blank)


def to_admit(responses: Iterable[CleanResponse], admitted: Iterable[int], minimum: int) -> frozenset[int]:
    """All waiting responses once at least ``minimum`` of them wait; else none."""
    candidates = waiting(responses, admitted)
    return frozenset(candidates) if len(candidates) >= minimum else frozenset()
