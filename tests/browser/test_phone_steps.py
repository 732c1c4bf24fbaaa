"""Moving from one step of the questionnaire to the next on a phone, where « Suivant » sits below the fold."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.helpers import ScreenDefect, shot, wait_idle
from tests.browser.server import AppServer

pytestmark = pytest.mark.browser

# Where the heading of the new step must be after « Suivant »: on the first screen, under the app's top bar.
HEADING_TOP_JS = "() => document.querySelector('[data-testid=\"stMain\"] h2').getBoundingClientRect().top"


def test_next_step_opens_at_its_top_on_a_phone(browser: Browser, app_server: AppServer) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/")
        wait_idle(page)
        card = page.get_by_role("heading", name="Diagnostic express", exact=True).locator(
            "xpath=ancestor::div[@data-testid='stVerticalBlock'][1]"
        )
        card.get_by_role("button", name="Commencer", exact=True).tap()
        expect(page.get_by_text("Étape 1 sur 6")).to_be_visible()
        wait_idle(page)
        # The profile step is short; the first dimension is two screens long on a phone.
        page.get_by_role("button", name="Suivant", exact=True).tap()
        expect(page.get_by_text("Étape 2 sur 6")).to_be_visible()
        wait_idle(page)
        # Tapping « Suivant » means having scrolled down to it, as a respondent does after the last statement.
        page.get_by_role("button", name="Suivant", exact=True).tap()
        expect(page.get_by_text("Étape 3 sur 6")).to_be_attached()
        wait_idle(page)
        top = page.evaluate(HEADING_TOP_JS)
        if top < 0:
            shot(page, "phone-next-step-scroll-position", full_page=False)
            raise ScreenDefect(f"the new step's heading is {-top:.0f} px above the top of the screen")
    finally:
        context.close()
