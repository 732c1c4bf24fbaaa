"""Links that people keep and open later, tried as the first visit to a freshly started server.

Streamlit Cloud and small hosts put an idle app to sleep and restart it; the first visitor after a restart is
as likely to arrive through a kept results link as through the home page. Each test here therefore starts its
own server, so that the link really is the first thing the server runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import ScreenDefect, run_app_server, seed_submitted_response, shot, wait_idle

pytestmark = pytest.mark.browser


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
            problems = []
            if not page.get_by_role("heading", name="Your results: Quick check", exact=True).count():
                problems.append(f"the page is not in the link's language: « {page.locator('h1').first.inner_text()} »")
            files_listed = page.locator('[data-testid="stSidebarNav"]').count()
            if files_listed:
                problems.append("a sidebar lists the files of pages/ (facilitator pages included)")
            if not page.get_by_role("radiogroup", name="Language").count():
                problems.append("no « Français / English » control")
            if problems:
                shot(page, "deep-link-results-first-visit")
                raise ScreenDefect("; ".join(problems))
        finally:
            context.close()
