"""A participant's submit never waits for the publication round (issue 9): the round is asked for and planned after,
on the process's publication worker (`ui.workshops.ROUNDS`); the dashboard shows the batch once it is recorded."""

from __future__ import annotations

import random
import threading

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx

from i18n import translate
from scoring.privacy import WorkshopSpec, plan_publication
from storage import Store
from tests.app.test_workshop_pages import (
    answers_pattern,
    create_workshop,
    dashboard,
    participant,
    seeded_participant,
)
from ui import workshops
from ui.catalogue import shipped_questionnaires

PROFILE = {"role": "administrateur", "organisation": "Association A"}


def state_of(code: str) -> tuple[int, int]:
    """(the publication counter, how many responses are admitted), read from the database."""
    store = Store()
    try:
        view = store.workshop_for_participant(code)
        assert view is not None
        state = store.publication_state(view.id)
        return state.counter, len(state.admitted)
    finally:
        store.close()


def test_the_submit_returns_and_shows_the_results_before_the_round_then_the_dashboard_shows_the_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, key = create_workshop()
    for shift in (0, 1):
        seeded_participant(code, answers_pattern(shift), PROFILE)  # two: nothing to admit yet
    assert state_of(code) == (0, 0)

    # The round the third submission asks for waits at a gate until the test has seen the participant's page.
    gate, asked = threading.Event(), threading.Event()
    in_a_script_run: list[bool] = []
    real_round = workshops.publish_round

    def gated_round(store, spec, workshop_id):  # type: ignore[no-untyped-def]
        in_a_script_run.append(get_script_run_ctx(suppress_warning=True) is not None)
        if in_a_script_run[-1]:
            # The old way: the round ran inside the participant's request, which waited for it.
            raise AssertionError("the publication round runs inside a participant's script run")
        asked.set()
        assert gate.wait(timeout=300), "the test never opened the gate"
        return real_round(store, spec, workshop_id)

    monkeypatch.setattr(workshops, "publish_round", gated_round)
    try:
        # Sends, and its page shows « Merci » and the results (participant() asserts it) while the round is held.
        participant(code, answers_pattern(2), PROFILE)
        assert asked.wait(timeout=300), "the submit asked for a round"
        assert state_of(code) == (0, 0), "nothing recorded while the round waits"
        board = dashboard(key)
        assert translate("dashboard.first_batch", "fr", count=3) in [i.value for i in board.info]
    finally:
        gate.set()
    assert workshops.ROUNDS.idle(timeout=300)
    assert in_a_script_run == [False]
    assert state_of(code) == (1, 3), "the round recorded the batch of three"
    board = dashboard(key)
    assert translate("dashboard.counted", "fr", count=3) in [c.value for c in board.caption]


def test_submissions_asked_while_a_round_waits_make_one_round_and_one_after_the_running_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A waiting round reads the state when it starts: asking again for the same workshop adds no round."""
    started, gate = threading.Event(), threading.Event()
    ran: list[int] = []

    def counted_round(store, spec, workshop_id):  # type: ignore[no-untyped-def]
        ran.append(workshop_id)
        started.set()
        assert gate.wait(timeout=300)
        return True

    monkeypatch.setattr(workshops, "publish_round", counted_round)

    class FakeStore:
        url = "sqlite:///nowhere"

    worker = workshops.RoundWorker()
    spec = object()
    worker.request(FakeStore(), spec, 1)  # type: ignore[arg-type]
    assert started.wait(timeout=300)  # running: the state it read may miss what comes next
    for _ in range(3):
        worker.request(FakeStore(), spec, 1)  # type: ignore[arg-type]
    worker.request(FakeStore(), spec, 2)  # type: ignore[arg-type]
    assert not worker.idle(timeout=0)
    gate.set()
    assert worker.idle(timeout=300)
    assert ran == [1, 1, 2]


def test_a_failing_round_does_not_stop_the_next_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[int] = []

    def failing_then_fine(store, spec, workshop_id):  # type: ignore[no-untyped-def]
        ran.append(workshop_id)
        if workshop_id == 1:
            raise RuntimeError("a bug in one round")
        return True

    monkeypatch.setattr(workshops, "publish_round", failing_then_fine)

    class FakeStore:
        url = "sqlite:///nowhere"

    worker = workshops.RoundWorker()
    worker.request(FakeStore(), object(), 1)  # type: ignore[arg-type]
    assert worker.idle(timeout=300)
    worker.request(FakeStore(), object(), 2)  # type: ignore[arg-type]
    assert worker.idle(timeout=300)
    assert ran == [1, 2]


def test_a_cold_process_on_the_same_database_plans_the_round_the_warm_one_would() -> None:
    """A restart or a second instance: a new Store (a new engine) on the same database and no memo. Its round is
    the one the process that planned every earlier round would have planned, and it is what gets recorded."""
    questionnaire = shipped_questionnaires()["rapprochement"]
    organisations = ("Association A", "Association B", "Association C")
    roles = [option.id for option in questionnaire.profile_field("role").options]  # type: ignore[union-attr]
    store = Store()
    url = store.url
    created = store.create_workshop(
        title="Rapprochement",
        questionnaire_id=questionnaire.id,
        organisations=list(organisations),
        profile_fields=["role", "organisation"],
        show_results_to_participants=False,
    )
    spec = WorkshopSpec(questionnaire, ("role", "organisation"), organisations)
    rng = random.Random(11)

    def submit() -> None:
        token = store.new_respondent_token()
        answers = {i.id: None if rng.random() < 0.1 else rng.randint(1, 5) for i in questionnaire.items}
        profile = {"role": rng.choice(roles), "organisation": rng.choice(organisations)}
        store.save_draft(
            token, questionnaire_id=questionnaire.id, workshop_id=created.workshop_id, answers=answers,
            profile=profile, comments={}, step=0,
        )  # fmt: skip
        assert store.submit(token)

    for _ in range(29):
        submit()
        assert workshops.publish_round(store, spec, created.workshop_id)  # the warm process: its memo grows
    submit()  # the thirtieth makes a batch of three wait
    responses, record = workshops._planner_inputs(store.publication_state(created.workshop_id))
    warm = plan_publication(spec, responses, record, memo=workshops._memo(store, created.workshop_id))
    assert warm.admit and warm.versions and len(record.versions) > 300

    store.close()
    workshops._memos.clear()
    cold_store = Store(url)
    try:
        responses, record = workshops._planner_inputs(cold_store.publication_state(created.workshop_id))
        assert plan_publication(spec, responses, record) == warm
        assert workshops.publish_round(cold_store, spec, created.workshop_id)
        state = cold_store.publication_state(created.workshop_id)
        written = {(v.scope_field, v.scope_value, v.kind, v.target, v.contributors) for v in state.versions}
        assert {
            (v.key.scope.field, v.key.scope.value, v.key.kind, v.key.target, tuple(sorted(v.contributors)))
            for v in warm.versions
        } <= written
        assert state.counter == record.counter + 1
    finally:
        cold_store.close()
