"""One's own results on a phone (issue 18): the radar fills the width without blank bands, and the overall score,
the radar and the four dimension scores fit in about two screens of a 390×844 phone.

Seen before: a 140 px radar inside a 460 px tall chart, blank bands above and below it, « données insuffisantes »
cut at the right edge beside it, then the four dimension cards stacked, a screen each.

Responses are seeded through the Store. Screenshots phone-results-*.png (and desktop-, projector-sized ones), in
French and English: open them and look.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from scoring.loader import load_questionnaire
from scoring.model import text_in
from tests.browser.helpers import HORIZONTAL_OVERFLOW_JS, ScreenDefect, shot, wait_idle
from tests.browser.server import ROOT, AppServer, seed_submitted_response
from tests.browser.test_results_layout import ANSWERS
from tests.compare_seeds import RAPPROCHEMENT

pytestmark = pytest.mark.browser

EXPRESS = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
PHONE = (390, 844)
# The radar and its labels span at least this share of the chart's width: the circle and « Gouvernance » on one
# side, « Communication » on the other. Six axes put their side labels 60° from the vertical, nearer the circle's
# middle: 82 to 88 % measured for the rapprochement questionnaire (a director's, more often on a desktop).
MIN_SPAN = {4: 0.9, 6: 0.8}
# Blank between the chart's edge and its top or bottom label: Plotly's own gap, not a band.
MAX_BLANK_PX = 24
SCREENS = 2


@pytest.fixture(scope="module")
def tokens(app_server: AppServer) -> dict[str, str]:
    """Three solo responses: the quick check in full, the same with no answer in « Communication » (its axis
    says « données insuffisantes »), and the rapprochement questionnaire's six dimensions."""
    partial = {**ANSWERS, "ex-com-1": None, "ex-com-2": None, "ex-com-3": None}
    rapprochement = {item.id: 1 + n % 5 for n, item in enumerate(RAPPROCHEMENT.items)}
    return {
        "express": seed_submitted_response(app_server, "express", ANSWERS),
        "insufficient": seed_submitted_response(app_server, "express", partial),
        "rapprochement": seed_submitted_response(app_server, RAPPROCHEMENT.id, rapprochement),
    }


def open_results(browser: Browser, url: str, width: int, height: int) -> Page:
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="fr-FR"
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(url)
    wait_for_results(page)
    return page


def wait_for_results(page: Page) -> None:
    wait_idle(page, 60_000)
    expect(page.locator(".st-key-radar .angularaxistick text").first).to_be_attached(timeout=60_000)
    page.wait_for_timeout(500)  # Plotly lays its texts out after the first frame


# The radar's chart, its circle, and each of its texts, in page coordinates (Streamlit scrolls inside <main>).
RADAR_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const offset = main ? main.scrollTop : 0;
    const box = e => { const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top + offset, bottom: r.bottom + offset}; };
    const chart = document.querySelector('.st-key-radar [data-testid="stPlotlyChart"]');
    const texts = [...chart.querySelectorAll('.angularaxistick text, .radialaxistick text')]
        .filter(t => t.getBoundingClientRect().width > 0).map(t => ({text: t.textContent, ...box(t)}));
    return {chart: box(chart), circle: box(chart.querySelector('.polarlayer .angular-line')), texts};
}"""

CARDS_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const offset = main ? main.scrollTop : 0;
    return [...document.querySelectorAll('.st-key-dimension_cards [data-testid="stColumn"]')]
        .map(c => ({c, r: c.getBoundingClientRect()})).filter(({r}) => r.height > 0).map(({c, r}) => ({
            label: c.querySelector('strong').textContent, left: r.left, width: r.width, top: r.top + offset,
            bottom: r.bottom + offset}));
}"""


