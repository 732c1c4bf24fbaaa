"""Two app instances on one PostgreSQL database, as a host running several ``streamlit run`` processes behind a
load balancer (issue 9, « Plusieurs instances »).

Four phones join one workshop, two on each instance; a dashboard is open on each instance from the start and
never reloaded. Both must count every participant, wherever they joined, and show the same figures, live and
once the workshop is closed on one of them (the other sees it closed). Nothing that decides what a screen shows
may live in one process: the publication of results by batches is in the database, and so is the brake on
workshop codes, so that wrong codes tried on one instance count on the other.

The figures compared are what the screens show: the text of the dashboard (counts, scores, statements to
discuss, the notice about answers waiting) and the data of every chart drawn in the page, read from Plotly's
own objects in the browser.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import create_engine, text

from scoring.loader import load_questionnaire
from scoring.model import Questionnaire, text_in
from storage import Store
from storage.config import database_url
from storage.database import dispose_database
from tests.browser.helpers import click_button, press, radio_option, shot, statement_group, wait_idle
from tests.browser.server import ROOT, AppServer, run_app_server

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

POSTGRES_ENV = "RADAR_TEST_POSTGRES_URL"
EXPRESS: Questionnaire = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
ORGANISATIONS = ["Association A", "Association B"]
TITLE = "Deux instances, une base"
PHONES_PER_INSTANCE = 2
STATEMENTS_ANSWERED = 2  # of the 3 of each dimension
# The dashboard refreshes every 4 s; a loaded machine takes longer to run it on two servers.
LIVE_TIMEOUT_MS = 40_000
WRONG_CODE = "ZZZZ-ZZZZ"  # made of the codes' letters, so that it is looked up, and opens no workshop
# The brake of ui/rate_limit.py, as documented: a slot every 0.25 s, 60 at once, refused beyond 20 s of waiting.
SLOT_S = 0.25
# How far ahead the test moves the brake's next free slot before wrong codes are tried: while it stays ahead of
# the clock, every lookup on any instance moves it by exactly one slot (below 60 slots: no lookup waits).
HEADROOM_S = 12.0
WORDS = {
    "start": "Commencer à répondre",
    "organisation": "Votre organisation",
    "next": "Suivant",
    "submit": "Envoyer mes réponses",
    "thanks": "Merci\u202f! Vos réponses ont bien été envoyées.",
    "joined": "Ont commencé",
    "submitted": "Réponses envoyées",
    "tab_manage": "Gérer l’atelier",
    "close": "Clôturer l’atelier",
    "closed": "Clôturé",
    "overall": "Score global",
    "unknown_code": "Ce code ne correspond à aucun atelier. Vérifiez-le sur l’écran projeté.",
    "wait": "Trop de codes ont été essayés sur le site ces dernières secondes. Réessayez dans une minute.",
}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "fr-FR"}
DESKTOP = {"viewport": {"width": 1366, "height": 900}, "locale": "fr-FR"}
# Every chart of the page, as Plotly holds it (the traces' data), without the ids Plotly gives each trace.
CHARTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => JSON.stringify(
    (plot.data || []).map(trace => Object.fromEntries(Object.entries(trace).filter(([k]) => k !== 'uid')))
))"""


@pytest.fixture
def shared_database() -> Iterator[str]:
    """A PostgreSQL URL whose connections work in a schema of this test's own (dropped after)."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        message = f"{POSTGRES_ENV} is not set: two app instances need one PostgreSQL database (source /tmp/pgenv)"
        if os.environ.get("CI", "").lower() == "true" or os.environ.get("RADAR_REQUIRE_POSTGRES") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    admin = create_engine(database_url(url))
    schema = f"radar_test_{uuid.uuid4().hex[:16]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    shared = admin.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    try:
        yield shared
    finally:
        dispose_database(shared)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@dataclass
class Screen:
    """One browser page, on one of the instances."""

    server: AppServer
    context: BrowserContext
    page: Page
    errors: list[str]

    def check_healthy(self) -> None:
        expect(self.page.locator('[data-testid="stException"]')).to_have_count(0)
        assert not self.errors, f"JavaScript errors in the page: {self.errors}"


@contextmanager
def screens(browser: Browser, servers: list[AppServer], options: dict[str, object]) -> Iterator[list[Screen]]:
    opened: list[Screen] = []
    try:
        for server in servers:
            context = browser.new_context(**options)  # type: ignore[arg-type]
            context.set_default_timeout(30_000)
            errors: list[str] = []
            page = context.new_page()
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            opened.append(Screen(server, context, page, errors))
        yield opened
    finally:
        for screen in opened:
            screen.context.close()


def metric_value(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]')
    return metric.inner_text().strip()


@dataclass(frozen=True)
class Shown:
    """What a dashboard shows: its text and its charts' data."""

    text: str
    charts: tuple[str, ...]


