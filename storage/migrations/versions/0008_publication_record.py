"""The publication record of scoring.privacy: admissions, figure versions, a counter per workshop.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

Responses published under schema 2 (``published_at`` set) are admitted at round 0, the carry-over: the planner
then takes the figures the screens of the time showed over them as baselines, so that the next screen cannot
differ from the last one by fewer than min_group_size people, and records them at the first publication round
(`scoring.privacy.plan`). Storage stores no figure itself: it never scores.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figure_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("scope_field", sa.String(length=200), nullable=False),
        sa.Column("scope_value", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("target", sa.String(length=100), nullable=False),
        sa.Column("contributors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_figure_versions_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figure_versions")),
    )
    with op.batch_alter_table("figure_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figure_versions_workshop_id"), ["workshop_id"], unique=False)

    op.create_table(
        "publication_counters",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_publication_counters_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_publication_counters")),
    )
    op.create_table(
        "admissions",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"], ["responses.id"], name=op.f("fk_admissions_response_id_responses"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_admissions_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_admissions")),
    )
    with op.batch_alter_table("admissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admissions_workshop_id"), ["workshop_id"], unique=False)

    # Written out rather than imported from the models: this revision must keep doing what it does today.
    responses = sa.table(
        "responses",
        sa.column("id", sa.Integer()),
        sa.column("workshop_id", sa.Integer()),
        sa.column("submitted_at", sa.DateTime(timezone=True)),
        sa.column("published_at", sa.DateTime(timezone=True)),
    )
    admissions = sa.table(
        "admissions",
        sa.column("response_id", sa.Integer()),
        sa.column("workshop_id", sa.Integer()),
        sa.column("round", sa.Integer()),
    )
    published = sa.select(responses.c.id, responses.c.workshop_id, sa.literal(0)).where(
        responses.c.workshop_id.is_not(None),
        responses.c.submitted_at.is_not(None),
        responses.c.published_at.is_not(None),
    )
    op.execute(admissions.insert().from_select(["response_id", "workshop_id", "round"], published))


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
