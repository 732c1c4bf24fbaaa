"""Demo workshops of teaching mode in storage: marked, reset under the same codes, purged once expired; a real
workshop is never touched by either. On SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from storage import InvalidInput, Store, WorkshopNotFound
from storage.codes import projection_token_for


def _submit(store: Store, workshop_id: int, answers: dict[str, int | None]) -> None:
    token = store.new_respondent_token()
    store.save_draft(
        token,
        questionnaire_id="sante-partenariat",
        workshop_id=workshop_id,
        answers=answers,
        profile={},
        comments={},
        step=1,
    )
    store.submit(token)


def _demo(store: Store, workshop_args: dict, lifetime: timedelta = timedelta(days=7)):
    return store.create_workshop(**workshop_args, demo_case="fusion-trop-vite", demo_lifetime=lifetime)


def test_a_demo_is_marked_with_its_case_and_its_expiry(store: Store, workshop_args: dict) -> None:
    before = datetime.now(UTC)
    demo = _demo(store, workshop_args)
    real = store.create_workshop(**workshop_args)
    view = store.workshop_for_facilitator(demo.facilitator_key)
    assert view is not None and view.demo_case == "fusion-trop-vite"
    assert before + timedelta(days=7) <= view.expires_at <= datetime.now(UTC) + timedelta(days=7)
    assert store.workshop_for_participant(demo.participant_code).demo_case == "fusion-trop-vite"
    assert store.workshop_for_projection(projection_token_for(demo.facilitator_key)).demo_case == "fusion-trop-vite"
    real_view = store.workshop_for_facilitator(real.facilitator_key)
    assert real_view.demo_case is None and real_view.expires_at is None


@pytest.mark.parametrize(
    "extra",
    [{"demo_case": "x"}, {"demo_lifetime": timedelta(days=1)}, {"demo_case": "x", "demo_lifetime": timedelta(0)}],
)
def test_a_demo_needs_a_case_and_a_positive_lifetime(store: Store, workshop_args: dict, extra: dict) -> None:
    with pytest.raises(InvalidInput):
        store.create_workshop(**workshop_args, **extra)


def test_the_database_refuses_a_demo_without_expiry(db_url: str, store: Store, workshop_args: dict) -> None:
    demo = _demo(store, workshop_args)
    engine = create_engine(store.url)
    try:
        with pytest.raises(Exception, match=r"(?i)check|constraint"), engine.begin() as conn:
            conn.execute(text("UPDATE workshops SET expires_at = NULL WHERE id = :id"), {"id": demo.workshop_id})
    finally:
        engine.dispose()


def test_reset_empties_a_demo_and_keeps_its_codes(store: Store, workshop_args: dict) -> None:
    demo = _demo(store, workshop_args, lifetime=timedelta(hours=1))
    for value in (1, 2, 3, 4):
        _submit(store, demo.workshop_id, {"eth-1": value})
    state = store.publication_state(demo.workshop_id)
    admitted = [r.id for r in state.responses]
    assert store.record_publication(demo.workshop_id, expected_counter=state.counter, admit=admitted, versions=[])
    store.set_workshop_status(demo.facilitator_key, "closed")
    before = store.workshop_for_facilitator(demo.facilitator_key)

    assert store.reset_demo(demo.facilitator_key, lifetime=timedelta(days=7))

    after = store.workshop_for_facilitator(demo.facilitator_key)
    assert after.participant_code == before.participant_code and after.title == before.title
    assert after.status == "open" and after.expires_at > before.expires_at + timedelta(days=6)
    assert store.workshop_counts(after.id) == (0, 0)
    assert store.workshop_for_projection(projection_token_for(demo.facilitator_key)).id == after.id
    # The next responses start a publication record of their own: none of the old ones is counted any more.
    _submit(store, after.id, {"eth-1": 5})
    fresh = store.publication_state(after.id)
    assert fresh.counter == 0 and fresh.admitted == {} and fresh.versions == []
    assert len(fresh.responses) == 1


def test_a_reset_demo_is_written_under_a_new_id_and_a_page_left_open_on_it_saves_nothing_there(
    store: Store, workshop_args: dict
) -> None:
    """A student's page still open on the demo holds a draft naming the old id: its next save must fail
    (`WorkshopNotFound`, which the page says), not bring the student's earlier answers back into the emptied demo.
    On SQLite the demo, the newest workshop, got its own id again before `id_high_water`."""
    demo = _demo(store, workshop_args)
    token = store.new_respondent_token()
    draft = {"questionnaire_id": "sante-partenariat", "answers": {"eth-1": 2}, "profile": {}, "comments": {}, "step": 1}
    store.save_draft(token, workshop_id=demo.workshop_id, **draft)
    assert store.reset_demo(demo.facilitator_key, lifetime=timedelta(days=7))
    after = store.workshop_for_facilitator(demo.facilitator_key)
    assert after.id != demo.workshop_id
    with pytest.raises(WorkshopNotFound):
        store.save_draft(token, workshop_id=demo.workshop_id, **draft)
    assert store.workshop_counts(after.id) == (0, 0)


def test_a_deleted_workshop_s_id_is_never_given_again(store: Store, workshop_args: dict) -> None:
    """A phone still open on a deleted workshop names it by id: had the next workshop been given that id (SQLite
    does so for a deleted newest row), its answers would have gone into a stranger's workshop."""
    first = store.create_workshop(**workshop_args)
    newest = store.create_workshop(**workshop_args)
    token = store.new_respondent_token()
    draft = {"questionnaire_id": "sante-partenariat", "answers": {"eth-1": 2}, "profile": {}, "comments": {}, "step": 1}
    store.save_draft(token, workshop_id=newest.workshop_id, **draft)
    assert store.delete_workshop(newest.facilitator_key)
    following = store.create_workshop(**workshop_args)
    assert following.workshop_id > newest.workshop_id > first.workshop_id
    with pytest.raises(WorkshopNotFound):
        store.save_draft(token, workshop_id=newest.workshop_id, **draft)
    assert store.workshop_counts(following.workshop_id) == (0, 0)


def test_a_real_workshop_is_never_reset(store: Store, workshop_args: dict) -> None:
    real = store.create_workshop(**workshop_args)
    _submit(store, real.workshop_id, {"eth-1": 3})
    assert not store.reset_demo(real.facilitator_key, lifetime=timedelta(days=7))
    assert not store.reset_demo("not-a-key", lifetime=timedelta(days=7))
    assert store.workshop_counts(real.workshop_id) == (1, 1)


def test_the_purge_deletes_expired_demos_only(store: Store, workshop_args: dict) -> None:
    expiring = _demo(store, workshop_args, lifetime=timedelta(milliseconds=1))
    lasting = _demo(store, workshop_args)
    real = store.create_workshop(**workshop_args)
    for created in (expiring, lasting, real):
        _submit(store, created.workshop_id, {"eth-1": 2})
    time.sleep(0.01)  # past the expiry of a millisecond (not a timing assert: nothing is measured)

    assert store.purge_expired_demos() == 1

    assert store.workshop_for_facilitator(expiring.facilitator_key) is None
    assert store.workshop_counts(expiring.workshop_id) == (0, 0)
    assert store.workshop_for_facilitator(lasting.facilitator_key) is not None
    assert store.workshop_counts(real.workshop_id) == (1, 1)
    assert store.purge_expired_demos() == 0
