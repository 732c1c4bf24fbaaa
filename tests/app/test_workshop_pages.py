"""Workshop pages through AppTest: create, join by code, answer, live dashboard, close, share, delete."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.privacy import WorkshopSpec
from scoring.rounding import format_number
from storage import Store
from storage.codes import projection_token_for
from tests.app.helpers import answer_all_steps, assert_no_exception, by_label, click, new_app
from ui import workshops
from ui.catalogue import shipped_questionnaires
from ui.text import plain

EXPRESS = "express"


def create_workshop(organisations: str = "Association A\nAssociation B", lang: str = "fr") -> tuple[str, str]:
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_input, translate("workshop.field_title", lang)).input("Conseil d'administration du 12 mars")
    by_label(app.selectbox, translate("workshop.field_questionnaire", lang)).set_value(EXPRESS)
    by_label(app.text_area, translate("workshop.field_organisations", lang)).input(organisations)
    by_label(app.button, translate("workshop.create", lang)).click().run()
    assert_no_exception(app)
    links = [c.value for c in app.code]
    join_link = next(link for link in links if "/join?" in link)
    dashboard_link = next(link for link in links if "/dashboard?" in link)
    code = join_link.split("code=")[1].split("&")[0]
    key = dashboard_link.split("k=")[1].split("&")[0]
    assert code in [m.value.removeprefix("# ") for m in app.markdown]
    assert app.image, "a QR code to project"
    return code, key


def participant(code: str, values: dict[str, int | str], profile: dict[str, str]) -> AppTest:
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/join.py").run()
    assert_no_exception(app)
    click(app, "join_start")
    # The join page moved on to the questionnaire; AppTest's next runs follow only a page it is told about.
    app.switch_page("app_pages/questionnaire.py").run()
    answer_all_steps(app, values, profile)
    click(app, "submit")
    assert any(s.value == translate("results.thanks", "fr") for s in app.success)
    return app


def seeded_participant(code: str, values: dict[str, int | str], profile: dict[str, str]) -> None:
    """A participant who joined and sent these answers, written through the Store: what ``participant`` does in
    about twenty script runs, for the tests that are about what the facilitator's screens show."""
    store = Store()  # the same SQLite file as the app's (RADAR_DATA_DIR of this test)
    try:
        view = store.workshop_for_participant(code)
        assert view is not None, code
        token = store.new_respondent_token()
        answers = {item: None if value == "na" else int(value) for item, value in values.items()}
        store.save_draft(
            token, questionnaire_id=view.questionnaire_id, workshop_id=view.id, answers=answers, profile=profile,
            comments={}, step=0,
        )  # fmt: skip
        assert store.submit(token)
        # What the app does after a first submit: a publication round of the privacy rule.
        questionnaire = shipped_questionnaires()[view.questionnaire_id]
        spec = WorkshopSpec(questionnaire, tuple(view.profile_fields), tuple(view.organisations))
        workshops.publish_round(store, spec, view.id)
    finally:
        store.close()


def answers_pattern(shift: int) -> dict[str, int | str]:
    questionnaire = shipped_questionnaires()[EXPRESS]
    return {item.id: ((position * 2 + shift) % 5) + 1 for position, item in enumerate(questionnaire.items)}


def dashboard(key: str, lang: str = "fr", *, expect_ok: bool = True) -> AppTest:
    app = new_app(lang, k=key)
    app.run()
    app.switch_page("app_pages/dashboard.py").run()
    assert not app.exception
    if expect_ok:
        assert_no_exception(app)
    return app


def close_workshop(key: str) -> AppTest:
    """Close the workshop with the dashboard's button; returns the dashboard as it shows afterwards."""
    app = dashboard(key)
    close = next(b for b in app.button if b.label == translate("dashboard.close", "fr"))
    close.click().run()
    assert_no_exception(app)
    return dashboard(key)


@pytest.fixture
def workshop_with_three_answers() -> tuple[str, str, list[dict[str, int | str]], list[dict[str, str]]]:
    code, key = create_workshop()
    values = [answers_pattern(shift) for shift in (0, 1, 4)]
    profiles = [
        {"role": "administrateur", "organisation": "Association A"},
        {"role": "salarie", "organisation": "Association A"},
        {"role": "benevole", "organisation": "Association B"},
    ]
    for given, profile in zip(values, profiles, strict=True):
        seeded_participant(code, given, profile)
    return code, key, values, profiles


