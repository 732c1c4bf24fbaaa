"""The answering flow in Streamlit: the answer state (``ui.answer_state``) in one session key, kept in step
with the widgets, saved at every change, and retried while storage fails.

The state lives under :data:`STATE_KEY` only. Every run of an answering page calls :func:`current`, which

1. resumes the respondent whose token is in the URL, if the session does not hold them (a reload, a phone that
   slept, a new session after a server restart), from storage;
2. **reconciles** the state with every widget value the session holds for this respondent (any language: a tap
   sent in the same message as a language switch is read with the serde of the language it was made in), puts
   back widgets that hold something refused, and forgets the widgets of other languages, generations and
   respondents;
3. saves the state if it changed, or if an earlier save failed.

Widgets are drawn by :func:`item_radio`, :func:`profile_radio` and :func:`comment_area`. Their keys carry a
digest of the token, a generation and the language (``ans.<digest>.<generation>.<lang>.<kind>.<id>``): after a
language switch the widgets are new ones, started from the state, whose options carry the new language's
labels; another respondent on the same phone gets widgets of their own; and putting a widget back to the state
(it held something refused) gives that widget alone a new generation, drawn anew from the state (the others keep
their keys, so that the text a person is typing, or a tap on another statement, is not lost with the redraw). A
widget drawn for the first time in a session starts from the state unless the browser already shows a value for it
(the browser re-sends what it shows after a reconnection): then that value is reconciled too, so that the first tap
after a server restart is kept.

A failed save keeps the answer on screen and in the state, marked unsaved; :func:`save_notice` says so in the
page's language and retries every :data:`RETRY_EVERY_S` seconds (and every run retries) until storage is back.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import streamlit as st

from scoring.answer_rules import AnswerRules, position_key
from scoring.loader import shipped_continuum
from scoring.model import Dimension, Item, Position, Questionnaire
from storage import inputs
from ui import answer_state, browser_memory, urls
from ui.answer_state import NOT_APPLICABLE, AnswerState, Ref, Respondent, reconcile
from ui.catalogue import get_questionnaire
from ui.language import current_language, t
from ui.services import get_store

__all__ = ["NOT_APPLICABLE", "Answering", "current", "is_the_continuum", "position_key", "start"]

LOG = logging.getLogger(__name__)

STATE_KEY = "answer_state"
MAX_COMMENT_LENGTH = inputs.MAX_COMMENT  # storage enforces it too
WIDGET_PREFIX = "ans"
# How often a page retries a failed save on its own while nobody touches it: soon enough that a room sees its
# answers saved as the database comes back, rare enough to cost nothing.
RETRY_EVERY_S = 3.0
# The period of the answering pages' idle timer (see `save_notice`): only its existence matters, so it is long.
WATCH_EVERY_S = 60.0


@dataclass(frozen=True)
class Answering:
    """What an answering page needs: the questionnaire, its rules for this respondent, and the state."""

    questionnaire: Questionnaire
    rules: AnswerRules
    state: AnswerState

    @property
    def respondent(self) -> Respondent:
        return self.state.respondent

    @property
    def in_workshop(self) -> bool:
        return self.respondent.workshop_id is not None

    @functools.cached_property
    def steps(self) -> tuple[answer_state.Step, ...]:
        # Worked out once per Answering: a run asked for them three times (the count, the step, its kind), each
        # time going through every dimension's statements for the role.
        return answer_state.steps(self.questionnaire, self.rules, self.state.profile)

    @property
    def step_count(self) -> int:
        return len(self.steps)

    @property
    def step(self) -> int:
        return max(0, min(self.state.step, self.step_count - 1))

    def describe(self, step: int) -> answer_state.Step:
        return answer_state.step_in(self.steps, step)

    def step_of_dimension(self, index: int) -> int:
        return self.steps.index(("dimension", index))

    def profile_questions(self) -> list[tuple[str, list[tuple[str, str | dict[str, str]]]]]:
        return answer_state.profile_questions(self.questionnaire, self.rules)

    def asked_items(self, dimension: Dimension) -> list[Item]:
        """The statements of a dimension this respondent is asked (their role decides, ``scoring.asking``)."""
        return answer_state.asked_items(self.questionnaire, self.state.profile, dimension)

    @property
    def asked_count(self) -> int:
        return len(answer_state.asked_item_ids(self.questionnaire, self.state.profile))

    def unanswered(self) -> dict[str, list[str]]:
        return answer_state.unanswered_by_dimension(self.questionnaire, self.state)

    @property
    def not_asked(self) -> list[Ref]:
        """Answers the state keeps that are no longer asked (the role changed): not sent."""
        return answer_state.not_asked(self.questionnaire, self.state)

    @property
    def to_send(self) -> AnswerState:
        """The state as it is sent, and as one's own results score it: only what is asked."""
        return answer_state.only_asked(self.questionnaire, self.state)


