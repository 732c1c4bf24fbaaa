"""The brakes and the maintenance schedule, in the database.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

`brakes` holds the shared token buckets of `Store.reserve_slot` (lookups of workshop codes), `maintenance` when a
periodic task last ran (`Store.purge_abandoned_drafts_if_due`): both in the database, so that every app instance
shares them and no visitor can reset them (Streamlit's clear-cache message, which any client can send, empties
`st.cache_resource`, where both lived before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brakes",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("free_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_brakes")),
    )
    op.create_table(
        "maintenance",
        sa.Column("task", sa.String(length=50), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("task", name=op.f("pk_maintenance")),
    )


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
