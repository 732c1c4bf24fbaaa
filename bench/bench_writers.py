"""Benchmark: 200 participants writing at once, through `Store` and through the bare driver doing the same upserts.

    python bench/bench_writers.py [--participants 200] [--drafts 10] [--rounds 3] [--url POSTGRES_URL]

Each participant is a thread with its own respondent token: it saves a draft after each answer (as the page does
on every tap, with the answer rules of the page), then submits. All start together at a barrier, with no pause
between saves: a worst case, since people take seconds per statement.

The baseline is the bare driver (``sqlite3``, or ``psycopg`` with a pool of as many connections as the Store's
pool allows, 5 + 10) running the *same* SQL on the *same* schema (tables, constraints and triggers, made by the
Store's migrations): `save_draft`'s one upsert statement and `submit`'s one update, compiled from storage's own
statements, with the values serialised by hand. So the ratio is the cost of everything the app adds around
the SQL (checks, SQLAlchemy, its pool and pre-ping, retries, the writers' lock on SQLite). On SQLite two
baselines run: each thread on its own connection waiting in SQLite's busy handler (what plain sqlite3 does),
and the same behind one lock (what the Store does); the ratio is given to each.

Runs interleave (Store, baseline(s), Store, ...) on a fresh database each: a temporary SQLite file, or with --url a
schema of its own in that PostgreSQL database (dropped after). Prints a Markdown table of medians over rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# A plain script run as `python bench/bench_writers.py`: Python puts bench/, not the repository, on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage import AnswerRules, Store
from storage.codes import hash_secret
from storage.database import dispose_database

ITEMS = [f"item-{n}" for n in range(12)]
RULES = AnswerRules(
    scale_min=1,
    scale_max=5,
    allow_na=True,
    item_ids=frozenset(ITEMS),
    profile_options={"organisation": frozenset({"A", "B"})},
    max_comment=2000,
    comment_keys=None,
)
# SQLAlchemy's pool for PostgreSQL in storage/database.py: pool_size=5, max_overflow=10.
POSTGRES_POOL = 15

Timings = dict[str, list[float]]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def draft_of(participant: int, step: int) -> tuple[dict[str, int | None], dict[str, str], dict[str, str]]:
    """What participant `participant` has answered after `step + 1` taps: answers, profile, comments."""
    answers: dict[str, int | None] = {
        ITEMS[s % len(ITEMS)]: None if (participant + s) % 7 == 0 else 1 + (participant + s) % 5
        for s in range(step + 1)
    }
    comments = {"item-0": "Un commentaire assez court."} if step else {}
    return answers, {"organisation": "A" if participant % 2 else "B"}, comments


def drive(
    participants: int,
    drafts: int,
    save: Callable[[int, int], None],
    submit: Callable[[int], None],
    prepare: Callable[[], None] = lambda: None,
) -> Timings:
    """Every participant in its own thread, all released at once: `drafts` saves then a submit each, timed.
    `prepare` runs in each thread before the start (to open the thread's own connection)."""
    start = threading.Barrier(participants)
    lock = threading.Lock()
    timings: Timings = {"save_draft": [], "submit": []}

    def participant(i: int) -> None:
        local: Timings = {"save_draft": [], "submit": []}
        prepare()
        start.wait()
        for step in range(drafts):
            t0 = time.perf_counter()
            save(i, step)
            local["save_draft"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        submit(i)
        local["submit"].append(time.perf_counter() - t0)
        with lock:
            for name, values in local.items():
                timings[name].extend(values)

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=participants) as pool:
        list(pool.map(participant, range(participants)))  # list(): re-raise any thread's exception
    timings["wall"] = [time.perf_counter() - wall]
    return timings


def new_workshop(store: Store) -> tuple[int, str]:
    created = store.create_workshop(
        title="Benchmark",
        questionnaire_id="bench",
        organisations=["A", "B"],
        profile_fields=["organisation"],
        show_results_to_participants=False,
    )
    return created.workshop_id, created.facilitator_key


def check_counts(store: Store, workshop_id: int, participants: int) -> None:
    joined, submitted = store.workshop_counts(workshop_id)
    if (joined, submitted) != (participants, participants):
        raise AssertionError(f"lost answers: joined={joined} submitted={submitted}, expected {participants}")


# ----- through the Store ---------------------------------------------------------------------------------------


def run_store(url: str, participants: int, drafts: int) -> Timings:
    store = Store(url)
    workshop_id, _key = new_workshop(store)
    tokens = [store.new_respondent_token() for _ in range(participants)]
    # Fill the pool first, as on a server that has been running: the first connections are not what is measured.
    with ThreadPoolExecutor(max_workers=POSTGRES_POOL) as pool:
        list(pool.map(store.load_draft, tokens[:POSTGRES_POOL]))

    def save(i: int, step: int) -> None:
        answers, profile, comments = draft_of(i, step)
        store.save_draft(
            tokens[i],
            questionnaire_id="bench",
            workshop_id=workshop_id,
            answers=answers,
            profile=profile,
            comments=comments,
            step=step,
            rules=RULES,
        )

    def submit(i: int) -> None:
        if not store.submit(tokens[i]):
            raise AssertionError("a first submit returned False")

    timings = drive(participants, drafts, save, submit)
    check_counts(store, workshop_id, participants)
    store.close()
    return timings


# ----- the same SQL through the bare driver --------------------------------------------------------------------


Statement = tuple[str, dict[str, Any]]  # SQL with named parameters, and the constants bound in it


def statements(dialect_name: str) -> tuple[Statement, Statement]:
    """`save_draft`'s upsert and `submit`'s update, as storage builds them, compiled for the bare driver
    (named parameters: ``:name`` for sqlite3, ``%(name)s`` for psycopg), with the constants they bind."""
    from sqlalchemy import bindparam, exists, or_, update
    from sqlalchemy.dialects import postgresql, sqlite

    from storage.schema import responses, workshops
    from storage.store import _draft_upsert

    dialect = sqlite.dialect(paramstyle="named") if dialect_name == "sqlite" else postgresql.psycopg.dialect()
    upsert = _draft_upsert(dialect_name)
    # As storage/store.py's _submit: one conditional UPDATE.
    submit = (
        update(responses)
        .where(
            responses.c.token_hash == bindparam("token_hash"),
            responses.c.submitted_at.is_(None),
            or_(
                responses.c.workshop_id.is_(None),
                exists().where(workshops.c.id == responses.c.workshop_id, workshops.c.status == "open"),
            ),
        )
        .values(submitted_at=bindparam("now"), updated_at=bindparam("now"))
    )
    compiled = [statement.compile(dialect=dialect) for statement in (upsert, submit)]
    return tuple((str(c), {k: v for k, v in c.params.items() if v is not None}) for c in compiled)  # type: ignore[return-value]


def row_of(token_hash: str, workshop_id: int, i: int, step: int, now: Any) -> dict[str, Any]:
    answers, profile, comments = draft_of(i, step)
    return {
        "token_hash": token_hash,
        "workshop_id": workshop_id,
        "questionnaire_id": "bench",
        "answers": json.dumps(answers),
        "profile": json.dumps(profile),
        "comments": json.dumps(comments),
        "step": step,
        "updated_at": now,
    }


def sqlite_now() -> str:
    # How SQLAlchemy stores a DateTime in SQLite.
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def run_sqlite3(url: str, participants: int, drafts: int, *, one_lock: bool) -> Timings:
    store = Store(url)  # the schema, made by the migrations, and the workshop
    workshop_id, _key = new_workshop(store)
    store.close()
    dispose_database(url)
    path = url.removeprefix("sqlite:///")
    upsert, submit_sql = statements("sqlite")
    hashes = [hash_secret(uuid.uuid4().hex) for _ in range(participants)]
    lock = threading.Lock() if one_lock else None
    local = threading.local()
    counted, retries = threading.Lock(), []

    def connection() -> sqlite3.Connection:  # one per thread
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            local.conn = conn
        return conn

    def write(statement: Statement, values: dict[str, Any]) -> int:
        """One transaction; tried again (and counted) when SQLite gives up with « database is locked » after
        its busy timeout, as the Store does."""
        sql, params = statement[0], {**statement[1], **values}
        conn = connection()
        while True:
            try:
                with lock or _nothing():
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        cursor = conn.execute(sql, params)
                        rows = len(cursor.fetchall()) if "RETURNING" in sql else cursor.rowcount
                    except BaseException:
                        conn.execute("ROLLBACK")
                        raise
                    conn.execute("COMMIT")
                    return rows
            except sqlite3.OperationalError as error:
                if "locked" not in str(error):
                    raise
                with counted:
                    retries.append(1)

    def save(i: int, step: int) -> None:
        if write(upsert, row_of(hashes[i], workshop_id, i, step, sqlite_now())) != 1:
            raise AssertionError("the upsert wrote nothing")

    def submit(i: int) -> None:
        if write(submit_sql, {"token_hash": hashes[i], "now": sqlite_now()}) != 1:
            raise AssertionError("a first submit changed nothing")

    # Each thread opens its connection before the start, as a pool would hold them.
    timings = drive(participants, drafts, save, submit, prepare=connection)
    timings["locked"] = [float(len(retries))]
    store = Store(url)
    check_counts(store, workshop_id, participants)
    store.close()
    return timings


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def run_psycopg(url: str, participants: int, drafts: int) -> Timings:
    import psycopg
    from sqlalchemy import make_url

    store = Store(url)
    workshop_id, _key = new_workshop(store)
    store.close()
    dispose_database(url)
    parsed = make_url(url)
    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    upsert, submit_sql = statements("postgresql")
    hashes = [hash_secret(uuid.uuid4().hex) for _ in range(participants)]
    connections: queue.Queue[psycopg.Connection] = queue.Queue()
    for _ in range(POSTGRES_POOL):
        connections.put(psycopg.connect(conninfo))

    def write(statement: Statement, values: dict[str, Any]) -> int:
        sql, params = statement[0], {**statement[1], **values}
        conn = connections.get()
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                rows = len(cursor.fetchall()) if "RETURNING" in sql else cursor.rowcount
            conn.commit()
            return rows
        except BaseException:
            conn.rollback()
            raise
        finally:
            connections.put(conn)

    def save(i: int, step: int) -> None:
        if write(upsert, row_of(hashes[i], workshop_id, i, step, datetime.now(UTC))) != 1:
            raise AssertionError("the upsert wrote nothing")

    def submit(i: int) -> None:
        if write(submit_sql, {"token_hash": hashes[i], "now": datetime.now(UTC)}) != 1:
            raise AssertionError("a first submit changed nothing")

    timings = drive(participants, drafts, save, submit)
    while not connections.empty():
        connections.get().close()
    store = Store(url)
    check_counts(store, workshop_id, participants)
    store.close()
    return timings


# ----- databases, rounds, report -------------------------------------------------------------------------------


@contextmanager
def fresh_database(postgres_url: str | None) -> Iterator[str]:
    """A new empty database for one run: a temporary SQLite file, or a schema of its own in PostgreSQL."""
    if postgres_url is None:
        with tempfile.TemporaryDirectory(prefix="radar-bench-") as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            try:
                yield url
            finally:
                dispose_database(url)
        return
    from sqlalchemy import create_engine, text

    from storage.config import database_url

    admin = create_engine(database_url(postgres_url))
    schema = f"radar_bench_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        dispose_database(url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def summary(timings: Timings) -> dict[str, float]:
    figures = {"wall_s": timings["wall"][0], "locked": timings.get("locked", [0.0])[0]}
    for name in ("save_draft", "submit"):
        ms = [v * 1000 for v in timings[name]]
        figures[f"{name}_p50"] = statistics.median(ms)
        figures[f"{name}_p95"] = percentile(ms, 95)
        figures[f"{name}_p99"] = percentile(ms, 99)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--drafts", type=int, default=10, help="draft saves per participant before submitting")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (Store, then the baselines)")
    parser.add_argument("--url", help="a PostgreSQL database (default: temporary SQLite files)")
    parser.add_argument("--json", type=Path, help="also write every round's figures there")
    args = parser.parse_args()

    if args.url:
        runs: dict[str, Callable[[str], Timings]] = {
            "Store": lambda url: run_store(url, args.participants, args.drafts),
            "psycopg": lambda url: run_psycopg(url, args.participants, args.drafts),
        }
        backend = "PostgreSQL"
    else:
        runs = {
            "Store": lambda url: run_store(url, args.participants, args.drafts),
            "sqlite3": lambda url: run_sqlite3(url, args.participants, args.drafts, one_lock=False),
            "sqlite3 + one lock": lambda url: run_sqlite3(url, args.participants, args.drafts, one_lock=True),
        }
        backend = f"SQLite {sqlite3.sqlite_version} (temporary file, WAL)"
    rounds: dict[str, list[Timings]] = {name: [] for name in runs}
    loads = []
    for _ in range(args.rounds):
        loads.append(os.getloadavg()[0])
        for name, run in runs.items():
            with fresh_database(args.url) as url:
                rounds[name].append(run(url))
    per_round = {name: [summary(timings) for timings in results] for name, results in rounds.items()}
    figures = {
        name: {key: statistics.median(one[key] for one in results) for key in results[0]}
        for name, results in per_round.items()
    }

    print(
        f"{args.participants} participants at once × {args.drafts} draft saves + 1 submit, no pause; {backend}; "
        f"Python {platform.python_version()}; {os.cpu_count()} CPUs; medians of {args.rounds} interleaved rounds; "
        f"load average (1 min) at each round's start: {', '.join(f'{load:.1f}' for load in loads)}\n"
    )
    keys = [f"{op}_{p}" for op in ("save_draft", "submit") for p in ("p50", "p95", "p99")]
    print("| run | " + " | ".join(k.replace("_", " ") + " (ms)" for k in keys) + " | wall (s) | « locked », retried |")
    print("|---|" + "---:|" * (len(keys) + 2))
    for name, values in figures.items():
        cells = " | ".join(f"{values[k]:.1f}" for k in keys)
        print(f"| {name} | {cells} | {values['wall_s']:.2f} | {values['locked']:.0f} |")
    for baseline in (name for name in figures if name != "Store"):
        ratios = " | ".join(f"**{figures['Store'][k] / figures[baseline][k]:.2f}**" for k in keys)
        wall = figures["Store"]["wall_s"] / figures[baseline]["wall_s"]
        print(f"| ratio Store / {baseline} | {ratios} | {wall:.2f} | |")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "loads": loads, "rounds": per_round}, indent=2))


if __name__ == "__main__":
    main()
