"""The journey of issue 14 in the real frontend: two organisations of 4 and 3 people answered the rapprochement
questionnaire (seeded through the Store: answering is tested elsewhere); the director compares them by
organisation, switches to « chaque organisation compte pour une voix », projects the comparison; a year later a
new workshop is created with the first as its baseline, and shows before and after. Screenshots at phone
(390×844), desktop (1366×900) and projector (1366×768) sizes, in French and English, in artifacts/screenshots/
(compare-*.png): open them and look. What a look found is asserted here (no sideways scroll, no cut chart text,
the legend with each group's size, the projected comparison within the first screen)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from storage import Store
from storage.config import DEFAULT_DB_FILENAME
from tests.browser.helpers import (
    CLIPPED_CHART_TEXTS_JS,
    HORIZONTAL_OVERFLOW_JS,
    SCREENSHOTS_DIR,
    ScreenDefect,
    shot,
    wait_idle,
)
from tests.browser.server import AppServer
from tests.compare_seeds import rapprochement_workshop, seed_answers

pytestmark = pytest.mark.browser
TIMEOUT_MS = 60_000
# The dashboard of the rapprochement questionnaire draws some sixty charts: on a loaded machine its first run takes
# longer than wait_idle's default.
IDLE_MS = 120_000
WORDS = {
    "fr": {
        "group_by": "Organisation",
        "switch": "Chaque organisation compte pour une voix",
        "between": "Les organisations voient ces affirmations différemment",
        "project": "Vue pour le vidéoprojecteur",
        "title": "Comparaison par organisation",
        "legend": "Les Tilleuls · 4 personnes",
        "balanced": "Score global, chaque organisation comptant pour une voix",
    },
    "en": {
        "group_by": "Organisation",
        "switch": "Each organisation counts as one voice",
        "between": "The organisations see these statements differently",
        "project": "Projector view",
        "title": "Comparison by organisation",
        "legend": "Les Tilleuls · 4 people",
        "balanced": "Overall score, each organisation counting as one voice",
    },
}


@pytest.fixture(scope="module")
def store(app_server: AppServer) -> Iterator[Store]:
    store = Store(f"sqlite:///{app_server.data_dir / DEFAULT_DB_FILENAME}")
    yield store
    store.close()


def open_page(browser: Browser, url: str, *, width: int, height: int, phone: bool = False) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="fr-FR"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    wait_idle(page, IDLE_MS)
    return page


# The radar's axis labels above or below their chart's box: « Projet associatif et valeurs » lost its first line
# at the top of the projected comparison.
CUT_AXIS_LABELS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const box = plot.getBoundingClientRect();
    return [...plot.querySelectorAll('.angularaxistick text')]
        .filter(text => {
            const r = text.getBoundingClientRect();
            return r.height > 0 && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
        })
        .map(text => text.textContent);
})"""


# An axis label under the legend: a three-line legend covered « Personnes accompagnées et territoire » on the
# projector.
LABELS_UNDER_LEGEND_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const legend = plot.querySelector('.legend');
    if (!legend) return [];
    const l = legend.getBoundingClientRect();
    return [...plot.querySelectorAll('.angularaxistick text')]
        .filter(text => {
            const r = text.getBoundingClientRect();
            return r.height > 0 && r.left < l.right && r.right > l.left && r.top < l.bottom && r.bottom > l.top;
        })
        .map(text => text.textContent);
})"""


def check_screen(page: Page, name: str) -> None:
    """The defects a look at the screenshots found, asserted: sideways scroll, chart text cut off at any edge,
    band rings named in the legend as if they were groups."""
    page.wait_for_timeout(500)  # Plotly lays its texts out after the first frame
    overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
    if overflow > 1:
        raise ScreenDefect(f"{name}: the page scrolls sideways by {overflow} px")
    clipped = page.evaluate(CLIPPED_CHART_TEXTS_JS) + page.evaluate(CUT_AXIS_LABELS_JS)
    covered = page.evaluate(LABELS_UNDER_LEGEND_JS)
    if covered:
        raise ScreenDefect(f"{name}: axis labels under the legend: {covered}")
    if clipped:
        raise ScreenDefect(f"{name}: chart texts cut at the edge of their chart: {clipped}")
    bands = [
        text
        for text in legend(page)
        if text in {"Prioritaire", "À surveiller", "Point fort", "Priority", "To watch", "Strength"}
    ]
    if bands:
        raise ScreenDefect(f"{name}: the bands are in the legend of the groups: {bands}")


# The comparison's radar: its chart, its circle and every text in it (axis labels, ticks, legend), in page
# coordinates (Streamlit scrolls inside <main>).
COMPARISON_RADAR_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const offset = main ? main.scrollTop : 0;
    const box = e => { const r = e.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top + offset, bottom: r.bottom + offset}; };
    const chart = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .find(c => c.querySelector('.polarlayer') && c.querySelector('.legend'));
    const texts = [...chart.querySelectorAll('.angularaxistick text, .legendtext')]
        .filter(t => t.getBoundingClientRect().width > 0).map(box);
    return {chart: box(chart), circle: box(chart.querySelector('.polarlayer .angular-line')), texts};
}"""
# Blank room above the top label or below the legend: a fixed 560 px chart left 150 px above a 140 px circle on a
# 390 px phone.
MAX_RADAR_BLANK_PX = 40
MIN_CIRCLE_SHARE = 0.4  # of the chart's width, on a phone


