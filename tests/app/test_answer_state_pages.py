"""The answering pages with the one answer state: language switches, storage failures, refused text, and one
response per person and phone. Each test reads what storage holds, not only what the screen shows."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from storage import StorageUnavailable, Store
from tests.app.helpers import answer_widgets, assert_no_exception, click, comment_area, item_radio, new_app
from tests.app.test_workshop_pages import create_workshop
from ui import browser_memory, flow
from ui.catalogue import shipped_questionnaires


def not_saved(lang: str) -> str:
    return translate("answers.not_saved", lang, seconds=f"{flow.RETRY_EVERY_S:g}")


EXPRESS = shipped_questionnaires()["express"]
FIRST = EXPRESS.dimensions[0]


def query(app: AppTest, name: str) -> str:
    value = app.query_params[name]
    return value[0] if isinstance(value, list) else value


def started_at_first_dimension(lang: str = "fr") -> tuple[AppTest, str]:
    app = new_app(lang)
    app.run()
    click(app, "start_express")
    click(app, "next")  # the profile
    assert app.header[0].value == FIRST.label[lang]
    return app, query(app, "r")


def draft_answers(token: str) -> dict[str, int | None]:
    draft = Store().load_draft(token)
    assert draft is not None
    return dict(draft.answers)


def test_the_answer_state_is_one_session_key() -> None:
    app, _token = started_at_first_dimension()
    item_radio(app, FIRST.items[0].id).set_value(4).run()
    keys = set(app.session_state.keys())
    assert "answer_state" in keys
    # No loose keys of the answer flow beside it (there were 14), only the widgets' own keys.
    assert not [k for k in keys if k.startswith(("flow_", "item_", "profile_", "comment_"))]
    assert all(k.split(".")[3] == "fr" for k in keys if k.startswith("ans."))


def test_a_language_switch_in_the_middle_of_a_step_then_a_tap_keeps_both_answers() -> None:
    app, token = started_at_first_dimension("fr")
    first, second = FIRST.items[0].id, FIRST.items[1].id
    item_radio(app, first).set_value(4).run()
    app.segmented_control(key="lang_selector").set_value("en").run()
    assert_no_exception(app)
    assert app.header[0].value == FIRST.label["en"]
    assert item_radio(app, first).value == 4, "the first answer is still ticked, in English"
    item_radio(app, second).set_value(2).run()
    assert_no_exception(app)
    assert draft_answers(token) == {first: 4, second: 2}
    # And back to French: nothing lost either way.
    app.segmented_control(key="lang_selector").set_value("fr").run()
    assert {i: r.value for i, r in answer_widgets(app, "item").items()} == {
        first: 4,
        second: 2,
        FIRST.items[2].id: None,
    }


def test_a_storage_failure_while_answering_keeps_the_answer_says_so_and_saves_it_when_storage_is_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, token = started_at_first_dimension("fr")
    first = FIRST.items[0].id

    def down(*args: object, **kwargs: object) -> None:
        raise StorageUnavailable("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "save_draft", down)
        item_radio(app, first).set_value(4).run()
        assert not app.exception
        assert [w.value for w in app.warning] == [not_saved("fr")]
        assert item_radio(app, first).value == 4, "the answer stays on screen"
        # In the page's language.
        app.segmented_control(key="lang_selector").set_value("en").run()
        assert [w.value for w in app.warning] == [not_saved("en")]
        assert item_radio(app, first).value == 4
    assert first not in draft_answers(token)
    # Storage is back: the next run saves it, with no restart, and the notice goes.
    app.run()
    assert_no_exception(app)
    assert draft_answers(token) == {first: 4}
    assert not app.warning


def test_an_unexpected_storage_error_is_a_notice_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never Streamlit's error page, whatever storage raises."""
    app, _token = started_at_first_dimension("fr")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(Store, "save_draft", broken)
    item_radio(app, FIRST.items[0].id).set_value(5).run()
    assert not app.exception
    assert [w.value for w in app.warning] == [not_saved("fr")]


