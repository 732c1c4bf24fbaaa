"""Storage of workshops and respondents' answers: SQLite by default, PostgreSQL by URL.

Importing this package is cheap: SQLAlchemy is only imported when `Store` is first used, so pages and
scripts that only need the records or errors below do not pay for it. Storage never scores: it keeps answers
exactly as given (item id -> scale value, or None for "don't know / not applicable").

Database: ``RADAR_DATABASE_URL`` (e.g. ``postgresql+psycopg://user:pw@host/db``; ``postgres://`` URLs are
accepted too), else the SQLite file ``radar.sqlite3`` in ``RADAR_DATA_DIR`` (default ``data/`` at the top of
the repository, created on demand). SQLite runs in WAL mode with a busy timeout and foreign keys on. The schema
is brought to the newest Alembic revision on first use (`storage.migrations`); a database written by a newer
version raises `SchemaTooNew`.

API (``from storage import Store, ...``)::

    class Store:
        def __init__(self, url: str | None = None) -> None      # None: RADAR_DATABASE_URL, else default file
        def close(self) -> None                                 # dispose of this URL's shared engine

        # workshops
        def create_workshop(self, *, title: str, questionnaire_id: str, organisations: list[str],
                            profile_fields: list[str], show_results_to_participants: bool) -> WorkshopCreated
        def workshop_for_participant(self, code: str) -> ParticipantView | None
        def workshop_for_facilitator(self, key: str) -> FacilitatorView | None
        def projection_token(self, key: str) -> str | None     # the read-only link's token; None: no such key
        def workshop_for_projection(self, token: str) -> ProjectionView | None
        def set_workshop_status(self, key: str, status: Literal["open", "closed"]) -> bool  # False: no such key
        def delete_workshop(self, key: str) -> bool             # with its drafts and responses (RGPD)
        def workshop_counts(self, workshop_id: int) -> tuple[int, int]        # (joined, submitted)
        def submitted_responses(self, workshop_id: int, *, published_only: bool = False) -> list[SubmittedResponse]
        def publish(self, workshop_id: int, *, batch: int, hold_back: int) -> Publication  # results by batches

        # respondents (solo use: workshop_id=None)
        def new_respondent_token(self) -> str
        def save_draft(self, token: str, *, questionnaire_id: str, workshop_id: int | None,
                       answers: dict[str, int | None], profile: dict[str, str], comments: dict[str, str],
                       step: int) -> None                       # no-op once submitted
        def load_draft(self, token: str) -> Draft | None
        def submit(self, token: str) -> bool                    # True the first time only
        def delete_solo_response(self, token: str) -> bool      # erase at the respondent's request
        def purge_abandoned_drafts(self, older_than: timedelta) -> int   # solo drafts never submitted

    WorkshopCreated(workshop_id, participant_code, facilitator_key)   # code shown "ABCD-EFGH"
    ParticipantView(id, title, questionnaire_id, status, organisations, profile_fields,
                    show_results_to_participants)
    ProjectionView(<ParticipantView fields>, participant_code)
    FacilitatorView(<ProjectionView fields>, created_at)
    SubmittedResponse(answers, profile)
    Publication(published, waiting)
    Draft(questionnaire_id, workshop_id, answers, profile, comments, step, submitted)

Errors (all subclasses of `StorageError`): `WorkshopClosed` (save_draft or submit in a closed workshop),
`WorkshopNotFound` (save_draft into a missing workshop), `DraftNotFound` (submit without a draft),
`TokenMismatch` (a token reused for another workshop or questionnaire), `InvalidInput` (malformed or
oversized argument; also a `ValueError`), `SchemaTooNew`, `UnsupportedDatabase`.

Access rules, which pages must keep: the participant code opens only `ParticipantView` (and, through its
`id`, aggregates when `show_results_to_participants`); the projection token opens only `ProjectionView` and,
through its `id`, the aggregates shown on the projected screen; everything else is reached from the
facilitator key.
A `workshop_id` must come from one of these views, never from user input: ids are sequential.

Secrets and their entropy are described in `storage.codes`: participant code ≈ 39.6 bits, facilitator key
256 bits, projection token 256 bits, respondent token 128 bits; only SHA-256 hashes of the key and the tokens
are stored. Nothing
identifying is stored: no IP address, no name, no user agent.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import (
        DraftNotFound,
        InvalidInput,
        SchemaTooNew,
        StorageError,
        TokenMismatch,
        UnsupportedDatabase,
        WorkshopClosed,
        WorkshopNotFound,
    )
    from .store import Store
    from .views import (
        Draft,
        FacilitatorView,
        ParticipantView,
        ProjectionView,
        Publication,
        SubmittedResponse,
        WorkshopCreated,
        WorkshopStatus,
    )

__all__ = [
    "Draft",
    "DraftNotFound",
    "FacilitatorView",
    "InvalidInput",
    "ParticipantView",
    "ProjectionView",
    "Publication",
    "SchemaTooNew",
    "StorageError",
    "Store",
    "SubmittedResponse",
    "TokenMismatch",
    "UnsupportedDatabase",
    "WorkshopClosed",
    "WorkshopCreated",
    "WorkshopNotFound",
    "WorkshopStatus",
]

_HOME = {
    "Store": ".store",
    **dict.fromkeys(
        [
            "Draft",
            "FacilitatorView",
            "ParticipantView",
            "ProjectionView",
            "Publication",
            "SubmittedResponse",
            "WorkshopCreated",
            "WorkshopStatus",
        ],
        ".views",
    ),
}


def __getattr__(name: str) -> Any:
    """Import a public name on first access (PEP 562), so that `import storage` stays cheap."""
    if name not in __all__:
        raise AttributeError(f"module 'storage' has no attribute {name!r}")
    value = getattr(import_module(_HOME.get(name, ".errors"), __name__), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
