"""The action plan pages: built by the facilitator from a closed workshop's results (3 to 5 priorities, then
actions), kept with the workshop, shown read-only on the projector; AppTest in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.plan import plan_from_document
from storage import Store
from tests.app.helpers import assert_no_exception, new_app
from tests.workshop_seeds import closed_express_workshop
from ui.catalogue import shipped_questionnaires
from ui.text import plain

EXPRESS = shipped_questionnaires()["express"]


def closed_workshop_with_answers() -> tuple[str, str, int]:
    """A closed workshop of express with four submitted responses, written through the Store."""
    seeded = closed_express_workshop(Store())
    return seeded.facilitator_key, seeded.projection_token, seeded.workshop_id


def plan_page(key: str, lang: str = "fr") -> AppTest:
    app = new_app(lang, k=key)
    app.run()
    app.switch_page("app_pages/plan.py").run()
    assert_no_exception(app)
    return app


def choose_and_write(app: AppTest, count: int, what: str) -> list[str]:
    options = app.multiselect(key="plan_priorities").options
    picked = list(options[:count])
    app.multiselect(key="plan_priorities").set_value(picked).run()
    app.selectbox(key="plan_0_priority").set_value(picked[0]).run()
    app.text_input(key="plan_0_what").input(what)
    app.text_input(key="plan_0_who").input("Bureau")
    app.run()
    return picked


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_facilitator_builds_a_plan_that_is_kept_with_the_workshop(lang: str) -> None:
    key, _, workshop_id = closed_workshop_with_answers()
    app = plan_page(key, lang)
    assert app.title[0].value == translate("plan.title", lang)
    assert translate("plan.why_few", lang) in [i.value for i in app.info]
    assert translate("plan.download_after_save", lang) in [c.value for c in app.caption]
    assert not [b for b in app.get("download_button") if b.key.startswith("plan_report")]  # nothing saved yet
    choose_and_write(app, 3, "Réunir le comité de pilotage hors crise")
    app.button(key="plan_save").click().run()
    assert_no_exception(app)
    assert [s.value for s in app.success] == [translate("plan.saved", lang)]
    # Once saved, the plan goes to the minutes with the results it was built from.
    downloads = {b.key: b.label for b in app.get("download_button") if b.key.startswith("plan_report")}
    assert downloads == {
        "plan_report_pdf": translate("downloads.pdf", lang),
        "plan_report_xlsx": translate("downloads.xlsx", lang),
    }
    stored = Store().action_plan(workshop_id)
    assert stored is not None
    plan = plan_from_document(stored.document)
    assert len(plan.priorities) == 3
    assert [(a.what, a.who, a.status) for a in plan.actions] == [
        ("Réunir le comité de pilotage hors crise", "Bureau", "todo")
    ]
    # Later, from the facilitator link: the plan is there to edit.
    again = plan_page(key, lang)
    assert again.text_input(key="plan_0_what").value == "Réunir le comité de pilotage hors crise"
    assert len(again.multiselect(key="plan_priorities").value) == 3


def test_the_suggested_priorities_put_the_disputed_statements_first() -> None:
    key, _, _ = closed_workshop_with_answers()
    app = plan_page(key)
    options = app.multiselect(key="plan_priorities").options
    assert options[0].startswith(translate("plan.reason.dissensus", "fr"))


def test_an_action_needs_three_to_five_priorities() -> None:
    key, _, workshop_id = closed_workshop_with_answers()
    app = plan_page(key)
    choose_and_write(app, 2, "Écrire la convention")
    app.button(key="plan_save").click().run()
    assert [e.value for e in app.error] == [translate("plan.error.priority_count", "fr", minimum=3, maximum=5)]
    assert Store().action_plan(workshop_id) is None


def test_a_control_character_in_an_action_is_refused_not_stored() -> None:
    key, _, workshop_id = closed_workshop_with_answers()
    app = plan_page(key)
    choose_and_write(app, 3, "Réunir\u202ele bureau")
    app.button(key="plan_save").click().run()
    assert [e.value for e in app.error] == [translate("plan.error.invalid", "fr")]
    assert Store().action_plan(workshop_id) is None


def test_the_projector_shows_the_plan_read_only_with_its_token_and_never_with_the_key() -> None:
    key, token, _ = closed_workshop_with_answers()
    app = plan_page(key)
    picked = choose_and_write(app, 3, "**Réunir** le bureau")
    app.button(key="plan_save").click().run()
    view = new_app("fr", p=token)
    view.run()
    view.switch_page("app_pages/plan_view.py").run()
    assert_no_exception(view)
    headings = [s.value for s in view.subheader]
    assert headings[0] == f"1. {plain(picked[0])}"  # as typed: an imported statement's Markdown never renders
    assert len(headings) == 3
    table = view.dataframe[0].value
    assert list(table.iloc[:, 0]) == ["**Réunir** le bureau"]  # a table cell: plain text, never Markdown
    assert not view.text_input and not view.button  # nothing to edit there
    with_key = new_app("fr", p=key)
    with_key.run()
    with_key.switch_page("app_pages/plan_view.py").run()
    assert [e.value for e in with_key.error] == [translate("projection.unknown_link", "fr")]


def test_a_wrong_key_opens_no_plan() -> None:
    app = new_app("fr", k="x" * 43)
    app.run()
    app.switch_page("app_pages/plan.py").run()
    assert [e.value for e in app.error] == [translate("dashboard.unknown_key", "fr")]
    assert not app.multiselect


def test_an_action_written_without_its_priority_is_refused_not_dropped() -> None:
    key, _, workshop_id = closed_workshop_with_answers()
    app = plan_page(key)
    options = app.multiselect(key="plan_priorities").options
    app.multiselect(key="plan_priorities").set_value(list(options[:3])).run()
    app.text_input(key="plan_0_what").input("Écrire la convention").run()
    app.button(key="plan_save").click().run()
    assert [e.value for e in app.error] == [translate("plan.error.action_without_priority", "fr")]
    assert Store().action_plan(workshop_id) is None
