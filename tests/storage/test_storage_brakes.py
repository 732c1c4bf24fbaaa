"""The brakes (shared token buckets) and the purge schedule live in the database, on SQLite and PostgreSQL: shared
by every Store on the same database (every app instance), kept when a Store is dropped and made again (as after
Streamlit's clear-cache message or a restart), and exact under concurrency (no lost update)."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from storage import InvalidInput, Store
from storage.database import dispose_database


def _free_at(db_url: str, brake: str) -> float:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return float(conn.execute(text("SELECT free_at FROM brakes WHERE name = :n"), {"n": brake}).scalar_one())
    finally:
        engine.dispose()


def test_a_burst_goes_through_then_the_bucket_refuses_what_would_wait_too_long(store: Store) -> None:
    waits = [store.reserve_slot("join", interval_s=60, burst=3, max_wait_s=0) for _ in range(3)]
    assert waits == [0.0, 0.0, 0.0]
    assert store.reserve_slot("join", interval_s=60, burst=3, max_wait_s=0) is None
    # A caller ready to wait gets the next slot, one interval later.
    assert store.reserve_slot("join", interval_s=60, burst=3, max_wait_s=120) == pytest.approx(60, abs=5)
    # Another brake is another bucket.
    assert store.reserve_slot("other", interval_s=60, burst=1, max_wait_s=0) == 0.0


def test_a_found_code_gives_its_slot_back(store: Store) -> None:
    assert store.reserve_slot("join", interval_s=60, burst=1, max_wait_s=0) == 0.0
    assert store.reserve_slot("join", interval_s=60, burst=1, max_wait_s=0) is None
    store.release_slot("join", interval_s=60)
    assert store.reserve_slot("join", interval_s=60, burst=1, max_wait_s=0) == 0.0


def test_the_bucket_is_shared_by_every_store_and_survives_a_new_one(db_url: str) -> None:
    first = Store(db_url)
    assert first.reserve_slot("join", interval_s=60, burst=2, max_wait_s=0) == 0.0
    first.close()
    dispose_database(db_url)  # as a restarted instance, or a Store made again after st.cache_resource was cleared
    second, third = Store(db_url), Store(db_url)
    try:
        assert second.reserve_slot("join", interval_s=60, burst=2, max_wait_s=0) == 0.0
        assert third.reserve_slot("join", interval_s=60, burst=2, max_wait_s=0) is None
        assert second.reserve_slot("join", interval_s=60, burst=2, max_wait_s=0) is None
    finally:
        second.close()
        third.close()


def test_parallel_callers_each_take_their_own_slot(store: Store, db_url: str) -> None:
    """However many call at once, each reservation moves the bucket by exactly one slot (no lost update): 40
    callers in 8 threads after a first one leave it 40 intervals after that first one's start, and their waits
    are one slot apart."""
    interval, burst, callers = 1000.0, 4, 40  # an interval far longer than the whole test: no slot frees meanwhile
    assert store.reserve_slot("join", interval_s=interval, burst=burst, max_wait_s=10**6) == 0.0
    first = _free_at(db_url, "join")
    with ThreadPoolExecutor(max_workers=8) as pool:
        waits = list(
            pool.map(
                lambda _: store.reserve_slot("join", interval_s=interval, burst=burst, max_wait_s=10**6),
                range(callers),
            )
        )
    assert _free_at(db_url, "join") == pytest.approx(first + callers * interval, abs=1)  # a lost update: 1000 off
    assert None not in waits
    ordered = sorted(waits)
    assert ordered[: burst - 1] == [0.0] * (burst - 1)
    queued = ordered[burst - 1 :]
    assert all(w > 0 for w in queued)
    assert all(b - a > interval / 2 for a, b in itertools.pairwise(queued))


def test_a_brake_refuses_nonsense_settings(store: Store) -> None:
    with pytest.raises(InvalidInput):
        store.reserve_slot("join", interval_s=0, burst=1, max_wait_s=0)
    with pytest.raises(InvalidInput):
        store.reserve_slot("", interval_s=1, burst=1, max_wait_s=0)


def test_the_purge_runs_once_per_period_for_every_instance(db_url: str) -> None:
    first, second = Store(db_url), Store(db_url)
    try:
        token = first.new_respondent_token()
        first.save_draft(
            token,
            questionnaire_id="sante-partenariat",
            workshop_id=None,
            answers={"item-1": 2},
            profile={},
            comments={},
            step=1,
        )
        assert first.purge_abandoned_drafts_if_due(timedelta(seconds=-1), every=timedelta(days=1)) == 1
        other = second.new_respondent_token()
        second.save_draft(
            other,
            questionnaire_id="sante-partenariat",
            workshop_id=None,
            answers={"item-1": 2},
            profile={},
            comments={},
            step=1,
        )
        # Not due, for this instance nor for another one: the schedule is in the database.
        assert second.purge_abandoned_drafts_if_due(timedelta(seconds=-1), every=timedelta(days=1)) is None
        assert first.purge_abandoned_drafts_if_due(timedelta(seconds=-1), every=timedelta(days=1)) is None
        assert second.load_draft(other) is not None
        # Due again once the period is over (here, a period of nothing).
        assert second.purge_abandoned_drafts_if_due(timedelta(seconds=-1), every=timedelta(0)) == 1
        assert second.load_draft(other) is None
    finally:
        first.close()
        second.close()
