"""Workshops and drafts through the public API, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from storage import (
    DraftNotFound,
    InvalidInput,
    Store,
    TokenMismatch,
    WorkshopClosed,
    WorkshopNotFound,
    inputs,
)
from storage.codes import hash_secret
from storage.database import get_database


def _draft(store: Store, token: str, workshop_id: int | None, answers: dict[str, int | None], **extra: object) -> None:
    store.save_draft(
        token,
        questionnaire_id=str(extra.get("questionnaire_id", "sante-partenariat")),
        workshop_id=workshop_id,
        answers=answers,
        profile=extra.get("profile", {"organisation": "Association A"}),  # type: ignore[arg-type]
        comments=extra.get("comments", {}),  # type: ignore[arg-type]
        step=int(extra.get("step", 1)),  # type: ignore[call-overload]
    )


def test_create_and_find_workshop(store: Store, workshop_args: dict) -> None:
    before = datetime.now(UTC)
    created = store.create_workshop(**workshop_args)

    by_code = store.workshop_for_participant(created.participant_code)
    assert by_code is not None
    assert by_code.id == created.workshop_id
    assert by_code.title == workshop_args["title"]
    assert by_code.questionnaire_id == "sante-partenariat"
    assert by_code.status == "open"
    assert by_code.organisations == ["Association A", "Fondation B"]
    assert by_code.profile_fields == ["organisation", "role"]
    assert by_code.show_results_to_participants is False

    full = store.workshop_for_facilitator(created.facilitator_key)
    assert full is not None
    assert full.id == created.workshop_id
    assert full.participant_code == created.participant_code
    assert full.created_at.tzinfo is not None
    assert before - timedelta(seconds=5) <= full.created_at <= datetime.now(UTC) + timedelta(seconds=5)


def test_participant_code_is_typo_tolerant(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    code = created.participant_code  # "ABCD-EFGH"
    bare = code.replace("-", "")
    for typed in (code, code.lower(), bare, f"  {bare[:4]} {bare[4:]} ", f"{bare[:4]}–{bare[4:]}", bare.lower()):
        view = store.workshop_for_participant(typed)
        assert view is not None and view.id == created.workshop_id, typed
    for wrong in ("", "ABCD", bare + "2", "0" * 8, "I" * 8, "x" * 10_000):
        assert store.workshop_for_participant(wrong) is None


def test_status_open_close(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    assert store.set_workshop_status(created.facilitator_key, "closed") is True
    assert store.workshop_for_participant(created.participant_code).status == "closed"  # type: ignore[union-attr]
    assert store.set_workshop_status(created.facilitator_key, "open") is True
    assert store.workshop_for_participant(created.participant_code).status == "open"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput):
        store.set_workshop_status(created.facilitator_key, "archived")  # type: ignore[arg-type]
    assert store.set_workshop_status("not-a-key", "closed") is False


def test_counts_and_submitted_responses(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    other = store.create_workshop(**workshop_args)
    tokens = [store.new_respondent_token() for _ in range(3)]
    for i, token in enumerate(tokens):
        _draft(store, token, workshop.workshop_id, {"eth-1": i + 1, "eth-2": None}, profile={"role": f"r{i}"})
    _draft(store, store.new_respondent_token(), other.workshop_id, {"eth-1": 5})
    _draft(store, store.new_respondent_token(), None, {"eth-1": 5})  # solo use: in no workshop
    assert store.workshop_counts(workshop.workshop_id) == (3, 0)
    assert store.submitted_responses(workshop.workshop_id) == []

    assert store.submit(tokens[0]) and store.submit(tokens[2])
    assert store.workshop_counts(workshop.workshop_id) == (3, 2)
    assert store.workshop_counts(other.workshop_id) == (1, 0)
    submitted = store.submitted_responses(workshop.workshop_id)
    assert sorted((r.answers["eth-1"], r.answers["eth-2"], r.profile["role"]) for r in submitted) == [
        (1, None, "r0"),
        (3, None, "r2"),
    ]
    assert store.workshop_counts(999_999) == (0, 0)


def test_draft_round_trip_with_none_and_unicode(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    token = store.new_respondent_token()
    answers: dict[str, int | None] = {"eth-1": 4, "eth-2": None, "gouv-1": 1, "élan-ü": None}
    profile = {"organisation": "Œuvre « Saint-Éloi »", "role": "salarié·e"}
    comments = {"eth-1": "Très bien 👍\nmais…", "gouv-1": "العربية · 中文 · ελληνικά", "x": ""}
    _draft(store, token, workshop.workshop_id, answers, profile=profile, comments=comments, step=3)

    draft = store.load_draft(token)
    assert draft is not None
    assert draft.answers == answers
    assert draft.profile == profile
    assert draft.comments == comments
    assert draft.step == 3
    assert draft.questionnaire_id == "sante-partenariat"
    assert draft.workshop_id == workshop.workshop_id
    assert draft.submitted is False

    # A later save replaces the whole state (it is a snapshot of the page, not a patch).
    _draft(store, token, workshop.workshop_id, {"eth-1": 2}, profile={}, comments={}, step=4)
    draft = store.load_draft(token)
    assert draft is not None and draft.answers == {"eth-1": 2} and draft.profile == {} and draft.step == 4


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.dictionaries(
        st.text(min_size=1, max_size=20).filter(lambda s: "\x00" not in s and s.strip()),
        st.one_of(st.none(), st.integers(min_value=-10, max_value=10)),
        max_size=20,
    ),
    comments=st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda s: "\x00" not in s and s.strip()),
        st.text(max_size=200, alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")),
        max_size=5,
    ),
    step=st.integers(min_value=0, max_value=100),
)
def test_draft_round_trip_property(
    store: Store, answers: dict[str, int | None], comments: dict[str, str], step: int
) -> None:
    token = store.new_respondent_token()
    store.save_draft(
        token, questionnaire_id="q", workshop_id=None, answers=answers, profile={}, comments=comments, step=step
    )
    draft = store.load_draft(token)
    assert draft is not None
    assert (draft.answers, draft.comments, draft.step, draft.workshop_id) == (answers, comments, step, None)


def test_solo_draft_and_submit(store: Store) -> None:
    token = store.new_respondent_token()
    assert store.load_draft(token) is None  # a new token writes nothing until the first save
    _draft(store, token, None, {"eth-1": 3})
    assert store.submit(token) is True
    assert store.submit(token) is False
    draft = store.load_draft(token)
    assert draft is not None and draft.submitted and draft.workshop_id is None


def test_abandoned_solo_drafts_are_purged_and_nothing_else(store: Store, db_url: str, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    abandoned, recent, sent, in_workshop = (store.new_respondent_token() for _ in range(4))
    for token in (abandoned, recent, sent):
        _draft(store, token, None, {"eth-1": 3})
    _draft(store, in_workshop, workshop.workshop_id, {"eth-1": 3})
    assert store.submit(sent)
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:  # everything but `recent` was last touched 40 days ago
            conn.execute(text("UPDATE responses SET updated_at = :t"), {"t": datetime.now(UTC) - timedelta(days=40)})
            conn.execute(
                text("UPDATE responses SET updated_at = :t WHERE token_hash = :h"),
                {"t": datetime.now(UTC), "h": hash_secret(recent)},
            )
    finally:
        engine.dispose()
    assert store.purge_abandoned_drafts(timedelta(days=30)) == 1
    assert store.load_draft(abandoned) is None
    for kept in (recent, sent, in_workshop):
        assert store.load_draft(kept) is not None
    assert store.purge_abandoned_drafts(timedelta(days=30)) == 0


def test_a_solo_response_can_be_erased_but_not_a_workshop_one(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    solo, member = store.new_respondent_token(), store.new_respondent_token()
    _draft(store, solo, None, {"eth-1": 3})
    _draft(store, member, workshop.workshop_id, {"eth-1": 3})
    assert store.submit(solo) and store.submit(member)
    assert store.delete_solo_response(member) is False
    assert store.load_draft(member) is not None
    assert store.delete_solo_response(solo) is True
    assert store.load_draft(solo) is None
    assert store.delete_solo_response(solo) is False  # nothing left to erase
    assert store.delete_solo_response("short") is False


def test_draft_after_submit_is_ignored(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    token = store.new_respondent_token()
    _draft(store, token, workshop.workshop_id, {"eth-1": 4}, step=5)
    assert store.submit(token) is True
    _draft(store, token, workshop.workshop_id, {"eth-1": 1}, step=6)  # e.g. a late autosave from another tab
    draft = store.load_draft(token)
    assert draft is not None and draft.answers == {"eth-1": 4} and draft.step == 5 and draft.submitted
    assert [r.answers for r in store.submitted_responses(workshop.workshop_id)] == [{"eth-1": 4}]


def test_submit_into_closed_workshop_is_refused(store: Store, workshop_args: dict) -> None:
    workshop = store.create_workshop(**workshop_args)
    early, late = store.new_respondent_token(), store.new_respondent_token()
    _draft(store, early, workshop.workshop_id, {"eth-1": 4})
    _draft(store, late, workshop.workshop_id, {"eth-1": 2})
    assert store.submit(early) is True

    store.set_workshop_status(workshop.facilitator_key, "closed")
    with pytest.raises(WorkshopClosed):
        store.submit(late)
    assert store.submit(early) is False  # already in: still idempotent, not an error
    with pytest.raises(WorkshopClosed):  # nor can anyone join or keep answering
        _draft(store, store.new_respondent_token(), workshop.workshop_id, {"eth-1": 1})
    assert store.workshop_counts(workshop.workshop_id) == (2, 1)

    store.set_workshop_status(workshop.facilitator_key, "open")  # reopening lets the late one in
    assert store.submit(late) is True
    assert store.workshop_counts(workshop.workshop_id) == (2, 2)


def test_submit_without_draft(store: Store) -> None:
    with pytest.raises(DraftNotFound):
        store.submit(store.new_respondent_token())
    with pytest.raises(DraftNotFound):
        store.submit("short")


def test_draft_into_missing_workshop(store: Store) -> None:
    with pytest.raises(WorkshopNotFound):
        _draft(store, store.new_respondent_token(), 424_242, {"eth-1": 1})


def test_token_is_bound_to_its_workshop(store: Store, workshop_args: dict) -> None:
    a = store.create_workshop(**workshop_args)
    b = store.create_workshop(**workshop_args)
    token = store.new_respondent_token()
    _draft(store, token, a.workshop_id, {"eth-1": 4})
    with pytest.raises(TokenMismatch):
        _draft(store, token, b.workshop_id, {"eth-1": 1})
    with pytest.raises(TokenMismatch):
        _draft(store, token, a.workshop_id, {"eth-1": 1}, questionnaire_id="autre")
    assert store.workshop_counts(b.workshop_id) == (0, 0)
    assert store.load_draft(token).answers == {"eth-1": 4}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("answers", {"eth-1": True}),
        ("answers", {"eth-1": 3.5}),
        ("answers", {"eth-1": "4"}),
        ("answers", {"": 4}),
        ("answers", {f"i{i}": 1 for i in range(1_001)}),
        ("profile", {"role": None}),
        ("profile", {"role": "a\x00b"}),
        ("comments", {"eth-1": "x" * 5_001}),
        ("step", -1),
        ("questionnaire_id", ""),
    ],
)
def test_malformed_draft_is_refused(store: Store, field: str, value: object) -> None:
    args: dict[str, object] = {
        "questionnaire_id": "q",
        "workshop_id": None,
        "answers": {},
        "profile": {},
        "comments": {},
        "step": 0,
    }
    args[field] = value
    token = store.new_respondent_token()
    with pytest.raises(InvalidInput):
        store.save_draft(token, **args)  # type: ignore[arg-type]
    assert store.load_draft(token) is None


def test_malformed_tokens(store: Store) -> None:
    for token in ("", "abc", "x" * 21, "a b" * 10, "é" * 30, "x" * 500):
        with pytest.raises(InvalidInput):
            _draft(store, token, None, {})
        assert store.load_draft(token) is None


def test_malformed_workshop_is_refused(store: Store, workshop_args: dict) -> None:
    for field, value in [
        ("title", "   "),
        ("title", "x" * (inputs.MAX_TITLE + 1)),
        ("organisations", "Association A"),  # a string is not a list of names
        ("organisations", ["ok", 3]),
        ("show_results_to_participants", "yes"),
    ]:
        with pytest.raises(InvalidInput):
            store.create_workshop(**{**workshop_args, field: value})


def test_delete_workshop_removes_drafts_and_responses(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    doomed = store.create_workshop(**workshop_args)
    kept = store.create_workshop(**workshop_args)
    for i in range(4):
        token = store.new_respondent_token()
        _draft(store, token, doomed.workshop_id, {"eth-1": 1 + i % 5})
        if i % 2:
            store.submit(token)
    kept_token = store.new_respondent_token()
    _draft(store, kept_token, kept.workshop_id, {"eth-1": 5})
    store.submit(kept_token)
    assert count_rows("responses", workshop_id=doomed.workshop_id) == 4

    assert store.delete_workshop(doomed.facilitator_key) is True
    assert count_rows("workshops", id=doomed.workshop_id) == 0
    assert count_rows("responses", workshop_id=doomed.workshop_id) == 0
    assert count_rows("responses") == 1
    assert store.workshop_for_facilitator(doomed.facilitator_key) is None
    assert store.workshop_for_participant(doomed.participant_code) is None
    assert store.delete_workshop(doomed.facilitator_key) is False  # twice: nothing left to delete

    assert store.workshop_counts(kept.workshop_id) == (1, 1)


def test_restart_keeps_everything(db_url: str, workshop_args: dict) -> None:
    first = Store(db_url)
    workshop = first.create_workshop(**workshop_args)
    submitted, pending = first.new_respondent_token(), first.new_respondent_token()
    _draft(first, submitted, workshop.workshop_id, {"eth-1": 5, "eth-2": None})
    _draft(first, pending, workshop.workshop_id, {"eth-1": 2}, comments={"eth-1": "à suivre"}, step=2)
    first.submit(submitted)
    old_engine = get_database(db_url).engine
    first.close()  # the "server" stops: every pooled connection is closed

    second = Store(db_url)
    try:
        assert get_database(db_url).engine is not old_engine
        assert second.workshop_for_facilitator(workshop.facilitator_key) is not None
        assert second.workshop_for_participant(workshop.participant_code) is not None
        assert second.workshop_counts(workshop.workshop_id) == (2, 1)
        assert [r.answers for r in second.submitted_responses(workshop.workshop_id)] == [{"eth-1": 5, "eth-2": None}]
        draft = second.load_draft(pending)
        assert draft is not None and draft.comments == {"eth-1": "à suivre"} and draft.step == 2
        assert second.submit(pending) is True
        assert second.submit(submitted) is False  # the first submit survived the restart
    finally:
        second.close()


def test_url_from_environment(db_url: str, monkeypatch: pytest.MonkeyPatch, workshop_args: dict) -> None:
    monkeypatch.setenv("RADAR_DATABASE_URL", db_url)
    env_store = Store()
    assert env_store.url == db_url
    created = env_store.create_workshop(**workshop_args)
    assert Store(db_url).workshop_for_facilitator(created.facilitator_key) is not None