# ----- the one session key -------------------------------------------------------------------------------------


def state() -> AnswerState | None:
    value = st.session_state.get(STATE_KEY)
    return value if isinstance(value, AnswerState) else None


def _keep(new: AnswerState) -> AnswerState:
    st.session_state[STATE_KEY] = new
    return new


def _digest(token: str) -> str:
    # Not the token itself: keys show in the page (Streamlit writes them into class names).
    return hashlib.sha256(token.encode()).hexdigest()[:12]


class WidgetKey(NamedTuple):
    """What an answer widget's key says: whose it is, of which generation, in which language, for what."""

    digest: str
    generation: int
    lang: str
    ref: Ref

    def __str__(self) -> str:
        return f"{WIDGET_PREFIX}.{self.digest}.{self.generation}.{self.lang}.{self.ref.kind}.{self.ref.id}"


def widget_key(state: AnswerState, lang: str, ref: Ref) -> str:
    return str(WidgetKey(_digest(state.respondent.token), state.generation_of(ref), lang, ref))


def _is_current(parsed: WidgetKey, state: AnswerState, lang: str) -> bool:
    """Whether a widget key is the one `widget_key` gives now (its respondent, language and generation)."""
    return (parsed.digest, parsed.generation, parsed.lang) == (
        _digest(state.respondent.token),
        state.generation_of(parsed.ref),
        lang,
    )


def parse_widget_key(key: object) -> WidgetKey | None:
    if not isinstance(key, str) or not key.startswith(WIDGET_PREFIX + "."):
        return None
    parts = key.split(".", 5)
    if len(parts) != 6 or not parts[2].isdigit() or parts[4] not in ("item", "profile", "comment", "position"):
        return None
    return WidgetKey(parts[1], int(parts[2]), parts[3], Ref(parts[4], parts[5]))  # type: ignore[arg-type]


def url_params() -> dict[str, str]:
    """What the URL must carry for a reload to resume: the token, and in a workshop its participant code."""
    current_state = state()
    if current_state is None:
        return {urls.LANG: current_language()}
    respondent = current_state.respondent
    return urls.respondent_params(respondent.token, current_language(), respondent.workshop_code)


# ----- starting, resuming, erasing -----------------------------------------------------------------------------


def start(
    questionnaire_id: str,
    *,
    workshop_id: int | None = None,
    workshop_code: str | None = None,
    organisations: Sequence[str] = (),
    asked_profile: Sequence[str] | None = None,
) -> str:
    """A new anonymous respondent: a fresh token, empty answers, step 0, saved at once. Returns the token."""
    respondent = Respondent(
        token=get_store().new_respondent_token(),
        questionnaire_id=questionnaire_id,
        workshop_id=workshop_id,
        workshop_code=workshop_code,
        organisations=tuple(organisations),
        asked_profile=None if asked_profile is None else tuple(asked_profile),
    )
    _forget_widgets(keep=None)
    new = _keep(AnswerState.new(respondent))
    # This browser now answers under this token: its join link (or a new tab) finds this response again.
    browser_memory.remember_response(workshop_code, respondent.token, sent=False)
    questionnaire = get_questionnaire(questionnaire_id)
    if questionnaire is not None:
        _keep(_save(new, respondent.rules(questionnaire, max_comment=MAX_COMMENT_LENGTH)))
    st.query_params.update(url_params())
    return respondent.token


class StorageDown(Exception):
    """Storage could not be read to resume a respondent: the page says so and tries again."""


def resume_from_url() -> AnswerState | None:
    """The respondent whose token is in the URL, resumed from storage if the session does not hold them yet.

    None if the URL names nobody (or a token whose workshop code does not match). Raises :class:`StorageDown`
    when storage cannot be read.
    """
    token = st.query_params.get(urls.TOKEN)
    held = state()
    if not token:
        return None
    if held is not None and held.respondent.token == token:
        return held
    restored = _load(token)
    if restored is not None:
        # A link opened in this browser (kept, or typed in another tab) is remembered like a response started here.
        browser_memory.remember_response(restored.respondent.workshop_code, token, sent=restored.submitted)
        # Another respondent's widgets go; this one's can only be what the browser shows after a reconnection,
        # which the reconciliation reads.
        _forget_widgets(keep=None, except_digest=_digest(token))
        _keep(restored)
    return restored


