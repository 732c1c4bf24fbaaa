"""Tables: the models of the schema. Alembic's revisions (`storage.migrations`) create and change them.

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
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
)

# Explicit constraint names, so that a revision can drop or alter them by name on both engines.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# The version row of the code before Alembic, which refuses a database whose version is above its own: kept so
# that an old deployment started on a newer database leaves it alone (storage.migrations.LEGACY_FENCE).
schema_version = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)

TITLE_MAX = 200
QUESTIONNAIRE_ID_MAX = 100
DEMO_CASE_MAX = 100

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
    # Since revision 0002. Null for a workshop created before: the dashboard, which holds the key, fills it in.
    Column("projection_token_hash", String(64), nullable=True, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Since revision 0005. A demo workshop of teaching mode: the case study it was filled from, and when the purge
    # deletes it (Store.purge_expired_demos). Both null for a real workshop; a demo never lives for ever.
    Column("demo_case", String(DEMO_CASE_MAX), nullable=True),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    CheckConstraint("status IN ('open', 'closed')", name="status"),
    CheckConstraint("(demo_case IS NULL) = (expires_at IS NULL)", name="demo_expires"),
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
    # Since revision 0002. When the response entered the results shown to the room. They enter by batches (see
    # Store.publish), so that comparing two screens never isolates fewer than min_group_size people.
    Column("published_at", DateTime(timezone=True), nullable=True),
)

# Since revision 0004. A workshop's action plan (scoring.plan): one JSON document, written with the facilitator key
# and shown read-only on the projector. CASCADE is a second line of defence: delete_workshop deletes it itself.
action_plans = Table(
    "action_plans",
    metadata,
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("document", JSON, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Since revision 0006. The shared token buckets of `Store.reserve_slot` (wrong workshop codes): `free_at` is when
# the last slot taken ends, in seconds since the epoch. In the database so that every app instance shares them
# and no visitor can reset them (Streamlit's clear-cache message empties `st.cache_resource`).
brakes = Table(
    "brakes",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("free_at", Float, nullable=False),
)

# Since revision 0006. When a periodic task last ran (`Store.purge_abandoned_drafts_if_due`), for every instance.
maintenance = Table(
    "maintenance",
    metadata,
    Column("task", String(50), primary_key=True),
    Column("last_run_at", DateTime(timezone=True), nullable=False),
)
