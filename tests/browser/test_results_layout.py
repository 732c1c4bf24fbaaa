"""The results page's charts, measured in the browser: what a screenshot shows, turned into assertions.

A submitted response is written straight into the server's database (the same answers as the journey), so
that each check opens the results page directly instead of answering twelve statements again.

These checks once failed on real defects (texts cut on a phone, a black marker); they guard against their return.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import CLIPPED_CHART_TEXTS_JS, ScreenDefect, shot, wait_idle
from tests.browser.server import AppServer, seed_submitted_response

pytestmark = pytest.mark.browser

# The journey's answers (see test_journey.py): scores 75, 25, 50, 100 in the four dimensions.
ANSWERS: dict[str, int | None] = {
    "ex-eth-1": 4,
    "ex-eth-2": 4,
    "ex-eth-4": 2,
    "ex-com-1": 2,
    "ex-com-2": 2,
    "ex-com-3": 4,
    "ex-obj-1": 3,
    "ex-obj-2": None,
    "ex-obj-3": 3,
    "ex-gouv-4": 5,
    "ex-gouv-5": 5,
    "ex-gouv-3": 1,
}


# The Okabe & Ito colours of reports/bands.py, as the browser computes them: strength, priority, watch.
BAND_FILLS = {"rgb(0, 158, 115)", "rgb(213, 94, 0)", "rgb(230, 159, 0)"}


@pytest.fixture(scope="module")
def results_token(app_server: AppServer) -> str:
    """A submitted solo response to the quick check, in the database the server uses."""
    return seed_submitted_response(app_server, "express", ANSWERS)


def open_results(browser: Browser, server: AppServer, token: str, width: int, height: int) -> Page:
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="fr-FR"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{server.url}/results?r={token}&lang=fr")
    wait_idle(page)
    # Every Plotly chart has an empty polar layer; only the radar has a polar subplot in it.
    expect(page.locator(".js-plotly-plot .polarlayer .polar")).to_have_count(1)
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    # Plotly lays its texts out after the first frame; measured too early they all sit at 0.
    page.wait_for_timeout(500)
    return page


@pytest.mark.parametrize(
    ("width", "height"),
    [
        pytest.param(1366, 900, id="desktop"),
        pytest.param(390, 844, id="phone"),
    ],
)
def test_chart_texts_fit_in_their_charts(
    browser: Browser, app_server: AppServer, results_token: str, width: int, height: int
) -> None:
    page = open_results(browser, app_server, results_token, width, height)
    try:
        clipped = page.evaluate(CLIPPED_CHART_TEXTS_JS)
        if clipped:
            shot(page, f"layout-results-{width}px-clipped-charts")
        if clipped:
            raise ScreenDefect(f"Chart texts cut at the edge of their chart at {width} px: {clipped}")
    finally:
        page.context.close()


def test_radar_markers_take_their_band_colour(browser: Browser, app_server: AppServer, results_token: str) -> None:
    page = open_results(browser, app_server, results_token, 1366, 900)
    try:
        fills = page.evaluate(
            "[...document.querySelectorAll('.polarlayer .trace.scatter .point')].map(point => point.style.fill)"
        )
        assert fills, "the radar has no markers"
        if not set(fills) <= BAND_FILLS:
            raise ScreenDefect(f"radar markers not in a band colour: {fills}")
    finally:
        page.context.close()


# Texts Streamlit cuts with an ellipsis or hides past their box: a link's label, a button's.
CUT_TEXTS_JS = """() => [...document.querySelectorAll(
    '[data-testid="stPageLink"] p, [data-testid="stPageLink"] span, [data-testid="stButton"] p')]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.innerText)"""


def test_no_link_or_button_label_is_cut_on_a_phone(browser: Browser, app_server: AppServer, results_token: str) -> None:
    page = open_results(browser, app_server, results_token, 390, 844)
    try:
        cut = page.evaluate(CUT_TEXTS_JS)
        if cut:
            shot(page, "layout-results-390px-cut-labels")
            raise ScreenDefect(f"labels cut on a phone: {cut}")
    finally:
        page.context.close()
