"""Acting on Streamlit widgets as a person does, shared by the browser tests that walk through the app.

Everything goes through what a user sees: accessible names (the label of a radio group, the text of a button) and
visible option labels, never Streamlit's internal keys, so that a test breaks when the words on screen change,
not when the code is refactored.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import wait_idle

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
