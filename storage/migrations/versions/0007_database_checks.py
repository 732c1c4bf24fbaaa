"""The database refuses by itself what storage refuses: answers off a workshop's scale, malformed records, text
over its column's size (SQLite does not enforce VARCHAR lengths).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

A workshop now keeps the scale of its questionnaire (`scale_min`, `scale_max`, `allow_na`; null for one created
before, whose answers are then only held to whole numbers from -1000 to 1000). A trigger on both engines checks
every answer of a response against the scale of its workshop, and that answers, profile and comments are JSON
objects of the right kinds, whatever the code that writes them: a tampered value that got past the application
and `Store.save_draft` still cannot be stored. CHECK constraints cannot read another table nor look into JSON,
hence triggers; what a CHECK can say (a step's range, a hash's length, a title's) is a CHECK.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# What a stored answer may be when its workshop has no scale (solo answers, workshops made before this revision):
# storage.inputs.MAX_ANSWER_ABS when this revision was written.
ANSWER_ABS = 1000

SQLITE_BAD_RESPONSE = f"""
    json_type(NEW.answers) IS NOT 'object' OR json_type(NEW.profile) IS NOT 'object'
    OR json_type(NEW.comments) IS NOT 'object'
    OR EXISTS (
        SELECT 1 FROM json_each(NEW.answers) AS a LEFT JOIN workshops AS w ON w.id = NEW.workshop_id
        WHERE NOT (
            (a.type = 'null' AND coalesce(w.allow_na, 1))
            OR (a.type = 'integer' AND a.atom BETWEEN coalesce(w.scale_min, -{ANSWER_ABS})
                AND coalesce(w.scale_max, {ANSWER_ABS}))
        )
    )
    OR EXISTS (SELECT 1 FROM json_each(NEW.profile) WHERE type IS NOT 'text')
    OR EXISTS (SELECT 1 FROM json_each(NEW.comments) WHERE type IS NOT 'text')
"""
SQLITE_REFUSAL = (
    "SELECT RAISE(ABORT, 'responses: an answer off its workshop''s scale, or malformed answers, profile or comments')"
)

POSTGRES_FUNCTION = f"""
CREATE FUNCTION radar_check_response() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    lo integer;
    hi integer;
    na boolean;
BEGIN
    IF json_typeof(NEW.answers) <> 'object' OR json_typeof(NEW.profile) <> 'object'
            OR json_typeof(NEW.comments) <> 'object' THEN
        RAISE EXCEPTION 'responses: answers, profile and comments must be JSON objects'
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT scale_min, scale_max, allow_na INTO lo, hi, na FROM workshops WHERE id = NEW.workshop_id;
    IF EXISTS (
        SELECT 1 FROM json_each(NEW.answers) AS a
        WHERE NOT (
            (json_typeof(a.value) = 'null' AND coalesce(na, true))
            OR (json_typeof(a.value) = 'number' AND a.value::text ~ '^-?[0-9]+$'
                AND a.value::text::numeric BETWEEN coalesce(lo, -{ANSWER_ABS}) AND coalesce(hi, {ANSWER_ABS}))
        )
    ) THEN
        RAISE EXCEPTION 'responses: an answer is off the scale of its workshop' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM json_each(NEW.profile) AS p WHERE json_typeof(p.value) <> 'string')
            OR EXISTS (SELECT 1 FROM json_each(NEW.comments) AS c WHERE json_typeof(c.value) <> 'string') THEN
        RAISE EXCEPTION 'responses: profile values and comments must be texts' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$
"""


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("scale_min", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("scale_max", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("allow_na", sa.Boolean(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_workshops_scale"),
            "(scale_min IS NULL AND scale_max IS NULL AND allow_na IS NULL) OR (scale_min IS NOT NULL"
            f" AND scale_max IS NOT NULL AND allow_na IS NOT NULL AND -{ANSWER_ABS} <= scale_min"
            f" AND scale_min < scale_max AND scale_max <= {ANSWER_ABS})",
        )
        batch.create_check_constraint(op.f("ck_workshops_title_length"), "length(title) BETWEEN 1 AND 200")
        batch.create_check_constraint(
            op.f("ck_workshops_secret_lengths"),
            "length(participant_code) = 8 AND length(facilitator_key_hash) = 64"
            " AND (projection_token_hash IS NULL OR length(projection_token_hash) = 64)",
        )
    with op.batch_alter_table("responses") as batch:
        batch.create_check_constraint(op.f("ck_responses_step"), "step BETWEEN 0 AND 10000")
        batch.create_check_constraint(
            op.f("ck_responses_token_hash_length"), "length(token_hash) = 64 AND length(questionnaire_id) <= 100"
        )
        batch.create_check_constraint(
            op.f("ck_responses_published_after_submitted"), "published_at IS NULL OR submitted_at IS NOT NULL"
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.text(POSTGRES_FUNCTION))
        op.execute(
            sa.text(
                "CREATE TRIGGER tr_responses_check BEFORE INSERT OR UPDATE OF answers, profile, comments, workshop_id"
                " ON responses FOR EACH ROW EXECUTE FUNCTION radar_check_response()"
            )
        )
    else:
        op.execute(
            sa.text(
                f"CREATE TRIGGER tr_responses_check_insert BEFORE INSERT ON responses"
                f" WHEN {SQLITE_BAD_RESPONSE} BEGIN {SQLITE_REFUSAL}; END"
            )
        )
        op.execute(
            sa.text(
                f"CREATE TRIGGER tr_responses_check_update BEFORE UPDATE OF answers, profile, comments, workshop_id"
                f" ON responses WHEN {SQLITE_BAD_RESPONSE} BEGIN {SQLITE_REFUSAL}; END"
            )
        )


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
