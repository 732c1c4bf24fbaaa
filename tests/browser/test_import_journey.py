"""Issue 17's journey in real Chromium: an adviser brings a questionnaire of their own, and a room answers it.

1. The adviser (1366×900 desktop, French) opens « Importer un questionnaire », downloads the example workbook, and
   changes it with openpyxl as one would in Excel: a title of their own (with Markdown and HTML in it, which must show
   as typed), a statement reworded, and one mistake: a statement moved to a dimension that does not exist.
2. The upload is refused with the problem at its sheet, row and column; the adviser fixes that cell, uploads again,
   and goes through the preview, step by step, in its phone-sized frame.
3. « Créer un atelier avec ce questionnaire »: the workshop page's code and links.
4. Two phones (390×844, touch) join with the link, answer every step of the imported questionnaire and send.
5. In English on a phone: the same mistaken workbook gives the problem in English, the fixed one its preview.

The oracle is the workbook as changed here (read back with the converter) and the French words written out below.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from scoring.model import Questionnaire, text_in
from scoring.sheet_read import parse_workbook
from tests.browser.helpers import click_button, press, radio_option, shot, wait_idle
from tests.browser.server import AppServer
from tests.browser.test_workshop import check_healthy, new_context, open_page

pytestmark = pytest.mark.browser

TITLE = "**Grille** <b>fédération</b> 2026"
TITLE_EN = "**Federation** <b>grid</b> 2026"
REWORDED = "Nos valeurs communes sont écrites noir sur blanc."
WRONG_DIMENSION = "valeurs"  # no such dimension: the mistake the adviser makes
WORKSHOP_TITLE = "Séance de la fédération"
ORGANISATIONS = ["Association A", "Association B"]
CODE_PATTERN = re.compile(r"^[2-9A-Z]{4}-[2-9A-Z]{4}$")
PHONE_WIDTH = 390
SLOW_MS = 60_000

UI = {
    "fr": {
        "page": "Importer un questionnaire",
        "example": "Télécharger le tableur d’exemple",
        "upload": "Déposer le questionnaire (XLSX ou YAML, 1 Mo au plus)",
        "problems": "1 problème empêche d’utiliser ce fichier ; rien n’a été enregistré.",
        "where": "feuille « statements », ligne 3, colonne A (dimension)",
        "next": "Suivant",
        "preview": "Aperçu, comme sur un téléphone",
        "field_title": "Titre de l’atelier",
        "field_organisations": "Organisations participantes (facultatif, une par ligne)",
        "create": "Créer un atelier avec ce questionnaire",
        "created": "L’atelier est créé. Projetez ce code, ou faites scanner le QR code.",
        "secret_title": "Votre lien pour animer l’atelier",
    },
    "en": {
        "upload": "Upload the questionnaire (XLSX or YAML, 1 MB at most)",
        "problems": "1 problem prevents using this file; nothing was saved.",
        "where": "sheet « statements », row 3, column A (dimension)",
        "next": "Next",
    },
}
PHONE = {
    "start": "Commencer à répondre",
    "role": "Votre rôle",
    "organisation": "Votre organisation",
    "next": "Suivant",
    "submit": "Envoyer mes réponses",
    "thanks": "Merci ! Vos réponses ont bien été envoyées.",
}
ROLES = ["Administrateur·rice", "Direction"]


def spaces(text: str) -> str:
    """French typography's no-break spaces as plain ones, to compare with the words above."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def headers(sheet) -> dict[str, str]:
    return {cell.value: cell.column_letter for cell in sheet[1]}


def changed_in_excel(example: bytes, *, mistake: bool) -> bytes:
    """The example workbook as an adviser edits it: their title, a statement reworded, and (``mistake``) the second
    statement moved to a dimension that does not exist."""
    book = openpyxl.load_workbook(io.BytesIO(example))
    settings = book["settings"]
    columns = headers(settings)
    settings[f"{columns['id']}2"] = "grille-federation"
    settings[f"{columns['title.fr']}2"] = TITLE
    settings[f"{columns['title.en']}2"] = TITLE_EN
    statements = book["statements"]
    columns = headers(statements)
    statements[f"{columns['text.fr']}2"] = REWORDED
    if mistake:
        statements[f"{columns['dimension']}3"] = WRONG_DIMENSION
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def statement(scope: Page | Locator, number: int, text: str) -> Locator:
    """A statement's radio group by the label one reads (« 1. » and the statement). Not by its accessible name: for
    an imported questionnaire the label is escaped Markdown (ui.text.plain), and Streamlit gives that escaped source
    as the aria-label."""
    page = scope if isinstance(scope, Page) else scope.page
    label = page.locator('[data-testid="stWidgetLabel"]').filter(
        has_text=re.compile(f"^{number}\\.\\s*{re.escape(text)}$")
    )
    return scope.locator('[data-testid="stRadio"]').filter(has=label)


