"""Who can reach what: participant codes, facilitator keys, respondent tokens (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import dataclasses
import math
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, inspect, text

from storage import ParticipantView, Store
from storage import codes as storage_codes
from storage.codes import CODE_ALPHABET, hash_secret


def test_participant_code_does_not_open_the_facilitator_view(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    code = created.participant_code
    for attempt in (code, code.replace("-", ""), code.lower(), code * 6, hash_secret(code)):
        assert store.workshop_for_facilitator(attempt) is None, attempt
        assert store.set_workshop_status(attempt, "closed") is False
        assert store.delete_workshop(attempt) is False
    assert store.workshop_for_participant(code).status == "open"  # type: ignore[union-attr]


def test_participant_view_exposes_only_public_fields(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    view = store.workshop_for_participant(created.participant_code)
    assert type(view) is ParticipantView  # not a FacilitatorView passed off as one
    assert {f.name for f in dataclasses.fields(view)} == {
        "id",
        "title",
        "questionnaire_id",
        "status",
        "organisations",
        "profile_fields",
        "show_results_to_participants",
        "demo_case",  # public: a participant of a demo is told its answers are made up
    }
    for attribute in ("facilitator_key", "facilitator_key_hash", "key", "key_hash", "created_at"):
        assert not hasattr(view, attribute)
    assert created.facilitator_key not in repr(view)
    assert hash_secret(created.facilitator_key) not in repr(view)


def test_facilitator_key_is_not_in_repr(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    assert created.facilitator_key not in repr(created)  # log lines must not leak it


def test_key_of_one_workshop_gives_nothing_about_another(
    store: Store, workshop_args: dict, count_rows: Callable[..., int]
) -> None:
    a = store.create_workshop(**{**workshop_args, "title": "A"})
    b = store.create_workshop(**{**workshop_args, "title": "B"})
    token_b = store.new_respondent_token()
    store.save_draft(
        token_b, questionnaire_id="q", workshop_id=b.workshop_id, answers={"x": 1}, profile={}, comments={}, step=0
    )
    store.submit(token_b)

    view = store.workshop_for_facilitator(a.facilitator_key)
    assert view is not None and (view.id, view.title) == (a.workshop_id, "A")

    assert store.set_workshop_status(a.facilitator_key, "closed") is True
    assert store.workshop_for_participant(b.participant_code).status == "open"  # type: ignore[union-attr]

    assert store.delete_workshop(a.facilitator_key) is True
    assert count_rows("workshops", id=b.workshop_id) == 1
    assert count_rows("responses", workshop_id=b.workshop_id) == 1
    assert store.workshop_for_facilitator(b.facilitator_key).title == "B"  # type: ignore[union-attr]


def test_facilitator_key_is_not_derivable_from_the_code(
    store: Store, workshop_args: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = store.create_workshop(**workshop_args)
    bare = created.participant_code.replace("-", "")
    assert bare not in created.facilitator_key.upper()
    assert hash_secret(bare) != hash_secret(created.facilitator_key)

    # The key is drawn independently: the very same code comes with a different key each time.
    monkeypatch.setattr(storage_codes, "new_participant_code", lambda: "ABCDEFGH")
    first = store.create_workshop(**workshop_args)
    store.delete_workshop(first.facilitator_key)  # frees the code
    second = store.create_workshop(**workshop_args)
    assert first.participant_code == second.participant_code == "ABCD-EFGH"
    assert first.facilitator_key != second.facilitator_key
    assert store.workshop_for_facilitator(first.facilitator_key) is None


def test_database_holds_no_secret_in_clear(store: Store, db_url: str, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    token = store.new_respondent_token()
    store.save_draft(
        token, questionnaire_id="q", workshop_id=created.workshop_id, answers={}, profile={}, comments={}, step=0
    )
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            dump = repr(conn.execute(text("SELECT * FROM workshops")).all())
            dump += repr(conn.execute(text("SELECT * FROM responses")).all())
            tables = {t: [c["name"] for c in inspect(conn).get_columns(t)] for t in ("workshops", "responses")}
    finally:
        engine.dispose()
    assert created.facilitator_key not in dump and token not in dump
    assert hash_secret(created.facilitator_key) in dump  # what is stored instead
    # The stored hash is not a key: a copy of the database opens no dashboard.
    assert store.workshop_for_facilitator(hash_secret(created.facilitator_key)) is None
    # Privacy: nothing that identifies a person has a column.
    columns = " ".join(name for names in tables.values() for name in names)
    for banned in ("ip", "addr", "agent", "name", "email", "user"):
        assert banned not in columns.split("_") and banned not in columns.split(), banned


def test_codes_unique_and_from_the_alphabet_over_2000_workshops(store: Store, workshop_args: dict) -> None:
    created = [store.create_workshop(**workshop_args) for _ in range(2_000)]
    codes = [c.participant_code for c in created]
    assert len(set(codes)) == 2_000
    for code in codes:
        assert len(code) == 9 and code[4] == "-"
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
    assert len({c.facilitator_key for c in created}) == 2_000
    # 2,000 codes x 8 symbols: every one of the 31 symbols shows up (a generator stuck on a subset would not).
    assert set("".join(codes).replace("-", "")) == set(CODE_ALPHABET)


def test_entropy(store: Store, workshop_args: dict) -> None:
    created = store.create_workshop(**workshop_args)
    bare = created.participant_code.replace("-", "")
    assert len(CODE_ALPHABET) == len(set(CODE_ALPHABET)) == 31
    assert not set("0O1IL") & set(CODE_ALPHABET)
    code_bits = len(bare) * math.log2(len(CODE_ALPHABET))
    assert code_bits >= 39, code_bits  # 8 x log2(31) = 39.63

    key = created.facilitator_key
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(key) == 43 and len(raw) * 8 >= 256

    token = store.new_respondent_token()
    raw_token = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(token) == 22 and len(raw_token) * 8 >= 128
