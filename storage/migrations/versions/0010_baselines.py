"""Baselines: a workshop's earlier workshop of the same questionnaire, to compare its results with.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

Step 11 of the scoring method between two workshops (issue 14): the link only, one per workshop, deleted with
either workshop. Nothing in it identifies a participant.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "baselines",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("baseline_workshop_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("workshop_id <> baseline_workshop_id", name=op.f("ck_baselines_not_itself")),
        sa.ForeignKeyConstraint(
            ["baseline_workshop_id"],
            ["workshops.id"],
            name=op.f("fk_baselines_baseline_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_baselines_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_baselines")),
    )
    with op.batch_alter_table("baselines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_baselines_baseline_workshop_id"), ["baseline_workshop_id"], unique=False)


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