def upload(page: Page, path: Path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    wait_idle(page)


def phone_frame(page: Page) -> Locator:
    return page.locator("div.st-key-import_phone")


def check_frame(page: Page, title: str) -> None:
    """The preview is phone-sized, and the author's title shows exactly as typed: no bold, no HTML element."""
    frame = phone_frame(page)
    expect(frame).to_be_visible()
    box = frame.bounding_box()
    assert box is not None and 300 <= box["width"] <= PHONE_WIDTH + 2, f"the phone frame is {box} px"
    heading = frame.get_by_role("heading", level=4)
    expect(heading).to_have_text(title)
    assert frame.locator("h4 strong, h4 b, h4 em").count() == 0, "the title's markup was interpreted"


def test_an_adviser_imports_a_workbook_fixes_it_previews_it_and_a_room_answers_it(
    browser: Browser, app_server: AppServer, tmp_path: Path
) -> None:
    words = UI["fr"]
    errors: list[str] = []
    desktop = new_context(browser, phone=False, width=1366, height=900)
    phones: list[BrowserContext] = []
    try:
        page = open_page(desktop, errors)
        page.goto(f"{app_server.url}/import?lang=fr")
        wait_idle(page)
        expect(page.get_by_role("heading", name=words["page"], exact=True)).to_be_visible()

        # 1. The example, downloaded as the adviser does, then changed « in Excel ».
        with page.expect_download() as info:
            page.get_by_role("button", name=words["example"]).click()
        example = tmp_path / info.value.suggested_filename
        info.value.save_as(example)
        assert example.suffix == ".xlsx"
        mistaken = tmp_path / "grille-federation.xlsx"
        mistaken.write_bytes(changed_in_excel(example.read_bytes(), mistake=True))

        # 2. The mistake, at its sheet, row and column; nothing to preview or create.
        upload(page, mistaken)
        expect(page.get_by_text(words["problems"], exact=False)).to_be_visible()
        problems = spaces(page.locator('[data-testid="stCode"]').inner_text())
        assert words["where"] in problems and WRONG_DIMENSION in problems, problems
        expect(page.get_by_role("button", name=words["create"])).to_have_count(0)
        check_healthy(page, errors)
        shot(page, "import-01-problem-fr-desktop")

        fixed = tmp_path / "grille-federation-corrigee.xlsx"
        fixed.write_bytes(changed_in_excel(example.read_bytes(), mistake=False))
        questionnaire = parse_workbook(fixed.read_bytes(), fixed.name)
        upload(page, fixed)
        expect(page.get_by_role("heading", name=words["preview"], exact=True)).to_be_visible()
        check_frame(page, TITLE)
        frame = phone_frame(page)
        expect(frame).to_contain_text("Votre rôle")  # the first step: the profile
        shot(page, "import-02-preview-profile-fr-desktop")
        click_button(frame, words["next"], touch=False)
        wait_idle(page)
        first = questionnaire.dimensions[0]
        expect(frame.get_by_role("heading", name=text_in(first.label, "fr"), exact=True)).to_be_visible()
        expect(statement(frame, 1, REWORDED)).to_be_visible()
        check_healthy(page, errors)
        shot(page, "import-03-preview-dimension-fr-desktop")

        # 3. The workshop, from the workshop page's own screen.
        page.get_by_label(words["field_title"], exact=True).fill(WORKSHOP_TITLE)
        page.get_by_label(words["field_organisations"], exact=True).fill("\n".join(ORGANISATIONS))
        page.get_by_role("button", name=words["create"], exact=True).click()
        # Creating runs the check again, writes, then the workshop page draws its QR code: slow on a loaded machine.
        expect(page.get_by_text(words["created"], exact=True)).to_be_visible(timeout=SLOW_MS)
        wait_idle(page)
        code_heading = page.get_by_role("heading", name=CODE_PATTERN)
        expect(code_heading).to_have_count(1)
        blocks = page.locator('[data-testid="stCode"] code')
        expect(blocks.first).not_to_be_empty()
        join = next(text.strip() for text in blocks.all_inner_texts() if "/join?" in text)
        # Rooted at this very server (at « /import_questionnaire », st.context.url made it « /import_/join »).
        assert join.startswith(f"{app_server.url}/join?code="), join
        check_healthy(page, errors)
        shot(page, "import-04-created-fr-desktop", full_page=False)

        # 4. Two phones answer it.
        answered = []
        for role in ROLES:
            context = new_context(browser, phone=True, width=PHONE_WIDTH, height=844)
            phones.append(context)
            answered.append((open_page(context, []), role))
        for phone, _role in answered:
            phone.goto(join)
        for index, (phone, role) in enumerate(answered):
            answer_everything(phone, questionnaire, role, ORGANISATIONS[index], shots=index == 0)
    finally:
        for context in phones:
            context.close()
        desktop.close()


def answer_everything(page: Page, questionnaire: Questionnaire, role: str, organisation: str, *, shots: bool) -> None:
    wait_idle(page)
    expect(page.get_by_role("heading", name=WORKSHOP_TITLE, exact=True)).to_be_visible()
    # The questionnaire's title under the workshop's, as typed.
    expect(page.get_by_text(TITLE, exact=True)).to_be_visible()
    if shots:
        shot(page, "import-05-phone-join-fr", full_page=False)
    click_button(page, PHONE["start"], touch=True)
    wait_idle(page)
    for group, label in ((PHONE["role"], role), (PHONE["organisation"], organisation)):
        radios = page.get_by_role("radiogroup", name=group)
        press(radio_option(radios, label), touch=True)
        wait_idle(page)
    click_button(page, PHONE["next"], touch=True)
    for index, dimension in enumerate(questionnaire.dimensions):
        wait_idle(page)
        expect(page.get_by_role("heading", name=text_in(dimension.label, "fr"), exact=True)).to_be_visible()
        # The questionnaire page's title is the author's, as typed.
        expect(page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
        for number, item in enumerate(dimension.items, start=1):
            group = statement(page, number, text_in(item.text, "fr"))
            press(radio_option(group, f"4 · {text_in(questionnaire.scale.labels[4], 'fr')}"), touch=True)
            wait_idle(page)
        if shots and index == 0:
            check_healthy(page, [])
            shot(page, "import-06-phone-dimension-fr")
        click_button(page, PHONE["next"], touch=True)
    wait_idle(page)
    click_button(page, PHONE["submit"], touch=True)
    expect(page.get_by_text(PHONE["thanks"], exact=True)).to_be_visible(timeout=30_000)
    wait_idle(page)
    check_healthy(page, [])


def test_in_english_on_a_phone_the_problem_and_the_preview(
    browser: Browser, app_server: AppServer, tmp_path: Path
) -> None:
    from ui.importing import example_workbook

    words = UI["en"]
    errors: list[str] = []
    context = new_context(browser, phone=True, width=PHONE_WIDTH, height=844)
    try:
        page = open_page(context, errors)
        page.goto(f"{app_server.url}/import?lang=en")
        wait_idle(page)
        mistaken = tmp_path / "grid.xlsx"
        mistaken.write_bytes(changed_in_excel(example_workbook(), mistake=True))
        upload(page, mistaken)
        expect(page.get_by_text(words["problems"], exact=False)).to_be_visible()
        problems = spaces(page.locator('[data-testid="stCode"]').inner_text())
        assert words["where"] in problems, problems
        check_healthy(page, errors)
        shot(page, "import-07-problem-en-phone")
        fixed = tmp_path / "grid-fixed.xlsx"
        fixed.write_bytes(changed_in_excel(example_workbook(), mistake=False))
        upload(page, fixed)
        check_frame(page, TITLE_EN)
        check_healthy(page, errors)
        shot(page, "import-08-preview-en-phone")
    finally:
        context.close()
