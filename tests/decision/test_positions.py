"""Position answers (today, wished) kept to what the questionnaire asks, and their distributions counted."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.loader import load_questionnaire
from scoring.positions import clean_answers, distributions, flow_steps, set_answer

QUESTIONNAIRE = load_questionnaire(Path(__file__).resolve().parents[2] / "questionnaires" / "rapprochement.yaml")
STEPS = [step.id for step in QUESTIONNAIRE.positions[0].steps]


def test_the_flow_gets_one_description_per_position_with_a_widget_per_moment() -> None:
    [step] = flow_steps(QUESTIONNAIRE)
    assert step.id == "relation" and step.moments == ("today", "wished")
    assert step.step_ids == STEPS
    assert {step.widget_key(m) for m in step.moments} == {"position_relation_today", "position_relation_wished"}


def test_answers_are_set_and_cleared_without_changing_the_given_mapping() -> None:
    before = {"relation": {"today": "information"}}
    after = set_answer(before, "relation", "wished", "cooperation")
    assert before == {"relation": {"today": "information"}}
    assert after == {"relation": {"today": "information", "wished": "cooperation"}}
    assert set_answer(set_answer(after, "relation", "today", None), "relation", "wished", None) == {}


def test_what_the_questionnaire_does_not_ask_is_dropped() -> None:
    raw = {
        "relation": {"today": "concertation", "wished": "mariage", "tomorrow": "fusion"},
        "other": {"today": "fusion"},
        "eth-1": 4,
    }
    assert clean_answers(QUESTIONNAIRE, raw) == {"relation": {"today": "concertation"}}
    assert clean_answers(QUESTIONNAIRE, ["not", "a", "mapping"]) == {}


def test_each_moment_is_counted_over_those_who_answered_it() -> None:
    people = [
        {"relation": {"today": "information", "wished": "cooperation"}},
        {"relation": {"today": "information", "wished": "partenariat"}},
        {"relation": {"today": "concertation"}},
        {},
    ]
    today, wished = distributions(QUESTIONNAIRE, people)
    assert (today.moment, today.n) == ("today", 3) and (wished.moment, wished.n) == ("wished", 2)
    assert list(today.counts) == STEPS  # every step, in order, zeros included
    assert today.counts["information"] == 2 and today.counts["concertation"] == 1
    assert wished.counts == {**dict.fromkeys(STEPS, 0), "cooperation": 1, "partenariat": 1}


answer = st.fixed_dictionaries({}, optional={"today": st.sampled_from(STEPS), "wished": st.sampled_from(STEPS)})


@settings(deadline=None, max_examples=100)
@given(st.lists(st.fixed_dictionaries({}, optional={"relation": answer}), max_size=20))
def test_the_counts_add_up_to_the_people_who_answered(people: list[dict]) -> None:
    for found in distributions(QUESTIONNAIRE, people):
        assert sum(found.counts.values()) == found.n
        assert found.n == sum(1 for person in people if found.moment in person.get("relation", {}))
