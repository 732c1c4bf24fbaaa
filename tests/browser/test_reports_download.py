"""Reports from the browser: each file downloaded from each page, and each page printed, turned into PNG pages
(``pdftoppm``) beside the screenshots, to be looked at. What a look once found is asserted here.

The workshop is seeded through the Store (a closed workshop with six answers): the journey itself is tested
elsewhere.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.browser.helpers import SCREENSHOTS_DIR
from tests.browser.server import AppServer, seed_submitted_response
from tests.browser.test_results_layout import ANSWERS

pytestmark = pytest.mark.browser

PDFTOPPM = shutil.which("pdftoppm")
ORGANISATIONS = ["Association A", "Association B"]


def to_png(pdf: Path, name: str) -> list[Path]:
    """Every page of ``pdf`` as ``artifacts/screenshots/<name>-<n>.png``."""
    assert PDFTOPPM, "pdftoppm is missing: run scripts/install-system-packages.sh (poppler-utils)"
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS_DIR.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run([PDFTOPPM, "-r", "60", "-png", str(pdf), str(SCREENSHOTS_DIR / name)], check=True)
    pages = sorted(SCREENSHOTS_DIR.glob(f"{name}-*.png"))
    assert pages, f"pdftoppm made no page of {pdf}"
    return pages


@pytest.fixture(scope="module")
def closed_workshop(app_server: AppServer) -> str:
    """A closed workshop of the quick check with six submitted answers; returns the facilitator key."""
    from scoring.loader import load_questionnaire
    from scoring.privacy import WorkshopSpec
    from storage import Store
    from storage.config import DEFAULT_DB_FILENAME
    from ui import workshops

    store = Store(f"sqlite:///{app_server.data_dir / DEFAULT_DB_FILENAME}")
    express = load_questionnaire(Path(__file__).resolve().parents[2] / "questionnaires" / "express.yaml")
    spec = WorkshopSpec(express, ("role", "organisation"), tuple(ORGANISATIONS))
    try:
        created = store.create_workshop(
            title="Conseil d’administration « L’Œuvre » : 12 mars",
            questionnaire_id="express",
            organisations=ORGANISATIONS,
            profile_fields=["role", "organisation"],
            show_results_to_participants=True,
        )
        items = list(ANSWERS)
        for person in range(6):
            token = store.new_respondent_token()
            answers = {item: (position + person) % 5 + 1 for position, item in enumerate(items)}
            store.save_draft(
                token,
                questionnaire_id="express",
                workshop_id=created.workshop_id,
                answers=answers,  # type: ignore[arg-type]
                profile={"role": "administrateur", "organisation": ORGANISATIONS[person % 2]},
                comments={},
                step=0,
            )
            assert store.submit(token)
        # What the app does after a first submit: a publication round of the privacy rule.
        workshops.publish_round(store, spec, created.workshop_id)
        store.set_workshop_status(created.facilitator_key, "closed")
        return created.facilitator_key
    finally:
        store.close()


def open_page(browser: Browser, url: str, lang: str, ready: str) -> Page:
    """The page once its ``ready`` button shows. Not ``settle``: the dashboard refreshes itself every 4 s, and on a
    loaded machine one refresh may start before the last has finished drawing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale=f"{lang}-FR")
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_role("button", name=ready)).to_be_visible(timeout=180_000)
    page.wait_for_timeout(1000)  # Plotly draws after the elements appear
    return page


def download(page: Page, label: str, target: Path) -> Path:
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=label).click()
    path = target / info.value.suggested_filename
    info.value.save_as(path)
    return path


# The width of an A4 page's content at 96 px per inch, margins of ui/style.py's @page taken off: a browser lays
# out a printed page at this width, and Streamlit's charts redraw to it.
PRINT_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)


def print_page(page: Page, name: str) -> tuple[PdfReader, list[Path]]:
    """Print as a person does: the page laid out at the paper's width, with the print stylesheet."""
    page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    page.wait_for_timeout(2500)  # Streamlit's charts redraw for the new width
    path = SCREENSHOTS_DIR / f"{name}.pdf"
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(path), format="A4", print_background=True)
    page.emulate_media(media="screen")
    return PdfReader(str(path)), to_png(path, name)


def check_pdf(path: Path, name: str, *must_read: str) -> list[Path]:
    reader = PdfReader(str(path))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    for words in must_read:
        assert words in text, (words, text[:400])
    # Seen on page 3 of the dashboard's PDF: « Source : [Citation(key='le-boeuf-2010', …)] », a list printed raw.
    assert "Citation(" not in text and "locator=" not in text, "a source printed as data, not as its reference"
    return to_png(path, name)


def check_xlsx(path: Path, *sheets: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    for sheet in sheets:
        assert sheet in book.sheetnames


def test_dashboard_downloads_and_prints_in_french(
    browser: Browser, app_server: AppServer, closed_workshop: str, tmp_path: Path
) -> None:
    page = open_page(browser, f"{app_server.url}/dashboard?k={closed_workshop}&lang=fr", "fr", "Télécharger le PDF")
    pdf = download(page, "Télécharger le PDF", tmp_path)
    assert pdf.name.startswith("radar-conseil-d-administration-l-oeuvre-12-mars-") and pdf.suffix == ".pdf"
    check_pdf(pdf, "report-dashboard-fr", "Conseil d’administration", "6 personnes ont répondu", "Méthode")
    xlsx = download(page, "Télécharger le tableur", tmp_path)
    assert xlsx.suffix == ".xlsx"
    check_xlsx(xlsx, "Synthèse", "Dimensions", "Affirmations", "Méthode")

    page.screenshot(path=str(SCREENSHOTS_DIR / "report-dashboard-screen-fr.png"), full_page=True)
    printed, pages = print_page(page, "print-dashboard-fr")
    text = "\n".join(p.extract_text() or "" for p in printed.pages)
    # Nothing to press on paper: no button, no tabs, no language switch.
    for hidden in ("Télécharger le PDF", "Gérer l’atelier", "English", "Projeter"):
        assert hidden not in text, hidden
    assert "Radar du groupe" in text
    # The radar whole: its four axis labels are on paper (« Communication » was once cut at the right edge).
    for label in ("Éthique", "Communication", "Objectifs", "Gouvernance"):
        assert label in text, label
    assert len(pages) <= 6, f"the printed dashboard takes {len(pages)} pages"


def test_own_results_download_and_print_in_english(browser: Browser, app_server: AppServer, tmp_path: Path) -> None:
    token = seed_submitted_response(app_server, "express", ANSWERS)
    page = open_page(browser, f"{app_server.url}/results?r={token}&lang=en", "en", "Download the PDF")
    pdf = download(page, "Download the PDF", tmp_path)
    assert pdf.name.startswith("radar-quick-check-")
    check_pdf(pdf, "report-own-en", "Overall score", "1 person answered", "Method", "Communication")
    xlsx = download(page, "Download the spreadsheet", tmp_path)
    check_xlsx(xlsx, "Summary", "Dimensions", "Statements", "Method")

    printed, pages = print_page(page, "print-own-en")
    text = "\n".join(p.extract_text() or "" for p in printed.pages)
    assert "Download the PDF" not in text and "Français" not in text
    # The radar printed whole: every axis label is on paper (« Communication » was once cut off).
    for label in ("Communication", "Governance"):
        assert label in text, label
    assert len(pages) <= 6, f"own results print on {len(pages)} pages"
