"""Comparing groups (scoring.privacy.comparison): gaps largest first, between-group differences told apart from
dissensus within the room, and step 12's balanced score, all from the shown figures of a SharedReport only."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from privacy_testkit import ORGANISATIONS, ROLES, Workshop, build_questionnaire, spec_of

from scoring.privacy import SharedReport
from scoring.privacy.comparison import compare

QUESTIONNAIRE = build_questionnaire(
    [[(1.0, False), (1.0, False)], [(1.0, False), (1.0, True)]], dimension_weights=[2.0, 1.0]
)
SPEC = spec_of(QUESTIONNAIRE)


def seeded(rows, *, one_round: bool = True) -> SharedReport:
    workshop = Workshop(SPEC)
    for values, role, organisation in rows:
        answers = {i: v for i, v in zip(QUESTIONNAIRE.item_ids, values, strict=True) if v is not None}
        workshop.submit(answers, {"role": role, "organisation": organisation}, publish=not one_round)
    workshop.publish()
    return workshop.screen()


# Org A (4 people) agree on everything but d2i1; Org B (3 people) see d1 the other way round.
TWO_ORGANISATIONS = [
    ([5, 5, 4, 4], "r1", "Org A"),
    ([5, 5, 4, 4], "r1", "Org A"),
    ([5, 4, 1, 5], "r2", "Org A"),
    ([5, 4, 1, 5], "r2", "Org A"),
    ([1, 2, 5, 1], "r1", "Org B"),
    ([1, 2, 5, 1], "r1", "Org B"),
    ([1, 2, 5, 1], "r1", "Org B"),
]


def test_figures_worked_out_by_hand() -> None:
    report = seeded(TWO_ORGANISATIONS)
    comparison = compare(QUESTIONNAIRE, report, "organisation")
    assert comparison is not None and comparison.comparable
    assert [(g.value, g.people, g.compared) for g in comparison.groups] == [
        ("Org A", 4, True),
        ("Org B", 3, True),
        ("Org C", None, False),
    ]
    # d1, Org A: items (100, 100), (100, 75) -> person scores 100, 100, 87.5, 87.5 -> 93.75; Org B: (0, 25) -> 12.5.
    d1 = comparison.dimension("d1")
    assert d1.gap == pytest.approx(81.25)
    assert (d1.highest, d1.lowest) == ("Org A", "Org B")
    # d2 (d2i2 reversed), Org A: (75, 25), (0, 0) -> 50, 50, 0, 0 -> 25; Org B: (100, 100) -> 100.
    assert comparison.dimension("d2").gap == pytest.approx(75.0)
    assert [d.id for d in comparison.dimensions] == ["d1", "d2"]
    # Largest first: d1i1 100 (100 vs 0), d2i2 87.5 (12.5 vs 100), then d1i2 and d2i1 at 62.5 in questionnaire order.
    assert [i.id for i in comparison.items] == ["d1i1", "d2i2", "d1i2", "d2i1"]
    assert comparison.item("d1i2").gap == pytest.approx(62.5)
    assert all(i.divide == "between" for i in comparison.items)
    assert comparison.item("d2i1").dissensus_in == ["Org A"]  # Org A split 4 / 1 on it
    # Balanced: d1 (93.75 + 12.5) / 2 = 53.125; d2 (25 + 100) / 2 = 62.5; overall (2 × 53.125 + 62.5) / 3.
    balanced = comparison.balanced
    assert balanced.dimension("d1").score == pytest.approx(53.125)
    assert balanced.dimension("d2").score == pytest.approx(62.5)
    assert balanced.overall.score == pytest.approx((2 * 53.125 + 62.5) / 3)
    assert (balanced.groups, balanced.left_out) == (["Org A", "Org B"], ["Org C"])
    # The room, by contrast, is read through the larger organisation's eyes.
    assert report.dimension("d1").score == pytest.approx((4 * 93.75 + 3 * 12.5) / 7)


def test_a_statement_on_which_people_differ_within_each_organisation_is_told_apart() -> None:
    # On d1i1 each organisation is split 1 against 5 the same way: equal means, the room in dissensus.
    rows = [
        ([1, 4, 4, 2], "r1", "Org A"),
        ([5, 4, 4, 2], "r1", "Org A"),
        ([1, 4, 4, 2], "r1", "Org A"),
        ([5, 4, 4, 2], "r1", "Org A"),
        ([1, 4, 4, 2], "r2", "Org B"),
        ([5, 4, 4, 2], "r2", "Org B"),
        ([1, 4, 4, 2], "r2", "Org B"),
        ([5, 4, 4, 2], "r2", "Org B"),
    ]
    comparison = compare(QUESTIONNAIRE, seeded(rows), "organisation")
    assert comparison.item("d1i1").gap == pytest.approx(0.0)
    assert comparison.item("d1i1").divide == "within"
    assert comparison.divided("within") == [comparison.item("d1i1")]
    assert comparison.divided("between") == []
    assert comparison.item("d1i2").divide is None  # everyone agrees


def test_one_group_shown_is_no_comparison_and_an_unknown_field_none() -> None:
    rows = [(v, "r1", "Org A") for v, *_ in TWO_ORGANISATIONS[:4]] + [([1, 1, 1, 1], "r1", "Org B")] * 2
    comparison = compare(QUESTIONNAIRE, seeded(rows), "organisation")
    assert not comparison.comparable
    assert all(d.gap is None for d in comparison.dimensions)
    assert all(i.divide is None for i in comparison.items)
    assert comparison.balanced.left_out == ["Org B", "Org C"]
    assert compare(QUESTIONNAIRE, seeded(rows), "nothing") is None


answer = st.sampled_from([None, 1, 2, 3, 4, 5])
response = st.tuples(st.lists(answer, min_size=4, max_size=4), st.sampled_from(ROLES), st.sampled_from(ORGANISATIONS))


def shown_figures(report: SharedReport, field: str):
    return [
        (g.value, [(d.id, d.score) for d in g.dimensions], [(i.id, i.mean) for i in g.items])
        for g in report.groups(field)
    ]


@settings(max_examples=30, deadline=None)
@given(st.lists(response, max_size=14), st.booleans(), st.sampled_from(["organisation", "role"]))
def test_everything_comes_from_the_shown_group_figures(rows, one_round, field) -> None:
    report = seeded(rows, one_round=one_round)
    comparison = compare(QUESTIONNAIRE, report, field)
    groups = {g.value: g for g in report.groups(field)}
    for gap in comparison.dimensions:
        shown = [groups[f.value].dimension(gap.id).score for f in gap.figures]
        assert [f.figure for f in gap.figures] == shown
        known = [s for s in shown if s is not None]
        if len(known) >= 2:
            assert gap.gap == pytest.approx(max(known) - min(known)) and gap.gap >= 0
        else:
            assert gap.gap is None
        balanced = comparison.balanced.dimension(gap.id)
        if known:
            # Each group once: the plain mean of the groups' shown scores, between the lowest and the highest.
            assert balanced.score == pytest.approx(sum(known) / len(known))
            assert min(known) - 1e-9 <= balanced.score <= max(known) + 1e-9
        else:
            assert balanced.score is None
    # A group with nothing shown takes no part, whatever its people answered.
    for value in comparison.balanced.left_out:
        assert all(d.score is None for d in groups[value].dimensions)
    gaps = [r.gap for r in comparison.items if r.gap is not None]
    assert gaps == sorted(gaps, reverse=True)
    assert all(r.gap is None for r in comparison.items[len(gaps) :])
    assert [r.gap for r in comparison.dimensions if r.gap is not None] == sorted(
        (r.gap for r in comparison.dimensions if r.gap is not None), reverse=True
    )


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.sampled_from([1, 2, 3, 4, 5]), min_size=4, max_size=4), min_size=2, max_size=2))
def test_a_hidden_group_s_answers_change_nothing_in_the_comparison(hidden) -> None:
    """Org C has two people (under min_group_size): whatever they answered, the groups' figures, gaps and balanced
    score stay the same (the room's figures include them, as the room screen does)."""
    base = TWO_ORGANISATIONS + [([3, 3, 3, 3], "r3", "Org C")] * 2
    other = TWO_ORGANISATIONS + [(values, "r3", "Org C") for values in hidden]
    first = compare(QUESTIONNAIRE, seeded(base), "organisation")
    second = compare(QUESTIONNAIRE, seeded(other), "organisation")
    assert first.dimensions == second.dimensions
    assert [(i.id, i.figures, i.gap) for i in first.items] == [(i.id, i.figures, i.gap) for i in second.items]
    assert first.balanced == second.balanced
    assert "Org C" in first.balanced.left_out


def test_with_equal_groups_that_answer_alike_the_balanced_score_is_the_room_s() -> None:
    rows = [
        (values, "r1", organisation)
        for organisation in ("Org A", "Org B")
        for values in ([5, 4, 2, 1], [3, 3, 3, 3], [1, 2, 4, 5])
    ]
    report = seeded(rows)
    balanced = compare(QUESTIONNAIRE, report, "organisation").balanced
    for dimension in report.dimensions:
        assert balanced.dimension(dimension.id).score == pytest.approx(dimension.score)
    assert balanced.overall.score == pytest.approx(report.overall.score)
