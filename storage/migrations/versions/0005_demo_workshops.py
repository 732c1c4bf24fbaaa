"""Demo workshops of teaching mode: the case study a workshop was filled from, and when it expires.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Two nullable columns on ``workshops``; existing workshops are real ones, so both stay null. The check that a
demo always has an expiry (and a real workshop never) is a table constraint: on SQLite the table is rebuilt
(batch mode: copy, drop, rename), as 0003 did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("demo_case", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint(op.f("ck_workshops_demo_expires"), "(demo_case IS NULL) = (expires_at IS NULL)")


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
