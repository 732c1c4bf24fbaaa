"""`Store`: every read and write of workshops and responses goes through it.

Each public method is one short transaction; none keeps a connection between calls, so a `Store` can be
shared by all Streamlit sessions (threads) of a process, and several processes can share one PostgreSQL.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache, partial
from typing import Any, TypeVar, get_args

from sqlalchemy import Connection, Float, Insert, Row, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from . import baselines, codes, inputs, plans, publication
from . import imported as imported_
from .config import database_url
from .database import dispose_database, get_database, run_in_transaction, scrub_database
from .errors import DraftNotFound, InvalidInput, StorageError, TokenMismatch, WorkshopClosed, WorkshopNotFound
from .rules import AnswerRules
from .schema import DEMO_CASE_MAX, QUESTIONNAIRE_ID_MAX, brakes, id_high_water, maintenance, responses, workshops
from .views import (
    Answers,
    BaselineFileView,
    BaselineView,
    Draft,
    FacilitatorView,
    ImportedQuestionnaire,
    ParticipantView,
    ProjectionView,
    PublicationState,
    RecordedVersion,
    Scale,
    StoredPlan,
    SubmittedResponse,
    WorkshopCreated,
    WorkshopStatus,
    is_imported_reference,
)

T = TypeVar("T")

# A participant code collides with an existing one with probability (live workshops) / 8.5·10¹¹; ten fresh
# draws all colliding means something else is wrong.
_CODE_ATTEMPTS = 10

# The columns a participant may see: selected explicitly, so that the key hash never even leaves the database.
_PARTICIPANT_COLUMNS = (
    workshops.c.id,
    workshops.c.title,
    workshops.c.questionnaire_id,
    workshops.c.status,
    workshops.c.organisations,
    workshops.c.profile_fields,
    workshops.c.show_results_to_participants,
    workshops.c.demo_case,
)


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    # SQLite has no time zone type and gives back naive datetimes, written in UTC; PostgreSQL gives them in
    # the session's time zone. Either way, hand out UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Store:
    """Workshops and respondents' drafts and responses, in the database at `url`.

    `url=None` means `RADAR_DATABASE_URL`, else the default SQLite file (see `storage.config`). Creating a
    Store brings the schema to the newest revision if needed (`storage.migrations`) and raises `SchemaTooNew`
    on a database from a newer version.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        get_database(self.url)  # opened (and migrated) now, so that start-up problems show at start-up

    def close(self) -> None:
        """Dispose of the engine shared by every Store on this URL (for tests and shutdown)."""
        dispose_database(self.url)

    def _read(self, work: Callable[[Connection], T]) -> T:
        return run_in_transaction(self.url, work, write=False)

    def _write(self, work: Callable[[Connection], T]) -> T:
        return run_in_transaction(self.url, work, write=True)

    # ---- workshops -------------------------------------------------------------------------------------

    def create_workshop(
        self,
        *,
        title: str,
        questionnaire_id: str,
        organisations: list[str],
        profile_fields: list[str],
        show_results_to_participants: bool,
        demo_case: str | None = None,
        demo_lifetime: timedelta | None = None,
        scale: Scale | None = None,
        imported: ImportedQuestionnaire | None = None,
    ) -> WorkshopCreated:
        """A new open workshop, with a fresh participant code and facilitator key (returned once, here).

        With `demo_case` (a case study's id), a demo workshop of teaching mode, deleted by `purge_expired_demos`
        once `demo_lifetime` has passed (both or neither).

        `scale` is its questionnaire's: the database then refuses any answer of the workshop off it, whatever
        the code that writes it. Without one, answers are only held to whole numbers (or None).

        With `imported` (a questionnaire a facilitator uploaded, validated by the app), the workshop is of that
        questionnaire: `questionnaire_id` must be its `reference`, and it is kept in the same transaction, unless
        the same text already is (another workshop of it). It then belongs to its workshops: `delete_workshop`
        deletes it with the last of them.

        Not to be repeated blindly after a `StorageUnavailable`: if the connection broke at the commit, the
        workshop may exist, and a second call makes a second one.
        """
        values = {
            "title": inputs.text("title", title, inputs.MAX_TITLE).strip(),
            "questionnaire_id": inputs.text("questionnaire_id", questionnaire_id, QUESTIONNAIRE_ID_MAX),
            "status": "open",
            "organisations": inputs.text_list(
                "organisations", organisations, inputs.MAX_ORGANISATIONS, inputs.MAX_ORGANISATION
            ),
            "profile_fields": inputs.text_list("profile_fields", profile_fields, inputs.MAX_PROFILE_FIELDS),
            "show_results_to_participants": inputs.flag("show_results_to_participants", show_results_to_participants),
            **inputs.scale(scale),
        }
        if (demo_case is None) != (demo_lifetime is None):
            raise InvalidInput("a demo workshop needs both demo_case and demo_lifetime")
        if imported is not None:
            imported = imported_.check(imported, values["questionnaire_id"])
        if demo_case is not None and demo_lifetime is not None:
            if demo_lifetime <= timedelta(0):
                raise InvalidInput("demo_lifetime must be positive")
            values["demo_case"] = inputs.text("demo_case", demo_case, DEMO_CASE_MAX)
            values["expires_at"] = _now() + demo_lifetime
        key = codes.new_facilitator_key()
        for _ in range(_CODE_ATTEMPTS):
            code = codes.new_participant_code()
            row = {
                **values,
                "participant_code": code,
                "facilitator_key_hash": codes.hash_secret(key),
                "projection_token_hash": codes.hash_secret(codes.projection_token_for(key)),
                "created_at": _now(),
            }
            workshop_id = self._write(partial(_insert_workshop, row=row, imported=imported))
            if workshop_id is None:  # the code is taken: draw another
                continue
            return WorkshopCreated(
                workshop_id=workshop_id,
                participant_code=codes.format_participant_code(code),
                facilitator_key=key,
            )
        raise StorageError("Could not draw an unused participant code.")

    def imported_questionnaire(self, reference: str) -> ImportedQuestionnaire | None:
        """The imported questionnaire a workshop names by this reference (its ``questionnaire_id``), or None: never
        kept, or deleted with its last workshop. Its text is as the app stored it, to be validated again."""
        if type(reference) is not str or not is_imported_reference(reference) or len(reference) > QUESTIONNAIRE_ID_MAX:
            return None
        return self._read(partial(imported_.load, reference=reference))

    def workshop_for_participant(self, code: str) -> ParticipantView | None:
        """The workshop whose participant code this is (case, spaces and dashes ignored), or None."""
        normalized = codes.normalize_participant_code(code)
        if normalized is None:
            return None
        query = select(*_PARTICIPANT_COLUMNS).where(workshops.c.participant_code == normalized)
        row = self._read(lambda conn: conn.execute(query).one_or_none())
        return None if row is None else ParticipantView(**_participant_fields(row))

    def workshop_for_facilitator(self, key: str) -> FacilitatorView | None:
        """The workshop this facilitator key opens, or None (for a participant code, too)."""
        if not codes.looks_like_facilitator_key(key):
            return None
        query = select(
            *_PARTICIPANT_COLUMNS, workshops.c.participant_code, workshops.c.created_at, workshops.c.expires_at
        ).where(workshops.c.facilitator_key_hash == codes.hash_secret(key))
        row = self._read(lambda conn: conn.execute(query).one_or_none())
        if row is None:
            return None
        return FacilitatorView(
            **_participant_fields(row),
            participant_code=codes.format_participant_code(row.participant_code),
            created_at=_utc(row.created_at),
            expires_at=None if row.expires_at is None else _utc(row.expires_at),
        )

    def projection_token(self, key: str) -> str | None:
        """The read-only projection token of this key's workshop, or None if the key opens no workshop.

        A workshop created before schema version 2 has no projection token yet: this records it.
        """
        if not codes.looks_like_facilitator_key(key):
            return None
        key_hash = codes.hash_secret(key)
        query = select(workshops.c.projection_token_hash).where(workshops.c.facilitator_key_hash == key_hash)
        row = self._read(lambda conn: conn.execute(query).one_or_none())
        if row is None:
            return None
        token = codes.projection_token_for(key)
        if row.projection_token_hash is None:  # written once: the dashboard asks on every run
            statement = (
                update(workshops)
                .where(workshops.c.facilitator_key_hash == key_hash, workshops.c.projection_token_hash.is_(None))
                .values(projection_token_hash=codes.hash_secret(token))
            )
            self._write(lambda conn: conn.execute(statement))
        return token

    def workshop_for_projection(self, token: str) -> ProjectionView | None:
        """The workshop this projection token shows, or None (for a facilitator key or a participant code, too)."""
        if not codes.looks_like_facilitator_key(token):
            return None
        query = select(*_PARTICIPANT_COLUMNS, workshops.c.participant_code).where(
            workshops.c.projection_token_hash == codes.hash_secret(token)
        )
        row = self._read(lambda conn: conn.execute(query).one_or_none())
        if row is None:
            return None
        return ProjectionView(
            **_participant_fields(row), participant_code=codes.format_participant_code(row.participant_code)
        )

    def set_workshop_status(self, key: str, status: WorkshopStatus) -> bool:
        """Open or close the workshop of this key. Returns False if the key opens no workshop."""
        if status not in get_args(WorkshopStatus):
            raise InvalidInput(f"status must be 'open' or 'closed', not {status!r}")
        if not codes.looks_like_facilitator_key(key):
            return False
        statement = (
            update(workshops).where(workshops.c.facilitator_key_hash == codes.hash_secret(key)).values(status=status)
        )
        return bool(self._write(lambda conn: conn.execute(statement).rowcount))

    def delete_workshop(self, key: str) -> bool:
        """Delete the workshop of this key with all its drafts and responses (RGPD). False if none.

        Erased for good: no copy is left in the database files (`_erased`).
        """
        if not codes.looks_like_facilitator_key(key):
            return False
        return self._erased(bool(self._write(partial(_delete_workshop, key_hash=codes.hash_secret(key)))))

    def set_baseline(self, key: str, baseline_key: str | None) -> bool:
        """Name the workshop of ``baseline_key`` (an earlier workshop of the same questionnaire, whose facilitator
        key proves its results may be compared with) as the baseline of the workshop of ``key``; with None, forget
        it. False if ``key`` opens no workshop; `InvalidInput` if ``baseline_key`` opens none, the same one, or
        one of another questionnaire."""
        if not codes.looks_like_facilitator_key(key):
            return False
        earlier = None
        if baseline_key is not None:
            if not codes.looks_like_facilitator_key(baseline_key):
                raise InvalidInput("the baseline's facilitator link opens no workshop")
            earlier = codes.hash_secret(baseline_key)
        return bool(self._write(partial(baselines.link, key_hash=codes.hash_secret(key), baseline_key_hash=earlier)))

    def baseline_of(self, workshop_id: int) -> BaselineView | None:
        """The baseline of the workshop of this id (from one of its views), or None."""
        return self._read(partial(baselines.baseline_of, workshop_id=workshop_id))

    def set_baseline_file(
        self, key: str, *, name: str, questionnaire_version: str, people: int, report: dict[str, Any]
    ) -> bool:
        """Keep an earlier response file's published aggregate (``report``: the figures the privacy rule shows of
        its people, JSON; never the file nor a row of it) as the baseline of the workshop of ``key``, replacing
        any baseline. False if ``key`` opens no workshop; `InvalidInput` for a name that is empty or too long."""
        if not codes.looks_like_facilitator_key(key):
            return False
        work = partial(
            baselines.keep_file,
            key_hash=codes.hash_secret(key),
            name=name,
            questionnaire_version=questionnaire_version,
            people=people,
            report=report,
        )
        return bool(self._write(work))

    def baseline_file_of(self, workshop_id: int) -> BaselineFileView | None:
        """The baseline file of the workshop of this id (from one of its views), or None."""
        return self._read(partial(baselines.file_of, workshop_id=workshop_id))

    def reset_demo(self, key: str, *, lifetime: timedelta) -> bool:
        """Empty a demo workshop (every draft and response, the synthetic ones and the students') and give it
        `lifetime` more, keeping its code, key and projection link: the class goes on with the same screens.
        False if the key opens no demo workshop (a real workshop is never emptied: its answers are people's).

        The workshop is deleted and written again under the same codes in one transaction, so that whatever
        deleting a workshop deletes (its responses, what the publication recorded) goes with it here too.
        """
        if not codes.looks_like_facilitator_key(key) or lifetime <= timedelta(0):
            return False
        return bool(self._write(partial(_reset_demo, key_hash=codes.hash_secret(key), expires_at=_now() + lifetime)))

    def purge_expired_demos(self) -> int:
        """Delete the demo workshops whose time is up, with everything in them; returns how many."""
        return self._erased(int(self._write(partial(_purge_expired_demos, now=_now()))))

    def workshop_counts(self, workshop_id: int) -> tuple[int, int]:
        """(joined, submitted): respondents who saved at least one draft, and those who submitted."""
        query = select(func.count(), func.count(responses.c.submitted_at)).where(responses.c.workshop_id == workshop_id)
        joined, submitted = self._read(lambda conn: conn.execute(query).one())
        return int(joined), int(submitted)

    def submitted_responses(self, workshop_id: int, *, published_only: bool = False) -> list[SubmittedResponse]:
        """The submitted answers and profiles of a workshop, for aggregates only; with `published_only`, only
        those `publish` has let into the shown results.

        Ordered by token hash, a deterministic order that says nothing about who submitted when.
        """
        query = (
            select(responses.c.answers, responses.c.profile, responses.c.positions)
            .where(responses.c.workshop_id == workshop_id, responses.c.submitted_at.is_not(None))
            .order_by(responses.c.token_hash)
        )
        if published_only:
            query = query.where(responses.c.published_at.is_not(None))
        rows = self._read(lambda conn: conn.execute(query).all())
        return [
            SubmittedResponse(answers=dict(r.answers), profile=dict(r.profile), positions=dict(r.positions or {}))
            for r in rows
        ]

    # ---- action plans ---------------------------------------------------------------------------------

    def action_plan(self, workshop_id: int) -> StoredPlan | None:
        """The workshop's action plan, or None if none was saved. The id comes from a view (facilitator or
        projection): the plan holds no answer, and the projector shows it read-only."""
        if type(workshop_id) is not int:
            raise InvalidInput("workshop_id must be an integer")
        found = self._read(partial(plans.load, workshop_id=workshop_id))
        if found is None:
            return None
        return StoredPlan(document=found.document, revision=found.revision, updated_at=_utc(found.updated_at))

    def save_action_plan(self, key: str, document: dict[str, Any], *, expected_revision: int) -> int:
        """Save the plan of this facilitator key's workshop over `expected_revision` (0: no plan yet); returns
        the new revision. Raises `WorkshopNotFound` for a key that opens no workshop, `PlanChanged` if another
        save came first (a second tab), `InvalidInput` for a document that is not small plain JSON."""
        if type(expected_revision) is not int or expected_revision < 0:
            raise InvalidInput("expected_revision must be a whole number")
        checked = plans.check_document(document)
        if not codes.looks_like_facilitator_key(key):
            raise WorkshopNotFound("no workshop opens with this key")
        return self._write(
            partial(_save_plan, key_hash=codes.hash_secret(key), document=checked, expected_revision=expected_revision)
        )

    # ---- respondents -----------------------------------------------------------------------------------

    # ---- the publication record (storage/publication.py) ------------------------------------------------

    def publication_counter(self, workshop_id: int) -> int:
        """Publication rounds recorded for the workshop: what a screen's cached figures are keyed on."""
        return self._read(partial(publication.counter, workshop_id=workshop_id))

    def publication_key(self, workshop_id: int) -> tuple[str, int] | None:
        """(the workshop's creation time, its publication counter), None if it does not exist: a key for cached
        figures that a later workshop given the same id (SQLite reuses a deleted row's id) never shares."""
        return self._read(partial(publication.key, workshop_id=workshop_id))

    def publication_state(self, workshop_id: int) -> PublicationState:
        """What a publication round is planned from (and a screen computed from), read in one transaction."""
        return self._read(partial(publication.read_state, workshop_id=workshop_id))

    def record_publication(
        self,
        workshop_id: int,
        *,
        expected_counter: int,
        admit: Sequence[int],
        versions: Sequence[RecordedVersion],
    ) -> bool:
        """Append one publication round (admissions, then figure versions), if no other round was recorded
        since the state read with ``expected_counter``; False, with nothing written, if one was: read again,
        plan again. Storage records the plan as given: it never decides what is shown."""
        if type(expected_counter) is not int or expected_counter < 0:
            raise InvalidInput("expected_counter must be a whole number")
        if any(type(rid) is not int for rid in admit):
            raise InvalidInput("admit lists response ids")
        publication.check_versions(versions)
        work = partial(
            publication.record,
            workshop_id=workshop_id,
            expected_counter=expected_counter,
            admit=list(admit),
            versions=list(versions),
        )
        try:
            return bool(self._write(work))
        except InvalidInput:
            # The database refused a row (a response or the workshop deleted between the read and this write:
            # a foreign key): nothing was written, plan again. The arguments were checked above.
            return False

    def delete_solo_response(self, token: str) -> bool:
        """Erase a solo respondent's answers, at their request (RGPD). False if the token holds none.

        Only outside a workshop: a workshop response is part of results the room has seen, and taking one
        out would show, by difference, what it was; it goes when the facilitator deletes the workshop.
        """
        if not codes.looks_like_respondent_token(token):
            return False
        statement = delete(responses).where(
            responses.c.token_hash == codes.hash_secret(token), responses.c.workshop_id.is_(None)
        )
        return self._erased(bool(self._write(lambda conn: conn.execute(statement).rowcount)))

    def purge_abandoned_drafts(self, older_than: timedelta) -> int:
        """Delete solo drafts never submitted and untouched for `older_than`; returns how many.

        Someone who starts answering alone and leaves keeps no data with us for ever (RGPD: no longer than
        needed). Workshop drafts go with their workshop; submitted responses stay, as they open the results.
        """
        return self._erased(int(self._write(partial(_purge, cutoff=_now() - older_than))))

    def purge_abandoned_drafts_if_due(self, older_than: timedelta, *, every: timedelta) -> int | None:
        """`purge_abandoned_drafts`, if no app instance on this database ran it in the last `every`; None if it
        was not due. When it last ran is kept in the database, where no visitor can reset it (Streamlit's
        clear-cache message empties `st.cache_resource`, which held this schedule before)."""
        now = _now()
        purged = self._write(partial(_purge_if_due, now=now, due=now - every, cutoff=now - older_than))
        return None if purged is None else self._erased(purged)

    # ---- brakes ----------------------------------------------------------------------------------------

    def reserve_slot(self, brake: str, *, interval_s: float, burst: int, max_wait_s: float) -> float | None:
        """Take the next free slot of the token bucket `brake`, shared by every app instance on this database.

        Returns how many seconds the caller must wait before it goes on (0 while fewer than `burst` slots are
        taken ahead of it), or None, with nothing taken, if that wait would exceed `max_wait_s`. One slot frees
        every `interval_s` seconds, so however many callers run at once, at most ``burst + T / interval_s`` go
        on in any T seconds. The state is one row (`brakes`), changed by one atomic statement.
        """
        if type(brake) is not str or not 0 < len(brake) <= 50:
            raise InvalidInput("a brake's name is a text of 1 to 50 characters")
        if not (interval_s > 0 and burst >= 1 and max_wait_s >= 0):
            raise InvalidInput("a brake needs interval_s > 0, burst >= 1 and max_wait_s >= 0")
        work = partial(
            _reserve_slot, brake=brake, now=time.time(), interval=interval_s, burst=burst, max_wait=max_wait_s
        )
        return self._write(work)

    def release_slot(self, brake: str, *, interval_s: float) -> None:
        """Give back a slot taken by `reserve_slot` (a lookup that found what it looked for, so that people who
        type their code right cost the brake nothing)."""
        statement = update(brakes).where(brakes.c.name == brake).values(free_at=brakes.c.free_at - interval_s)
        self._write(lambda conn: conn.execute(statement))

    def _erased(self, result: T) -> T:
        """After rows were deleted (`result` truthy): make sure no copy of them is left in the files."""
        if result:
            scrub_database(self.url)
        return result

    def new_respondent_token(self) -> str:
        """A fresh token for the page URL. Nothing is written until the first `save_draft`."""
        return codes.new_respondent_token()

    def save_draft(
        self,
        token: str,
        *,
        questionnaire_id: str,
        workshop_id: int | None,
        answers: Answers,
        profile: dict[str, str],
        comments: dict[str, str],
        step: int,
        rules: AnswerRules | None = None,
        positions: dict[str, str | None] | None = None,
    ) -> None:
        """Save (insert or replace) the respondent's current state (``positions``: the position questions'
        answers, ``relation.today`` -> a step id or None; none by default).

        After the response was submitted this does nothing: submitted answers are frozen. Raises
        `WorkshopNotFound` / `WorkshopClosed` if the workshop is gone or closed, `TokenMismatch` if the
        token already belongs to another workshop or questionnaire, `InvalidInput` on malformed arguments
        and on any value `rules` refuses (an answer off the scale, an unknown item or profile option...).
        """
        if not codes.looks_like_respondent_token(token):
            raise InvalidInput("malformed respondent token")
        if workshop_id is not None and type(workshop_id) is not int:
            raise InvalidInput("workshop_id must be an integer or None")
        row = {
            "token_hash": codes.hash_secret(token),
            "workshop_id": workshop_id,
            "questionnaire_id": inputs.text("questionnaire_id", questionnaire_id, QUESTIONNAIRE_ID_MAX),
            "answers": inputs.answers(answers),
            "profile": inputs.text_map("profile", profile, inputs.MAX_PROFILE_FIELDS, inputs.MAX_NAME),
            "comments": inputs.text_map("comments", comments, inputs.MAX_COMMENTS, inputs.MAX_COMMENT),
            "positions": inputs.positions({} if positions is None else positions),
            "step": inputs.step(step),
            "updated_at": _now(),
        }
        if rules is not None:
            rules.check(row["answers"], row["profile"], row["comments"], row["positions"])
        self._write(partial(_save_draft, row=row))

    def load_draft(self, token: str) -> Draft | None:
        """The respondent's saved state, or None if nothing was saved under this token."""
        if not codes.looks_like_respondent_token(token):
            return None
        query = select(
            responses.c.questionnaire_id,
            responses.c.workshop_id,
            responses.c.answers,
            responses.c.profile,
            responses.c.comments,
            responses.c.positions,
            responses.c.step,
            responses.c.submitted_at,
        ).where(responses.c.token_hash == codes.hash_secret(token))
        row = self._read(lambda conn: conn.execute(query).one_or_none())
        if row is None:
            return None
        return Draft(
            questionnaire_id=row.questionnaire_id,
            workshop_id=row.workshop_id,
            answers=dict(row.answers),
            profile=dict(row.profile),
            comments=dict(row.comments),
            step=row.step,
            submitted=row.submitted_at is not None,
            positions=dict(row.positions or {}),
        )

    def submit(self, token: str) -> bool:
        """Mark the respondent's draft as submitted. True the first time, False afterwards.

        Atomic and idempotent: of several concurrent submits of one token exactly one returns True.
        Raises `WorkshopClosed` if the workshop was closed before this first submit, `DraftNotFound` if
        no draft was saved under this token.
        """
        if not codes.looks_like_respondent_token(token):
            raise DraftNotFound("no draft under this respondent token")
        return bool(self._write(partial(_submit, token_hash=codes.hash_secret(token))))


