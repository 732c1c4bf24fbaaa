"""The projector (issue 18): at 1366×768 (the most common projector) and 1920×1080, the open and closed results
views, a demo workshop's and the join screen fit one screen that nobody scrolls, in type a room reads.

Seen before: at 1366×768 the page was 1167 px tall, the radar's lower part and « Objectifs partagés » below the
fold, the statements in 16 px and their « consensus 0,333 · moyenne… » lines in small grey type; the join screen
at 1920×1080 a 260 px QR code, a small URL and two thirds of the screen empty; a demo's radar below the fold.

Threshold for the statements: their type is at least 3 % of the screen's height (32 px at 1080, 23 px at 768;
the page draws them at 3.2 %). What a room reads depends on the image's physical size, not on its pixels: a
room whose last row is 8 m away has an image about 2 m tall (« 4-6-8 »: detailed viewing up to 4 image heights),
where 3 % is a 60 mm em, capitals about 40 mm, some 17 arc-minutes from 8 m, above the 16 arc-minutes ISO
9241-303 asks as the minimum height of characters to be read. The code to join is at least 10 % of the height.

Workshops are seeded through the Store (answering is tested elsewhere). Screenshots: projector-*.png, in French
and English; open them and look.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from i18n import translate
from scoring.cases import default_teaching, load_cases
from scoring.loader import load_questionnaire
from scoring.model import Questionnaire, text_in
from scoring.privacy import WorkshopSpec
from scoring.synthetic import synthetic_responses
from storage import Store
from storage.config import DEFAULT_DB_FILENAME
from tests.browser.helpers import CONTENT_HEIGHT_JS, HORIZONTAL_OVERFLOW_JS, ScreenDefect, shot, wait_idle
from tests.browser.server import ROOT, AppServer
from tests.compare_seeds import RAPPROCHEMENT, rapprochement_workshop
from tests.workshop_seeds import closed_express_workshop
from ui import workshops

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (1920, 1080)]
IDLE_MS = 60_000
MIN_STATEMENT_SHARE = 0.03  # of the screen's height: see the module's docstring
MIN_CODE_SHARE = 0.10
MIN_QR_SHARE = 0.5
DISPUTED_SHOWN = 3
EXPRESS = load_questionnaire(ROOT / "questionnaires" / "express.yaml")


@dataclass(frozen=True)
class Projected:
    name: str
    token: str
    dimensions: int
    statements: int  # three; one when the position questions take the room of two (app_pages/projection.py)
    code: str | None = None  # open workshops show how to join


@pytest.fixture(scope="module")
def projected(app_server: AppServer) -> Iterator[dict[str, Projected]]:
    store = Store(f"sqlite:///{app_server.data_dir / DEFAULT_DB_FILENAME}")
    try:
        live = rapprochement_workshop(store, title="Rapprochement Tilleuls–Entraide", close=False)
        closed = closed_express_workshop(store)
        demo_token, demo_code, demo = demo_workshop(store)
        yield {
            "open": Projected("open", live.projection, len(RAPPROCHEMENT.dimensions), shown(RAPPROCHEMENT), live.code),
            "closed": Projected("closed", closed.projection_token, len(EXPRESS.dimensions), shown(EXPRESS)),
            "demo": Projected("demo", demo_token, len(demo.dimensions), shown(demo), demo_code),
        }
    finally:
        store.close()


def shown(questionnaire: Questionnaire) -> int:
    return 1 if questionnaire.positions else DISPUTED_SHOWN


def demo_workshop(store: Store) -> tuple[str, str, Questionnaire]:
    """A demo workshop of teaching mode, filled with its case's synthetic answers as « Ouvrir un atelier de
    démonstration » fills it (tests/browser/test_teaching.py walks that button)."""
    questionnaires = {p.stem: load_questionnaire(p) for p in (ROOT / "questionnaires").glob("*.yaml")}
    case = load_cases(questionnaires=questionnaires, teaching=default_teaching())[0]
    questionnaire = questionnaires[case.questionnaire]
    fields = [f for f in ("role", "organisation") if questionnaire.profile_field(f) is not None]
    created = store.create_workshop(
        title="Démonstration · accueil périscolaire",
        questionnaire_id=questionnaire.id,
        organisations=list(case.organisations),
        profile_fields=fields,
        show_results_to_participants=True,
        demo_case=case.id,
        demo_lifetime=timedelta(days=1),
    )
    for response in synthetic_responses(case, questionnaire):
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id=questionnaire.id,
            workshop_id=created.workshop_id,
            answers=response.answers,
            profile={k: v for k, v in response.profile.items() if k in fields},
            comments={},
            step=len(questionnaire.dimensions),
        )
        store.submit(token)
    spec = WorkshopSpec(questionnaire, tuple(fields), tuple(case.organisations))
    workshops.publish_round(store, spec, created.workshop_id)
    token = store.projection_token(created.facilitator_key)
    assert token is not None
    return token, created.participant_code, questionnaire


def open_projector(browser: Browser, url: str, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    context.set_default_timeout(IDLE_MS)
    page = context.new_page()
    page.goto(url)
    wait_idle(page, IDLE_MS)
    return page


# Every text of a chart (axis labels, ticks, the scores by their points) against its chart's box, on all four
# sides: the projected radar's bottom label lost its third line (« et territoire ») under the box's edge.
CHART_TEXTS_OUTSIDE_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
    const box = plot.getBoundingClientRect();
    return [...plot.querySelectorAll('.angularaxistick text, .radialaxistick text, .textpoint text')]
        .filter(text => {
            const r = text.getBoundingClientRect();
            return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
                || r.bottom > box.bottom + 1);
        })
        .map(text => text.textContent);
})"""

