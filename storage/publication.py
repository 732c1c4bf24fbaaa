"""The publication record: admissions and figure versions, append-only (transaction bodies of `Store`).

Storage never decides what is shown: the pure planner `scoring.privacy.plan_publication` does, from the state read
by `read_state`; `record` writes its plan in one transaction, only if the workshop's publication counter has not
moved since (compare-and-set). Two app instances planning at once on one PostgreSQL: one writes, the other reads
again and replans, so that no version is ever recorded with fewer than k new contributors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .errors import InvalidInput
from .schema import (
    FIGURE_ID_MAX,
    SCOPE_MAX,
    admissions,
    figure_versions,
    publication_counters,
    responses,
    workshops,
)
from .views import PublicationState, RecordedVersion, StoredAnswers


def counter(conn: Connection, workshop_id: int) -> int:
    found = conn.execute(
        select(publication_counters.c.counter).where(publication_counters.c.workshop_id == workshop_id)
    ).scalar_one_or_none()
    return int(found or 0)


def key(conn: Connection, workshop_id: int) -> tuple[str, int] | None:
    """(when the workshop was created, its counter): what a screen's cached figures are keyed on. The creation time
    tells apart two workshops that had the same id (SQLite gives a deleted workshop's id to the next one, and a
    demo's reset re-creates it); None for a workshop that does not exist."""
    found = conn.execute(
        select(workshops.c.created_at, publication_counters.c.counter)
        .select_from(workshops.outerjoin(publication_counters, publication_counters.c.workshop_id == workshops.c.id))
        .where(workshops.c.id == workshop_id)
    ).one_or_none()
    if found is None:
        return None
    return found.created_at.isoformat(), int(found.counter or 0)


def read_state(conn: Connection, workshop_id: int) -> PublicationState:
    """Counter, admissions, versions and submitted responses, from one snapshot."""
    rows = conn.execute(
        select(responses.c.id, responses.c.answers, responses.c.profile, responses.c.positions)
        .where(responses.c.workshop_id == workshop_id, responses.c.submitted_at.is_not(None))
        .order_by(responses.c.id)
    ).all()
    admitted = conn.execute(
        select(admissions.c.response_id, admissions.c.round).where(admissions.c.workshop_id == workshop_id)
    ).all()
    versions = conn.execute(
        select(
            figure_versions.c.scope_field,
            figure_versions.c.scope_value,
            figure_versions.c.kind,
            figure_versions.c.target,
            figure_versions.c.round,
            figure_versions.c.contributors,
        )
        .where(figure_versions.c.workshop_id == workshop_id)
        .order_by(figure_versions.c.id)
    ).all()
    return PublicationState(
        counter=counter(conn, workshop_id),
        admitted={int(r.response_id): int(r.round) for r in admitted},
        versions=[
            RecordedVersion(
                scope_field=v.scope_field,
                scope_value=v.scope_value,
                kind=v.kind,
                target=v.target,
                round=int(v.round),
                contributors=tuple(v.contributors),  # JSON integers, as record() wrote them
            )
            for v in versions
        ],
        responses=[
            StoredAnswers(
                id=int(r.id), answers=dict(r.answers), profile=dict(r.profile), positions=dict(r.positions or {})
            )
            for r in rows
        ],
    )


def check_versions(versions: Sequence[RecordedVersion]) -> None:
    for version in versions:
        for name, value in (
            ("scope_field", version.scope_field),
            ("scope_value", version.scope_value),
            ("kind", version.kind),
            ("target", version.target),
        ):
            limit = SCOPE_MAX if name.startswith("scope") else FIGURE_ID_MAX
            if not isinstance(value, str) or len(value) > limit or "\x00" in value:
                raise InvalidInput(f"a figure version's {name} must be a string of at most {limit} characters")
        if not version.contributors or any(type(c) is not int for c in version.contributors):
            raise InvalidInput("a figure version counts response ids")


def record(
    conn: Connection,
    *,
    workshop_id: int,
    expected_counter: int,
    admit: Sequence[int],
    versions: Sequence[RecordedVersion],
) -> bool:
    """Write one round if the counter still is ``expected_counter``; False (nothing written) if it moved."""
    insert_counter = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[conn.dialect.name]
    # The first round of a workshop: the row to compare against must exist. Two first rounds at once: the
    # second insert waits for the first and does nothing, and its update below then finds the counter moved.
    conn.execute(
        insert_counter(publication_counters)
        .values(workshop_id=workshop_id, counter=0)
        .on_conflict_do_nothing(index_elements=[publication_counters.c.workshop_id])
    )
    moved = conn.execute(
        update(publication_counters)
        .where(publication_counters.c.workshop_id == workshop_id, publication_counters.c.counter == expected_counter)
        .values(counter=expected_counter + 1)
    )
    if moved.rowcount != 1:
        return False
    round_ = expected_counter + 1
    if admit:
        conn.execute(
            insert(admissions),
            [{"response_id": rid, "workshop_id": workshop_id, "round": round_} for rid in admit],
        )
    if versions:
        conn.execute(insert(figure_versions), [_version_row(workshop_id, round_, v) for v in versions])
    return True


def _version_row(workshop_id: int, round_: int, version: RecordedVersion) -> dict[str, Any]:
    return {
        "workshop_id": workshop_id,
        "round": round_,
        "scope_field": version.scope_field,
        "scope_value": version.scope_value,
        "kind": version.kind,
        "target": version.target,
        "contributors": sorted(version.contributors),
    }


def delete_for_workshop(conn: Connection, workshop_id: int) -> None:
    """Before the workshop's responses: admissions point at them."""
    for table in (figure_versions, admissions, publication_counters):
        conn.execute(delete(table).where(table.c.workshop_id == workshop_id))
