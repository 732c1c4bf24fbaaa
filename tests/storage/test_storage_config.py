"""Where the database is, and how SQLite is set up. SQLite-only by nature: the default is a SQLite file,
and the pragmas are SQLite's (the PostgreSQL path of the same code is covered by every other module)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import Store, UnsupportedDatabase
from storage import database as storage_engine
from storage.config import REPO_ROOT, database_url
from storage.database import dispose_database, get_database


def test_default_is_a_sqlite_file_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RADAR_DATABASE_URL", raising=False)
    monkeypatch.setenv("RADAR_DATA_DIR", str(tmp_path / "not" / "yet"))
    store = Store()
    try:
        assert store.url == f"sqlite:///{tmp_path / 'not' / 'yet' / 'radar.sqlite3'}"
        assert (tmp_path / "not" / "yet" / "radar.sqlite3").is_file()  # folder created on demand
    finally:
        store.close()


def test_default_data_dir_is_under_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RADAR_DATABASE_URL", raising=False)
    monkeypatch.delenv("RADAR_DATA_DIR", raising=False)
    assert database_url() == f"sqlite:///{REPO_ROOT / 'data' / 'radar.sqlite3'}"


def test_postgres_urls_get_the_psycopg_driver() -> None:
    assert database_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"


def test_unsupported_databases_are_refused() -> None:
    for url in ("sqlite://", "sqlite:///:memory:", "mysql+pymysql://u:p@h/db"):
        with pytest.raises(UnsupportedDatabase):
            Store(url)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'radar.sqlite3'}"
    Store(url)
    try:
        with get_database(url).engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 1_000
    finally:
        dispose_database(url)


def test_import_is_cheap() -> None:
    code = "import storage, sys; from storage import Draft, WorkshopClosed; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_ui_services_module_does_not_load_sqlalchemy_until_the_store_is_asked_for() -> None:
    code = (
        "import sys, ui.services; loaded = 'sqlalchemy' in sys.modules;"
        " from storage import Store; print(loaded, 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_the_public_names_are_gathered_from_their_modules() -> None:
    """Nothing is copied by hand: a class added to errors, rules or views without its name in that module's __all__,
    or a Store method without its docstring (the reference of the API), fails here."""
    import storage
    from storage import errors, rules, views

    for module in (errors, rules, views):
        defined = {
            name
            for name, value in vars(module).items()
            if isinstance(value, type) and value.__module__ == module.__name__ and not name.startswith("_")
        }
        assert defined <= set(module.__all__), module.__name__
        assert set(module.__all__) <= set(storage.__all__)
    public = [name for name in vars(Store) if not name.startswith("_") and callable(getattr(Store, name))]
    assert "save_draft" in public
    assert [name for name in public if not getattr(Store, name).__doc__] == []


def test_public_names_resolve() -> None:
    import storage

    for name in storage.__all__:
        assert getattr(storage, name) is not None, name
    with pytest.raises(AttributeError):
        _ = storage.NoSuchName  # type: ignore[attr-defined]


def test_sqlite_write_waits_for_another_process_writer(tmp_path: Path) -> None:
    """Another process holding the write lock (here a raw sqlite3 connection) delays a save, never loses it."""
    path = tmp_path / "radar.sqlite3"
    store = Store(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.3, other.execute, args=("COMMIT",))
    releaser.start()
    try:
        token = store.new_respondent_token()
        store.save_draft(
            token, questionnaire_id="q", workshop_id=None, answers={"a": 1}, profile={}, comments={}, step=0
        )
        assert store.load_draft(token) is not None
    finally:
        releaser.join()
        other.close()
        store.close()


def test_sqlite_locked_writes_are_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no busy timeout at all, "database is locked" reaches the retry loop, which outlasts the lock."""
    monkeypatch.setattr(storage_engine, "SQLITE_BUSY_TIMEOUT_MS", 0)
    path = tmp_path / "radar.sqlite3"
    store = Store(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.1, other.execute, args=("COMMIT",))
    releaser.start()
    try:
        token = store.new_respondent_token()
        store.save_draft(
            token, questionnaire_id="q", workshop_id=None, answers={"a": 1}, profile={}, comments={}, step=0
        )
        assert store.submit(token) is True
    finally:
        releaser.join()
        other.close()
        store.close()
