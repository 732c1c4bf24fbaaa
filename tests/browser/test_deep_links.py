"""Links that people keep and open later, tried as the first visit to a freshly started server.

Streamlit Cloud and small hosts put an idle app to sleep and restart it; the first visitor after a restart is
as likely to arrive through a kept results link as through the home page. Each test here therefore starts its
own server, so that the link really is the first thing the server runs.

What can go wrong there: a folder named ``pages/`` beside ``app.py`` puts Streamlit in its old multipage mode
until ``st.navigation`` has run once in the process, and that mode runs the linked file on its own, without
``app.py`` (no language control, no page configuration) and with a sidebar listing every file of the folder,
facilitator pages included. ``tests/test_navigation.py`` keeps such a folder out; this test shows the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.helpers import ScreenDefect, shot, wait_idle
from tests.browser.server import run_app_server, seed_submitted_response

pytestmark = pytest.mark.browser

# The facilitator pages are reached only through their secret or read-only links: no menu names them.
FACILITATOR_PAGE_NAMES = ["Dashboard", "Projection", "Group results"]


def test_results_link_as_first_visit_after_a_restart(browser: Browser, tmp_path: Path) -> None:
    with run_app_server(tmp_path) as server:
        token = seed_submitted_response(server, "express", {"ex-eth-1": 4, "ex-eth-2": 4, "ex-com-1": 2, "ex-com-2": 2})

        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
        context.set_default_timeout(15_000)
        page = context.new_page()
        try:
            page.goto(f"{server.url}/results?r={token}&lang=en")
            wait_idle(page)
            page.locator("h1").first.wait_for()
            shot(page, "deep-link-results-first-visit", full_page=False)
            problems = []
            if not page.get_by_role("heading", name="Your results: Quick check", exact=True).count():
                problems.append(f"the page is not in the link's language: « {page.locator('h1').first.inner_text()} »")
            if page.locator('[data-testid="stSidebarNav"]').count():
                problems.append("a sidebar lists the page files (facilitator pages included)")
            if not page.get_by_role("radiogroup", name="Language").count():
                problems.append("no « Français / English » control: the page ran outside app.py")
            # The shell's top navigation, with the public pages and none of the facilitator ones.
            top_nav = page.locator('[data-testid="stTopNavLink"]')
            # Each link reads « <icon ligature> <title> »: the title is its last line.
            names = [text.strip().splitlines()[-1] for text in top_nav.all_inner_texts()]
            # The other public pages are in the bar's two menus (« Lead and teach », « Understand »).
            sections = [text.strip() for text in page.locator('[data-testid="stTopNavSection"]').all_inner_texts()]
            if names[:1] != ["Home"] or not any("Understand" in section for section in sections):
                problems.append(f"no top navigation of the app's pages (links: {names}, menus: {sections})")
            listed = [name for name in FACILITATOR_PAGE_NAMES if name in names]
            if listed:
                problems.append(f"the navigation lists facilitator pages: {listed}")
            if page.get_by_text("Page not found").count():
                problems.append("Streamlit says « Page not found » for a page the app has")
            if problems:
                raise ScreenDefect("; ".join(problems))
        finally:
            context.close()
