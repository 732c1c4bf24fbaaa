"""Steps 11 (progress against a baseline) and 12 (balanced score) of DESIGN.md: figures worked out by hand, and
properties that hold for any answers."""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scoring_testkit import ITEMS, answers

from scoring.engine import progress, score_responses, with_progress

PROPERTIES = settings(max_examples=50, deadline=None)


def person(v: int, w: int) -> list[float]:
    """a1 = a3 = v and a2 (reverse) = 6 − v: every alpha item is worth 25·(v − 1), so alpha = 25·(v − 1);
    b1 = b2 = w, so beta = 25·(w − 1)."""
    return [v, 6 - v, v, w, w]


# Organisation A (3 people): alpha 100, 50, 0 -> 50; beta 100, 75, 50 -> 75.
# Organisation B (4 people): alpha 25 each -> 25; beta 0, 0, 25, 25 -> 12.5.
# One person with no organisation (alpha 100, beta 100), one alone in C (alpha 0, beta 0): left out.
A_AND_B = [person(5, 5), person(3, 4), person(1, 3), person(2, 1), person(2, 1), person(2, 2), person(2, 2)]
NOW = answers(
    [*A_AND_B, person(5, 5), person(1, 1)],
    organisation=["A", "A", "A", "B", "B", "B", "B", None, "C"],
)
# Two people: alpha 50 and 100 -> 75; beta 50 and 0 -> 25; overall (2·75 + 25) / 3 = 58.33.
THEN = answers([person(3, 3), person(5, 1)], organisation=["A", "B"])


def test_balanced_score_by_hand(small):
    report = score_responses(small, NOW, balance="organisation")
    balanced = report.balanced
    assert balanced is not None
    assert (balanced.by, balanced.groups, balanced.left_out) == ("organisation", ["A", "B"], 2)
    alpha, beta = balanced.dimensions
    assert alpha.score == pytest.approx((50 + 25) / 2) and alpha.band == "priority"
    assert beta.score == pytest.approx((75 + 12.5) / 2) and beta.band == "priority"
    # Overall: dimension weights alpha 2, beta 1: (2·37.5 + 43.75) / 3 = 39.583.
    assert balanced.overall.score == pytest.approx((2 * 37.5 + 43.75) / 3)
    assert report.to_json()["balanced"] == {
        "by": "organisation",
        "groups": ["A", "B"],
        "left_out": 2,
        "overall": {"score": 39.6, "band": "priority"},
        "dimensions": [
            {"id": "alpha", "score": 37.5, "band": "priority"},
            {"id": "beta", "score": 43.8, "band": "priority"},  # 43.75, half up
        ],
    }
    # The plain score weighs B's four people more than A's three, and counts the two left out.
    assert report.dimension("alpha").score == pytest.approx(350 / 9)


def test_a_group_whose_members_all_lack_a_dimension_score_is_left_out_of_that_dimension_only(small):
    # B's members answer no beta statement: beta is A's alone; alpha is still the mean of A's and B's.
    rows = [person(5, 5), person(3, 4), person(1, 3)] + [[2, 4, 2, None, None]] * 3
    report = score_responses(small, answers(rows, organisation=["A"] * 3 + ["B"] * 3), balance="organisation")
    alpha, beta = report.balanced.dimensions
    assert alpha.score == pytest.approx((50 + 25) / 2)
    assert beta.score == pytest.approx(75)
    assert report.balanced.groups == ["A", "B"] and report.balanced.left_out == 0


def test_no_group_large_enough_gives_null_scores(small):
    report = score_responses(
        small, answers([person(5, 5)] * 4, organisation=["A", "A", "B", "B"]), balance="organisation"
    )
    assert report.balanced.groups == [] and report.balanced.left_out == 4
    assert report.balanced.overall.score is None and report.balanced.overall.band is None
    assert [d.score for d in report.balanced.dimensions] == [None, None]


def test_progress_by_hand(small):
    report = score_responses(small, NOW, baseline=THEN)
    document = report.to_json()
    assert document["baseline"] == {
        "n_respondents": 2,
        "overall": {"score": 58.3, "band": "watch"},
        "dimensions": [
            {"id": "alpha", "score": 75.0, "band": "strength", "n": 2},
            {"id": "beta", "score": 25.0, "band": "priority", "n": 2},
        ],
        "items": [
            {"id": "a1", "n": 2, "mean": 75.0},
            {"id": "a2", "n": 2, "mean": 75.0},
            {"id": "a3", "n": 2, "mean": 75.0},
            {"id": "b1", "n": 2, "mean": 25.0},
            {"id": "b2", "n": 2, "mean": 25.0},
        ],
    }
    # Now: alpha 350/9 = 38.889, beta 375/9 = 41.667, overall (2·38.889 + 41.667)/3 = 39.815.
    # Deltas from full precision: alpha −36.111, beta +16.667, overall −18.519.
    assert document["delta"] == {
        "overall": -18.5,
        "dimensions": [{"id": "alpha", "delta": -36.1}, {"id": "beta", "delta": 16.7}],
        "items": [
            {"id": "a1", "delta": -36.1},
            {"id": "a2", "delta": -36.1},
            {"id": "a3", "delta": -36.1},
            {"id": "b1", "delta": 16.7},
            {"id": "b2", "delta": 16.7},
        ],
    }
    assert report.delta.overall == pytest.approx((2 * 350 / 9 + 375 / 9) / 3 - 175 / 3)


