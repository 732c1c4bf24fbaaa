"""Engines: one per database URL for the whole process, configured for concurrent use.

Streamlit runs each browser session in its own thread, so engines are shared between threads, cached per
URL (creating one per session would open a pool per session), and the schema is checked once per engine.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import OperationalError

from .errors import StorageError, UnsupportedDatabase

T = TypeVar("T")

# How long SQLite waits for another writer before "database is locked". Writes here take milliseconds,
# so 10 s only matters under a real pile-up, where waiting beats failing a participant's submission.
SQLITE_BUSY_TIMEOUT_MS = 10_000
# Retries on top of the busy timeout, for the cases it does not cover (see `Database.run`).
SQLITE_LOCK_RETRIES = 5
_WRITE = "radar_write"  # execution option: this transaction will write (SQLite: BEGIN IMMEDIATE)


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

    def run(self, work: Callable[[Connection], T], *, write: bool) -> T:
        """Run `work` in one transaction (committed if it returns, rolled back if it raises).

        On SQLite, a write transaction is retried a few times on "database is locked". With WAL, BEGIN
        IMMEDIATE and a busy timeout this is rare, but SQLite still returns it without waiting in some cases
        (e.g. WAL recovery by another process). Retrying is safe: a locked transaction did not commit.
        """
        if not write:
            with self.engine.begin() as conn:
                return work(conn)
        attempts = SQLITE_LOCK_RETRIES if self.write_lock is not None else 1
        for attempt in range(1, attempts + 1):
            try:
                with self.write_lock or nullcontext(), self.writer.begin() as conn:
                    return work(conn)
            except OperationalError as exc:
                if attempt == attempts or not _is_sqlite_lock_error(exc):
                    raise
                # Jittered backoff, so that processes retrying do not collide again in step.
                time.sleep(0.02 * 2**attempt * (0.5 + random.random()))
        raise AssertionError("unreachable")  # the loop either returns or raises


_databases: dict[str, Database] = {}
_databases_lock = threading.Lock()


def get_database(url: str) -> Database:
    """The database at `url`, its engine created and its schema ensured on first use, then cached."""
    with _databases_lock:
        database = _databases.get(url)
        if database is None:
            engine = _create_engine(url)
            is_sqlite = engine.dialect.name == "sqlite"
            database = Database(
                engine=engine,
                writer=engine.execution_options(**{_WRITE: True}),
                write_lock=threading.Lock() if is_sqlite else None,
            )
            try:
                _upgrade_schema(engine)
            except BaseException:
                engine.dispose()  # e.g. SchemaTooNew: do not keep an engine on a database we refuse
                raise
            _databases[url] = database
        return database


def dispose_database(url: str) -> None:
    """Close the pooled connections of `url` and forget its engine; the next use creates a new one."""
    with _databases_lock:
        database = _databases.pop(url, None)
    if database is not None:
        database.engine.dispose()


def dispose_all() -> None:
    with _databases_lock:
        databases = list(_databases.values())
        _databases.clear()
    for database in databases:
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
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
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
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    # A write transaction takes the write lock at BEGIN (IMMEDIATE), where the busy timeout applies.
    # A deferred one that reads, then writes, fails at once with SQLITE_BUSY if another writer committed
    # in between, and the busy timeout cannot help it.
    mode = "IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")
