"""Workshops seen from the pages: creation, joining, the aggregate report. No individual answer leaves here."""

from __future__ import annotations

import functools
import io
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

import streamlit as st

from scoring.model import Questionnaire
from scoring.privacy import (
    FigureKey,
    PlanMemo,
    PublicationRecord,
    Scope,
    SharedReport,
    StoredResponse,
    Version,
    WorkshopSpec,
    excluded_values,
    plan_publication,
    shown_report,
)
from storage import (
    FacilitatorView,
    ParticipantView,
    ProjectionView,
    PublicationState,
    RecordedVersion,
    Scale,
    StorageError,
    inputs,
)
from storage.codes import normalize_participant_code
from ui.catalogue import get_questionnaire
from ui.rate_limit import JOIN_BRAKE, give_back, pass_brake
from ui.services import get_store
from ui.text import split_lines

if TYPE_CHECKING:
    from storage import Store

# The forms' limits are storage's, which enforces them.
MAX_ORGANISATIONS = inputs.MAX_ORGANISATIONS
MAX_ORGANISATION_LENGTH = inputs.MAX_ORGANISATION
MAX_TITLE_LENGTH = inputs.MAX_TITLE
# The session key of a workshop just created (its code and key), which the workshop page shows: set by that page's
# form, and by « Importer un questionnaire » before it switches to that page.
CREATED = "workshop_created"

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkshopResults:
    """What a facilitator (or, once closed, a participant) may see: the shared report, or nothing yet."""

    questionnaire: Questionnaire
    joined: int
    submitted: int
    counted: int  # submitted responses in the shown results (admitted)
    # Submitted but not counted: waiting for k of them, blank, or made of invalid values only. One figure for all,
    # so that the screen never tells whether the last person to send answered anything.
    waiting: int
    report: SharedReport | None  # None while no response is counted


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


@functools.lru_cache(maxsize=64)
def qr_png(url: str) -> bytes:
    """The QR code of a link as a PNG. Kept per link: encoding one costs tens of milliseconds, and the own results
    link and the join screen draw theirs on every rerun of their page."""
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


def response_workshop(code: str | None, workshop_id: int | None) -> ParticipantView | None:
    """The workshop a response was given in, found again from the code in its URL. None when it is gone: the code
    opens no workshop, or another one than the response's (deleted with its answers, its code given anew), or the
    response is not a workshop's. The one rule for « this workshop was deleted » on a participant's pages."""
    if workshop_id is None:
        return None
    view = participant_view(code)
    return view if view is not None and view.id == workshop_id else None


def workshop_context_for(code: str | None, workshop_id: int) -> tuple[list[str], list[str]] | None:
    """A participant's organisations and profile questions, found again from the code in their URL."""
    view = response_workshop(code, workshop_id)
    if view is None:
        return None
    return list(view.organisations), list(view.profile_fields)


class WorkshopLike(Protocol):
    """What publication and results need of a workshop (any of the storage views)."""

    @property
    def id(self) -> int: ...
    @property
    def questionnaire_id(self) -> str: ...
    @property
    def profile_fields(self) -> list[str]: ...
    @property
    def organisations(self) -> list[str]: ...


def _spec(workshop: WorkshopLike, questionnaire: Questionnaire) -> WorkshopSpec:
    return WorkshopSpec(questionnaire, tuple(workshop.profile_fields), tuple(workshop.organisations))


def _planner_inputs(state: PublicationState) -> tuple[list[StoredResponse], PublicationRecord]:
    responses = [StoredResponse(r.id, r.answers, r.profile, r.positions) for r in state.responses]
    versions = tuple(
        Version(
            key=FigureKey(Scope(v.scope_field, v.scope_value), v.kind, v.target),
            contributors=frozenset(v.contributors),
            round=v.round,
        )
        for v in state.versions
    )
    return responses, PublicationRecord(counter=state.counter, admitted=state.admitted, versions=versions)


# Another instance recording a round between our read and our write makes us read and plan again; a handful of
# tries is plenty (a round is recorded once per min_group_size submissions), and its round is as good as ours.
PUBLISH_ATTEMPTS = 5


def publish_after_submit(code: str | None, workshop_id: int) -> None:
    """After a participant's first submit: the workshop found again from the code in their URL, and its round
    handed to this process's publication worker (`ROUNDS`). Returns at once: the submission is saved and the
    participant's results come next; the round (an audit of every figure version, seconds at 200 people) runs
    after, and the dashboard shows the batch once it is recorded. Never raises: a round missed here (the process
    stopped first) is made at the next write."""
    try:
        view = response_workshop(code, workshop_id)
        questionnaire = get_questionnaire(view.questionnaire_id) if view is not None else None
        store = get_store()
    except StorageError:
        return
    if view is None or questionnaire is None:
        return
    ROUNDS.request(store, _spec(view, questionnaire), workshop_id)


def publish(workshop: WorkshopLike) -> bool:
    """One publication round, at a write only: after a submission, at closing and reopening, after an import of
    paper answers, at demo seeding. Reading (`results_for`) never publishes.

    The round is planned in pure code (`scoring.privacy.plan_publication`: admissions by batches of
    min_group_size, figure versions checked by the audit) and recorded if nobody recorded one meanwhile.
    """
    questionnaire = get_questionnaire(workshop.questionnaire_id)
    if questionnaire is None:
        return False
    try:
        return publish_round(get_store(), _spec(workshop, questionnaire), workshop.id)
    except StorageError:
        # The write that called us went through; the next one (a submission, closing) publishes instead.
        return False


# Per workshop and process, the audit of the last round planned (scoring.privacy.plan.PlanMemo): a round then
# costs the new people and versions only, instead of solving every version ever recorded again.
_MEMOS_SIZE = 64
_memos: OrderedDict[tuple[str, int], PlanMemo] = OrderedDict()


