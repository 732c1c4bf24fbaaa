"""Teaching mode in real Chromium: a trainer opens a demo workshop, projects it in class, three students join it on
their phones, the figures move by a batch, and the trainer resets it.

1. The trainer (1366×768, a classroom projector) opens « Mode formation » and, on the first case, « Ouvrir un
   atelier de démonstration »: the demo's code shows with « Données fictives ».
2. The classroom projector (1366×768 and 1920×1080): one disputed statement at a time, in type measured large
   enough for the back of a room, « Suivant » to the next one.
3. Three students (390×844 phones) open the join link: « Données fictives » there too, and « Commencer à
   répondre ». The first one types their answers on the phone, step by step, and sends them; the two others'
   are written through the Store (the answering pages have their own browser tests). The projection's
   « Résultats sur N réponses » then moves by one batch of 3, never by one (the first student's answer is said
   to wait).
4. The trainer resets the demo: back to the synthetic answers only, under the same code.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from i18n import translate
from scoring.cases import default_teaching, load_cases
from scoring.loader import load_questionnaire
from scoring.privacy import WorkshopSpec
from scoring.synthetic import synthetic_responses
from storage.codes import projection_token_for
from tests.browser.helpers import HORIZONTAL_OVERFLOW_JS, ScreenDefect, press, shot, wait_idle
from tests.browser.server import ROOT, AppServer
from ui import workshops

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
LIVE_REFRESH_TIMEOUT_MS = 40_000
CODE_PATTERN = re.compile(r"^[2-9A-Z]{4}-[2-9A-Z]{4}$")
# Words of the interface as the trainer and the students read them, written out as an oracle.
FICTITIOUS = "Données fictives"
OPEN_DEMO = "Ouvrir un atelier de démonstration"
NEXT = "Suivant"
RESET = "Remettre à zéro"
RESET_DONE = "L’atelier est revenu à ses seules réponses fictives."
RESET_CONFIRM = translate("teaching.reset_confirm", "fr")
START = "Commencer à répondre"
SEND = "Envoyer mes réponses"
THANKS = "Merci"
# From the back of a classroom (about 10 m from a 2 m wide screen), text under 32 CSS px at 1366 px is not read.
MIN_STATEMENT_PX = 32
MIN_QUESTION_PX = 30

QUESTIONNAIRES = {p.stem: load_questionnaire(p) for p in (ROOT / "questionnaires").glob("*.yaml")}
CASES = load_cases(questionnaires=QUESTIONNAIRES, teaching=default_teaching())
CASE = CASES[0]  # the first on the page: files in name order
QUESTIONNAIRE = QUESTIONNAIRES[CASE.questionnaire]
SYNTHETIC = len(synthetic_responses(CASE, QUESTIONNAIRE))
BATCH = QUESTIONNAIRE.min_group_size


def counted(page: Page) -> int:
    """« Résultats sur N réponses. », on the projector's counts line."""
    pattern = re.compile(r"Résultats sur (\d+) réponses?\.")
    caption = page.get_by_text(pattern)
    expect(caption).to_be_visible(timeout=LIVE_REFRESH_TIMEOUT_MS)
    return int(pattern.search(caption.inner_text()).group(1))


