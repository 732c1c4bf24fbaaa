"""The respondent's journey in a real browser: home → profile → four dimensions → summary → results.

Run twice: on a 1366×900 desktop in French, and on a 390×844 touch phone in English (switched with the
« Français / English » control, as a user would), so that both languages and both layouts are walked through.
Along the way: a statement answered with the keyboard only, and a reload in the middle that must lose nothing.

Questionnaire texts (dimension labels, statements, scale labels) are read from questionnaires/express.yaml, so
the test follows content edits; the interface words and the expected scores are written out here on purpose,
as an oracle independent of the app's catalogue and of the scoring module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from i18n import LANGUAGES, catalogue
from scoring.loader import load_questionnaire
from scoring.model import Questionnaire, text_in
from tests.browser.helpers import HORIZONTAL_OVERFLOW_JS, choose_radio, shot, statement_group, wait_idle
from tests.browser.helpers import click_button as click_named_button
from tests.browser.server import ROOT, AppServer

pytestmark = pytest.mark.browser

EXPRESS = ROOT / "questionnaires" / "express.yaml"
TIMEOUT_MS = 15_000
NA = "na"  # the « Je ne sais pas / sans objet » option, last of each row

# What the respondent answers, statement by statement (scale value, or NA). Chosen so that the four dimensions
# land in three different bands; the third statement of each dimension is reverse-worded.
#   ethique       4, 4, 2(rev)  → 75, 75, 75    → 75.0  strength (75 is the lower bound of « point fort »)
#   communication 2, 2, 4(rev)  → 25, 25, 25    → 25.0  priority
#   objectifs     3, NA, 3(rev) → 50, –, 50     → 50.0  watch (two answers of three: enough coverage)
#   gouvernance   5, 5, 1(rev)  → 100, 100, 100 → 100.0 strength
#   overall: (75 + 25 + 50 + 100) / 4 = 62.5, watch
ANSWERS: dict[str, list[int | str]] = {
    "ethique": [4, 4, 2],
    "communication": [2, 2, 4],
    "objectifs": [3, NA, 3],
    "gouvernance": [5, 5, 1],
}
EXPECTED_DIMENSION_SCORES = {"ethique": 75.0, "communication": 25.0, "objectifs": 50.0, "gouvernance": 100.0}
EXPECTED_OVERALL = 62.5
# The statement answered with the keyboard only: the second one of the first dimension.
KEYBOARD_ITEM = ("ethique", 1)

# The interface words a respondent reads, per language.
UI: dict[str, dict[str, str]] = {
    "fr": {
        "language_name": "Français",
        "home_title": "Radar du partenariat",
        "start": "Commencer",
        "progress": "Étape {step} sur {total}",
        "profile_title": "Qui répond ?",
        "role": "Votre rôle",
        "role_answer": "Administrateur·rice",
        "next": "Suivant",
        "not_applicable": "Je ne sais pas / sans objet",
        "summary_title": "Récapitulatif avant l’envoi",
        "summary_count": "Vous avez répondu à 12 affirmations sur 12.",
        "submit": "Envoyer mes réponses",
        "results_title": "Vos résultats : {questionnaire}",
        "overall": "Score global (sur 100)",
        "dimensions_title": "Par dimension",
        "recommendations_title": "Recommandations",
        "source": "Source :",
    },
    "en": {
        "language_name": "English",
        "home_title": "Partnership Radar",
        "start": "Start",
        "progress": "Step {step} of {total}",
        "profile_title": "Who is answering?",
        "role": "Your role",
        "role_answer": "Board member",
        "next": "Next",
        "not_applicable": "Don't know / not applicable",
        "summary_title": "Summary before sending",
        "summary_count": "You answered 12 statements out of 12.",
        "submit": "Send my answers",
        "results_title": "Your results: {questionnaire}",
        "overall": "Overall score (out of 100)",
        "dimensions_title": "By dimension",
        "recommendations_title": "Recommendations",
        "source": "Source:",
    },
}


@dataclass(frozen=True)
class Device:
    name: str
    lang: str
    width: int
    height: int
    phone: bool
    # 1 keeps the phone screenshots at 390 px wide: small files, and what the eye reads at true size.
    scale: int = 1


DEVICES = [
    Device("desktop", "fr", 1366, 900, phone=False),
    Device("phone", "en", 390, 844, phone=True),
]


@dataclass
class Journey:
    """One walk through the app: the page, where it is, and how to name its screenshots."""

    page: Page
    device: Device
    questionnaire: Questionnaire
    errors: list[str]

    @property
    def lang(self) -> str:
        return self.device.lang

    def words(self, key: str, **params: object) -> str:
        return UI[self.lang][key].format(**params)

    def text(self, value: dict[str, str] | str | None) -> str:
        return text_in(value, self.lang) or ""

    def shot(self, number: int, what: str, *, full_page: bool = True) -> Path:
        self.check_healthy()
        return shot(self.page, f"journey-{self.device.name}-{self.lang}-{number:02d}-{what}", full_page=full_page)

    def check_healthy(self) -> None:
        """What must hold on every screen of the journey, checked before each screenshot."""
        # No Python exception on screen and no JavaScript error: a journey that « works » despite them lies.
        expect(self.page.locator('[data-testid="stException"]')).to_have_count(0)
        assert not self.errors, f"JavaScript errors in the page: {self.errors}"
        # Nothing wider than the screen: on a phone, a sideways scroll hides half of every answer row.
        overflow = self.page.evaluate(HORIZONTAL_OVERFLOW_JS)
        assert overflow <= 1, f"The page is {overflow} px wider than the {self.device.width} px screen"
        # No sentence of the other language: a half-translated screen is the first thing a board member notices.
        leaked = other_language_fragments(self.page, self.lang, self.questionnaire)
        assert not leaked, f"Text in the other language on a {self.lang} screen: {leaked}"

    @property
    def total_steps(self) -> int:
        # The profile step (express asks the role only: the organisation list is a workshop's), one step per
        # dimension, the summary.
        return 1 + len(self.questionnaire.dimensions) + 1

    def expect_step(self, step: int) -> None:
        progress = self.page.locator('[data-testid="stProgress"]')
        expect(progress).to_contain_text(self.words("progress", step=step, total=self.total_steps), timeout=TIMEOUT_MS)


# Everything a user can read: the HTML text, and the SVG text of the charts (labels, ticks, bar texts).
VISIBLE_TEXT_JS = """() => [
    document.body.innerText,
    ...[...document.querySelectorAll('svg text')].map(text => text.textContent),
].join('\\n')"""


def other_language_fragments(page: Page, lang: str, questionnaire: Questionnaire) -> list[str]:
    """Sentences of the interface or of the questionnaire, in the other language, that show on this screen.

    Only fragments of two words or more, and different in the two languages, count: « Communication » or
    « Score » are the same word in both; punctuation is no word (« » ( » is between the words of either).
    """
    (other,) = [code for code in LANGUAGES if code != lang]
    pairs = [(catalogue(other)[key], catalogue(lang).get(key, "")) for key in catalogue(other)]
    texts = [questionnaire.title, questionnaire.description]
    for dimension in questionnaire.dimensions:
        texts += [dimension.label, dimension.description]
        texts += [item.text for item in dimension.items]
    texts += list(questionnaire.scale.labels.values())
    pairs += [(text_in(t, other) or "", text_in(t, lang) or "") for t in texts if isinstance(t, dict)]
    shown = " ".join(page.evaluate(VISIBLE_TEXT_JS).split())
    leaked = []
    for foreign, own in pairs:
        for fragment in re.split(r"\{[^}]*\}|\*\*|\n", foreign):
            fragment = " ".join(fragment.split()).strip(" :;,.")
            words = [word for word in fragment.split() if any(character.isalpha() for character in word)]
            if len(words) >= 2 and fragment not in own and fragment in shown:
                leaked.append(fragment)
    return sorted(set(leaked))


# ----- locating Streamlit widgets as a user sees them ----------------------------------------------------------


def option_label(journey: Journey, value: int | str) -> str:
    if value == NA:
        return journey.words("not_applicable")
    return f"{value} · {journey.text(journey.questionnaire.scale.labels[int(value)])}"


def choose(journey: Journey, group: Locator, label: str) -> None:
    """Click (or tap) an option's visible label, like a person, and wait for the rerun that saves the draft."""
    choose_radio(journey.page, group, label, touch=journey.device.phone)


def choose_with_keyboard(journey: Journey, previous: Locator, group: Locator, label: str, position: int) -> None:
    """Tab from the previous statement into this one, select with Space, move with the arrow keys.

    ``position`` is the option's index in the row (0 for « 1 · … »). Nothing is clicked: this is the path of a
    respondent who cannot use a mouse, and of a screen-reader user.
    """
    page = journey.page
    previous.get_by_role("radio").and_(previous.locator("input:checked")).focus()
    for _ in range(10):  # a help icon or two may sit between the two groups
        page.keyboard.press("Tab")
        if group.locator("input:focus").count():
            break
    else:
        pytest.fail("Tab never reached the next statement's radio buttons")
    focused = group.locator("input:focus")
    expect(focused).not_to_be_checked()
    page.keyboard.press("Space")
    expect(group.get_by_role("radio").first).to_be_checked()
    wait_idle(page)
    for _ in range(position):
        page.keyboard.press("ArrowRight")
        wait_idle(page)
    expect(group.get_by_role("radio", name=label, exact=True)).to_be_checked()
    expect(group.get_by_role("radio", name=label, exact=True)).to_be_focused()


def click_button(journey: Journey, name: str, scope: Page | Locator | None = None) -> None:
    click_named_button(scope or journey.page, name, touch=journey.device.phone)


def answer_dimension(journey: Journey, index: int, *, keyboard: bool = False) -> None:
    dimension = journey.questionnaire.dimensions[index]
    page = journey.page
    expect(page.get_by_role("heading", name=journey.text(dimension.label), exact=True)).to_be_visible()
    previous: Locator | None = None
    for position, (item, value) in enumerate(zip(dimension.items, ANSWERS[dimension.id], strict=True)):
        group = statement_group(page, position + 1, journey.text(item.text))
        expect(group).to_be_visible()
        label = option_label(journey, value)
        if keyboard and (dimension.id, position) == KEYBOARD_ITEM and previous is not None:
            options = [option_label(journey, v) for v in [*journey.questionnaire.scale.values, NA]]
            choose_with_keyboard(journey, previous, group, label, options.index(label))
        else:
            choose(journey, group, label)
        previous = group


def expect_dimension_answers_kept(journey: Journey, index: int) -> None:
    dimension = journey.questionnaire.dimensions[index]
    for position, (item, value) in enumerate(zip(dimension.items, ANSWERS[dimension.id], strict=True)):
        group = statement_group(journey.page, position + 1, journey.text(item.text))
        expect(group.get_by_role("radio", name=option_label(journey, value), exact=True)).to_be_checked()
        expect(group.locator("input:checked")).to_have_count(1)


def score_text(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


# ----- the journey ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", DEVICES, ids=[f"{d.name}-{d.lang}" for d in DEVICES])
def test_respondent_journey(browser: Browser, app_server: AppServer, device: Device) -> None:
    questionnaire = load_questionnaire(EXPRESS)
    context = browser.new_context(
        viewport={"width": device.width, "height": device.height},
        device_scale_factor=device.scale,
        is_mobile=device.phone,
        has_touch=device.phone,
        # The browser's language must not matter: the app starts in French and the user switches.
        locale="fr-FR",
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    journey = Journey(page=page, device=device, questionnaire=questionnaire, errors=errors)
    try:
        walk(journey, app_server)
    finally:
        context.close()


def walk(journey: Journey, server: AppServer) -> None:
    page = journey.page
    questionnaire = journey.questionnaire
    title = journey.text(questionnaire.title)

    # 1. Home, in French first whatever the browser says; then the language a user picks.
    page.goto(f"{server.url}/")
    wait_idle(page)
    expect(page.get_by_role("heading", name=UI["fr"]["home_title"], exact=True)).to_be_visible()
    if journey.lang != "fr":
        switcher = page.get_by_role("radiogroup", name="Langue")
        language = switcher.get_by_role("radio", name=journey.words("language_name"), exact=True)
        language.tap() if journey.device.phone else language.click()
        expect(page.get_by_role("heading", name=journey.words("home_title"), exact=True)).to_be_visible()
        expect(page).to_have_url(re.compile(rf"[?&]lang={journey.lang}\b"))
        wait_idle(page)
    journey.shot(1, "home")

    # 2. Start the quick check: its button, not another questionnaire's (each card has a « Commencer »).
    heading = page.get_by_role("heading", name=title, exact=True)
    card = heading.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")
    click_button(journey, journey.words("start"), card)
    journey.expect_step(1)
    expect(page).to_have_url(re.compile(r"[?&]r=[\w-]+"))
    expect(page.get_by_role("heading", name=journey.words("profile_title"), exact=True)).to_be_visible()
    choose(
        journey, page.get_by_role("radiogroup", name=journey.words("role"), exact=True), journey.words("role_answer")
    )
    journey.shot(2, "profile")
    click_button(journey, journey.words("next"))

    # 3. The dimensions, one per step; the first one partly with the keyboard, then a reload.
    for index, dimension in enumerate(questionnaire.dimensions):
        step = index + 2
        journey.expect_step(step)
        answer_dimension(journey, index, keyboard=index == 0)
        journey.shot(3 + index, f"dimension-{index + 1}-{dimension.id}")
        if index == 0:
            # A phone that went to sleep, or a mistaken swipe: the URL token must bring back the same step and
            # the same answers, from the saved draft (the server session is new after a reload).
            url = page.url
            page.reload()
            wait_idle(page)
            assert page.url == url
            journey.expect_step(step)
            expect_dimension_answers_kept(journey, index)
        click_button(journey, journey.words("next"))

    # 4. The summary, then sending.
    summary_step = journey.total_steps
    journey.expect_step(summary_step)
    expect(page.get_by_role("heading", name=journey.words("summary_title"), exact=True)).to_be_visible()
    expect(page.get_by_text(journey.words("summary_count"), exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=journey.words("next"), exact=True)).to_have_count(0)
    journey.shot(7, "summary")
    click_button(journey, journey.words("submit"))

    # 5. The results.
    expect(
        page.get_by_role("heading", name=journey.words("results_title", questionnaire=title), exact=True)
    ).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"/results\?"))
    wait_idle(page)
    check_results(journey)
    journey.shot(8, "results-top", full_page=False)
    recommendations = page.get_by_role("heading", name=journey.words("recommendations_title"), exact=True)
    # Scroll the heading to the top of the screen: the screenshot then shows the recommendations under it.
    recommendations.evaluate("element => element.scrollIntoView({block: 'start'})")
    journey.shot(9, "results-recommendations", full_page=False)
    journey.shot(10, "results-full")


def check_results(journey: Journey) -> None:
    page = journey.page
    questionnaire = journey.questionnaire

    # The radar: a Plotly chart with a polar subplot (every Plotly chart has an empty polar layer; only a polar
    # chart has a `.polar` group in it), one angular label per dimension, and the score line with its markers.
    radar = page.locator(".js-plotly-plot").filter(has=page.locator(".polarlayer .polar"))
    expect(radar).to_have_count(1)
    expect(radar).to_be_visible()
    expect(radar.locator(".polarlayer .trace.scatter .point").first).to_be_attached()
    # At least one marker per dimension (the closing point of the line may repeat the first one).
    assert radar.locator(".polarlayer .trace.scatter .point").count() >= len(questionnaire.dimensions)
    # Long labels are wrapped on several lines (<tspan>s without spaces between them): compare without spaces.
    expect(radar.locator(".polarlayer .angularaxistick text")).to_have_count(len(questionnaire.dimensions))
    shown = sorted(
        "".join(text.split()) for text in radar.locator(".polarlayer .angularaxistick text").all_text_contents()
    )
    assert shown == sorted("".join(journey.text(d.label).split()) for d in questionnaire.dimensions), shown

    # The overall score, as a metric, with the decimal separator of the language.
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=journey.words("overall"))
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(score_text(EXPECTED_OVERALL, journey.lang))

    # One card per dimension, each with its score.
    expect(page.get_by_role("heading", name=journey.words("dimensions_title"), exact=True)).to_be_visible()
    for dimension in questionnaire.dimensions:
        score = score_text(EXPECTED_DIMENSION_SCORES[dimension.id], journey.lang)
        card = (
            page.locator('[data-testid="stVerticalBlock"]')
            .filter(has=page.get_by_text(journey.text(dimension.label), exact=True))
            .filter(has=page.get_by_role("heading", name=score, exact=True))
        )
        expect(card.last).to_be_visible()

    # Recommendations, each citing its source.
    expect(page.get_by_role("heading", name=journey.words("recommendations_title"), exact=True)).to_be_visible()
    expect(page.get_by_text(journey.words("source")).first).to_be_visible()