def resume_from_memory() -> AnswerState | None:
    """With no token in the URL and none in the session: the questionnaire this browser answers alone."""
    if st.query_params.get(urls.TOKEN) or state() is not None:
        return None
    remembered = browser_memory.recall("solo")
    if remembered is None:
        return None
    st.query_params[urls.TOKEN] = remembered["r"]
    resumed = resume_from_url()
    if resumed is None:  # erased, or purged after 30 days: forget it
        st.query_params.pop(urls.TOKEN, None)
        browser_memory.forget("solo")
    return resumed


def _load(token: str) -> AnswerState | None:
    """The respondent of ``token`` as storage has them, or None; raises StorageDown."""
    from storage import StorageError, StorageUnavailable

    try:
        draft = get_store().load_draft(token)
    except StorageUnavailable as error:
        raise StorageDown from error
    except StorageError:
        return None
    except Exception as error:  # a storage failure not translated yet: still never Streamlit's error page
        LOG.exception("loading a draft failed")
        raise StorageDown from error
    if draft is None:
        return None
    questionnaire = get_questionnaire(draft.questionnaire_id)
    if questionnaire is None:
        return None
    organisations: list[str] = []
    asked: list[str] | None = None
    code = st.query_params.get(urls.CODE)
    if draft.workshop_id is not None:
        from ui.workshops import workshop_context_for  # only workshops need it

        found = workshop_context_for(code, draft.workshop_id)
        if found is None:  # the code does not match the token's workshop: resume nothing
            return None
        organisations, asked = found
    respondent = Respondent(
        token=token,
        questionnaire_id=draft.questionnaire_id,
        workshop_id=draft.workshop_id,
        workshop_code=code if draft.workshop_id is not None else None,
        organisations=tuple(organisations),
        asked_profile=None if asked is None else tuple(asked),
    )
    return AnswerState.restored(
        respondent,
        respondent.rules(questionnaire, max_comment=MAX_COMMENT_LENGTH),
        answers=draft.answers,
        profile=draft.profile,
        comments=draft.comments,
        positions=draft.positions,
        step=draft.step,
        submitted=draft.submitted,
    )


def current() -> Answering | None:
    """The respondent of this page, reconciled with the widgets and saved; None if there is none.

    Storage down while resuming: says so, retries on its own, and stops the page.
    """
    try:
        held = resume_from_url() or state() or resume_from_memory()
    except StorageDown:
        storage_down_notice()
        st.stop()
    if held is None:
        return None
    questionnaire = get_questionnaire(held.respondent.questionnaire_id)
    if questionnaire is None:
        return None
    answering = _synced(held, questionnaire)
    put_in_url(url_params())
    return answering


def put_in_url(params: dict[str, str]) -> None:
    """Write ``params`` into the URL if it does not already say so: every update is a message to the browser, and
    every run of an answering page wants the token there (a page switch drops the query string)."""
    shown = st.query_params.to_dict()
    if any(shown.get(name) != value for name, value in params.items()):
        st.query_params.update(params)


def erase() -> bool | None:
    """Erase a solo respondent's answers for good, from the database and from this session and its URL.

    False: nothing to erase (no answers, or a workshop's); None: storage failed, nothing was erased.
    """
    held = state()
    if held is None or held.respondent.workshop_id is not None:
        return False
    try:
        erased = get_store().delete_solo_response(held.respondent.token)
    except Exception:  # StorageUnavailable or worse: say so rather than show Streamlit's error page
        LOG.exception("erasing a response failed")
        return None
    _forget_widgets(keep=None)
    st.session_state.pop(STATE_KEY, None)
    st.query_params.pop(urls.TOKEN, None)
    browser_memory.forget("solo")
    return erased


# ----- reconciliation with the widgets -------------------------------------------------------------------------


