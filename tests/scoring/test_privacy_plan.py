"""Figure versions (scoring.privacy.plan): when a figure may move, in which order candidates come, the legacy."""

from __future__ import annotations

import random

from hypothesis import event, given, settings
from hypothesis import strategies as st
from privacy_testkit import Workshop, apply, build_questionnaire, check_versions, spec_of

from scoring.privacy import LEGACY_ROUND, PublicationRecord, Scope, StoredResponse, plan_publication
from scoring.privacy.plan import PlanMemo, may_move, scopes
from scoring.privacy.records import FigureKey

QUESTIONNAIRE = build_questionnaire([[(1.0, False), (1.0, True)], [(2.0, False)]], minimum=3)
SPEC = spec_of(QUESTIONNAIRE)


def full(value: int) -> dict[str, int]:
    return {"d1i1": value, "d1i2": 6 - value, "d2i1": value}


def test_a_figure_moves_with_k_new_contributors_and_never_from_fewer_than_k() -> None:
    assert not may_move(frozenset({1, 2}), None, 3, first=True)
    assert may_move(frozenset({1, 2, 3}), None, 3, first=True)
    assert not may_move(frozenset({1, 2, 3, 4, 5}), frozenset({1, 2, 3}), 3, first=False)
    assert may_move(frozenset(range(1, 7)), frozenset({1, 2, 3}), 3, first=False)
    assert not may_move(frozenset({1, 2, 3}), frozenset({1, 2, 3}), 3, first=False)  # nothing new: no new version
    # A baseline carried over from schema 2 may be shown again as it was, or with k more.
    assert may_move(frozenset({1, 2, 3}), frozenset({1, 2, 3}), 3, first=True)
    assert not may_move(frozenset({1, 2, 3, 4}), frozenset({1, 2, 3}), 3, first=True)


def test_groups_come_by_size_and_ties_in_the_field_s_order() -> None:
    workshop = Workshop(SPEC)
    for role in ("r3", "r2", "r3", "r1", "r2", "r3"):
        workshop.submit(full(3), {"role": role}, publish=False)
    from scoring.privacy.admission import clean

    pool = [clean(SPEC, r) for r in workshop.responses]
    assert list(scopes(SPEC, pool)) == [Scope(), Scope("role", "r3"), Scope("role", "r2"), Scope("role", "r1")]


def test_the_plan_does_not_depend_on_the_order_responses_are_read_in() -> None:
    workshop = Workshop(SPEC)
    rng = random.Random(4)
    for _ in range(9):
        workshop.submit(
            {"d1i1": rng.choice([None, 1, 5]), "d1i2": rng.randint(1, 5), "d2i1": rng.randint(1, 5)},
            {"role": rng.choice(["r1", "r2"]), "organisation": rng.choice(["Org A", "Org B"])},
            publish=False,
        )
    plan = plan_publication(SPEC, workshop.responses, workshop.record)
    shuffled = list(workshop.responses)
    rng.shuffle(shuffled)
    assert plan_publication(SPEC, shuffled, workshop.record) == plan
    assert plan.versions and plan.admit == frozenset(range(1, 10))


def test_publishing_again_with_nothing_new_records_nothing() -> None:
    workshop = Workshop(SPEC)
    for value in (1, 2, 3):
        workshop.submit(full(value))
    assert workshop.record.counter == 1
    assert plan_publication(SPEC, workshop.responses, workshop.record).empty


def test_a_group_counts_only_the_people_its_size_counts() -> None:
    """r1 has 4 members but its size moved at 3: its figures count those 3, never a score over 4 for « 3 »."""
    workshop = Workshop(SPEC)
    for value in (1, 2, 3):
        workshop.submit(full(value), {"role": "r1"})
    for value, role in ((4, "r2"), (5, "r2"), (2, "r1")):
        workshop.submit(full(value), {"role": role})
    latest = workshop.record.latest()
    assert latest[FigureKey(Scope("role", "r1"), "people")].contributors == {1, 2, 3}
    assert latest[FigureKey(Scope("role", "r1"), "dimension", "d1")].contributors == {1, 2, 3}
    check_versions(workshop.record, 3)