# Anything drawn in the main area that ends below the screen or beyond its right edge.
OFF_SCREEN_JS = """() => [...document.querySelectorAll(
        '[data-testid="stMain"] p, [data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3, '
        + '[data-testid="stMain"] img, [data-testid="stMain"] code, .js-plotly-plot .angularaxistick text')]
    .filter(e => { const r = e.getBoundingClientRect();
        return r.height > 0 && (r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1); })
    .map(e => (e.textContent || e.tagName).slice(0, 40))"""


def check_one_screen(page: Page, what: str) -> None:
    """The page is as tall as the screen (Streamlit scrolls inside <main>: both are measured), nothing ends
    below it or beyond its right edge, no chart text sticks out of its chart."""
    viewport = page.viewport_size
    assert viewport is not None
    width, height = viewport["width"], viewport["height"]
    content = page.evaluate(CONTENT_HEIGHT_JS)
    if content > height + 1:
        raise ScreenDefect(f"{what} at {width}×{height}: the page is {content} px tall, it scrolls")
    if page.evaluate(HORIZONTAL_OVERFLOW_JS) > 0:
        raise ScreenDefect(f"{what} at {width}×{height}: the page scrolls sideways")
    off = page.evaluate(OFF_SCREEN_JS)
    if off:
        raise ScreenDefect(f"{what} at {width}×{height}: off the screen: {off}")
    cut = page.evaluate(CHART_TEXTS_OUTSIDE_JS)
    if cut:
        raise ScreenDefect(f"{what} at {width}×{height}: chart texts cut at the edge of their chart: {cut}")


def wait_for_radar(page: Page) -> None:
    """The radar drawn to the height of its box (Plotly first draws 450 px, then fills the box the screen
    leaves)."""
    radar = page.locator(".st-key-projector_radar .js-plotly-plot")
    expect(radar).to_have_count(1, timeout=IDLE_MS)
    page.wait_for_function(
        """() => {
            const box = document.querySelector('.st-key-projector_radar');
            const svg = box && box.querySelector('svg.main-svg');
            return svg && Math.abs(svg.getBoundingClientRect().height - box.getBoundingClientRect().height) < 2
                && box.querySelectorAll('.angularaxistick text').length > 0;
        }""",
        timeout=IDLE_MS,
    )
    page.wait_for_timeout(300)  # Plotly lays its texts out after the first frame