def font_px(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def answer_on_the_phone(page: Page) -> None:
    """A student answers every step as asked on the phone: the first option of each profile question, « 3 » to
    each statement, « Suivant » to the end, then « Envoyer mes réponses ».

    Each step is answered once: after « Suivant », the next one is waited for (the progress line changes) before
    anything is tapped. Tapping again the options of the step being left, while the next one was being drawn,
    sometimes waited 30 s on an option detached and drawn again, over and over (CI, about one run in four)."""
    progress = page.locator('[data-testid="stProgress"]')
    for _ in range(20):
        wait_idle(page)
        groups = page.locator('[data-testid="stRadio"]:not(.st-key-lang_selector *) [role="radiogroup"]')
        for index in range(groups.count()):
            options = groups.nth(index).locator('[data-testid="stRadioOption"]')
            middle = options.filter(has_text=re.compile(r"^3 · "))
            target = middle if middle.count() else options.first
            press(target, touch=True)
        wait_idle(page)
        send = page.get_by_role("button", name=SEND, exact=True)
        if send.count():
            press(send, touch=True)
            return
        step = progress.inner_text() if progress.count() else ""
        press(page.get_by_role("button", name=NEXT, exact=True), touch=True)
        if step:
            expect(progress).not_to_have_text(step, timeout=TIMEOUT_MS)
    raise AssertionError("the questionnaire never reached « Envoyer mes réponses »")


def seed_student(server: AppServer, workshop_code: str, number: int) -> None:
    from storage import Store
    from storage.config import DEFAULT_DB_FILENAME

    store = Store(f"sqlite:///{server.data_dir / DEFAULT_DB_FILENAME}")
    try:
        workshop = store.workshop_for_participant(workshop_code)
        token = store.new_respondent_token()
        answers = {item_id: 1 + (number + index) % 5 for index, item_id in enumerate(QUESTIONNAIRE.item_ids)}
        role = CASE.roles[number % len(CASE.roles)].answers_as
        store.save_draft(
            token,
            questionnaire_id=QUESTIONNAIRE.id,
            workshop_id=workshop.id,
            answers=answers,
            profile={"role": role},
            comments={},
            step=len(QUESTIONNAIRE.dimensions),
        )
        assert store.submit(token)
        # What the app does after a submit: a publication round (reading never publishes).
        spec = WorkshopSpec(QUESTIONNAIRE, tuple(workshop.profile_fields), tuple(workshop.organisations))
        workshops.publish_round(store, spec, workshop.id)
    finally:
        store.close()


def test_a_trainer_opens_projects_and_resets_a_demo(browser: Browser, app_server: AppServer) -> None:
    errors: list[str] = []
    trainer = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR")
    trainer.set_default_timeout(TIMEOUT_MS)
    phones = []
    try:
        page = trainer.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{app_server.url}/teaching")
        wait_idle(page)
        expect(page.get_by_role("heading", name="Mode formation", exact=True)).to_be_visible()
        page.get_by_role("button", name=OPEN_DEMO).first.click()
        wait_idle(page)
        expect(page.get_by_text(FICTITIOUS).first).to_be_visible()
        code_heading = page.get_by_role("heading", name=CODE_PATTERN)
        expect(code_heading).to_have_count(1)
        code = code_heading.inner_text().strip()
        assert "k=" not in page.url  # this screen is projected: the key stays out of its URL bar
        shot(page, "teaching-01-demo-opened-1366", full_page=False)
        classroom_href = page.get_by_role("link", name=re.compile("Projeter en classe")).get_attribute("href")
        token = re.search(r"[?&]p=([^&]+)", classroom_href).group(1)
        dashboard_href = page.get_by_role("link", name="Ouvrir le tableau de bord").get_attribute("href")
        assert projection_token_for(re.search(r"[?&]k=([^&]+)", dashboard_href).group(1)) == token

        # The classroom projector: one disputed statement, large, with its question; then the next.
        room = trainer.new_page()
        room.on("pageerror", lambda error: errors.append(str(error)))
        room.goto(f"{app_server.url}/classroom?p={token}&lang=fr")
        wait_idle(room)
        expect(room.get_by_text(FICTITIOUS).first).to_be_visible()
        expect(room.locator(".st-key-classroom h2")).to_have_count(1)
        first_statement = room.locator(".st-key-classroom h2").inner_text()
        expect(room.locator(".st-key-classroom .js-plotly-plot")).to_have_count(1, timeout=LIVE_REFRESH_TIMEOUT_MS)
        for width, height in ((1366, 768), (1920, 1080)):
            room.set_viewport_size({"width": width, "height": height})
            wait_idle(room)
            statement_px = font_px(room, ".st-key-classroom h2")
            question_px = font_px(room, ".st-key-classroom h3")
            if statement_px < MIN_STATEMENT_PX or question_px < MIN_QUESTION_PX:
                raise ScreenDefect(f"at {width}×{height}: statement {statement_px} px, question {question_px} px")
            # Seen at 1366×768: the question under a tall chart was off the first screen. Now it must be on it.
            for what in (".st-key-classroom h3", ".st-key-classroom_nav button"):
                box = room.locator(what).last.bounding_box()
                if box is None or box["y"] + box["height"] > height:
                    raise ScreenDefect(f"{what} is below the first screen at {width}×{height}: {box}")
            if room.evaluate(HORIZONTAL_OVERFLOW_JS) > 0:
                raise ScreenDefect(f"the classroom screen scrolls sideways at {width}×{height}")
            shot(room, f"teaching-02-classroom-{width}", full_page=False)
        room.get_by_role("button", name=NEXT).click()
        wait_idle(room)
        expect(room.locator(".st-key-classroom h2")).not_to_have_text(first_statement)
        shot(room, "teaching-03-classroom-next-1920", full_page=False)
        room.close()  # one live page fewer for a loaded server: the projection below watches the figures

        projection = trainer.new_page()
        projection.goto(f"{app_server.url}/projection?p={token}&lang=fr")
        wait_idle(projection)
        expect(projection.get_by_text(FICTITIOUS).first).to_be_visible()
        # The synthetic answers were published when the demo was filled: all of them count, none held back.
        before = counted(projection)
        assert before == SYNTHETIC, (before, SYNTHETIC)

        for number in range(3):
            phone = browser.new_context(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fr-FR"
            )
            phone.set_default_timeout(TIMEOUT_MS)
            phones.append(phone)
            student = phone.new_page()
            student.on("pageerror", lambda error: errors.append(str(error)))
            student.goto(f"{app_server.url}/join?code={code}&lang=fr", wait_until="domcontentloaded")
            wait_idle(student)
            expect(student.get_by_text(FICTITIOUS).first).to_be_visible()
            expect(student.get_by_role("button", name=START)).to_be_visible()
            if student.evaluate(HORIZONTAL_OVERFLOW_JS) > 0:
                raise ScreenDefect("the join screen of a demo scrolls sideways on a phone")
            if number == 0:
                shot(student, "teaching-04-join-phone-390")
                press(student.get_by_role("button", name=START), touch=True)
                answer_on_the_phone(student)
                expect(student.get_by_text(re.compile(THANKS)).first).to_be_visible()
                expect(student.get_by_text(FICTITIOUS).first).to_be_visible()
                shot(student, "teaching-04b-student-sent-phone-390")
            else:
                seed_student(app_server, code, number)
            if number == 0:  # one answer alone never moves the figures; the projector says it waits, and why
                expect(projection.get_by_text("1 autre réponse n’est pas encore comptée")).to_be_visible(
                    timeout=LIVE_REFRESH_TIMEOUT_MS
                )
                assert counted(projection) == before

        # Three students more: one batch of 3 goes in, all of it. Never 1 or 2.
        expect(projection.get_by_text(f"Résultats sur {before + BATCH} réponses.")).to_be_visible(
            timeout=LIVE_REFRESH_TIMEOUT_MS
        )
        shot(projection, "teaching-05-projection-after-students-1366", full_page=False)

        expect(page.get_by_role("button", name=RESET)).to_be_disabled()  # confirmed first
        page.get_by_text(RESET_CONFIRM).click()
        wait_idle(page)
        page.get_by_role("button", name=RESET).click()
        wait_idle(page)
        expect(page.get_by_text(RESET_DONE)).to_be_visible()
        expect(page.get_by_role("heading", name=code, exact=True)).to_be_visible()
        expect(projection.get_by_text(f"Résultats sur {SYNTHETIC} réponses.")).to_be_visible(
            timeout=LIVE_REFRESH_TIMEOUT_MS
        )
        shot(page, "teaching-06-reset-1366", full_page=False)
        assert errors == []
    finally:
        for phone in phones:
            phone.close()
        trainer.close()
