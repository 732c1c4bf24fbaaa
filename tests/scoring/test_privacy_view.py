"""Reading (scoring.privacy.view): the shared report equals the engine's over each figure's people, derived figures
come from shown ones only, and every hidden figure says why."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from privacy_testkit import ORGANISATIONS, ROLES, Workshop, build_questionnaire, spec_of

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.privacy import PublicationRecord, Scope, SharedReport, shown_report
from scoring.privacy.records import FigureKey

QUESTIONNAIRE = build_questionnaire(
    [[(1.0, False), (2.0, True), (1.0, False)], [(1.0, False), (3.0, False)]], dimension_weights=[2.0, 1.0]
)
SPEC = spec_of(QUESTIONNAIRE)

answer = st.sampled_from([None, 1, 2, 3, 4, 5])
response = st.tuples(st.lists(answer, min_size=5, max_size=5), st.sampled_from(ROLES), st.sampled_from(ORGANISATIONS))


def engine_over(workshop: Workshop, people: frozenset[int]):
    chosen = [r for r in workshop.responses if r.id in people]
    frame = responses_frame(QUESTIONNAIRE, [r.answers for r in chosen], [r.profile for r in chosen])
    return score_responses(QUESTIONNAIRE, frame)


@settings(max_examples=25, deadline=None)
@given(st.lists(response, max_size=12))
def test_every_shown_figure_is_the_engine_s_over_its_version_s_people(rows) -> None:
    workshop = Workshop(SPEC)
    full = [([1, 2, 3, 4, 5], "r1", "Org A"), ([5, 4, 3, 2, 1], "r2", "Org B"), ([2, 2, 2, 2, 2], "r1", "Org B")]
    for values, role, organisation in full + rows:
        answers = dict(zip(QUESTIONNAIRE.item_ids, values, strict=True))
        workshop.submit(answers, {"role": role, "organisation": organisation})
    report = workshop.screen()
    latest = workshop.record.latest()
    scopes = [(Scope(), report.dimensions, report.items)]
    scopes += [(Scope(f, g.value), g.dimensions, g.items) for f, groups in report.breakdowns.items() for g in groups]
    checked = 0
    for scope, dimensions, items in scopes:
        for shown in dimensions:
            key = FigureKey(scope, "dimension", shown.id)
            assert (shown.status == "shown") == (key in latest)
            if key in latest:
                expected = engine_over(workshop, latest[key].contributors).dimension(shown.id)
                assert (shown.n, shown.band) == (expected.n, expected.band)
                assert shown.score == pytest.approx(expected.score)
                checked += 1
        for shown in items:
            key = FigureKey(scope, "item", shown.id)
            if key in latest:
                expected = engine_over(workshop, latest[key].contributors).item(shown.id)
                assert (shown.n, shown.distribution, shown.dissensus, shown.band) == (
                    expected.n,
                    expected.distribution,
                    expected.dissensus,
                    expected.band,
                )
                assert shown.mean == pytest.approx(expected.mean)
                assert shown.consensus == pytest.approx(expected.consensus)
    assert checked >= 2  # at least everyone's two dimensions: the first three answered everything


def test_the_overall_score_and_recommendations_come_from_the_shown_figures_only() -> None:
    workshop = Workshop(SPEC)
    # d2 gets answers from only two people: no d2 score, so the overall is d1's alone (weights 2 and 1).
    for values in ((1, 2, 1, 5, None), (2, 1, 2, None, None), (1, 1, 1, 4, None)):
        workshop.submit(dict(zip(QUESTIONNAIRE.item_ids, values, strict=True)))
    report = workshop.screen()
    assert report.dimension("d2").status == "too_few"
    assert report.overall.score == pytest.approx(report.dimension("d1").score)
    assert all(r.dimension == "d1" for r in report.recommendations)


def test_nothing_recorded_shows_nothing_and_says_too_few() -> None:
    workshop = Workshop(SPEC)
    workshop.submit(dict(zip(QUESTIONNAIRE.item_ids, (1, 2, 3, 4, 5), strict=True)), {"role": "r1"})
    report = workshop.screen()
    assert report.counted == 0 and not report.any_shown
    assert report.overall.score is None and report.recommendations == []
    assert {d.status for d in report.dimensions} == {"too_few"}


def test_every_value_of_a_field_is_listed_so_that_the_list_says_nothing_about_who_came() -> None:
    workshop = Workshop(SPEC)
    for value in (1, 2, 3):
        workshop.submit(dict.fromkeys(QUESTIONNAIRE.item_ids, value), {"role": "r2", "organisation": "Org C"})
    report = workshop.screen()
    assert [g.value for g in report.groups("role")] == ROLES
    assert [g.value for g in report.groups("organisation")] == list(ORGANISATIONS)
    assert [(g.status, g.people) for g in report.groups("role")] == [("too_few", None), ("shown", 3), ("too_few", None)]


def test_a_figure_whose_people_lost_their_answer_is_withheld_rather_than_shown_over_fewer() -> None:
    workshop = Workshop(SPEC)
    for value in (1, 2, 3):
        workshop.submit(dict.fromkeys(QUESTIONNAIRE.item_ids, value))
    narrower = build_questionnaire([[(1.0, False), (2.0, True)], [(1.0, False), (3.0, False)]])
    changed = SPEC.__class__(narrower, SPEC.profile_fields, SPEC.organisations)
    # Stored answers to an item the questionnaire no longer has are invalid now; d1i3's figure cannot be computed
    # over the same people, and d1's scores change: nothing is shown over a set the record does not hold.
    report = shown_report(changed, workshop.responses, workshop.record)
    assert report.excluded_values == 3
    assert report.dimension("d2").status == "shown"


def test_the_shared_report_is_its_own_type() -> None:
    report = shown_report(SPEC, [], PublicationRecord())
    assert isinstance(report, SharedReport)
    assert report.model_dump()["counted"] == 0