def test_sending_while_storage_is_down_keeps_the_answers_and_asks_to_try_again(monkeypatch: pytest.MonkeyPatch) -> None:
    app, token = started_at_first_dimension("fr")
    item_radio(app, FIRST.items[0].id).set_value(3).run()

    def down(self: Store, token: str) -> bool:
        raise StorageUnavailable("database restarting")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "submit", down)
        while any(b.key == "next" for b in app.button):
            click(app, "next")
        app.button(key="submit").click().run()
        assert not app.exception
        assert translate("answers.not_sent", "fr") in [w.value for w in app.warning]
        assert Store().load_draft(token).submitted is False  # type: ignore[union-attr]
    app.button(key="submit").click().run()
    assert_no_exception(app)
    assert Store().load_draft(token).submitted is True  # type: ignore[union-attr]


def test_a_nul_in_a_comment_is_refused_with_a_true_message() -> None:
    app, token = started_at_first_dimension("fr")
    item_radio(app, FIRST.items[0].id).set_value(3).run()
    comment_area(app, FIRST.id).input("Réunions\x00 trop rares").run()
    assert not app.exception
    assert [e.value for e in app.error] == [translate("answers.problem_nul", "fr")]
    assert translate("questionnaire.workshop_gone", "fr") not in [w.value for w in app.warning]
    draft = Store().load_draft(token)
    assert draft is not None and draft.comments == {} and draft.answers == {FIRST.items[0].id: 3}
    comment_area(app, FIRST.id).input("Réunions trop rares").run()
    assert not app.error
    assert Store().load_draft(token).comments == {FIRST.id: "Réunions trop rares"}  # type: ignore[union-attr]


def answered_workshop(code: str) -> tuple[AppTest, str]:
    """One participant joins, answers one statement and sends; returns their session and token."""
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/join.py").run()
    click(app, "join_start")
    token = query(app, "r")
    app.switch_page("app_pages/questionnaire.py").run()
    while any(b.key == "next" for b in app.button):
        radios = answer_widgets(app, "item")
        for radio in radios.values():
            radio.set_value(4)
        click(app, "next")
    click(app, "submit")
    assert Store().load_draft(token).submitted  # type: ignore[union-attr]
    return app, token


def test_after_sending_the_join_link_on_the_same_phone_says_already_answered() -> None:
    code, _key = create_workshop()
    app, token = answered_workshop(code)
    app.query_params.pop("r", None)  # the projected link, opened again: only the code
    app.query_params["code"] = code
    app.switch_page("app_pages/join.py").run()
    assert_no_exception(app)
    assert [s.value for s in app.success] == [translate("join.already_answered", "fr")]
    assert not any(b.key == "join_start" for b in app.button), "no second response by accident"
    links = [link for link in app.get("page_link") if link.proto.label == translate("join.see_my_answers", "fr")]
    assert len(links) == 1 and f"r={token}" in links[0].proto.query_string
    # Someone else on the same phone: a new response, with a new token, from the first step.
    click(app, "join_someone_else")
    new_token = query(app, "r")
    assert new_token != token
    app.switch_page("app_pages/questionnaire.py").run()
    assert app.header[0].value == translate("questionnaire.profile_title", "fr")
    assert not any(radio.value for radio in answer_widgets(app, "item").values())
    joined, submitted = Store().workshop_counts(Store().load_draft(new_token).workshop_id)  # type: ignore[union-attr,arg-type]
    assert (joined, submitted) == (2, 1)


