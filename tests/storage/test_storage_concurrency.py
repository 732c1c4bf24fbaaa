"""Many participants at once (SQLite and PostgreSQL): nothing lost, nothing counted twice."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from storage import Store


def _answers(i: int) -> dict[str, int | None]:
    # Distinct for every i < 5**4 = 625, so each participant's answers can be recognised among the results.
    return {f"item-{d}": 1 + (i // 5**d) % 5 for d in range(4)} | {"item-na": None}


def test_200_concurrent_submissions_are_all_kept(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    n = 200
    start = threading.Barrier(n)

    def participant(i: int) -> bool:
        token = store.new_respondent_token()
        start.wait()  # all 200 hit the database together
        store.save_draft(
            token,
            questionnaire_id="sante-partenariat",
            workshop_id=workshop.workshop_id,
            answers=_answers(i),
            profile={"organisation": "Association A" if i % 2 else "Fondation B"},
            comments={},
            step=1,
        )
        return store.submit(token)

    with ThreadPoolExecutor(max_workers=n) as pool:
        results = list(pool.map(participant, range(n)))

    assert results == [True] * n
    assert store.workshop_counts(workshop.workshop_id) == (n, n)
    submitted = store.submitted_responses(workshop.workshop_id)
    assert len(submitted) == n
    got = {tuple(sorted(r.answers.items(), key=lambda kv: kv[0])) for r in submitted}
    want = {tuple(sorted(_answers(i).items(), key=lambda kv: kv[0])) for i in range(n)}
    assert got == want


def test_double_submit_counts_once(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    token = store.new_respondent_token()
    store.save_draft(
        token, questionnaire_id="q", workshop_id=workshop.workshop_id, answers={"a": 3}, profile={}, comments={}, step=0
    )
    assert store.submit(token) is True
    assert store.submit(token) is False
    assert store.workshop_counts(workshop.workshop_id) == (1, 1)


def test_concurrent_submits_of_one_token_count_once(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    for _ in range(5):  # a few rounds: a race that is lost only sometimes should still show up
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id="q",
            workshop_id=workshop.workshop_id,
            answers={"a": 3},
            profile={},
            comments={},
            step=0,
        )
        start = threading.Barrier(10)

        def submit(_: int, token: str = token, start: threading.Barrier = start) -> bool:
            start.wait()
            return store.submit(token)

        with ThreadPoolExecutor(max_workers=10) as pool:
            results = list(pool.map(submit, range(10)))
        assert results.count(True) == 1 and results.count(False) == 9
    assert store.workshop_counts(workshop.workshop_id) == (5, 5)
    assert len(store.submitted_responses(workshop.workshop_id)) == 5


def test_autosaves_racing_a_submit_do_not_change_submitted_answers(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    token = store.new_respondent_token()

    def save(value: int) -> None:
        store.save_draft(
            token,
            questionnaire_id="q",
            workshop_id=workshop.workshop_id,
            answers={"a": value},
            profile={},
            comments={},
            step=value,
        )

    save(1)
    start = threading.Barrier(9)

    def act(i: int) -> bool | None:
        start.wait()
        if i == 0:
            return store.submit(token)
        save(1 + i % 5)
        return None

    with ThreadPoolExecutor(max_workers=9) as pool:
        results = list(pool.map(act, range(9)))
    assert results[0] is True
    frozen = store.load_draft(token)
    assert frozen is not None and frozen.submitted
    # Whatever autosave won the race before the submit is what was submitted, and it no longer moves.
    save(5)
    after = store.load_draft(token)
    assert after == frozen
    assert [r.answers for r in store.submitted_responses(workshop.workshop_id)] == [frozen.answers]
