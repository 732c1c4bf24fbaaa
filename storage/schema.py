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
    Text,
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
VERSION_MAX = 100
# An imported questionnaire's YAML: the loader refuses a questionnaire file over 1 MiB (scoring.loader.MAX_BYTES).
IMPORTED_SOURCE_MAX = 1024 * 1024
IMPORTED_REFERENCE_LENGTH = 41  # "imported-" and 32 hex digits (views.ImportedQuestionnaire.reference)

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
    # Since revision 0007: the scale of the questionnaire, which every stored answer of the workshop must be on
    # (the trigger of 0007). Null for a workshop created before, whose answers are held to whole numbers only.
    Column("scale_min", Integer, nullable=True),
    Column("scale_max", Integer, nullable=True),
    Column("allow_na", Boolean, nullable=True),
    CheckConstraint(
        "(scale_min IS NULL AND scale_max IS NULL AND allow_na IS NULL) OR (scale_min IS NOT NULL"
        " AND scale_max IS NOT NULL AND allow_na IS NOT NULL AND -1000 <= scale_min"
        " AND scale_min < scale_max AND scale_max <= 1000)",
        name="scale",
    ),
    # SQLite does not enforce VARCHAR lengths: these CHECKs do, on both engines.
    CheckConstraint("length(title) BETWEEN 1 AND 200", name="title_length"),
    CheckConstraint(
        "length(participant_code) = 8 AND length(facilitator_key_hash) = 64"
        " AND (projection_token_hash IS NULL OR length(projection_token_hash) = 64)",
        name="secret_lengths",
    ),
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
    # Since revision 0009: the position questions' answers (``relation.today`` -> a step id, or null for « je ne
    # sais pas »), never scored; the revision's triggers refuse anything but a JSON object of step ids. Null (a row
    # written by code that does not know the column) reads as no positions.
    Column("positions", JSON, nullable=True),
    Column("step", Integer, nullable=False),
    # Kept so that abandoned solo drafts can be purged after a retention period.
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    # Since revision 0002. When the response entered the results shown to the room under schema 2's rule; since
    # revision 0008 the publication record (admissions, figure versions, below) says it, and revision 0008
    # carried these over as admissions of round 0. No longer written.
    Column("published_at", DateTime(timezone=True), nullable=True),
    CheckConstraint("step BETWEEN 0 AND 10000", name="step"),
    CheckConstraint("length(token_hash) = 64 AND length(questionnaire_id) <= 100", name="token_hash_length"),
    CheckConstraint("published_at IS NULL OR submitted_at IS NOT NULL", name="published_after_submitted"),
    # Not visible here, as SQLAlchemy has no model for them: the triggers of revision 0007 (tr_responses_check*)
    # refuse an answer off its workshop's scale (or not a whole number), and answers, profile or comments that
    # are not JSON objects of the right kinds. SQLite drops a table's triggers when Alembic's batch mode rebuilds
    # it: a revision that rebuilds `responses` must create them again
    # (test_storage_checks.py::test_the_response_triggers_are_in_place fails otherwise).
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

# The highest id each table has given (storage.store._next_workshop_id): SQLite gives a deleted row's id again to the
# next row when it was the newest, so a phone still open on a deleted workshop saved its answers into the next
# workshop created, and a demo reset kept its id, so a student's old answers came back into the emptied demo.
id_high_water = Table(
    "id_high_water",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", Integer, nullable=False),
)

# ---- the publication record (storage/publication.py): append-only, written only as scoring.privacy planned it ----

SCOPE_MAX = 200  # a profile field id or value (storage.inputs.MAX_NAME)
FIGURE_ID_MAX = 100

# One row per workshop that has published: the number of rounds recorded, the compare-and-set token of
# Store.record_publication (two app instances planning at once: only one round is written, the other replans).
publication_counters = Table(
    "publication_counters",
    metadata,
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("counter", Integer, nullable=False),
)

# The responses that count in the shown results, each with the round that let it in (0: carried over from
# schema 2's published_at). A response is admitted once, for ever.
admissions = Table(
    "admissions",
    metadata,
    Column("response_id", Integer, ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("round", Integer, nullable=False),
)

# Every version of every figure shown: (scope, kind, id) and the exact responses it is computed from.
figure_versions = Table(
    "figure_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("round", Integer, nullable=False),
    Column("scope_field", String(SCOPE_MAX), nullable=False),  # "" for everyone
    Column("scope_value", String(SCOPE_MAX), nullable=False),
    Column("kind", String(FIGURE_ID_MAX), nullable=False),
    Column("target", String(FIGURE_ID_MAX), nullable=False),
    Column("contributors", JSON, nullable=False),  # response ids, ascending
)

# Since revision 0010. A workshop's baseline (step 11): the earlier workshop of the same questionnaire its results
# are compared with, named by its facilitator at creation. At most one per workshop; deleting either workshop
# deletes the link (delete_workshop does it itself, CASCADE is a second line of defence).
baselines = Table(
    "baselines",
    metadata,
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("baseline_workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    CheckConstraint("workshop_id <> baseline_workshop_id", name="not_itself"),
)

# Since revision 0011. A questionnaire a facilitator imported (issue 17, storage/imported.py): its validated YAML
# as text, never a file on the server, never run. Named by the workshops that use it through their
# questionnaire_id (= reference, from the text's SHA-256); written with the first of them, deleted with the last
# (delete_workshop does it in its transaction). No foreign key: a workshop names a shipped questionnaire the same way.
imported_questionnaires = Table(
    "imported_questionnaires",
    metadata,
    Column("reference", String(IMPORTED_REFERENCE_LENGTH), primary_key=True),
    Column("questionnaire_id", String(QUESTIONNAIRE_ID_MAX), nullable=False),  # the author's id
    Column("version", String(VERSION_MAX), nullable=False),  # the author's version
    Column("source", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("length(reference) = 41 AND reference LIKE 'imported-%'", name="reference"),
    CheckConstraint(
        "length(questionnaire_id) BETWEEN 1 AND 100 AND length(version) BETWEEN 1 AND 100"
        " AND length(source) BETWEEN 1 AND 1048576",
        name="lengths",
    ),
)

# Since revision 0012. A workshop's baseline given as an earlier response file (step 11): only its published
# aggregate is kept (the figures the privacy rule shows of the file's people, as the app's JSON of a shared
# report), never the file nor a row of it. At most one per workshop, deleted with it.
baseline_files = Table(
    "baseline_files",
    metadata,
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), nullable=False),  # the file's name, as the screens name the earlier wave
    Column("questionnaire_version", String(50), nullable=False),  # the questionnaire the file was read against
    Column("people", Integer, nullable=False),  # responses counted in the aggregate
    Column("report", JSON, nullable=False),  # the shared report's JSON (figures only)
    Column("created_at", DateTime(timezone=True), nullable=False),
)
