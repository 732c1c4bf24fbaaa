"""A workshop's action plan in storage, on SQLite and PostgreSQL: saved with the facilitator key only, read by
the workshop's views, guarded against two tabs overwriting each other, refused when it is not small plain JSON,
and deleted with its workshop."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from storage import InvalidInput, PlanChanged, Store, WorkshopNotFound
from storage.plans import MAX_PLAN_BYTES, MAX_PLAN_TEXT

PLAN = {
    "priorities": [
        {"kind": "item", "id": "ex-com-1", "reason": "dissensus"},
        {"kind": "dimension", "id": "gouvernance", "reason": "low_dimension"},
        {"kind": "item", "id": "ex-gov-2", "reason": "low_item"},
    ],
    "actions": [
        {
            "priority": "ex-com-1",
            "what": "Réunir le comité de pilotage « hors crise » ; ordre du jour partagé",
            "who": "Bureau",
            "due": "2027-03-31",
            "status": "todo",
            "recommendation": "item:ex-com-1",
        }
    ],
}


def test_no_plan_until_one_is_saved_then_it_comes_back_as_saved(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    assert store.action_plan(created.workshop_id) is None
    before = datetime.now(UTC)
    assert store.save_action_plan(created.facilitator_key, PLAN, expected_revision=0) == 1
    stored = store.action_plan(created.workshop_id)
    assert stored is not None
    assert stored.document == PLAN and stored.revision == 1
    assert stored.updated_at.tzinfo is not None and stored.updated_at >= before.replace(microsecond=0)


def test_a_save_over_a_stale_revision_is_refused_and_changes_nothing(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    key = created.facilitator_key
    assert store.save_action_plan(key, PLAN, expected_revision=0) == 1
    edited = {**PLAN, "actions": []}
    assert store.save_action_plan(key, edited, expected_revision=1) == 2
    with pytest.raises(PlanChanged):  # a second tab still at revision 1
        store.save_action_plan(key, PLAN, expected_revision=1)
    with pytest.raises(PlanChanged):  # a tab that believes there is no plan yet
        store.save_action_plan(key, PLAN, expected_revision=0)
    stored = store.action_plan(created.workshop_id)
    assert stored is not None and stored.document == edited and stored.revision == 2


def test_only_the_facilitator_key_saves_a_plan(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    token = store.projection_token(created.facilitator_key)
    assert token is not None
    for wrong in ("", created.participant_code, token, "x" * 43):
        with pytest.raises(WorkshopNotFound):
            store.save_action_plan(wrong, PLAN, expected_revision=0)
    assert store.action_plan(created.workshop_id) is None


def test_each_workshop_has_its_own_plan(store: Store, workshop_args: dict) -> None:
    first, second = store.create_workshop(**workshop_args), store.create_workshop(**workshop_args)
    store.save_action_plan(first.facilitator_key, PLAN, expected_revision=0)
    assert store.action_plan(second.workshop_id) is None
    store.save_action_plan(second.facilitator_key, {"priorities": [], "actions": []}, expected_revision=0)
    stored = store.action_plan(first.workshop_id)
    assert stored is not None and stored.document == PLAN


@pytest.mark.parametrize(
    "document",
    [
        {"actions": [{"what": "Réunir\x00le bureau"}]},  # PostgreSQL refuses NUL in text
        {"actions": [{"what": "x" * (MAX_PLAN_TEXT + 1)}]},
        {"actions": [{"what": "é" * (MAX_PLAN_TEXT - 1)}] * 60},  # over MAX_PLAN_BYTES in all
        {"actions": [{"weight": 1.5}]},  # nothing but strings, whole numbers, booleans and null
        {"a": {"b": {"c": {"d": {"e": {"f": "too deep"}}}}}},
        {"\x00": "key"},
        ["not", "a", "mapping"],
    ],
    ids=["nul", "long-text", "too-big", "float", "deep", "nul-key", "list"],
)
def test_a_document_that_is_not_small_plain_json_is_refused(
    store: Store, workshop_args: dict, document: object
) -> None:
    created = store.create_workshop(**workshop_args)
    with pytest.raises(InvalidInput):
        store.save_action_plan(created.facilitator_key, document, expected_revision=0)  # type: ignore[arg-type]
    assert store.action_plan(created.workshop_id) is None
    assert MAX_PLAN_BYTES == 64 * 1024


def test_deleting_the_workshop_deletes_its_plan(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    created = store.create_workshop(**workshop_args)
    other = store.create_workshop(**workshop_args)
    store.save_action_plan(created.facilitator_key, PLAN, expected_revision=0)
    store.save_action_plan(other.facilitator_key, PLAN, expected_revision=0)
    assert count_rows("action_plans", workshop_id=created.workshop_id) == 1
    assert store.delete_workshop(created.facilitator_key)
    assert count_rows("action_plans", workshop_id=created.workshop_id) == 0
    assert store.action_plan(created.workshop_id) is None
    assert count_rows("action_plans", workshop_id=other.workshop_id) == 1