def _memo(store: Store, workshop_id: int) -> PlanMemo:
    with _shown_lock:
        key = (store.url, workshop_id)
        memo = _memos.pop(key, None) or PlanMemo()
        _memos[key] = memo
        while len(_memos) > _MEMOS_SIZE:
            _memos.popitem(last=False)
        return memo


def publish_round(store: Store, spec: WorkshopSpec, workshop_id: int) -> bool:
    """Read, plan, record if the counter has not moved, else again; True once the state is published."""
    memo = _memo(store, workshop_id)
    for _ in range(PUBLISH_ATTEMPTS):
        state = store.publication_state(workshop_id)
        responses, record = _planner_inputs(state)
        plan = plan_publication(spec, responses, record, memo=memo)
        if plan.empty:
            return True
        versions = [
            RecordedVersion(
                scope_field=v.key.scope.field,
                scope_value=v.key.scope.value,
                kind=v.key.kind,
                target=v.key.target,
                round=v.round,
                contributors=tuple(sorted(v.contributors)),
            )
            for v in plan.versions
        ]
        recorded = store.record_publication(
            workshop_id, expected_counter=state.counter, admit=sorted(plan.admit), versions=versions
        )
        # Done once a round that admitted is written: the next round needs more submissions, which publish
        # themselves. Otherwise read again: another instance was first (its round may leave something to do), or
        # the round carried schema 2's results over and one that admits may follow.
        if recorded and plan.admit:
            return True
    return False


class RoundWorker:
    """Publication rounds asked for after submissions, planned one at a time on a thread of their own.

    A participant's submit only asks (`request`) and returns. A round reads the publication state when it starts,
    so one waiting round per workshop serves every submission that came before it starts: asking again for a
    workshop whose round is waiting adds nothing; asking while it runs queues one more (the running one may have
    read the state before this submission). Rounds of one process never overlap, so they never race each other
    for the compare-and-set; another instance's are handled by `publish_round`'s retries.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._waiting: OrderedDict[tuple[str, int], tuple[Store, WorkshopSpec, int]] = OrderedDict()
        self._current: tuple[str, int] | None = None  # the round running
        self._thread: threading.Thread | None = None

    def request(self, store: Store, spec: WorkshopSpec, workshop_id: int) -> None:
        with self._changed:
            self._waiting[(store.url, workshop_id)] = (store, spec, workshop_id)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="radar-publication-rounds", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def idle(self, timeout: float | None = None) -> bool:
        """Wait until no round is waiting or running (tests, and a clean stop); False if ``timeout`` ran out."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._waiting and self._current is None, timeout)

    def _work(self) -> None:
        while True:
            with self._changed:
                self._current = None
                self._changed.notify_all()
                self._changed.wait_for(lambda: bool(self._waiting))
                key, (store, spec, workshop_id) = self._waiting.popitem(last=False)
                self._current = key
            try:
                publish_round(store, spec, workshop_id)
            except StorageError:
                pass  # the submission is saved; the next write (a submission, closing) publishes instead
            except Exception:  # a bug in a round must not stop the rounds of every other workshop
                LOG.exception("a publication round failed (workshop %s)", workshop_id)


ROUNDS = RoundWorker()


# The dashboard and the projector ask every 4 s. The figures change only when a round is recorded (the counter):
# they are computed once per counter. The count of values left out changes with each submission: it is counted
# again then, from the responses only.
_SHOWN_CACHE_SIZE = 256
_shown_cache: OrderedDict[tuple, SharedReport] = OrderedDict()
_shown_lock = threading.Lock()


def _cached(key: tuple) -> SharedReport | None:
    with _shown_lock:
        if key in _shown_cache:
            _shown_cache.move_to_end(key)
            return _shown_cache[key]
    return None


def _cache(key: tuple, report: SharedReport) -> None:
    with _shown_lock:
        _shown_cache[key] = report
        while len(_shown_cache) > _SHOWN_CACHE_SIZE:
            _shown_cache.popitem(last=False)


def _shown(store: Store, workshop: WorkshopLike, questionnaire: Questionnaire, submitted: int) -> SharedReport:
    spec = _spec(workshop, questionnaire)
    identity = (questionnaire.id, questionnaire.version, spec.profile_fields, spec.organisations)
    # The creation time with the counter: SQLite gives a deleted workshop's id to the next one created, whose first
    # rounds must never be served the deleted one's figures.
    figures_key = (store.url, workshop.id, store.publication_key(workshop.id), identity)
    exact_key = (*figures_key, submitted)
    report = _cached(exact_key)
    if report is not None:
        return report
    figures = _cached(figures_key)
    if figures is None:
        responses, record = _planner_inputs(store.publication_state(workshop.id))
        report = shown_report(spec, responses, record)
        _cache(figures_key, report)
    else:
        rows = store.submitted_responses(workshop.id)
        stored = [StoredResponse(n, r.answers, r.profile, r.positions) for n, r in enumerate(rows)]
        report = figures.model_copy(update={"excluded_values": excluded_values(spec, stored)})
    _cache(exact_key, report)
    return report


def results_for(workshop: WorkshopLike) -> WorkshopResults | None:
    """The workshop's shared report, as the privacy module computes it from the publication record. Read-only."""
    questionnaire = get_questionnaire(workshop.questionnaire_id)
    if questionnaire is None:
        return None
    store = get_store()
    joined, submitted = store.workshop_counts(workshop.id)
    report = _shown(store, workshop, questionnaire, submitted)
    counted = report.counted
    return WorkshopResults(questionnaire, joined, submitted, counted, submitted - counted, report if counted else None)
