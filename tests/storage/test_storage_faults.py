"""Transient failures become `StorageUnavailable` with a reason, nothing is « saved » that is not, and the same
`Store` works again once the fault is over: a full disk, a read-only file, a deleted file, PostgreSQL stopped
and restarted (on a private server), a connection broken under a read."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from storage_private_postgres import PrivateCluster

from storage import InvalidInput, StorageError, StorageUnavailable, Store
from storage.config import database_url
from storage.database import dispose_database, get_database
from storage.faults import reason_of

TOKEN = "T" * 22


def _save(store: Store, comment: str, token: str = TOKEN, *, size: int = 1) -> None:
    store.save_draft(
        token,
        questionnaire_id="express",
        workshop_id=None,
        answers={"ex-eth-1": 3},
        profile={},
        comments={f"c{i}": comment for i in range(size)},
        step=1,
    )


def _comment(store: Store, token: str = TOKEN) -> str:
    draft = store.load_draft(token)
    assert draft is not None
    return draft.comments["c0"]


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of the test's own (mounting needs root with CAP_SYS_ADMIN)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0777", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); the max_page_count case still runs")
    try:
        yield mount_point
    finally:
        for url in (f"sqlite:///{mount_point / 'radar.sqlite3'}",):
            dispose_database(url)
        subprocess.run(["chattr", "-R", "-i", str(mount_point)], capture_output=True)
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


def _fill(folder: Path) -> Path:
    """Fill the file system of `folder` to the last byte, with one file to delete afterwards."""
    junk = folder / "junk"
    descriptor = os.open(junk, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 1):  # big blocks, then the last bytes
            with contextlib.suppress(OSError):
                while True:
                    os.write(descriptor, b"\0" * size)
    finally:
        os.close(descriptor)
    return junk


def test_a_full_disk_is_unavailable_and_the_same_store_saves_once_space_is_back(tiny_disk: Path) -> None:
    store = Store(f"sqlite:///{tiny_disk / 'radar.sqlite3'}")
    _save(store, "avant")
    junk = _fill(tiny_disk)
    with pytest.raises(StorageUnavailable) as caught:
        _save(store, "pendant" * 270, size=550)  # ~1 MB of comments: the WAL must grow
    assert caught.value.reason == "disk_full"
    assert _comment(store) == "avant"  # reads still work, and the refused draft is not there
    junk.unlink()
    _save(store, "après" * 380, size=550)  # no restart, no new Store
    assert _comment(store) == "après" * 380


def test_sqlite_full_from_max_page_count_is_unavailable(tmp_path: Path) -> None:
    """SQLITE_FULL without a file system of our own: the database may not grow past its current pages."""
    url = f"sqlite:///{tmp_path / 'radar.sqlite3'}"
    store = Store(url)
    _save(store, "avant")
    engine = get_database(url).engine

    def cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", cap)
    engine.dispose()
    try:
        with pytest.raises(StorageUnavailable) as caught:
            _save(store, "pendant" * 270, size=550)
        assert caught.value.reason == "disk_full"
        assert _comment(store) == "avant"
    finally:
        event.remove(engine, "connect", cap)
        store.close()


@contextlib.contextmanager
def _read_only(paths: list[Path]) -> Iterator[None]:
    """Root writes through any permission, so for root the files are made immutable (chattr +i)."""
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"chattr +i is not supported here: {made.stderr.strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
    else:
        for path in paths:
            path.chmod(0o444)
        try:
            yield
        finally:
            for path in paths:
                path.chmod(0o644)


def _files(folder: Path) -> list[Path]:
    return [p for p in (folder / n for n in ("radar.sqlite3", "radar.sqlite3-wal", "radar.sqlite3-shm")) if p.exists()]


def test_read_only_files_are_refused_at_the_first_write_and_at_start_up(tiny_disk: Path) -> None:
    url = f"sqlite:///{tiny_disk / 'radar.sqlite3'}"
    store = Store(url)
    _save(store, "avant")
    with _read_only(_files(tiny_disk)):
        # The open connection could still write (permissions are checked when a file is opened): without the
        # check, this draft would be « saved » by a server that can no longer open its own database.
        with pytest.raises(StorageUnavailable) as caught:
            _save(store, "pendant")
        assert caught.value.reason == "read_only"
        assert "radar.sqlite3" in str(caught.value)
        assert _comment(store) == "avant"
        dispose_database(url)  # a restart of the app while the files are read-only
        with pytest.raises(StorageUnavailable) as at_start:
            Store(url)
        assert at_start.value.reason == "read_only"
    _save(store, "après")  # the same Store, once the files are writable again
    assert _comment(Store(url)) == "après"


def test_a_deleted_database_file_is_never_written_to(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    url = f"sqlite:///{folder / 'radar.sqlite3'}"
    store = Store(url)
    _save(store, "avant")
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(folder / "radar.sqlite3") as source, sqlite3.connect(backup) as copy:
        source.backup(copy)
    shutil.rmtree(folder)  # e.g. someone cleans up the data folder while the app runs
    for attempt in (lambda: _save(store, "pendant"), lambda: store.load_draft(TOKEN)):
        with pytest.raises(StorageUnavailable) as caught:
            attempt()
        assert caught.value.reason == "file_missing"
    assert not folder.exists()  # no new empty database was made in its place
    folder.mkdir()
    shutil.copy(backup, folder / "radar.sqlite3")  # the backup is restored, the app still running
    assert _comment(store) == "avant"
    _save(store, "après")
    with sqlite3.connect(folder / "radar.sqlite3") as restored:  # written into the restored file itself
        assert json.loads(restored.execute("SELECT comments FROM responses").fetchone()[0]) == {"c0": "après"}


def test_postgres_stopped_and_restarted(private_postgres: PrivateCluster) -> None:
    url = database_url(private_postgres.url)
    store = Store(url)
    _save(store, "avant")
    private_postgres.stop()
    for attempt in (lambda: _save(store, "pendant"), lambda: store.load_draft(TOKEN)):
        with pytest.raises(StorageUnavailable) as caught:
            attempt()
        assert caught.value.reason == "unreachable"
    dispose_database(url)  # an instance starting while the server is down
    with pytest.raises(StorageUnavailable) as at_start:
        Store(url)
    assert at_start.value.reason == "unreachable"
    private_postgres.start()
    assert _comment(store) == "avant"  # the same Store, its pool emptied of the dead connections
    _save(store, "pendant")
    private_postgres.stop()
    private_postgres.start()  # a restart between two calls: the pooled connections are dead, pre-ping sees it
    _save(store, "après")
    assert _comment(store) == "après"
    dispose_database(url)  # and a new instance after the restart
    assert _comment(Store(url)) == "après"


def _dropped(statement: str) -> OperationalError:
    return OperationalError(statement, {}, Exception("server closed the connection"), connection_invalidated=True)


def test_a_read_is_repeated_on_a_fresh_connection_a_write_is_not(store: Store) -> None:
    calls: list[str] = []

    def flaky_read(conn: object) -> str:
        calls.append("read")
        if len(calls) == 1:
            raise _dropped("SELECT 1")
        return "ok"

    assert store._read(flaky_read) == "ok"
    assert calls == ["read", "read"]

    def flaky_write(conn: object) -> None:
        calls.append("write")
        raise _dropped("UPDATE responses")

    with pytest.raises(StorageUnavailable) as caught:
        store._write(flaky_write)
    assert caught.value.reason == "unreachable"
    assert calls.count("write") == 1  # it may have committed before the connection broke: not repeated


def test_no_driver_error_leaves_the_store(store: Store) -> None:
    with pytest.raises(StorageError) as bug:
        store._read(lambda conn: conn.execute(text("SELECT * FROM no_such_table")))
    assert not isinstance(bug.value, StorageUnavailable)
    assert isinstance(bug.value.__cause__, ProgrammingError | OperationalError)
    with pytest.raises(InvalidInput) as refused:
        store._write(lambda conn: conn.execute(text("INSERT INTO responses (token_hash) VALUES ('x')")))
    assert isinstance(refused.value.__cause__, IntegrityError)


@pytest.mark.parametrize(
    ("orig", "reason"),
    [
        (SimpleNamespace(sqlite_errorname="SQLITE_FULL"), "disk_full"),
        (SimpleNamespace(sqlite_errorname="SQLITE_READONLY_DBMOVED"), "read_only"),
        (SimpleNamespace(sqlite_errorname="SQLITE_IOERR_WRITE"), "io_error"),
        (SimpleNamespace(sqlite_errorname="SQLITE_BUSY"), "busy"),
        (SimpleNamespace(sqlite_errorname="SQLITE_CANTOPEN"), "file_missing"),
        (SimpleNamespace(sqlite_errorname="SQLITE_ERROR"), None),  # a bug, e.g. a missing table
        (SimpleNamespace(sqlite_errorname="SQLITE_CONSTRAINT_CHECK"), None),
        (SimpleNamespace(sqlstate="08006"), "unreachable"),
        (SimpleNamespace(sqlstate="57P01"), "unreachable"),
        (SimpleNamespace(sqlstate="53100"), "disk_full"),
        (SimpleNamespace(sqlstate="25006"), "read_only"),
        (SimpleNamespace(sqlstate="40001"), "busy"),
        (SimpleNamespace(sqlstate="23514"), None),  # check violation
        (SimpleNamespace(sqlstate="42P01"), None),  # undefined table
    ],
)
def test_reasons_come_from_the_error_codes(orig: object, reason: str | None) -> None:
    assert reason_of(OperationalError("x", {}, orig)) == reason  # type: ignore[arg-type]