def test_dashboard_shows_counts_radar_and_disagreements_from_the_scoring_module(
    workshop_with_three_answers: tuple,
) -> None:
    _code, key, values, profiles = workshop_with_three_answers
    app = dashboard(key)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[translate("dashboard.joined", "fr")] == "3"
    assert metrics[translate("dashboard.submitted", "fr")] == "3"
    # Three answers sent from three phones: the first batch is in while the workshop is open (no batch held back).
    assert translate("dashboard.counted", "fr", count=3) in [c.value for c in app.caption]
    assert translate("dashboard.discuss_title", "fr") in [s.value for s in app.subheader]

    app = close_workshop(key)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[translate("dashboard.submitted", "fr")] == "3"
    assert translate("dashboard.discuss_title", "fr") in [s.value for s in app.subheader]

    questionnaire = shipped_questionnaires()[EXPRESS]
    answers = [{k: (None if v == "na" else int(v)) for k, v in given.items()} for given in values]
    expected = score_responses(questionnaire, responses_frame(questionnaire, answers, profiles))
    assert metrics[translate("results.overall", "fr")] == format_number(expected.overall.score, "fr")
    # The first item of « À discuter en priorité » is the one with the lowest consensus.
    lowest = min((s for s in expected.items if s.consensus is not None), key=lambda s: s.consensus)
    text = next(i.text["fr"] for i in questionnaire.items if i.id == lowest.id)
    assert any(m.value == f"**1. {text}**" for m in app.markdown)


def test_breakdown_by_organisation_suppresses_small_groups(workshop_with_three_answers: tuple) -> None:
    _code, key, _values, _profiles = workshop_with_three_answers
    app = close_workshop(key)
    app.button_group(key="dashboard_group_by").set_value("organisation").run()
    assert_no_exception(app)
    # The facilitator compares by « Organisation », not by the participants' question « Votre organisation ».
    assert "Comparaison par organisation" in [h.value for h in app.subheader]
    captions = [c.value for c in app.caption]
    # Two people in A and one in B: both under min_group_size (3), and their sizes are not given either (a size
    # that moves by one person is a figure of the group too).
    assert captions.count(translate("dashboard.suppressed", "fr", count=3)) == 2
    assert not [c for c in captions if c.startswith(("1 personne", "2 personnes"))]


def test_a_fourth_person_alone_waits_rather_than_be_worked_out_from_the_total() -> None:
    """Three in A, then one in B: B's answer would be everyone's minus A's; it waits for two more, even closed."""
    code, key = create_workshop()
    for shift, organisation in ((0, "Association A"), (1, "Association A"), (2, "Association A"), (3, "Association B")):
        seeded_participant(code, answers_pattern(shift), {"role": "administrateur", "organisation": organisation})
    app = close_workshop(key)
    app.button_group(key="dashboard_group_by").set_value("organisation").run()
    assert_no_exception(app)
    assert "Comparaison par organisation" in [h.value for h in app.subheader]
    captions = [c.value for c in app.caption]
    counted = translate("dashboard.counted", "fr", count=3)
    assert f"{counted} {translate('dashboard.not_counted', 'fr', count=1)}" in captions
    assert translate("dashboard.suppressed", "fr", count=3) in captions  # B
    assert "**Association A** · 3 personnes" in [m.value for m in app.markdown]


def test_a_participant_code_opens_no_dashboard_and_no_results(workshop_with_three_answers: tuple) -> None:
    code, _key, _values, _profiles = workshop_with_three_answers
    app = dashboard(code, expect_ok=False)
    assert [e.value for e in app.error] == [translate("dashboard.unknown_key", "fr")]
    assert not app.metric
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/group_results.py").run()
    assert translate("group_results.not_yet", "fr") in [i.value for i in app.info]
    assert not app.metric


def projection(lang: str = "fr", **query: str) -> AppTest:
    app = new_app(lang, **query)
    app.run()
    app.switch_page("app_pages/projection.py").run()
    assert not app.exception
    return app


