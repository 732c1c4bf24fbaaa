"""The synthetic answer set of a case study, made from its seeded description (``Case.synthetic``).

For each role of the case, ``count`` people answer every statement of the questionnaire: a draw from a normal law
of mean the tendency and standard deviation the spread, rounded to the nearest point of the scale and kept on it.
A statement's own tendency wins over its dimension's, which wins over the role's; a reverse statement takes the
mirror of a dimension's or a role's tendency (they say how well things go), not of its own (it is written for the
statement as worded).

A role may also place the relationship on a position question's ordered list (``positions``): each person picks
the step drawn from a normal law around the role's step (its index in the list), with the spread in steps,
rounded and kept on the list, as a person on a phone picks one step per moment asked.

Each answer is drawn on its own from a hash of (seed, role, person, statement) rather than from one random stream:
the same seed gives the same set on every machine and version of Python or numpy, and changing one statement's
tendency or adding people to one role leaves every other answer as it was, so that a trainer tuning a case sees
only what they changed move.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np

from scoring.answer_rules import position_key
from scoring.asking import ROLE_FIELD, items_for
from scoring.case_model import Case, PlacedPosition, StepTendency, SyntheticRole, Tendency
from scoring.consensus import answer_counts, consensus_from_counts
from scoring.model import Item, Position, Questionnaire, Scale

# The profile fields a case fills in: the questionnaire's role, and the organisation when it asks for one.

ORGANISATION_FIELD = "organisation"
_NOWHERE = PlacedPosition()
# 53 bits: every double in (0, 1) that a uniform draw needs, from the first 8 bytes of the hash.
_BITS = 53


@dataclass(frozen=True)
class SyntheticResponse:
    """One made-up person: the case role they stand for, and what they answered."""

    role: str  # a role id of the case
    number: int  # 1, 2, ... within the role
    answers: dict[str, int | None]  # every statement asked of the role; None for « je ne sais pas »
    profile: dict[str, str]  # the questionnaire's role (and organisation)
    # Position questions as a phone stores them: ``relation.today`` -> a step id (none when the role places none).
    positions: dict[str, str] = field(default_factory=dict)


def synthetic_responses(case: Case, questionnaire: Questionnaire) -> list[SyntheticResponse]:
    """The case's synthetic answer set, in the order of its roles (pure: the same case gives the same list)."""
    made: list[SyntheticResponse] = []
    asks_organisation = questionnaire.profile_field(ORGANISATION_FIELD) is not None
    for role in case.roles:
        description = case.synthetic.roles.get(role.id)
        if description is None:  # a part only students play
            continue
        for index in range(description.count):
            number = index + 1
            profile = {ROLE_FIELD: role.answers_as}
            # A role answers what the flow would ask it (``asked_of``), as a person on a phone would.
            asked = {item.id for item in items_for(questionnaire, profile)}
            answers = {
                item.id: _answer(case, role.id, number, item, dimension_id, description, questionnaire.scale)
                for dimension_id, item in _items(questionnaire)
                if item.id in asked
            }
            if asks_organisation and role.organisations:
                profile[ORGANISATION_FIELD] = role.organisations[index % len(role.organisations)]
            positions = {
                position_key(position.id, moment): _step(case, role.id, number, position, moment, placed)
                for position in questionnaire.positions
                for moment, placed in description.positions.get(position.id, _NOWHERE).moments().items()
                if moment in position.asks
            }
            made.append(
                SyntheticResponse(role=role.id, number=number, answers=answers, profile=profile, positions=positions)
            )
    return made


def statement_consensus(
    questionnaire: Questionnaire, answers: Sequence[dict[str, int | None]]
) -> dict[str, float | None]:
    """Step 7's consensus of each statement over these answers (None with fewer than two answers)."""
    item_ids = questionnaire.item_ids
    raw = np.full((len(answers), len(item_ids)), np.nan)
    for row, given in enumerate(answers):
        for column, item_id in enumerate(item_ids):
            value = given.get(item_id)
            if value is not None:
                raw[row, column] = value
    scale = questionnaire.scale
    consensus = consensus_from_counts(answer_counts(raw, scale.min, scale.max), scale.min, scale.max)
    pairs = zip(item_ids, consensus, strict=True)
    return {item_id: None if math.isnan(value) else float(value) for item_id, value in pairs}


def _items(questionnaire: Questionnaire) -> list[tuple[str, Item]]:
    return [(dimension.id, item) for dimension in questionnaire.dimensions for item in dimension.items]


def _answer(
    case: Case,
    role_id: str,
    number: int,
    item: Item,
    dimension_id: str,
    description: SyntheticRole,
    scale: Scale,
) -> int | None:
    seed = case.synthetic.seed
    if scale.allow_na and _uniform(seed, role_id, number, item.id, "unanswered") < case.synthetic.unanswered:
        return None
    own = description.statements.get(item.id)
    if own is not None:
        mean, spread = own.tendency, own.spread
    else:
        general: Tendency | SyntheticRole = description.dimensions.get(dimension_id) or description
        mean, spread = general.tendency, general.spread
        if item.reverse:
            mean = scale.min + scale.max - mean
    drawn = NormalDist(mean, spread).inv_cdf(_uniform(seed, role_id, number, item.id, "answer")) if spread else mean
    # Half up, not Python's half to even: 2.5 is 3 whatever the parity.
    return min(scale.max, max(scale.min, math.floor(drawn + 0.5)))


def _step(case: Case, role_id: str, number: int, position: Position, moment: str, placed: StepTendency) -> str:
    ids = [step.id for step in position.steps]
    centre = ids.index(placed.step)  # scoring.cases checks that the step is on the list
    purpose = position_key(position.id, moment)
    uniform = _uniform(case.synthetic.seed, role_id, number, purpose, "position")
    drawn = NormalDist(centre, placed.spread).inv_cdf(uniform) if placed.spread else centre
    return ids[min(len(ids) - 1, max(0, math.floor(drawn + 0.5)))]


def _uniform(seed: int, role_id: str, number: int, item_id: str, purpose: str) -> float:
    """A number in (0, 1), the same for the same arguments everywhere (never 0 or 1: inv_cdf refuses them)."""
    key = "\x1f".join((str(seed), role_id, str(number), item_id, purpose)).encode()
    bits = int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") >> (64 - _BITS)
    return (bits + 0.5) / 2**_BITS
