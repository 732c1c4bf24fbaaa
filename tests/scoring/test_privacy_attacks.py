"""The attacker's side: every figure ever shown, on every screen and breakdown, solved as exact linear equations.

The four attacks of issue 9 (« What was seen », 5) recovered individual dimension scores from the screens of
the time: each one is replayed here against the publication rule, and a hypothesis property plays any sequence
of submissions, publications and screens on random questionnaires.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from privacy_testkit import (
    MOMENTS,
    ORGANISATIONS,
    ROLES,
    STEPS,
    Attacker,
    Workshop,
    build_questionnaire,
    check_versions,
    spec_of,
)

from scoring.privacy import LEGACY_ROUND, PublicationRecord, Scope, SharedDimension, SharedItem, Version
from scoring.privacy.figures import Layout
from scoring.privacy.plan import candidates
from scoring.privacy.records import FigureKey

FULL = [[(1.0, False), (1.0, True)], [(1.0, False), (2.0, False)]]


def attacker_of(workshop: Workshop) -> Attacker:
    attacker = Attacker(workshop.spec.questionnaire, {r.id: r for r in workshop.responses})
    for screen in workshop.screens:
        attacker.watch(screen)
    return attacker


def everything(value: int) -> dict[str, int]:
    return {"d1i1": value, "d1i2": 6 - value, "d2i1": value, "d2i2": (value % 5) + 1}


def test_a_group_growing_from_three_to_four_does_not_move() -> None:
    """Attack 1: 4 × (board members' score now) − 3 × (before) was the fourth board member's score."""
    workshop = Workshop(spec_of(build_questionnaire(FULL)))
    for value in (1, 3, 5):
        workshop.submit(everything(value), {"role": "r1"})
    before = workshop.screen().groups("role")[0]
    for value, role in ((2, "r2"), (4, "r2"), (5, "r1")):
        workshop.submit(everything(value), {"role": role})
    after = workshop.screen()
    assert after.counted == 6  # everyone's figures moved by three people
    assert after.groups("role")[0] == before  # the board members' did not: one new among them
    assert before.people == 3 and before.dimension("d1").n == 3
    assert attacker_of(workshop).determined(range(1, 7)) == []


def test_a_statement_half_a_batch_left_unanswered_holds_still() -> None:
    """Attack 2: a statement's mean over 6, then over 7 when two of three newcomers said « je ne sais pas »."""
    workshop = Workshop(spec_of(build_questionnaire(FULL)))
    for value in (1, 2, 3, 4, 5, 3):
        workshop.submit(everything(value))
    first = workshop.screen().item("d1i1")
    workshop.submit(everything(2))
    for _ in range(2):
        workshop.submit({"d1i1": None, "d1i2": 3, "d2i1": 4, "d2i2": 2})
    second = workshop.screen()
    assert second.counted == 9
    assert second.item("d1i1") == first and first.n == 6  # 7 answered it: one new, so it waits
    assert second.item("d1i2").n == 9
    assert attacker_of(workshop).determined(range(1, 10)) == []


def test_crossing_the_role_and_organisation_breakdowns_isolates_nobody() -> None:
    """Attack 3: the only employee of organisation A is A's figures minus the board members' (all in A)."""
    workshop = Workshop(spec_of(build_questionnaire(FULL)))
    people = [("r1", "Org A"), ("r1", "Org A"), ("r1", "Org A"), ("r2", "Org A")]
    people += [("r2", "Org B")] * 3
    for value, (role, organisation) in zip((1, 2, 5, 4, 3, 2, 5), people, strict=True):
        workshop.submit(everything(value), {"role": role, "organisation": organisation}, publish=False)
    workshop.publish()
    report = workshop.screen()
    assert report.counted == 7
    role = {g.value: g for g in report.groups("role")}
    organisation = {g.value: g for g in report.groups("organisation")}
    assert role["r1"].status == role["r2"].status == "shown"  # the breakdown by role comes first
    # A (4 people) minus r1 (3, all in A) would be the employee's: A is withheld, and B too (r2 minus B).
    assert organisation["Org A"].status == organisation["Org B"].status == "withheld"
    assert organisation["Org A"].people == 4 and organisation["Org A"].dimension("d1").score is None
    assert attacker_of(workshop).determined(range(1, 8)) == []


def test_no_order_statistic_is_left_to_give_a_score_away() -> None:
    """Attack 4: with 3 people, the mean and the quartiles gave every score; a shared figure has neither."""
    allowed = {"id", "status", "n", "score", "band", "consensus"}
    assert set(SharedDimension.model_fields) == allowed
    assert not {"min", "max", "median", "q1", "q3", "sd"} & set(SharedItem.model_fields)


def test_a_person_who_answered_one_statement_of_two_is_not_found_from_the_dimension() -> None:
    """Three people answer both statements, a fourth only the second: D = ½·I1 + ½·I2 + ½·(the fourth's answer)."""
    questionnaire = build_questionnaire([[(1.0, False), (1.0, False)]], minimum=3)
    workshop = Workshop(spec_of(questionnaire))
    for values in ((1, 3), (4, 2), (2, 2), (None, 5)):
        workshop.submit({"d1i1": values[0], "d1i2": values[1]}, publish=False)
    workshop.publish()
    report = workshop.screen()
    assert report.dimension("d1").status == report.item("d1i1").status == "shown"
    assert report.item("d1i2").status == "withheld"  # the last of the three in candidate order
    assert report.dimension("d1").n == 4 and report.item("d1i1").n == 3
    assert attacker_of(workshop).determined(range(1, 5)) == []


# ---- the attacker at large ---------------------------------------------------------------------------------

weight = st.sampled_from([1.0, 1.0, 2.0, 0.5, 3.0])
item = st.tuples(weight, st.booleans())
questionnaires = st.builds(
    lambda dimensions, minimum, coverage, dimension_weights, positions: build_questionnaire(
        dimensions,
        minimum=minimum,
        coverage=coverage,
        dimension_weights=dimension_weights[: len(dimensions)],
        positions=positions,
    ),
    st.lists(st.lists(item, min_size=1, max_size=4), min_size=2, max_size=3),
    st.sampled_from([2, 3, 3]),
    st.sampled_from([0.5, 0.5, 1.0, 0.3]),
    st.lists(st.sampled_from([1.0, 2.0]), min_size=3, max_size=3),
    st.sampled_from([True, True, False]),  # a position question (today and wished) beside the statements
)
answer = st.sampled_from([None, None, None, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 99])
role = st.sampled_from([None, *ROLES, *ROLES, "pirate"])
organisation = st.sampled_from([None, *ORGANISATIONS, *ORGANISATIONS])
# A step for today and one for wished: blank, a step, or what a tampered client could send.
step = st.sampled_from([None, None, *STEPS, *STEPS, "s9", 3])
steps_chosen = st.lists(step, min_size=2, max_size=2)
# One submission and what follows it: nothing (another submission comes first), a publication, or a screen
# after the publication (a refresh of the dashboard).
submission = st.tuples(
    st.just("submit"), st.lists(answer, min_size=12, max_size=12), role, organisation, st.booleans(), steps_chosen
)
steps = st.lists(
    st.one_of(submission, submission, submission, st.just(("screen",)), st.just(("publish",))),
    min_size=6,
    max_size=45,
)
# A room where most people answer most statements and fall into few groups: crossings are everywhere.
dense_submission = st.tuples(
    st.just("submit"),
    st.lists(st.sampled_from([None, 1, 2, 3, 4, 5, 2, 3, 4]), min_size=12, max_size=12),
    st.sampled_from(ROLES[:2]),
    st.sampled_from(ORGANISATIONS[:2]),
    st.sampled_from([True, True, False]),
    st.lists(st.sampled_from(STEPS[:3]), min_size=2, max_size=2),
)
dense_steps = st.lists(st.one_of(dense_submission, dense_submission, st.just(("screen",))), min_size=8, max_size=30)


def positions_of(chosen) -> dict[str, object]:
    return {f"rel.{moment}": value for moment, value in zip(MOMENTS, chosen, strict=True)}


def play(questionnaire, steps) -> Workshop:
    workshop = Workshop(spec_of(questionnaire))
    items = questionnaire.item_ids
    for action in steps:
        if action[0] == "submit":
            _, values, given_role, given_organisation, publish, chosen = action
            answers = dict(zip(items, values, strict=False))
            profile = {"role": given_role, "organisation": given_organisation}
            workshop.submit(
                answers,
                {k: v for k, v in profile.items() if v is not None},
                publish=publish,
                positions=positions_of(chosen),
            )
        elif action[0] == "publish":
            workshop.publish()
        else:
            workshop.screen()
    workshop.publish()
    workshop.screen()
    return workshop


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires, st.one_of(steps, dense_steps))
@example(
    build_questionnaire([[(1.0, False), (1.0, False)], [(1.0, False)]], minimum=2),
    [
        ("submit", [1, 2, 3], "r1", "Org A", True, [None, None]),
        ("submit", [2, None, 4], "r1", "Org B", True, [None, None]),
        ("screen",),
        ("submit", [5, 5, 1], "r2", "Org A", True, [None, None]),
        ("submit", [None, 3, 2], "r2", "Org B", True, [None, None]),
        ("screen",),
    ],
)
@example(
    # Positions only, for some: they count (not blank); a group growing by one never moves its distribution.
    build_questionnaire([[(1.0, False)]], minimum=2, positions=True),
    [
        ("submit", [None], "r1", "Org A", True, ["s1", "s2"]),
        ("submit", [3], "r1", "Org A", True, ["s2", None]),
        ("screen",),
        ("submit", [None], "r1", "Org B", True, ["s1", "s9"]),
        ("screen",),
        ("submit", [None], "r2", "Org B", True, ["s3", "s3"]),
        ("screen",),
    ],
)
def test_no_sequence_of_screens_gives_one_person_s_answer(questionnaire, steps) -> None:
    workshop = play(questionnaire, steps)
    record = workshop.record
    minimum = questionnaire.min_group_size
    attacker = attacker_of(workshop)
    check_versions(record, minimum)
    assert attacker.determined(sorted(record.admitted)) == []

    last = workshop.screens[-1].report
    waiting = [r for r in workshop.responses if r.id not in record.admitted]
    answered = [
        r
        for r in waiting
        if any(type(v) is int and 1 <= v <= 5 for v in r.answers.values())
        or (questionnaire.positions and any(v in STEPS for v in r.positions.values()))
    ]
    assert len(answered) < minimum  # all waiting ones go in once they are k: nothing is held back
    statuses = {f.status for f in [*last.dimensions, *last.items, *last.positions]}
    statuses |= {g.status for groups in last.breakdowns.values() for g in groups}
    event(f"statuses {sorted(statuses)}")
    event(f"leftovers: {bool(answered)}")
    event(f"invalid values: {last.excluded_values > 0}")
    event(f"figures seen: {min(attacker.figures // 10 * 10, 50)}+")
    event(f"positions shown: {sum(p.status == 'shown' for p in last.positions)}")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires, st.one_of(steps, dense_steps))
