"""The schema code as it was before Alembic (commit b66009f), frozen, to build the databases that code left.

Tests use it to check that Alembic's revisions 0001 and 0002 give exactly what `create_all` and `_migrate`
gave, and that a database written by that code is recognised and stamped rather than recreated. Never import
it from the application.
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
    create_engine,
    insert,
    text,
    update,
)

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
VERSION_2_COLUMNS = {"projection_token_hash", "published_at"}


def legacy_metadata(version: int) -> MetaData:
    """The tables `create_all` made at schema `version` (1 or 2)."""
    metadata = MetaData(naming_convention=NAMING)
    Table(
        "schema_version",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("version", Integer, nullable=False),
        CheckConstraint("id = 1", name="single_row"),
    )
    workshop_columns = [
        Column("id", Integer, primary_key=True),
        Column("title", String(200), nullable=False),
        Column("questionnaire_id", String(100), nullable=False),
        Column("status", String(10), nullable=False),
        Column("organisations", JSON, nullable=False),
        Column("profile_fields", JSON, nullable=False),
        Column("show_results_to_participants", Boolean, nullable=False),
        Column("participant_code", String(8), nullable=False, unique=True),
        Column("facilitator_key_hash", String(64), nullable=False, unique=True),
        Column("projection_token_hash", String(64), nullable=True, unique=True),
        Column("created_at", DateTime(timezone=True), nullable=False),
    ]
    response_columns = [
        Column("id", Integer, primary_key=True),
        Column("token_hash", String(64), nullable=False, unique=True),
        Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=True, index=True),
        Column("questionnaire_id", String(100), nullable=False),
        Column("answers", JSON, nullable=False),
        Column("profile", JSON, nullable=False),
        Column("comments", JSON, nullable=False),
        Column("step", Integer, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("submitted_at", DateTime(timezone=True), nullable=True),
        Column("published_at", DateTime(timezone=True), nullable=True),
    ]
    if version == 1:
        workshop_columns = [c for c in workshop_columns if c.name not in VERSION_2_COLUMNS]
        response_columns = [c for c in response_columns if c.name not in VERSION_2_COLUMNS]
    Table("workshops", metadata, *workshop_columns, CheckConstraint("status IN ('open', 'closed')", name="status"))
    Table("responses", metadata, *response_columns)
    return metadata


def _migrate_1_to_2(conn: Connection) -> None:
    """The old `_add_projection_token_and_publication`, statement for statement."""
    conn.execute(text("ALTER TABLE workshops ADD COLUMN projection_token_hash VARCHAR(64)"))
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "ALTER TABLE workshops ADD CONSTRAINT uq_workshops_projection_token_hash UNIQUE (projection_token_hash)"
            )
        )
    else:
        conn.execute(
            text("CREATE UNIQUE INDEX uq_workshops_projection_token_hash ON workshops (projection_token_hash)")
        )
    timestamp = DateTime(timezone=True).compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE responses ADD COLUMN published_at {timestamp}"))
    responses = legacy_metadata(2).tables["responses"]
    conn.execute(
        update(responses)
        .where(responses.c.workshop_id.is_not(None), responses.c.submitted_at.is_not(None))
        .values(published_at=responses.c.submitted_at)
    )
    conn.execute(text("UPDATE schema_version SET version = 2"))


def create_legacy_database(url: str, *, version: int, migrated: bool = False) -> None:
    """An empty database as the old code left it: created at `version` by `create_all`, or (``migrated``)
    created at version 1 and brought to 2 by the old `_migrate`."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            metadata = legacy_metadata(1 if migrated else version)
            metadata.create_all(conn)
            conn.execute(insert(metadata.tables["schema_version"]).values(id=1, version=1 if migrated else version))
            if migrated:
                _migrate_1_to_2(conn)
    finally:
        engine.dispose()
