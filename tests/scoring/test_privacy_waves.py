"""Before and after between two workshops' shared reports (scoring.privacy.waves): the change of every figure both
waves show, statements compared only with the same id and text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from privacy_testkit import ROLES, Workshop, build_questionnaire, spec_of

from scoring.model import Questionnaire
from scoring.privacy import SharedReport, WorkshopSpec
from scoring.privacy.waves import compare_waves, direction_of

QUESTIONNAIRE = build_questionnaire([[(1.0, False), (1.0, False)], [(1.0, False), (1.0, True)]])


def seeded(questionnaire: Questionnaire, rows) -> SharedReport:
    workshop = Workshop(spec_of(questionnaire))
    for values in rows:
        answers = {i: v for i, v in zip(questionnaire.item_ids, values, strict=True) if v is not None}
        workshop.submit(answers, {"role": ROLES[0], "organisation": "Org A"}, publish=False)
    workshop.publish()
    return workshop.screen()


def reworded(questionnaire: Questionnaire, item_id: str) -> Questionnaire:
    data = questionnaire.model_dump(mode="json", exclude_none=True)
    for dimension in data["dimensions"]:
        for item in dimension["items"]:
            if item["id"] == item_id:
                item["text"] = {"fr": "Une autre affirmation"}
    data["version"] = "2"
    return Questionnaire.model_validate(data, context={"language": "fr"})


def test_changes_worked_out_by_hand() -> None:
    then = seeded(QUESTIONNAIRE, [[2, 2, 2, 4]] * 3)  # d1 25; d2 (25 + 25) / 2 = 25; overall 25
    now = seeded(QUESTIONNAIRE, [[4, 4, 2, 4]] * 4)  # d1 75; d2 25
    waves = compare_waves(QUESTIONNAIRE, now, QUESTIONNAIRE, then)
    assert (waves.n_then, waves.n_now) == (3, 4)
    d1 = waves.dimension("d1")
    assert (d1.then, d1.now, d1.delta, d1.direction) == (25.0, 75.0, 50.0, "up")
    assert (d1.n_then, d1.n_now) == (3, 4)
    assert waves.dimension("d2").direction == "same"
    assert waves.overall.delta == pytest.approx(25.0)
    assert waves.item("d1i1").delta == pytest.approx(50.0)
    assert waves.items_not_compared == []


def test_a_reworded_statement_is_listed_and_its_dimension_and_the_overall_not_compared() -> None:
    questionnaire_now = reworded(QUESTIONNAIRE, "d2i1")
    then = seeded(QUESTIONNAIRE, [[2, 2, 2, 4]] * 3)
    now = seeded(questionnaire_now, [[4, 4, 2, 4]] * 3)
    waves = compare_waves(questionnaire_now, now, QUESTIONNAIRE, then)
    assert waves.items_not_compared == ["d2i1"]
    assert [i.id for i in waves.items] == ["d1i1", "d1i2", "d2i2"]
    assert waves.dimensions_not_compared == ["d2"]
    assert waves.dimension("d2").delta is None and waves.dimension("d2").now is not None
    assert waves.dimension("d2").then is None
    assert waves.dimension("d1").delta == pytest.approx(50.0)
    assert waves.overall.delta is None


def test_a_figure_either_wave_does_not_show_has_no_change() -> None:
    then = seeded(QUESTIONNAIRE, [[2, 2, None, None]] * 3)  # nobody answered d2
    now = seeded(QUESTIONNAIRE, [[4, 4, 2, 4]] * 3)
    waves = compare_waves(QUESTIONNAIRE, now, QUESTIONNAIRE, then)
    assert then.dimension("d2").status == "too_few"
    assert waves.dimension("d2").delta is None and waves.dimension("d2").direction is None
    assert waves.item("d2i1").delta is None
    # The overall scores are then over other dimensions (d1 alone before, d1 and d2 now): their difference is no
    # change of anything, though the screen would show it beside dimensions that did not move.
    assert then.overall.score is not None and now.overall.score is not None
    assert waves.overall.delta is None and waves.overall.direction is None


def test_no_overall_change_when_no_dimension_moved_but_one_is_shown_in_one_wave_only() -> None:
    """The reviewer's case: every dimension both waves show is unchanged, one is shown only now; the overall
    scores differ (one is over fewer dimensions) and « ↓ −1,4 » was shown as if the room's view had moved."""
    then = seeded(QUESTIONNAIRE, [[4, 4, None, None]] * 3)
    now = seeded(QUESTIONNAIRE, [[4, 4, 2, 2]] * 3)
    waves = compare_waves(QUESTIONNAIRE, now, QUESTIONNAIRE, then)
    assert waves.dimension("d1").delta == 0
    assert now.overall.score != then.overall.score
    assert waves.overall.delta is None