# ---- transaction bodies (module functions, run by `run` inside one transaction) -----------------------


def _participant_fields(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "questionnaire_id": row.questionnaire_id,
        "status": row.status,
        "organisations": list(row.organisations),
        "profile_fields": list(row.profile_fields),
        "show_results_to_participants": bool(row.show_results_to_participants),
        "demo_case": row.demo_case,
    }


def _insert_workshop(conn: Connection, *, row: dict[str, Any], imported: ImportedQuestionnaire | None) -> int | None:
    """The new workshop's id, or None if its participant code is taken (ON CONFLICT DO NOTHING: no error, and
    no aborted transaction on PostgreSQL). Its imported questionnaire, if any, is written first (once)."""
    if imported is not None:
        imported_.keep(conn, imported, now=row["created_at"])
    statement = (
        _dialect_insert(conn.dialect.name)(workshops)
        .values(**row, **_new_workshop_id(conn))
        .on_conflict_do_nothing(index_elements=[workshops.c.participant_code])
        .returning(workshops.c.id)
    )
    return conn.execute(statement).scalar_one_or_none()


def _delete_workshop(conn: Connection, *, key_hash: str, keep_questionnaire: bool = False) -> bool:
    """Delete a workshop and all that is its; its imported questionnaire too if no other workshop uses it (unless
    `keep_questionnaire`: a demo written again at once under the same codes)."""
    found = conn.execute(
        select(workshops.c.id, workshops.c.questionnaire_id).where(workshops.c.facilitator_key_hash == key_hash)
    ).one_or_none()
    if found is None:
        return False
    workshop_id = found.id
    # Explicitly, rather than trusting ON DELETE CASCADE: SQLite ignores it on a connection where
    # foreign keys were not switched on (e.g. someone's maintenance shell).
    publication.delete_for_workshop(conn, workshop_id)
    conn.execute(delete(responses).where(responses.c.workshop_id == workshop_id))
    plans.delete_for_workshop(conn, workshop_id=workshop_id)
    baselines.delete_for_workshop(conn, workshop_id=workshop_id)
    conn.execute(delete(workshops).where(workshops.c.id == workshop_id))
    if not keep_questionnaire:
        imported_.delete_if_unused(conn, reference=found.questionnaire_id)
    return True


