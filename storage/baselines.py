"""A workshop's baseline: the earlier workshop of the same questionnaire it is compared with (step 11).

Linked with both facilitator keys (the new workshop's and the earlier one's: only who holds the earlier results
may compare with them), read from the workshop's id (its views), deleted with either workshop. Storage keeps the
link only; the earlier workshop's figures are its own shared report, computed as for its own screens.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, or_, select

from .errors import InvalidInput
from .schema import baselines, workshops
from .views import BaselineView


def link(conn: Connection, *, key_hash: str, baseline_key_hash: str | None) -> bool:
    """Name (or, with None, forget) the baseline of the workshop of ``key_hash``; False if it opens none."""
    workshop = conn.execute(
        select(workshops.c.id, workshops.c.questionnaire_id).where(workshops.c.facilitator_key_hash == key_hash)
    ).one_or_none()
    if workshop is None:
        return False
    conn.execute(delete(baselines).where(baselines.c.workshop_id == workshop.id))
    if baseline_key_hash is None:
        return True
    earlier = conn.execute(
        select(workshops.c.id, workshops.c.questionnaire_id).where(
            workshops.c.facilitator_key_hash == baseline_key_hash
        )
    ).one_or_none()
    if earlier is None:
        raise InvalidInput("the baseline's facilitator link opens no workshop")
    if earlier.id == workshop.id:
        raise InvalidInput("a workshop cannot be its own baseline")
    if earlier.questionnaire_id != workshop.questionnaire_id:
        raise InvalidInput("a baseline must be a workshop of the same questionnaire")
    conn.execute(baselines.insert().values(workshop_id=workshop.id, baseline_workshop_id=earlier.id))
    return True


def baseline_of(conn: Connection, *, workshop_id: int) -> BaselineView | None:
    row = conn.execute(
        select(
            workshops.c.id,
            workshops.c.title,
            workshops.c.questionnaire_id,
            workshops.c.status,
            workshops.c.organisations,
            workshops.c.profile_fields,
            workshops.c.created_at,
        )
        .join(baselines, baselines.c.baseline_workshop_id == workshops.c.id)
        .where(baselines.c.workshop_id == workshop_id)
    ).one_or_none()
    if row is None:
        return None
    created = row.created_at
    if created.tzinfo is None:  # SQLite gives naive datetimes back
        from datetime import UTC

        created = created.replace(tzinfo=UTC)
    return BaselineView(
        id=row.id,
        title=row.title,
        questionnaire_id=row.questionnaire_id,
        status=row.status,
        organisations=list(row.organisations),
        profile_fields=list(row.profile_fields),
        created_at=created,
    )


def delete_for_workshop(conn: Connection, *, workshop_id: int) -> None:
    """Both ways: a deleted workshop is nobody's baseline any more, and has none."""
    conn.execute(
        delete(baselines).where(
            or_(baselines.c.workshop_id == workshop_id, baselines.c.baseline_workshop_id == workshop_id)
        )
    )
