"""The questionnaires a workshop can use: those shipped in ``questionnaires/`` (loaded once per server process), and
those a facilitator imported (issue 17), kept in the database with the workshops that use them.

`get_questionnaire` resolves any workshop's or respondent's ``questionnaire_id``: a shipped id, or an imported
questionnaire's reference (``imported-…``), read from storage and validated again (its text is data only: YAML that
can hold nothing but plain values, never a file on the server, never run).
"""

from __future__ import annotations

import math
import os
import threading
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from scoring.bibliography import default_bibliography
from scoring.loader import load_questionnaire, parse_questionnaire
from scoring.model import Questionnaire, text_in
from scoring.problems import QuestionnaireError
from storage import ImportedQuestionnaire, is_imported_reference

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
    """The questionnaire of this id (a shipped one, or an imported one by its reference), or None.

    An imported one is looked up in storage at each call (it goes with its last workshop); may raise
    `StorageUnavailable` like any read of a workshop, which the pages that resolve one already handle.
    """
    if not questionnaire_id:
        return None
    if is_imported_reference(questionnaire_id):
        return imported_questionnaire(questionnaire_id)
    return shipped_questionnaires().get(questionnaire_id)


# Imported questionnaires validated once per process: a reference is the hash of the text, so what it names never
# changes; the row is still read each time, so that a deleted one is found no more.
_IMPORTED_CACHE_SIZE = 32
_imported_cache: OrderedDict[str, Questionnaire] = OrderedDict()
_imported_lock = threading.Lock()


def imported_questionnaire(reference: str) -> Questionnaire | None:
    from storage import StorageUnavailable
    from ui.services import get_store

    try:
        stored = get_store().imported_questionnaire(reference)
    except StorageUnavailable:
        # What a reference names never changes: a questionnaire read before serves while the database is away
        # (the answering pages then say their own storage notice, rather than an error about the questionnaire).
        with _imported_lock:
            if reference in _imported_cache:
                return _imported_cache[reference]
        raise
    if stored is None or stored.reference != reference:
        return None
    with _imported_lock:
        if reference in _imported_cache:
            _imported_cache.move_to_end(reference)
            return _imported_cache[reference]
    questionnaire = parse_imported(stored)
    if questionnaire is None:
        return None
    with _imported_lock:
        _imported_cache[reference] = questionnaire
        while len(_imported_cache) > _IMPORTED_CACHE_SIZE:
            _imported_cache.popitem(last=False)
    return questionnaire


def parse_imported(stored: ImportedQuestionnaire) -> Questionnaire | None:
    """The stored text validated again, named by its reference (the id its workshops and answers know it by), or None
    if it no longer passes (a stricter format since it was imported): its workshops then say it is unknown."""
    try:
        questionnaire = parse_questionnaire(stored.source, "questionnaire.yaml")
    except QuestionnaireError:
        return None
    return questionnaire.model_copy(update={"id": stored.reference})


def shown_text(questionnaire: Questionnaire, text: dict[str, str] | None, lang: str) -> str:
    """A questionnaire's text for a Streamlit element that reads Markdown (a title, a header, a caption, a widget's
    label or options): an imported questionnaire's exactly as its author typed it (`ui.text.plain`: ``**x**`` and
    ``<b>`` show as typed, never as bold or HTML), a shipped one's as the project wrote and reviewed it."""
    from ui.text import plain

    value = text_in(text, lang)
    return plain(value) if is_imported_reference(questionnaire.id) else value


def shown_plain(questionnaire: Questionnaire, value: str | None) -> str | None:
    """Text built from a questionnaire's (a statement's help and source, a recommendation's source) for an element
    that reads Markdown: as typed for an imported questionnaire, as it is for a shipped one."""
    from ui.text import plain

    if value is None or not is_imported_reference(questionnaire.id):
        return value
    return plain(value)


def estimated_minutes(questionnaire: Questionnaire) -> int:
    seconds = SECONDS_PER_ITEM * (len(questionnaire.items) + len(questionnaire.profile))
    return max(1, math.ceil(seconds / 60))
