"""From diagnosis to decision in real Chromium (issue 15): a director answers the guide's questions and compares
the forms that fit, on a desktop and on a phone.

The French words are written out here, as a person reads them, independently of the catalogue.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

from tests.browser.helpers import HORIZONTAL_OVERFLOW_JS, ScreenDefect, press, radio_option, shot, wait_idle
from tests.browser.server import AppServer
from tests.browser.test_reports_download import download, to_png

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def answer_the_guide(page: Page, *, touch: bool) -> None:
    for pool in ("Du personnel", "Des moyens et des fonctions support"):
        press(page.get_by_text(pool, exact=False).first, touch=touch)
        wait_idle(page)
    public = page.get_by_role("radiogroup", name="Des personnes publiques", exact=False)
    press(radio_option(public, "Non"), touch=touch)
    wait_idle(page)
    keep = page.get_by_role("radiogroup", name="Chaque organisation doit-elle garder", exact=False)
    press(radio_option(keep, "Oui"), touch=touch)
    wait_idle(page)


@pytest.mark.parametrize(("size", "touch"), [(DESKTOP, False), (PHONE, True)], ids=["desktop", "phone"])
def test_a_director_finds_the_forms_that_fit_side_by_side(
    browser: Browser, app_server: AppServer, size: dict[str, int], touch: bool
) -> None:
    context = browser.new_context(viewport=size, locale="fr-FR", has_touch=touch, is_mobile=touch)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}/guide?lang=fr")
        wait_idle(page)
        expect(page.get_by_role("heading", name="Choisir une forme de coopération")).to_be_visible()
        expect(page.get_by_text("Ceci n’est pas un conseil juridique", exact=False)).to_be_visible()
        answer_the_guide(page, touch=touch)
        # Staff and support functions, private partners, each keeping its legal existence: three forms.
        expect(page.get_by_role("heading", name="3 formes qui conviennent")).to_be_visible()
        for name in ("Convention de coopération", "Groupement d’intérêt économique (GIE)", "Groupement de coopération"):
            expect(page.get_by_role("heading", name=name, exact=False).first).to_be_visible()
        expect(page.get_by_text("Pour le personnel").first).to_be_visible()
        expect(page.get_by_text("texte juridique hors corpus", exact=False).first).to_be_visible()
        overflow = page.evaluate(HORIZONTAL_OVERFLOW_JS)
        if overflow > 1:
            raise ScreenDefect(f"the guide scrolls sideways by {overflow}px at {size['width']}px")
        name = "guide-desktop" if not touch else "guide-phone"
        shot(page, f"{name}-first-screen", full_page=False)
        shot(page, name)
        # The ruled-out forms, each with its reason.
        press(page.get_by_text("5 formes écartées, et pourquoi"), touch=touch)
        wait_idle(page)
        expect(page.get_by_text("Elle demande au moins un partenaire public.", exact=False)).to_be_visible()
        shot(page, f"{name}-ruled-out")
    finally:
        context.close()


SELECT_ALL = re.compile(r"^Select all$")


def choose_first_option(page: Page, select: Locator) -> None:
    """Pick the first option left in a select or multiselect, in its own list.

    Its list may stay open after a choice or close with the rerun that follows, and another select's list may still
    be open (under load, Escape closed the priorities' list only after the next select was looked at, and its option
    was picked instead of the action's). So whether the list is open is read on the select itself (its combobox's
    ``aria-expanded``), and the option is taken from the listbox labelled as the select, never from whatever list shows
    first; a rerun that took the option away meanwhile is tried again. A multiselect's list opens with Streamlit's
    own « Select all » (up to its maximum: the five priorities of the failed run), which is never the one meant."""
    # By its aria-label: the listbox's accessible name also takes in its aria-labelledby (the label, again).
    listbox = page.locator(f'[role="listbox"][aria-label="{select.get_attribute("aria-label")}"]')
    for _ in range(3):
        if select.get_attribute("aria-expanded") != "true":
            select.click()
        try:
            listbox.get_by_role("option").filter(has_not_text=SELECT_ALL).first.click(timeout=5_000)
        except PlaywrightTimeout:
            continue
        wait_idle(page)
        return
    raise AssertionError("no option could be chosen")


def seed_closed_workshop(server: AppServer) -> tuple[str, str]:
    """A closed workshop of the quick check with four answers, written into the server's database."""
    from storage import Store
    from storage.config import DEFAULT_DB_FILENAME
    from tests.workshop_seeds import closed_express_workshop

    store = Store(f"sqlite:///{server.data_dir / DEFAULT_DB_FILENAME}")
    try:
        seeded = closed_express_workshop(store)
        return seeded.facilitator_key, seeded.projection_token
    finally:
        store.close()


def test_a_facilitator_builds_a_plan_from_a_closed_workshop_and_projects_it(
    browser: Browser, app_server: AppServer, tmp_path: Path
) -> None:
    key, token = seed_closed_workshop(app_server)
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        # From the facilitator's link (the dashboard links here; its live refresh never lets a page settle).
        page.goto(f"{app_server.url}/plan?k={key}&lang=fr")
        wait_idle(page)
        expect(page.get_by_role("heading", name="Plan d’action", exact=True)).to_be_visible()
        expect(page.get_by_text("Choisissez de 3 à 5 priorités", exact=False)).to_be_visible()
        # By its label: the navigation's « 2 more » menu is a combobox too, and comes first. Each choice is counted,
        # and the priorities' list is closed before the action's select is used (see choose_first_option).
        priorities = page.get_by_role("combobox", name="Priorités retenues (3 à 5)")
        # One per priority chosen; hidden from the accessibility tree while a list is open (its popover hides the
        # rest of the page), hence include_hidden.
        chosen = page.get_by_role("button", name=re.compile(r"^Remove "), include_hidden=True)
        for count in range(1, 4):
            choose_first_option(page, priorities)
            expect(chosen).to_have_count(count)
        page.keyboard.press("Escape")
        expect(priorities).to_have_attribute("aria-expanded", "false")
        action_priority = page.get_by_role("combobox", name="Priorité", exact=True).first
        choose_first_option(page, action_priority)
        expect(action_priority).not_to_have_value("")
        expect(chosen).to_have_count(3)
        page.get_by_role("textbox", name="Quoi", exact=True).fill("Réunir le comité de pilotage hors période de crise")
        page.get_by_role("textbox", name="Qui (un rôle ou une instance)").fill("Bureau")
        page.get_by_role("textbox", name="Qui (un rôle ou une instance)").press("Enter")
        wait_idle(page)
        page.get_by_role("button", name="Enregistrer le plan").click()
        wait_idle(page)
        expect(page.get_by_text("Plan enregistré.")).to_be_visible()
        shot(page, "plan-desktop")
        # For the minutes: the PDF holds the plan with the results it was built from.
        pdf = download(page, "Télécharger le PDF", tmp_path)
        text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
        assert "Plan d’action" in text and "Réunir le comité de pilotage hors période de crise" in text
        assert "Bureau" in text and "À faire" in text
        assert to_png(pdf, "plan-report-fr")
        # The projector: read-only, opened with the projection token, no navigation bar.
        page.goto(f"{app_server.url}/plan_view?p={token}&lang=fr")
        wait_idle(page)
        expect(page.get_by_role("heading", name="Plan d’action", exact=True)).to_be_visible()
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
        expect(page.get_by_role("navigation", name="App pages")).to_have_count(0)
        expect(page.get_by_role("button", name="Enregistrer le plan")).to_have_count(0)
        shot(page, "plan-projected")
    finally:
        context.close()
