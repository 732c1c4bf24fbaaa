"""Schema 2: the read-only projection link, and results published by batches.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

The step the code before Alembic made from version 1 to 2, statement for statement. Existing workshops get
their projection token when their dashboard is next opened. Their submitted responses count as published:
version 1 showed them all, and leaving them out would make the next screen show fewer of them, and the
difference would be somebody.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workshops", sa.Column("projection_token_hash", sa.String(length=64), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # A real constraint, under the name create_all gives it, so that a later revision can drop it by name.
        op.create_unique_constraint(op.f("uq_workshops_projection_token_hash"), "workshops", ["projection_token_hash"])
    else:
        # SQLite cannot add a constraint to an existing table; a unique index is what it would make of one.
        op.create_index(op.f("uq_workshops_projection_token_hash"), "workshops", ["projection_token_hash"], unique=True)
    op.add_column("responses", sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
    responses = sa.table(
        "responses",
        sa.column("workshop_id", sa.Integer()),
        sa.column("submitted_at", sa.DateTime(timezone=True)),
        sa.column("published_at", sa.DateTime(timezone=True)),
    )
    op.execute(
        responses.update()
        .where(responses.c.workshop_id.is_not(None), responses.c.submitted_at.is_not(None))
        .values(published_at=responses.c.submitted_at)
    )
    op.execute(sa.text("UPDATE schema_version SET version = 2"))


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