def _save_plan(conn: Connection, *, key_hash: str, document: dict[str, Any], expected_revision: int) -> int:
    query = select(workshops.c.id).where(workshops.c.facilitator_key_hash == key_hash)
    if conn.dialect.name == "postgresql":  # two saves at once: the second waits, then sees the new revision
        query = query.with_for_update()
    workshop_id = conn.execute(query).scalar_one_or_none()
    if workshop_id is None:
        raise WorkshopNotFound("no workshop opens with this key")
    return plans.save(conn, workshop_id=workshop_id, document=document, expected_revision=expected_revision, now=_now())


def _reset_demo(conn: Connection, *, key_hash: str, expires_at: datetime) -> bool:
    row = conn.execute(
        select(workshops).where(workshops.c.facilitator_key_hash == key_hash, workshops.c.demo_case.is_not(None))
    ).one_or_none()
    if row is None:
        return False
    kept = {name: value for name, value in row._mapping.items() if name != "id"}
    _delete_workshop(conn, key_hash=key_hash, keep_questionnaire=True)
    # Under a new id: a student's page still open on the demo before the reset must not save into the emptied
    # one (its draft names the workshop by id); it is told the demo was reset (`ui.workshop_state`).
    conn.execute(
        workshops.insert().values(
            **{**kept, "status": "open", "created_at": _now(), "expires_at": expires_at}, **_new_workshop_id(conn)
        )
    )
    return True


