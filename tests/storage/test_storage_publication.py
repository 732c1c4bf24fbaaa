"""Results shown by batches (Store.publish), on SQLite and PostgreSQL: no two shown sets differ by too few people."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from sqlalchemy import create_engine, text

from storage import Store

BATCH = 3


def _submit(store: Store, workshop_id: int, value: int | None) -> None:
    token = store.new_respondent_token()
    store.save_draft(
        token,
        questionnaire_id="express",
        workshop_id=workshop_id,
        answers={"ex-eth-1": value, "ex-eth-2": None},
        profile={},
        comments={},
        step=2,
    )
    assert store.submit(token)


def _shown_values(store: Store, workshop_id: int) -> list[int | None]:
    return sorted(r.answers["ex-eth-1"] for r in store.submitted_responses(workshop_id, published_only=True))


def test_live_publication_goes_by_batches_and_holds_the_newest_back(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args).workshop_id
    for value in (1, 2, 3, 4, 5):
        _submit(store, workshop, value)
    # Five sent: publishing two would leave three held back, but two are fewer than a batch.
    publication = store.publish(workshop, batch=BATCH, hold_back=BATCH)
    assert (publication.published, publication.waiting) == (0, 5)
    _submit(store, workshop, 1)
    publication = store.publish(workshop, batch=BATCH, hold_back=BATCH)
    assert (publication.published, publication.waiting) == (3, 3)
    assert _shown_values(store, workshop) == [1, 2, 3]  # the oldest three, in the order they were sent
    assert store.publish(workshop, batch=BATCH, hold_back=BATCH).published == 3  # nothing new: nothing moves


def test_closing_publishes_every_waiting_response_when_they_make_a_batch(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args).workshop_id
    for value in (1, 2, 3, 4, 5, 1, 2):
        _submit(store, workshop, value)
    assert store.publish(workshop, batch=BATCH, hold_back=BATCH).published == 4
    publication = store.publish(workshop, batch=BATCH, hold_back=0)  # closing: the three held back go together
    assert (publication.published, publication.waiting) == (7, 0)
    assert len(store.submitted_responses(workshop)) == 7


def test_responses_with_no_answer_are_never_published(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args).workshop_id
    for value in (None, None, 4):
        _submit(store, workshop, value)
    publication = store.publish(workshop, batch=BATCH, hold_back=0)
    # Three sent, but one person answered: nothing to show, and the two blank ones are not "waiting".
    assert (publication.published, publication.waiting) == (0, 1)
    for value in (2, 3):
        _submit(store, workshop, value)
    assert store.publish(workshop, batch=BATCH, hold_back=0).published == 3
    assert _shown_values(store, workshop) == [2, 3, 4]


def test_publication_is_per_workshop(store: Store, workshop_args: dict) -> None:
    a = store.create_workshop(**workshop_args).workshop_id
    b = store.create_workshop(**workshop_args).workshop_id
    for value in (1, 2, 3):
        _submit(store, a, value)
        _submit(store, b, value)
    assert store.publish(a, batch=BATCH, hold_back=0).published == 3
    assert store.submitted_responses(b, published_only=True) == []


def test_concurrent_publishers_never_publish_a_small_batch(
    store: Store, workshop_args: dict, db_url: str, count_rows: Callable[..., int]
) -> None:
    """Dashboards and projectors refreshing while people submit: every publication is a whole batch."""
    workshop = store.create_workshop(**workshop_args).workshop_id
    stop = threading.Event()
    errors: list[BaseException] = []

    def refresh() -> None:
        try:
            while not stop.is_set():
                store.publish(workshop, batch=BATCH, hold_back=BATCH)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    refreshers = [threading.Thread(target=refresh) for _ in range(4)]
    for thread in refreshers:
        thread.start()
    try:
        for value in range(40):
            _submit(store, workshop, value % 5 + 1)
    finally:
        stop.set()
        for thread in refreshers:
            thread.join()
    assert not errors, errors
    store.publish(workshop, batch=BATCH, hold_back=0)
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            stamps = conn.execute(
                text("SELECT published_at FROM responses WHERE workshop_id = :w"), {"w": workshop}
            ).scalars()
            batches = Counter(stamps)
    finally:
        engine.dispose()
    assert None not in batches and sum(batches.values()) == 40  # all published at the end
    assert min(batches.values()) >= BATCH, sorted(batches.values())
    assert count_rows("responses", workshop_id=workshop) == 40
