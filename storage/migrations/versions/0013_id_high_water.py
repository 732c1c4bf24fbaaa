"""Workshop ids are never given twice: the highest id given is kept.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

SQLite gives a new row the highest id in its table plus one: once the newest workshop is deleted, the next one
gets its id. A phone still open on the deleted workshop then saved its answers into the new workshop (its draft
names the workshop by id), and a demo reset, which writes the workshop again, kept its id, so that a student's
earlier answers came back into the emptied demo. PostgreSQL's sequences never give an id twice; SQLite's
AUTOINCREMENT would, but only by copying the `workshops` table, which its triggers and references make fragile.
So `storage.store` takes SQLite's next workshop id from this table, which keeps the highest given.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "id_high_water",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_id_high_water")),
    )


def downgrade() -> None:
    # The app only upgrades; going back means restoring a backup (DEVELOPERS.md, « Changing the schema »).
    raise NotImplementedError("downgrades are not supported")