WORKSHOPS_HIGH_WATER = "workshops"


def _new_workshop_id(conn: Connection) -> dict[str, int]:
    """The id of a workshop about to be written, as column values: on SQLite, one above any id ever given (the
    table `id_high_water` keeps the highest, since SQLite gives a deleted newest row's id again); on PostgreSQL,
    nothing, its sequence never gives an id twice. SQLite runs one write transaction at a time, so two new
    workshops cannot take the same id here."""
    if conn.dialect.name != "sqlite":
        return {}
    kept = conn.execute(
        select(id_high_water.c.value).where(id_high_water.c.name == WORKSHOPS_HIGH_WATER)
    ).scalar_one_or_none()
    highest = conn.execute(select(func.max(workshops.c.id))).scalar_one_or_none()
    new_id = max(kept or 0, highest or 0) + 1
    upsert = _dialect_insert("sqlite")(id_high_water).values(name=WORKSHOPS_HIGH_WATER, value=new_id)
    conn.execute(upsert.on_conflict_do_update(index_elements=[id_high_water.c.name], set_={"value": new_id}))
    return {"id": new_id}


def _purge_expired_demos(conn: Connection, *, now: datetime) -> int:
    expired = conn.execute(
        select(workshops.c.facilitator_key_hash).where(workshops.c.demo_case.is_not(None), workshops.c.expires_at < now)
    ).scalars()
    return sum(_delete_workshop(conn, key_hash=key_hash) for key_hash in list(expired))