def _forget_widgets(
    *,
    keep: tuple[AnswerState, str] | None,
    except_digest: str | None = None,
    keys: Sequence[str] | None = None,
) -> None:
    """Drop the answer widgets' keys, except the current ones of ``keep`` (a state, a language: see `_is_current`)
    and, with ``except_digest``, all of that respondent's. ``keys``: the session's keys, when the caller has just
    listed them (listing them copies the whole session state)."""
    for key in list(st.session_state.keys()) if keys is None else keys:
        parsed = parse_widget_key(key)
        if parsed is None or parsed.digest == except_digest:
            continue
        if keep is None or not _is_current(parsed, *keep):
            del st.session_state[key]


def _synced(held: AnswerState, questionnaire: Questionnaire) -> Answering:
    """Reconcile with every widget of this respondent the session holds; save if anything changed.

    Widgets to put back are not written to: Streamlit's browser side does not reliably clear a radio told to hold
    nothing, and a value it still shows would come back with the next tap. Those widgets move to a new generation
    instead, drawn anew from the state; the others keep their keys, so that a value the browser sends for them
    while the page is being redrawn (a comment typed meanwhile) still reaches this reconciliation.
    """
    rules = held.respondent.rules(questionnaire, max_comment=MAX_COMMENT_LENGTH)
    lang = current_language()
    digest = _digest(held.respondent.token)
    older: list[tuple[Ref, object]] = []
    current: list[tuple[Ref, object]] = []
    # One copy of the whole session state, values with it: list(st.session_state.keys()) made two (its len and
    # its iteration each copy it), and reading each value goes through Streamlit's locks again.
    held_now = st.session_state.to_dict()
    keys = list(held_now)
    for key, value in held_now.items():
        parsed = parse_widget_key(key)
        if parsed is None or parsed.digest != digest:
            continue
        entry = (parsed.ref, value)
        # The current generation and language last, so that they win: the others are from before a switch.
        (current if _is_current(parsed, held, lang) else older).append(entry)
    new = reconcile(held, rules, older + current).state
    _forget_widgets(keep=(new, lang), keys=keys)
    if new.unsaved:
        new = _save(new, rules)
    return Answering(questionnaire=questionnaire, rules=rules, state=_keep(new))


def _answering() -> Answering | None:
    """The current respondent, reconciled, for callbacks (which run before the page and draw nothing)."""
    held = state()
    if held is None:
        return None
    questionnaire = get_questionnaire(held.respondent.questionnaire_id)
    return None if questionnaire is None else _synced(held, questionnaire)


def _observed_on_first_draw(answering: Answering, ref: Ref, value: object) -> Answering:
    """A widget drawn for the first time in this session holds what the browser shows: reconcile it too."""
    old = answering.state
    new = reconcile(old, answering.rules, [(ref, value)]).state
    if answer_state.values_of(new) != answer_state.values_of(old):
        new = _save(new, answering.rules)
    return Answering(answering.questionnaire, answering.rules, _keep(new))


# ----- saving --------------------------------------------------------------------------------------------------


def storage_rules(rules: AnswerRules) -> Any:
    """The same rules in storage's own terms (storage imports nothing of scoring)."""
    from storage import AnswerRules as StorageRules

    return StorageRules(
        scale_min=rules.scale_min,
        scale_max=rules.scale_max,
        allow_na=rules.allow_na,
        item_ids=rules.item_ids,
        profile_options={question: frozenset(values) for question, values in rules.profile_options.items()},
        max_comment=rules.max_comment,
        comment_keys=rules.dimension_ids,
        position_options={key: frozenset(steps) for key, steps in rules.position_options.items()},
    )


def _save_draft(held: AnswerState, rules: AnswerRules) -> None:
    respondent = held.respondent
    get_store().save_draft(
        respondent.token,
        questionnaire_id=respondent.questionnaire_id,
        workshop_id=respondent.workshop_id,
        answers=dict(held.answers),
        profile=dict(held.profile),
        comments=dict(held.comments),
        positions=dict(held.positions),
        step=held.step,
        rules=storage_rules(rules),
    )


def _save(held: AnswerState, rules: AnswerRules) -> AnswerState:
    """Save the draft; what storage says becomes part of the state. Never raises.

    A closed workshop is tried again at every save: the facilitator may reopen it, and the answers tapped
    meanwhile must then be saved (a phone that stopped trying after the closing saved nothing more until it was
    reloaded). Only a deleted workshop is never tried again: its id is never given to another."""
    if held.submitted or held.workshop == "gone":
        return held
    return _storage_call(held, lambda: _save_draft(held, rules), held.saved)


