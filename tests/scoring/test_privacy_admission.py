"""Admission: which stored values count, and when waiting responses enter the results (scoring.privacy.admission)."""

from __future__ import annotations

from privacy_testkit import Workshop, build_questionnaire, spec_of

from scoring.privacy import StoredResponse, clean
from scoring.privacy.admission import to_admit

QUESTIONNAIRE = build_questionnaire([[(1.0, False), (1.0, True)], [(1.0, False)]], minimum=3)
SPEC = spec_of(QUESTIONNAIRE)


def test_values_a_client_could_not_have_sent_are_left_out_and_counted() -> None:
    stored = StoredResponse(
        1,
        # 99 off the scale, "4" a string, true a boolean, an item the questionnaire does not have
        {"d1i1": 99, "d1i2": "4", "d2i1": True, "zz": 3},
        {"role": "pirate", "organisation": "Not invited", "colour": "blue"},
    )
    cleaned = clean(SPEC, stored)
    assert cleaned.answers == {} and cleaned.profile == {}
    assert cleaned.invalid == 7
    assert cleaned.blank  # nothing valid left: it can never be admitted


def test_valid_values_stay_whatever_sits_beside_them() -> None:
    stored = StoredResponse(2, {"d1i1": 5, "d1i2": None, "d2i1": 4.0, "x": 1}, {"role": "r2", "organisation": "Org B"})
    cleaned = clean(SPEC, stored)
    assert cleaned.answers == {"d1i1": 5, "d2i1": 4}  # None is « je ne sais pas »: unanswered, not invalid
    assert cleaned.profile == {"role": "r2", "organisation": "Org B"}
    assert cleaned.invalid == 1


def test_a_field_the_workshop_does_not_ask_is_not_a_breakdown() -> None:
    only_roles = type(SPEC)(QUESTIONNAIRE, ("role",), ())
    cleaned = clean(only_roles, StoredResponse(3, {"d1i1": 1}, {"role": "r1", "organisation": "Org A"}))
    assert cleaned.profile == {"role": "r1"} and cleaned.invalid == 1


def test_garbage_instead_of_a_mapping_is_one_invalid_value() -> None:
    cleaned = clean(SPEC, StoredResponse(4, [1, 2, 3], "r1"))  # type: ignore[arg-type]
    assert cleaned.blank and cleaned.invalid == 2


def test_waiting_responses_go_in_all_together_once_they_are_k() -> None:
    cleaned = [clean(SPEC, StoredResponse(i, {"d1i1": 3})) for i in range(1, 8)]
    assert to_admit(cleaned[:2], (), 3) == frozenset()
    assert to_admit(cleaned[:5], (), 3) == frozenset(range(1, 6))  # no batch held back
    assert to_admit(cleaned, range(1, 6), 3) == frozenset()  # 6 and 7: two wait
    blank = clean(SPEC, StoredResponse(8, {"d1i1": None}))
    assert to_admit([*cleaned, blank], range(1, 6), 3) == frozenset()  # a blank one never makes up a batch


def test_live_results_keep_up_seven_sent_six_in() -> None:
    """Issue 9 point 8: with min_group_size 3 and 7 answers sent, 6 are in the results."""
    workshop = Workshop(SPEC)
    for value in (1, 2, 3, 4, 5, 1, 2):
        workshop.submit({"d1i1": value, "d1i2": value, "d2i1": value})
    assert sorted(workshop.record.admitted) == [1, 2, 3, 4, 5, 6]
    report = workshop.screen()
    assert report.counted == 6 and report.dimension("d1").n == 6
    assert workshop.publish().empty  # the seventh waits for two more: publishing again moves nothing


def test_scoring_a_poisoned_workshop_never_fails_and_says_how_much_was_left_out() -> None:
    workshop = Workshop(SPEC)
    workshop.submit({"d1i1": 99, "d1i2": 1000, "d2i1": -5}, {"organisation": "<script>"})
    for value in (2, 3, 4):
        workshop.submit({"d1i1": value, "d1i2": 2, "d2i1": 3, "d9": 7})
    report = workshop.screen()
    assert report.counted == 3  # the poisoned one is blank once cleaned: never admitted
    assert report.excluded_values == 4 + 3
    assert report.item("d1i1").distribution == {1: 0, 2: 1, 3: 1, 4: 1, 5: 0}
