"""The « position » figures (the continuum, today and wished): admission, the kind, the plan, the shared report."""

from __future__ import annotations

from privacy_testkit import STEPS, Attacker, Workshop, build_questionnaire, spec_of

from scoring.privacy import KINDS, SharedPosition, StoredResponse, clean
from scoring.privacy.figures import ITEM, POSITION, Layout
from scoring.privacy.records import FigureKey, Scope

QUESTIONNAIRE = build_questionnaire([[(1.0, False), (1.0, True)]], minimum=3, positions=True)
SPEC = spec_of(QUESTIONNAIRE)
LAYOUT = Layout.of(QUESTIONNAIRE)


def at(today: object, wished: object = None) -> dict[str, object]:
    return {"rel.today": today, "rel.wished": wished}


def test_a_step_the_question_offers_counts_and_anything_else_is_left_out_and_counted() -> None:
    stored = StoredResponse(
        1,
        {"d1i1": 3},
        {},
        # a step of another list, a number, « wished » of a question that does not exist, a moment never asked
        {"rel.today": "s2", "rel.wished": "fusion", "other.today": "s1", "rel.tomorrow": "s1"},
    )
    cleaned = clean(SPEC, stored)
    assert cleaned.positions == {"rel:today": "s2"}  # keyed like the figures
    assert cleaned.invalid == 3
    assert clean(SPEC, StoredResponse(2, {}, {}, {"rel.today": 4})).invalid == 1
    assert clean(SPEC, StoredResponse(3, {}, {}, ["s1"])).invalid == 1  # type: ignore[arg-type]


def test_a_blank_position_is_no_value_and_not_invalid() -> None:
    cleaned = clean(SPEC, StoredResponse(1, {"d1i1": 2}, {}, at(None, None)))
    assert cleaned.positions == {} and cleaned.invalid == 0


def test_only_today_is_kept_when_the_question_asks_today_only() -> None:
    data = QUESTIONNAIRE.model_dump(mode="json")
    data["positions"][0]["wished"] = None
    today_only = type(QUESTIONNAIRE).model_validate(data, context={"language": "fr"})
    cleaned = clean(spec_of(today_only), StoredResponse(1, {}, {}, at("s1", "s4")))
    assert cleaned.positions == {"rel:today": "s1"} and cleaned.invalid == 1
    assert POSITION.targets(Layout.of(today_only)) == ["rel:today"]


def test_a_response_with_positions_only_is_not_blank_and_counts() -> None:
    """Choice: a person who placed the relationship and answered no statement answered something the group sees."""
    assert not clean(SPEC, StoredResponse(1, {"d1i1": None}, {}, at("s1"))).blank
    assert clean(SPEC, StoredResponse(2, {"d1i1": None}, {}, at(None, "s9"))).blank  # nothing valid: blank
    workshop = Workshop(SPEC)
    for step in ("s1", "s1", "s3"):
        workshop.submit({"d1i1": None, "d1i2": None}, positions=at(step))
    report = workshop.screen()
    assert report.counted == 3
    assert report.position("rel", "today").distribution == {"s1": 2, "s2": 0, "s3": 1, "s4": 0}
    assert report.position("rel", "wished").status == "too_few"  # nobody said where they wish it
    assert report.dimension("d1").status == "too_few"


def test_the_kind_is_appended_after_the_statements_and_is_a_block_of_its_own() -> None:
    assert KINDS[-1] is POSITION and KINDS.index(POSITION) == KINDS.index(ITEM) + 1
    assert POSITION.name == "position"
    assert POSITION.targets(LAYOUT) == ["rel:today", "rel:wished"]
    assert POSITION.block(LAYOUT, "rel:today") == "position:rel:today"
    assert POSITION.block(LAYOUT, "rel:today") != POSITION.block(LAYOUT, "rel:wished")
    response = clean(SPEC, StoredResponse(1, {}, {}, at("s2", "s4")))
    assert POSITION.row(LAYOUT, response, "rel:wished") == {"rel:wished": 1.0}
    assert POSITION.values(LAYOUT, response) == ["rel:today", "rel:wished"]
    others = [clean(SPEC, StoredResponse(i, {}, {}, at("s4", "s1"))) for i in (2, 3)]
    computed = POSITION.compute(LAYOUT, [response, *others], "rel:today")
    assert computed == {"n": 3, "distribution": {"s1": 0, "s2": 1, "s3": 0, "s4": 2}}
    assert list(computed["distribution"]) == list(STEPS)  # the continuum's order, never ranked by count


