"""The read-only projection link, and the migration to schema 2 that brought it, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from sqlalchemy import create_engine, insert, text
from storage_legacy_schema import create_legacy_database, legacy_metadata

from storage import FacilitatorView, ProjectionView, Store
from storage.codes import hash_secret, new_facilitator_key, projection_token_for
from storage.migrations import head


def test_the_dashboard_key_gives_a_projection_token_that_shows_the_workshop(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    token = store.projection_token(created.facilitator_key)
    assert token is not None and token != created.facilitator_key
    assert store.projection_token(created.facilitator_key) == token  # the same link every time
    view = store.workshop_for_projection(token)
    assert type(view) is ProjectionView  # not a FacilitatorView passed off as one
    assert view.id == created.workshop_id
    assert view.participant_code == created.participant_code  # projected so that latecomers can join
    assert view.title == workshop_args["title"]
    assert {f.name for f in dataclasses.fields(view)} - {f.name for f in dataclasses.fields(FacilitatorView)} == set()
    assert "created_at" not in {f.name for f in dataclasses.fields(view)}


def test_a_projection_token_cannot_manage_the_workshop(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    token = store.projection_token(created.facilitator_key)
    assert token is not None
    assert store.workshop_for_facilitator(token) is None
    assert store.set_workshop_status(token, "closed") is False
    assert store.delete_workshop(token) is False
    assert store.projection_token(token) is None  # nor mint itself a link
    assert store.workshop_for_projection(token).status == "open"  # type: ignore[union-attr]


def test_only_the_projection_token_opens_the_projection(store: Store, workshop_args: dict) -> None:
    a = store.create_workshop(**{**workshop_args, "title": "A"})
    b = store.create_workshop(**{**workshop_args, "title": "B"})
    token_a = store.projection_token(a.facilitator_key)
    token_b = store.projection_token(b.facilitator_key)
    assert token_a and token_b and token_a != token_b
    assert store.workshop_for_projection(token_b).title == "B"  # type: ignore[union-attr]
    for attempt in (
        a.facilitator_key,
        a.participant_code,
        hash_secret(token_a),  # what the database holds: a copy of it opens nothing
        hash_secret(a.facilitator_key),
        projection_token_for(new_facilitator_key()),  # well-formed, of no workshop
        token_a[:-1],
        "",
    ):
        assert store.workshop_for_projection(attempt) is None, attempt
    assert store.projection_token(new_facilitator_key()) is None


def test_deleting_the_workshop_closes_its_projection(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    token = store.projection_token(created.facilitator_key)
    assert token is not None
    assert store.delete_workshop(created.facilitator_key)
    assert store.workshop_for_projection(token) is None


def _schema_1(db_url: str, key: str) -> None:
    """A database as version 1 of the app left it: no projection column, one workshop."""
    create_legacy_database(db_url, version=1)
    old = legacy_metadata(1)
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(old.tables["workshops"]).values(
                    title="Atelier d’avant",
                    questionnaire_id="express",
                    status="closed",
                    organisations=[],
                    profile_fields=["role"],
                    show_results_to_participants=False,
                    participant_code="ABCDEFGH",
                    facilitator_key_hash=hash_secret(key),
                    created_at=datetime(2026, 11, 1, tzinfo=UTC),
                )
            )
            workshop_id = conn.execute(text("SELECT id FROM workshops")).scalar_one()
            for number, submitted in enumerate((True, True, True, False)):  # three sent, one still a draft
                conn.execute(
                    insert(old.tables["responses"]).values(
                        token_hash=hash_secret(f"respondent-{number}"),
                        workshop_id=workshop_id,
                        questionnaire_id="express",
                        answers={"ex-eth-1": number + 1},
                        profile={},
                        comments={},
                        step=5,
                        updated_at=datetime(2026, 11, 1, tzinfo=UTC),
                        submitted_at=datetime(2026, 11, 1, 10, number, tzinfo=UTC) if submitted else None,
                    )
                )
    finally:
        engine.dispose()


def test_a_version_1_database_is_migrated_and_keeps_its_workshops(db_url: str, workshop_args: dict) -> None:
    key = new_facilitator_key()
    _schema_1(db_url, key)
    store = Store(db_url)
    try:
        old = store.workshop_for_facilitator(key)
        assert old is not None and old.title == "Atelier d’avant" and old.status == "closed"
        token = store.projection_token(key)  # recorded on first use, from the key the dashboard holds
        assert token is not None
        assert store.workshop_for_projection(token).id == old.id  # type: ignore[union-attr]
        # Version 1 showed all three sent responses: they stay shown, or the next screen would differ by people.
        assert len(store.submitted_responses(old.id, published_only=True)) == 3
        # ... and they are admitted (round 0, revision 0008) for the privacy rule's first round to carry over.
        assert sorted(store.publication_state(old.id).admitted.values()) == [0, 0, 0]
        new = store.create_workshop(**workshop_args)  # new workshops work as on a new database
        assert store.workshop_for_projection(store.projection_token(new.facilitator_key) or "") is not None
    finally:
        store.close()
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head()
    finally:
        engine.dispose()
    again = Store(db_url)  # a restart after the migration migrates nothing twice
    try:
        assert again.workshop_for_projection(token) is not None
    finally:
        again.close()
