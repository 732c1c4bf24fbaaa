"""The publication record (storage/publication.py), on SQLite and PostgreSQL: append-only, compare-and-set, and
concurrent publishers that never record a version with fewer than k new contributors."""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from collections.abc import Callable

from scoring.privacy import WorkshopSpec
from storage import RecordedVersion, Store
from ui.catalogue import shipped_questionnaires
from ui.workshops import publish_round

QUESTIONNAIRE = shipped_questionnaires()["sante-partenariat"]
MINIMUM = QUESTIONNAIRE.min_group_size


def _submit(store: Store, workshop_id: int, value: int | None, organisation: str = "Association A") -> None:
    token = store.new_respondent_token()
    answers = {item.id: value for item in QUESTIONNAIRE.items[:4]}
    store.save_draft(
        token,
        questionnaire_id=QUESTIONNAIRE.id,
        workshop_id=workshop_id,
        answers=answers,
        profile={"organisation": organisation, "role": "administrateur"},
        comments={},
        step=2,
    )
    assert store.submit(token)


def _version(contributors: tuple[int, ...], target: str = "ethique") -> RecordedVersion:
    return RecordedVersion("", "", "dimension", target, 0, contributors)


def test_a_round_is_recorded_once_and_read_back_in_order(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args).workshop_id
    for value in (1, 2, 3):
        _submit(store, workshop, value)
    state = store.publication_state(workshop)
    assert (state.counter, state.admitted, state.versions) == (0, {}, [])
    ids = [r.id for r in state.responses]
    assert len(ids) == 3 and state.responses[0].answers[QUESTIONNAIRE.items[0].id] == 1
    assert store.record_publication(workshop, expected_counter=0, admit=ids, versions=[_version(tuple(ids))])
    # The same round planned from the same state by another instance: refused, nothing written twice.
    assert not store.record_publication(workshop, expected_counter=0, admit=ids, versions=[_version(tuple(ids))])
    state = store.publication_state(workshop)
    assert state.counter == 1 == store.publication_counter(workshop)
    assert state.admitted == dict.fromkeys(ids, 1)
    assert state.versions == [RecordedVersion("", "", "dimension", "ethique", 1, tuple(ids))]


def test_the_record_is_per_workshop_and_goes_with_it(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    created = store.create_workshop(**workshop_args)
    other = store.create_workshop(**workshop_args).workshop_id
    for value in (1, 2, 3):
        _submit(store, created.workshop_id, value)
        _submit(store, other, value)
    spec = WorkshopSpec(QUESTIONNAIRE, ("organisation", "role"), ("Association A", "Fondation B"))
    assert publish_round(store, spec, created.workshop_id)
    assert store.publication_state(other).counter == 0
    assert count_rows("figure_versions", workshop_id=created.workshop_id) > 0
    assert count_rows("admissions", workshop_id=created.workshop_id) == 3
    assert store.delete_workshop(created.facilitator_key)
    for table in ("figure_versions", "admissions", "publication_counters"):
        assert count_rows(table, workshop_id=created.workshop_id) == 0
    assert store.publication_counter(created.workshop_id) == 0


def test_publishing_follows_the_plan_seven_sent_six_in(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args).workshop_id
    spec = WorkshopSpec(QUESTIONNAIRE, ("organisation", "role"), ("Association A", "Fondation B"))
    for value in (1, 2, 3, 4, 5, 1, 2):
        _submit(store, workshop, value)
        assert publish_round(store, spec, workshop)
    state = store.publication_state(workshop)
    assert len(state.admitted) == 6 and state.counter == 2


def test_concurrent_publishers_never_record_a_version_with_fewer_than_k_new(store: Store, workshop_args: dict) -> None:
    """Dashboards, projectors and submissions on several instances publish at once: one round at a time."""
    workshop = store.create_workshop(**workshop_args).workshop_id
    spec = WorkshopSpec(QUESTIONNAIRE, ("organisation", "role"), ("Association A", "Fondation B"))
    stop = threading.Event()
    errors: list[BaseException] = []

    def publisher() -> None:
        try:
            while not stop.is_set():
                publish_round(store, spec, workshop)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=publisher) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for value in range(20):
            _submit(store, workshop, value % 5 + 1, ("Association A", "Fondation B")[value % 2])
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not errors, errors
    publish_round(store, spec, workshop)
    state = store.publication_state(workshop)
    assert len(state.admitted) >= 18  # at most k - 1 left waiting
    assert sorted({r for r in state.admitted.values()}) == list(range(1, state.counter + 1))
    history: dict[tuple, list[set[int]]] = defaultdict(list)
    for version in state.versions:
        history[(version.scope_field, version.scope_value, version.kind, version.target)].append(
            set(version.contributors)
        )
    assert history
    for versions in history.values():
        assert len(versions[0]) >= MINIMUM
        for before, after in itertools.pairwise(versions):
            assert len(after - before) >= MINIMUM, (before, after)