def test_a_distribution_moves_only_with_k_new_contributors() -> None:
    workshop = Workshop(SPEC)
    for step in ("s1", "s2", "s2"):
        workshop.submit({"d1i1": 3, "d1i2": 3}, positions=at(step, "s4"))
    first = workshop.screen().position("rel", "today")
    assert first.status == "shown" and first.n == 3
    # Three more people, only one of whom says where it stands today: the statements move, today's count does not.
    workshop.submit({"d1i1": 1, "d1i2": 2}, positions=at("s3", "s4"))
    workshop.submit({"d1i1": 2, "d1i2": 2}, positions=at(None, "s4"))
    workshop.submit({"d1i1": 5, "d1i2": 2}, positions=at(None, "s3"))
    second = workshop.screen()
    assert second.counted == 6 and second.item("d1i1").n == 6
    assert second.position("rel", "today") == first  # 4 have a value now, 1 of them new: it waits
    assert second.position("rel", "wished").n == 6
    key = FigureKey(Scope(), "position", "rel:today")
    assert workshop.record.latest()[key].contributors == frozenset({1, 2, 3})
    for step in ("s1", "s1"):
        workshop.submit({"d1i1": 3}, positions=at(step))
    workshop.submit({"d1i1": 3}, positions=at("s4"))
    third = workshop.screen().position("rel", "today")
    assert third.n == 7 and third.distribution == {"s1": 3, "s2": 2, "s3": 1, "s4": 1}
    attacker = Attacker(QUESTIONNAIRE, {r.id: r for r in workshop.responses})
    for screen in workshop.screens:
        attacker.watch(screen)
    assert attacker.determined(sorted(workshop.record.admitted)) == []


def test_a_group_s_positions_are_figures_of_the_group_under_the_audit() -> None:
    workshop = Workshop(SPEC)
    people = [("r1", "s1"), ("r1", "s2"), ("r1", "s2"), ("r2", "s3"), ("r2", "s3"), ("r2", "s1")]
    for role, step in people:
        workshop.submit({"d1i1": None}, {"role": role}, positions=at(step), publish=False)
    workshop.publish()
    report = workshop.screen()
    assert report.position("rel", "today").distribution == {"s1": 2, "s2": 2, "s3": 2, "s4": 0}
    groups = {g.value: g for g in report.groups("role")}
    # r1 comes first (ties in the field's order); r2 would then be everyone minus r1, which tells nothing more.
    assert groups["r1"].status == groups["r2"].status == "shown"
    assert groups["r1"].position("rel", "today").distribution == {"s1": 1, "s2": 2, "s3": 0, "s4": 0}
    assert groups["r2"].position("rel", "today").n == 3
    assert groups["r3"].status == "too_few" and groups["r3"].position("rel", "today").distribution == {}


def test_everyone_minus_a_group_of_all_but_one_is_withheld() -> None:
    workshop = Workshop(SPEC)
    for role, step in (("r1", "s1"), ("r1", "s2"), ("r1", "s2"), ("r2", "s3")):
        workshop.submit({"d1i1": None}, {"role": role}, positions=at(step), publish=False)
    workshop.publish()
    report = workshop.screen()
    assert report.position("rel", "today").n == 4  # everyone's first
    r1 = report.groups("role")[0]
    assert r1.people == 3 and r1.status == "withheld"  # its today minus everyone's would be the lone r2's step
    assert r1.position("rel", "today").status == "withheld" and r1.position("rel", "today").distribution == {}


def test_the_shared_position_has_no_mode_median_or_gap() -> None:
    assert set(SharedPosition.model_fields) == {"id", "moment", "status", "n", "distribution"}


def test_a_questionnaire_without_positions_shows_none() -> None:
    plain = build_questionnaire([[(1.0, False)]], minimum=2)
    workshop = Workshop(spec_of(plain))
    for value in (1, 2):
        workshop.submit({"d1i1": value}, positions={"rel.today": "s1"})
    report = workshop.screen()
    assert report.positions == [] and report.excluded_values == 2
