"""Browser tests: the real app served by ``streamlit run`` and driven by Debian's Chromium through Playwright.

One Streamlit server and one Chromium per test session (starting them costs seconds; every test opens its own
browser context, so cookies, storage and viewport never leak between tests). The server gets a fresh SQLite
file in a temporary folder and never a PostgreSQL URL, so that the tests touch no real data.

Screenshots go to ``artifacts/screenshots/`` (git-ignored) under explicit names, to be looked at by a human:
they are the only way to see what a board member sees on a phone or a projector.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import Browser, Error, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, never a browser downloaded by `playwright install` (the machines have no internet access
# for that). The flags keep it from phoning home or updating itself while the tests run.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 60
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
# Playwright's assertions wait 5 s by default; a cold CI machine needs more for the first run of a page.
EXPECT_TIMEOUT_MS = 15_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)
INSTALL_HINT = "run scripts/install-system-packages.sh (as root or with sudo) to install Debian's Chromium"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is a browser test, even one whose module forgets ``pytestmark``."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


class ScreenDefect(AssertionError):
    """A defect of what people see (cut text, a screen that scrolls away), once found in the screenshots.

    Its own class so that a failure report says at once that the app regressed, not that the test broke.
    """


# ----- the app server ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppServer:
    url: str
    data_dir: Path


def _free_port() -> int:
    # Ask the kernel for a free port; the tiny race until Streamlit binds it is acceptable for a test run.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextmanager
def run_app_server(workdir: Path) -> Iterator[AppServer]:
    """``streamlit run app.py`` on a free port, with an empty SQLite database under ``workdir``; stopped after.

    Fails (never skips) if the server does not answer its health check in time: the app is what is tested.
    """
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ.copy()
    env["RADAR_DATA_DIR"] = str(data_dir)
    # Never the developer's or CI's PostgreSQL: the journey writes drafts and submissions.
    env.pop("RADAR_DATABASE_URL", None)
    # The shipped questionnaires, not a fixture folder a developer may have exported in the shell.
    env.pop("RADAR_QUESTIONNAIRES_DIR", None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        # Loopback only: a test server has no business being reachable from the network.
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    # Files rather than pipes: nobody reads a pipe while the tests run, and a full pipe would block the server.
    stdout_path, stderr_path = workdir / "server-stdout.log", workdir / "server-stderr.log"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _health_ok(url):
            if process.poll() is not None or time.monotonic() > deadline:
                what = f"exited with code {process.returncode}" if process.poll() is not None else "did not answer"
                pytest.fail(
                    f"The Streamlit server {what} within {SERVER_START_TIMEOUT_S} s ({url}/_stcore/health).\n"
                    f"--- stderr ---\n{stderr_path.read_text(errors='replace')[-5000:]}\n"
                    f"--- stdout ---\n{stdout_path.read_text(errors='replace')[-2000:]}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield AppServer(url=url, data_dir=data_dir)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def seed_submitted_response(server: AppServer, questionnaire_id: str, answers: dict[str, int | None]) -> str:
    """A respondent who has already sent these answers, written straight into the server's database.

    For the tests that check one page (results...) without answering a whole questionnaire first. Returns the
    respondent token, which opens their results at ``/results?r=<token>``.
    """
    from storage import Store  # imported here: SQLAlchemy is only needed by the tests that seed
    from storage.config import DEFAULT_DB_FILENAME

    store = Store(f"sqlite:///{server.data_dir / DEFAULT_DB_FILENAME}")
    try:
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id=questionnaire_id,
            workshop_id=None,
            answers=answers,
            profile={},
            comments={},
            step=0,
        )
        assert store.submit(token), "a fresh token must be submitted the first time"
        return token
    finally:
        store.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """One server for the whole session: starting Streamlit and its first script run cost seconds."""
    with run_app_server(tmp_path_factory.mktemp("radar-server")) as server:
        yield server


# ----- the browser ---------------------------------------------------------------------------------------------


def browser_required() -> bool:
    """Under CI, or when scripts/test.sh asks for it, a missing browser is a failure, never a skip."""
    return os.environ.get("CI", "").strip().lower() == "true" or os.environ.get("RADAR_REQUIRE_BROWSER") == "1"


def browser_unavailable(reason: str) -> NoReturn:
    message = f"Chromium is not usable for the browser tests: {reason}. To fix it, {INSTALL_HINT}."
    if browser_required():
        pytest.fail(message + " (Required because CI=true or RADAR_REQUIRE_BROWSER=1.)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        browser_unavailable(f"{CHROMIUM} is missing")
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=30_000
            )
        except Error as error:
            browser_unavailable(f"Playwright could not launch {CHROMIUM}: {error.message.splitlines()[0]}")
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


# ----- waiting for Streamlit and taking screenshots ------------------------------------------------------------


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