def test_direction_follows_the_rounded_delta() -> None:
    assert [direction_of(d) for d in (None, 0.04, -0.04, 0.05, -0.05, 12.0)] == [
        None,
        "same",
        "same",
        "up",
        "down",
        "up",
    ]


rows = st.lists(st.lists(st.sampled_from([None, 1, 2, 3, 4, 5]), min_size=4, max_size=4), min_size=3, max_size=9)


@settings(max_examples=25, deadline=None)
@given(rows)
def test_a_workshop_against_itself_changes_by_nothing(answers) -> None:
    report = seeded(QUESTIONNAIRE, answers)
    waves = compare_waves(QUESTIONNAIRE, report, QUESTIONNAIRE, report)
    for change in (*waves.dimensions, *waves.items):
        assert change.delta == (0.0 if change.now is not None else None)
        assert change.direction in (None, "same")
    # The overall only when every dimension is shown (in both waves, here the same).
    every_dimension = all(change.now is not None for change in waves.dimensions)
    assert waves.overall.delta == (0.0 if every_dimension else None)
    assert waves.overall.direction in (None, "same")


@settings(max_examples=25, deadline=None)
@given(rows, rows)
def test_changes_are_the_differences_of_the_shown_figures_and_swap_sign(first, second) -> None:
    a, b = seeded(QUESTIONNAIRE, first), seeded(QUESTIONNAIRE, second)
    forward = compare_waves(QUESTIONNAIRE, a, QUESTIONNAIRE, b)
    backward = compare_waves(QUESTIONNAIRE, b, QUESTIONNAIRE, a)
    for change in forward.dimensions:
        now, then = a.dimension(change.id).score, b.dimension(change.id).score
        expected = None if now is None or then is None else now - then
        assert change.delta == (pytest.approx(expected) if expected is not None else None)
        reverse = backward.dimension(change.id).delta
        assert (reverse is None) == (change.delta is None)
        if reverse is not None:
            assert reverse == pytest.approx(-change.delta)
    # An overall change exactly when every dimension has one (both waves show them all).
    assert (forward.overall.delta is not None) == all(c.delta is not None for c in forward.dimensions)


# ---- an earlier wave given as a response file (scoring.privacy.baseline_file) -----------------------------------


def file_rows(questionnaire: Questionnaire, rows) -> list[dict[str, int | None]]:
    return [dict(zip(questionnaire.item_ids, values, strict=True)) for values in rows]


def test_a_file_below_min_group_size_shows_nothing_and_at_it_shows_what_a_workshop_would() -> None:
    from scoring.privacy.baseline_file import file_report

    too_few = file_report(QUESTIONNAIRE, file_rows(QUESTIONNAIRE, [[2, 2, 2, 4]] * 2))
    assert too_few.counted == 0 and not too_few.any_shown
    assert all(d.score is None for d in too_few.dimensions) and all(i.mean is None for i in too_few.items)
    enough = file_report(QUESTIONNAIRE, file_rows(QUESTIONNAIRE, [[2, 2, 2, 4]] * 3))
    assert enough.counted == 3 and enough.dimension("d1").score == 25.0 and enough.dimension("d1").n == 3
    assert enough.breakdowns == {}


@settings(deadline=None, max_examples=30)
@given(rows=st.lists(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=4, max_size=4), min_size=0, max_size=9))
def test_a_file_s_figures_are_a_workshop_s_published_at_once(rows) -> None:
    """The file's report is the shared report of a workshop of the same answers sent at once: the same privacy
    rule (no figure under min_group_size people, the audit), nothing more and nothing less."""
    from scoring.privacy.baseline_file import file_report

    report = file_report(QUESTIONNAIRE, file_rows(QUESTIONNAIRE, rows))
    workshop = Workshop(WorkshopSpec(QUESTIONNAIRE))  # no profile question: no breakdown
    for answers in file_rows(QUESTIONNAIRE, rows):
        workshop.submit({k: v for k, v in answers.items() if v is not None}, publish=False)
    workshop.publish()
    assert report == workshop.screen()
    for figure in (*report.dimensions, *report.items):
        assert figure.status != "shown" or (figure.n or 0) >= QUESTIONNAIRE.min_group_size
    # And against itself, a file's wave changes nothing.
    waves = compare_waves(QUESTIONNAIRE, report, QUESTIONNAIRE, report)
    assert all(c.delta is None or c.delta == 0.0 for c in (*waves.dimensions, *waves.items))
