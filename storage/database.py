"""Engines: one per database URL for the whole process, configured for concurrent use.

Streamlit runs each browser session in its own thread, so engines are shared between threads, cached per
URL (creating one per session would open a pool per session), and the schema is checked once per engine.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from .errors import StorageError, StorageUnavailable, UnsupportedDatabase
from .faults import translate, unavailable

T = TypeVar("T")

# How long SQLite waits for another writer before "database is locked". Writes here take milliseconds,
# so 10 s only matters under a real pile-up, where waiting beats failing a participant's submission.
SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long the checkpoint after an erase waits for readers before it is left for after the next write.
SCRUB_BUSY_TIMEOUT_MS = 500
# Retries on top of the busy timeout, for the cases it does not cover (see `Database.run`).
SQLITE_LOCK_RETRIES = 5
_WRITE = "radar_write"  # execution option: this transaction will write (SQLite: BEGIN IMMEDIATE)


# A read is repeated on a fresh connection when its own broke (a server restart, a connection killed by an
# idle timeout): reads change nothing, so repeating one is always safe. Writes are not repeated here.
READ_ATTEMPTS = 3


class FileReplaced(Exception):
    """The SQLite file at the path is not the one this engine opened (restored from a backup): reopen it."""


@dataclass(frozen=True, eq=False)
class Database:
    """An engine and what goes with it; one per URL per process."""

    engine: Engine
    # Same engine and pool, tagged so that SQLite opens its transactions with BEGIN IMMEDIATE.
    writer: Engine
    # SQLite only: writers of this process queue here. SQLite takes one writer at a time anyway, and its busy
    # handler makes the others poll with sleeps of up to 100 ms, so under a burst (a room submitting at once)
    # some waited over a second while others went straight through. A lock is served far more evenly
    # (see bench/bench_submit.py). Writers from other processes are still covered by the busy timeout.
    write_lock: threading.Lock | None
    # SQLite only: the database file, and its (device, inode) when the engine opened it. An open connection
    # keeps writing into a file deleted under it, and those writes vanish at the next restart: every
    # transaction first checks that the path still leads to that same file.
    file: Path | None = None
    identity: tuple[int, int] | None = None
    # SQLite: an erase whose WAL could not be truncated yet (readers in the way); retried after each write.
    scrub_pending: threading.Event = field(default_factory=threading.Event)

    def run(self, work: Callable[[Connection], T], *, write: bool) -> T:
        """Run `work` in one transaction (committed if it returns, rolled back if it raises).

        Every SQLAlchemy or driver error leaves as a `StorageError` (`storage.faults.translate`): a transient
        one as `StorageUnavailable`, after which the pool is emptied, so that no broken connection (to a stopped
        server, to a file opened read-only) is handed out again. The next call opens fresh ones: when the
        database is back, the app works again with no restart.
        """
        try:
            result = self._run(work, write=write)
        except SQLAlchemyError as exc:
            error = translate(exc)
            if isinstance(error, StorageUnavailable) and error.reason != "busy":
                self.engine.dispose()
            raise error from exc
        if write and self.scrub_pending.is_set():
            self.scrub()
        return result

    def scrub(self) -> None:
        """`scrub_database`: on SQLite, a TRUNCATE checkpoint, retried later if readers are in the way."""
        if self.write_lock is None:
            return
        self.scrub_pending.set()
        try:
            with self.write_lock, self.engine.connect() as conn:
                # On the bare connection: a checkpoint cannot run inside a transaction. It waits for readers on an
                # older snapshot, but briefly: this process's writers wait behind `write_lock` meanwhile.
                raw = conn.connection.driver_connection
                raw.execute(f"PRAGMA busy_timeout = {SCRUB_BUSY_TIMEOUT_MS}")
                try:
                    busy, _, _ = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                finally:
                    raw.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        except (SQLAlchemyError, sqlite3.Error):
            return  # the erase itself is committed; the checkpoint is tried again after the next write
        if not busy:
            self.scrub_pending.clear()

    def _run(self, work: Callable[[Connection], T], *, write: bool) -> T:
        """On SQLite, a write transaction is retried a few times on "database is locked". With WAL, BEGIN
        IMMEDIATE and a busy timeout this is rare, but SQLite still returns it without waiting in some cases
        (e.g. WAL recovery by another process). Retrying is safe: a locked transaction did not commit.
        """
        if not write:
            for attempt in range(1, READ_ATTEMPTS + 1):
                self.check_file(write=False)
                try:
                    with self.engine.begin() as conn:
                        return work(conn)
                except DBAPIError as exc:
                    if attempt == READ_ATTEMPTS or not exc.connection_invalidated:
                        raise
                    time.sleep(0.05 * attempt)
        attempts = SQLITE_LOCK_RETRIES if self.write_lock is not None else 1
        for attempt in range(1, attempts + 1):
            try:
                with self.write_lock or nullcontext():
                    self.check_file(write=True)
                    with self.writer.begin() as conn:
                        return work(conn)
            except OperationalError as exc:
                if attempt == attempts or not _is_sqlite_lock_error(exc):
                    raise
                # Jittered backoff, so that processes retrying do not collide again in step.
                time.sleep(0.02 * 2**attempt * (0.5 + random.random()))
        raise AssertionError("unreachable")  # the loop either returns or raises

    def check_file(self, *, write: bool) -> None:
        """SQLite: refuse to go on if the file is gone, replaced, or (for a write) cannot be written.

        Two system calls, a few microseconds: cheap next to a transaction. `os.access` answers for this
        process, so it is false for a file made read-only (or immutable) for it, and true for root on a file
        merely without write permission, which root can write indeed.
        """
        if self.file is None:
            return
        try:
            found = os.stat(self.file)
        except FileNotFoundError:
            raise unavailable("file_missing", str(self.file)) from None
        except OSError as exc:
            raise unavailable("io_error", f"{self.file}: {exc}") from exc
        if (found.st_dev, found.st_ino) != self.identity:
            raise FileReplaced(str(self.file))
        if write:
            for path in (self.file, *(Path(f"{self.file}{suffix}") for suffix in ("-wal", "-shm"))):
                if not os.access(path, os.W_OK) and (path == self.file or path.exists()):
                    raise unavailable("read_only", str(path))


_databases: dict[str, Database] = {}
_databases_lock = threading.Lock()


def get_database(url: str) -> Database:
    """The database at `url`, its engine created and its schema brought to the newest revision on first use,
    then cached. Raises `StorageUnavailable` if it cannot be reached or written now (nothing is cached then,
    so that the next call tries again), `SchemaTooNew`, `UnsupportedDatabase`."""
    with _databases_lock:
        database = _databases.get(url)
        if database is None:
            engine = _create_engine(url)
            is_sqlite = engine.dialect.name == "sqlite"
            try:
                file = _sqlite_file(engine) if is_sqlite else None
                if file is not None and file.exists():
                    _check_writable(file)
                _upgrade_schema(engine)
                found = os.stat(file) if file is not None else None
            except SQLAlchemyError as exc:
                engine.dispose()
                raise translate(exc) from exc
            except BaseException:
                engine.dispose()  # e.g. SchemaTooNew: do not keep an engine on a database we refuse
                raise
            database = Database(
                engine=engine,
                writer=engine.execution_options(**{_WRITE: True}),
                write_lock=threading.Lock() if is_sqlite else None,
                file=file,
                identity=None if found is None else (found.st_dev, found.st_ino),
            )
            _databases[url] = database
        return database


def run_in_transaction(url: str, work: Callable[[Connection], T], *, write: bool) -> T:
    """`Database.run` on the database at `url`; if its SQLite file was replaced (a backup restored while the
    app runs), the old engine is dropped and the new file opened, schema checked, before running `work`."""
    try:
        return get_database(url).run(work, write=write)
    except FileReplaced:
        dispose_database(url)
        return get_database(url).run(work, write=write)


def scrub_database(url: str) -> None:
    """After an erase: leave no copy of the erased rows in the database files.

    SQLite: `secure_delete` (set on every connection) has already overwritten them in the main file, but the WAL
    still holds every version of every page written since the last checkpoint (an erased comment was found 11
    times in ``radar.sqlite3-wal``, even after an ordinary checkpoint, which copies pages back without cutting
    the file). ``PRAGMA wal_checkpoint(TRUNCATE)`` copies them into the main file, where the erased rows are
    zeros, and truncates the WAL to nothing. It waits (busy timeout) for readers still on an older snapshot;
    if some remain, it is tried again after the next write. PostgreSQL: the rows are gone from every query at
    once; what remains on disk until VACUUM is in DEVELOPERS.md (« Erasing »).
    """
    get_database(url).scrub()


def _sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine; None for a ``file:`` URI, whose path is not checked."""
    url = engine.url
    if url.query.get("uri") == "true" or not url.database:
        return None
    return Path(url.database).expanduser().resolve()


