"""The database refuses by itself what storage refuses (revision 0007), on SQLite and PostgreSQL: an answer off its
workshop's scale or not a whole number, malformed answers, profile or comments, a step out of range, an empty
title, a response published before it was sent. Written with plain SQL on a separate engine, past the Store and
its checks, as a bug or a tampered caller would."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from storage import InvalidInput, Scale, Store


@pytest.fixture
def raw(db_url: str) -> Iterator[Engine]:
    engine = create_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def set_answers(raw: Engine, db_url: str) -> Callable[[str, object], None]:
    cast = "CAST(:v AS JSON)" if make_url(db_url).get_backend_name() == "postgresql" else ":v"

    def update(column: str, value: object) -> None:
        with raw.begin() as conn:
            conn.execute(text(f"UPDATE responses SET {column} = {cast}"), {"v": json.dumps(value)})

    return update


def _workshop(store: Store, scale: Scale | None) -> int:
    return store.create_workshop(
        title="Atelier",
        questionnaire_id="sante-partenariat",
        organisations=["Association A"],
        profile_fields=["organisation"],
        show_results_to_participants=False,
        scale=scale,
    ).workshop_id


def _draft(store: Store, workshop_id: int | None, answers: dict[str, int | None]) -> str:
    token = store.new_respondent_token()
    store.save_draft(
        token,
        questionnaire_id="sante-partenariat",
        workshop_id=workshop_id,
        answers=answers,
        profile={"organisation": "Association A"},
        comments={},
        step=1,
    )
    return token


@pytest.mark.parametrize(
    "answers",
    [{"item-1": 5}, {"item-1": 0}, {"item-1": None}, {"item-1": 2.5}, {"item-1": "3"}, {"item-1": True}, [1, 2]],
)
def test_an_answer_off_the_workshops_scale_is_refused_by_the_database(
    store: Store, set_answers: Callable[[str, object], None], answers: object
) -> None:
    _draft(store, _workshop(store, Scale(min=1, max=4, allow_na=False)), {"item-1": 2})
    set_answers("answers", {"item-1": 4, "item-2": 1})  # on the scale: accepted

    with pytest.raises(DBAPIError):
        set_answers("answers", answers)


def test_the_store_reports_the_databases_refusal_as_invalid_input(store: Store) -> None:
    workshop_id = _workshop(store, Scale(min=1, max=4, allow_na=True))
    _draft(store, workshop_id, {"item-1": None, "item-2": 4})  # no rules given: only the database checks
    with pytest.raises(InvalidInput):
        _draft(store, workshop_id, {"item-1": 5})


def test_without_a_scale_answers_are_held_to_whole_numbers_within_1000(
    store: Store, set_answers: Callable[[str, object], None]
) -> None:
    _draft(store, None, {"item-1": 1})
    set_answers("answers", {"item-1": -1000, "item-2": 1000, "item-3": None})
    for bad in ({"item-1": 1001}, {"item-1": 0.5}):
        with pytest.raises(DBAPIError):
            set_answers("answers", bad)


@pytest.mark.parametrize(("column", "value"), [("profile", {"organisation": 3}), ("comments", {"dim-1": ["x"]})])
def test_profile_values_and_comments_must_be_texts(
    store: Store, set_answers: Callable[[str, object], None], column: str, value: object
) -> None:
    _draft(store, None, {"item-1": 1})
    with pytest.raises(DBAPIError):
        set_answers(column, value)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE responses SET step = 10001",
        "UPDATE responses SET published_at = updated_at",  # never sent
        "UPDATE workshops SET title = ''",
        "UPDATE workshops SET scale_max = scale_min",
        "UPDATE workshops SET allow_na = NULL",
    ],
)
def test_check_constraints(store: Store, raw: Engine, statement: str) -> None:
    _draft(store, _workshop(store, Scale(min=1, max=4, allow_na=True)), {"item-1": 2})
    with pytest.raises(DBAPIError), raw.begin() as conn:
        conn.execute(text(statement))


def test_a_scale_must_be_whole_numbers_in_order(store: Store) -> None:
    for bad in (Scale(min=4, max=1, allow_na=True), Scale(min=1, max=2000, allow_na=True)):
        with pytest.raises(InvalidInput):
            _workshop(store, bad)


def test_the_response_triggers_are_in_place(raw: Engine, store: Store, db_url: str) -> None:
    """SQLite drops a table's triggers when Alembic's batch mode rebuilds it: a later revision that rebuilds
    `responses` and forgets them makes this fail."""
    store.workshop_counts(0)  # the schema is made on first use
    if make_url(db_url).get_backend_name() == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'responses'::regclass AND NOT tgisinternal"
        expected = {"tr_responses_check", "tr_responses_check_positions"}
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'responses'"
        expected = {
            "tr_responses_check_insert",
            "tr_responses_check_update",
            "tr_responses_check_positions_insert",  # revision 0009
            "tr_responses_check_positions_update",
        }
    with raw.connect() as conn:
        assert set(conn.execute(text(query)).scalars()) == expected
