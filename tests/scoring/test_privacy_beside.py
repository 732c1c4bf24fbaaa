"""« Me and the group » (scoring.privacy.beside): one's own scores beside the group's shown ones, and the gap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from privacy_testkit import ROLES, Workshop, build_questionnaire, spec_of

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import Questionnaire
from scoring.privacy import SharedReport
from scoring.privacy.beside import me_and_group
from scoring.results import ScoreReport

QUESTIONNAIRE = build_questionnaire([[(1.0, False), (1.0, False)], [(1.0, False), (1.0, True)]])


def group_of(questionnaire: Questionnaire, rows) -> SharedReport:
    workshop = Workshop(spec_of(questionnaire))
    for values in rows:
        answers = {i: v for i, v in zip(questionnaire.item_ids, values, strict=True) if v is not None}
        workshop.submit(answers, {"role": ROLES[0], "organisation": "Org A"}, publish=False)
    workshop.publish()
    return workshop.screen()


def own(questionnaire: Questionnaire, values) -> ScoreReport:
    answers = {i: v for i, v in zip(questionnaire.item_ids, values, strict=True) if v is not None}
    return score_responses(questionnaire, responses_frame(questionnaire, [answers], [{}]))


def test_gaps_worked_out_by_hand() -> None:
    group = group_of(QUESTIONNAIRE, [[2, 2, 2, 4]] * 3)  # d1 25; d2 (25 + 25) / 2 = 25; overall 25
    mine = own(QUESTIONNAIRE, [5, 4, 2, 4])  # d1 (100 + 75) / 2 = 87.5; d2 25; overall 56.25
    beside = me_and_group(QUESTIONNAIRE, mine, group)
    d1, d2 = beside.dimension("d1"), beside.dimension("d2")
    assert (d1.mine, d1.group, d1.gap, d1.group_n) == (87.5, 25.0, 62.5, 3)
    assert (d2.mine, d2.group, d2.gap) == (25.0, 25.0, 0.0)
    assert beside.overall_gap == pytest.approx(31.25)
    assert beside.group_counted == 3


def test_a_dimension_the_group_does_not_show_has_no_group_score_and_no_gap() -> None:
    group = group_of(QUESTIONNAIRE, [[2, 2, None, None]] * 3)  # nobody answered d2: too few for it
    mine = own(QUESTIONNAIRE, [5, 4, 2, 4])
    beside = me_and_group(QUESTIONNAIRE, mine, group)
    d2 = beside.dimension("d2")
    assert group.dimension("d2").status == "too_few"
    assert (d2.mine, d2.group, d2.gap, d2.group_status, d2.group_n) == (25.0, None, None, "too_few", None)
    # The overall scores weigh different dimensions: no gap between them.
    assert beside.overall_group is not None and beside.overall_gap is None


def test_the_group_side_is_a_shared_report_only() -> None:
    mine = own(QUESTIONNAIRE, [5, 4, 2, 4])
    with pytest.raises(TypeError):
        me_and_group(QUESTIONNAIRE, mine, mine)  # type: ignore[arg-type]


answer = st.one_of(st.none(), st.integers(1, 5))


@settings(deadline=None, max_examples=40)
@given(
    rows=st.lists(st.lists(answer, min_size=4, max_size=4), min_size=1, max_size=7),
    mine=st.lists(answer, min_size=4, max_size=4),
)
def test_the_gap_is_mine_minus_the_shown_group_score_and_nothing_else(rows, mine) -> None:
    group = group_of(QUESTIONNAIRE, rows)
    report = own(QUESTIONNAIRE, mine)
    beside = me_and_group(QUESTIONNAIRE, report, group)
    assert [d.id for d in beside.dimensions] == [d.id for d in QUESTIONNAIRE.dimensions]
    for row in beside.dimensions:
        shared = group.dimension(row.id)
        assert row.mine == next(d.score for d in report.dimensions if d.id == row.id)
        assert row.group_status == shared.status
        if shared.status != "shown":
            assert row.group is None and row.gap is None and row.group_n is None
            continue
        assert (row.group, row.group_n) == (shared.score, shared.n)
        if row.mine is None:
            assert row.gap is None
        else:
            assert row.gap == pytest.approx(row.mine - shared.score)
    if beside.overall_gap is not None:
        assert all(d.gap is not None for d in beside.dimensions)
        assert beside.overall_gap == pytest.approx(report.overall.score - group.overall.score)
    # Against itself the gap is nothing: one's own line and a group of the same answers agree.
    same = me_and_group(QUESTIONNAIRE, report, group_of(QUESTIONNAIRE, [mine] * 3))
    assert all(d.gap is None or d.gap == pytest.approx(0.0) for d in same.dimensions)