def _storage_call(held: AnswerState, call: Callable[[], object], done: Callable[[], AnswerState]) -> AnswerState:
    from storage import InvalidInput, StorageUnavailable, TokenMismatch, WorkshopClosed, WorkshopNotFound

    try:
        call()
    except WorkshopClosed:
        return held.workshop_is("closed")
    except WorkshopNotFound:
        return held.workshop_is("gone")
    except (InvalidInput, TokenMismatch):
        # The app checks every value before saving: a refusal means a bug (or a forged request), not a fault.
        LOG.exception("storage refused a draft")
        return held.save_failed("refused")
    except StorageUnavailable:
        return held.save_failed("unavailable")
    except Exception:  # any other storage failure: keep the answers and retry, never Streamlit's error page
        LOG.exception("saving a draft failed")
        return held.save_failed("unavailable")
    return done()


def retry() -> AnswerState | None:
    """Try a failed save again (the retry notice calls it every few seconds)."""
    answering = _answering()
    return None if answering is None else answering.state


# ----- what buttons do (callbacks: they run before the page, with the widgets' new values) ---------------------


def go_to(step: int) -> None:
    answering = _answering()
    if answering is None:
        return
    moved = answering.state.go_to(step, answering.step_count)
    _keep(_save(moved, answering.rules) if moved.unsaved else moved)


def submit() -> None:
    """Send the answers; idempotent (a second click, or a reload after sending, changes nothing)."""
    answering = _answering()
    if answering is None or answering.state.submitted:
        return
    held = answering.state
    if held.workshop == "gone":  # deleted: the page says so
        return
    # Closed when this phone last heard: tried anyway, the facilitator may have reopened it (storage refuses
    # otherwise, and the state stays closed).
    if held.unsaved:  # the draft must be in storage before it can be sent
        _keep(held.sending_failed() if held.workshop == "open" else held)  # closed: the page says that instead
        return
    if answering.to_send is not held:
        # Answers no longer asked (the role changed) leave the draft before it is sent: storage sends the draft.
        held = _save(answering.to_send, answering.rules)
        if held.unsaved:
            _keep(held.sending_failed() if held.workshop == "open" else held)
            return
    first: list[bool] = []  # True: this call sent it (a second call, from another tab, sends nothing)
    sent = _storage_call(held, lambda: first.append(get_store().submit(held.respondent.token)), held.sent)
    if not sent.submitted and sent.workshop == "open":
        sent = sent.sending_failed()
    elif sent.submitted:
        # This phone has answered: its join link now says so, and does not start a second response.
        browser_memory.remember_response(held.respondent.workshop_code, held.respondent.token, sent=True)
        if any(first) and held.respondent.workshop_id is not None:
            # A write: the moment the privacy module may let waiting responses into the shown results.
            from ui import workshops

            workshops.publish_after_submit(held.respondent.workshop_code, held.respondent.workshop_id)
    _keep(sent)


def just_submitted() -> bool:
    """Whether the answers were sent by this run's callback (or an earlier one), the mark not yet taken."""
    held = state()
    return held is not None and held.just_submitted


def take_just_submitted() -> bool:
    """True once, right after sending: the page then moves on to the results."""
    held = state()
    if held is None or not held.just_submitted:  # every run asks: answer without writing the session state
        return False
    taken, after = held.take_just_submitted()
    _keep(after)
    return taken


# ----- widgets -------------------------------------------------------------------------------------------------


def _draw(answering: Answering, ref: Ref, draw: Callable[[str, bool], object]) -> Answering:
    key = widget_key(answering.state, current_language(), ref)
    known = key in st.session_state
    value = draw(key, known)
    return answering if known else _observed_on_first_draw(answering, ref, value)


def item_radio(
    answering: Answering,
    item: Item,
    *,
    label: str,
    format_func: Callable[[object], str],
    help_text: str | None = None,
) -> Answering:
    """The radio of one statement: the scale, and « je ne sais pas » when the scale offers it."""
    options: list[object] = [*answering.rules.scale_values, *([NOT_APPLICABLE] if answering.rules.allow_na else [])]
    ref = Ref("item", item.id)
    shown = answering.state.widget_value(ref)

    def draw(key: str, known: bool) -> object:
        index = None if known or shown is None else options.index(shown)
        return st.radio(
            label, options=options, format_func=format_func, index=index, horizontal=True, key=key, help=help_text
        )

    return _draw(answering, ref, draw)