def _check_writable(file: Path) -> None:
    """At start-up, a clear refusal rather than SQLite's silent fallback to a read-only connection."""
    for path in (file, *(Path(f"{file}{suffix}") for suffix in ("-wal", "-shm"))):
        if path.exists() and not os.access(path, os.W_OK):
            raise unavailable("read_only", str(path))


def dispose_database(url: str) -> None:
    """Close the pooled connections of `url` and forget its engine; the next use creates a new one."""
    with _databases_lock:
        database = _databases.pop(url, None)
    if database is not None:
        database.engine.dispose()


def _upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision in one write transaction (`storage.migrations`).

    On SQLite, foreign keys are off for its duration, as SQLite's own procedure for schema changes asks: Alembic
    changes a table there by copying it and dropping the original, and dropping `workshops` with foreign keys on
    would first delete every response through ON DELETE CASCADE. The pragma is a no-op inside a transaction, so
    it is set on the bare connection before BEGIN; `PRAGMA foreign_key_check` then refuses to commit a
    migration that broke a reference.
    """
    from .migrations import upgrade_to_head  # Alembic loads when a database is first opened, not at import

    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.execution_options(**{_WRITE: True}).begin():
                upgrade_to_head(conn)
                if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise StorageError("A schema migration left a row pointing at a missing one; nothing was changed.")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def _is_sqlite_lock_error(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "database is locked" in message or "database is busy" in message


def _create_engine(url_text: str) -> Engine:
    url = make_url(url_text)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _create_sqlite_engine(url)
    if backend == "postgresql":
        # pool_pre_ping: a connection dropped by a PostgreSQL restart or an idle timeout is replaced
        # instead of failing the first participant who hits it.
        # connect_timeout: a server that does not answer at all (a host gone from the network) fails a call in
        # seconds, as StorageUnavailable, instead of leaving the participant's page waiting for minutes.
        return create_engine(
            url, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args={"connect_timeout": 10}
        )
    raise UnsupportedDatabase(
        f"Unsupported database {backend!r} in the database URL: use sqlite:///path/to/file.sqlite3 "
        "or postgresql+psycopg://user:password@host/dbname."
    )


def _create_sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        # Each pooled connection would get its own empty in-memory database: use a (temporary) file.
        raise UnsupportedDatabase("In-memory SQLite is not supported; use a SQLite file (a temporary one in tests).")
    if url.query.get("uri") != "true":  # with uri=true the path is a file: URI; then the folder must exist
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        pool_pre_ping=True,
        # Streamlit sessions run in different threads: let a pooled connection move between them
        # (the pool guarantees that only one thread uses it at a time).
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _on_sqlite_begin): the sqlite3 module's own transaction
    # handling skips BEGIN before SELECT and DDL, which breaks read consistency and transactional DDL.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")  # off by default in SQLite, per connection
        # Erased answers (a respondent's request, a deleted workshop) are overwritten in the file, not only unlinked.
        cursor.execute("PRAGMA secure_delete = ON")
        # WAL: readers never block the writer nor the other way round; persistent in the file.
        # synchronous stays at its default, FULL: a submitted answer must survive a power cut.
        _enable_wal(cursor)
    finally:
        cursor.close()


def _enable_wal(cursor: Any) -> None:
    """Switch the file to WAL (persistent: once done, later connections only read the mode).

    Switching a new file needs a moment alone with it, and SQLite answers « database is locked » at once, without
    its busy timeout, when another connection opens the file at that instant (several app instances starting on
    a new database): try again, for as long as the busy timeout would have waited.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + random.random() * 0.04)


def _on_sqlite_begin(conn: Connection) -> None:
    # A write transaction takes the write lock at BEGIN (IMMEDIATE), where the busy timeout applies.
    # A deferred one that reads, then writes, fails at once with SQLITE_BUSY if another writer committed
    # in between, and the busy timeout cannot help it.
    mode = "IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")
