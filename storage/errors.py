"""Errors raised by the storage package.

Each is a subclass of `StorageError`, and of the built-in class whose meaning it shares (`LookupError`,
`ValueError`), so that callers can catch either the precise error or the family.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "DraftNotFound",
    "InvalidInput",
    "PlanChanged",
    "SchemaTooNew",
    "StorageError",
    "StorageUnavailable",
    "TokenMismatch",
    "UnavailableReason",
    "UnsupportedDatabase",
    "WorkshopClosed",
    "WorkshopNotFound",
]

# Why the storage is unavailable, for the message a page shows (i18n keys ``storage.unavailable.<reason>``).
UnavailableReason = Literal["unreachable", "busy", "disk_full", "read_only", "file_missing", "io_error"]


class StorageError(Exception):
    """Base class of every error this package raises. No `Store` method lets a raw SQLAlchemy or driver
    error out: transient failures become `StorageUnavailable`, anything else (a bug) a plain `StorageError`."""


class StorageUnavailable(StorageError):
    """A transient failure: the database server is down or restarting, the disk is full, the database files are
    read-only or gone, or the database is too busy. The call did not complete (a write whose connection broke at
    its commit may still have been applied: every write of `Store` can be repeated safely, except
    `create_workshop`). The same call may succeed later, with no restart: connections are recovered.

    `reason` is machine-readable (`UnavailableReason`), for the message shown in the page's language; the text
    of the exception is for logs (in English, with the driver's detail).
    """

    def __init__(self, message: str, *, reason: UnavailableReason = "unreachable") -> None:
        super().__init__(message)
        self.reason: UnavailableReason = reason


class SchemaTooNew(StorageError):
    """The database was written by a newer version of the application than this one."""


class UnsupportedDatabase(StorageError):
    """The database URL names an engine this package does not support (only SQLite and PostgreSQL)."""


class InvalidInput(StorageError, ValueError):
    """An argument is malformed or over its size limit (never shown to users as is: a page bug or abuse)."""


class WorkshopNotFound(StorageError, LookupError):
    """The workshop does not exist (never created, or deleted)."""


class WorkshopClosed(StorageError):
    """The workshop was closed by its facilitator: no more answers are accepted."""


class DraftNotFound(StorageError, LookupError):
    """No draft is saved under this respondent token, so there is nothing to submit."""


class PlanChanged(StorageError):
    """The action plan was saved by someone else (another tab) since it was read: reload before saving."""


class TokenMismatch(StorageError, ValueError):
    """The respondent token is already bound to another workshop or questionnaire."""
