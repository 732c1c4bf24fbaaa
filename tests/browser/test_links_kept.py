"""Links kept (issue 18) in real Chromium: a facilitator creates a workshop, downloads « la fiche de l’atelier »
(read back and rendered), closes the tab, and finds the workshop again in « Mes ateliers » in a new tab of the
same browser, which reopens its dashboard; another browser finds nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from tests.browser.helpers import HORIZONTAL_OVERFLOW_JS, SCREENSHOTS_DIR, ScreenDefect, shot, wait_idle
from tests.browser.server import AppServer
from tests.browser.test_workshop import WORKSHOP_TITLE, create_workshop

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (1366, 768), (1920, 1080)]


def test_a_workshop_is_found_again_in_my_workshops_and_its_sheet_prints(
    browser: Browser, app_server: AppServer, tmp_path: Path
) -> None:
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(30_000)
    other = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        links = create_workshop(page, app_server, errors)
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Télécharger la fiche de l’atelier (PDF)").click()
        sheet = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(sheet)
        assert sheet.name.startswith("fiche-atelier-")
        text = " ".join(PdfReader(sheet).pages[0].extract_text().split())
        assert links.code in text and "Réservé à la personne qui anime" in text
        assert links.dashboard in text.replace(" ", ""), "the sheet links to this very server"
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-singlefile", str(sheet), str(SCREENSHOTS_DIR / "links-kept-sheet-fr")],
            check=True,
        )
        page.close()

        # A new tab of the same browser, later: the workshop is in « Mes ateliers », and reopens its dashboard.
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(f"{app_server.url}/workshop?lang=fr")
        wait_idle(tab)
        mine = tab.locator(".st-key-my_workshops")
        expect(mine.get_by_role("heading", name="Mes ateliers")).to_be_visible()
        expect(mine.get_by_role("link", name=WORKSHOP_TITLE)).to_be_visible()
        for lang, heading in (("fr", "Mes ateliers"), ("en", "My workshops")):
            if lang != "fr":
                tab.goto(f"{app_server.url}/workshop?lang={lang}")
                wait_idle(tab)
            for width, height in SIZES:  # a phone, a laptop, a projector: the list and its links on screen
                tab.set_viewport_size({"width": width, "height": height})
                wait_idle(tab)
                expect(mine.get_by_role("heading", name=heading)).to_be_visible()
                expect(mine.get_by_role("link", name=WORKSHOP_TITLE)).to_be_visible()
                if tab.evaluate(HORIZONTAL_OVERFLOW_JS) > 0:
                    raise ScreenDefect(f"« Mes ateliers » at {width}×{height} ({lang}) scrolls sideways")
                shot(tab, f"links-kept-my-workshops-{width}x{height}-{lang}")
        tab.goto(f"{app_server.url}/workshop?lang=fr")
        wait_idle(tab)
        tab.set_viewport_size({"width": 1366, "height": 900})
        mine.get_by_role("link", name=WORKSHOP_TITLE).click()
        wait_idle(tab)
        expect(tab.get_by_role("heading", name=WORKSHOP_TITLE, exact=True)).to_be_visible()
        assert links.key in tab.url

        # Another browser (another person's computer) has no such list: it is kept by the browser, not the server.
        stranger = other.new_page()
        stranger.goto(f"{app_server.url}/workshop?lang=fr")
        wait_idle(stranger)
        expect(stranger.get_by_role("heading", name="Animer un atelier", exact=True)).to_be_visible()
        expect(stranger.get_by_role("heading", name="Mes ateliers")).to_have_count(0)
        assert errors == []
    finally:
        other.close()
        context.close()
