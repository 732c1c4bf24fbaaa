"""The answering flow: profile, one dimension per step, a summary, then submission.

The canonical answers live in ``st.session_state[ANSWERS]`` (item id -> scale value, or None for « Je ne sais
pas »; an absent key means not answered yet) and are saved to storage under the respondent token at every
change, so that a reload, or a phone that went to sleep, resumes where it was (the token is in the URL).
Widget keys are derived from item ids; their values are copied from the canonical answers when a step is drawn,
because Streamlit forgets a widget's value once it is no longer on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from scoring.model import Questionnaire
from storage import inputs
from ui import urls
from ui.catalogue import get_questionnaire
from ui.language import current_language
from ui.services import get_store

NOT_APPLICABLE = "na"

QID = "flow_questionnaire_id"
TOKEN = "flow_token"
ANSWERS = "flow_answers"
PROFILE = "flow_profile"
COMMENTS = "flow_comments"
MAX_COMMENT_LENGTH = inputs.MAX_COMMENT  # storage enforces it too
STEP = "flow_step"
WORKSHOP = "flow_workshop_id"
SUBMITTED = "flow_submitted"
ORGANISATIONS = "flow_organisations"
ASKED_PROFILE = "flow_asked_profile"
WORKSHOP_CODE = "flow_workshop_code"
CLOSED = "flow_workshop_closed"
JUST_SUBMITTED = "flow_just_submitted"
GONE = "flow_workshop_gone"


@dataclass(frozen=True)
class FlowContext:
    """Where a respondent is: which questionnaire, which workshop (if any) and what to ask in the profile."""

    questionnaire: Questionnaire
    token: str
    workshop_id: int | None = None
    organisations: list[str] = field(default_factory=list)
    asked_profile: list[str] | None = None  # None: every profile field that has options


def start(
    questionnaire_id: str,
    *,
    workshop_id: int | None = None,
    workshop_code: str | None = None,
    organisations: list[str] | None = None,
    asked_profile: list[str] | None = None,
) -> str:
    """A new anonymous respondent: a fresh token, empty answers, step 0."""
    token = get_store().new_respondent_token()
    _reset(token, questionnaire_id, workshop_id, organisations or [], asked_profile)
    st.session_state[WORKSHOP_CODE] = workshop_code
    save()
    st.query_params.update(url_params())
    return token


def url_params() -> dict[str, str]:
    """What the URL must carry for a reload to resume: the token, and in a workshop its participant code."""
    code = st.session_state.get(WORKSHOP_CODE)
    return urls.respondent_params(str(st.session_state.get(TOKEN) or ""), current_language(), code and str(code))


def _reset(
    token: str,
    questionnaire_id: str,
    workshop_id: int | None,
    organisations: list[str],
    asked_profile: list[str] | None,
) -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(("item_", "profile_", "comment_"))]:
        del st.session_state[key]
    st.session_state[TOKEN] = token
    st.session_state[QID] = questionnaire_id
    st.session_state[WORKSHOP] = workshop_id
    st.session_state[ORGANISATIONS] = organisations
    st.session_state[ASKED_PROFILE] = asked_profile
    st.session_state[ANSWERS] = {}
    st.session_state[PROFILE] = {}
    st.session_state[COMMENTS] = {}
    st.session_state[STEP] = 0
    st.session_state[SUBMITTED] = False
    st.session_state[CLOSED] = False
    st.session_state[GONE] = False


def restore_from_url() -> bool:
    """Resume the respondent whose token is in the URL, if the session does not hold them yet."""
    token = st.query_params.get(urls.TOKEN)
    if not token or token == st.session_state.get(TOKEN):
        return bool(token)
    draft = get_store().load_draft(token)
    if draft is None:
        return False
    organisations: list[str] = []
    asked: list[str] | None = None
    code = st.query_params.get(urls.CODE)
    if draft.workshop_id is not None:
        from ui.workshops import workshop_context_for  # only workshops need it

        found = workshop_context_for(code, draft.workshop_id)
        if found is None:  # the code does not match the token's workshop: resume nothing
            return False
        organisations, asked = found
    _reset(token, draft.questionnaire_id, draft.workshop_id, organisations, asked)
    st.session_state[WORKSHOP_CODE] = code if draft.workshop_id is not None else None
    st.session_state[ANSWERS] = dict(draft.answers)
    st.session_state[PROFILE] = dict(draft.profile)
    st.session_state[COMMENTS] = dict(draft.comments)
    st.session_state[STEP] = draft.step
    st.session_state[SUBMITTED] = draft.submitted
    return True


def context() -> FlowContext | None:
    """The current respondent, restored from the URL token after a reload; None if there is none."""
    restore_from_url()
    questionnaire = get_questionnaire(st.session_state.get(QID))
    token = st.session_state.get(TOKEN)
    if questionnaire is None or not token:
        return None
    st.query_params.update(url_params())
    return FlowContext(
        questionnaire=questionnaire,
        token=token,
        workshop_id=st.session_state.get(WORKSHOP),
        organisations=list(st.session_state.get(ORGANISATIONS) or []),
        asked_profile=st.session_state.get(ASKED_PROFILE),
    )


def save() -> None:
    """Save the draft; in a workshop the facilitator has closed, keep the answers on screen and say so."""
    from storage import StorageError, WorkshopClosed

    if st.session_state.get(SUBMITTED):
        return
    try:
        _save_draft()
    except WorkshopClosed:
        st.session_state[CLOSED] = True
    except StorageError:
        # The workshop was deleted meanwhile: say so rather than crash; the answers stay on screen.
        st.session_state[GONE] = True


def workshop_closed() -> bool:
    return bool(st.session_state.get(CLOSED))


def workshop_gone() -> bool:
    return bool(st.session_state.get(GONE))


def _save_draft() -> None:
    get_store().save_draft(
        st.session_state[TOKEN],
        questionnaire_id=st.session_state[QID],
        workshop_id=st.session_state.get(WORKSHOP),
        answers=dict(st.session_state[ANSWERS]),
        profile=dict(st.session_state[PROFILE]),
        comments=dict(st.session_state[COMMENTS]),
        step=int(st.session_state[STEP]),
    )


# ----- answers -------------------------------------------------------------------------------------------------


def item_key(item_id: str) -> str:
    return f"item_{item_id}"


def answers() -> dict[str, int | None]:
    return dict(st.session_state.get(ANSWERS) or {})


def prepare_item_widget(item_id: str) -> None:
    key = item_key(item_id)
    if key not in st.session_state:
        stored = st.session_state[ANSWERS].get(item_id, "unset")
        st.session_state[key] = None if stored == "unset" else (NOT_APPLICABLE if stored is None else stored)


def on_item_change(item_id: str) -> None:
    value = st.session_state.get(item_key(item_id))
    if value is None:
        st.session_state[ANSWERS].pop(item_id, None)
    else:
        st.session_state[ANSWERS][item_id] = None if value == NOT_APPLICABLE else int(value)
    save()


def profile_key(field_id: str) -> str:
    return f"profile_{field_id}"


def prepare_profile_widget(field_id: str) -> None:
    key = profile_key(field_id)
    if key not in st.session_state:
        st.session_state[key] = st.session_state[PROFILE].get(field_id)


def on_profile_change(field_id: str) -> None:
    value = st.session_state.get(profile_key(field_id))
    if value is None:
        st.session_state[PROFILE].pop(field_id, None)
    else:
        st.session_state[PROFILE][field_id] = str(value)
    save()


def comment_key(dimension_id: str) -> str:
    return f"comment_{dimension_id}"


def prepare_comment_widget(dimension_id: str) -> None:
    key = comment_key(dimension_id)
    if key not in st.session_state:
        st.session_state[key] = st.session_state[COMMENTS].get(dimension_id, "")


def on_comment_change(dimension_id: str) -> None:
    text = str(st.session_state.get(comment_key(dimension_id)) or "").strip()
    if text:
        st.session_state[COMMENTS][dimension_id] = text
    else:
        st.session_state[COMMENTS].pop(dimension_id, None)
    save()


# ----- steps ---------------------------------------------------------------------------------------------------


def profile_fields(ctx: FlowContext) -> list[tuple[str, list[tuple[str, str | dict[str, str]]]]]:
    """The profile questions to ask, with their options (id, label); open lists take the workshop's."""
    asked = []
    for profile_field in ctx.questionnaire.profile:
        if ctx.asked_profile is not None and profile_field.id not in ctx.asked_profile:
            continue
        if profile_field.options:
            options: list[tuple[str, str | dict[str, str]]] = [(o.id, o.label) for o in profile_field.options]
        else:
            options = [(name, name) for name in ctx.organisations]
        if options:
            asked.append((profile_field.id, options))
    return asked