def test_a_delta_is_null_when_either_wave_has_no_score(small):
    then = answers([[4, 2, 4, None, None]] * 2)  # nobody answered beta then
    report = score_responses(small, NOW, baseline=then)
    assert report.baseline.dimensions[1].score is None and report.baseline.dimensions[1].n == 0
    assert [d.delta for d in report.delta.dimensions][1] is None
    assert report.to_json()["delta"]["items"][3] == {"id": "b1", "delta": None}
    # The baseline's overall comes from alpha alone (step 5), so there is an overall delta.
    assert report.delta.overall is not None


def test_progress_takes_any_two_reports(small):
    now, then = score_responses(small, NOW), score_responses(small, THEN)
    baseline, delta = progress(now, then)
    assert baseline.n_respondents == 2 and delta.dimensions[0].delta == pytest.approx(350 / 9 - 75)
    assert with_progress(now, then) == score_responses(small, NOW, baseline=THEN)


def test_everything_together_with_groups(small):
    report = score_responses(small, NOW, group_by="organisation", balance="organisation", baseline=THEN)
    document = report.to_json()
    assert list(document) == [
        "questionnaire", "n_respondents", "overall", "dimensions", "items", "recommendations", "groups",
        "baseline", "delta", "balanced",
    ]  # fmt: skip
    assert document["groups"]["organisation"]["C"] == {"n_respondents": 1, "suppressed": True}


def test_without_the_options_the_json_is_unchanged(small):
    assert {"baseline", "delta", "balanced"} & set(score_responses(small, NOW).to_json()) == set()


# ----- properties ------------------------------------------------------------------------------------------------

answer = st.one_of(st.none(), st.integers(1, 5))
row = st.lists(answer, min_size=len(ITEMS), max_size=len(ITEMS))
organisation = st.sampled_from(["A", "B", "C", None])
people = st.lists(st.tuples(row, organisation), max_size=16)


def frame_of(rows: list[tuple[list[int | None], str | None]]) -> pd.DataFrame:
    return answers([list(r) for r, _ in rows], organisation=[o for _, o in rows])


def close(left: object, right: object) -> bool:
    """Equal JSON-like structures, floats within float noise."""
    if isinstance(left, float) and isinstance(right, float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(close(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(close(a, b) for a, b in zip(left, right, strict=True))
    return left == right


@PROPERTIES
@given(people)
@example([])  # no respondent at all: every delta is null
def test_a_file_against_itself_gives_deltas_of_zero(small, rows):
    frame = frame_of(rows)
    report = score_responses(small, frame, baseline=frame)
    figures = [(report.overall.score, report.delta.overall)]
    figures += [(d.score, delta.delta) for d, delta in zip(report.dimensions, report.delta.dimensions, strict=True)]
    figures += [(i.mean, delta.delta) for i, delta in zip(report.items, report.delta.items, strict=True)]
    for score, delta in figures:
        assert delta == (None if score is None else 0.0)


full_row = st.lists(st.integers(1, 5), min_size=len(ITEMS), max_size=len(ITEMS))


@PROPERTIES
@given(st.integers(3, 5), st.lists(st.lists(full_row, min_size=5, max_size=5), min_size=1, max_size=3))
def test_with_groups_of_equal_size_the_balanced_score_is_the_plain_one(small, size, groups):
    """Everyone answers everything and every group has ``size`` people: each group weighs the same anyway."""
    rows = [person for group in groups for person in group[:size]]
    names = [name for index, name in enumerate("ABC"[: len(groups)]) for _ in range(size)]
    report = score_responses(small, answers(rows, organisation=names), balance="organisation")
    assert report.balanced.groups == sorted(set(names)) and report.balanced.left_out == 0
    assert report.balanced.overall.score == pytest.approx(report.overall.score)
    for balanced, plain in zip(report.balanced.dimensions, report.dimensions, strict=True):
        assert balanced.score == pytest.approx(plain.score)


@PROPERTIES
@given(people, people, st.randoms(use_true_random=False))
def test_the_order_of_rows_changes_nothing(small, rows, earlier, shuffler: random.Random):
    def document(now_rows, then_rows):
        return score_responses(
            small, frame_of(now_rows), group_by="organisation", balance="organisation", baseline=frame_of(then_rows)
        ).to_json()

    shuffled, shuffled_earlier = list(rows), list(earlier)
    shuffler.shuffle(shuffled)
    shuffler.shuffle(shuffled_earlier)
    assert close(document(rows, earlier), document(shuffled, shuffled_earlier))


@PROPERTIES
@given(people, st.lists(row, min_size=1, max_size=2))
@example([(person(5, 5), "A")] * 3, [person(1, 1)])  # a lone D who would pull the score down
def test_a_suppressed_group_never_takes_part(small, rows, small_group):
    """Adding a group smaller than min_group_size (3) changes no balanced figure; its people are left out."""
    without = score_responses(small, frame_of(rows), balance="organisation").balanced
    with_small = score_responses(
        small, frame_of(rows + [(r, "D") for r in small_group]), balance="organisation"
    ).balanced
    assert "D" not in with_small.groups and with_small.groups == without.groups
    assert with_small.left_out == without.left_out + len(small_group)
    assert with_small.overall == without.overall and with_small.dimensions == without.dimensions


def test_balance_and_baseline_leave_the_plain_figures_alone(small):
    plain = score_responses(small, NOW)
    both = score_responses(small, NOW, balance="organisation", baseline=THEN)
    assert both.model_copy(update={"baseline": None, "delta": None, "balanced": None}) == plain