def font_px(locator_or_page: Page, selector: str) -> list[float]:
    return [
        float(value)
        for value in locator_or_page.locator(selector).evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("state", ["open", "closed", "demo"])
def test_the_projected_results_fit_one_screen_in_type_read_from_the_back(
    browser: Browser, app_server: AppServer, projected: dict[str, Projected], state: str, lang: str
) -> None:
    workshop = projected[state]
    page = open_projector(browser, f"{app_server.url}/projection?p={workshop.token}&lang={lang}", *SIZES[0])
    try:
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            wait_idle(page, IDLE_MS)
            wait_for_radar(page)
            labels = page.locator(".st-key-projector_radar .angularaxistick text")
            expect(labels).to_have_count(workshop.dimensions)
            statements = page.locator(".st-key-projector_discuss strong")
            expect(statements).to_have_count(workshop.statements)
            sizes = font_px(page, ".st-key-projector_discuss strong")
            if min(sizes) < MIN_STATEMENT_SHARE * height:
                raise ScreenDefect(
                    f"{state} at {width}×{height}: statements in {min(sizes):.1f} px, under "
                    f"{MIN_STATEMENT_SHARE:.0%} of the screen's height ({MIN_STATEMENT_SHARE * height:.1f} px)"
                )
            counted = "Résultats sur" if lang == "fr" else "Results based on"
            expect(page.locator(".st-key-projector").get_by_text(counted)).to_be_visible()
            if workshop.code and state == "open":
                expect(page.locator(".st-key-projector").get_by_text(workshop.code)).to_be_visible()
            check_one_screen(page, f"the {state} projection ({lang})")
            shot(page, f"projector-{state}-{width}x{height}-{lang}", full_page=False)
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_join_screen_fills_the_projector(
    browser: Browser, app_server: AppServer, projected: dict[str, Projected], lang: str
) -> None:
    workshop = projected["open"]
    url = f"{app_server.url}/projection?p={workshop.token}&lang={lang}&show=code"
    page = open_projector(browser, url, *SIZES[0])
    try:
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            wait_idle(page, IDLE_MS)
            join = page.locator(".st-key-projector_join")
            qr = join.locator("img")
            expect(qr).to_have_count(1)
            page.wait_for_function("() => document.querySelector('.st-key-projector_join img').complete")
            box = qr.bounding_box()
            assert box is not None
            if box["height"] < MIN_QR_SHARE * height or abs(box["width"] - box["height"]) > 2:
                raise ScreenDefect(f"join at {width}×{height}: the QR code is {box['width']:.0f}×{box['height']:.0f}")
            code = join.get_by_role("heading", name=workshop.code, exact=True)
            expect(code).to_be_visible()
            if font_px(page, ".st-key-projector_join h1")[0] < MIN_CODE_SHARE * height:
                raise ScreenDefect(f"join at {width}×{height}: the code is in small type")
            # The link as one types it: no scheme, no language when French (the default).
            host = app_server.url.split("://", 1)[1]
            short = f"{host}/join?code={workshop.code}" + ("" if lang == "fr" else "&lang=en")
            expect(join.locator("code")).to_have_text(short)
            if font_px(page, ".st-key-projector_join code")[0] < MIN_STATEMENT_SHARE * height:
                raise ScreenDefect(f"join at {width}×{height}: the link is in small type")
            check_one_screen(page, f"the join screen ({lang})")
            shot(page, f"projector-join-{width}x{height}-{lang}", full_page=False)
    finally:
        page.context.close()


def test_the_projected_statements_say_their_dimension_not_a_consensus_figure(
    browser: Browser, app_server: AppServer, projected: dict[str, Projected]
) -> None:
    """The projector writes three statements large, numbered, each with its dimension; the consensus figure
    stays on the dashboard (nobody reads « consensus 0,015 · moyenne 57,1 sur 100 » from 8 m)."""
    page = open_projector(browser, f"{app_server.url}/projection?p={projected['closed'].token}&lang=fr", *SIZES[0])
    try:
        wait_for_radar(page)
        shown = page.locator(".st-key-projector_discuss strong").all_inner_texts()
        texts = {text_in(item.text, "fr") for item in EXPRESS.items}
        assert [s.split(". ", 1)[0] for s in shown] == ["1", "2", "3"], shown
        assert all(s.split(". ", 1)[1] in texts for s in shown), shown
        lines = page.locator(".st-key-projector_discuss [data-testid='stCaptionContainer']").all_inner_texts()
        assert len(lines) == DISPUTED_SHOWN and not any("consensus" in line for line in lines), lines
    finally:
        page.context.close()


def test_the_join_screen_follows_a_closing_without_a_reload(browser: Browser, app_server: AppServer) -> None:
    """Words true to the moment: the join screen is a timed fragment (every 4 s, app_pages/projection.py), so that
    a workshop closed from the dashboard stops inviting the room to scan a code that no longer lets anyone in."""
    store = Store(f"sqlite:///{app_server.data_dir / DEFAULT_DB_FILENAME}")
    try:
        created = store.create_workshop(
            title="Bureau du 3 avril",
            questionnaire_id="express",
            organisations=[],
            profile_fields=[],
            show_results_to_participants=True,
        )
        token = store.projection_token(created.facilitator_key)
        assert token is not None
        page = open_projector(browser, f"{app_server.url}/projection?p={token}&lang=fr&show=code", *SIZES[0])
        try:
            join = page.locator(".st-key-projector_join")
            expect(join.get_by_role("heading", name=created.participant_code, exact=True)).to_be_visible()
            assert store.set_workshop_status(created.facilitator_key, "closed")
            # No reload: the fragment's next run says it, within a few of its 4 s periods.
            expect(page.get_by_text(translate("projection.closed", "fr"))).to_be_visible(timeout=30_000)
            expect(join).to_have_count(0)
            expect(page.get_by_text(created.participant_code)).to_have_count(0)
            shot(page, "projector-join-closed-1366x768-fr", full_page=False)
        finally:
            page.context.close()
    finally:
        store.close()
