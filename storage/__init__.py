"""Storage of workshops and respondents' answers: SQLite by default, PostgreSQL by URL.

Importing this package is cheap: SQLAlchemy is only imported when `Store` is first used, so pages and
scripts that only need the records or errors below do not pay for it. Storage never scores: it keeps answers
exactly as given (item id -> scale value, or None for "don't know / not applicable").

Database: ``RADAR_DATABASE_URL`` (e.g. ``postgresql+psycopg://user:pw@host/db``; ``postgres://`` URLs are
accepted too), else the SQLite file ``radar.sqlite3`` in ``RADAR_DATA_DIR`` (default ``data/`` at the top of
the repository, created on demand). SQLite runs in WAL mode with a busy timeout and foreign keys on. The schema
is brought to the newest Alembic revision on first use (`storage.migrations`); a database written by a newer
version raises `SchemaTooNew`.

API (``from storage import Store, ...``): `Store` (every read and write, one short transaction per method; its
methods' docstrings are the reference), the frozen records it hands out (`storage.views`), the errors
(`storage.errors`, all subclasses of `StorageError`), and `AnswerRules` (`storage.rules`: what
`Store.save_draft(..., rules=...)` accepts, built by the app from ``scoring.answer_rules``). The names are
those modules' ``__all__``, gathered below rather than copied, so that this list cannot drift from them.

Errors: `StorageUnavailable` is a transient failure (database down, disk full, files read-only or gone), with a
machine-readable `reason` for the page's message, after which the same call can succeed with no restart;
`WorkshopClosed`, `WorkshopNotFound`, `DraftNotFound`, `TokenMismatch`, `PlanChanged` (an action plan saved
meanwhile by another tab), `InvalidInput` (also a `ValueError`) are refusals; `SchemaTooNew`,
`UnsupportedDatabase` come at start-up. No `Store` method lets a raw SQLAlchemy or driver error out.

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

# Plain dataclasses and exceptions (standard library only): importing them costs nothing.
from . import errors, rules, views
from .errors import *  # noqa: F403
from .rules import *  # noqa: F403
from .views import *  # noqa: F403

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Store", *errors.__all__, *rules.__all__, *views.__all__]


def __getattr__(name: str) -> Any:
    """`Store` on first access (PEP 562): it imports SQLAlchemy, which pages that only need a record or an
    error do not pay for."""
    if name != "Store":
        raise AttributeError(f"module 'storage' has no attribute {name!r}")
    value = import_module(".store", __name__).Store
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
