"""Alembic migrations, on SQLite and PostgreSQL: a new database, databases left by the code before Alembic,
a database from a newer version, several instances starting at once, and the revisions against the models."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, create_engine, insert, text
from storage_legacy_schema import create_legacy_database, legacy_metadata

from storage import SchemaTooNew, StorageError, Store, migrations
from storage import database as storage_database
from storage.codes import hash_secret, new_facilitator_key, projection_token_for
from storage.migrations import LEGACY_FENCE, LEGACY_REVISIONS, alembic_config, head, script_directory
from storage.migrations.__main__ import differences, main


def _sql(url: str, statement: str, **params: object) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def _dump(url: str) -> set[tuple]:
    """Everything that makes up the schema, as comparable rows (Alembic's own table left out)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                rows = conn.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master"))
                return {tuple(r) for r in rows if r.tbl_name != "alembic_version"}
            return _postgres_dump(conn)
    finally:
        engine.dispose()


def _postgres_dump(conn: Connection) -> set[tuple]:
    schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    queries = (
        "SELECT 'column', table_name, column_name, ordinal_position, data_type, character_maximum_length,"
        " is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema()",
        "SELECT 'constraint', c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid) FROM pg_constraint"
        " con JOIN pg_class c ON c.oid = con.conrelid WHERE c.relnamespace = current_schema()::regnamespace",
        "SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
    )
    found = set()
    for query in queries:
        for row in conn.execute(text(query)):
            if row[1] != "alembic_version":
                found.add(tuple(str(v).replace(f"{schema}.", "") for v in row))
    return found


def _alembic_to(url: str, revision: str) -> None:
    """Only Alembic's revisions up to `revision`, as the app would have run them."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
    finally:
        engine.dispose()


def _versions(url: str) -> tuple[str, int]:
    ((revision,),) = _sql(url, "SELECT version_num FROM alembic_version")
    ((legacy,),) = _sql(url, "SELECT version FROM schema_version")
    return revision, legacy


def _differences(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return differences(conn)
    finally:
        engine.dispose()


def test_the_revisions_form_one_numbered_chain() -> None:
    """One head, each revision the next number after the one it revises, in a file named after its id: two
    engineers adding a revision at once get a visible clash on rebase, never two heads."""
    script = script_directory()
    assert script.get_heads() == [head()]
    chain = list(reversed(list(script.walk_revisions())))
    assert [r.revision for r in chain] == [f"{n:04d}" for n in range(1, len(chain) + 1)]
    assert [r.down_revision for r in chain] == [None, *[r.revision for r in chain[:-1]]]
    for revision in chain:
        assert re.fullmatch(rf"{revision.revision}_[a-z0-9_]+\.py", revision.path.rsplit("/", 1)[-1]), revision.path
    assert set(LEGACY_REVISIONS.values()) <= {r.revision for r in chain}


def test_a_new_database_is_at_head_and_matches_the_models(db_url: str) -> None:
    Store(db_url).close()
    assert _differences(db_url) == []
    assert _versions(db_url) == (head(), LEGACY_FENCE)


def test_revision_0001_gives_what_create_all_gave_at_version_1(new_db_url: Callable[[], str]) -> None:
    old, new = new_db_url(), new_db_url()
    create_legacy_database(old, version=1)
    _alembic_to(new, "0001")
    assert _dump(new) == _dump(old)
    assert _sql(new, "SELECT id, version FROM schema_version") == [(1, 1)]


def test_revision_0002_gives_what_the_old_migration_gave(new_db_url: Callable[[], str]) -> None:
    old, new = new_db_url(), new_db_url()
    create_legacy_database(old, version=2, migrated=True)
    _alembic_to(new, "0002")
    assert _dump(new) == _dump(old)
    assert _sql(new, "SELECT id, version FROM schema_version") == [(1, 2)]


def _fill_version_2(url: str) -> str:
    """One workshop with a projection token, a published response and a draft, written with the old tables."""
    key = new_facilitator_key()
    tables = legacy_metadata(2).tables
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            workshop_id = conn.execute(
                insert(tables["workshops"]).values(
                    title="Atelier de la version 2",
                    questionnaire_id="express",
                    status="open",
                    organisations=["Association A"],
                    profile_fields=["role"],
                    show_results_to_participants=True,
                    participant_code="ABCDEFGH",
                    facilitator_key_hash=hash_secret(key),
                    projection_token_hash=hash_secret(projection_token_for(key)),
                    created_at=datetime(2026, 11, 20, tzinfo=UTC),
                )
            ).inserted_primary_key[0]
            moment = datetime(2026, 11, 20, 10, tzinfo=UTC)
            for number, published in enumerate((True, False)):
                conn.execute(
                    insert(tables["responses"]).values(
                        token_hash=hash_secret(f"respondent-{number}"),
                        workshop_id=workshop_id,
                        questionnaire_id="express",
                        answers={"ex-eth-1": 4},
                        profile={"role": "administrateur"},
                        comments={},
                        step=3,
                        updated_at=moment,
                        submitted_at=moment if published else None,
                        published_at=moment if published else None,
                    )
                )
    finally:
        engine.dispose()
    return key


@pytest.mark.parametrize("migrated", [False, True], ids=["created-at-2", "migrated-from-1"])
def test_a_version_2_database_of_the_old_code_is_stamped_not_recreated(
    new_db_url: Callable[[], str], migrated: bool
) -> None:
    url = new_db_url()
    create_legacy_database(url, version=2, migrated=migrated)
    key = _fill_version_2(url)
    store = Store(url)
    try:
        workshop = store.workshop_for_facilitator(key)
        assert workshop is not None and workshop.title == "Atelier de la version 2"
        assert store.workshop_for_projection(projection_token_for(key)) is not None
        assert store.workshop_counts(workshop.id) == (2, 1)
        assert len(store.submitted_responses(workshop.id, published_only=True)) == 1
        new = store.create_workshop(
            title="Après",
            questionnaire_id="express",
            organisations=[],
            profile_fields=[],
            show_results_to_participants=False,
        )
        assert store.workshop_for_projection(store.projection_token(new.facilitator_key) or "") is not None
    finally:
        store.close()
    # Both forms of version 2 end with the schema of the models (on SQLite, 0003 rebuilt the workshops table
    # under its responses, which are all still there).
    assert _differences(url) == []
    assert _versions(url) == (head(), LEGACY_FENCE)
    assert _sql(url, "SELECT count(*) FROM responses") == [(2,)]


def test_the_code_before_alembic_would_refuse_a_migrated_database(new_db_url: Callable[[], str]) -> None:
    """That code refused any schema_version above its own 2: past 0002, the fence keeps an old deployment off."""
    url = new_db_url()
    create_legacy_database(url, version=1)
    Store(url).close()
    assert _versions(url)[1] > max(LEGACY_REVISIONS)


def test_a_restart_migrates_nothing(db_url: str) -> None:
    Store(db_url).close()
    _sql(db_url, "UPDATE schema_version SET version = 99")  # a second upgrade would not touch it, nor anything
    storage_database.dispose_database(db_url)
    Store(db_url).close()
    assert _versions(db_url) == (head(), 99)


def test_a_database_from_a_newer_version_is_refused_and_left_alone(db_url: str, workshop_args: dict) -> None:
    first = Store(db_url)
    workshop = first.create_workshop(**workshop_args)
    first.close()
    newer = f"{int(head()) + 1:04d}"
    _sql(db_url, "UPDATE alembic_version SET version_num = :v", v=newer)
    for _ in range(2):  # refused every time: a refused engine is not cached
        with pytest.raises(SchemaTooNew, match=rf"schema revision {newer}.*only knows up to revision {head()}"):
            Store(db_url)
    assert _versions(db_url) == (newer, LEGACY_FENCE)
    assert _sql(db_url, "SELECT id FROM workshops") == [(workshop.workshop_id,)]


def test_an_old_style_database_from_a_newer_version_is_refused(new_db_url: Callable[[], str]) -> None:
    url = new_db_url()
    create_legacy_database(url, version=2)
    _sql(url, "UPDATE schema_version SET version = 7")
    with pytest.raises(SchemaTooNew, match="schema version 7"):
        Store(url)
    assert _sql(url, "SELECT version FROM schema_version") == [(7,)]


def test_tables_without_any_version_are_not_taken_over(new_db_url: Callable[[], str]) -> None:
    url = new_db_url()
    create_legacy_database(url, version=2)
    _sql(url, "DROP TABLE schema_version")
    with pytest.raises(StorageError, match="no schema version"):
        Store(url)
    assert _sql(url, "SELECT count(*) FROM workshops") == [(0,)]


def test_a_migration_that_breaks_a_reference_is_not_committed(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite migrates with foreign keys off (a rebuilt table would cascade-delete its responses otherwise);
    PRAGMA foreign_key_check then stands in for them, before the commit."""
    url = f"sqlite:///{tmp_path / 'radar.sqlite3'}"
    real = migrations.upgrade_to_head

    def dangling(conn: Connection) -> None:
        real(conn)
        conn.execute(
            text(
                "INSERT INTO responses (token_hash, workshop_id, questionnaire_id, answers, profile, comments, step,"
                f" updated_at) VALUES ('{'x' * 64}', 424242, 'q', '{{}}', '{{}}', '{{}}', 0, '2026-12-01')"
            )
        )

    monkeypatch.setattr(migrations, "upgrade_to_head", dangling)
    with pytest.raises(StorageError, match="pointing at a missing one"):
        Store(url)
    assert _sql(url, "SELECT name FROM sqlite_master WHERE name = 'responses'") == []  # rolled back, all of it
    monkeypatch.setattr(migrations, "upgrade_to_head", real)
    store = Store(url)
    try:  # and the pooled connection that migrated enforces foreign keys again
        with storage_database.get_database(url).engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    finally:
        store.close()


def test_instances_starting_at_once_on_a_new_database_migrate_it_once(db_url: str) -> None:
    """Several app instances (one engine each, as in separate processes) opening one new database at the same
    moment: each gets a database at head, made once (PostgreSQL: the advisory lock; SQLite: BEGIN IMMEDIATE)."""
    instances = 4
    engines = [storage_database._create_engine(db_url) for _ in range(instances)]
    barrier = threading.Barrier(instances)

    def start(engine: Engine) -> None:
        barrier.wait()
        storage_database._upgrade_schema(engine)

    try:
        with ThreadPoolExecutor(instances) as pool:
            list(pool.map(start, engines))  # re-raises the first failure
    finally:
        for engine in engines:
            engine.dispose()
    assert _sql(db_url, "SELECT version_num FROM alembic_version") == [(head(),)]
    assert _sql(db_url, "SELECT id, version FROM schema_version") == [(1, LEGACY_FENCE)]
    assert _differences(db_url) == []


def test_the_helper_writes_the_next_revision_and_checks_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "migrations"
    shutil.copytree(migrations.HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrations, "HERE", copy)  # the real folder stays as it is
    script_directory.cache_clear()
    try:
        newest = head()
        assert main(["check"]) == 0
        assert f"revision {newest}: matches the models" in capsys.readouterr().out
        assert main(["revision", "-m", "Add the notes table", "--autogenerate"]) == 0
        following = f"{int(newest) + 1:04d}"
        written = (copy / "versions" / f"{following}_add_the_notes_table.py").read_text()
        assert f"revision = {following!r}" in written and f"down_revision = {newest!r}" in written
        script_directory.cache_clear()
        assert head() == following
        assert main(["history"]) == 0
        assert f"{newest} -> {following} (head), Add the notes table" in capsys.readouterr().out
        url = f"sqlite:///{tmp_path / 'radar.sqlite3'}"
        Store(url).close()  # the app runs the new revision
        assert _versions(url) == (following, LEGACY_FENCE)
    finally:
        script_directory.cache_clear()
