"""The position questions' answers (issue 15: where the relationship stands today, where one wishes it), stored
with each response, never scored.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

`responses.positions` is a JSON object: ``<position id>.today`` or ``<position id>.wished`` -> a step id of the
question's list (a slug), or null for « je ne sais pas ». The application checks the step against the
questionnaire's list (scoring.answer_rules) and `Store.save_draft` again (storage.rules); the database, which
does not know the questionnaires, refuses anything that is not of that shape (null reads as none), as revision 0007
does for answers: a trigger on both engines, since a CHECK cannot look into JSON on SQLite. Existing rows get ``{}``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# storage.inputs.MAX_POSITION_KEY and the slug of storage.inputs.STEP_ID when this revision was written.
KEY_MAX = 140
STEP_MAX = 64

SQLITE_BAD_POSITIONS = f"""
    NEW.positions IS NOT NULL AND (json_type(NEW.positions) IS NOT 'object'
    OR EXISTS (
        SELECT 1 FROM json_each(NEW.positions) AS p
        WHERE NOT (
            (p.key GLOB '?*.today' OR p.key GLOB '?*.wished') AND length(p.key) <= {KEY_MAX}
            AND (
                p.type = 'null'
                OR (p.type = 'text' AND length(p.atom) BETWEEN 1 AND {STEP_MAX} AND p.atom NOT GLOB '*[^a-z0-9-]*')
            )
        )
    ))
"""
SQLITE_REFUSAL = "SELECT RAISE(ABORT, 'responses: positions must map a position''s moment to a step id or null')"

POSTGRES_FUNCTION = f"""
CREATE FUNCTION radar_check_positions() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF NEW.positions IS NOT NULL AND (json_typeof(NEW.positions) <> 'object' OR EXISTS (
        SELECT 1 FROM json_each(NEW.positions) AS p
        WHERE NOT (
            p.key ~ '^.+[.](today|wished)$' AND length(p.key) <= {KEY_MAX}
            AND (
                json_typeof(p.value) = 'null'
                OR (json_typeof(p.value) = 'string' AND (p.value #>> '{{}}') ~ '^[a-z0-9-]{{1,{STEP_MAX}}}$')
            )
        )
    )) THEN
        RAISE EXCEPTION 'responses: positions must map a position''s moment to a step id or null'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$
"""


def upgrade() -> None:
    # Adding a column is an ALTER TABLE on SQLite too (no rebuild): 0007's triggers stay in place. Nullable, as a
    # NOT NULL column needs a default on SQLite and Alembic cannot compare a JSON default on PostgreSQL: null reads
    # as no positions (a row written by code that does not know the column); existing rows get {} all the same.
    op.add_column("responses", sa.Column("positions", sa.JSON(), nullable=True))
    op.execute(sa.text("UPDATE responses SET positions = '{}'"))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.text(POSTGRES_FUNCTION))
        op.execute(
            sa.text(
                "CREATE TRIGGER tr_responses_check_positions BEFORE INSERT OR UPDATE OF positions"
                " ON responses FOR EACH ROW EXECUTE FUNCTION radar_check_positions()"
            )
        )
    else:
        for event, name in (("INSERT", "insert"), ("UPDATE OF positions", "update")):
            op.execute(
                sa.text(
                    f"CREATE TRIGGER tr_responses_check_positions_{name} BEFORE {event} ON responses"
                    f" WHEN {SQLITE_BAD_POSITIONS} BEGIN {SQLITE_REFUSAL}; END"
                )
            )


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
