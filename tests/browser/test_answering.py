"""Answering as phones in a room do it, in the real browser: every tap saved, whatever its timing.

Issue 9 saw answers ticked on screen and never saved: six phones tapping the three statements of a step in quick
succession (worse with the dashboard open), the first tap after a server restart, a tap after a language switch
(Streamlit's error page), and a tampered client storing 99. Each test here plays one of those and then reads what
storage holds, through `Store`, rather than trusting the screen.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, WebSocketRoute, expect

from scoring.loader import load_questionnaire
from scoring.model import Questionnaire, text_in
from tests.browser.helpers import press, radio_option, shot, statement_group, wait_idle
from tests.browser.server import ROOT, AppServer, run_app_server

pytestmark = pytest.mark.browser

EXPRESS: Questionnaire = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
FIRST = EXPRESS.dimensions[0]
ORGANISATIONS = ["Association A", "Fondation B"]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "locale": "fr-FR",
}
WORDS = {
    "fr": {
        "start": "Commencer à répondre",
        "start_solo": "Commencer",
        "next": "Suivant",
        "submit": "Envoyer mes réponses",
        "thanks": "Merci\u202f! Vos réponses ont bien été envoyées.",
        "already": "Vous avez déjà répondu",
        "see_mine": "Voir mes réponses",
        "someone_else": "Une autre personne répond sur ce téléphone",
        "profile_title": "Qui répond ?",
        "language": "Langue",
        "language_name": "Français",
    },
    "en": {
        "start": "Start answering",
        "start_solo": "Start",
        "next": "Next",
        "submit": "Send my answers",
        "thanks": "Thank you! Your answers have been sent.",
        "already": "You have already answered",
        "see_mine": "See my answers",
        "someone_else": "Someone else answers on this phone",
        "profile_title": "Who is answering?",
        "language": "Language",
        "language_name": "English",
    },
}


@dataclass
class Phone:
    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.page.url).query)["r"][0]

    def check_healthy(self) -> None:
        expect(self.page.locator('[data-testid="stException"]')).to_have_count(0)
        assert not self.errors, f"JavaScript errors in the page: {self.errors}"


@contextmanager
def phones(browser: Browser, count: int) -> Iterator[list[Phone]]:
    opened = []
    try:
        for _ in range(count):
            context = browser.new_context(**PHONE)  # type: ignore[arg-type]
            context.set_default_timeout(30_000)
            phone = Phone(context=context, page=context.new_page())
            phone.page.on("pageerror", lambda error, errors=phone.errors: errors.append(str(error)))
            opened.append(phone)
        yield opened
    finally:
        for phone in opened:
            phone.context.close()


@contextmanager
def store_of(server: AppServer) -> Iterator[object]:
    from storage import Store
    from storage.config import DEFAULT_DB_FILENAME

    store = Store(f"sqlite:///{server.data_dir / DEFAULT_DB_FILENAME}")
    try:
        yield store
    finally:
        store.close()


def stored_answers(server: AppServer, token: str) -> dict[str, int | None]:
    with store_of(server) as store:
        draft = store.load_draft(token)  # type: ignore[attr-defined]
    assert draft is not None, "nothing saved under this phone's token"
    return dict(draft.answers)


# The page says it is idle as soon as its last run ended, even when the browser has sent a tap that the server,
# busy with other phones, has not started running yet: what storage holds is read again until it settles (at
# most SAVED_POLLS times, a quarter of a second apart).
SAVED_POLLS = 240


def expect_saved(server: AppServer, token: str, expected: dict[str, int | None]) -> None:
    found = saved_answers(server, token, expected)
    assert found == expected, f"saved {found}, expected {expected}"


def saved_answers(server: AppServer, token: str, expected: dict[str, int | None]) -> dict[str, int | None]:
    """What storage holds for ``token`` once it holds ``expected``, or after SAVED_POLLS reads."""
    for _ in range(SAVED_POLLS):
        found = stored_answers(server, token)
        if found == expected:
            break
        time.sleep(0.25)
    return found


def seed_workshop(server: AppServer, title: str) -> tuple[str, str]:
    with store_of(server) as store:
        created = store.create_workshop(  # type: ignore[attr-defined]
            title=title,
            questionnaire_id="express",
            organisations=ORGANISATIONS,
            profile_fields=["role", "organisation"],
            show_results_to_participants=True,
        )
    return created.participant_code, created.facilitator_key


def label(value: int | str, lang: str = "fr") -> str:
    if value == "na":
        return {"fr": "Je ne sais pas / sans objet", "en": "Don't know / not applicable"}[lang]
    return f"{value} · {text_in(EXPRESS.scale.labels[int(value)], lang)}"


def statement(page: Page, position: int, lang: str = "fr") -> Locator:
    return statement_group(page, position + 1, text_in(FIRST.items[position].text, lang))


def tap(page: Page, position: int, value: int | str, lang: str = "fr") -> None:
    """Tap an option of a statement of the first dimension, and do not wait for anything."""
    press(radio_option(statement(page, position, lang), label(value, lang)), touch=True)


def button(page: Page, name: str) -> None:
    press(page.get_by_role("button", name=name, exact=True), touch=True)


def join_and_reach_the_first_dimension(phone: Phone, server: AppServer, code: str) -> None:
    page = phone.page
    page.goto(f"{server.url}/join?code={code}&lang=fr")
    wait_idle(page)
    button(page, WORDS["fr"]["start"])
    expect(page.get_by_role("heading", name=WORDS["fr"]["profile_title"], exact=True)).to_be_visible()
    wait_idle(page)
    button(page, WORDS["fr"]["next"])
    expect(page.get_by_role("heading", name=text_in(FIRST.label, "fr"), exact=True)).to_be_visible()
    wait_idle(page)


def start_alone_at_the_first_dimension(phone: Phone, server: AppServer) -> None:
    page = phone.page
    page.goto(f"{server.url}/?lang=fr")
    wait_idle(page)
    card = page.get_by_role("heading", name=text_in(EXPRESS.title, "fr"), exact=True).locator(
        "xpath=ancestor::div[@data-testid='stVerticalBlock'][1]"
    )
    press(card.get_by_role("button", name=WORDS["fr"]["start_solo"], exact=True), touch=True)
    expect(page.get_by_role("heading", name=WORDS["fr"]["profile_title"], exact=True)).to_be_visible()
    wait_idle(page)
    button(page, WORDS["fr"]["next"])
    expect(page.get_by_role("heading", name=text_in(FIRST.label, "fr"), exact=True)).to_be_visible()
    wait_idle(page)


def expect_ticked(page: Page, values: list[int | str], lang: str = "fr") -> None:
    for position, value in enumerate(values):
        expect(
            statement(page, position, lang).get_by_role("radio", name=label(value, lang), exact=True)
        ).to_be_checked()


# ----- six phones, no pause ------------------------------------------------------------------------------------


@pytest.mark.parametrize("dashboard_open", [False, True], ids=["phones-only", "with-dashboard"])
def test_six_phones_tapping_a_step_with_no_pause_lose_no_tap(
    browser: Browser, app_server: AppServer, dashboard_open: bool
) -> None:
    code, key = seed_workshop(app_server, f"Six téléphones {dashboard_open}")
    patterns = [[(n + k) % 5 + 1 for k in range(len(FIRST.items))] for n in range(6)]
    with phones(browser, 6) as room:
        dashboard = None
        if dashboard_open:
            dashboard = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
            dashboard_page = dashboard.new_page()
            dashboard_page.goto(f"{app_server.url}/dashboard?k={key}&lang=fr")
            wait_idle(dashboard_page)
        try:
            for phone in room:
                join_and_reach_the_first_dimension(phone, app_server, code)
            # Every phone taps its three statements at once, phone after phone, waiting for nothing.
            for phone, values in zip(room, patterns, strict=True):
                for position, value in enumerate(values):
                    tap(phone.page, position, value)
            for phone, values in zip(room, patterns, strict=True):
                wait_idle(phone.page)
                expect_ticked(phone.page, values)
                phone.check_healthy()
            lost = {}
            for number, (phone, values) in enumerate(zip(room, patterns, strict=True), start=1):
                expected = {item.id: value for item, value in zip(FIRST.items, values, strict=True)}
                found = saved_answers(app_server, phone.token, expected)
                if found != expected:
                    lost[number] = (expected, found)
            assert not lost, f"taps ticked on screen but not saved, by phone: {lost}"
            shot(room[0].page, f"answering-six-phones-{'dashboard' if dashboard_open else 'alone'}", full_page=False)
        finally:
            if dashboard is not None:
                dashboard.close()


# ----- a language switch in the middle of a step ---------------------------------------------------------------


def switch_language(page: Page, lang: str) -> None:
    """The « Français / English » control, as a person uses it (its name is in the current language)."""
    current = "en" if lang == "fr" else "fr"
    control = page.get_by_role("radiogroup", name=WORDS[current]["language"])
    press(control.get_by_role("radio", name=WORDS[lang]["language_name"], exact=True), touch=True)


def test_a_language_switch_in_the_middle_of_a_step_loses_nothing(browser: Browser, app_server: AppServer) -> None:
    with phones(browser, 1) as (phone,):
        page = phone.page
        start_alone_at_the_first_dimension(phone, app_server)
        tap(page, 0, 4)
        wait_idle(page)
        switch_language(page, "en")
        expect(page.get_by_role("heading", name=text_in(FIRST.label, "en"), exact=True)).to_be_visible()
        wait_idle(page)
        tap(page, 1, 2, "en")
        wait_idle(page)
        phone.check_healthy()
        expect_ticked(page, [4, 2], "en")
        expect_saved(app_server, phone.token, {FIRST.items[0].id: 4, FIRST.items[1].id: 2})
        shot(page, "answering-language-switch-en", full_page=False)
        # A tap and a switch with no pause between them: the tap was made in English, and is kept in French.
        tap(page, 2, "na", "en")
        switch_language(page, "fr")
        expect(page.get_by_role("heading", name=text_in(FIRST.label, "fr"), exact=True)).to_be_visible()
        wait_idle(page)
        phone.check_healthy()
        expect_ticked(page, [4, 2, "na"], "fr")
        expected = {FIRST.items[0].id: 4, FIRST.items[1].id: 2, FIRST.items[2].id: None}
        expect_saved(app_server, phone.token, expected)
        shot(page, "answering-language-switch-fr", full_page=False)
        # A new tab on the same browser finds the questionnaire in progress, with no link (issue 18).
        tab = phone.context.new_page()
        tab.goto(f"{app_server.url}/questionnaire?lang=fr")
        wait_idle(tab)
        expect(tab.get_by_role("heading", name=text_in(FIRST.label, "fr"), exact=True)).to_be_visible()
        expect_ticked(tab, [4, 2, "na"], "fr")
        assert parse_qs(urlsplit(tab.url).query)["r"] == [phone.token]
        tab.close()


# ----- a tab kept open across a server restart -----------------------------------------------------------------


def test_a_tab_kept_open_across_a_server_restart_saves_its_next_tap(
    browser: Browser, restartable_server: Callable[[], AbstractContextManager[AppServer]]
) -> None:
    with phones(browser, 1) as (phone,):
        page = phone.page
        with restartable_server() as server:
            start_alone_at_the_first_dimension(phone, server)
            tap(page, 0, 5)
            wait_idle(page)
            token = phone.token
            expect_saved(server, token, {FIRST.items[0].id: 5})
        # The server is down: the page says it lost the connection, and keeps what it shows.
        expect(page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')).to_have_count(0)
        with restartable_server() as server:
            # The page reconnects by itself; then the person taps the next statement.
            expect(page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')).to_have_count(
                1, timeout=60_000
            )
            wait_idle(page)
            tap(page, 1, 3)
            wait_idle(page)
            expect_ticked(page, [5, 3])
            phone.check_healthy()
            expect_saved(server, token, {FIRST.items[0].id: 5, FIRST.items[1].id: 3})
            tap(page, 2, 1)
            wait_idle(page)
            expect_saved(server, token, {FIRST.items[0].id: 5, FIRST.items[1].id: 3, FIRST.items[2].id: 1})


# ----- a phone that sleeps and wakes up -----------------------------------------------------------------------


@dataclass
class Sleep:
    """The websocket of a phone whose screen locks just after a tap: the tap's message never reaches the server,
    and the connection is cut; the page then connects again by itself, as a phone does when it wakes up."""

    asleep: bool = False
    connections: int = 0

    def route(self, socket: WebSocketRoute) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        server = socket.connect_to_server()
        self.connections += 1

        def outgoing(message: str | bytes) -> None:
            if self.asleep and isinstance(message, bytes):
                back = BackMsg()
                back.ParseFromString(message)
                if back.HasField("rerun_script"):  # the tap: lost with the connection
                    self.asleep = False
                    server.close()
                    socket.close(code=1001, reason="the phone went to sleep")
                    return
            server.send(message)

        socket.on_message(outgoing)
        server.on_message(lambda message: socket.send(message))


@pytest.mark.parametrize("session_kept", [True, False], ids=["short-sleep", "session-forgotten"])
def test_a_phone_that_sleeps_right_after_a_tap_saves_it_when_it_wakes_up(
    browser: Browser, tmp_path: Path, session_kept: bool
) -> None:
    # A server that forgets a disconnected session at once stands for a phone asleep longer than Streamlit keeps
    # it (two minutes by default): the page then comes back in a new session, like after a restart.
    ttl = {} if session_kept else {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "0"}
    sleep = Sleep()
    with run_app_server(tmp_path, extra_env=ttl) as server, phones(browser, 1) as (phone,):
        page = phone.page
        page.route_web_socket(re.compile(r"/_stcore/stream"), sleep.route)
        start_alone_at_the_first_dimension(phone, server)
        tap(page, 0, 5)
        wait_idle(page)
        expect_saved(server, phone.token, {FIRST.items[0].id: 5})
        first = sleep.connections
        sleep.asleep = True
        tap(page, 1, 2)
        # Awake again: the page has connected anew, and shows both answers; the one tapped before the phone slept
        # is saved with nobody touching the screen again. The new connection is waited for first: the page may
        # still say « connected » for a moment after the cut, before it has noticed it (CI, once).
        for _ in range(300):
            if sleep.connections > first:
                break
            page.wait_for_timeout(200)
        assert sleep.connections > first, "the page never connected again"
        expect(page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')).to_have_count(
            1, timeout=60_000
        )
        wait_idle(page)
        expect_ticked(page, [5, 2])
        expect_saved(server, phone.token, {FIRST.items[0].id: 5, FIRST.items[1].id: 2})
        if session_kept:
            shot(page, "answering-after-sleep-fr", full_page=False)
        tap(page, 2, "na")
        wait_idle(page)
        expect_saved(server, phone.token, {FIRST.items[0].id: 5, FIRST.items[1].id: 2, FIRST.items[2].id: None})
        phone.check_healthy()


# ----- a tampered client ---------------------------------------------------------------------------------------


@dataclass
class Tamper:
    """Rewrites the widget values a page sends over Streamlit's websocket, as a forged client would."""

    # the end of a widget's key (an item, profile question or dimension id) -> the value to send instead
    values: dict[str, str] = field(default_factory=dict)
    edited: int = 0

    def outgoing(self, message: str | bytes) -> str | bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(message, str) or not self.values:
            return message
        back = BackMsg()
        back.ParseFromString(message)
        if not back.HasField("rerun_script"):
            return message
        for widget in back.rerun_script.widget_states.widgets:
            for suffix, value in self.values.items():
                # An empty text box is not forged: a timer's rerun sends it before the person has typed, and the
                # forged value would then reach the server in a run that draws no message, ahead of the real one.
                if widget.id.endswith(suffix) and widget.HasField("string_value") and widget.string_value:
                    widget.string_value = value
                    self.edited += 1
        return back.SerializeToString()

    def wait_for_edits(self, page: Page, count: int) -> None:
        """Until ``count`` forged values have gone to the server (each is sent the moment the page sends)."""
        for _ in range(1200):  # up to a minute: on a loaded machine a blur's run once took over 20 s to be sent
            if self.edited >= count:
                return
            page.wait_for_timeout(50)
        raise AssertionError(f"only {self.edited} forged values sent, {count} expected")

    def route(self, socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        socket.on_message(lambda message: server.send(self.outgoing(message)))
        server.on_message(lambda message: socket.send(message))


def test_a_tampered_client_stores_nothing_invalid_and_the_app_keeps_running(
    browser: Browser, app_server: AppServer
) -> None:
    code, _key = seed_workshop(app_server, "Atelier visé")
    tamper = Tamper()
    with phones(browser, 1) as (phone,):
        page = phone.page
        page.route_web_socket(re.compile(r"/_stcore/stream"), tamper.route)
        page.goto(f"{app_server.url}/join?code={code}&lang=fr")
        wait_idle(page)
        button(page, WORDS["fr"]["start"])
        organisations = page.get_by_role("radiogroup", name="Votre organisation")
        expect(organisations).to_be_visible()
        wait_idle(page)
        # A made-up organisation, sent instead of the one tapped.
        tamper.values = {"organisation": "Association inventée"}
        press(radio_option(organisations, ORGANISATIONS[0]), touch=True)
        tamper.wait_for_edits(page, 1)
        wait_idle(page)
        tamper.values = {}
        button(page, WORDS["fr"]["next"])
        expect(page.get_by_role("heading", name=text_in(FIRST.label, "fr"), exact=True)).to_be_visible()
        wait_idle(page)
        # 99 instead of 4, and an answer of the wrong language's label, on the scale's radio.
        tamper.values = {FIRST.items[0].id: "99"}
        tap(page, 0, 4)
        tamper.wait_for_edits(page, 2)
        wait_idle(page)
        tamper.values = {FIRST.items[1].id: "3 · Plutôt d’accord (forged)"}
        tap(page, 1, 3)
        tamper.wait_for_edits(page, 3)
        wait_idle(page)
        # A comment far over the limit the text area enforces in the browser.
        tamper.values = {FIRST.id: "x" * 50_000}
        page.get_by_role("textbox").fill("Réunions trop rares")
        page.get_by_role("textbox").blur()
        tamper.wait_for_edits(page, 4)
        wait_idle(page)
        # Refused as too long, and said so; the text stays in its box for the person to shorten.
        expect(page.get_by_text("Ce commentaire dépasse 2000 caractères")).to_be_visible()
        tamper.values = {}
        phone.check_healthy()
        # The app keeps running: an honest tap is saved, alone (the runs of one page go in order, so the forged
        # values came before it), and the forged one was not left ticked.
        tap(page, 2, 2)
        wait_idle(page)
        phone.check_healthy()
        expect_saved(app_server, phone.token, {FIRST.items[2].id: 2})
        with store_of(app_server) as store:
            draft = store.load_draft(phone.token)  # type: ignore[attr-defined]
        assert draft is not None
        assert draft.profile.get("organisation") in (None, *ORGANISATIONS), draft.profile
        # The honest text the box still shows may come with the honest tap; the forged one never.
        assert draft.comments in ({}, {FIRST.id: "Réunions trop rares"}), {k: len(v) for k, v in draft.comments.items()}
        expect(statement(page, 0).locator("input:checked")).to_have_count(0)


# ----- one response per person and phone ----------------------------------------------------------------------


def send_a_response(phone: Phone, server: AppServer, code: str, lang: str) -> str:
    page = phone.page
    words = WORDS[lang]
    page.goto(f"{server.url}/join?code={code}&lang={lang}")
    wait_idle(page)
    button(page, words["start"])
    expect(page.get_by_role("heading", name=words["profile_title"], exact=True)).to_be_visible()
    wait_idle(page)
    button(page, words["next"])  # the profile left blank
    for dimension in EXPRESS.dimensions:
        expect(page.get_by_role("heading", name=text_in(dimension.label, lang), exact=True)).to_be_visible()
        wait_idle(page)
        first_statement = statement_group(page, 1, text_in(dimension.items[0].text, lang))
        press(radio_option(first_statement, label(4, lang)), touch=True)
        wait_idle(page)
        button(page, words["next"])
    wait_idle(page)
    token = phone.token
    button(page, words["submit"])
    expect(page.get_by_text(words["thanks"], exact=True)).to_be_visible()
    wait_idle(page)
    return token


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_phone_that_answered_is_told_so_and_can_let_someone_else_answer(
    browser: Browser, app_server: AppServer, lang: str
) -> None:
    words = WORDS[lang]
    code, _key = seed_workshop(app_server, f"Un téléphone, une réponse {lang}")
    with phones(browser, 1) as (phone,):
        page = phone.page
        token = send_a_response(phone, app_server, code, lang)
        # The projected link, opened again on this phone (a new visit: only the code in the URL).
        page.goto(f"{app_server.url}/join?code={code}&lang={lang}")
        wait_idle(page)
        expect(page.get_by_text(words["already"])).to_be_visible()
        expect(page.get_by_role("button", name=words["start"], exact=True)).to_have_count(0)
        phone.check_healthy()
        shot(page, f"answering-already-answered-{lang}")
        # A new tab on the same phone says so too.
        tab = phone.context.new_page()
        tab.goto(f"{app_server.url}/join?code={code}&lang={lang}")
        wait_idle(tab)
        expect(tab.get_by_text(words["already"])).to_be_visible()
        tab.close()
        # « Voir mes réponses »: one's own results.
        press(page.get_by_role("link", name=words["see_mine"]), touch=True)
        expect(page).to_have_url(re.compile(rf"/results\?.*r={token}"))
        wait_idle(page)
        phone.check_healthy()
        # Someone else on the same phone: a new response from the first step, under a new token.
        page.goto(f"{app_server.url}/join?code={code}&lang={lang}")
        wait_idle(page)
        button(page, words["someone_else"])
        expect(page.get_by_role("heading", name=words["profile_title"], exact=True)).to_be_visible()
        wait_idle(page)
        assert phone.token != token
        with store_of(app_server) as store:
            first = store.load_draft(token)  # type: ignore[attr-defined]
            second = store.load_draft(phone.token)  # type: ignore[attr-defined]
            assert first is not None and first.submitted
            assert second is not None and not second.submitted
            assert store.workshop_counts(first.workshop_id) == (2, 1)  # type: ignore[attr-defined]
        phone.check_healthy()


# ----- storage fails while answering, then comes back ----------------------------------------------------------


@contextmanager
def tiny_disk(path: Path, size: str = "8m") -> Iterator[Path]:
    """A small tmpfs at ``path`` (the server's data folder), to fill up: a full disk, for real."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not let the tests mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(folder: Path) -> Path:
    """Fill the disk of ``folder`` to the last byte; the file returned frees it again."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:  # unbuffered: closing it has nothing left to write
        for chunk in (b"\0" * 65_536, b"\0"):  # then the last few bytes
            try:
                while True:
                    handle.write(chunk)
            except OSError:
                pass
    return filler


def test_a_full_disk_while_answering_keeps_the_answer_says_so_and_saves_it_once_there_is_room(
    browser: Browser, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with tiny_disk(data), run_app_server(tmp_path) as server, phones(browser, 1) as (phone,):
        page = phone.page
        start_alone_at_the_first_dimension(phone, server)
        tap(page, 0, 4)
        wait_idle(page)
        expect_saved(server, phone.token, {FIRST.items[0].id: 4})
        filler = fill(data)
        tap(page, 1, 2)
        notice = page.get_by_text("Votre dernière réponse n’est pas encore enregistrée", exact=False)
        expect(notice).to_be_visible()
        expect_ticked(page, [4, 2])
        phone.check_healthy()
        shot(page, "answering-not-saved-fr", full_page=False)
        assert stored_answers(server, phone.token) == {FIRST.items[0].id: 4}
        # Room again: nobody touches the page, and the answer is saved by the retry, with no restart.
        filler.unlink()
        expect(notice).to_have_count(0, timeout=60_000)
        expect_saved(server, phone.token, {FIRST.items[0].id: 4, FIRST.items[1].id: 2})
        expect_ticked(page, [4, 2])
        phone.check_healthy()


# ----- each role is asked only its statements (issue 12) ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_person_supported_is_asked_fewer_statements_and_a_change_of_role_sends_only_those(
    browser: Browser, app_server: AppServer, lang: str
) -> None:
    """Express asks a person supported by the association 9 statements of 12; a participant who first said
    « board member », answered the first step, then changed their role, sees the shorter steps, is told on the
    summary that one answer will not be sent, and storage gets only the statements asked."""
    words = WORDS[lang]
    code, _key = seed_workshop(app_server, f"Qui répond à quoi {lang}")
    role_group = {"fr": "Votre rôle", "en": "Your role"}[lang]
    role_label = {
        option.id: text_in(option.label, lang)
        for option in EXPRESS.profile_field("role").options  # type: ignore[union-attr]
    }
    with phones(browser, 1) as (phone,):
        page = phone.page
        page.goto(f"{app_server.url}/join?code={code}&lang={lang}")
        wait_idle(page)
        button(page, words["start"])
        roles = page.get_by_role("radiogroup", name=role_group)
        expect(roles).to_be_visible()
        wait_idle(page)
        press(radio_option(roles, role_label["administrateur"]), touch=True)
        wait_idle(page)
        button(page, words["next"])
        expect(page.get_by_role("heading", name=text_in(FIRST.label, lang), exact=True)).to_be_visible()
        wait_idle(page)
        for position in range(len(FIRST.items)):
            tap(page, position, 4, lang)
        wait_idle(page)
        expect_saved(app_server, phone.token, {item.id: 4 for item in FIRST.items})
        # Back to the profile: « a person supported » instead.
        button(page, {"fr": "Précédent", "en": "Back"}[lang])
        expect(roles).to_be_visible()
        wait_idle(page)
        press(radio_option(roles, role_label["usager"]), touch=True)
        wait_idle(page)
        button(page, words["next"])
        expect(page.get_by_role("heading", name=text_in(FIRST.label, lang), exact=True)).to_be_visible()
        wait_idle(page)
        asked = [item for item in FIRST.items if item.id != "ex-eth-2"]
        assert len(asked) == len(FIRST.items) - 1
        expect(page.get_by_role("radiogroup", name=re.compile(r"^\d+\. "))).to_have_count(len(asked))
        for number, item in enumerate(asked, start=1):
            group = statement_group(page, number, text_in(item.text, lang))
            expect(group).to_be_visible()
            expect(group.get_by_role("radio", name=label(4, lang), exact=True)).to_be_checked()
        not_asked = next(item for item in FIRST.items if item.id == "ex-eth-2")
        expect(page.get_by_text(text_in(not_asked.text, lang), exact=False)).to_have_count(0)
        phone.check_healthy()
        shot(page, f"answering-fewer-statements-{lang}", full_page=False)
        for _ in range(len(EXPRESS.dimensions)):
            button(page, words["next"])
            wait_idle(page)
        summary = {"fr": "Récapitulatif avant l’envoi", "en": "Summary before sending"}[lang]
        expect(page.get_by_role("heading", name=summary, exact=True)).to_be_visible()
        counted = {"fr": "Vous avez répondu à 2 affirmations sur 9.", "en": "You answered 2 statements out of 9."}
        expect(page.get_by_text(counted[lang], exact=True)).to_be_visible()
        dropped = {
            "fr": "1 réponse donnée avant votre changement de rôle porte sur ce qui ne vous est plus demandé",
            "en": "1 answer given before you changed your role is about something you are no longer asked",
        }
        expect(page.get_by_text(dropped[lang], exact=False)).to_be_visible()
        phone.check_healthy()
        shot(page, f"answering-fewer-statements-summary-{lang}")
        token = phone.token
        button(page, words["submit"])
        expect(page.get_by_text(words["thanks"], exact=True)).to_be_visible()
        wait_idle(page)
        with store_of(app_server) as store:
            draft = store.load_draft(token)  # type: ignore[attr-defined]
        assert draft is not None and draft.submitted
        assert dict(draft.answers) == {item.id: 4 for item in asked}
        assert dict(draft.profile) == {"role": "usager"}
        phone.check_healthy()


# ----- the position questions (issue 15) ------------------------------------------------------------------------

SANTE: Questionnaire = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
RELATION = SANTE.positions[0]


def start_sante_alone_at_the_positions(phone: Phone, server: AppServer, lang: str) -> None:
    page = phone.page
    page.goto(f"{server.url}/?lang={lang}")
    wait_idle(page)
    card = page.get_by_role("heading", name=text_in(SANTE.title, lang), exact=True).locator(
        "xpath=ancestor::div[@data-testid='stVerticalBlock'][1]"
    )
    press(card.get_by_role("button", name={"fr": "Commencer", "en": "Start"}[lang], exact=True), touch=True)
    expect(page.get_by_role("heading", name=WORDS[lang]["profile_title"], exact=True)).to_be_visible()
    wait_idle(page)
    button(page, WORDS[lang]["next"])
    expect(page.get_by_role("heading", name=text_in(RELATION.label, lang), exact=True)).to_be_visible()
    wait_idle(page)


def step_name(step_id: str, lang: str) -> str:
    step = RELATION.step(step_id)
    assert step is not None
    return text_in(step.label, lang)


def stored_positions(server: AppServer, token: str) -> dict[str, str | None]:
    with store_of(server) as store:
        draft = store.load_draft(token)  # type: ignore[attr-defined]
    assert draft is not None
    return dict(draft.positions)


def expect_positions(server: AppServer, token: str, expected: dict[str, str | None]) -> None:
    for _ in range(SAVED_POLLS):
        found = stored_positions(server, token)
        if found == expected:
            return
        time.sleep(0.25)
    assert found == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_position_questions_on_a_phone_saved_and_shown_on_ones_results(
    browser: Browser, app_server: AppServer, lang: str
) -> None:
    with phones(browser, 1) as (phone,):
        page = phone.page
        start_sante_alone_at_the_positions(phone, app_server, lang)
        today = page.get_by_role("radiogroup", name=text_in(RELATION.today, lang), exact=True)
        wished = page.get_by_role("radiogroup", name=text_in(RELATION.wished, lang), exact=True)
        # Every step with its definition, in the list's order, and « je ne sais pas » last.
        options = today.locator('[data-testid="stRadioOption"]')
        expect(options).to_have_count(len(RELATION.steps) + 1)
        for number, step in enumerate(RELATION.steps):
            expect(options.nth(number)).to_have_text(text_in(step.label, lang))
            expect(today).to_contain_text(text_in(step.definition, lang))  # a caption under its option
        # For « wished », the same definitions in its help, not under each option again.
        expect(wished).not_to_contain_text(text_in(RELATION.steps[0].definition, lang))
        shot(page, f"answering-positions-{lang}", full_page=False)
        press(radio_option(today, step_name("coordination", lang)), touch=True)
        wait_idle(page)
        press(radio_option(wished, step_name("cooperation", lang)), touch=True)
        wait_idle(page)
        phone.check_healthy()
        expect_positions(app_server, phone.token, {"relation.today": "coordination", "relation.wished": "cooperation"})
        shot(page, f"answering-positions-chosen-{lang}")
        button(page, WORDS[lang]["next"])
        expect(page.get_by_role("heading", name=text_in(SANTE.dimensions[0].label, lang), exact=True)).to_be_visible()
        wait_idle(page)
        page.goto(f"{app_server.url}/results?r={phone.token}&lang={lang}")
        wait_idle(page)
        line = {
            "fr": "Aujourd’hui\u202f: Coordination · Souhaité\u202f: Coopération",
            "en": "Today: Coordination · Wished: Cooperation",
        }[lang]
        expect(page.get_by_text(line, exact=True)).to_be_visible()
        phone.check_healthy()
        page.get_by_text(line, exact=True).scroll_into_view_if_needed()
        shot(page, f"results-positions-{lang}", full_page=False)


def test_a_tampered_position_is_not_stored_and_the_app_keeps_running(browser: Browser, app_server: AppServer) -> None:
    tamper = Tamper()
    with phones(browser, 1) as (phone,):
        page = phone.page
        page.route_web_socket(re.compile(r"/_stcore/stream"), tamper.route)
        start_sante_alone_at_the_positions(phone, app_server, "fr")
        today = page.get_by_role("radiogroup", name=text_in(RELATION.today, "fr"), exact=True)
        wished = page.get_by_role("radiogroup", name=text_in(RELATION.wished, "fr"), exact=True)
        # A step the continuum does not have, sent instead of the one tapped.
        tamper.values = {"relation.today": "fusion-absorption"}
        press(radio_option(today, step_name("concertation", "fr")), touch=True)
        tamper.wait_for_edits(page, 1)
        wait_idle(page)
        tamper.values = {}
        phone.check_healthy()
        press(radio_option(wished, step_name("groupement", "fr")), touch=True)
        wait_idle(page)
        phone.check_healthy()
        expect_positions(app_server, phone.token, {"relation.wished": "groupement"})
        expect(today.locator("input:checked")).to_have_count(0)


FOCUSED_JS = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, label: e.getAttribute('aria-label') || '', href: e.getAttribute('href') || '',
          radio: e.type === 'radio'};
}"""


def test_no_stray_tab_stop_before_the_first_question(browser: Browser, app_server: AppServer) -> None:
    """Issue 18: tabbing from the top of a step reaches the first statement's scale with no « Link to heading »
    anchor on the way (Streamlit puts one beside each heading)."""
    code, _key = seed_workshop(app_server, "Tabulations")
    with phones(browser, 1) as [phone]:
        join_and_reach_the_first_dimension(phone, app_server, code)
        page = phone.page
        # The app's style sheet is drawn again by each run: take the page once it is back.
        page.wait_for_function(
            "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('stHeaderActionElements'))"
        )
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUSED_JS)
            stops.append(stop)
            if stop["radio"]:
                break
        assert stops and stops[-1]["radio"], stops  # the first question is reached by the keyboard
        anchors = [s for s in stops if s["href"].startswith("#") or s["label"] == "Link to heading"]
        assert anchors == [], anchors
        # Any heading anchor left in the page is not drawn (so out of the tab order and of screen readers).
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stHeaderActionElements] a')]"
            ".filter(a => a.checkVisibility()).length"
        )
        assert drawn == 0, page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stHeaderActionElements] a')].map(a => a.outerHTML)"
        )
        phone.check_healthy()
