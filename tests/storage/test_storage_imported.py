"""Imported questionnaires in storage (issue 17), on SQLite and PostgreSQL: kept as text with the workshop that first
uses it, found again by its reference, shared by the workshops of the same text, and deleted with the last of them."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import pytest

from storage import ImportedQuestionnaire, InvalidInput, Store, is_imported_reference

SOURCE = 'id: grille-federation\nversion: "2026"\ntitle:\n  fr: "**Grille** <b>maison</b>"\n'


def _imported(source: str = SOURCE) -> ImportedQuestionnaire:
    return ImportedQuestionnaire(questionnaire_id="grille-federation", version="2026", source=source)


def _create(store: Store, workshop_args: dict, imported: ImportedQuestionnaire, **extra: object):
    args = {**workshop_args, "questionnaire_id": imported.reference}
    return store.create_workshop(**args, imported=imported, **extra)


def test_the_reference_is_a_questionnaire_id_made_from_the_text() -> None:
    reference = _imported().reference
    assert is_imported_reference(reference) and len(reference) == 41
    assert reference == _imported().reference  # the same text, the same reference
    assert _imported(SOURCE + "description:\n  fr: autre\n").reference != reference
    assert not is_imported_reference("sante-partenariat")


def test_an_imported_questionnaire_is_kept_with_its_workshop_and_found_by_its_reference(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    imported = _imported()
    assert store.imported_questionnaire(imported.reference) is None
    created = _create(store, workshop_args, imported)
    view = store.workshop_for_facilitator(created.facilitator_key)
    assert view is not None and view.questionnaire_id == imported.reference
    found = store.imported_questionnaire(view.questionnaire_id)
    assert found == imported  # the text exactly as given: storage neither parses nor changes it
    assert count_rows("imported_questionnaires") == 1
    participant = store.workshop_for_participant(created.participant_code)
    assert participant is not None and store.imported_questionnaire(participant.questionnaire_id) == imported


def test_workshops_of_the_same_text_share_it_and_the_last_one_deleted_takes_it(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    imported = _imported()
    first = _create(store, workshop_args, imported)
    second = _create(store, {**workshop_args, "title": "Deuxième séance"}, imported)
    other = _create(store, workshop_args, _imported(SOURCE + "min_group_size: 4\n"))
    shipped = store.create_workshop(**workshop_args)
    assert count_rows("imported_questionnaires") == 2
    assert store.delete_workshop(first.facilitator_key)
    assert store.imported_questionnaire(imported.reference) == imported  # the second workshop still uses it
    assert store.delete_workshop(second.facilitator_key)
    assert store.imported_questionnaire(imported.reference) is None
    assert count_rows("imported_questionnaires") == 1  # the other text stays with its workshop
    assert store.delete_workshop(shipped.facilitator_key)  # a shipped questionnaire's workshop: nothing else goes
    assert count_rows("imported_questionnaires") == 1
    assert store.delete_workshop(other.facilitator_key)
    assert count_rows("imported_questionnaires") == 0


def test_a_demo_reset_keeps_its_imported_questionnaire_and_the_purge_deletes_it(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    imported = _imported()
    demo = _create(store, workshop_args, imported, demo_case="cas-maison", demo_lifetime=timedelta(seconds=1))
    assert store.reset_demo(demo.facilitator_key, lifetime=timedelta(milliseconds=1))
    assert store.imported_questionnaire(imported.reference) == imported
    time.sleep(0.01)
    assert store.purge_expired_demos() == 1
    assert count_rows("imported_questionnaires") == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": ""}, "imported.source"),
        ({"source": "id: x\x00"}, "NUL"),
        ({"source": "x" * (1024 * 1024 + 1)}, "imported.source"),
        ({"version": ""}, "imported.version"),
        ({"questionnaire_id": "q" * 101}, "imported.questionnaire_id"),
    ],
)
def test_what_is_not_a_plain_text_within_limits_is_refused_and_nothing_is_kept(
    store: Store, workshop_args: dict, count_rows: Callable[..., int], change: dict, message: str
) -> None:
    imported = ImportedQuestionnaire(**{"questionnaire_id": "q", "version": "1", "source": SOURCE, **change})
    with pytest.raises(InvalidInput, match=message):
        _create(store, workshop_args, imported)
    assert count_rows("imported_questionnaires") == 0 and count_rows("workshops") == 0


def test_a_workshop_must_name_its_imported_questionnaire_by_its_reference(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    with pytest.raises(InvalidInput, match="reference"):
        store.create_workshop(**workshop_args, imported=_imported())  # questionnaire_id: a shipped one
    assert count_rows("imported_questionnaires") == 0 and count_rows("workshops") == 0


@pytest.mark.parametrize("reference", ["", "sante-partenariat", "imported-" + "0" * 32, "imported-' OR 1=1 --", 3])
def test_a_reference_that_names_nothing_kept_finds_nothing(store: Store, reference: object) -> None:
    assert store.imported_questionnaire(reference) is None  # type: ignore[arg-type]
