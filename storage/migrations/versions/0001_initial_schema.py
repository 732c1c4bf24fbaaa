"""Schema 1: workshops, respondents' drafts and responses, and the version row of the code before Alembic.

Revision ID: 0001
Revises:
Create Date: 2026-12-01

Written out in full rather than from `storage.schema`, so that it stays what it was when the models change.
It creates exactly what `metadata.create_all` created at schema version 1 (same names, same constraints), so
that a database made by that code, stamped 0001, and a new one brought to 0001 are the same.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema_version = op.create_table(
        "schema_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schema_version")),
        sa.CheckConstraint("id = 1", name=op.f("ck_schema_version_single_row")),
    )
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("organisations", sa.JSON(), nullable=False),
        sa.Column("profile_fields", sa.JSON(), nullable=False),
        sa.Column("show_results_to_participants", sa.Boolean(), nullable=False),
        sa.Column("participant_code", sa.String(length=8), nullable=False),
        sa.Column("facilitator_key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_workshops_status")),
        sa.UniqueConstraint("participant_code", name=op.f("uq_workshops_participant_code")),
        sa.UniqueConstraint("facilitator_key_hash", name=op.f("uq_workshops_facilitator_key_hash")),
    )
    op.create_table(
        "responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("questionnaire_id", sa.String(length=100), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("comments", sa.JSON(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responses")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_responses_token_hash")),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_responses_workshop_id_workshops"), ondelete="CASCADE"
        ),
    )
    op.create_index(op.f("ix_responses_workshop_id"), "responses", ["workshop_id"], unique=False)
    # The code before Alembic read this row to refuse a database from a newer version; it stays for that code
    # (see storage.migrations.LEGACY_FENCE).
    op.bulk_insert(schema_version, [{"id": 1, "version": 1}])


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
