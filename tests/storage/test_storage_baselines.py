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


REPORT = {"questionnaire_id": "sante-partenariat", "counted": 5, "dimensions": [{"id": "d1", "score": 62.5}]}


def test_a_baseline_file_is_kept_as_its_aggregate_and_replaces_a_baseline_workshop(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    earlier = store.create_workshop(**workshop_args)
    later = store.create_workshop(**workshop_args)
    assert store.baseline_file_of(later.workshop_id) is None
    assert store.set_baseline(later.facilitator_key, earlier.facilitator_key)
    assert store.set_baseline_file(
        later.facilitator_key, name="vague-2025.csv", questionnaire_version="1.2", people=5, report=REPORT
    )
    kept = store.baseline_file_of(later.workshop_id)
    assert kept is not None
    assert (kept.name, kept.questionnaire_version, kept.people, kept.report) == ("vague-2025.csv", "1.2", 5, REPORT)
    assert kept.created_at.tzinfo is not None
    # One baseline per workshop: the file took the earlier workshop's place, and naming a workshop again forgets it.
    assert store.baseline_of(later.workshop_id) is None
    assert store.set_baseline(later.facilitator_key, earlier.facilitator_key)
    assert store.baseline_file_of(later.workshop_id) is None and count_rows("baseline_files") == 0
    # Refused: no workshop for the key, an empty or too long name, nobody counted.
    assert store.set_baseline_file("y" * 43, name="a.csv", questionnaire_version="1", people=5, report=REPORT) is False
    for name, people in (("", 5), (" ", 5), ("x" * 201, 5), ("a.csv", 0)):
        with pytest.raises(InvalidInput):
            store.set_baseline_file(
                later.facilitator_key, name=name, questionnaire_version="1", people=people, report=REPORT
            )


def test_deleting_the_workshop_deletes_its_baseline_file(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    workshop = store.create_workshop(**workshop_args)
    assert store.set_baseline_file(
        workshop.facilitator_key, name="vague.xlsx", questionnaire_version="1", people=3, report=REPORT
    )
    assert count_rows("baseline_files", workshop_id=workshop.workshop_id) == 1
    assert store.delete_workshop(workshop.facilitator_key)
    assert count_rows("baseline_files") == 0
    assert store.baseline_file_of(workshop.workshop_id) is None