def step_count(ctx: FlowContext) -> int:
    """Profile (if any), one step per dimension, then the summary."""
    return (1 if profile_fields(ctx) else 0) + len(ctx.questionnaire.dimensions) + 1


def current_step(ctx: FlowContext) -> int:
    return max(0, min(int(st.session_state.get(STEP, 0)), step_count(ctx) - 1))


def describe_step(ctx: FlowContext, step: int) -> tuple[str, int | None]:
    """('profile', None), ('dimension', index) or ('summary', None)."""
    offset = 1 if profile_fields(ctx) else 0
    if offset and step == 0:
        return "profile", None
    index = step - offset
    if index < len(ctx.questionnaire.dimensions):
        return "dimension", index
    return "summary", None


def step_of_dimension(ctx: FlowContext, index: int) -> int:
    return index + (1 if profile_fields(ctx) else 0)


def go_to(step: int) -> None:
    st.session_state[STEP] = step
    save()


def unanswered_by_dimension(ctx: FlowContext) -> dict[str, list[str]]:
    """Item ids not answered yet (« Je ne sais pas » counts as an answer), per dimension id."""
    given = st.session_state.get(ANSWERS) or {}
    missing = {}
    for dimension in ctx.questionnaire.dimensions:
        ids = [item.id for item in dimension.items if item.id not in given]
        if ids:
            missing[dimension.id] = ids
    return missing


