"""Teaching mode through AppTest: the case list, a demo opened in one click and filled with its synthetic answers,
« données fictives » on each workshop screen, the classroom projector one disputed statement at a time, and the
reset."""

from __future__ import annotations

import pytest

from i18n import translate
from scoring.synthetic import synthetic_responses
from storage import Store
from storage.codes import projection_token_for
from tests.app.helpers import assert_no_exception, click, new_app
from tests.app.test_position_figures import columns, position_charts, titles
from tests.app.test_workshop_pages import participant
from ui.catalogue import shipped_questionnaires
from ui.teaching import shipped_cases

CASE = "charte-protection-enfance"


def fictitious(app, lang: str = "fr") -> bool:
    return any(w.value == translate("teaching.fictitious", lang) for w in app.warning)


def open_demo(lang: str = "fr") -> tuple[object, str]:
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/teaching.py").run()
    assert_no_exception(app)
    click(app, f"demo_open_{CASE}")
    return app, app.session_state["teaching_demo_key"]


def synthetic_count(case_id: str = CASE) -> int:
    case = shipped_cases()[case_id]
    return len(synthetic_responses(case, shipped_questionnaires()[case.questionnaire]))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_lists_every_case_with_a_button_each(lang: str) -> None:
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/teaching.py").run()
    assert_no_exception(app)
    assert app.title[0].value == translate("teaching.title", lang)
    keys = {button.key for button in app.button}
    assert {f"demo_open_{case_id}" for case_id in shipped_cases()} <= keys
    assert len(shipped_cases()) >= 4
    sheets = {button.key for button in app.get("download_button")}
    assert {f"sheet_{case_id}" for case_id in shipped_cases()} <= sheets
    assert not fictitious(app, lang)


def test_one_click_opens_a_demo_filled_with_the_synthetic_answers() -> None:
    app, key = open_demo()
    assert fictitious(app)
    store = Store()
    view = store.workshop_for_facilitator(key)
    assert view.demo_case == CASE and "(données fictives)" in view.title
    assert store.workshop_counts(view.id) == (synthetic_count(), synthetic_count())
    # Published as submissions are (reading never publishes): every synthetic answer is in the shown results.
    state = store.publication_state(view.id)
    assert state.counter >= 1 and len(state.admitted) == synthetic_count() and state.versions
    # The participant code is shown to project, the key is not in the URL (this screen may be projected).
    assert view.participant_code in [m.value.removeprefix("# ") for m in app.markdown]
    assert "k" not in app.query_params


def test_the_dashboard_of_a_demo_says_fictitious_and_shows_results() -> None:
    _, key = open_demo()
    dashboard = new_app("fr", k=key)
    dashboard.run()
    dashboard.switch_page("app_pages/dashboard.py").run()
    assert_no_exception(dashboard)
    assert fictitious(dashboard)
    # Results already, every synthetic answer counted: they were published when the demo was filled.
    assert dashboard.get("plotly_chart"), "a radar and distributions"
    counts = translate("dashboard.counted", "fr", count=synthetic_count())
    assert any(counts in c.value for c in dashboard.caption), counts


def test_the_demo_s_dashboard_shows_where_the_fictitious_room_places_the_relationship() -> None:
    """The case's roles place the relationship on the continuum: the demo shows both columns, each holding every
    synthetic person, and never « trop peu de réponses » (which a trainer's demo showed before)."""
    _, key = open_demo()
    dashboard = new_app("fr", k=key)
    dashboard.run()
    dashboard.switch_page("app_pages/dashboard.py").run()
    assert_no_exception(dashboard)
    [chart] = position_charts(dashboard)
    today, wished = columns(chart)
    assert sum(today[1]) == sum(wished[1]) == synthetic_count()
    assert len([count for count in today[1] if count]) >= 2, "the roles do not all stand on one step"
    too_few = translate("positions.too_few", "fr", count=3)
    assert too_few not in [text.replace("<br>", " ") for text in titles(chart)]


def test_join_projection_and_group_results_say_fictitious() -> None:
    _, key = open_demo()
    store = Store()
    view = store.workshop_for_facilitator(key)
    join = new_app("fr", code=view.participant_code)
    join.run()
    join.switch_page("app_pages/join.py").run()
    assert_no_exception(join)
    assert fictitious(join)
    projection = new_app("fr", p=projection_token_for(key))
    projection.run()
    projection.switch_page("app_pages/projection.py").run()
    assert_no_exception(projection)
    assert fictitious(projection)
    store.set_workshop_status(key, "closed")
    group = new_app("fr", code=view.participant_code)
    group.run()
    group.switch_page("app_pages/group_results.py").run()
    assert_no_exception(group)
    assert fictitious(group)


def test_a_real_workshop_says_nothing_of_the_kind() -> None:
    store = Store()
    real = store.create_workshop(
        title="CA", questionnaire_id="express", organisations=[], profile_fields=[], show_results_to_participants=True
    )
    join = new_app("fr", code=real.participant_code)
    join.run()
    join.switch_page("app_pages/join.py").run()
    assert_no_exception(join)
    assert not fictitious(join)