def profile_radio(answering: Answering, question_id: str, *, label: str, options: dict[str, str]) -> Answering:
    """The radio of one profile question; ``options`` maps each option id to its label as shown."""
    ref = Ref("profile", question_id)
    shown = answering.state.widget_value(ref)
    choices = list(options)

    def draw(key: str, known: bool) -> object:
        index = None if known or shown not in choices else choices.index(shown)  # type: ignore[arg-type]
        return st.radio(label, options=choices, format_func=options.__getitem__, index=index, key=key)

    return _draw(answering, ref, draw)


def is_the_continuum(position: Position) -> bool:
    """Whether a position question asks about the shipped continuum (``steps: continuum``): the glossary has it."""
    return [step.id for step in position.steps] == [step.id for step in shipped_continuum().steps]


def position_radio(
    answering: Answering,
    key: str,
    *,
    label: str,
    options: dict[str, str],
    captions: Sequence[str] | None,
    blank_label: str,
    help_text: str | None = None,
) -> Answering:
    """The radio of one moment of a position question (``relation.today``): the steps of its list in order (with
    ``captions``, each with its definition under it), and « je ne sais pas », which leaves it blank."""
    ref = Ref("position", key)
    shown = answering.state.widget_value(ref)
    choices: list[str] = [*options, NOT_APPLICABLE]
    labels = {**options, NOT_APPLICABLE: blank_label}

    def draw(widget: str, known: bool) -> object:
        index = None if known or shown not in choices else choices.index(shown)  # type: ignore[arg-type]
        return st.radio(
            label,
            options=choices,
            format_func=labels.__getitem__,
            captions=None if captions is None else [*captions, ""],
            index=index,
            key=widget,
            help=help_text,
        )

    return _draw(answering, ref, draw)


def comment_area(answering: Answering, dimension: Dimension, *, label: str, help_text: str) -> Answering:
    ref = Ref("comment", dimension.id)
    shown = str(answering.state.widget_value(ref))

    def draw(key: str, known: bool) -> object:
        # One character over the limit: Streamlit cuts what a client sends at max_chars, so that a forged megabyte
        # would arrive as a valid-looking comment; one more than allowed arrives too long, and is refused.
        limit = answering.rules.max_comment + 1
        return st.text_area(label, value="" if known else shown, key=key, max_chars=limit, help=help_text)

    answering = _draw(answering, ref, draw)
    problem = answering.state.refused.get(ref)
    if problem in answer_state.KEPT_FOR_THE_PERSON:
        st.error(t(f"answers.problem_{problem}", limit=answering.rules.max_comment), icon=":material/error:")
    return answering


# ----- what the page says about saving -------------------------------------------------------------------------


def save_notice(answering: Answering) -> None:
    """While a save has failed: say that the answers are kept but not saved yet, and retry on a timer.

    Otherwise a timer that does nothing (`_reconnection_watch`): Streamlit's page, when it connects again after
    losing its connection to a session the server kept, runs the whole page again (with every widget's value) only
    if the page has a timed fragment. Without one, a tap whose message was lost with the connection (a phone
    locked right after a tap) stayed ticked on screen and unsaved until the next tap.
    """
    if answering.state.retrying:
        _retrying_notice()
        return
    if answering.state.save_failure == "refused":
        st.error(t("answers.refused"), icon=":material/error:")
    _reconnection_watch()


@st.fragment(run_every=WATCH_EVERY_S)
def _reconnection_watch() -> None:
    """Shows nothing; its timer is what matters (see `save_notice`)."""


@st.fragment(run_every=RETRY_EVERY_S)
def _retrying_notice() -> None:
    held = state()
    if held is not None and held.retrying:
        held = retry()
    if held is None or not held.retrying:
        st.rerun()  # saved: the whole page drops the notice
    st.warning(t("answers.not_saved", seconds=f"{RETRY_EVERY_S:g}"), icon=":material/cloud_off:")


def storage_down_notice() -> None:
    """Storage cannot be read: say so, and try the page again every few seconds."""
    st.warning(t("answers.storage_down"), icon=":material/cloud_off:")
    _retry_page()


@st.fragment(run_every=RETRY_EVERY_S)
def _retry_page() -> None:
    token = st.query_params.get(urls.TOKEN)
    try:
        if token:
            get_store().load_draft(token)
    except Exception:  # still down: the next tick tries again
        return
    st.rerun()
