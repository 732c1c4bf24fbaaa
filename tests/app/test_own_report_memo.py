"""One's own report is kept between reruns of the results page, and never served for other answers."""

from __future__ import annotations

from scoring.engine import score_responses
from scoring.frames import responses_frame
from ui.answer_state import AnswerState, Respondent
from ui.catalogue import get_questionnaire
from ui.flow import Answering
from ui.own_results import own_report


def _answering(values: dict[str, int], profile: dict[str, str] | None = None) -> Answering:
    questionnaire = get_questionnaire("express")
    respondent = Respondent(token="t", questionnaire_id="express")
    rules = respondent.rules(questionnaire, max_comment=2000)
    state = AnswerState.new(respondent)
    for key, value in (profile or {}).items():
        state = state.set_profile(rules, key, value)
    for item_id, value in values.items():
        state = state.answer(rules, item_id, value)
    return Answering(questionnaire, rules, state)


def test_the_same_answers_give_the_same_report_object_and_new_answers_a_new_report() -> None:
    items = [item.id for item in get_questionnaire("express").items]
    first = own_report(_answering(dict.fromkeys(items, 4)))
    assert own_report(_answering(dict.fromkeys(items, 4))) is first  # a rerun: not scored again
    changed = own_report(_answering({**dict.fromkeys(items, 4), items[0]: 1}))
    assert changed is not first and changed.overall.score != first.overall.score
    expected = score_responses(
        get_questionnaire("express"),
        responses_frame(get_questionnaire("express"), [{**dict.fromkeys(items, 4), items[0]: 1}], [{}]),
    )
    assert changed.overall.score == expected.overall.score


def test_a_changed_role_is_a_new_report() -> None:
    """The board's statement counts for a director and not for staff: the memo must tell the two apart."""
    items = [item.id for item in get_questionnaire("express").items]
    director = own_report(_answering(dict.fromkeys(items, 5), {"role": "direction"}))
    staff = own_report(_answering(dict.fromkeys(items, 5), {"role": "salarie"}))
    assert director.item("ex-gouv-3").n == 1 and staff.item("ex-gouv-3").n == 0