def test_schema_2_published_responses_are_taken_as_shown() -> None:
    """A workshop published before the versions existed: the next screen differs from the old one by k or not."""
    responses = [StoredResponse(i, full(1 + i % 5), {"role": "r1" if i <= 3 else "r2"}) for i in range(1, 7)]
    legacy = PublicationRecord(counter=0, admitted=dict.fromkeys(range(1, 5), LEGACY_ROUND))
    plan = plan_publication(SPEC, responses[:4], legacy)
    assert plan.admit == frozenset() and plan.round == 1
    recorded = {v.key: v.contributors for v in plan.versions}
    # Everyone's figures are shown as they were, over the four published responses.
    assert recorded[FigureKey(Scope(), "dimension", "d1")] == {1, 2, 3, 4}
    assert recorded[FigureKey(Scope("role", "r1"), "people")] == {1, 2, 3}
    # r1's figures (3 of the 4) would give the fourth away beside everyone's: the audit keeps them back.
    assert FigureKey(Scope("role", "r1"), "dimension", "d1") not in recorded
    record = apply(legacy, plan)
    # Two more: r2 now has 3, but its figure would be everyone's minus r1's old one... and so on: all checked.
    record = apply(record, plan_publication(SPEC, responses, record))
    check_versions(record, 3)
    assert plan_publication(SPEC, responses, record).empty


def test_a_legacy_figure_refused_at_first_still_needs_k_more_than_what_the_room_saw() -> None:
    responses = [StoredResponse(i, full(2), {"role": "r1"}) for i in range(1, 4)]
    responses.append(StoredResponse(4, {"d1i1": 3, "d1i2": 3}, {"role": "r2"}))  # no answer to d2i1
    legacy = PublicationRecord(counter=0, admitted=dict.fromkeys(range(1, 5), LEGACY_ROUND))
    record = apply(legacy, plan_publication(SPEC, responses, legacy))
    responses += [StoredResponse(5, full(4), {"role": "r2"}), StoredResponse(6, full(5), {"role": "r2"})]
    responses.append(StoredResponse(7, full(1), {"role": "r1"}))
    record = apply(record, plan_publication(SPEC, responses, record))
    # d2i1 was shown over 1, 2, 3 by schema 2; now 1, 2, 3, 5, 6, 7: three more, so it may move.
    d2 = record.latest()[FigureKey(Scope(), "item", "d2i1")]
    assert d2.contributors == {1, 2, 3, 5, 6, 7}
    check_versions(record, 3)


answers = st.lists(st.sampled_from([None, 1, 2, 3, 4, 5, 3]), min_size=3, max_size=3)
people = st.tuples(answers, st.sampled_from(["r1", "r2", "r3"]), st.sampled_from(["Org A", "Org B"]))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(people, st.sampled_from(["a", "b", "both"])), min_size=3, max_size=24))
def test_a_memo_never_changes_a_plan_even_when_another_instance_wrote_first(steps) -> None:
    """Two instances, each with its memo; when both plan at once, only the first one's round is written."""
    memos = {"a": PlanMemo(), "b": PlanMemo()}
    workshop = Workshop(SPEC)
    raced = 0
    for (values, role, organisation), who in steps:
        workshop.submit(dict(zip(["d1i1", "d1i2", "d2i1"], values, strict=True)), {"role": role}, publish=False)
        workshop.responses[-1] = StoredResponse(
            workshop.responses[-1].id, workshop.responses[-1].answers, {"role": role, "organisation": organisation}
        )
        expected = plan_publication(SPEC, workshop.responses, workshop.record)
        if who == "both":
            # b read the state just before the last submission and plans a different round, which loses the
            # compare-and-set to a's: b's memo now remembers a round that was never written.
            stale = plan_publication(SPEC, workshop.responses[:-1], workshop.record, memo=memos["b"])
            assert stale == plan_publication(SPEC, workshop.responses[:-1], workshop.record)
            raced += stale != expected
        assert (
            plan_publication(SPEC, workshop.responses, workshop.record, memo=memos["a" if who == "both" else who])
            == expected
        )
        workshop.record = apply(workshop.record, expected)
    event(f"rounds lost to the other instance: {min(raced, 3)}")
    check_versions(workshop.record, 3)
