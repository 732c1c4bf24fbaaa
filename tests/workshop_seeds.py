"""Workshops written straight through the Store, for tests whose subject is not the answering journey (AppTest
and browser tests alike: a browser test passes the Store of its server's database)."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.loader import load_questionnaire
from scoring.privacy import WorkshopSpec
from storage import Store
from tests.browser.server import ROOT
from ui import workshops


@dataclass(frozen=True)
class ClosedWorkshop:
    facilitator_key: str
    projection_token: str
    workshop_id: int


def send_express(store: Store, workshop_id: int, shift: int) -> str:
    """One response of express sent to the workshop, its answers shifted by ``shift`` so that people do not all
    agree; the respondent's token."""
    express = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
    token = store.new_respondent_token()
    answers = {item.id: ((n * 2 + shift) % 5) + 1 for n, item in enumerate(express.items)}
    store.save_draft(
        token,
        questionnaire_id="express",
        workshop_id=workshop_id,
        answers=answers,
        profile={},
        comments={},
        step=0,
    )
    assert store.submit(token)
    return token


def open_express_workshop(store: Store, *, title: str = "Bureau du 3 avril"):
    """A new open workshop of express, with no organisation nor profile question, its results shown to
    participants once closed: the smallest workshop a participant's page can be tested on."""
    return store.create_workshop(
        title=title,
        questionnaire_id="express",
        organisations=[],
        profile_fields=[],
        show_results_to_participants=True,
    )


def closed_express_workshop(store: Store, *, people: int = 4) -> ClosedWorkshop:
    """A closed workshop of express with ``people`` submitted responses that do not all agree."""
    express = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
    created = store.create_workshop(
        title="Conseil du 12 mars",
        questionnaire_id="express",
        organisations=[],
        profile_fields=[],
        show_results_to_participants=False,
    )
    for shift in range(people):
        send_express(store, created.workshop_id, shift)
        # What the app does after a first submit: a publication round of the privacy rule, so that the shared
        # results hold these answers (reading never publishes).
        workshops.publish_round(store, WorkshopSpec(express, (), ()), created.workshop_id)
    store.set_workshop_status(created.facilitator_key, "closed")
    projection = store.projection_token(created.facilitator_key)
    assert projection is not None
    return ClosedWorkshop(created.facilitator_key, projection, created.workshop_id)
