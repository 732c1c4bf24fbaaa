"""SQLite: the projection token's uniqueness becomes a table constraint, as the models and PostgreSQL have it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Revision 0002 could only give SQLite a unique index (it cannot add a constraint to a table), while a database
that the code before Alembic created at version 2 got a constraint: the same revision, two schemas. The
workshops table is rebuilt (Alembic's batch mode: copy, drop, rename, with foreign keys off, see
`storage.database._upgrade_schema`) so that every SQLite database has the schema of the models. Nothing to do
on PostgreSQL, where 0002 made a constraint already.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NAME = "uq_workshops_projection_token_hash"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if NAME not in {index["name"] for index in sa.inspect(bind).get_indexes("workshops")}:
        return  # created at version 2 by create_all: the constraint is there already
    with op.batch_alter_table("workshops", recreate="always") as batch:
        batch.drop_index(NAME)
        batch.create_unique_constraint(NAME, ["projection_token_hash"])


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