def test_a_new_tab_on_the_same_phone_is_told_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new tab is a new session: what it knows comes from the cookie the browser sends."""
    code, _key = create_workshop()
    _first_tab, token = answered_workshop(code)
    cookie = quote(json.dumps({browser_memory.response_slot(code): {"r": token, "sent": True}}))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})
    tab = new_app("fr", code=code)
    tab.run()
    tab.switch_page("app_pages/join.py").run()
    assert_no_exception(tab)
    assert [s.value for s in tab.success] == [translate("join.already_answered", "fr")]
    assert not any(b.key == "join_start" for b in tab.button)


def test_a_new_tab_finds_the_questionnaire_in_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    app, token = started_at_first_dimension("fr")
    item_radio(app, FIRST.items[0].id).set_value(2).run()
    cookie = quote(json.dumps({"solo": {"r": token}}))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})
    tab = new_app("fr")
    tab.run()
    tab.switch_page("app_pages/questionnaire.py").run()
    assert_no_exception(tab)
    assert tab.header[0].value == FIRST.label["fr"], "at the step it was on"
    assert item_radio(tab, FIRST.items[0].id).value == 2
    assert query(tab, "r") == token


def test_a_forged_cookie_opens_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    cookie = quote(json.dumps({"solo": {"r": "<script>"}, "response:ABCD": "x", "other": {"r": "a" * 22}}))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/questionnaire.py").run()
    assert_no_exception(app)
    assert [i.value for i in app.info] == [translate("questionnaire.none", "fr")]


def test_a_comment_over_the_limit_is_refused_and_left_for_the_person_to_shorten() -> None:
    from storage.inputs import MAX_COMMENT

    app, token = started_at_first_dimension("en")
    too_long = "x" * (MAX_COMMENT + 1)  # pasted: the text area lets one character too many through
    comment_area(app, FIRST.id).input(too_long).run()
    assert not app.exception
    assert [e.value for e in app.error] == [translate("answers.problem_too_long", "en", limit=MAX_COMMENT)]
    assert len(comment_area(app, FIRST.id).value) == MAX_COMMENT + 1, "left in its box, not wiped"
    assert Store().load_draft(token).comments == {}  # type: ignore[union-attr]
    comment_area(app, FIRST.id).input("x" * MAX_COMMENT).run()
    assert not app.error
    assert Store().load_draft(token).comments == {FIRST.id: "x" * MAX_COMMENT}  # type: ignore[union-attr]


def test_a_radio_put_back_keeps_a_refused_comment_its_message_and_its_box() -> None:
    """The browser failure of issue 10: a radio put back in the run that refuses a too-long comment (here one that
    lost its value, as a reconnecting browser shows it) drew the whole page anew, the comment's box empty and its
    refusal gone with the next look at it. Only the radio is drawn anew; the person keeps their text and its
    reason."""
    from storage.inputs import MAX_COMMENT

    app, token = started_at_first_dimension("fr")
    first = FIRST.items[0].id
    item_radio(app, first).set_value(4).run()
    box = comment_area(app, FIRST.id)
    too_long = "x" * (MAX_COMMENT + 1)
    item_radio(app, first).set_value(None)
    box.input(too_long).run()
    assert_no_exception_but_the_refusal(app)
    assert comment_area(app, FIRST.id).key == box.key, "the comment's box was drawn anew"
    assert len(comment_area(app, FIRST.id).value) == MAX_COMMENT + 1, "left in its box, not wiped"
    assert item_radio(app, first).value == 4, "the radio that lost its value shows the answer again"
    # A later run (a tap elsewhere, the idle timer) keeps both.
    item_radio(app, FIRST.items[1].id).set_value(2).run()
    assert_no_exception_but_the_refusal(app)
    assert len(comment_area(app, FIRST.id).value) == MAX_COMMENT + 1
    draft = Store().load_draft(token)
    assert draft is not None and draft.comments == {} and draft.answers == {first: 4, FIRST.items[1].id: 2}


def assert_no_exception_but_the_refusal(app: AppTest) -> None:
    from storage.inputs import MAX_COMMENT

    assert not app.exception, [e.value for e in app.exception]
    assert [e.value for e in app.error] == [translate("answers.problem_too_long", "fr", limit=MAX_COMMENT)]