def check_comparison_radar(page: Page, what: str, *, phone: bool) -> None:
    radar = page.evaluate(COMPARISON_RADAR_JS)
    chart, circle, texts = radar["chart"], radar["circle"], radar["texts"]
    top = min([circle["top"], *(t["top"] for t in texts)])
    bottom = max([circle["bottom"], *(t["bottom"] for t in texts)])
    blank_above, blank_below = top - chart["top"], chart["bottom"] - bottom
    if max(blank_above, blank_below) > MAX_RADAR_BLANK_PX:
        raise ScreenDefect(f"{what}: blank bands of {blank_above:.0f} px above and {blank_below:.0f} px below")
    width = chart["right"] - chart["left"]
    if phone and circle["right"] - circle["left"] < MIN_CIRCLE_SHARE * width:
        raise ScreenDefect(f"{what}: a {circle['right'] - circle['left']:.0f} px radar in a {width:.0f} px chart")


def snap(page: Page, name: str, *, full_page: bool = True) -> None:
    wait_idle(page, IDLE_MS)  # then shot's own wait returns at once
    shot(page, name, full_page=full_page)


def legend(page: Page) -> list[str]:
    return page.locator(".js-plotly-plot .legendtext").all_text_contents()


def compare_by_organisation(page: Page, words: dict[str, str]) -> None:
    page.get_by_role("radio", name=words["group_by"], exact=True).click(timeout=IDLE_MS)
    wait_idle(page, IDLE_MS)
    expect(page.get_by_text(words["between"])).to_be_visible()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_director_compares_switches_to_balanced_and_projects(
    browser: Browser, app_server: AppServer, store: Store, lang: str
) -> None:
    words = WORDS[lang]
    seeded = rapprochement_workshop(store, title=f"Rapprochement 2025 ({lang})")
    dashboard = f"{app_server.url}/dashboard?k={seeded.key}&lang={lang}"
    page = open_page(browser, dashboard, width=1366, height=900)
    try:
        compare_by_organisation(page, words)
        texts = legend(page)
        assert words["legend"] in " ".join(texts), f"each group's size in the legend: {texts}"
        snap(page, f"compare-dashboard-desktop-{lang}")
        comparison_radar = page.locator(".js-plotly-plot").filter(has=page.locator(".legend")).first
        comparison_radar.scroll_into_view_if_needed()
        comparison_radar.screenshot(path=str(SCREENSHOTS_DIR / f"compare-radar-desktop-{lang}.png"))
        check_screen(page, "dashboard at 1366 px")
        check_comparison_radar(page, "the comparison's radar at 1366 px", phone=False)
        page.get_by_text(words["switch"], exact=True).click()
        wait_idle(page, IDLE_MS)
        expect(page.get_by_text(words["balanced"])).to_be_visible()
        snap(page, f"compare-dashboard-balanced-desktop-{lang}")
        # The projector's link carries the comparison and the switch; the room sees them read-only.
        link = page.get_by_role("link", name=words["project"])
        href = link.get_attribute("href") or ""
        assert "cmp=organisation" in href and "eq=1" in href and "k=" not in href
    finally:
        page.context.close()
    projector = open_page(
        browser, href if href.startswith("http") else f"{app_server.url}/{href.lstrip('/')}", width=1366, height=768
    )
    try:
        expect(projector.get_by_text(words["title"])).to_be_visible()
        radar = projector.locator(".js-plotly-plot").first
        expect(radar).to_be_visible(timeout=IDLE_MS)
        snap(projector, f"compare-projector-1366x768-{lang}", full_page=False)
        box = radar.bounding_box()
        assert box is not None
        if box["y"] + box["height"] > 768 + 1:
            raise ScreenDefect(f"the projected comparison's radar ends {box['y'] + box['height'] - 768:.0f} px below")
        legend_box = projector.locator(".js-plotly-plot .legend").first.bounding_box()
        assert legend_box is not None and legend_box["y"] + legend_box["height"] <= 768, "the legend is off screen"
        assert projector.get_by_role("checkbox").count() == 0  # nothing to switch on the projector
        check_screen(projector, "projector at 1366×768")
    finally:
        projector.context.close()
    phone = open_page(browser, dashboard, width=390, height=844, phone=True)
    try:
        compare_by_organisation(phone, words)
        snap(phone, f"compare-dashboard-phone-{lang}")
        check_screen(phone, "dashboard on a 390 px phone")
        check_comparison_radar(phone, "the comparison's radar on a 390 px phone", phone=True)
    finally:
        phone.context.close()