def test_schema_2_published_responses_are_carried_over_as_shown(new_db_url: Callable[[], str]) -> None:
    """A workshop whose screens showed 4 published responses under schema 2 (and 1 sent too late): after the
    migration, the screens show the same figures over the same 4, and the fifth waits as before."""
    from datetime import UTC, datetime

    from sqlalchemy import create_engine, insert
    from storage_legacy_schema import create_legacy_database, legacy_metadata

    from scoring.privacy import StoredResponse, shown_report
    from storage.codes import hash_secret, new_facilitator_key
    from ui.workshops import _planner_inputs

    url = new_db_url()
    create_legacy_database(url, version=2)
    tables = legacy_metadata(2).tables
    items = [item.id for item in QUESTIONNAIRE.items[:4]]
    engine = create_engine(url)
    with engine.begin() as conn:
        workshop_id = conn.execute(
            insert(tables["workshops"]).values(
                title="Atelier de la version 2",
                questionnaire_id=QUESTIONNAIRE.id,
                status="closed",
                organisations=["Association A"],
                profile_fields=["organisation"],
                show_results_to_participants=True,
                participant_code="ABCDEFGH",
                facilitator_key_hash=hash_secret(new_facilitator_key()),
                created_at=datetime(2026, 11, 20, tzinfo=UTC),
            )
        ).inserted_primary_key[0]
        moment = datetime(2026, 11, 20, 10, tzinfo=UTC)
        for number, (value, published) in enumerate([(1, True), (2, True), (4, True), (5, True), (3, False)]):
            conn.execute(
                insert(tables["responses"]).values(
                    token_hash=hash_secret(f"respondent-{number}"),
                    workshop_id=workshop_id,
                    questionnaire_id=QUESTIONNAIRE.id,
                    answers=dict.fromkeys(items, value),
                    profile={"organisation": "Association A"},
                    comments={},
                    step=3,
                    updated_at=moment,
                    submitted_at=moment,
                    published_at=moment if published else None,
                )
            )
    engine.dispose()
    store = Store(url)
    try:
        state = store.publication_state(workshop_id)
        assert state.counter == 0 and sorted(state.admitted.values()) == [0, 0, 0, 0]
        spec = WorkshopSpec(QUESTIONNAIRE, ("organisation",), ("Association A",))
        responses, record = _planner_inputs(state)
        before = shown_report(spec, responses, record)  # read before any write: the carry-over as it will be
        assert before.counted == 4 and before.item(items[0]).n == 4
        assert publish_round(store, spec, workshop_id)
        state = store.publication_state(workshop_id)
        assert state.counter == 1 and len(state.admitted) == 4  # the late one still waits: it is alone
        after = shown_report(spec, *_planner_inputs(state))
        assert after == before
        assert all(isinstance(r, StoredResponse) for r in _planner_inputs(state)[0])
    finally:
        store.close()