def shown(page: Page) -> Shown:
    wait_idle(page)
    return Shown(
        text=page.locator('[data-testid="stMain"]').inner_text(),
        charts=tuple(page.evaluate(CHARTS_JS)),
    )


def wait_for_same_figures(dashboards: list[Screen], *, submitted: int) -> Shown:
    """Until every dashboard counts `submitted` answers sent and all show the same text and charts.

    Each dashboard refreshes by itself every 4 s, not at the same moment: they agree once each has refreshed
    after the last answer. Returns what they show.
    """
    for screen in dashboards:
        expect(
            screen.page.locator('[data-testid="stMetric"]')
            .filter(has_text=WORDS["submitted"])
            .locator('[data-testid="stMetricValue"]')
        ).to_have_text(str(submitted), timeout=LIVE_TIMEOUT_MS)
    seen: list[Shown] = []
    for _ in range(40):
        seen = [shown(screen.page) for screen in dashboards]
        if all(other == seen[0] for other in seen[1:]):
            return seen[0]
        dashboards[0].page.wait_for_timeout(500)
    first, *others = seen
    for other in others:
        assert other.text == first.text, "the two instances' dashboards show different texts"
        assert other.charts == first.charts, "the two instances' dashboards draw different charts"
    return first


def in_lockstep(phones: list[Screen], act: Callable[[int, Screen], None]) -> None:
    """One action on every phone, then every phone waited for: both servers work for several sessions at once."""
    for position, phone in enumerate(phones):
        act(position, phone)
    for phone in phones:
        wait_idle(phone.page)


def answer_on_phones(phones: list[Screen]) -> None:
    """Each phone joins by the link of its instance, says its organisation, answers the first two statements of
    each dimension (enough for its score: `min_coverage` is one half; values that differ from phone to phone),
    tapping both without a pause, and sends."""

    def organisation(position: int, phone: Screen) -> None:
        group = phone.page.get_by_role("radiogroup", name=WORDS["organisation"], exact=True)
        press(radio_option(group, ORGANISATIONS[position % 2]), touch=True)

    def tap(index: int) -> Callable[[int, Screen], None]:
        dimension = EXPRESS.dimensions[index]

        def act(position: int, phone: Screen) -> None:
            expect(phone.page.get_by_role("heading", name=text_in(dimension.label, "fr"), exact=True)).to_be_visible()
            wait_idle(phone.page)
            for item in range(STATEMENTS_ANSWERED):
                value = 1 + (position + 2 * index + item) % 5
                label = f"{value} · {text_in(EXPRESS.scale.labels[value], 'fr')}"
                group = statement_group(phone.page, item + 1, text_in(dimension.items[item].text, "fr"))
                press(radio_option(group, label), touch=True)
                expect(group.get_by_role("radio", name=label, exact=True)).to_be_checked()

        return act

    def button(name: str) -> Callable[[int, Screen], None]:
        return lambda _position, phone: click_button(phone.page, name, touch=True)

    in_lockstep(phones, button(WORDS["start"]))
    for phone in phones:
        expect(phone.page.get_by_role("radiogroup", name=WORDS["organisation"], exact=True)).to_be_visible()
        wait_idle(phone.page)
    in_lockstep(phones, organisation)
    in_lockstep(phones, button(WORDS["next"]))
    for index in range(len(EXPRESS.dimensions)):
        in_lockstep(phones, tap(index))
        in_lockstep(phones, button(WORDS["next"]))
    in_lockstep(phones, button(WORDS["submit"]))
    for phone in phones:
        expect(phone.page.get_by_text(WORDS["thanks"], exact=True)).to_be_visible(timeout=30_000)
        wait_idle(phone.page)
        phone.check_healthy()


def try_code(screen: Screen, code: str, message: str) -> None:
    """A new session (a fresh page load) opens the join link of ``code`` and reads ``message``."""
    screen.page.goto(f"{screen.server.url}/join?code={code}&lang=fr")
    wait_idle(screen.page)
    expect(screen.page.get_by_text(message, exact=True)).to_be_visible()
    screen.check_healthy()


