"""The whole respondent journey through AppTest: start, answer step by step, submit, see the same scores as
the scoring module computes; then reload from the URL token and find every answer again."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.asking import items_for
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.rounding import format_number
from tests.app.helpers import answer_widgets, assert_no_exception, comment_area, item_radio, new_app, profile_radio
from ui.catalogue import get_questionnaire, shipped_questionnaires
from ui.results_view import MORE_RECOMMENDATIONS


def started(questionnaire_id: str, lang: str = "fr") -> AppTest:
    app = new_app(lang)
    app.run()
    app.button(key=f"start_{questionnaire_id}").click().run()
    assert_no_exception(app)
    return app


def click_next(app: AppTest) -> None:
    app.button(key="next").click().run()
    assert_no_exception(app)


def answer_current_step(app: AppTest, value_for: dict[str, int | str]) -> None:
    for item_id, radio in answer_widgets(app, "item").items():
        if item_id in value_for:
            radio.set_value(value_for[item_id])
    app.run()
    assert_no_exception(app)


def test_full_flow_results_equal_the_scoring_module() -> None:
    questionnaire = shipped_questionnaires()["express"]
    # A varied pattern: every scale value, a « Je ne sais pas », and one dimension left half empty.
    values: dict[str, int | str] = {}
    for position, item in enumerate(questionnaire.items):
        values[item.id] = (position % 5) + 1
    values[questionnaire.items[1].id] = "na"
    last = questionnaire.dimensions[-1]
    for item in last.items[1:]:
        values.pop(item.id)

    app = started("express")
    assert app.header[0].value == translate("questionnaire.profile_title", "fr")
    # Alone, nobody is compared: the help does not promise anything about groups (one question: the role).
    assert [c.value for c in app.caption] == [translate("questionnaire.profile_help_solo", "fr", count=1)]
    profile_radio(app, "role").set_value("benevole").run()
    click_next(app)
    for dimension in questionnaire.dimensions:
        assert app.header[0].value == dimension.label["fr"]
        answer_current_step(app, values)
        click_next(app)

    # Summary: the unanswered statements of the last dimension are listed, « Je ne sais pas » is not, nor the
    # statement a volunteer is not asked (ex-gouv-3, for the board and the management).
    assert app.header[0].value == translate("questionnaire.summary_title", "fr")
    listed = " ".join(t.value for t in app.text)
    asked = [item for item in last.items[1:] if item.id != "ex-gouv-3"]
    assert asked and len(asked) < len(last.items[1:])
    for item in asked:
        assert item.text["fr"] in listed
    assert next(i for i in last.items if i.id == "ex-gouv-3").text["fr"] not in listed
    assert questionnaire.items[1].text["fr"] not in listed

    app.button(key="submit").click().run()
    assert_no_exception(app)
    assert app.title[0].value.startswith("Vos résultats")

    answers = {k: (None if v == "na" else int(v)) for k, v in values.items()}
    expected = score_responses(questionnaire, responses_frame(questionnaire, [answers], [{"role": "benevole"}]))
    overall = app.metric[0].value
    assert overall == format_number(expected.overall.score, "fr")
    shown = [m.value for m in app.markdown if m.value.startswith("### ")]
    for stats, card in zip(expected.dimensions, shown, strict=True):
        if stats.score is None:
            assert card == "### données insuffisantes"
        else:
            assert card == "### " + format_number(stats.score, "fr")
    # The last dimension has 1 answer of 3 (< 50 %): « données insuffisantes », never 0.
    assert expected.dimension(last.id).score is None
    assert shown[-1] == "### données insuffisantes"
    app.session_state[MORE_RECOMMENDATIONS] = True  # the others are built once their fold is opened
    app.run()
    recommendations_shown = " ".join(m.value for m in app.markdown)
    for recommendation in expected.recommendations:
        assert recommendation.text["fr"] in recommendations_shown


def test_reload_with_the_url_token_restores_the_answers() -> None:
    questionnaire = get_questionnaire("sante-partenariat")
    assert questionnaire is not None
    app = started("sante-partenariat")
    token = app.query_params["r"][0] if isinstance(app.query_params["r"], list) else app.query_params["r"]
    click_next(app)  # skip the profile
    click_next(app)  # and the position questions
    first = questionnaire.dimensions[0]
    values = {item.id: 2 + (i % 3) for i, item in enumerate(first.items)}
    values[first.items[0].id] = "na"
    answer_current_step(app, values)
    comment_area(app, first.id).input("Réunions trop rares <b>hors</b> des crises").run()
    click_next(app)

    # A new session (a reload, a phone that slept): only the URL is left.
    reloaded = new_app("fr", r=token)
    reloaded.run()
    reloaded.switch_page("app_pages/questionnaire.py").run()
    assert_no_exception(reloaded)
    assert reloaded.header[0].value == questionnaire.dimensions[1].label["fr"], "resumes at the step it was on"
    reloaded.button(key="back").click().run()
    restored = {item_id: radio.value for item_id, radio in answer_widgets(reloaded, "item").items()}
    assert restored == values
    assert comment_area(reloaded, first.id).value == "Réunions trop rares <b>hors</b> des crises"


def test_back_and_next_keep_the_answers() -> None:
    app = started("express", "en")
    click_next(app)
    questionnaire = shipped_questionnaires()["express"]
    first = questionnaire.dimensions[0]
    answer_current_step(app, {first.items[0].id: 5})
    click_next(app)
    app.button(key="back").click().run()
    assert item_radio(app, first.items[0].id).value == 5
    assert app.header[0].value == first.label["en"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_results_before_any_answer_show_insufficient_data_not_zero(lang: str) -> None:
    app = started("express", lang)
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    insufficient = translate("results.insufficient", lang)
    assert app.metric[0].value == insufficient
    cards = [m.value for m in app.markdown if m.value.startswith("### ")]
    assert cards and all(card == f"### {insufficient}" for card in cards)


def test_a_solo_respondent_can_erase_their_answers_for_good() -> None:
    from storage import Store

    app = started("express")
    token = app.query_params["r"][0] if isinstance(app.query_params["r"], list) else app.query_params["r"]
    click_next(app)  # the profile
    answer_current_step(app, {item.id: 4 for item in get_questionnaire("express").items})
    app.switch_page("app_pages/results.py").run()
    assert Store().load_draft(token) is not None
    assert app.button(key="erase_answers").disabled  # one click is not enough: it cannot be undone
    app.checkbox(key="erase_confirm").check().run()
    app.button(key="erase_answers").click().run()
    assert_no_exception(app)
    assert [s.value for s in app.success] == [translate("results.erased", "fr")]
    assert Store().load_draft(token) is None  # gone from the database, not only from the screen
    assert "r" not in app.query_params
    app.switch_page("app_pages/results.py").run()  # and from the session
    assert [i.value for i in app.info] == [translate("results.none", "fr")]
    reloaded = new_app("fr", r=token)  # the kept link opens nothing any more
    reloaded.run()
    reloaded.switch_page("app_pages/results.py").run()
    assert [i.value for i in reloaded.info] == [translate("results.none", "fr")]


def test_a_workshop_participant_is_not_offered_to_erase_one_response_of_the_group() -> None:
    from tests.app.test_workshop_pages import create_workshop

    code, _key = create_workshop()
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/join.py").run()
    app.button(key="join_start").click().run()
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    assert not [b for b in app.button if b.key == "erase_answers"]


def joined(code: str) -> AppTest:
    """A participant who joined the workshop of ``code`` and is on its first step."""
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/join.py").run()
    app.button(key="join_start").click().run()
    app.switch_page("app_pages/questionnaire.py").run()
    return app


def test_a_workshop_closed_then_reopened_saves_the_taps_made_meanwhile() -> None:
    """The facilitator closes the workshop while a phone answers, then reopens it: the taps made while it was
    closed are saved at the next run and the « clôturé » warning goes. (The phone stopped trying after the
    closing, and saved nothing more until it was reloaded.)"""
    from storage import Store
    from tests.app.test_workshop_pages import create_workshop
    from ui.flow import STATE_KEY

    code, key = create_workshop()
    store = Store()  # the app's own database: RADAR_DATA_DIR of this test (tests/app/conftest.py)
    app = joined(code)
    assert_no_exception(app)
    closed = translate("questionnaire.workshop_closed", "fr")
    token = app.session_state[STATE_KEY].respondent.token
    profile = next(iter(answer_widgets(app, "profile").values()))
    profile.set_value(profile.options[0]).run()
    assert store.set_workshop_status(key, "closed")
    profile = next(iter(answer_widgets(app, "profile").values()))
    profile.set_value(profile.options[-1]).run()  # refused: closed
    assert closed in [w.value for w in app.warning]
    assert store.set_workshop_status(key, "open")
    app.run()  # any run after the reopening: the tap made while closed is saved
    assert_no_exception(app)
    assert closed not in [w.value for w in app.warning]
    saved = store.load_draft(token)
    assert saved is not None and dict(saved.profile) == dict(app.session_state[STATE_KEY].profile)
    assert not app.session_state[STATE_KEY].unsaved


def test_sending_refused_by_a_closing_goes_through_once_the_workshop_is_reopened() -> None:
    """« Envoyer » while the workshop is closed is refused and said so; pressed again once it is reopened, it sends
    (it used to do nothing at all until the page was reloaded)."""
    from storage import Store
    from tests.app.helpers import answer_all_steps, click
    from tests.app.test_workshop_pages import create_workshop
    from ui.flow import STATE_KEY

    code, key = create_workshop()
    store = Store()  # the app's own database: RADAR_DATA_DIR of this test (tests/app/conftest.py)
    app = joined(code)
    express = shipped_questionnaires()["express"]
    answer_all_steps(app, {item.id: 4 for item in express.items}, {"organisation": "Association A"})
    assert store.set_workshop_status(key, "closed")
    click(app, "submit")
    assert not app.session_state[STATE_KEY].submitted
    assert translate("questionnaire.workshop_closed", "fr") in [w.value for w in app.warning]
    assert store.set_workshop_status(key, "open")
    click(app, "submit")
    assert app.session_state[STATE_KEY].submitted
    assert store.workshop_counts(store.workshop_for_facilitator(key).id) == (1, 1)


def shown_item_ids(app: AppTest) -> list[str]:
    return list(answer_widgets(app, "item"))


def go_back_to_the_profile(app: AppTest) -> None:
    for _ in range(20):
        if app.header[0].value == translate("questionnaire.profile_title", "fr"):
            return
        app.button(key="back").click().run()
        assert_no_exception(app)
    raise AssertionError("never back at the profile")


def test_each_role_is_asked_only_its_statements_and_a_change_of_role_sends_only_those() -> None:
    """Issue 12: a person supported by the association is not asked about « our board » (asked_of). Steps, progress
    and the summary count only the statements asked; answers given under another role stay in the state but are
    not sent, and the summary says so in one line."""
    from storage import Store

    questionnaire = get_questionnaire("rapprochement")
    assert questionnaire is not None
    app = started("rapprochement")
    token = app.query_params["r"][0] if isinstance(app.query_params["r"], list) else app.query_params["r"]
    profile_radio(app, "role").set_value("direction").run()
    # The profile, the position questions, six dimensions, the summary.
    assert app.get("progress")[0].proto.text == translate("questionnaire.progress", "fr", step=1, total=9)
    click_next(app)
    click_next(app)
    # The management goes through every dimension and answers every statement of the first two.
    for dimension in questionnaire.dimensions[:2]:
        assert shown_item_ids(app) == [item.id for item in dimension.items]
        answer_current_step(app, {item.id: 4 for item in dimension.items})
        comment_area(app, dimension.id).input(f"Sur {dimension.id}").run()
        click_next(app)
    # Then the person says they are an employee: the board's dimension (gouvernance-vie-associative) goes.
    go_back_to_the_profile(app)
    profile_radio(app, "role").set_value("salarie").run()
    assert_no_exception(app)
    assert app.get("progress")[0].proto.text == translate("questionnaire.progress", "fr", step=1, total=6)
    click_next(app)
    click_next(app)
    projet = questionnaire.dimensions[0]
    assert app.header[0].value == projet.label["fr"]
    assert "pv-1" in [item.id for item in projet.items]
    assert shown_item_ids(app) == [item.id for item in projet.items], "pv-1 is asked of employees too"
    click_next(app)
    assert app.header[0].value == questionnaire.dimensions[2].label["fr"], "the board's dimension is skipped"
    employees = {"rh-1", "rh-2", "rh-3", "rh-4", "rh-6", "rh-8"}
    assert set(shown_item_ids(app)) == employees & {item.id for item in questionnaire.dimensions[2].items}
    # The labels are numbered within what is asked: 1, 2, 3...
    labels = [radio.label for radio in answer_widgets(app, "item").values()]
    assert [label.split(".")[0] for label in labels] == [str(n) for n in range(1, len(labels) + 1)]
    while any(b.key == "next" for b in app.button):
        click_next(app)
    assert app.header[0].value == translate("questionnaire.summary_title", "fr")
    employee_items = items_for(questionnaire, {"role": "salarie"})
    assert len(employee_items) < len(questionnaire.items)
    summary = translate("questionnaire.summary_count", "fr", count=len(projet.items), total=len(employee_items))
    assert summary in [m.value for m in app.markdown]
    gva = questionnaire.dimensions[1]
    # Six answers and one comment given as the management are about what an employee is not asked.
    not_sent = translate("questionnaire.not_asked", "fr", count=len(gva.items) + 1)
    assert not_sent in [c.value for c in app.caption]
    app.button(key="submit").click().run()
    assert_no_exception(app)
    draft = Store().load_draft(token)
    assert draft is not None and draft.submitted
    assert dict(draft.answers) == {item.id: 4 for item in projet.items}
    assert dict(draft.comments) == {projet.id: f"Sur {projet.id}"}
    # One's own results score what was sent: the board's dimension, answered as the management but not sent, has
    # no answer (« données insuffisantes », never a zero, and not the answers given under the other role).
    assert app.title[0].value.startswith("Vos résultats")
    cards = [m.value for m in app.markdown if m.value.startswith("### ")]
    expected = score_responses(questionnaire, responses_frame(questionnaire, [dict(draft.answers)], [{}]))
    assert expected.dimension(gva.id).score is None
    assert cards[1] == "### " + translate("results.insufficient", "fr")
    assert cards[0] == "### " + format_number(expected.dimension(projet.id).score, "fr")
