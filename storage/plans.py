"""A workshop's action plan: one JSON document per workshop, written with the facilitator key, deleted with it.

The document is the plan as the app's model writes it (``scoring.plan.ActionPlan.to_document``); storage never
interprets it beyond what keeps the database safe from a tampered request: a mapping of lists, plain strings
without NUL (PostgreSQL refuses them) and of bounded length, at most ``MAX_PLAN_BYTES`` in all. A revision
number guards against two tabs of the same facilitator overwriting each other's edits: a save names the
revision it started from, and fails with `PlanChanged` if another save came first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from .errors import InvalidInput, PlanChanged
from .schema import action_plans
from .views import StoredPlan

MAX_PLAN_BYTES = 64 * 1024
MAX_PLAN_TEXT = 1_000  # any one string of the document; the app's limits are lower (scoring.plan)
MAX_PLAN_ENTRIES = 200  # any one list or mapping
MAX_DEPTH = 4


def check_document(document: Any) -> dict[str, Any]:
    if not isinstance(document, Mapping):
        raise InvalidInput("an action plan must be a mapping")
    _check(document, "plan", 0)
    size = len(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    if size > MAX_PLAN_BYTES:
        raise InvalidInput(f"an action plan is at most {MAX_PLAN_BYTES} bytes, not {size}")
    return json.loads(json.dumps(document))  # a plain copy: the caller's objects are not kept


def _check(value: Any, where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise InvalidInput(f"{where} is nested too deeply")
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        if len(value) > MAX_PLAN_TEXT:
            raise InvalidInput(f"{where} is longer than {MAX_PLAN_TEXT} characters")
        if "\x00" in value:
            raise InvalidInput(f"{where} contains a NUL character")
        return
    if isinstance(value, Mapping):
        if len(value) > MAX_PLAN_ENTRIES:
            raise InvalidInput(f"{where} has more than {MAX_PLAN_ENTRIES} entries")
        for key, item in value.items():
            if not isinstance(key, str) or len(key) > 64 or "\x00" in key:
                raise InvalidInput(f"{where} has an invalid key")
            _check(item, f"{where}.{key}", depth + 1)
        return
    if isinstance(value, Sequence):
        if len(value) > MAX_PLAN_ENTRIES:
            raise InvalidInput(f"{where} has more than {MAX_PLAN_ENTRIES} entries")
        for index, item in enumerate(value):
            _check(item, f"{where}[{index}]", depth + 1)
        return
    raise InvalidInput(f"{where} holds a {type(value).__name__}, not plain JSON")


def load(conn: Connection, *, workshop_id: int) -> StoredPlan | None:
    row = conn.execute(
        select(action_plans.c.document, action_plans.c.revision, action_plans.c.updated_at).where(
            action_plans.c.workshop_id == workshop_id
        )
    ).one_or_none()
    if row is None:
        return None
    return StoredPlan(document=dict(row.document), revision=int(row.revision), updated_at=row.updated_at)


def save(conn: Connection, *, workshop_id: int, document: dict[str, Any], expected_revision: int, now: datetime) -> int:
    """Write the plan if it is still at ``expected_revision`` (0: none yet); the new revision."""
    current = conn.execute(
        select(action_plans.c.revision).where(action_plans.c.workshop_id == workshop_id)
    ).scalar_one_or_none()
    if (current or 0) != expected_revision:
        raise PlanChanged("the action plan was changed meanwhile (another tab?): reload it before saving")
    if current is None:
        conn.execute(
            insert(action_plans).values(workshop_id=workshop_id, document=document, revision=1, updated_at=now)
        )
        return 1
    done = conn.execute(
        update(action_plans)
        .where(action_plans.c.workshop_id == workshop_id, action_plans.c.revision == expected_revision)
        .values(document=document, revision=expected_revision + 1, updated_at=now)
    ).rowcount
    if not done:
        raise PlanChanged("the action plan was changed meanwhile (another tab?): reload it before saving")
    return expected_revision + 1


def delete_for_workshop(conn: Connection, *, workshop_id: int) -> None:
    conn.execute(delete(action_plans).where(action_plans.c.workshop_id == workshop_id))
