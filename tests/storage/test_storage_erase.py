"""Erase means erase: after a solo erase or a workshop delete, no copy of what was erased is left in the SQLite
files (the database, its ``-wal`` and ``-shm``). Distinctive strings are written, erased, and searched for in
the files' bytes; one string that was not erased must still be found, so that the search itself is shown to
work. On PostgreSQL, the rows are gone from every query (DEVELOPERS.md, « Erasing », says what VACUUM does)."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import storage.database
from storage import Store


def _marker(what: str) -> str:
    return f"ERASE-ME-{what}-{uuid.uuid4().hex}"


def _files_bytes(database: Path) -> dict[str, bytes]:
    found = {}
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        if path.exists():
            found[path.name] = path.read_bytes()
    return found


def _where_found(database: Path, marker: str) -> list[str]:
    needle = marker.encode()
    return [name for name, content in _files_bytes(database).items() if needle in content]


def _answer(store: Store, token: str, workshop_id: int | None, comment: str, organisation: str) -> None:
    for step in range(1, 4):  # several versions of the row, each in its own page write of the WAL
        store.save_draft(
            token,
            questionnaire_id="sante-partenariat",
            workshop_id=workshop_id,
            answers={"item-1": step},
            profile={"organisation": organisation},
            comments={"dim-1": f"{comment} (version {step})"},
            step=step,
        )


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    return tmp_path / "radar.sqlite3"


@pytest.fixture
def file_store(sqlite_file: Path):
    store = Store(f"sqlite:///{sqlite_file}")
    try:
        yield store
    finally:
        store.close()


def test_a_deleted_workshop_and_an_erased_solo_answer_leave_nothing_in_the_files(
    file_store: Store, sqlite_file: Path
) -> None:
    title, organisation, comment, action = (_marker(w) for w in ("title", "organisation", "comment", "action"))
    solo_comment, kept_comment = _marker("solo"), _marker("kept")
    created = file_store.create_workshop(
        title=title,
        questionnaire_id="sante-partenariat",
        organisations=[organisation, "Fondation B"],
        profile_fields=["organisation"],
        show_results_to_participants=False,
    )
    room = [file_store.new_respondent_token() for _ in range(3)]
    for token in room:
        _answer(file_store, token, created.workshop_id, comment, organisation)
        file_store.submit(token)
    plan = {"priorities": [{"statement": "item-1", "what": action}]}
    assert file_store.save_action_plan(created.facilitator_key, plan, expected_revision=0) == 1
    solo, kept = file_store.new_respondent_token(), file_store.new_respondent_token()
    _answer(file_store, solo, None, solo_comment, "Association A")
    _answer(file_store, kept, None, kept_comment, "Association A")
    erased = (title, organisation, comment, action, solo_comment)
    assert all(_where_found(sqlite_file, marker) for marker in erased)  # written, so there is something to erase

    assert file_store.delete_workshop(created.facilitator_key)
    assert file_store.delete_solo_response(solo)

    for marker in erased:
        assert _where_found(sqlite_file, marker) == [], marker
    assert _where_found(sqlite_file, kept_comment)  # the search does find what is still there
    assert file_store.load_draft(kept) is not None


def test_purged_drafts_leave_nothing_in_the_files(file_store: Store, sqlite_file: Path) -> None:
    comment = _marker("abandoned")
    token = file_store.new_respondent_token()
    _answer(file_store, token, None, comment, "Association A")
    assert _where_found(sqlite_file, comment)

    assert file_store.purge_abandoned_drafts(older_than=timedelta(seconds=-1)) == 1

    assert _where_found(sqlite_file, comment) == []


def test_an_erase_that_readers_hold_up_is_scrubbed_after_the_next_write(
    file_store: Store, sqlite_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader still on an older snapshot keeps the WAL from being truncated: the erase is committed at once,
    and the files are scrubbed after the next write, once that reader is gone."""
    monkeypatch.setattr(storage.database, "SCRUB_BUSY_TIMEOUT_MS", 0)
    comment, other = _marker("held"), _marker("other")
    token, later = file_store.new_respondent_token(), file_store.new_respondent_token()
    _answer(file_store, token, None, comment, "Association A")
    reader = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM responses").fetchone() == (1,)  # holds its snapshot

        assert file_store.delete_solo_response(token)
        assert file_store.load_draft(token) is None
        assert _where_found(sqlite_file, comment)  # still in the WAL, the reader may need it
    finally:
        reader.close()

    _answer(file_store, later, None, other, "Association A")

    assert _where_found(sqlite_file, comment) == []
    assert _where_found(sqlite_file, other)


@pytest.mark.postgres
def test_on_postgresql_erased_rows_are_gone_from_every_query(postgres_url: str) -> None:
    store = Store(postgres_url)
    comment = _marker("pg")
    try:
        created = store.create_workshop(
            title=_marker("pg-title"),
            questionnaire_id="sante-partenariat",
            organisations=["Association A"],
            profile_fields=["organisation"],
            show_results_to_participants=False,
        )
        token, solo = store.new_respondent_token(), store.new_respondent_token()
        _answer(store, token, created.workshop_id, comment, "Association A")
        _answer(store, solo, None, comment, "Association A")

        assert store.delete_workshop(created.facilitator_key)
        assert store.delete_solo_response(solo)
    finally:
        store.close()
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            left = conn.execute(
                text(
                    "SELECT (SELECT count(*) FROM responses WHERE comments::text LIKE :like)"
                    " + (SELECT count(*) FROM workshops)"
                ),
                {"like": f"%{comment}%"},
            ).scalar_one()
    finally:
        engine.dispose()
    assert left == 0
