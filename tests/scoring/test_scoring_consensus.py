"""Tastle & Wierman's consensus (step 7 of docs/scoring-method.md) on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scoring.consensus import answer_counts, consensus_from_counts


def consensus(answers: list[int], scale_min: int = 1, scale_max: int = 5) -> float:
    raw = np.array(answers, dtype=float)[:, None]
    return float(consensus_from_counts(answer_counts(raw, scale_min, scale_max), scale_min, scale_max)[0])


def test_everyone_agrees_is_one():
    # μ = 3, every answer at distance 0: 1 + 1 · log2(1) = 1.
    assert consensus([3, 3, 3, 3]) == 1
    assert consensus([1, 1]) == 1  # μ at an end: the opposite end's log2(0) must not leak in
    assert consensus([5, 5, 5]) == 1


def test_half_at_each_end_is_zero():
    # μ = 3; both ends at distance 2 of a width of 4: 1 + 0.5 · log2(0.5) + 0.5 · log2(0.5) = 1 − 1 = 0.
    assert consensus([1, 5]) == 0
    assert consensus([1, 1, 5, 5]) == 0


def test_a_middle_value_by_hand():
    # Answers 1, 2, 3 on a 1-5 scale: μ = 2, width 4.
    # k = 1: p = 1/3, 1 − |1 − 2| / 4 = 0.75, log2(0.75) = −0.4150375
    # k = 2: p = 1/3, 1 − 0 = 1,               log2(1)    =  0
    # k = 3: p = 1/3, 1 − |3 − 2| / 4 = 0.75, log2(0.75) = −0.4150375
    # Cns = 1 + (1/3)(−0.4150375) + 0 + (1/3)(−0.4150375) = 1 − 0.2766917 = 0.7233083
    assert consensus([1, 2, 3]) == pytest.approx(0.7233083, abs=1e-7)


def test_another_asymmetric_case_by_hand():
    # Answers 4, 5, 5, 5 on 1-5: μ = 4.75; k = 4: p = 0.25, 1 − 0.75/4 = 0.8125; k = 5: p = 0.75, 1 − 0.25/4 = 0.9375.
    # log2(0.8125) = −0.2995603, log2(0.9375) = −0.0931094
    # Cns = 1 + 0.25 · (−0.2995603) + 0.75 · (−0.0931094) = 1 − 0.0748901 − 0.0698321 = 0.8552779
    expected = 1 + 0.25 * math.log2(0.8125) + 0.75 * math.log2(0.9375)
    assert consensus([4, 5, 5, 5]) == pytest.approx(expected)
    assert expected == pytest.approx(0.8552779, abs=1e-7)


def test_other_scales():
    # A 0-10 scale: 0 and 10 split is 0; all 7 is 1; the formula uses max − min = 10.
    assert consensus([0, 10], 0, 10) == 0
    assert consensus([7, 7], 0, 10) == 1
    # 4 and 6: μ = 5, 1 − 1/10 = 0.9 each: 1 + log2(0.9).
    assert consensus([4, 6], 0, 10) == pytest.approx(1 + math.log2(0.9))


def test_null_under_two_answers():
    counts = np.array([[0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 2, 0, 0]])
    result = consensus_from_counts(counts, 1, 5)
    assert math.isnan(result[0]) and math.isnan(result[1]) and result[2] == 1


def test_counts_ignore_unanswered_and_work_on_many_items():
    raw = np.array([[1, np.nan, 5], [1, 2, 5], [np.nan, 2, 1]])
    counts = answer_counts(raw, 1, 5)
    assert counts.tolist() == [[2, 0, 0, 0, 0], [0, 2, 0, 0, 0], [1, 0, 0, 0, 2]]
    assert answer_counts(np.empty((0, 3)), 1, 5).shape == (3, 5)
    result = consensus_from_counts(counts, 1, 5)
    assert result[0] == 1 and result[1] == 1
    # 1, 5, 5: μ = 11/3; k = 1: 1 − (8/3)/4 = 1/3; k = 5: 1 − (4/3)/4 = 2/3.
    assert result[2] == pytest.approx(1 + (1 / 3) * math.log2(1 / 3) + (2 / 3) * math.log2(2 / 3))