def test_a_year_later_with_the_first_as_baseline(browser: Browser, app_server: AppServer, store: Store) -> None:
    first = rapprochement_workshop(store, title="Rapprochement 2025", sizes=(3, 3))
    earlier_link = f"{app_server.url}/dashboard?k={first.key}&lang=fr"
    page = open_page(browser, f"{app_server.url}/workshop?lang=fr", width=1366, height=900)
    try:
        page.get_by_label("Titre de l’atelier").fill("Rapprochement 2026")
        page.get_by_label("Questionnaire").click()
        page.get_by_role("option", name=re.compile("rapprochement", re.I)).first.click()
        organisations = page.get_by_role("textbox", name="Organisations participantes (facultatif, une par ligne)")
        organisations.fill("Les Tilleuls\nL’Entraide")
        page.get_by_role("textbox", name="Atelier de référence (facultatif)").fill(earlier_link)
        page.get_by_role("button", name="Créer l’atelier").click()
        wait_idle(page, IDLE_MS)
        page.get_by_text("Votre lien pour animer l’atelier").click()
        link = page.locator("code").filter(has_text="/dashboard?").first.inner_text()
        key = link.split("k=")[1].split("&")[0]
    finally:
        page.context.close()
    later = seed_answers(store, key, later=True)
    page = open_page(browser, f"{app_server.url}/dashboard?k={key}&lang=fr", width=1366, height=900)
    try:
        expect(page.get_by_text("Avant et après", exact=True)).to_be_visible()
        expect(page.locator(".js-plotly-plot .legend")).to_have_count(1, timeout=IDLE_MS)
        expect(page.get_by_text(re.compile("Comparé à l’atelier «.Rapprochement 2025.»"))).to_be_visible()
        texts = legend(page)
        assert any("Avant · 6 personnes" in t for t in texts) and any("Maintenant · 7 personnes" in t for t in texts)
        snap(page, "compare-waves-dashboard-desktop-fr")
        check_screen(page, "before and after at 1366 px")
    finally:
        page.context.close()
    projector = open_page(
        browser, f"{app_server.url}/projection?p={later.projection}&lang=en&show=waves", width=1366, height=768
    )
    try:
        expect(projector.get_by_text("Before and after", exact=True)).to_be_visible()
        expect(projector.locator(".js-plotly-plot .legend")).to_have_count(1, timeout=IDLE_MS)
        snap(projector, "compare-waves-projector-1366x768-en", full_page=False)
        check_screen(projector, "before and after projected")
    finally:
        projector.context.close()
    phone = open_page(browser, f"{app_server.url}/dashboard?k={key}&lang=en", width=390, height=844, phone=True)
    try:
        expect(phone.get_by_text("Before and after", exact=True)).to_be_visible()
        expect(phone.locator(".js-plotly-plot .legend")).to_have_count(1, timeout=IDLE_MS)
        snap(phone, "compare-waves-phone-en")
        check_screen(phone, "before and after on a phone")
    finally:
        phone.context.close()