def is_submitted() -> bool:
    return bool(st.session_state.get(SUBMITTED))


def submit() -> str:
    """Idempotent: a second click, or a reload after submitting, changes nothing. Returns "ok" or "closed"."""
    from storage import StorageError, WorkshopClosed

    try:
        _save_draft()
        get_store().submit(st.session_state[TOKEN])
    except WorkshopClosed:
        st.session_state[CLOSED] = True
        return "closed"
    except StorageError:
        st.session_state[GONE] = True
        return "gone"
    st.session_state[SUBMITTED] = True
    st.session_state[JUST_SUBMITTED] = True
    return "ok"


def erase() -> bool:
    """Erase a solo respondent's answers for good, from the database and from this session and its URL."""
    token = st.session_state.get(TOKEN)
    if not token or st.session_state.get(WORKSHOP) is not None:
        return False
    erased = get_store().delete_solo_response(token)
    _reset("", "", None, [], None)
    st.session_state[TOKEN] = None
    st.session_state[QID] = None
    st.query_params.pop(urls.TOKEN, None)
    return erased


def take_just_submitted() -> bool:
    """True once, right after submitting: the page then moves on to the results."""
    return bool(st.session_state.pop(JUST_SUBMITTED, False))


def state_snapshot() -> dict[str, Any]:
    """What the results page needs of the respondent's own answers."""
    return {
        "answers": dict(st.session_state.get(ANSWERS) or {}),
        "profile": dict(st.session_state.get(PROFILE) or {}),
        "comments": dict(st.session_state.get(COMMENTS) or {}),
    }
