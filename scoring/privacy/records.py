"""What the privacy rule reads and decides: responses as stored, figure keys, versions, the publication record.

Plain frozen dataclasses, with no database object in them: storage fills them in and writes back what the pure
planner (`scoring.privacy.plan_publication`) decided; it never decides anything itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scoring.model import Questionnaire

EVERYONE = ""  # the scope field of figures about the whole group


@dataclass(frozen=True, slots=True)
class WorkshopSpec:
    """What the rule needs to know of a workshop besides its answers."""

    questionnaire: Questionnaire
    # The profile questions the workshop asks, as ids of the questionnaire's profile fields: each one is a breakdown.
    profile_fields: tuple[str, ...] = ()
    # The workshop's organisations: the options of an open profile field (one with ``options: []``).
    organisations: tuple[str, ...] = ()

    @property
    def minimum(self) -> int:
        return self.questionnaire.min_group_size

    @property
    def breakdown_fields(self) -> list[str]:
        """The fields the workshop asks, in the questionnaire's order."""
        asked = set(self.profile_fields)
        return [f.id for f in self.questionnaire.profile if f.id in asked]

    def field_values(self, field_id: str) -> list[str]:
        """Every value a response may give to a field, in the order a screen lists them."""
        profile_field = self.questionnaire.profile_field(field_id)
        if profile_field is None:
            return []
        if profile_field.options:
            return [option.id for option in profile_field.options]
        return list(self.organisations)


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """One submitted response as storage holds it: nothing in it is trusted (a client may have sent anything)."""

    id: int
    answers: Mapping[str, Any]
    profile: Mapping[str, Any] = field(default_factory=dict)
    # Position questions as stored: ``relation.today`` -> a step id, or None (blank); never scored.
    positions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, order=True)
class Scope:
    """Everyone (``field == EVERYONE``), or the people who gave ``value`` to the profile field ``field``."""

    field: str = EVERYONE
    value: str = ""

    @property
    def everyone(self) -> bool:
        return self.field == EVERYONE


@dataclass(frozen=True, slots=True, order=True)
class FigureKey:
    """One figure that a screen may show: (scope, kind, id). ``kind`` names a `scoring.privacy.figures` kind
    (``people``, ``dimension``, ``item``, ``position``); ``target`` is the dimension or item id ("" for ``people``),
    or ``relation:today`` for one moment of a position question."""

    scope: Scope
    kind: str
    target: str = ""


@dataclass(frozen=True, slots=True)
class Version:
    """A figure as it may be shown: computed from exactly these responses (ids), recorded at this round."""

    key: FigureKey
    contributors: frozenset[int]
    round: int

    @property
    def size(self) -> int:
        return len(self.contributors)


LEGACY_ROUND = 0  # admissions carried over from schema 2's published responses, before any recorded version


@dataclass(frozen=True, slots=True)
class PublicationRecord:
    """Everything recorded about a workshop's publication, append-only.

    ``counter`` is the number of publication rounds recorded (the compare-and-set token); ``admitted`` maps each
    admitted response id to the round that admitted it (`LEGACY_ROUND` for schema 2's published responses);
    ``versions`` are in the order they were recorded.
    """

    counter: int = 0
    admitted: Mapping[int, int] = field(default_factory=dict)
    versions: tuple[Version, ...] = ()

    def after(self, plan: Plan) -> PublicationRecord:
        """The record once ``plan`` is written (what storage does, for the reader of a round not written yet)."""
        if plan.empty:
            return self
        admitted = dict(self.admitted)
        admitted.update(dict.fromkeys(plan.admit, plan.round))
        return PublicationRecord(counter=plan.round, admitted=admitted, versions=self.versions + plan.versions)

    def latest(self) -> dict[FigureKey, Version]:
        latest: dict[FigureKey, Version] = {}
        for version in self.versions:
            latest[version.key] = version
        return latest


@dataclass(frozen=True, slots=True)
class Plan:
    """What one publication round records: responses to admit and new figure versions, all at ``round``."""

    round: int
    admit: frozenset[int] = frozenset()
    versions: tuple[Version, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.admit and not self.versions
