"""Helpers for whoever changes the schema (DEVELOPERS.md, « Changing the schema »).

    python -m storage.migrations revision -m "what changes" [--autogenerate]
    python -m storage.migrations check       # do the revisions give the models? (exit 1 and the differences if not)
    python -m storage.migrations history

`revision` and `check` work on a scratch SQLite database brought to the newest revision, never on yours. A new
revision gets the next number as its id (0004 after 0003), so that two engineers adding one at the same time
collide visibly on rebase instead of forking the chain.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine

from ..schema import metadata
from . import alembic_config, head, upgrade_to_head


@contextmanager
def _scratch_database() -> Iterator[Connection]:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'scratch.sqlite3'}")
        try:
            with engine.begin() as conn:
                upgrade_to_head(conn)
                yield conn
        finally:
            engine.dispose()


def differences(conn: Connection) -> list[object]:
    """What Alembic's autogenerate finds between the database on `conn` and the models (empty: none)."""
    context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
    return list(compare_metadata(context, metadata))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storage.migrations", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("revision", help="write a new revision file in storage/migrations/versions/")
    new.add_argument("-m", "--message", required=True)
    new.add_argument("--autogenerate", action="store_true", help="fill it from the differences with the models")
    commands.add_parser("check", help="compare the newest revision with the models")
    commands.add_parser("history", help="list the revisions")
    args = parser.parse_args(argv)

    if args.command == "revision":
        rev_id = f"{int(head()) + 1:04d}"
        with _scratch_database() as conn:
            command.revision(alembic_config(conn), message=args.message, autogenerate=args.autogenerate, rev_id=rev_id)
        return 0
    if args.command == "check":
        with _scratch_database() as conn:
            found = differences(conn)
        for difference in found:
            print(difference)
        print(f"revision {head()}: " + ("differs from the models" if found else "matches the models"))
        return 1 if found else 0
    command.history(alembic_config())
    return 0


if __name__ == "__main__":
    sys.exit(main())
