"""Every page of a French session, in real Chromium, read for the English words Streamlit writes by itself.

Streamlit's own texts (the « N more » of a crowded navigation bar, the main menu, a select box's « Choose an
option », the « Page not found » box, the file uploader's « Drag and drop file here »…) are in English whatever
the session's language. The app avoids each one it can: a navigation in menus, no main menu
(``client.toolbarMode = "minimal"``), placeholders of its own, a page of its own for a wrong address. What
Streamlit does not let an app set is listed in ``UNTRANSLATABLE`` and written down in DEVELOPERS.md."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from tests.browser.helpers import ScreenDefect, shot, wait_idle
from tests.browser.server import AppServer
from ui.navigation import PAGES

pytestmark = pytest.mark.browser

# Streamlit's default texts that an app can avoid, as they show (text) or as screen readers hear them (labels).
STREAMLIT_DEFAULTS = re.compile(
    r"^\d+ more$|Main menu|Choose an option|Choose options|Page not found|does not seem to exist|"
    r"Press Enter to (apply|submit)|Drag and drop file|Browse files|Limit \d+MB|Deploy|Rerun|Clear cache|"
    r"^Settings$|^Print$|^About$|No results|Select all|Made with Streamlit"
)
# What Streamlit gives no way to set (1.67): the skip link for keyboards, the « Running… / Stop » status while a
# script runs, and the labels of a select box's own buttons.
UNTRANSLATABLE = ("Skip to main content", "Running...", "Stop", "Close", "Clear all", "Open")

# Every page's address, and addresses people type by hand: the home page's guessed names, one cut short.
ADDRESSES = (*("" if spec.default else spec.url_path for spec in PAGES), "home", "accueil", "dashbo")

VISIBLE_TEXTS_JS = """() => {
  const out = document.body.innerText.split('\\n');
  for (const e of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
    for (const a of ['aria-label', 'title', 'placeholder']) { if (e.getAttribute(a)) out.push(e.getAttribute(a)); }
  }
  return out.map(s => s.trim()).filter(Boolean);
}"""


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_no_streamlit_english_on_any_page_of_a_french_session(
    browser: Browser, app_server: AppServer, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    context.set_default_timeout(20_000)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for address in ADDRESSES:
            page.goto(f"{app_server.url}/{address}?lang=fr")
            wait_idle(page)
            page.locator("h1, [data-testid='stAlert']").first.wait_for()
            english = sorted(
                {
                    text
                    for text in page.evaluate(VISIBLE_TEXTS_JS)
                    if STREAMLIT_DEFAULTS.search(text) and text not in UNTRANSLATABLE
                }
            )
            if english:
                found[address or "/"] = english
        shot(page, f"french-session-last-page-{width}", full_page=False)
    finally:
        context.close()
    if found:
        raise ScreenDefect(f"Streamlit's English in a French session at {width}×{height}: {found}")
