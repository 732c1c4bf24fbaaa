"""The schema's history as Alembic revisions (``versions/``), and the upgrade the app runs at start-up.

`upgrade_to_head` brings any database this app can read to the newest revision, inside the caller's write
transaction (which holds the schema lock: several app instances may start at once). A database made before
Alembic carries a ``schema_version`` row instead of ``alembic_version``: it is recognised and stamped with the
revision that reproduces that version (1 -> 0001, 2 -> 0002), never recreated. A database at a revision this
code does not know was written by a newer version of the app: `SchemaTooNew`, and nothing is changed.

Adding a revision: DEVELOPERS.md, « Changing the schema ».
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, func, inspect, select, text

from ..errors import SchemaTooNew, StorageError

HERE = Path(__file__).resolve().parent

# The versions of the code before Alembic, and the revision that gives exactly the same schema.
LEGACY_REVISIONS = {1: "0001", 2: "0002"}
# The value ``schema_version`` takes once a database goes past 0002. The code before Alembic refuses a version
# above its own 2 (SchemaTooNew), so an older deployment started by mistake on a newer database leaves it alone.
LEGACY_FENCE = 3


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built here rather than read from an ini file; with `connection`, env.py runs
    the revisions on it instead of opening the database itself."""
    config = Config(stdout=sys.stdout)  # the current one, not the one at import (Alembic's default)
    config.set_main_option("script_location", str(HERE))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest revision. The chain is linear: two heads are an error (tests/storage/test_storage_migrations.py)."""
    revision = script_directory().get_current_head()
    if revision is None:
        raise StorageError("no schema revision found")
    return revision


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


# Any constant works; it only has to be the same for every instance of the app sharing one database.
_PG_SCHEMA_LOCK = 0x52_41_44_41_52  # "RADAR"


def upgrade_to_head(conn: Connection) -> None:
    """Bring the database on `conn` to `head()`, in the caller's write transaction (see the module's docstring).

    On PostgreSQL several app instances may start at once, so an advisory lock, released at the end of the
    transaction, lets one migrate while the others wait and then find the database at head; on SQLite the
    write transaction (BEGIN IMMEDIATE) already serialises them.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK)))
    target = head()
    current = current_revision(conn)
    if current == target:
        return
    config = alembic_config(conn)
    if current is None:
        legacy = _legacy_version(conn)
        if legacy is not None:
            command.stamp(config, LEGACY_REVISIONS[legacy])
    elif _unknown(current):
        raise SchemaTooNew(_too_new(f"revision {current}"))
    command.upgrade(config, "head")
    if target not in LEGACY_REVISIONS.values():
        conn.execute(text("UPDATE schema_version SET version = :fence WHERE version < :fence"), {"fence": LEGACY_FENCE})


def _unknown(revision: str) -> bool:
    return revision not in {script.revision for script in script_directory().walk_revisions()}


def _legacy_version(conn: Connection) -> int | None:
    """The ``schema_version`` of a database made before Alembic; None for an empty database."""
    inspector = inspect(conn)
    if not inspector.has_table("schema_version"):
        if inspector.has_table("workshops") or inspector.has_table("responses"):
            raise StorageError(
                "The database has tables of Radar du partenariat but no schema version: it was not made by this "
                "application, or not completely. Nothing was changed."
            )
        return None
    found = conn.execute(text("SELECT version FROM schema_version")).scalar_one_or_none()
    if found in LEGACY_REVISIONS:
        return found
    if isinstance(found, int) and found > max(LEGACY_REVISIONS):
        raise SchemaTooNew(_too_new(f"version {found}"))
    raise StorageError(f"The database's schema version ({found!r}) is not one this application knows.")


def _too_new(found: str) -> str:
    return (
        f"The database is at schema {found}, but this version of Radar du partenariat only knows up to "
        f"revision {head()}. Upgrade the application (or point RADAR_DATABASE_URL at another database); "
        "nothing was changed."
    )