def _dialect_insert(dialect_name: str) -> Callable[..., Any]:
    """INSERT with ON CONFLICT, which SQLAlchemy offers per dialect."""
    dialect_insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect_name)
    if dialect_insert is None:
        raise StorageError(f"no upsert for {dialect_name}")
    return dialect_insert


_DRAFT_COLUMNS = (
    "token_hash",
    "workshop_id",
    "questionnaire_id",
    "answers",
    "profile",
    "comments",
    "positions",
    "step",
    "updated_at",
)


@cache
def _draft_upsert(dialect_name: str) -> Insert:
    """The whole of `save_draft` in one statement, built once per dialect (building it costs more than running
    it on SQLite); values are passed at execution:

        INSERT INTO responses (...) SELECT :token_hash, ... WHERE :workshop_id IS NULL OR <that workshop is open>
        ON CONFLICT (token_hash) DO UPDATE SET answers = excluded.answers, ...
            WHERE <not submitted> AND <same workshop> AND <same questionnaire>
        RETURNING id

    It returns a row exactly when the draft was written. The guarantees are the database's own, in this one
    statement: answers are frozen once submitted, a token stays bound to its workshop and questionnaire, and
    nothing enters a closed or deleted workshop (two SELECTs checked these before the upsert; only when nothing
    was written does `_save_draft` look why).
    """
    workshop_id = bindparam("workshop_id", type_=responses.c.workshop_id.type)
    workshop_open = exists().where(workshops.c.id == workshop_id, workshops.c.status == "open")
    values = select(*(bindparam(name, type_=responses.c[name].type) for name in _DRAFT_COLUMNS)).where(
        or_(workshop_id.is_(None), workshop_open)
    )
    statement = _dialect_insert(dialect_name)(responses).from_select(_DRAFT_COLUMNS, values)
    return statement.on_conflict_do_update(
        index_elements=[responses.c.token_hash],
        set_={name: statement.excluded[name] for name in _DRAFT_COLUMNS[3:]},
        where=(
            responses.c.submitted_at.is_(None)
            & responses.c.workshop_id.is_not_distinct_from(statement.excluded.workshop_id)
            & (responses.c.questionnaire_id == statement.excluded.questionnaire_id)
        ),
    ).returning(responses.c.id)