def test_a_figure_holds_still_between_screens_until_k_new_people_count_in_it(questionnaire, steps) -> None:
    """Between any two screens, a figure is identical, or counts at least k people it did not count before."""
    workshop = play(questionnaire, steps)
    minimum = questionnaire.min_group_size
    moves = 0
    for before, after in zip(workshop.screens, workshop.screens[1:], strict=False):
        old, new = before.record.latest(), after.record.latest()
        for key, version in new.items():
            if key in old and old[key] != version:
                moves += 1
                assert len(version.contributors - old[key].contributors) >= minimum
        assert _figures(before.report) == _figures(after.report) or before.record.counter != after.record.counter
    event(f"figures moved between screens: {min(moves, 5)}")


def _figures(report) -> object:
    return report.model_dump(exclude={"excluded_values"})


def test_the_key_of_everyone_s_figures_has_no_field() -> None:
    assert FigureKey(Scope(), "dimension", "d1").scope.everyone


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires, st.lists(dense_submission, min_size=3, max_size=10), st.one_of(steps, dense_steps))
def test_results_carried_over_from_schema_2_leak_nothing_more_than_they_did(questionnaire, published, steps) -> None:
    """Schema 2 showed everyone's figures over its published responses: whatever they gave away is given; the
    rounds after them give nothing more, and move no figure by fewer than k."""
    workshop = Workshop(spec_of(questionnaire))
    for action in published:  # schema 2 had no position questions
        _, values, given_role, given_organisation, _, _ = action
        workshop.submit(
            dict(zip(questionnaire.item_ids, values, strict=False)),
            {"role": given_role, "organisation": given_organisation},
            publish=False,
        )
    legacy = {r.id for r in workshop.responses}
    workshop.record = PublicationRecord(admitted=dict.fromkeys(legacy, LEGACY_ROUND))
    before = workshop.screen()  # what the view shows before the first write: the carry-over, as it will be written
    seen_then = Attacker(questionnaire, {r.id: r for r in workshop.responses})
    for key, contributors in candidates(workshop.spec, Layout.of(questionnaire), _cleaned(workshop, legacy)):
        if key.scope.everyone and len(contributors) >= questionnaire.min_group_size and key.kind != "people":
            row = (
                seen_then._dimension_row(contributors, key.target)
                if key.kind == "dimension"
                else {(p, key.target): 1 for p in contributors}
            )
            seen_then._take(Version(key, frozenset(contributors), 0), row)
    workshop.publish()
    assert workshop.screen().model_dump() == before.model_dump() or workshop.record.counter > 1
    for action in steps:
        if action[0] == "submit":
            _, values, given_role, given_organisation, publish, chosen = action
            answers = dict(zip(questionnaire.item_ids, values, strict=False))
            workshop.submit(
                answers,
                {"role": given_role, "organisation": given_organisation},
                publish=publish,
                positions=positions_of(chosen),
            )
        else:
            workshop.screen()
    workshop.publish()
    workshop.screen()
    attacker = attacker_of(workshop)
    for block, rows in seen_then.rows.items():
        attacker.rows[block].extend(rows)
    admitted = sorted(workshop.record.admitted)
    already = set(seen_then.determined(sorted(legacy)))
    event(f"schema 2 gave something away: {bool(already)}")
    assert set(attacker.determined(admitted)) <= already
    check_versions(workshop.record, questionnaire.min_group_size)


def _cleaned(workshop: Workshop, ids: set[int]):
    from scoring.privacy import clean

    return [clean(workshop.spec, r) for r in workshop.responses if r.id in ids and not clean(workshop.spec, r).blank]
