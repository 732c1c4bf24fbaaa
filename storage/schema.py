"""Tables, and their creation on first use.

One row per respondent token in `responses`: it is the draft while `submitted_at` is null and the submitted
response afterwards, so "joined" and "submitted" are two counts over one table and submitting is a single
conditional UPDATE. Nothing identifying is stored: no IP address, no name, no user agent; the token is kept
only as a hash.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)

from .errors import SchemaTooNew, StorageError

SCHEMA_VERSION = 2

# Explicit constraint names, so that a future migration can drop or alter them by name on both engines.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)

TITLE_MAX = 200
QUESTIONNAIRE_ID_MAX = 100

workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(TITLE_MAX), nullable=False),
    Column("questionnaire_id", String(QUESTIONNAIRE_ID_MAX), nullable=False),
    Column("status", String(10), nullable=False),
    Column("organisations", JSON, nullable=False),
    Column("profile_fields", JSON, nullable=False),
    Column("show_results_to_participants", Boolean, nullable=False),
    Column("participant_code", String(8), nullable=False, unique=True),  # stored form, no dash
    Column("facilitator_key_hash", String(64), nullable=False, unique=True),  # hex SHA-256, never the key
    # Since version 2. Null for a workshop created before: the dashboard, which holds the key, fills it in.
    Column("projection_token_hash", String(64), nullable=True, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('open', 'closed')", name="status"),
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # hex SHA-256 of the respondent token
    # Null for solo use. CASCADE is a second line of defence: delete_workshop deletes responses itself.
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("questionnaire_id", String(QUESTIONNAIRE_ID_MAX), nullable=False),
    Column("answers", JSON, nullable=False),
    Column("profile", JSON, nullable=False),
    Column("comments", JSON, nullable=False),
    Column("step", Integer, nullable=False),
    # Kept so that abandoned solo drafts can be purged after a retention period.
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    # Since version 2. When the response entered the results shown to the room. They enter by batches (see
    # Store.publish), so that comparing two screens never isolates fewer than min_group_size people.
    Column("published_at", DateTime(timezone=True), nullable=True),
)

# Any constant works; it only has to be the same for every instance of the app sharing one database.
_PG_SCHEMA_LOCK = 0x52_41_44_41_52  # "RADAR"


def ensure_schema(conn: Connection) -> None:
    """Create the tables if absent, record the version, refuse a database from a newer version.

    Runs inside one write transaction. On PostgreSQL several app instances may start at once, so an advisory
    lock serialises them; on SQLite the write transaction (BEGIN IMMEDIATE) already does.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK)))

    # Check the version before creating anything, so that a newer database is left exactly as it was.
    if inspect(conn).has_table(schema_version.name):
        found = conn.execute(select(schema_version.c.version)).scalar_one_or_none()
        if found is not None and found > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"The database is at schema version {found}, but this version of Radar du partenariat only "
                f"knows version {SCHEMA_VERSION}. Upgrade the application (or point RADAR_DATABASE_URL at "
                "another database); nothing was changed."
            )
        if found is not None and found < SCHEMA_VERSION:
            _migrate(conn, found)
            return
        if found == SCHEMA_VERSION:
            return

    metadata.create_all(conn)  # checkfirst: only what is missing
    conn.execute(insert(schema_version).values(id=1, version=SCHEMA_VERSION))


def _migrate(conn: Connection, found: int) -> None:
    """Bring a database from an older version up to SCHEMA_VERSION, one step at a time, in this transaction."""
    steps = {1: _add_projection_token_and_publication}
    for version in range(found, SCHEMA_VERSION):
        step = steps.get(version)
        if step is None:
            raise StorageError(f"No migration from schema version {version} to {version + 1}.")
        step(conn)
    conn.execute(update(schema_version).values(version=SCHEMA_VERSION))


def _add_projection_token_and_publication(conn: Connection) -> None:
    """1 -> 2: the read-only projection link, and results published by batches.

    Existing workshops get their projection token when their dashboard is next opened. Their submitted
    responses count as published: version 1 showed them all.
    """
    conn.execute(text("ALTER TABLE workshops ADD COLUMN projection_token_hash VARCHAR(64)"))
    # The same name as create_all gives the column's unique constraint on a new database; on PostgreSQL a real
    # constraint, so that a later migration can drop it by that name on every database.
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "ALTER TABLE workshops ADD CONSTRAINT uq_workshops_projection_token_hash UNIQUE (projection_token_hash)"
            )
        )
    else:  # SQLite cannot add a constraint to an existing table; a unique index is what it would make of one
        conn.execute(
            text("CREATE UNIQUE INDEX uq_workshops_projection_token_hash ON workshops (projection_token_hash)")
        )
    timestamp = responses.c.published_at.type.compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE responses ADD COLUMN published_at {timestamp}"))
    # Version 1 showed every submitted response at once: they are all published already, in effect. Leaving
    # them out would make the next screen show fewer of them, and the difference would be somebody.
    conn.execute(
        update(responses)
        .where(responses.c.workshop_id.is_not(None), responses.c.submitted_at.is_not(None))
        .values(published_at=responses.c.submitted_at)
    )
