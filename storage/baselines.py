"""A workshop's baseline: the earlier workshop of the same questionnaire it is compared with (step 11), or an
earlier wave given as a response file.

Linked with both facilitator keys (the new workshop's and the earlier one's: only who holds the earlier results
may compare with them), read from the workshop's id (its views), deleted with either workshop. Storage keeps the
link only; the earlier workshop's figures are its own shared report, computed as for its own screens.

A response file is kept as its published aggregate only (`baseline_files`: the figures the privacy rule shows of
the file's people, as the app gives them, JSON), never the file nor any row of it; one per workshop, replaced when
given again, deleted with the workshop. A workshop has one baseline: naming a workshop forgets a file, and back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, or_, select

from .errors import InvalidInput
from .schema import baseline_files, baselines, workshops
from .views import BaselineFileView, BaselineView

MAX_FILE_NAME = 200
MAX_VERSION = 50


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
    conn.execute(delete(baseline_files).where(baseline_files.c.workshop_id == workshop.id))
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


def keep_file(
    conn: Connection, *, key_hash: str, name: str, questionnaire_version: str, people: int, report: dict[str, Any]
) -> bool:
    """Keep an earlier response file's published aggregate as the baseline of the workshop of ``key_hash``
    (replacing any baseline); False if it opens none."""
    if not name.strip() or len(name) > MAX_FILE_NAME or len(questionnaire_version) > MAX_VERSION:
        raise InvalidInput("a baseline file needs a name of at most 200 characters")
    if not isinstance(report, dict) or isinstance(people, bool) or not isinstance(people, int) or people < 1:
        raise InvalidInput("a baseline file is the aggregate of one person at least")
    workshop_id = conn.execute(
        select(workshops.c.id).where(workshops.c.facilitator_key_hash == key_hash)
    ).scalar_one_or_none()
    if workshop_id is None:
        return False
    conn.execute(delete(baselines).where(baselines.c.workshop_id == workshop_id))
    conn.execute(delete(baseline_files).where(baseline_files.c.workshop_id == workshop_id))
    conn.execute(
        baseline_files.insert().values(
            workshop_id=workshop_id,
            name=name,
            questionnaire_version=questionnaire_version,
            people=people,
            report=report,
            created_at=datetime.now(UTC),
        )
    )
    return True


def file_of(conn: Connection, *, workshop_id: int) -> BaselineFileView | None:
    row = conn.execute(select(baseline_files).where(baseline_files.c.workshop_id == workshop_id)).one_or_none()
    if row is None:
        return None
    created = row.created_at if row.created_at.tzinfo is not None else row.created_at.replace(tzinfo=UTC)
    return BaselineFileView(
        name=row.name,
        questionnaire_version=row.questionnaire_version,
        people=row.people,
        report=dict(row.report),
        created_at=created,
    )


def delete_for_workshop(conn: Connection, *, workshop_id: int) -> None:
    """Both ways: a deleted workshop is nobody's baseline any more, and has none (nor a baseline file)."""
    conn.execute(delete(baseline_files).where(baseline_files.c.workshop_id == workshop_id))
    conn.execute(
        delete(baselines).where(
            or_(baselines.c.workshop_id == workshop_id, baselines.c.baseline_workshop_id == workshop_id)
        )
    )
