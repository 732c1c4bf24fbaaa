"""Which database to use: `RADAR_DATABASE_URL`, else a SQLite file in the data folder.

Read when a `Store` is created, not at import, so that tests and scripts can set the environment first.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATABASE_URL = "RADAR_DATABASE_URL"
ENV_DATA_DIR = "RADAR_DATA_DIR"
DEFAULT_DB_FILENAME = "radar.sqlite3"
REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """`RADAR_DATA_DIR` if set, else ``data/`` at the top of the repository (git-ignored)."""
    configured = os.environ.get(ENV_DATA_DIR, "").strip()
    return Path(configured).expanduser().resolve() if configured else REPO_ROOT / "data"


def database_url(url: str | None = None) -> str:
    """The URL to connect to: the argument, else `RADAR_DATABASE_URL`, else the default SQLite file.

    The folder of the default file is created later, when the engine is created, not here.
    """
    if url is None:
        url = os.environ.get(ENV_DATABASE_URL, "").strip() or None
    if url is None:
        return f"sqlite:///{data_dir() / DEFAULT_DB_FILENAME}"
    return _with_psycopg_driver(url)


def _with_psycopg_driver(url: str) -> str:
    """Hosting platforms hand out ``postgres://`` or ``postgresql://`` URLs; SQLAlchemy would then pick
    psycopg2, which is not installed. Only psycopg 3 is a dependency, so name it explicitly."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
