"""The position questions (issue 15) in the answering flow: asked after the profile, each step with its definition,
saved with the draft in the answer state, kept across a language switch and a reload, sent with the response, and
shown on one's own results (« Aujourd’hui : Coordination · Souhaité : Coopération »)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.model import text_in
from storage import Store
from tests.app.helpers import answer_widgets, assert_no_exception, click, new_app
from ui.catalogue import shipped_questionnaires

SANTE = shipped_questionnaires()["sante-partenariat"]
RELATION = SANTE.positions[0]
TODAY, WISHED = "relation.today", "relation.wished"


def query(app: AppTest, name: str) -> str:
    value = app.query_params[name]
    return value[0] if isinstance(value, list) else value


def at_the_positions(lang: str) -> tuple[AppTest, str]:
    app = new_app(lang)
    app.run()
    click(app, "start_sante-partenariat")
    click(app, "next")  # the profile
    # One position question: its own label is the step's title.
    assert app.header[0].value == text_in(RELATION.label, lang)
    return app, query(app, "r")


def stored_positions(token: str) -> dict[str, str | None]:
    draft = Store().load_draft(token)
    assert draft is not None
    return dict(draft.positions)


def step_label(step_id: str, lang: str) -> str:
    step = RELATION.step(step_id)
    assert step is not None
    return text_in(step.label, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_position_step_asks_today_and_wished_with_each_step_defined(lang: str) -> None:
    app, _token = at_the_positions(lang)
    radios = answer_widgets(app, "position")
    assert list(radios) == [TODAY, WISHED]
    assert radios[TODAY].label == text_in(RELATION.today, lang)
    assert radios[WISHED].label == text_in(RELATION.wished, lang)
    definitions = [text_in(s.definition, lang) for s in RELATION.steps]
    for radio in radios.values():
        blank = translate("questionnaire.position_blank", lang)
        assert radio.options == [*(text_in(s.label, lang) for s in RELATION.steps), blank]
        assert radio.value is None, "nothing chosen for the person"
    # Each step's definition under it for « today »; for « wished », in its help (a phone scrolls them once).
    assert list(radios[TODAY].proto.captions) == [*definitions, ""]
    assert not radios[WISHED].proto.captions
    for step, definition in zip(RELATION.steps, definitions, strict=True):
        assert f"**{text_in(step.label, lang)}** — {definition}" in radios[WISHED].help
    assert text_in(RELATION.help, lang) in [c.value for c in app.caption]
    links = [link for link in app.get("page_link") if "glossary" in link.proto.page]
    assert len(links) == 1 and "continuum" in links[0].proto.query_string


def test_positions_are_saved_kept_across_a_language_switch_and_a_reload_and_shown_on_ones_results() -> None:
    app, token = at_the_positions("fr")
    radios = answer_widgets(app, "position")
    radios[TODAY].set_value("coordination")
    radios[WISHED].set_value("cooperation")
    app.run()
    assert_no_exception(app)
    assert stored_positions(token) == {TODAY: "coordination", WISHED: "cooperation"}
    # A switch to English, then a change: both kept.
    app.segmented_control(key="lang_selector").set_value("en").run()
    assert_no_exception(app)
    radios = answer_widgets(app, "position")
    assert (radios[TODAY].value, radios[WISHED].value) == ("coordination", "cooperation")
    radios[WISHED].set_value("partenariat").run()
    assert stored_positions(token) == {TODAY: "coordination", WISHED: "partenariat"}
    # « Don't know » leaves it blank: stored as null, never a step.
    answer_widgets(app, "position")[TODAY].set_value("na").run()
    assert stored_positions(token) == {TODAY: None, WISHED: "partenariat"}
    answer_widgets(app, "position")[TODAY].set_value("coordination").run()
    # A new session (a reload): the radios start from what was stored.
    reloaded = new_app("fr", r=token)
    reloaded.run()
    reloaded.switch_page("app_pages/questionnaire.py").run()
    assert_no_exception(reloaded)
    assert reloaded.header[0].value == text_in(RELATION.label, "fr"), "at the step it was on"
    radios = answer_widgets(reloaded, "position")
    assert (radios[TODAY].value, radios[WISHED].value) == ("coordination", "partenariat")
    # One's own results say it in words.
    reloaded.switch_page("app_pages/results.py").run()
    assert_no_exception(reloaded)
    today = translate("results.position_today", "fr", step=step_label("coordination", "fr"))
    wished = translate("results.position_wished", "fr", step=step_label("partenariat", "fr"))
    assert f"{today} · {wished}" in [t.value for t in reloaded.text]
    assert today == "Aujourd’hui\u202f: Coordination"
    assert text_in(RELATION.label, "fr") in [s.value for s in reloaded.subheader]


def test_results_without_positions_say_nothing_of_them() -> None:
    app, _token = at_the_positions("en")
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    assert text_in(RELATION.label, "en") not in [s.value for s in app.subheader]


def test_a_workshop_participant_s_positions_are_sent_with_the_response() -> None:
    created = Store().create_workshop(
        title="Conseil du 12 mars",
        questionnaire_id=SANTE.id,
        organisations=["Association A", "Association B"],
        profile_fields=["role", "organisation"],
        show_results_to_participants=True,
    )
    code = created.participant_code
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/join.py").run()
    click(app, "join_start")
    token = query(app, "r")
    app.switch_page("app_pages/questionnaire.py").run()
    click(app, "next")  # the profile
    radios = answer_widgets(app, "position")
    radios[TODAY].set_value("information")
    radios[WISHED].set_value("fusion")
    app.run()
    while any(b.key == "next" for b in app.button):
        click(app, "next")
    click(app, "submit")
    store = Store()
    draft = store.load_draft(token)
    assert draft is not None and draft.submitted and draft.workshop_id is not None
    assert [r.positions for r in store.submitted_responses(draft.workshop_id)] == [
        {TODAY: "information", WISHED: "fusion"}
    ]
