"""Waiting for Streamlit, taking screenshots, and acting on widgets as a person does: what browser tests share.

Everything goes through what a user sees: accessible names (the label of a radio group, the text of a button) and
visible option labels, never Streamlit's internal keys, so that a test breaks when the words on screen change,
not when the code is refactored.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.server import ROOT

SCREENSHOTS_DIR = ROOT / "artifacts" / "screenshots"
# Generous: the first script run imports pandas and plotly, which takes a few seconds on a cold CI machine.
IDLE_TIMEOUT_MS = 30_000
# After Streamlit says it is idle, let CSS transitions (progress bar, expanders) and Plotly's drawing finish.
SETTLE_MS = 400
# A long results page on a phone is about 6,000 px; beyond this bound, something is wrong with the layout anyway.
MAX_SCREENSHOT_HEIGHT = 16_000
CONTENT_HEIGHT_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const inMain = main ? main.getBoundingClientRect().top + main.scrollHeight : 0;
    return Math.ceil(Math.max(inMain, document.scrollingElement.scrollHeight));
}"""


class ScreenDefect(AssertionError):
    """A defect of what people see (cut text, a screen that scrolls away), once found in the screenshots.

    Its own class so that a failure report says at once that the app regressed, not that the test broke.
    """


def wait_idle(page: Page, timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished its script run and drawn the result.

    The frontend writes its run state on the app root (``data-test-script-state``, the hook Streamlit's own
    end-to-end tests use); the status widget shows while a run lasts; elements of the previous run are marked
    ``data-stale`` until the new run replaces them. All three must be quiet.
    """
    expect(page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')).to_have_count(
        1, timeout=timeout_ms
    )
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout_ms
    )
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=timeout_ms)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=timeout_ms)


def shot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot ``artifacts/screenshots/<name>.png`` once Streamlit is idle and settled.

    Full page by default; ``full_page=False`` keeps only what is on screen, e.g. the first screen of a page, as
    the respondent sees it before scrolling.
    """
    settle(page)
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name.removesuffix('.png')}.png"
    if not full_page:
        page.screenshot(path=str(path), animations="disabled")
        return path
    # Streamlit scrolls inside <main data-testid="stMain">, not the document, so Playwright's own full-page mode
    # would capture the first screen only. Make the window as tall as the content for the time of the shot.
    viewport = page.viewport_size
    assert viewport is not None, "browser contexts of these tests always have a viewport"
    height = min(int(page.evaluate(CONTENT_HEIGHT_JS)), MAX_SCREENSHOT_HEIGHT)
    try:
        if height > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": height})
            settle(page)  # Plotly redraws its responsive charts on resize
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(viewport)
    settle(page)
    return path


def settle(page: Page) -> None:
    wait_idle(page)
    # The websocket never counts as network activity; this waits for images, fonts and Plotly's bundle.
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(SETTLE_MS)


# How far the content reaches beyond the right edge of the screen (Streamlit scrolls inside <main>).
HORIZONTAL_OVERFLOW_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const widths = [document.documentElement.scrollWidth, main ? main.scrollWidth : 0];
    return Math.max(...widths) - window.innerWidth;
}"""

# Chart texts (radar axis labels, tick labels, bar texts, annotations) sticking out of their chart's box, where
# the SVG cuts them: « Communicatio » on a phone.
CLIPPED_CHART_TEXTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const box = plot.getBoundingClientRect();
    return [...plot.querySelectorAll('.angularaxistick text, .ytick text, .xtick text, text.bartext, .annotation-text')]
        .filter(text => {
            const r = text.getBoundingClientRect();
            return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
        })
        .map(text => text.textContent);
})"""


def press(target: Locator, *, touch: bool) -> None:
    """Tap on a touch screen, click otherwise: a phone gets touch events, which some widgets treat apart."""
    if touch:
        target.tap()
    else:
        target.click()


def statement_group(page: Page, number: int, statement: str) -> Locator:
    """The radio group of a statement: its accessible name is the numbered statement text."""
    return page.get_by_role("radiogroup", name=f"{number}. {statement}", exact=True)


def radio_option(group: Locator, label: str) -> Locator:
    """The visible label of one option (the real <input> is visually hidden, so a person presses the label)."""
    return group.locator('[data-testid="stRadioOption"]').filter(has_text=re.compile(f"^{re.escape(label)}$"))


def choose_radio(page: Page, group: Locator, label: str, *, touch: bool) -> None:
    """Choose an option, check that it is checked, and wait for the rerun (each answer saves the draft)."""
    press(radio_option(group, label), touch=touch)
    expect(group.get_by_role("radio", name=label, exact=True)).to_be_checked()
    wait_idle(page)


def click_button(scope: Page | Locator, name: str, *, touch: bool) -> None:
    press(scope.get_by_role("button", name=name, exact=True), touch=touch)
