"""The navigation's pages are built once per session and language (ui.navigation.build_navigation), and a
language switch retitles them."""

from __future__ import annotations

from i18n import translate
from tests.app.helpers import assert_no_exception, click, new_app
from ui.navigation import PAGES, PAGES_KEY


def titles(lang: str) -> list[str]:
    return sorted(translate(spec.title_key, lang) for spec in PAGES)


def kept_pages(app) -> list:
    _wanted, sections = app.session_state[PAGES_KEY]
    return [page for pages in sections.values() for page in pages]


def test_the_pages_are_built_once_per_session_and_language_and_retitled_on_a_switch() -> None:
    app = new_app("fr")
    app.run()
    assert_no_exception(app)
    first = kept_pages(app)
    assert sorted(page.title for page in first) == titles("fr")
    click(app, "start_express")  # a rerun of another page, in the same session
    assert app.header, "the questionnaire is shown"
    again = kept_pages(app)
    assert all(a is b for a, b in zip(first, again, strict=True)), "the same pages, not built again"
    app.segmented_control(key="lang_selector").set_value("en").run()
    assert_no_exception(app)
    english = kept_pages(app)
    assert sorted(page.title for page in english) == titles("en")
    assert app.header[0].value == translate("questionnaire.profile_title", "en"), "still on the same step"


def test_two_sessions_do_not_share_their_pages() -> None:
    one, two = new_app("fr"), new_app("fr")
    one.run()
    two.run()
    assert not set(map(id, kept_pages(one))) & set(map(id, kept_pages(two)))
