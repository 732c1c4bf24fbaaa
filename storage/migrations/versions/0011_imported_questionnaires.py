"""Imported questionnaires: the validated YAML of a questionnaire a facilitator uploaded (issue 17).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

Named by the workshops that use it (their questionnaire_id is its reference, from the text's SHA-256), written with
the first of them and deleted with the last (storage/imported.py). Text only: never a file on the server, never run.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imported_questionnaires",
        sa.Column("reference", sa.String(length=41), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "length(reference) = 41 AND reference LIKE 'imported-%'", name=op.f("ck_imported_questionnaires_reference")
        ),
        sa.CheckConstraint(
            "length(questionnaire_id) BETWEEN 1 AND 100 AND length(version) BETWEEN 1 AND 100"
            " AND length(source) BETWEEN 1 AND 1048576",
            name=op.f("ck_imported_questionnaires_lengths"),
        ),
        sa.PrimaryKeyConstraint("reference", name=op.f("pk_imported_questionnaires")),
    )


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
