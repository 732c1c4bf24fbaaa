"""Alembic's environment: how revisions reach a database.

Always on a connection handed over in ``config.attributes["connection"]``: the app's own, inside the transaction
that holds the schema lock (`storage.migrations.upgrade_to_head`), or a scratch database's for
``python -m storage.migrations revision|check``. Alembic's own command line is not set up (no alembic.ini): the
upgrade of a real database must go through the app's path, which recognises databases made before Alembic.
"""

from __future__ import annotations

from alembic import context

from storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("storage/migrations runs on a given connection: use python -m storage.migrations")
context.configure(
    connection=connection,
    target_metadata=metadata,
    compare_type=True,
    compare_server_default=True,
    # SQLite alters a table by copying it (« batch » mode); on PostgreSQL the same code emits plain ALTERs.
    render_as_batch=True,
)
with context.begin_transaction():  # a no-op inside the caller's transaction
    context.run_migrations()
