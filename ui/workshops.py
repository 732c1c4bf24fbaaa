"""Workshops seen from the pages: creation, joining, the aggregate report. No individual answer leaves here."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import Questionnaire
from scoring.privacy import hide_small_counts
from scoring.results import ScoreReport
from storage import FacilitatorView, ParticipantView, ProjectionView, Scale, inputs
from storage.codes import normalize_participant_code
from ui.catalogue import get_questionnaire
from ui.rate_limit import JOIN_BRAKE, give_back, pass_brake
from ui.services import get_store
from ui.text import split_lines

# The forms' limits are storage's, which enforces them.
MAX_ORGANISATIONS = inputs.MAX_ORGANISATIONS
MAX_ORGANISATION_LENGTH = inputs.MAX_ORGANISATION
MAX_TITLE_LENGTH = inputs.MAX_TITLE


@dataclass(frozen=True)
class WorkshopResults:
    """What a facilitator (or, once closed, a participant) may see: aggregates, or nothing yet."""

    questionnaire: Questionnaire
    joined: int
    submitted: int
    counted: int  # submitted responses in the shown results
    # Submitted but not counted: waiting for a batch, or blank. One figure for both, so that the screen never tells
    # whether the last person to send answered anything.
    waiting: int
    report: ScoreReport | None  # None while fewer than min_group_size people are counted


def parse_organisations(text: str) -> tuple[list[str], list[str]]:
    """One organisation per line; returns the clean list and the problems (as i18n keys with params)."""
    names: list[str] = []
    problems: list[str] = []
    for name in split_lines(text):
        if len(name) > MAX_ORGANISATION_LENGTH:
            problems.append("workshop.error_org_too_long")
            continue
        if name.casefold() in (n.casefold() for n in names):
            continue
        names.append(name)
    if len(names) > MAX_ORGANISATIONS:
        problems.append("workshop.error_too_many_orgs")
    return names, problems


def qr_png(url: str) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def facilitator_view(key: str | None) -> FacilitatorView | None:
    if not key:
        return None
    return get_store().workshop_for_facilitator(key)


def projection_token(key: str) -> str | None:
    return get_store().projection_token(key)


def projection_view(token: str | None) -> ProjectionView | None:
    if not token:
        return None
    return get_store().workshop_for_projection(token)


def scale_of(questionnaire: Questionnaire) -> Scale:
    """The questionnaire's scale as storage keeps it with a workshop (the database then refuses answers off it)."""
    return Scale(min=questionnaire.scale.min, max=questionnaire.scale.max, allow_na=questionnaire.scale.allow_na)


def participant_view(code: str | None) -> ParticipantView | None:
    if not code:
        return None
    return get_store().workshop_for_participant(code)


# Codes this browser session has already opened: looked up again (a workshop's status changes) without taking a
# slot of the brake each time the page reruns. Only codes that exist go in, so this spares no guess.
KNOWN_CODES = "join_known_codes"
# Wrong codes allowed to one browser session before it must stop; a person who mistypes never gets near it. Only
# a first line (a new session starts again from zero): the brake that holds is the database's, `ui.rate_limit`.
SESSION_FAILURE_LIMIT = 10
SESSION_FAILURES = "join_failures"


def join(code: str | None) -> ParticipantView | Literal["wait"] | None:
    """Every lookup of a code a visitor gave: the workshop, None for a wrong code, "wait" for a session that tried
    too many wrong codes or when the site-wide brake on codes refuses the lookup (`ui.rate_limit`: at most 300
    lookups in any minute however many sessions try at once; codes that exist give their slot back)."""
    normalized = normalize_participant_code(code or "")
    known: set[str] = st.session_state.setdefault(KNOWN_CODES, set())
    if normalized is not None and normalized in known:
        return get_store().workshop_for_participant(normalized)
    failures = int(st.session_state.get(SESSION_FAILURES, 0))
    if failures >= SESSION_FAILURE_LIMIT:
        return "wait"
    view = None
    if normalized is not None:  # what cannot be a code is not looked up, and takes nothing from the brake
        store = get_store()
        if not pass_brake(store, JOIN_BRAKE):
            return "wait"
        view = store.workshop_for_participant(normalized)
    if view is None:
        st.session_state[SESSION_FAILURES] = failures + 1
        return None
    give_back(store, JOIN_BRAKE)
    known.add(normalized)
    return view


def workshop_context_for(code: str | None, workshop_id: int) -> tuple[list[str], list[str]] | None:
    """A participant's organisations and profile questions, found again from the code in their URL."""
    view = participant_view(code)
    if view is None or view.id != workshop_id:
        return None
    return list(view.organisations), list(view.profile_fields)


def results_for(workshop: ParticipantView, *, group_by: str | None = None) -> WorkshopResults | None:
    """The workshop's aggregate report, computed by the scoring module from published responses only.

    While the workshop is open, responses are published by batches of min_group_size and the newest
    min_group_size are held back; at closing, all of them go (storage.Store.publish says why). Figures from
    fewer than min_group_size people are blanked (scoring.privacy.hide_small_counts).
    """
    questionnaire = get_questionnaire(workshop.questionnaire_id)
    if questionnaire is None:
        return None
    store = get_store()
    minimum = questionnaire.min_group_size
    hold_back = minimum if workshop.status == "open" else 0
    store.publish(workshop.id, batch=minimum, hold_back=hold_back)
    joined, submitted = store.workshop_counts(workshop.id)

    # Version 1 databases published blank responses too (storage.schema): they carry nothing, and make up no group.
    responses = [
        r
        for r in store.submitted_responses(workshop.id, published_only=True)
        if any(value is not None for value in r.answers.values())
    ]

    def results(report: ScoreReport | None) -> WorkshopResults:
        return WorkshopResults(questionnaire, joined, submitted, len(responses), submitted - len(responses), report)

    if len(responses) < minimum:
        return results(None)
    frame = responses_frame(questionnaire, [r.answers for r in responses], [r.profile for r in responses])
    field = group_by if group_by and questionnaire.profile_field(group_by) else None
    return results(hide_small_counts(score_responses(questionnaire, frame, group_by=field), minimum))