def test_the_classroom_shows_one_disputed_statement_at_a_time() -> None:
    _, key = open_demo()
    case = shipped_cases()[CASE]
    questionnaire = shipped_questionnaires()[case.questionnaire]
    texts = {item.id: item.text["fr"] for item in questionnaire.items}
    app = new_app("fr", p=projection_token_for(key))
    app.run()
    app.switch_page("app_pages/classroom.py").run()
    assert_no_exception(app)
    assert fictitious(app)

    def shown() -> list[str]:
        return [m.value.removeprefix("## ") for m in app.markdown if m.value.startswith("## ")]

    assert shown() == [texts[case.disputed[0].statement]]
    assert app.button(key="classroom_previous").disabled
    question = translate("classroom.question", "fr", question=case.disputed[0].question["fr"])
    assert f"### {question}" in [m.value for m in app.markdown]
    assert app.get("plotly_chart"), "the distribution of its answers"
    click(app, "classroom_next")
    assert shown() == [texts[case.disputed[1].statement]]
    for _ in range(len(case.disputed)):
        if not app.button(key="classroom_next").disabled:
            click(app, "classroom_next")
    assert shown() == [texts[case.disputed[-1].statement]]
    click(app, "classroom_previous")
    assert shown() == [texts[case.disputed[-2].statement]]


def test_the_classroom_refuses_a_real_workshop() -> None:
    store = Store()
    real = store.create_workshop(
        title="CA", questionnaire_id="express", organisations=[], profile_fields=[], show_results_to_participants=True
    )
    app = new_app("fr", p=projection_token_for(real.facilitator_key))
    app.run()
    app.switch_page("app_pages/classroom.py").run()
    assert [e.value for e in app.error] == [translate("classroom.unknown_link", "fr")]


def test_reset_keeps_the_code_and_only_the_synthetic_answers() -> None:
    app, key = open_demo()
    store = Store()
    view = store.workshop_for_facilitator(key)
    token = store.new_respondent_token()
    store.save_draft(
        token,
        questionnaire_id=view.questionnaire_id,
        workshop_id=view.id,
        answers={"eth-1": 2},
        profile={},
        comments={},
        step=1,
    )
    store.submit(token)
    assert store.workshop_counts(view.id)[1] == synthetic_count() + 1
    app.checkbox(key="teaching_reset_confirm").check().run()
    click(app, "teaching_reset")
    assert [s.value for s in app.success] == [translate("teaching.reset_done", "fr")]
    after = store.workshop_for_facilitator(key)
    assert after.participant_code == view.participant_code
    assert store.workshop_counts(after.id) == (synthetic_count(), synthetic_count())
    # The reset demo starts a record of its own, published at once: the student's answer is in no figure.
    state = store.publication_state(after.id)
    assert len(state.admitted) == synthetic_count()
    assert {r.id for r in state.responses} == set(state.admitted)


def test_the_reset_asks_for_a_confirmation_and_the_key_leaves_the_url() -> None:
    """One tap erased the class's answers, on a screen projected with the facilitator key in its URL (review): the
    reset is confirmed first, the confirmation is asked again for the next one, and a dashboard's ``?k=`` link
    moves the key into the session at once."""
    _, key = open_demo()
    app = new_app("fr", k=key)
    app.switch_page("app_pages/teaching.py").run()
    assert_no_exception(app)
    assert "k" not in app.query_params
    assert app.button(key="teaching_reset").disabled
    app.checkbox(key="teaching_reset_confirm").check().run()
    click(app, "teaching_reset")
    assert [s.value for s in app.success] == [translate("teaching.reset_done", "fr")]
    assert not app.checkbox(key="teaching_reset_confirm").value
    assert app.button(key="teaching_reset").disabled


