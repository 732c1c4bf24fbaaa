"""The scoring method of docs/scoring-method.md, step by step, against figures computed by hand.

Questionnaire (tests/scoring/fixtures/small.yaml): scale 1-5, so an answer v is worth 25·(v − 1);
alpha (weight 2) = a1 (weight 1), a2 (reverse, weight 3), a3 (weight 1); beta (weight 1) = b1, b2.
min_coverage 0.5 (alpha needs 2 answers of 3, beta 1 of 2), bands 50/75, consensus_threshold 0.6, min_group_size 3.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scoring_testkit import answers

from scoring.bibliography import source_text
from scoring.engine import InvalidResponses, UnknownGroupField, band_of, score_responses
from scoring.model import Bands


def test_step1_reverse_item_value(small):
    # a2 = 2 is worth 100·(2 − 1)/4 = 25, reversed 100 − 25 = 75; a1 = 2 (not reversed) stays 25.
    report = score_responses(small, answers([[2, 2, None, None, None]]))
    assert report.item("a2").mean == 75
    assert report.item("a1").mean == 25


def test_steps_2_3_unequal_item_and_dimension_weights(small):
    # alpha: a1 = 5 -> 100 (w 1), a2 = 4 -> 75 reversed 25 (w 3), a3 = 1 -> 0 (w 1): (100 + 75 + 0) / 5 = 35
    # beta: b1 = 4 -> 75, b2 = 5 -> 100: 87.5
    # overall: (2·35 + 1·87.5) / 3 = 157.5 / 3 = 52.5
    report = score_responses(small, answers([[5, 4, 1, 4, 5]]))
    respondent = report.respondents.iloc[0]
    assert respondent["alpha"] == pytest.approx(35)
    assert respondent["beta"] == pytest.approx(87.5)
    assert respondent["overall"] == pytest.approx(52.5)
    # One respondent: the group's dimension scores are hers, and step 5 gives the same overall.
    assert report.overall.score == pytest.approx(52.5)
    assert report.overall.band == "watch"


def test_step2_coverage_threshold_makes_a_dimension_null(small):
    # Respondent 0 answered 1 of 3 alpha items (< 0.5 × 3 = 1.5): alpha null; b1 alone covers beta (1 ≥ 0.5 × 2).
    # Respondent 1 answered only a1: both dimensions null, so her overall score is null too.
    report = score_responses(small, answers([[5, None, None, 4, None], [3, None, None, None, None]]))
    first, second = report.respondents.iloc[0], report.respondents.iloc[1]
    assert math.isnan(first["alpha"])
    assert first["beta"] == 75
    assert first["overall"] == 75  # the weighted mean of the non-null dimensions only
    assert math.isnan(second["alpha"]) and math.isnan(second["beta"]) and math.isnan(second["overall"])
    alpha, beta = report.dimension("alpha"), report.dimension("beta")
    assert (alpha.n, alpha.score, alpha.band, alpha.median, alpha.sd) == (0, None, None, None, None)
    assert (beta.n, beta.score) == (1, 75)
    # Step 5 over the non-null dimension scores: beta alone.
    assert report.overall.score == 75 and report.overall.band == "strength"
    # The items still count every answer given: a1 has 2.
    assert report.item("a1").n == 2


def test_coverage_exactly_at_the_threshold_counts(small):
    # 2 answers of 3 with min_coverage 0.5 (needs 1.5) and 1 of 2 (needs exactly 1): both covered.
    report = score_responses(small, answers([[1, 5, None, 3, None]]))
    assert report.respondents.iloc[0]["alpha"] == 0  # a1 = 1 -> 0, a2 = 5 -> 100 reversed 0
    assert report.respondents.iloc[0]["beta"] == 50


def test_overall_null_when_no_dimension_has_a_score(small):
    report = score_responses(small, answers([[None] * 5, [None] * 5]))
    assert report.n_respondents == 2
    assert report.overall.score is None and report.overall.band is None
    assert report.recommendations == []


def test_step4_sd_null_for_a_single_score(small):
    report = score_responses(small, answers([[3, 3, 3, 3, 3]]))
    beta = report.dimension("beta")
    assert beta.n == 1 and beta.score == 50 and beta.sd is None
    assert beta.median == beta.min == beta.max == beta.q1 == beta.q3 == 50


def test_step4_median_min_max_sd_quartiles(small):
    # beta of four respondents: (1,1) -> 0, (2,2) -> 25, (4,4) -> 75, (5,5) -> 100.
    # mean 50; median (25 + 75) / 2 = 50; min 0; max 100;
    # sd = sqrt((50² + 25² + 25² + 50²) / (4 − 1)) = sqrt(6250 / 3) = 45.6435...
    # quartiles (linear, as a spreadsheet's QUARTILE.INC): q1 at position 0.75 -> 0 + 0.75·25 = 18.75,
    # q3 at position 2.25 -> 75 + 0.25·25 = 81.25.
    rows = [[None, None, None, v, v] for v in (1, 2, 4, 5)]
    beta = score_responses(small, answers(rows)).dimension("beta")
    assert beta.n == 4
    assert beta.score == 50 and beta.band == "watch"
    assert beta.median == 50 and beta.min == 0 and beta.max == 100
    assert beta.sd == pytest.approx(math.sqrt(6250 / 3))
    assert beta.q1 == pytest.approx(18.75) and beta.q3 == pytest.approx(81.25)


def test_step5_overall_from_group_dimension_scores_not_from_respondents(small):
    # Respondent 0: a1 5, a2 1, a3 5 -> alpha 100; beta unanswered (null); overall 100.
    # Respondent 1: a1 1, a2 5, a3 1 -> alpha 0; b1 5, b2 5 -> beta 100; overall (2·0 + 100) / 3 = 33.33.
    # Respondent 2: alpha 0; beta null; overall 0.
    # Group: alpha = (100 + 0 + 0) / 3 = 33.33, beta = 100 (n = 1), overall = (2·33.33 + 100) / 3 = 55.56,
    # whereas the mean of the respondents' overall scores would be (100 + 33.33 + 0) / 3 = 44.44.
    rows = [[5, 1, 5, None, None], [1, 5, 1, 5, 5], [1, 5, 1, None, None]]
    report = score_responses(small, answers(rows))
    assert report.dimension("alpha").score == pytest.approx(100 / 3)
    assert report.dimension("beta").score == 100
    assert report.overall.score == pytest.approx((2 * 100 / 3 + 100) / 3)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (None, None),
        (0, "priority"),
        (49.9, "priority"),
        (50, "watch"),
        (74.9, "watch"),
        (75, "strength"),
        (100, "strength"),
    ],
)
def test_step6_bands(score, band):
    assert band_of(score, Bands()) == band


def test_step6_float_noise_does_not_change_a_band():
    # A weighted mean that is 75 by hand may come out as 74.99999999999999.
    assert band_of(75 - 1e-12, Bands()) == "strength"
    assert band_of(50 - 1e-12, Bands()) == "watch"


def test_scores_exactly_at_50_and_75_get_their_band(small):
    # beta (3, 3) = 50 -> watch; alpha: a1 4 -> 75, a2 2 -> 25 reversed 75, a3 4 -> 75 = 75 -> strength.
    report = score_responses(small, answers([[4, 2, 4, 3, 3]]))
    assert report.dimension("beta").score == 50 and report.dimension("beta").band == "watch"
    assert report.dimension("alpha").score == 75 and report.dimension("alpha").band == "strength"
    json = report.to_json("fr")
    assert json["dimensions"][0]["score"] == 75.0 and json["dimensions"][0]["band"] == "strength"
    assert json["dimensions"][1]["score"] == 50.0 and json["dimensions"][1]["band"] == "watch"


def test_step7_item_statistics(small):
    # a1 answered 1, 2, 3 (and once not): n 3, mean of 0, 25, 50 = 25, consensus 0.7233 (see test_scoring_consensus).
    rows = [[1, None, None, None, None], [2, None, None, None, None], [3, None, None, None, None], [None] * 5]
    a1 = score_responses(small, answers(rows)).item("a1")
    assert a1.n == 3 and a1.n_unanswered == 1
    assert a1.mean == 25 and a1.band == "priority"
    assert a1.consensus == pytest.approx(1 + (2 / 3) * math.log2(0.75))
    assert a1.dissensus is False  # 0.723 ≥ 0.6
    assert a1.distribution == {1: 1, 2: 1, 3: 1, 4: 0, 5: 0}


def test_step7_dissensus_and_null_consensus(small):
    report = score_responses(small, answers([[1, 3, None, None, None], [5, None, None, None, None]]))
    assert report.item("a1").consensus == 0 and report.item("a1").dissensus is True  # half at each end
    assert report.item("a2").consensus is None and report.item("a2").dissensus is False  # n = 1
    assert report.item("a3").n == 0 and report.item("a3").mean is None and report.item("a3").band is None


def test_step8_dimension_consensus_is_mean_of_item_consensus(small):
    # a1: everyone 4 -> 1; a2: 1 and 5 -> 0; a3: one answer -> null, left out: (1 + 0) / 2 = 0.5.
    report = score_responses(small, answers([[4, 1, 3, None, None], [4, 5, None, None, None]]))
    assert report.dimension("alpha").consensus == pytest.approx(0.5)
    assert report.dimension("beta").consensus is None


def test_step9_groups_suppressed_and_not(small):
    rows = [[5, 1, 5, 4, 4], [3, 3, 3, 2, 2], [1, 5, 1, None, None], [4, 2, 4, 3, 3], [2, 4, 2, 1, 1], [3] * 5]
    organisations = ["Asso A", "Asso A", " Asso A ", "Asso B", "Asso B", ""]
    report = score_responses(small, answers(rows, organisation=organisations), group_by="organisation")
    groups = report.groups["organisation"]
    assert list(groups) == ["Asso A", "Asso B"]  # stripped, sorted, the empty value in no group
    a, b = groups["Asso A"], groups["Asso B"]
    assert (b.n_respondents, b.suppressed, b.overall, b.dimensions, b.items) == (2, True, None, None, None)
    assert a.n_respondents == 3 and not a.suppressed
    # alpha of A: 100, 50, 0 -> 50; beta of A: 75, 25 -> 50; overall (2·50 + 50) / 3 = 50.
    assert a.dimensions[0].score == 50 and a.dimensions[1].score == 50 and a.dimensions[1].n == 2
    assert a.overall.score == 50
    # The same statistics as scoring the group alone.
    alone = score_responses(small, answers(rows[:3]))
    assert a.dimensions == alone.dimensions and a.items == alone.items and a.overall == alone.overall
    # The whole report still counts everyone.
    assert report.n_respondents == 6


def test_groups_sorted_by_value_and_empty_values_in_no_group(small):
    frame = answers([[3] * 5] * 7, organisation=["b", "A", "a", None, "  ", "b", "A"])
    groups = score_responses(small, frame, group_by="organisation").groups["organisation"]
    assert list(groups) == ["A", "a", "b"]
    assert [group.n_respondents for group in groups.values()] == [2, 1, 2]


def test_unknown_group_field(small):
    frame = answers([[3] * 5], organisation=["A"])
    with pytest.raises(UnknownGroupField, match="nope"):
        score_responses(small, frame, group_by="nope")
    with pytest.raises(UnknownGroupField, match="role") as raised:
        score_responses(small, frame, group_by="role")  # a profile field, but not a column
    assert raised.value.missing_column
    assert isinstance(raised.value, ValueError)


def test_step10_recommendation_order_with_ties(small):
    # a1 2 -> 25, a2 4 -> 75 reversed 25, a3 2 -> 25: alpha = 25; b1 1 -> 0, b2 3 -> 50: beta = 25.
    # Dimensions tie at 25: questionnaire order (alpha, beta), each with its "priority" texts.
    # Items under 50 with a recommendation: b1 (0), then a2 and a3 tied at 25 in questionnaire order.
    report = score_responses(small, answers([[2, 4, 2, 1, 3]]))
    order = [(rec.dimension, rec.item, rec.band) for rec in report.recommendations]
    assert order == [
        ("alpha", None, "priority"),
        ("beta", None, "priority"),
        ("beta", "b1", "priority"),
        ("alpha", "a2", "priority"),
        ("alpha", "a3", "priority"),
    ]
    alpha, _, _, a2, _ = report.recommendations
    assert alpha.text == {"fr": "Alpha prioritaire", "en": "Alpha priority"}
    assert a2.text["en"] == "Recommendation a2"
    # A free citation (DESIGN.md's source string) comes out as written.
    assert source_text(alpha.source) == "Source alpha" and source_text(a2.source, "en") == "Source a2"
    assert report.to_json()["recommendations"][0]["source"] == "Source alpha"


def test_step10_lowest_dimension_first_each_with_its_band(small):
    # alpha: a1 5, a2 1, a3 5 -> 100 (strength); beta: b1 2, b2 3 -> 37.5 (priority). Items all ≥ 50 except b1 (25).
    report = score_responses(small, answers([[5, 1, 5, 2, 3]]))
    order = [(rec.dimension, rec.item, rec.band) for rec in report.recommendations]
    assert order == [("beta", None, "priority"), ("alpha", None, "strength"), ("beta", "b1", "priority")]


def test_zero_respondents(small):
    for frame in (pd.DataFrame(), answers([]), answers([], organisation=[])):
        report = score_responses(small, frame)
        assert report.n_respondents == 0
        assert report.overall.score is None
        assert all(d.score is None and d.n == 0 and d.consensus is None for d in report.dimensions)
        assert all(i.n == 0 and i.mean is None and i.consensus is None for i in report.items)
        assert report.recommendations == []
        assert report.respondents.empty
    grouped = score_responses(small, answers([], organisation=[]), group_by="organisation")
    assert grouped.groups == {"organisation": {}}
    assert grouped.to_json()["groups"] == {"organisation": {}}


def test_missing_item_column_is_unanswered(small):
    frame = answers([[4, 2, 4, 3, 3]]).drop(columns=["a3", "b2"])
    report = score_responses(small, frame)
    assert report.item("a3").n == 0
    assert report.dimension("alpha").score == 75  # a1 and a2 cover 2 of 3
    assert report.dimension("beta").score == 50


def test_values_outside_the_scale_are_refused(small):
    with pytest.raises(InvalidResponses):
        score_responses(small, answers([[6, None, None, None, None]]))
    with pytest.raises(InvalidResponses):
        score_responses(small, answers([[2.5, None, None, None, None]]))
    with pytest.raises(InvalidResponses):
        score_responses(small, pd.DataFrame({"a1": ["beaucoup"]}))


def test_nullable_integer_columns_and_extra_columns(small):
    # What the app may build: pandas' nullable integers, a respondent column, unrelated columns.
    frame = pd.DataFrame(
        {"respondent": ["r1", "r2"], "a1": pd.array([4, None], dtype="Int64"), "token": ["x", "y"]}, index=[10, 11]
    )
    report = score_responses(small, frame)
    assert report.item("a1").n == 1 and report.item("a1").mean == 75
    assert list(report.respondents.columns) == ["respondent", "overall", "alpha", "beta"]
    assert list(report.respondents.index) == [10, 11]
    assert list(report.respondents["respondent"]) == ["r1", "r2"]


def test_report_equality_and_results_are_frozen(small):
    frame = answers([[4, 2, 4, 3, 3], [1, 1, 1, 1, 1]])
    first, second = score_responses(small, frame), score_responses(small, frame)
    assert first == second
    assert first != score_responses(small, frame.iloc[:1])
    with pytest.raises(ValueError):
        first.overall.score = 3  # type: ignore[misc]


def test_to_json_keys_order_and_rounding(small):
    frame = answers([[5, 2, 4, 4, 5], [4, 1, 4, 3, 2], [1, 5, 2, 1, 1]], organisation=["A", "A", "A"])
    report = score_responses(small, frame, group_by="organisation")
    document = report.to_json("en")
    assert list(document) == ["questionnaire", "n_respondents", "overall", "dimensions", "items", "recommendations",
                              "groups"]  # fmt: skip
    assert document["questionnaire"] == {"id": "petit-test", "version": "1.0"}
    assert list(document["overall"]) == ["score", "band"]
    assert list(document["dimensions"][0]) == ["id", "score", "band", "n", "median", "sd", "min", "max", "consensus"]
    assert list(document["items"][0]) == ["id", "dimension", "n", "mean", "consensus", "dissensus"]
    assert list(document["recommendations"][0]) == ["dimension", "item", "band", "text", "source"]
    assert list(document["groups"]["organisation"]["A"]) == ["n_respondents", "overall", "dimensions", "items"]
    for dimension in document["dimensions"]:
        for key in ("score", "median", "sd", "min", "max"):
            assert dimension[key] == round(dimension[key], 1)
        assert dimension["consensus"] == round(dimension["consensus"], 3)
    # Full precision inside, rounding outside: beta (4, 5) -> 87.5, (3, 2) -> 37.5, (1, 1) -> 0; mean 41.666... -> 41.7.
    assert report.dimension("beta").score == pytest.approx(125 / 3)
    assert document["dimensions"][1]["score"] == 41.7
    assert isinstance(document["recommendations"][0]["text"], str)
    assert "groups" not in score_responses(small, frame).to_json()


def test_to_json_texts_in_the_chosen_language(small):
    report = score_responses(small, answers([[2, 4, 2, 1, 3]]))
    assert report.to_json("fr")["recommendations"][0]["text"] == "Alpha prioritaire"
    assert report.to_json("en")["recommendations"][0]["text"] == "Alpha priority"
    assert report.to_json()["recommendations"][0]["text"] == "Alpha prioritaire"  # the questionnaire's language
    assert report.to_json("de")["recommendations"][0]["text"] == "Alpha prioritaire"  # unknown: the default


def test_suppressed_group_json(small):
    frame = answers([[3] * 5] * 4, organisation=["A", "A", "A", "B"])
    groups = score_responses(small, frame, group_by="organisation").to_json()["groups"]["organisation"]
    assert groups["B"] == {"n_respondents": 1, "suppressed": True}
    assert "suppressed" not in groups["A"] and groups["A"]["n_respondents"] == 3


def test_respondents_frame_never_in_json(small):
    report = score_responses(small, answers([[3] * 5]))
    assert "respondents" not in report.to_json()
    assert "respondents" not in report.model_dump()
    assert np.allclose(report.respondents[["overall", "alpha", "beta"]].to_numpy(), 50)