def _save_draft(conn: Connection, *, row: dict[str, Any]) -> None:
    if conn.execute(_draft_upsert(conn.dialect.name), row).first() is not None:
        return
    # Nothing was written: say why. Rare, so these reads cost nothing on the path of every tap.
    existing = conn.execute(
        select(responses.c.workshop_id, responses.c.questionnaire_id, responses.c.submitted_at).where(
            responses.c.token_hash == row["token_hash"]
        )
    ).one_or_none()
    if existing is not None:
        if existing.submitted_at is not None:
            return  # submitted answers are frozen; a late autosave from another tab is dropped
        if (existing.workshop_id, existing.questionnaire_id) != (row["workshop_id"], row["questionnaire_id"]):
            raise TokenMismatch("this respondent token belongs to another workshop or questionnaire")
    status = conn.execute(select(workshops.c.status).where(workshops.c.id == row["workshop_id"])).scalar_one_or_none()
    if status is None:
        raise WorkshopNotFound("this workshop does not exist (any more)")
    raise WorkshopClosed("this workshop is closed")


def _purge(conn: Connection, *, cutoff: datetime) -> int:
    statement = delete(responses).where(
        responses.c.workshop_id.is_(None),
        responses.c.submitted_at.is_(None),
        responses.c.updated_at < cutoff,
    )
    return int(conn.execute(statement).rowcount)


