"""Errors raised by the storage package.

Each is a subclass of `StorageError`, and of the built-in class whose meaning it shares (`LookupError`,
`ValueError`), so that callers can catch either the precise error or the family.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every error this package raises on purpose."""


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


class TokenMismatch(StorageError, ValueError):
    """The respondent token is already bound to another workshop or questionnaire."""
