"""The Sources and Glossary pages and the recommendations block, on a phone and a desktop, in French and English.

Screenshots ``content-<page>-<device>-<lang>.png`` are for looking at; what a look once found wrong is asserted
here (nothing wider than the screen, the first recommendations outside the fold, who acts on each).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from scoring.loader import load_questionnaire
from tests.browser.helpers import HORIZONTAL_OVERFLOW_JS, shot, wait_idle
from tests.browser.server import ROOT, AppServer, seed_submitted_response

pytestmark = pytest.mark.browser

EXPRESS = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
# The worst answers everywhere: every dimension and statement at « prioritaire », sixteen recommendations.
WORST = {item.id: (5 if item.reverse else 1) for item in EXPRESS.items}
WORDS = {
    "fr": {
        "sources": "Sources",
        "glossary": "Glossaire",
        "recommendations": "Recommandations",
        "actor": "Qui agit d’ordinaire",
        "more": "autres recommandations",
        "lahary": "Esquisse d’une théorie du partenariat pour servir dans la pratique",
        "consensus": "Consensus",
    },
    "en": {
        "sources": "Sources",
        "glossary": "Glossary",
        "recommendations": "Recommendations",
        "actor": "Who usually acts",
        "more": "other recommendations",
        "lahary": "Esquisse d’une théorie du partenariat pour servir dans la pratique",
        "consensus": "Consensus",
    },
}


@dataclass(frozen=True)
class Device:
    name: str
    width: int
    height: int
    phone: bool


DEVICES = [Device("phone", 390, 844, True), Device("desktop", 1366, 900, False)]
CASES = [(device, lang) for device in DEVICES for lang in ("fr", "en")]


def open_page(browser: Browser, server: AppServer, device: Device, path: str) -> Page:
    context = browser.new_context(
        viewport={"width": device.width, "height": device.height}, is_mobile=device.phone, has_touch=device.phone
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{server.url}/")  # the app's shell first (see test_deep_links.py)
    wait_idle(page)
    page.goto(f"{server.url}/{path}")
    wait_idle(page)
    return page


def fits(page: Page, device: Device) -> None:
    overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
    assert overflow <= 1, f"the page is {overflow} px wider than the {device.width} px screen"


@pytest.fixture(scope="module")
def worst_token(app_server: AppServer) -> str:
    return seed_submitted_response(app_server, "express", WORST)


@pytest.mark.parametrize(("device", "lang"), CASES, ids=[f"{d.name}-{lang}" for d, lang in CASES])
def test_the_sources_page(browser: Browser, app_server: AppServer, device: Device, lang: str) -> None:
    page = open_page(browser, app_server, device, f"sources?lang={lang}")
    try:
        words = WORDS[lang]
        expect(page.get_by_role("heading", name=words["sources"], exact=True)).to_be_visible()
        expect(page.get_by_text(words["lahary"]).first).to_be_visible()
        fits(page, device)
        shot(page, f"content-sources-{device.name}-{lang}", full_page=False)
    finally:
        page.context.close()


@pytest.mark.parametrize(("device", "lang"), CASES, ids=[f"{d.name}-{lang}" for d, lang in CASES])
def test_the_glossary_opened_on_a_term(browser: Browser, app_server: AppServer, device: Device, lang: str) -> None:
    page = open_page(browser, app_server, device, f"glossary?term=consensus&lang={lang}")
    try:
        words = WORDS[lang]
        expect(page.get_by_role("heading", name=words["glossary"], exact=True)).to_be_visible()
        # The asked term first, under the title, before the sections.
        first = page.get_by_role("heading", name=words["consensus"], exact=True).first
        expect(first).to_be_visible()
        assert first.bounding_box()["y"] < page.get_by_role("heading", level=2).first.bounding_box()["y"]
        fits(page, device)
        shot(page, f"content-glossary-{device.name}-{lang}", full_page=False)
    finally:
        page.context.close()


@pytest.mark.parametrize(("device", "lang"), CASES, ids=[f"{d.name}-{lang}" for d, lang in CASES])
def test_the_recommendations_block(
    browser: Browser, app_server: AppServer, worst_token: str, device: Device, lang: str
) -> None:
    page = open_page(browser, app_server, device, f"results?r={worst_token}&lang={lang}")
    try:
        words = WORDS[lang]
        heading = page.get_by_role("heading", name=words["recommendations"], exact=True)
        expect(heading).to_be_visible(timeout=30_000)
        wait_idle(page)  # the results page writes its token back into the URL: a second run follows the first
        heading.scroll_into_view_if_needed()
        heading.evaluate("element => element.scrollIntoView({block: 'start'})")
        # Five cards with who acts, before the fold that holds the others.
        actors = page.get_by_text(words["actor"])
        expect(actors.first).to_be_visible()
        fold = page.locator('[data-testid="stExpander"]').filter(has_text=words["more"])
        expect(fold).to_have_count(1)
        visible_actors = [a for a in actors.all() if a.is_visible()]
        assert len(visible_actors) == 5, len(visible_actors)
        fits(page, device)
        shot(page, f"content-recommendations-{device.name}-{lang}", full_page=False)
    finally:
        page.context.close()
