"""Browser tests: the real app served by ``streamlit run`` and driven by Debian's Chromium through Playwright.

One Streamlit server and one Chromium per test session (starting them costs seconds; every test opens its own
browser context, so cookies, storage and viewport never leak between tests). The server gets a fresh SQLite
file in a temporary folder and never a PostgreSQL URL, so that the tests touch no real data.

Screenshots go to ``artifacts/screenshots/`` (git-ignored) under explicit names, to be looked at by a human:
they are the only way to see what a board member sees on a phone or a projector.

This file holds the fixtures only; what tests import is in ``server.py`` (the app server, seeding its database)
and ``helpers.py`` (waiting for Streamlit, screenshots, acting on widgets). Under pytest-xdist, each worker starts
its own server and browser.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import Browser, Error, expect, sync_playwright

from tests.browser.server import AppServer, free_port, run_app_server

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


# ----- the app server ------------------------------------------------------------------------------------------


@pytest.fixture
def restartable_server(tmp_path: Path) -> Callable[[], AbstractContextManager[AppServer]]:
    """A server to start, stop and start again on the same port and data folder: each call of the fixture's value
    is one ``streamlit run`` (use it in a ``with``), and a tab left open sees the next one as a server restart."""
    port = free_port()
    return lambda: run_app_server(tmp_path, port=port)


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
