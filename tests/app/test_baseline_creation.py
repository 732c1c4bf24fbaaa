"""Naming an earlier workshop as the baseline when creating one (app_pages/workshop.py, ui.baselines): its
facilitator link (or key) links them in storage; a link that is not one, opens nothing, or is of another
questionnaire is refused with a message and no workshop is created."""

from __future__ import annotations

import pytest

from i18n import translate
from storage import Store
from tests.app.helpers import assert_no_exception, by_label, new_app


def earlier(questionnaire_id: str = "express") -> tuple[int, str]:
    store = Store()  # the same SQLite file as the app's (RADAR_DATA_DIR of this test)
    try:
        created = store.create_workshop(
            title="Conseil de 2025",
            questionnaire_id=questionnaire_id,
            organisations=[],
            profile_fields=[],
            show_results_to_participants=False,
        )
        return created.workshop_id, created.facilitator_key
    finally:
        store.close()


def create(baseline: str, lang: str = "fr"):
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_input, translate("workshop.field_title", lang)).input("Un an après")
    by_label(app.selectbox, translate("workshop.field_questionnaire", lang)).set_value("express")
    by_label(app.text_input, translate("compare.baseline_field", lang)).input(baseline)
    by_label(app.button, translate("workshop.create", lang)).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def new_key(app) -> str:
    dashboard_link = next(c.value for c in app.code if "/dashboard?" in c.value)
    return dashboard_link.split("k=")[1].split("&")[0]


@pytest.mark.parametrize("pasted", ["link", "key"])
def test_the_earlier_workshop_s_link_names_it_as_baseline(pasted: str) -> None:
    earlier_id, earlier_key = earlier()
    text = f"http://localhost:8501/dashboard?k={earlier_key}&lang=fr" if pasted == "link" else earlier_key
    app = create(f"  {text}  ")
    assert_no_exception(app)
    assert app.success and not app.warning[1:]  # created; only the secret link's warning
    store = Store()
    try:
        workshop = store.workshop_for_facilitator(new_key(app))
        assert workshop is not None
        baseline = store.baseline_of(workshop.id)
        assert baseline is not None and baseline.id == earlier_id and baseline.title == "Conseil de 2025"
    finally:
        store.close()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("http://localhost:8501/join?code=ABCD-EFGH", "compare.baseline_not_a_link"),
        ("k" * 43, "compare.baseline_unknown"),
        ("other", "compare.baseline_other_questionnaire"),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_wrong_link_is_refused_and_creates_nothing(text: str, problem: str, lang: str) -> None:
    if text == "other":
        text = earlier("sante-partenariat")[1]
    app = create(text, lang)
    assert [e.value for e in app.error] == [translate(problem, lang)]
    assert not app.code  # no workshop: no link to copy
