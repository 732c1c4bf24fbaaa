"""What a shared screen may show: no suppressed group recoverable by subtraction, no figure from too few people."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_testkit import ITEMS, SMALL

from scoring.engine import score_responses
from scoring.loader import load_questionnaire
from scoring.privacy import hide_small_counts, protect_breakdown
from scoring.results import DimensionStats, GroupReport, ItemStats, OverallScore, ScoreReport


def shown(n: int) -> GroupReport:
    return GroupReport(
        n_respondents=n, suppressed=False, overall=OverallScore(score=50.0, band="watch"), dimensions=[], items=[]
    )


def hidden(n: int) -> GroupReport:
    return GroupReport(n_respondents=n, suppressed=True)


def test_one_employee_beside_three_board_members_hides_both() -> None:
    groups = {"administrateur": shown(3), "salarie": hidden(1)}
    protected = protect_breakdown(groups, n_respondents=4, min_group_size=3)
    assert all(group.suppressed for group in protected.values())
    assert protected["administrateur"].n_respondents == 3


def test_the_smallest_shown_group_is_hidden_first_and_only_as_needed() -> None:
    groups = {"a": shown(5), "b": shown(3), "c": hidden(2)}
    protected = protect_breakdown(groups, n_respondents=10, min_group_size=3)
    assert [protected[k].suppressed for k in "abc"] == [False, True, True]


def test_respondents_without_a_group_count_as_hidden() -> None:
    groups = {"a": shown(4), "b": shown(3)}
    protected = protect_breakdown(groups, n_respondents=8, min_group_size=3)
    assert protected["b"].suppressed and not protected["a"].suppressed


def test_nothing_hidden_means_nothing_changes() -> None:
    groups = {"a": shown(4), "b": shown(3)}
    assert protect_breakdown(groups, n_respondents=7, min_group_size=3) == groups


def test_enough_hidden_people_need_no_extra_suppression() -> None:
    groups = {"a": shown(4), "b": hidden(2), "c": hidden(1)}
    assert protect_breakdown(groups, n_respondents=7, min_group_size=3) == groups


# ----- hide_small_counts: no figure of a shared screen comes from 1 or 2 people ---------------------------------

QUESTIONNAIRE = load_questionnaire(SMALL)
MINIMUM = 3

answer = st.one_of(st.none(), st.integers(1, 5))
respondent = st.tuples(st.lists(answer, min_size=len(ITEMS), max_size=len(ITEMS)), st.sampled_from(["A", "B"]))


def report_of(rows: list[tuple[list[int | None], str]]) -> ScoreReport:
    frame = pd.DataFrame([[np.nan if v is None else v for v in row] for row, _ in rows], columns=ITEMS, dtype=float)
    frame["organisation"] = [organisation for _, organisation in rows]
    return score_responses(QUESTIONNAIRE, frame, group_by="organisation")


def assert_no_small_figure(dimensions: list[DimensionStats], items: list[ItemStats], overall: OverallScore) -> None:
    for stats in dimensions:
        if 0 < stats.n < MINIMUM:
            assert (stats.score, stats.band, stats.median, stats.min, stats.max, stats.consensus) == (None,) * 6
    for item in items:
        if 0 < item.n < MINIMUM:
            assert (item.mean, item.consensus, item.band, item.distribution) == (None, None, None, {})
            assert not item.dissensus
    if any(0 < stats.n < MINIMUM for stats in dimensions):
        assert overall.score is None  # the overall is a weighted mean of the dimensions: it would give one back


@settings(max_examples=80, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=9))
def test_no_figure_from_fewer_than_the_minimum_is_left(rows) -> None:
    original = report_of(rows)
    safe = hide_small_counts(original, MINIMUM)
    assert_no_small_figure(safe.dimensions, safe.items, safe.overall)
    for group in safe.groups["organisation"].values():
        if not group.suppressed:
            assert_no_small_figure(
                group.dimensions or [], group.items or [], group.overall or OverallScore(score=None, band=None)
            )
    hidden_items = {i.id for i in original.items if 0 < i.n < MINIMUM}
    hidden_dimensions = {d.id for d in original.dimensions if 0 < d.n < MINIMUM}
    for rec in safe.recommendations:
        assert rec.item not in hidden_items
        assert rec.item is not None or rec.dimension not in hidden_dimensions
    assert safe.respondents.empty  # one row per person: never on a shared screen
    for stats in safe.dimensions:  # the lowest, highest and median scores are single people's
        assert (stats.min, stats.max, stats.median) == (None, None, None)
    # What was shown before stays exactly as it was.
    for before, after in zip(original.items, safe.items, strict=True):
        if before.n >= MINIMUM:
            assert after == before
    assert safe.n_respondents == original.n_respondents


def test_a_report_where_everyone_answered_everything_loses_only_single_people_figures() -> None:
    rows = [([1, 2, 3, 4, 5], "A"), ([2, 3, 4, 5, 1], "A"), ([5, 4, 3, 2, 1], "A")]
    original = report_of(rows)
    safe = hide_small_counts(original, MINIMUM)
    single_people = {"min", "max", "median"}
    for before, after in zip(original.dimensions, safe.dimensions, strict=True):
        assert after.model_dump(exclude=single_people) == before.model_dump(exclude=single_people)
    assert safe.items == original.items and safe.overall == original.overall
    assert safe.recommendations == original.recommendations


def test_a_statement_two_people_answered_is_blanked_and_its_dimension_consensus_too() -> None:
    rows = [([1, 2, 3, 4, 5], "A"), ([2, 3, 4, 5, 1], "A"), ([5, None, 3, 2, 1], "A")]
    safe = hide_small_counts(report_of(rows), MINIMUM)
    a2 = safe.item("a2")
    assert a2.n == 2 and a2.mean is None and a2.consensus is None and a2.distribution == {}
    dimension = safe.dimension(safe.item("a2").dimension)
    assert dimension.score is not None  # three people have a score in it
    assert dimension.consensus is None  # the mean of its items' consensus would give a2's back
    assert safe.overall.score is not None


def dimension_shown_counts(groups: dict[str, GroupReport], dimension_id: str) -> int:
    return sum(
        stats.n
        for group in groups.values()
        if not group.suppressed
        for stats in group.dimensions or []
        if stats.id == dimension_id and stats.score is not None
    )


def test_a_dimension_one_person_scored_in_a_shown_group_is_not_left_to_subtraction() -> None:
    """3 board members answer everything; of 3 employees, 2 answer only « beta »: one « alpha » score among them."""
    full = [1, 2, 3, 4, 5]
    rows = [(full, "A"), ([2, 3, 4, 5, 1], "A"), ([5, 4, 3, 2, 1], "A")]
    rows += [([4, 4, 4, 4, 4], "B"), ([None, None, None, 3, 3], "B"), ([None, None, None, 2, 4], "B")]
    report = hide_small_counts(report_of(rows), MINIMUM)
    assert report.dimension("alpha").n == 4
    groups = protect_breakdown(
        report.groups["organisation"], report.n_respondents, MINIMUM, {d.id: d.n for d in report.dimensions}
    )
    a, b = groups["A"], groups["B"]
    assert not a.suppressed and not b.suppressed  # 3 people each
    alpha = {g: next(d for d in groups[g].dimensions if d.id == "alpha") for g in "AB"}
    assert alpha["B"].score is None  # one person's
    assert alpha["A"].score is None  # or 4 × whole − 3 × A would give it back
    assert a.overall.score is None  # A's overall would give its alpha back
    beta = next(d for d in a.dimensions if d.id == "beta")
    assert beta.score is not None  # nothing to hide there: 3 and 3


@settings(max_examples=80, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=12))
def test_no_dimension_of_a_breakdown_can_be_recovered_by_subtraction(rows) -> None:
    report = hide_small_counts(report_of(rows), MINIMUM)
    groups = protect_breakdown(
        report.groups["organisation"], report.n_respondents, MINIMUM, {d.id: d.n for d in report.dimensions}
    )
    for dimension in report.dimensions:
        shown = dimension_shown_counts(groups, dimension.id)
        if shown:
            assert not 0 < dimension.n - shown < MINIMUM, (dimension.id, dimension.n, shown)
