"""Where the group places the relationship (issue 15), in the real frontend: a rapprochement workshop of seven
people (seeded through the Store) whose positions today and wished are drawn side by side on the dashboard at
1366×768, on the projector at 1366×768 (within the first screen) and on a 390 px phone. Screenshots in
artifacts/screenshots/positions-*.png: open them and look. What a look found is asserted (chart texts cut at the
edge of their chart, the projected chart below the screen's bottom)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from scoring.loader import load_questionnaire
from scoring.privacy import WorkshopSpec
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
from tests.browser.server import ROOT, AppServer
from ui import workshops

pytestmark = pytest.mark.browser
TIMEOUT_MS = 60_000
IDLE_MS = 120_000  # the rapprochement dashboard draws some sixty charts
RAPPROCHEMENT = load_questionnaire(ROOT / "questionnaires" / "rapprochement.yaml")
ORGANISATIONS = ["Les Tilleuls", "L’Entraide"]
# Seven people: where the relationship stands today, and where they wish it (one says nothing of the wish).
PLACES = [
    ("information", "fusion"),
    ("consultation", "fusion"),
    ("consultation", "groupement"),
    ("coordination", "groupement"),
    ("coordination", "cooperation"),
    ("coordination", "fusion"),
    ("concertation", None),
]


@pytest.fixture(scope="module")
def store(app_server: AppServer) -> Iterator[Store]:
    store = Store(f"sqlite:///{app_server.data_dir / DEFAULT_DB_FILENAME}")
    yield store
    store.close()


def seed(store: Store) -> tuple[str, str]:
    created = store.create_workshop(
        title="Rapprochement des Tilleuls et de L’Entraide",
        questionnaire_id=RAPPROCHEMENT.id,
        organisations=ORGANISATIONS,
        profile_fields=["organisation"],
        show_results_to_participants=True,
    )
    for person, (today, wished) in enumerate(PLACES):
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id=RAPPROCHEMENT.id,
            workshop_id=created.workshop_id,
            answers={item.id: (k + person) % 5 + 1 for k, item in enumerate(RAPPROCHEMENT.items)},
            profile={"organisation": ORGANISATIONS[person % 2]},
            comments={},
            step=0,
            positions={"relation.today": today, "relation.wished": wished},
        )
        assert store.submit(token)
    spec = WorkshopSpec(RAPPROCHEMENT, ("organisation",), tuple(ORGANISATIONS))
    workshops.publish_round(store, spec, created.workshop_id)
    projection = store.projection_token(created.facilitator_key)
    assert projection is not None
    return created.facilitator_key, projection


def open_page(browser: Browser, url: str, *, width: int, height: int, phone: bool = False) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, locale="fr-FR"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    wait_idle(page, IDLE_MS)
    return page


def positions_chart(page: Page):
    """The chart whose bars are the continuum's steps (its y ticks name all eight, in order)."""
    chart = page.locator(".js-plotly-plot").filter(has=page.locator(".ytick text", has_text="Partenariat")).first
    expect(chart).to_be_visible(timeout=IDLE_MS)
    return chart


TICKS_TOP_DOWN_JS = """plot => [...plot.querySelectorAll('.ytick text')]
    .map(t => [t.getBoundingClientRect().top, t.textContent])
    .sort((a, b) => a[0] - b[0])
    .map(pair => pair[1])"""


def check(page: Page, name: str) -> None:
    page.wait_for_timeout(500)  # Plotly lays its texts out after the first frame
    overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
    if overflow > 1:
        raise ScreenDefect(f"{name}: the page scrolls sideways by {overflow} px")
    clipped = page.evaluate(CLIPPED_CHART_TEXTS_JS)
    if clipped:
        raise ScreenDefect(f"{name}: chart texts cut at the edge of their chart: {clipped}")


def test_today_and_wished_side_by_side_on_the_dashboard_the_projector_and_a_phone(
    browser: Browser, app_server: AppServer, store: Store
) -> None:
    key, projection = seed(store)
    page = open_page(browser, f"{app_server.url}/dashboard?k={key}&lang=fr", width=1366, height=768)
    try:
        chart = positions_chart(page)
        chart.scroll_into_view_if_needed()
        wait_idle(page, IDLE_MS)
        # From the top of the screen down (the DOM lists them in the axis' own order).
        ticks = chart.evaluate(TICKS_TOP_DOWN_JS)
        assert ticks[:8] == [
            "Information",
            "Consultation",
            "Concertation",
            "Coordination",
            "Coopération",
            "Partenariat",
            "Groupement",
            "Fusion",
        ], ticks
        titles = chart.locator(".annotation-text").all_text_contents()
        assert "Aujourd’hui7 réponses" in titles and "Souhaitée6 réponses" in titles, titles
        # Every count is written after its bar, zeros included (a step nobody chose still says 0).
        assert sorted(chart.locator("text.bartext").all_text_contents()) == sorted(
            ["1", "2", "1", "3", "0", "0", "0", "0", "0", "0", "0", "0", "1", "0", "2", "3"]
        )
        check(page, "dashboard at 1366×768")
        shot(page, "positions-dashboard-1366x768", full_page=False)
        chart.screenshot(path=str(SCREENSHOTS_DIR / "positions-chart-desktop.png"))
    finally:
        page.context.close()
    projector = open_page(browser, f"{app_server.url}/projection?p={projection}&lang=fr", width=1366, height=768)
    try:
        chart = positions_chart(projector)
        shot(projector, "positions-projector-1366x768", full_page=False)
        box = chart.bounding_box()
        assert box is not None
        if box["y"] + box["height"] > 768 + 1:
            raise ScreenDefect(f"the projected positions end {box['y'] + box['height'] - 768:.0f} px below the screen")
        check(projector, "projector at 1366×768")
    finally:
        projector.context.close()
    phone = open_page(browser, f"{app_server.url}/dashboard?k={key}&lang=fr", width=390, height=844, phone=True)
    try:
        chart = positions_chart(phone)
        chart.scroll_into_view_if_needed()
        wait_idle(phone, IDLE_MS)
        chart.screenshot(path=str(SCREENSHOTS_DIR / "positions-chart-phone.png"))
        check(phone, "dashboard on a 390 px phone")
    finally:
        phone.context.close()
