"""What a database failure means for the caller: transient (`StorageUnavailable`, with a reason) or a bug.

Every error of SQLAlchemy or of a driver that leaves `Database.run` goes through `translate`, so that no raw
driver error reaches a page. Transient failures are told apart by the code the database gives, not by the text
of its message (which depends on the server's language): SQLite's extended result code name
(``sqlite_errorname``, Python 3.11+), PostgreSQL's SQLSTATE.
"""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

from .errors import InvalidInput, StorageError, StorageUnavailable, UnavailableReason

_SQLITE_REASONS: dict[str, UnavailableReason] = {
    "SQLITE_FULL": "disk_full",
    "SQLITE_READONLY": "read_only",
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
    "SQLITE_IOERR": "io_error",
    "SQLITE_CANTOPEN": "file_missing",
    "SQLITE_CORRUPT": "io_error",
    "SQLITE_NOTADB": "io_error",
    "SQLITE_PROTOCOL": "busy",
}
# SQLSTATE classes and codes (PostgreSQL's appendix A).
_POSTGRES_REASONS: dict[str, UnavailableReason] = {
    "08": "unreachable",  # connection exception
    "57P01": "unreachable",  # admin shutdown (a restart)
    "57P02": "unreachable",  # crash shutdown
    "57P03": "unreachable",  # cannot connect now (starting up, shutting down)
    "53100": "disk_full",
    "53200": "busy",  # out of memory
    "53300": "busy",  # too many connections
    "25006": "read_only",  # read-only transaction (a standby, or default_transaction_read_only)
    "40001": "busy",  # serialization failure
    "40P01": "busy",  # deadlock detected
    "55P03": "busy",  # lock not available
    "58030": "io_error",  # I/O error
}


def reason_of(error: BaseException) -> UnavailableReason | None:
    """The reason a database error is transient, or None if it is not (a bug, a constraint, bad SQL)."""
    if isinstance(error, sa_exc.TimeoutError):  # no pooled connection free in time
        return "busy"
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return "unreachable"
        original = error.orig
        name = getattr(original, "sqlite_errorname", None)
        if isinstance(name, str):
            for prefix, reason in _SQLITE_REASONS.items():
                if name == prefix or name.startswith(prefix + "_"):
                    return reason
            return None
        sqlstate = getattr(original, "sqlstate", None)
        if isinstance(sqlstate, str):
            return _POSTGRES_REASONS.get(sqlstate) or _POSTGRES_REASONS.get(sqlstate[:2])
        if isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            return "unreachable"  # e.g. psycopg's « connection refused », before any SQLSTATE
    return None


MESSAGES: dict[UnavailableReason, str] = {
    "unreachable": "The database server cannot be reached (stopped, restarting, or the network is down).",
    "busy": "The database is too busy to answer now.",
    "disk_full": "The disk holding the database is full.",
    "read_only": "The database cannot be written: its files or its server are read-only.",
    "file_missing": "The database file has disappeared or cannot be opened.",
    "io_error": "The database's files cannot be read or written (input/output error).",
}


def unavailable(reason: UnavailableReason, detail: str = "") -> StorageUnavailable:
    message = MESSAGES[reason] + " This call did not complete; it can be made again once that is over."
    return StorageUnavailable(f"{message} ({detail})" if detail else message, reason=reason)


def translate(error: BaseException) -> StorageError:
    """The storage error to raise instead of `error` (a SQLAlchemy or driver error)."""
    reason = reason_of(error)
    if reason is not None:
        return unavailable(reason, _detail(error))
    if isinstance(error, sa_exc.IntegrityError):
        return InvalidInput(f"refused by the database: {_detail(error)}")
    return StorageError(f"database error: {_detail(error)}")


def _detail(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return f"{type(original).__name__}: {str(original).strip().splitlines()[0] if str(original).strip() else ''}"
