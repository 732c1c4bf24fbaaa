"""Every storage test runs twice: on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL is reached through ``RADAR_TEST_POSTGRES_URL`` (``eval "$(scripts/start-postgres.sh)"`` starts a
local server and sets it). Each PostgreSQL test gets a schema of its own, created before the test and dropped
after it, so no test sees another's rows and a crashed test leaves nothing behind for the next one.

Without the variable the PostgreSQL cases are skipped with the reason, except where skipping would hide a
gap: with ``CI=true`` or ``RADAR_REQUIRE_POSTGRES=1`` they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import OperationalError
from storage_private_postgres import PrivateCluster, server_binaries

from storage import Store
from storage.config import database_url
from storage.database import dispose_database

POSTGRES_ENV = "RADAR_TEST_POSTGRES_URL"
HOW_TO_START = (
    'start one with:  eval "$(scripts/start-postgres.sh)"   (Debian/Ubuntu, as root or with sudo), '
    f"or point {POSTGRES_ENV} at a database you own, e.g. postgresql+psycopg://user:pw@host:5432/db"
)


def _postgres_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("RADAR_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An engine on the database of RADAR_TEST_POSTGRES_URL, used to create and drop per-test schemas."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        if _postgres_required():
            pytest.fail(
                f"{POSTGRES_ENV} is not set, and PostgreSQL tests are required here "
                f"(CI=true or RADAR_REQUIRE_POSTGRES=1); {HOW_TO_START}",
                pytrace=False,
            )
        pytest.skip(f"PostgreSQL tests skipped: {POSTGRES_ENV} is not set; {HOW_TO_START}")
    engine = create_engine(database_url(url))
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        # The variable is set, so PostgreSQL was wanted: an unreachable server is an error, never a skip.
        pytest.fail(f"{POSTGRES_ENV} is set but PostgreSQL is unreachable: {exc.orig}\n{HOW_TO_START}", pytrace=False)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """A URL whose connections work in a brand-new, empty schema (through the search_path)."""
    schema = f"radar_test_{uuid.uuid4().hex[:16]}"
    with postgres_admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = postgres_admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    url_text = url.render_as_string(hide_password=False)
    try:
        yield url_text
    finally:
        dispose_database(url_text)  # close the pool first, or DROP waits for its idle connections' locks
        with postgres_admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgresql":
        yield request.getfixturevalue("postgres_url")
        return
    url = f"sqlite:///{tmp_path / 'radar.sqlite3'}"
    try:
        yield url
    finally:
        dispose_database(url)


@pytest.fixture
def private_postgres() -> Iterator[PrivateCluster]:
    """A PostgreSQL server of this test's own, started, that it may stop and start (storage_private_postgres)."""
    binaries = server_binaries()
    if binaries is None:
        message = f"no PostgreSQL server binaries (initdb, pg_ctl) found; {HOW_TO_START}"
        if _postgres_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    cluster = PrivateCluster(binaries)
    try:
        cluster.start()
        yield cluster
    finally:
        dispose_database(database_url(cluster.url))
        cluster.remove()


@pytest.fixture
def new_db_url(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory of further empty databases on the engine of `db_url` (a file, or a schema, each)."""
    made: list[str] = []
    is_postgres = make_url(db_url).get_backend_name() == "postgresql"
    admin = request.getfixturevalue("postgres_admin") if is_postgres else None

    def new() -> str:
        if admin is None:
            url = f"sqlite:///{tmp_path / f'radar-{len(made)}.sqlite3'}"
        else:
            schema = f"radar_test_{uuid.uuid4().hex[:16]}"
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
                hide_password=False
            )
        made.append(url)
        return url

    yield new
    for url in made:
        dispose_database(url)
        if admin is not None:
            schema = make_url(url).query["options"].removeprefix("-csearch_path=")
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def count_rows(db_url: str) -> Iterator[Callable[..., int]]:
    """count_rows("responses", workshop_id=3): counted with plain SQL on a separate engine, not the Store."""
    engine = create_engine(db_url)

    def count(table: str, **where: object) -> int:
        clauses = " AND ".join(f"{column} = :{column}" for column in where) or "1 = 1"
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {clauses}"), where).scalar_one())

    yield count
    engine.dispose()


@pytest.fixture
def workshop_args() -> dict[str, object]:
    return {
        "title": "Atelier CA · partenariat « Loire »",
        "questionnaire_id": "sante-partenariat",
        "organisations": ["Association A", "Fondation B"],
        "profile_fields": ["organisation", "role"],
        "show_results_to_participants": False,
    }
