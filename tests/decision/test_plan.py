"""The action plan's pure parts: the priorities suggested from shown results, the plan's rules, its texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.loader import load_questionnaire
from scoring.plan import (
    MAX_WHAT,
    Action,
    ActionPlan,
    PlanError,
    Priority,
    check_plan,
    plan_from_document,
    recommendation_key,
    suggested_priorities,
)
from scoring.privacy import hide_small_counts

QUESTIONNAIRE = load_questionnaire(Path(__file__).resolve().parents[2] / "questionnaires" / "express.yaml")


def shown_report(people: list[dict[str, int]]):
    frame = responses_frame(QUESTIONNAIRE, people, [{}] * len(people))
    return hide_small_counts(score_responses(QUESTIONNAIRE, frame), QUESTIONNAIRE.min_group_size)


def test_disputed_statements_come_first_then_the_lowest_dimensions_then_the_lowest_statements() -> None:
    ids = QUESTIONNAIRE.item_ids
    base = {item_id: 4 for item_id in ids}
    split = ids[0]  # half say 1, half say 5: no consensus
    low = ids[-1]  # everyone says 1
    people = [
        {**base, split: 1, low: 1},
        {**base, split: 5, low: 1},
        {**base, split: 1, low: 1},
        {**base, split: 5, low: 1},
    ]
    report = shown_report(people)
    suggested = suggested_priorities(report)
    assert suggested[0] == Priority(kind="item", id=split, reason="dissensus")
    dimensions = [p for p in suggested if p.kind == "dimension"]
    lowest = min((d for d in report.dimensions if d.score is not None), key=lambda d: d.score)
    assert dimensions[0].id == lowest.id and dimensions[0].reason == "low_dimension"
    assert len(suggested) == 5 and len({(p.kind, p.id) for p in suggested}) == 5


def test_a_figure_the_screen_hides_is_never_suggested() -> None:
    people = [{QUESTIONNAIRE.item_ids[0]: 1}, {QUESTIONNAIRE.item_ids[0]: 1}]  # two people: nothing shown
    assert suggested_priorities(shown_report(people)) == []


PRIORITIES = [Priority(kind="item", id=f"i-{n}", reason="low_item") for n in range(4)]


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        (
            ActionPlan(priorities=PRIORITIES[:2], actions=[Action(priority="i-0", what="Réunir le bureau")]),
            "priority_count",
        ),
        (ActionPlan(priorities=[PRIORITIES[0]] * 3), "priority_twice"),
        (
            ActionPlan(priorities=PRIORITIES[:3], actions=[Action(priority="i-3", what="Réunir le bureau")]),
            "action_priority_unknown",
        ),
    ],
)
def test_a_plan_that_breaks_a_rule_is_refused_with_its_reason(plan: ActionPlan, code: str) -> None:
    with pytest.raises(PlanError) as raised:
        check_plan(plan)
    assert raised.value.code == code


def test_priorities_may_be_chosen_before_any_action_is_written() -> None:
    assert check_plan(ActionPlan(priorities=PRIORITIES[:1])).priorities == PRIORITIES[:1]
    with pytest.raises(ValidationError):
        ActionPlan(priorities=[*PRIORITIES, Priority(kind="dimension", id="d", reason="low_dimension"), PRIORITIES[0]])


@pytest.mark.parametrize(
    "what",
    ["", "   ", "x" * (MAX_WHAT + 1), "Réunir\x00le bureau", "Réunir\u202ele bureau", "a\x1bb"],
)
def test_an_action_text_that_is_empty_too_long_or_holds_control_characters_is_refused(what: str) -> None:
    with pytest.raises(ValidationError):
        Action(priority="i-0", what=what)


def test_an_action_keeps_what_was_typed_as_plain_text_even_markdown() -> None:
    action = Action(priority="i-0", what="  **Réunir**   le [bureau](javascript:x)\n", who="Le bureau")
    assert action.what == "**Réunir** le [bureau](javascript:x)"  # kept as typed; the screen escapes it


def test_a_plan_goes_to_storage_as_plain_json_and_comes_back_equal() -> None:
    plan = ActionPlan(
        priorities=PRIORITIES[:3],
        actions=[
            Action(
                priority="i-1",
                what="Écrire la convention",
                who="Comité de pilotage",
                due=dt.date(2027, 3, 31),
                status="doing",
                recommendation=recommendation_key("gouvernance", None, "priority", 0),
            )
        ],
    )
    document = plan.to_document()
    assert document["actions"][0]["due"] == "2027-03-31"
    assert plan_from_document(document) == plan
    assert plan_from_document(None) == ActionPlan()


def test_recommendation_keys_name_a_statement_or_a_dimension_band_and_rank() -> None:
    assert recommendation_key("ethique", "eth-1", "priority", 0) == "item:eth-1"
    assert recommendation_key("ethique", None, "watch", 2) == "dimension:ethique:watch:2"


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), min_size=1, max_size=MAX_WHAT)


@settings(deadline=None, max_examples=100)
@given(printable)
def test_any_printable_text_is_kept_or_refused_never_altered_beyond_spaces(what: str) -> None:
    try:
        action = Action(priority="i-0", what=what)
    except ValidationError:
        assert not what.strip()
        return
    assert action.what == " ".join(what.split())
