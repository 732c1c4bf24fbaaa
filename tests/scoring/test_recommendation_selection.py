"""Which recommendations a screen shows first (issue 12): 3 to 5, the most urgent band first, disputed statements
and dimensions first within a band, then the lowest; at most two per dimension; the rest folded, nothing lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.loader import load_questionnaire
from scoring.recommendations import SHOWN_PER_DIMENSION, _rank, select_recommendations

ROOT = Path(__file__).resolve().parents[2]
SANTE = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
EXPRESS = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
PROPERTIES = settings(max_examples=60, deadline=None)


def everyone_answers(questionnaire, values: list[int]):
    """One respondent per value, each giving that value to every statement."""
    answers = [{item.id: value for item in questionnaire.items} for value in values]
    return score_responses(questionnaire, responses_frame(questionnaire, answers))


def test_a_struggling_group_sees_five_not_dozens() -> None:
    # Everyone disagrees with everything: reverse statements come out high, the others at 0.
    report = everyone_answers(SANTE, [1, 1, 2])
    assert len(report.recommendations) > 15  # what the JSON keeps
    shown = select_recommendations(SANTE, report)
    assert len(shown.first) == 5
    assert all(recommendation.band == "priority" for recommendation in shown.first)
    assert max(Counter(r.dimension for r in shown.first).values()) <= SHOWN_PER_DIMENSION
    assert shown.first + shown.rest != report.recommendations  # reordered...
    assert sorted(map(id, shown.first + shown.rest)) == sorted(map(id, report.recommendations))  # ...nothing lost
    assert len(report.to_json()["recommendations"]) == len(report.recommendations)


def test_naming_the_relationship_comes_before_writing_a_values_charter() -> None:
    # Issue 12: a subcontracting relationship with a funder still got « write a values charter » first. gouv-11
    # (« defined together, not ordered ») is marked first: low, its recommendation leads.
    report = everyone_answers(SANTE, [1, 1, 2])
    first = select_recommendations(SANTE, report).first[0]
    assert (first.item, first.band) == ("gouv-11", "priority")
    assert "appelez la relation par son nom" in first.text["fr"]


def test_a_disputed_statement_comes_before_a_lower_undisputed_one() -> None:
    # eth-1: half the room at 1, half at 5 (consensus 0): mean 50, not priority, no recommendation. Take obj-2:
    # disputed between 1 and 3 (mean 25), against com-2 at 1 for all (mean 0, undisputed).
    base = {item.id: 3 for item in SANTE.items}
    answers = []
    for value in (1, 1, 3, 3):
        given = dict(base, **{"obj-2": value, "com-2": 1})
        answers.append(given)
    report = score_responses(SANTE, responses_frame(SANTE, answers))
    disputed = report.item("obj-2")
    assert disputed.band == "priority" and disputed.dissensus, disputed
    ids = [r.item for r in select_recommendations(SANTE, report).first]
    assert ids.index("obj-2") < ids.index("com-2")


def test_a_strength_is_never_shown_before_a_priority() -> None:
    # Communication at 100, objectives at 0: one strength recommendation and several priority ones.
    answers = []
    for _ in range(3):
        given = {item.id: 3 for item in EXPRESS.items}
        given.update({"ex-com-1": 5, "ex-com-2": 5, "ex-com-3": 1})  # ex-com-3 is reversed
        given.update({"ex-obj-1": 1, "ex-obj-2": 1, "ex-obj-3": 5})
        answers.append(given)
    report = score_responses(EXPRESS, responses_frame(EXPRESS, answers))
    bands = [r.band for r in select_recommendations(EXPRESS, report).first]
    assert "priority" in bands and bands == sorted(bands, key=["priority", "watch", "strength"].index)


def test_fewer_than_five_are_all_shown() -> None:
    # Everyone gives the best answer (5, or 1 to a reverse statement): one strength recommendation per dimension.
    best = {item.id: 1 if item.reverse else 5 for item in EXPRESS.items}
    report = score_responses(EXPRESS, responses_frame(EXPRESS, [best] * 3))
    shown = select_recommendations(EXPRESS, report)
    assert shown.rest == [] and len(shown.first) == len(report.recommendations) == 4


def test_one_dimension_holding_them_all_still_shows_three(small) -> None:
    # The small questionnaire, beta unanswered: alpha's priority recommendation, then a2's and a3's.
    from scoring_testkit import answers

    report = score_responses(small, answers([[1, 5, 1, None, None]]))
    assert [(r.dimension, r.item) for r in report.recommendations] == [
        ("alpha", None),
        ("alpha", "a2"),
        ("alpha", "a3"),
    ]
    shown = select_recommendations(small, report)
    assert len(shown.first) == 3 and shown.rest == []


def test_no_recommendation_gives_an_empty_selection(small) -> None:
    from scoring_testkit import answers

    shown = select_recommendations(small, score_responses(small, answers([])))
    assert shown.first == [] and shown.rest == []


answer = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def groups(draw, questionnaire=SANTE):
    size = draw(st.integers(1, 6))
    return [{item.id: draw(answer) for item in questionnaire.items} for _ in range(size)]


@PROPERTIES
@given(groups())
def test_the_selection_is_a_reordering_of_the_whole_list(answers) -> None:
    report = score_responses(SANTE, responses_frame(SANTE, answers))
    shown = select_recommendations(SANTE, report)
    whole = report.recommendations
    assert sorted(map(id, shown.first + shown.rest)) == sorted(map(id, whole))
    assert len(shown.first) <= 5 and len(shown.first) >= min(3, len(whole))
    if len(whole) <= 5 and max(Counter(r.dimension for r in whole).values(), default=0) <= SHOWN_PER_DIMENSION:
        assert shown.rest == []


@PROPERTIES
@given(groups())
def test_what_is_shown_first_outranks_what_is_folded(answers) -> None:
    report = score_responses(SANTE, responses_frame(SANTE, answers))
    shown = select_recommendations(SANTE, report)
    positions = {id(r): index for index, r in enumerate(report.recommendations)}
    rank = {id(r): _rank(SANTE, report, r, positions[id(r)]) for r in report.recommendations}
    ranks_first = [rank[id(r)] for r in shown.first]
    assert ranks_first == sorted(ranks_first)  # shown in order of urgency
    per_dimension = Counter(r.dimension for r in shown.first)
    worst_shown = max(ranks_first, default=None)
    for folded in shown.rest:
        if worst_shown is not None and rank[id(folded)] < worst_shown:
            # Only the cap of two per dimension keeps a more urgent one folded.
            assert per_dimension[folded.dimension] >= SHOWN_PER_DIMENSION
    if any(count > SHOWN_PER_DIMENSION for count in per_dimension.values()):
        assert len(shown.first) <= 3  # the cap is lifted only to reach three


@pytest.mark.parametrize("questionnaire", [SANTE, EXPRESS], ids=["sante-partenariat", "express"])
def test_each_recommendation_carries_who_acts(questionnaire) -> None:
    report = everyone_answers(questionnaire, [1, 2, 1])
    assert report.recommendations and all(r.actor for r in report.recommendations)