def overlapping(texts: list[dict[str, float]]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for n, a in enumerate(texts)
        for b in texts[n + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]


def check_radar(page: Page, what: str, axes: int) -> dict[str, float]:
    radar = page.evaluate(RADAR_JS)
    chart, circle, texts = radar["chart"], radar["circle"], radar["texts"]
    width = chart["right"] - chart["left"]
    outside = [
        t["text"]
        for t in texts
        if t["left"] < chart["left"] - 1
        or t["right"] > chart["right"] + 1
        or t["top"] < chart["top"] - 1
        or t["bottom"] > chart["bottom"] + 1
    ]
    if outside:
        raise ScreenDefect(f"{what}: radar texts cut at the chart's edge: {outside}")
    left = min([circle["left"], *(t["left"] for t in texts)])
    right = max([circle["right"], *(t["right"] for t in texts)])
    labels = [t for t in texts if not t["text"].strip().isdigit()]
    if overlapping(labels):
        raise ScreenDefect(f"{what}: axis labels on one another: {overlapping(labels)}")
    if right - left < MIN_SPAN[axes] * width:
        raise ScreenDefect(f"{what}: the radar spans {right - left:.0f} of its chart's {width:.0f} px")
    top = min([circle["top"], *(t["top"] for t in texts)])
    bottom = max([circle["bottom"], *(t["bottom"] for t in texts)])
    blank_above, blank_below = top - chart["top"], chart["bottom"] - bottom
    if max(blank_above, blank_below) > MAX_BLANK_PX:
        raise ScreenDefect(f"{what}: blank bands of {blank_above:.0f} px above and {blank_below:.0f} px below")
    return {"chart_width": width, "circle": circle["right"] - circle["left"], "span": right - left}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case", ["express", "insufficient", "rapprochement"])
def test_the_radar_fills_a_phone_and_the_scores_fit_two_screens(
    browser: Browser, app_server: AppServer, tokens: dict[str, str], case: str, lang: str
) -> None:
    page = open_results(browser, f"{app_server.url}/results?r={tokens[case]}&lang={lang}", *PHONE)
    try:
        what = f"{case} results on a 390 px phone ({lang})"
        questionnaire = RAPPROCHEMENT if case == "rapprochement" else EXPRESS
        measured = check_radar(page, what, len(questionnaire.dimensions))
        assert measured["circle"] > 150, f"{what}: the radar's circle is {measured['circle']:.0f} px (it was 140)"
        if page.evaluate(HORIZONTAL_OVERFLOW_JS) > 0:
            raise ScreenDefect(f"{what}: the page scrolls sideways")
        cards = page.evaluate(CARDS_JS)
        # Row by row in the questionnaire's order (stacked columns read 1, 5, 2, 6 on a phone).
        read = [card["label"] for card in sorted(cards, key=lambda card: (round(card["top"]), card["left"]))]
        assert read == [text_in(d.label, lang) for d in questionnaire.dimensions], read
        rows = sorted({round(card["top"]) for card in cards})
        if len(rows) > (len(cards) + 1) // 2 or max(card["width"] for card in cards) > 0.55 * PHONE[0]:
            raise ScreenDefect(f"{what}: the dimension cards are not two per row: {cards}")
        last = max(card["bottom"] for card in cards[:4])
        if last > SCREENS * PHONE[1]:
            raise ScreenDefect(f"{what}: the dimension scores end at {last:.0f} px, beyond {SCREENS} screens")
        shot(page, f"phone-results-{case}-390-{lang}")
    finally:
        page.context.close()


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (1366, 768), (1920, 1080)])
def test_the_radar_keeps_its_room_on_a_desktop(
    browser: Browser, app_server: AppServer, tokens: dict[str, str], width: int, height: int
) -> None:
    """The height that follows the width stops at 460 px in a desktop column, the cards stay four in a row; in
    French, then in English in the same tab."""
    url = f"{app_server.url}/results?r={tokens['insufficient']}"
    page = open_results(browser, f"{url}&lang=fr", width, height)
    try:
        for lang in ("fr", "en"):
            if lang != "fr":
                page.goto(f"{url}&lang={lang}")
                wait_for_results(page)
            radar = page.evaluate(RADAR_JS)
            chart = radar["chart"]
            assert 360 <= chart["bottom"] - chart["top"] <= 461, chart
            outside = [
                t["text"] for t in radar["texts"] if t["left"] < chart["left"] - 1 or t["right"] > chart["right"] + 1
            ]
            if outside:
                raise ScreenDefect(f"radar texts cut at {width} px ({lang}): {outside}")
            assert len({round(card["top"]) for card in page.evaluate(CARDS_JS)}) == 1, "four cards in a row"
            if page.evaluate(HORIZONTAL_OVERFLOW_JS) > 0:
                raise ScreenDefect(f"results at {width}×{height} ({lang}): the page scrolls sideways")
            shot(page, f"desktop-results-insufficient-{width}x{height}-{lang}")
    finally:
        page.context.close()