def next_free_slot(url: str) -> float:
    """Where the join brake's next free slot lies, as the database holds it for every instance."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return float(conn.execute(text("SELECT free_at FROM brakes WHERE name = 'join'")).scalar_one())
    finally:
        engine.dispose()


def test_two_instances_on_one_postgresql_show_the_same_counts_and_figures_and_share_the_brake(
    browser: Browser, tmp_path: Path, shared_database: str
) -> None:
    store = Store(shared_database)  # a third client of the database: the test's, to seed and to move the brake
    try:
        created = store.create_workshop(
            title=TITLE,
            questionnaire_id="express",
            organisations=ORGANISATIONS,
            profile_fields=["organisation"],
            show_results_to_participants=True,
        )
        with ExitStack() as stack:
            servers = [
                stack.enter_context(run_app_server(tmp_path / name, database_url=shared_database))
                for name in ("instance-a", "instance-b")
            ]
            dashboards = stack.enter_context(screens(browser, servers, DESKTOP))
            for screen in dashboards:
                screen.page.goto(f"{screen.server.url}/dashboard?k={created.facilitator_key}&lang=fr")
                wait_idle(screen.page)
                expect(screen.page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
                assert metric_value(screen.page, WORDS["joined"]) == "0"

            # Four phones, alternately on each instance, in lockstep as in a room.
            phones = stack.enter_context(screens(browser, servers * PHONES_PER_INSTANCE, PHONE))
            for phone in phones:
                phone.page.goto(f"{phone.server.url}/join?code={created.participant_code}&lang=fr")
            for phone in phones:
                wait_idle(phone.page)
                expect(phone.page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
            answer_on_phones(phones)

            # Open: both dashboards, never reloaded, count the four, and show the same figures.
            wait_for_same_figures(dashboards, submitted=len(phones))
            for screen in dashboards:
                assert metric_value(screen.page, WORDS["joined"]) == str(len(phones))
                screen.check_healthy()
            shot(dashboards[0].page, "two-instances-a-open")
            shot(dashboards[1].page, "two-instances-b-open")

            # Closed on instance B: instance A's dashboard, reloaded, shows it closed; both show all four answers.
            press(dashboards[1].page.get_by_role("tab", name=WORDS["tab_manage"]), touch=False)
            click_button(dashboards[1].page, WORDS["close"], touch=False)
            wait_idle(dashboards[1].page)
            for screen in dashboards:
                screen.page.goto(f"{screen.server.url}/dashboard?k={created.facilitator_key}&lang=fr")
                wait_idle(screen.page)
                expect(screen.page.get_by_text(re.compile(rf"^{WORDS['closed']} · "))).to_be_visible()
            closed = wait_for_same_figures(dashboards, submitted=len(phones))
            # Scores, not « données insuffisantes »: every phone answered enough statements of every dimension.
            overall = closed.text[closed.text.index(WORDS["overall"]) :][:80]
            assert re.match(rf"{WORDS['overall']}[^\n]*\s+\d+(,\d+)?\s", overall), overall
            assert closed.charts, "the closed workshop's dashboard draws no chart"
            assert any('"barpolar"' in chart or '"scatterpolar"' in chart for chart in closed.charts), closed.charts
            for screen in dashboards:
                screen.check_healthy()
            shot(dashboards[0].page, "two-instances-a-closed")
            shot(dashboards[1].page, "two-instances-b-closed")

            check_the_brake_is_shared(store, shared_database, dashboards, created.participant_code)
    finally:
        store.close()


def check_the_brake_is_shared(store: Store, url: str, screens_: list[Screen], right_code: str) -> None:
    """Wrong codes tried on either instance take slots of one bucket, in the database; a full bucket stops
    both. Each lookup is a new session (a reconnection would be one too), so no session-held count plays."""
    instance_a, instance_b = screens_
    for _attempt in range(3):
        # Move the next free slot ahead of the clock, so that each lookup from now on adds exactly one slot.
        assert store.reserve_slot("join", interval_s=HEADROOM_S, burst=1, max_wait_s=3600) is not None
        before = next_free_slot(url)
        try_code(instance_a, WRONG_CODE, WORDS["unknown_code"])
        try_code(instance_b, WRONG_CODE, WORDS["unknown_code"])
        try_code(instance_a, WRONG_CODE, WORDS["unknown_code"])
        after = next_free_slot(url)
        # How far ahead of the clock the next free slot still lies (a slot a millionth of a second long, taken to
        # ask): if it is ahead, it was ahead at each lookup, and the three moved it by exactly three slots.
        ahead = store.reserve_slot("join", interval_s=1e-6, burst=1, max_wait_s=3600)
        assert ahead is not None
        if ahead > 0:
            assert after - before == pytest.approx(3 * SLOT_S), (before, after)
            break
    else:
        pytest.fail(f"three wrong codes took over {HEADROOM_S} s three times: the brake could not be read")

    # A bucket filled up (here by the test's client, for an hour) refuses lookups on both instances, even of a
    # right code; given back, the right code opens the workshop again.
    assert store.reserve_slot("join", interval_s=3600, burst=1, max_wait_s=7200) is not None
    try_code(instance_b, WRONG_CODE, WORDS["wait"])
    try_code(instance_a, right_code, WORDS["wait"])
    store.release_slot("join", interval_s=3600)
    instance_a.page.goto(f"{instance_a.server.url}/join?code={right_code}&lang=fr")
    wait_idle(instance_a.page)
    expect(instance_a.page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
    instance_a.check_healthy()
