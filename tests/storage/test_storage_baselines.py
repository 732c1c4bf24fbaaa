"""A workshop's baseline in storage, on SQLite and PostgreSQL: named with both facilitator keys, of the same
questionnaire only, read from the workshop's id, replaced or forgotten, and gone when either workshop is deleted."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storage import InvalidInput, Store


def test_a_baseline_is_named_with_both_keys_and_read_from_the_workshop_s_id(store: Store, workshop_args: dict) -> None:
    earlier = store.create_workshop(**{**workshop_args, "title": "Atelier de 2025"})
    later = store.create_workshop(**{**workshop_args, "title": "Un an après"})
    assert store.baseline_of(later.workshop_id) is None
    assert store.set_baseline(later.facilitator_key, earlier.facilitator_key)
    baseline = store.baseline_of(later.workshop_id)
    assert baseline is not None
    assert (baseline.id, baseline.title, baseline.questionnaire_id) == (
        earlier.workshop_id,
        "Atelier de 2025",
        "sante-partenariat",
    )
    assert baseline.organisations == ["Association A", "Fondation B"]
    assert baseline.profile_fields == ["organisation", "role"]
    assert baseline.status == "open" and baseline.created_at.tzinfo is not None
    assert store.baseline_of(earlier.workshop_id) is None  # one way only
    # Named again: replaced; with None: forgotten.
    other = store.create_workshop(**{**workshop_args, "title": "Autre"})
    assert store.set_baseline(later.facilitator_key, other.facilitator_key)
    assert store.baseline_of(later.workshop_id).id == other.workshop_id  # type: ignore[union-attr]
    assert store.set_baseline(later.facilitator_key, None)
    assert store.baseline_of(later.workshop_id) is None


def test_a_baseline_must_be_another_workshop_of_the_same_questionnaire(store: Store, workshop_args: dict) -> None:
    first = store.create_workshop(**workshop_args)
    other_questionnaire = store.create_workshop(**{**workshop_args, "questionnaire_id": "express"})
    with pytest.raises(InvalidInput, match="same questionnaire"):
        store.set_baseline(first.facilitator_key, other_questionnaire.facilitator_key)
    with pytest.raises(InvalidInput, match="its own"):
        store.set_baseline(first.facilitator_key, first.facilitator_key)
    with pytest.raises(InvalidInput, match="opens no workshop"):
        store.set_baseline(first.facilitator_key, "not-a-key")
    with pytest.raises(InvalidInput, match="opens no workshop"):
        store.set_baseline(first.facilitator_key, "x" * 43)
    # A participant code or the projection token is not a facilitator key: neither names a baseline.
    with pytest.raises(InvalidInput):
        store.set_baseline(first.facilitator_key, other_questionnaire.participant_code)
    assert store.set_baseline("y" * 43, first.facilitator_key) is False
    assert store.baseline_of(first.workshop_id) is None


@pytest.mark.parametrize("deleted", ["earlier", "later"])
def test_deleting_either_workshop_deletes_the_link(
    store: Store, workshop_args: dict, count_rows: Callable[..., int], deleted: str
) -> None:
    earlier = store.create_workshop(**workshop_args)
    later = store.create_workshop(**workshop_args)
    assert store.set_baseline(later.facilitator_key, earlier.facilitator_key)
    assert count_rows("baselines") == 1
    assert store.delete_workshop((earlier if deleted == "earlier" else later).facilitator_key)
    assert count_rows("baselines") == 0
    assert store.baseline_of(later.workshop_id) is None