def _purge_if_due(conn: Connection, *, now: datetime, due: datetime, cutoff: datetime) -> int | None:
    # One statement decides, so that two instances finding the purge due at once do not both run it.
    insert = _dialect_insert(conn.dialect.name)(maintenance)
    claim = (
        insert.values(task="purge_abandoned_drafts", last_run_at=now)
        .on_conflict_do_update(
            index_elements=[maintenance.c.task],
            set_={"last_run_at": now},
            where=maintenance.c.last_run_at <= due,
        )
        .returning(maintenance.c.task)
    )
    if conn.execute(claim).first() is None:
        return None
    return _purge(conn, cutoff=cutoff)


def _reserve_slot(
    conn: Connection, *, brake: str, now: float, interval: float, burst: int, max_wait: float
) -> float | None:
    # The next slot starts when the last one taken ends, or now if the bucket has refilled; this caller waits
    # only for what lies beyond `burst` slots ahead of now. Atomic: ON CONFLICT DO UPDATE locks the row.
    greatest = func.greatest if conn.dialect.name == "postgresql" else func.max
    start = greatest(brakes.c.free_at, bindparam("now", now, type_=Float))
    free_at = start + interval
    insert = _dialect_insert(conn.dialect.name)(brakes)
    statement = (
        insert.values(name=brake, free_at=now + interval)
        .on_conflict_do_update(
            index_elements=[brakes.c.name],
            set_={"free_at": free_at},
            where=free_at - now - burst * interval <= max_wait,
        )
        .returning(brakes.c.free_at)
    )
    taken = conn.execute(statement).scalar_one_or_none()
    if taken is None:
        return None
    return max(0.0, float(taken) - now - burst * interval)


def _submit(conn: Connection, *, token_hash: str) -> bool:
    now = _now()
    workshop_is_open = exists().where(workshops.c.id == responses.c.workshop_id, workshops.c.status == "open")
    # The whole decision is this one conditional UPDATE: the database lets exactly one concurrent submit
    # of a token see submitted_at IS NULL, and refuses it if the workshop is closed.
    result = conn.execute(
        update(responses)
        .where(
            responses.c.token_hash == token_hash,
            responses.c.submitted_at.is_(None),
            or_(responses.c.workshop_id.is_(None), workshop_is_open),
        )
        .values(submitted_at=now, updated_at=now)
    )
    if result.rowcount == 1:
        return True
    # Nothing updated: find out why, to answer False (already submitted) or raise.
    submitted_at = conn.execute(
        select(responses.c.submitted_at).where(responses.c.token_hash == token_hash)
    ).one_or_none()
    if submitted_at is None:
        raise DraftNotFound("no draft under this respondent token")
    if submitted_at[0] is not None:
        return False
    raise WorkshopClosed("this workshop is closed")
