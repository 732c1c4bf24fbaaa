"""An address that names no page (a link mistyped, or cut in two by an e-mail program), in real Chromium.

Streamlit's own answer is a box in English (« Page not found … Running the app's main page »), whatever the
session's language. The app answers with a page of its own in the session's language, with the way home."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.helpers import HORIZONTAL_OVERFLOW_JS, ScreenDefect, shot, wait_idle
from tests.browser.server import AppServer

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (1366, 768), (1920, 1080)]
EXPECTED = {
    "fr": ("Page introuvable", "Retour à l’accueil", "Radar du partenariat"),
    "en": ("Page not found", "Back to the home page", "Partnership Radar"),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_mistyped_address_gets_a_page_in_the_session_language(
    browser: Browser, app_server: AppServer, lang: str
) -> None:
    title, home, app_name = EXPECTED[lang]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="fr-FR")
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/resultat-mal-recopie?lang={lang}")
        wait_idle(page)
        for width, height in SIZES:  # the phone, then the desktop and the projector, in the same tab
            page.set_viewport_size({"width": width, "height": height})
            wait_idle(page)
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
            expect(page.get_by_role("link", name=home)).to_be_visible()
            if page.evaluate(HORIZONTAL_OVERFLOW_JS) > 0:
                raise ScreenDefect(f"the page-not-found page at {width}×{height} scrolls sideways")
            shot(page, f"not-found-{lang}-{width}x{height}", full_page=False)
        # Streamlit's box says « You have requested page … » in English: it must not come up, in either language.
        if page.get_by_text("You have requested page").count() or page.get_by_role("dialog").count():
            raise ScreenDefect("Streamlit's own « Page not found » box came up")
        page.get_by_role("link", name=home).click()
        wait_idle(page)
        expect(page.get_by_role("heading", name=app_name, exact=True)).to_be_visible()
    finally:
        context.close()