def test_a_demo_opened_is_kept_in_my_workshops_and_found_again_after_a_reload(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's key was only in the session: a reload left the trainer with the case list and no way back to its
    dashboard, reset or classroom (review). It is remembered as a created workshop is, and the case list shows
    « Mes ateliers »."""
    import json
    from urllib.parse import quote

    from ui import browser_memory

    app, key = open_demo()
    code = Store().workshop_for_facilitator(key).participant_code
    kept = app.session_state[browser_memory.SESSION_KEY]["changes"]
    assert kept[browser_memory.workshop_slot(code)] == {"k": key}
    # A reload: a new session, whose browser sends the memory back.
    cookie = quote(json.dumps({browser_memory.workshop_slot(code): {"k": key}}))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})
    again = new_app("fr")
    again.run()
    again.switch_page("app_pages/teaching.py").run()
    assert_no_exception(again)
    assert translate("workshop_links.mine", "fr") in [s.value for s in again.subheader]


def test_a_student_s_page_left_open_over_a_reset_says_so_and_rejoins_as_someone_new() -> None:
    """The trainer resets while a student's page is open on the demo: the student's next tap saves nothing into the
    emptied demo (their earlier answers stay out of it), the page says the demo was reset rather than « supprimé »,
    and its link starts a new response in the reset demo, not the old one again."""
    from ui.flow import STATE_KEY

    trainer, key = open_demo()
    store = Store()
    view = store.workshop_for_facilitator(key)
    student = new_app("fr", code=view.participant_code)
    student.run()
    student.switch_page("app_pages/join.py").run()
    click(student, "join_start")
    student.switch_page("app_pages/questionnaire.py").run()
    role = student.radio[0]
    role.set_value(role.options[0]).run()
    before = student.session_state[STATE_KEY].respondent.token
    trainer.checkbox(key="teaching_reset_confirm").check().run()
    click(trainer, "teaching_reset")
    after = store.workshop_for_facilitator(key)
    assert after.id != view.id
    role = student.radio[0]
    role.set_value(role.options[-1]).run()  # the student's next tap, on the page left open
    assert_no_exception(student)
    assert [i.value for i in student.info] == [translate("teaching.demo_was_reset", "fr")]
    assert not [w for w in student.warning if w.value == translate("questionnaire.workshop_gone", "fr")]
    assert store.workshop_counts(after.id) == (synthetic_count(), synthetic_count())  # nothing of the student's
    # The notice's link: the join page with the code, where « Commencer » starts someone new in the reset demo.
    student.switch_page("app_pages/join.py")
    student.query_params.update({"code": view.participant_code, "lang": "fr"})
    student.run()
    assert_no_exception(student)
    click(student, "join_start")
    held = student.session_state[STATE_KEY]
    assert held.respondent.token != before and held.respondent.workshop_id == after.id
    assert dict(held.profile) == {}


def test_a_student_who_answers_a_demo_gets_an_own_report_marked_fictitious(monkeypatch: pytest.MonkeyPatch) -> None:
    """A student joins the demo with its code and answers: their results say « données fictives », and so does the
    title of the PDF and spreadsheet they may download (the class's figures are made up, even if theirs are not)."""
    import ui.downloads

    titles: list[str] = []
    real_file_name = ui.downloads.report_file_name

    def recording(title, day, kind):
        titles.append(title)
        return real_file_name(title, day, kind)

    monkeypatch.setattr(ui.downloads, "report_file_name", recording)
    _, key = open_demo()
    store = Store()
    view = store.workshop_for_facilitator(key)
    questionnaire = shipped_questionnaires()[view.questionnaire_id]
    student = participant(view.participant_code, {item.id: 3 for item in questionnaire.items}, profile={})
    student.switch_page("app_pages/results.py").run()
    assert_no_exception(student)
    assert fictitious(student)
    marked = translate("teaching.demo_title", "fr", title=questionnaire.title["fr"])
    assert titles and set(titles) == {marked}, titles
    assert "données fictives" in marked


def test_an_own_report_of_a_real_workshop_or_alone_keeps_the_questionnaire_title() -> None:
    from ui.teaching import report_title

    assert report_title("Santé du partenariat", None) == "Santé du partenariat"
    assert report_title("Santé du partenariat", CASE) == translate(
        "teaching.demo_title", "fr", title="Santé du partenariat"
    )


def test_the_action_plan_works_on_a_demo() -> None:
    """A trainer builds an action plan from the demo's results, as a facilitator would from a real workshop."""
    _, key = open_demo()
    plan = new_app("fr", k=key)
    plan.run()
    plan.switch_page("app_pages/plan.py").run()
    assert_no_exception(plan)
    assert fictitious(plan)
    options = plan.multiselect(key="plan_priorities").options
    assert len(options) >= 3, "priorities suggested from the demo's published figures"
    plan.multiselect(key="plan_priorities").set_value(list(options[:3])).run()
    plan.selectbox(key="plan_0_priority").set_value(options[0]).run()
    plan.text_input(key="plan_0_what").input("Jeu de rôle : le comité de pilotage reformule la charte")
    plan.text_input(key="plan_0_who").input("Les étudiants du groupe 1")
    plan.run()
    assert_no_exception(plan)
    # Projected read-only, it says « Données fictives » too.
    projected = new_app("fr", p=projection_token_for(key))
    projected.run()
    projected.switch_page("app_pages/plan_view.py").run()
    assert_no_exception(projected)
    assert fictitious(projected)


@pytest.mark.parametrize("field", ["role", "organisation"])
def test_the_comparison_works_on_a_demo(field: str) -> None:
    """A trainer compares the demo's roles, or its organisations, as a director would compare real ones."""
    _, key = open_demo()
    app = new_app("fr", k=key)
    app.run()
    app.switch_page("app_pages/dashboard.py").run()
    assert_no_exception(app)
    app.button_group(key="dashboard_group_by").set_value(field).run()
    assert_no_exception(app)
    assert fictitious(app)
    gaps = [f.value for f in app.dataframe if translate("compare.col_gap", "fr") in list(f.value.columns)]
    assert gaps and len(gaps[0].columns) >= 4, "a table of gaps with at least two groups of the demo"