def test_the_projector_view_opens_with_its_read_only_token_only(workshop_with_three_answers: tuple) -> None:
    code, key, _values, _profiles = workshop_with_three_answers
    links = [element.proto for element in dashboard(key).get("page_link") if element.proto.page == "projection"]
    # The results view and, in the « Projeter le code » tab, the join screen: both with the read-only token.
    token = projection_token_for(key)
    assert [parse_qs(link.query_string) for link in links] == [
        {"p": [token], "lang": ["fr"]},
        {"p": [token], "show": ["code"], "lang": ["fr"]},
    ]
    assert not [link for link in links if key in link.query_string]
    projected = projection(p=token)
    assert_no_exception(projected)
    assert "## " + plain("Conseil d'administration du 12 mars") in [m.value for m in projected.markdown]
    counts = f"3 personnes ont commencé · 3 réponses envoyées · pour rejoindre\u202f: code {code}"
    # One caption on the projector: the counts, then how many the results count (room kept for the results).
    # (then, here, that the board's statement, answered by the one board member alone, has no figure yet)
    [caption] = [c.value for c in projected.caption if c.value.startswith(counts)]
    assert caption.startswith(f"{counts} · {translate('dashboard.counted', 'fr', count=3)}")
    assert not projected.error
    # The facilitator key and the participant code, put where the token goes, open nothing.
    for wrong in (key, code):
        refused = projection(p=wrong)
        assert [e.value for e in refused.error] == [translate("projection.unknown_link", "fr")]
        assert not [m for m in refused.markdown if m.value.startswith("## ")]
    # And the old form of the link, with the key, no longer opens the projection either.
    assert projection(k=key).error


def test_the_projector_shows_the_code_to_join_without_the_facilitator_key() -> None:
    code, key = create_workshop()
    app = dashboard(key)
    assert not [m for m in app.markdown if m.value == f"# {code}"], (
        "the dashboard's URL has the key: no code to project"
    )
    joining = projection(p=projection_token_for(key), show="code")
    assert_no_exception(joining)
    assert f"# {code}" in [m.value for m in joining.markdown]
    assert joining.image, "the QR code"
    # The link as a room types it from the projected screen (ui.urls.Links.short_join).
    assert any(f"/join?code={code}`" in m.value for m in joining.markdown)
    close_workshop(key)
    closed = projection(p=projection_token_for(key), show="code")
    assert [i.value for i in closed.info] == [translate("projection.closed", "fr")]
    assert not closed.image


def test_close_then_participants_see_group_results_then_delete_removes_everything(
    workshop_with_three_answers: tuple,
) -> None:
    code, key, _values, _profiles = workshop_with_three_answers
    app = dashboard(key)
    close = next(b for b in app.button if b.label == translate("dashboard.close", "fr"))
    close.click().run()
    assert_no_exception(app)

    late = new_app("fr", code=code)
    late.run()
    late.switch_page("app_pages/join.py").run()
    assert translate("join.closed", "fr") in [w.value for w in late.warning]

    shared = new_app("fr", code=code)
    shared.run()
    shared.switch_page("app_pages/group_results.py").run()
    assert_no_exception(shared)
    assert shared.metric, "the group's overall score is shown once closed"
    assert "3 personnes ont commencé · 3 réponses envoyées" in [c.value for c in shared.caption]

    app = dashboard(key)
    app.text_input(key="delete_confirm").input("supprimer").run()
    delete = next(b for b in app.button if b.label == translate("dashboard.delete", "fr"))
    delete.click().run()
    assert translate("dashboard.deleted_done", "fr") in [s.value for s in app.success]
    assert dashboard(key, expect_ok=False).error, "the facilitator link opens nothing any more"
    gone = new_app("fr", code=code)
    gone.run()
    gone.switch_page("app_pages/group_results.py").run()
    assert [e.value for e in gone.error] == [translate("join.unknown_code", "fr")]


def overall_shown(app: AppTest) -> str | None:
    return next((m.value for m in app.metric if m.label == translate("results.overall", "fr")), None)


def expected_overall(answers: list[dict[str, int | str]]) -> str:
    questionnaire = shipped_questionnaires()[EXPRESS]
    values = [{k: (None if v == "na" else int(v)) for k, v in given.items()} for given in answers]
    report = score_responses(questionnaire, responses_frame(questionnaire, values, [{} for _ in values]))
    return format_number(report.overall.score, "fr")


def test_results_wait_for_min_group_size() -> None:
    code, key = create_workshop()
    participant(code, answers_pattern(0), {"role": "direction", "organisation": "Association A"})
    app = close_workshop(key)
    assert translate("dashboard.too_few", "fr", count=3) in [i.value for i in app.info]
    assert overall_shown(app) is None


def test_blank_responses_do_not_make_up_a_group() -> None:
    """Two people who answered « je ne sais pas » everywhere and one who answered: that one is alone."""
    code, key = create_workshop()
    blank = dict.fromkeys(answers_pattern(0), "na")
    for given in (blank, blank, answers_pattern(0)):
        seeded_participant(code, given, {"role": "salarie", "organisation": "Association A"})
    app = close_workshop(key)
    assert metric_value(app, "dashboard.submitted") == "3"
    assert translate("dashboard.too_few", "fr", count=3) in [i.value for i in app.info]
    assert overall_shown(app) is None


