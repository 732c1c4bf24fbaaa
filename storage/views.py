"""What the storage hands out: small frozen records, with no database objects in them.

They are plain dataclasses so that pages and reports can use them without importing SQLAlchemy, and
frozen so that a page cannot believe it changed a workshop by assigning to a field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

__all__ = [
    "IMPORTED_PREFIX",
    "Answers",
    "BaselineFileView",
    "BaselineView",
    "Draft",
    "FacilitatorView",
    "ImportedQuestionnaire",
    "ParticipantView",
    "ProjectionView",
    "PublicationState",
    "RecordedVersion",
    "Scale",
    "StoredAnswers",
    "StoredPlan",
    "SubmittedResponse",
    "WorkshopCreated",
    "WorkshopStatus",
    "is_imported_reference",
]

WorkshopStatus = Literal["open", "closed"]
Answers = dict[str, int | None]  # item id -> scale value, or None for "don't know / not applicable"


IMPORTED_PREFIX = "imported-"


@dataclass(frozen=True, slots=True)
class ImportedQuestionnaire:
    """A questionnaire a facilitator brought (uploaded YAML or workbook), as storage keeps it: its text only.

    ``source`` is the questionnaire's YAML, already validated by the app (storage never reads it: it neither scores
    nor parses, and nothing in it is ever run). ``questionnaire_id`` and ``version`` are the author's, for the
    record. The workshops that use it name it by `reference`, computed from the text: the same file imported twice
    is one row, and a changed file (another version) is another.
    """

    questionnaire_id: str
    version: str
    source: str

    @property
    def reference(self) -> str:
        """What a workshop's ``questionnaire_id`` holds: ``imported-`` and 32 hex digits of the text's SHA-256 (a
        questionnaire id, so that answers and pages name it as they name a shipped one)."""
        from hashlib import sha256

        return IMPORTED_PREFIX + sha256(self.source.encode("utf-8")).hexdigest()[:32]


def is_imported_reference(questionnaire_id: str) -> bool:
    """Whether a workshop's questionnaire id names an imported questionnaire (else a file of questionnaires/)."""
    return questionnaire_id.startswith(IMPORTED_PREFIX)


@dataclass(frozen=True, slots=True)
class Scale:
    """A questionnaire's answer scale. Kept with a workshop, so that the database itself refuses an answer off it."""

    min: int
    max: int
    allow_na: bool  # None (« je ne sais pas ») is an answer


@dataclass(frozen=True, slots=True)
class WorkshopCreated:
    """Returned once, at creation: the only moment the facilitator key exists in clear outside the link."""

    workshop_id: int
    participant_code: str  # formatted "ABCD-EFGH"
    # Hidden from repr so that a log line or a traceback printing this object does not leak the key.
    facilitator_key: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class ParticipantView:
    """What anyone holding the participant code may know about a workshop. Nothing secret."""

    id: int
    title: str
    questionnaire_id: str
    status: WorkshopStatus
    organisations: list[str]
    profile_fields: list[str]
    show_results_to_participants: bool
    # The case study a demo workshop of teaching mode was filled from (its answers are made up); None: a real one.
    demo_case: str | None


@dataclass(frozen=True, slots=True)
class ProjectionView(ParticipantView):
    """What the projected screen shows about a workshop: the participant view and the code to join."""

    participant_code: str  # formatted "ABCD-EFGH", so that latecomers can join


@dataclass(frozen=True, slots=True)
class FacilitatorView(ProjectionView):
    """Everything about a workshop, for the holder of its facilitator key (not the key, which is not stored)."""

    created_at: datetime  # timezone-aware, UTC
    expires_at: datetime | None  # a demo workshop's deletion by the purge; None for a real workshop


@dataclass(frozen=True, slots=True)
class SubmittedResponse:
    """One submitted response, as needed for aggregates: no token, no timestamps, no comments."""

    answers: Answers
    profile: dict[str, str]
    # Position questions (``relation.today`` -> step id or None), never scored; since revision 0009.
    positions: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A workshop's action plan as saved: the document the app wrote, and the revision to save over."""

    document: dict[str, Any]
    revision: int  # 1 for the first save; a save names the revision it started from
    updated_at: datetime  # timezone-aware, UTC


@dataclass(frozen=True, slots=True)
class Draft:
    """A respondent's saved state, to resume after a reload or a phone that slept."""

    questionnaire_id: str
    workshop_id: int | None
    answers: Answers
    profile: dict[str, str]
    comments: dict[str, str]
    step: int
    submitted: bool
    positions: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoredAnswers:
    """One submitted response with its row id, as the publication planner needs it: no token, no comments."""

    id: int
    answers: Answers
    profile: dict[str, str]
    # Position questions (``relation.today`` -> step id or None), as stored: the planner checks them.
    positions: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RecordedVersion:
    """One version of one figure, as recorded: its scope ("" for everyone), kind, id and exact responses."""

    scope_field: str
    scope_value: str
    kind: str
    target: str
    round: int
    contributors: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PublicationState:
    """Everything a publication round is planned from, read in one transaction."""

    counter: int  # rounds recorded: the compare-and-set token of Store.record_publication
    admitted: dict[int, int]  # response id -> the round that admitted it (0: published under schema 2)
    versions: list[RecordedVersion]  # in the order they were recorded
    responses: list[StoredAnswers]  # every submitted response of the workshop


@dataclass(frozen=True, slots=True)
class BaselineView:
    """The earlier workshop a workshop is compared with: what its shared report needs, and how to name it."""

    id: int
    title: str
    questionnaire_id: str
    status: WorkshopStatus
    organisations: list[str]
    profile_fields: list[str]
    created_at: datetime  # timezone-aware, UTC


@dataclass(frozen=True, slots=True)
class BaselineFileView:
    """An earlier wave given as a response file: its name and its published aggregate (a shared report's JSON)."""

    name: str
    questionnaire_version: str
    people: int
    report: dict[str, Any]
    created_at: datetime  # timezone-aware, UTC
