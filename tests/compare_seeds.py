"""Workshops of the rapprochement questionnaire with two organisations, written through the Store and published
as the app publishes after a submission (the journey of issue 14 without walking through the questionnaire)."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.loader import load_questionnaire
from scoring.privacy import WorkshopSpec
from storage import Store
from tests.browser.server import ROOT
from ui import workshops

RAPPROCHEMENT = load_questionnaire(ROOT / "questionnaires" / "rapprochement.yaml")
ORGANISATIONS = ["Les Tilleuls", "L’Entraide"]
ROLES = ["administrateur", "direction"]


@dataclass(frozen=True)
class Seeded:
    workshop_id: int
    key: str
    code: str
    projection: str


def answer(item_index: int, organisation: int, person: int, *, later: bool = False) -> int:
    """A third of the statements divide the organisations (4–5 against 2), a third divide people within each
    organisation (1 against 5), a third have everyone agree; a year later, the organisations have come closer."""
    kind = item_index % 3
    if kind == 0:
        low = 3 if later else 2
        return (4 + (person % 2)) if organisation == 0 else low
    if kind == 1:
        return 1 if person % 2 else 5
    return 4


def rapprochement_workshop(
    store: Store, *, title: str, sizes: tuple[int, int] = (4, 3), later: bool = False, close: bool = True
) -> Seeded:
    created = store.create_workshop(
        title=title,
        questionnaire_id=RAPPROCHEMENT.id,
        organisations=ORGANISATIONS,
        profile_fields=["role", "organisation"],
        show_results_to_participants=True,
    )
    return seed_answers(store, created.facilitator_key, sizes=sizes, later=later, close=close)


def seed_answers(
    store: Store, key: str, *, sizes: tuple[int, int] = (4, 3), later: bool = False, close: bool = True
) -> Seeded:
    """The two organisations' people answer the workshop of ``key`` (created with ORGANISATIONS), all at once."""
    view = store.workshop_for_facilitator(key)
    assert view is not None
    created_id = view.id
    for organisation, size in enumerate(sizes):
        for person in range(size):
            token = store.new_respondent_token()
            store.save_draft(
                token,
                questionnaire_id=RAPPROCHEMENT.id,
                workshop_id=created_id,
                answers={
                    item.id: answer(k, organisation, person, later=later) for k, item in enumerate(RAPPROCHEMENT.items)
                },
                profile={"role": ROLES[person % 2], "organisation": ORGANISATIONS[organisation]},
                comments={},
                step=0,
            )
            assert store.submit(token)
    spec = WorkshopSpec(RAPPROCHEMENT, tuple(view.profile_fields), tuple(view.organisations))
    # Everyone sent before the first publication round: one batch, as when the room answers at once.
    workshops.publish_round(store, spec, created_id)
    if close:
        store.set_workshop_status(key, "closed")
        workshops.publish_round(store, spec, created_id)
    projection = store.projection_token(key)
    assert projection is not None
    return Seeded(created_id, key, view.participant_code, projection)