def test_a_statement_answered_by_fewer_than_three_shows_no_figure() -> None:
    code, key = create_workshop()
    questionnaire = shipped_questionnaires()[EXPRESS]
    rare = questionnaire.items[0]
    answers = [answers_pattern(shift) for shift in range(3)]
    answers[2][rare.id] = "na"  # two people answered it: a consensus, but from fewer than three
    for given in answers:
        # Management is asked every statement: the only one with too few answers is the rare one.
        seeded_participant(code, given, {"role": "direction", "organisation": "Association A"})
    app = close_workshop(key)
    # Its dimension still has a score from all three (their other statements), and so has the group.
    assert overall_shown(app) == expected_overall(answers)
    # The statement itself shows no figure: it is not among the statements to discuss.
    assert not any(rare.text["fr"] in m.value for m in app.markdown)
    assert any(m.value.startswith("**1. ") for m in app.markdown)  # while the others are
    assert_no_exception(app)


def metric_value(app: AppTest, key: str) -> str | None:
    return next((m.value for m in app.metric if m.label == translate(key, "fr")), None)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_workshop_pages_render_in_both_languages(lang: str) -> None:
    code, key = create_workshop(lang=lang)
    for page, query in [
        ("app_pages/workshop.py", {}),
        ("app_pages/join.py", {"code": code}),
        ("app_pages/dashboard.py", {"k": key}),
        ("app_pages/projection.py", {"p": projection_token_for(key)}),
        ("app_pages/group_results.py", {"code": code}),
    ]:
        app = new_app(lang, **query)
        app.run()
        app.switch_page(page).run()
        assert_no_exception(app)


def test_bad_workshop_form_keeps_what_was_typed_and_says_what_is_wrong() -> None:
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_area, translate("workshop.field_organisations", "fr")).input("Une association\n" + "X" * 200)
    by_label(app.button, translate("workshop.create", "fr")).click().run()
    errors = [e.value for e in app.error]
    assert translate("workshop.error_no_title", "fr") in errors
    assert translate("workshop.error_org_too_long", "fr", length=80) in errors
    assert by_label(app.text_area, translate("workshop.field_organisations", "fr")).value.startswith("Une association")


def test_a_wrong_code_is_refused_with_a_clear_message() -> None:
    create_workshop()
    app = new_app("fr", code="ZZZZ-ZZZZ")
    app.run()
    app.switch_page("app_pages/join.py").run()
    assert not app.exception
    assert [e.value for e in app.error] == [translate("join.unknown_code", "fr")]
    assert not any(b.key == "join_start" for b in app.button)


def test_a_typed_code_leads_to_the_questionnaire() -> None:
    code, _key = create_workshop()
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/join.py").run()
    by_label(app.text_input, translate("join.code", "fr")).input(code.lower().replace("-", " "))
    by_label(app.button, translate("join.submit", "fr")).click().run()
    assert_no_exception(app)
    click(app, "join_start")
    assert app.header[0].value == translate("questionnaire.profile_title", "fr")
    # In a workshop: role and organisation, and the questionnaire's own min_group_size.
    help_text = translate("questionnaire.profile_help", "fr", count=2, minimum=3)
    assert help_text in [c.value for c in app.caption]
    assert "Ces questions" in help_text and "moins de 3 personnes" in help_text


def test_a_session_that_tries_many_wrong_codes_must_stop() -> None:
    code, _key = create_workshop()
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/join.py").run()
    for attempt in range(10):
        by_label(app.text_input, translate("join.code", "fr")).input(f"WRONG-{attempt:03d}")
        by_label(app.button, translate("join.submit", "fr")).click().run()
        assert [e.value for e in app.error] == [translate("join.unknown_code", "fr")]
    # Even the right code is refused to this session now: it has shown it is guessing.
    by_label(app.text_input, translate("join.code", "fr")).input(code)
    by_label(app.button, translate("join.submit", "fr")).click().run()
    assert [e.value for e in app.error] == [translate("join.wait", "fr")]


def test_control_characters_typed_in_the_form_are_dropped_not_fatal() -> None:
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_input, translate("workshop.field_title", "fr")).input("Conseil\x00 du 12 mars")
    by_label(app.text_area, translate("workshop.field_organisations", "fr")).input(
        "Asso\x00ciation A\n**Association B**"
    )
    by_label(app.button, translate("workshop.create", "fr")).click().run()
    assert_no_exception(app)
    assert translate("workshop.created", "fr") in [s.value for s in app.success]
