"""The questionnaires shipped in ``questionnaires/``, loaded once per server process."""

from __future__ import annotations

import math
import os
from pathlib import Path

import streamlit as st

from scoring.bibliography import default_bibliography
from scoring.loader import load_questionnaire
from scoring.model import Questionnaire
from scoring.problems import QuestionnaireError

# A federation serving its own questionnaires points this at their folder, without touching the shipped ones.
QUESTIONNAIRES_DIR = Path(
    os.environ.get("RADAR_QUESTIONNAIRES_DIR") or Path(__file__).resolve().parents[1] / "questionnaires"
)
# Reading and rating a statement takes about 20 seconds on a phone; profile questions a few more.
SECONDS_PER_ITEM = 20
# The order in which the home page proposes them: the short one first, for a first try or a class.
PREFERRED_ORDER = ("express", "sante-partenariat", "rapprochement")


@st.cache_resource(show_spinner=False)
def shipped_questionnaires() -> dict[str, Questionnaire]:
    found: dict[str, Questionnaire] = {}
    for path in sorted(QUESTIONNAIRES_DIR.glob("*.yaml")):
        try:
            # Cited keys checked against the bibliography, so that every source shown has its reference.
            questionnaire = load_questionnaire(path, bibliography=default_bibliography())
        except QuestionnaireError:
            # A broken shipped file is caught by the test suite; the app still offers the others.
            continue
        found[questionnaire.id] = questionnaire
    order = {qid: rank for rank, qid in enumerate(PREFERRED_ORDER)}
    return dict(sorted(found.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0])))


def get_questionnaire(questionnaire_id: str | None) -> Questionnaire | None:
    if not questionnaire_id:
        return None
    return shipped_questionnaires().get(questionnaire_id)


def estimated_minutes(questionnaire: Questionnaire) -> int:
    seconds = SECONDS_PER_ITEM * (len(questionnaire.items) + len(questionnaire.profile))
    return max(1, math.ceil(seconds / 60))
