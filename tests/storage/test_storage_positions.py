"""The position questions' answers (issue 15) stored with each response, on SQLite and PostgreSQL: saved and read
back with the draft, refused by the rules when not a step of the question's list, refused by the database itself
(revision 0009) when not of the right shape, given to aggregates with the submitted responses, and gone with
an erased response or a deleted workshop."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from storage import AnswerRules, InvalidInput, Store

CONTINUUM = frozenset({"information", "coordination", "cooperation", "fusion"})
RULES = AnswerRules(
    scale_min=1,
    scale_max=5,
    allow_na=True,
    item_ids=frozenset({"item-1"}),
    profile_options={},
    max_comment=2000,
    position_options={"relation.today": CONTINUUM, "relation.wished": CONTINUUM},
)


@pytest.fixture
def raw(db_url: str) -> Iterator[Engine]:
    engine = create_engine(db_url)
    yield engine
    engine.dispose()


def _save(store: Store, token: str, positions: dict[str, str | None], *, workshop_id: int | None = None, **kw) -> None:
    store.save_draft(
        token,
        questionnaire_id="sante-partenariat",
        workshop_id=workshop_id,
        answers={"item-1": 3},
        profile={},
        comments={},
        step=1,
        positions=positions,
        **kw,
    )


def test_positions_are_saved_and_read_back_with_the_draft(store: Store) -> None:
    token = store.new_respondent_token()
    _save(store, token, {"relation.today": "coordination", "relation.wished": None}, rules=RULES)
    draft = store.load_draft(token)
    assert draft is not None and draft.positions == {"relation.today": "coordination", "relation.wished": None}
    _save(store, token, {"relation.today": "cooperation"}, rules=RULES)  # replaced, as answers are
    assert store.load_draft(token).positions == {"relation.today": "cooperation"}  # type: ignore[union-attr]
    # A draft saved without positions (every caller before issue 15) has none.
    other = store.new_respondent_token()
    store.save_draft(other, questionnaire_id="express", workshop_id=None, answers={}, profile={}, comments={}, step=0)
    assert store.load_draft(other).positions == {}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "positions",
    [
        {"relation.today": "partenariat-inventé"},  # not a step of the list
        {"relation.today": "fusion-absorption"},
        {"ailleurs.today": "fusion"},  # a position not asked
        {"relation.today": 3},
    ],
)
def test_the_rules_refuse_what_is_not_a_step_of_the_question(store: Store, positions: dict) -> None:
    token = store.new_respondent_token()
    with pytest.raises(InvalidInput):
        _save(store, token, positions, rules=RULES)
    assert store.load_draft(token) is None


@pytest.mark.parametrize(
    "positions", [{"relation.today": "Fusion"}, {"relation.today": "x" * 65}, {"r.today": ["fusion"]}, ["fusion"]]
)
def test_storage_refuses_malformed_positions_even_without_rules(store: Store, positions: object) -> None:
    with pytest.raises(InvalidInput):
        _save(store, store.new_respondent_token(), positions)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        {"relation.today": "Fusion"},  # not a slug
        {"relation.today": "coop ération"},
        {"relation.today": 3},
        {"relation.today": ["fusion"]},
        {"relation": "fusion"},  # not a moment of a question
        {"relation.demain": "fusion"},
        {"relation.today": "x" * 65},
        ["fusion"],
        "fusion",
    ],
)
def test_the_database_refuses_positions_of_another_shape(store: Store, raw: Engine, db_url: str, value: object) -> None:
    """Past the Store, with plain SQL, as a bug or a tampered caller would write (revision 0009's triggers)."""
    _save(store, store.new_respondent_token(), {"relation.today": "fusion"})
    cast = "CAST(:v AS JSON)" if make_url(db_url).get_backend_name() == "postgresql" else ":v"
    with raw.begin() as conn:  # of the right shape: accepted
        conn.execute(
            text(f"UPDATE responses SET positions = {cast}"),
            {"v": json.dumps({"relation.today": "coordination", "relation.wished": None})},
        )
    with pytest.raises(DBAPIError), raw.begin() as conn:
        conn.execute(text(f"UPDATE responses SET positions = {cast}"), {"v": json.dumps(value)})


def test_an_insert_past_the_store_is_checked_too(store: Store, raw: Engine, db_url: str) -> None:
    store.workshop_counts(0)  # the schema is made on first use
    cast = "CAST(:p AS JSON)" if make_url(db_url).get_backend_name() == "postgresql" else ":p"
    insert = (
        "INSERT INTO responses (token_hash, questionnaire_id, answers, profile, comments, positions, step, updated_at)"
        f" VALUES (:h, 'express', '{{}}', '{{}}', '{{}}', {cast}, 0, CURRENT_TIMESTAMP)"
    )
    with raw.begin() as conn:
        conn.execute(text(insert), {"h": "a" * 64, "p": json.dumps({"relation.wished": "fusion"})})
    with pytest.raises(DBAPIError), raw.begin() as conn:
        conn.execute(text(insert), {"h": "b" * 64, "p": json.dumps({"relation.wished": "FUSION!"})})


def test_the_position_triggers_are_in_place(raw: Engine, store: Store, db_url: str) -> None:
    store.workshop_counts(0)
    if make_url(db_url).get_backend_name() == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'responses'::regclass AND NOT tgisinternal"
        expected = {"tr_responses_check_positions"}
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'responses'"
        expected = {"tr_responses_check_positions_insert", "tr_responses_check_positions_update"}
    with raw.connect() as conn:
        assert expected <= set(conn.execute(text(query)).scalars())


def _workshop(store: Store):
    return store.create_workshop(
        title="Atelier",
        questionnaire_id="sante-partenariat",
        organisations=["Association A"],
        profile_fields=["organisation"],
        show_results_to_participants=False,
    )


def test_submitted_positions_go_to_aggregates_and_go_with_their_workshop(store: Store, raw: Engine) -> None:
    created = _workshop(store)
    sent, draft = store.new_respondent_token(), store.new_respondent_token()
    _save(
        store,
        sent,
        {"relation.today": "information", "relation.wished": "cooperation"},
        workshop_id=created.workshop_id,
    )
    _save(store, draft, {"relation.today": "fusion"}, workshop_id=created.workshop_id)
    assert store.submit(sent)
    found = store.submitted_responses(created.workshop_id)
    assert [r.positions for r in found] == [{"relation.today": "information", "relation.wished": "cooperation"}]
    # The publication planner reads them too (scoring.privacy's position figures), from the same snapshot.
    state = store.publication_state(created.workshop_id)
    assert [r.positions for r in state.responses] == [
        {"relation.today": "information", "relation.wished": "cooperation"}
    ]
    assert store.delete_workshop(created.facilitator_key)
    with raw.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM responses")).scalar_one() == 0


def test_an_erased_solo_response_takes_its_positions(store: Store, raw: Engine) -> None:
    erased, kept = store.new_respondent_token(), store.new_respondent_token()
    _save(store, erased, {"relation.today": "fusion"})
    _save(store, kept, {"relation.today": "information"})
    assert store.delete_solo_response(erased)
    with raw.connect() as conn:
        stored = [
            json.loads(v) if isinstance(v, str) else v
            for v in conn.execute(text("SELECT positions FROM responses")).scalars()
        ]
    assert stored == [{"relation.today": "information"}]


def test_erased_and_deleted_positions_leave_nothing_in_the_sqlite_files(tmp_path: Path) -> None:
    """As test_storage_erase.py does for comments: distinctive step ids written, erased, searched for in the bytes
    of the database, its -wal and -shm; one kept is still found, so that the search is shown to work."""
    database = tmp_path / "radar.sqlite3"
    store = Store(f"sqlite:///{database}")

    def found(marker: str) -> list[str]:
        return [
            path.name
            for path in (Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm"))
            if path.exists() and marker.encode() in path.read_bytes()
        ]

    try:
        in_workshop, solo, kept = (f"erase-me-{what}-{uuid.uuid4().hex}" for what in ("room", "solo", "kept"))
        created = _workshop(store)
        room_token, solo_token, kept_token = (store.new_respondent_token() for _ in range(3))
        _save(store, room_token, {"relation.today": in_workshop}, workshop_id=created.workshop_id)
        store.submit(room_token)
        _save(store, solo_token, {"relation.wished": solo})
        _save(store, kept_token, {"relation.wished": kept})
        assert found(in_workshop) and found(solo)
        assert store.delete_workshop(created.facilitator_key)
        assert store.delete_solo_response(solo_token)
        assert found(in_workshop) == [] and found(solo) == []
        assert found(kept)
    finally:
        store.close()
