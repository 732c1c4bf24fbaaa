"""A workshop of an imported questionnaire (issue 17) through AppTest: every page that resolves a workshop's
questionnaire finds it in the database (join, the questionnaire, the dashboard, the projection, the group's results,
the plan), and nothing finds it once its last workshop is deleted. Seeded through the Store, not the import page
(tests/app/test_import_page.py drives that)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.loader import load_questionnaire
from scoring.model import Questionnaire
from scoring.privacy import WorkshopSpec
from storage import Store
from storage.codes import projection_token_for
from tests.app.helpers import ROOT, answer_all_steps, assert_no_exception, click, new_app
from ui import catalogue, importing, workshops
from ui.text import plain

# Markdown and HTML in the author's texts: shown as typed wherever the respondent reads them.
TITLE = "**Grille** <b>maison</b>"


DIMENSION = "**Éthique** et <i>valeurs</i>"
HELP = "Pensez à la **charte** <b>signée</b> :material/lock:"


def house_questionnaire() -> Questionnaire:
    """The express questionnaire under another id, with a title and a dimension full of markup, as an adviser might
    import it."""
    data = load_questionnaire(Path(ROOT) / "questionnaires" / "express.yaml").model_dump()
    data.update(id="grille-maison", title={"fr": TITLE, "en": TITLE})
    data["dimensions"][0]["label"] = {"fr": DIMENSION, "en": DIMENSION}
    data["dimensions"][0]["items"][0]["help"] = {"fr": HELP, "en": HELP}
    return Questionnaire.model_validate(data)


def seeded(questionnaire: Questionnaire) -> tuple[str, str, str]:
    """(participant code, facilitator key, reference) of a new workshop of ``questionnaire``, imported."""
    imported = importing.stored_form(questionnaire)
    store = Store()  # the app's SQLite file (RADAR_DATA_DIR of this test)
    try:
        created = store.create_workshop(
            title="Séance de la fédération",
            questionnaire_id=imported.reference,
            organisations=["Association A", "Association B"],
            profile_fields=[field.id for field in questionnaire.profile],
            show_results_to_participants=True,
            scale=workshops.scale_of(questionnaire),
            imported=imported,
        )
    finally:
        store.close()
    return created.participant_code, created.facilitator_key, imported.reference


def seeded_answers(code: str, questionnaire: Questionnaire, shift: int) -> None:
    store = Store()
    try:
        view = store.workshop_for_participant(code)
        assert view is not None
        token = store.new_respondent_token()
        answers = {item.id: (n + shift) % 5 + 1 for n, item in enumerate(questionnaire.items)}
        store.save_draft(
            token, questionnaire_id=view.questionnaire_id, workshop_id=view.id, answers=answers,
            profile={"organisation": "Association A"}, comments={}, step=0,
        )  # fmt: skip
        assert store.submit(token)
        resolved = catalogue.get_questionnaire(view.questionnaire_id)
        assert resolved is not None
        spec = WorkshopSpec(resolved, tuple(view.profile_fields), tuple(view.organisations))
        workshops.publish_round(store, spec, view.id)
    finally:
        store.close()


def page(path: str, **query: str) -> AppTest:
    app = new_app("fr", **query)
    app.run()
    app.switch_page(path).run()
    assert_no_exception(app)
    return app


def test_the_catalogue_finds_an_imported_questionnaire_by_its_reference_until_its_last_workshop_goes() -> None:
    questionnaire = house_questionnaire()
    _code, key, reference = seeded(questionnaire)
    _code2, key2, same = seeded(questionnaire)
    assert same == reference
    found = catalogue.get_questionnaire(reference)
    assert found is not None
    assert found.id == reference  # answers and pages name it as the workshop does
    assert found.model_copy(update={"id": questionnaire.id}) == questionnaire
    assert reference not in catalogue.shipped_questionnaires()  # never one of the server's files
    store = Store()
    try:
        assert store.delete_workshop(key)
        assert catalogue.get_questionnaire(reference) is not None
        assert store.delete_workshop(key2)
    finally:
        store.close()
    assert catalogue.get_questionnaire(reference) is None
    assert not list((Path(ROOT) / "questionnaires").glob("grille-maison*"))


def test_a_participant_joins_and_answers_a_workshop_of_an_imported_questionnaire() -> None:
    questionnaire = house_questionnaire()
    code, _key, _reference = seeded(questionnaire)
    app = page("app_pages/join.py", code=code)
    # The author's title as typed: its Markdown escaped (ui.text.plain), so that no bold and no HTML shows.
    assert plain(TITLE) in [caption.value for caption in app.caption]
    click(app, "join_start")
    app.switch_page("app_pages/questionnaire.py").run()
    assert_no_exception(app)
    assert app.title[0].value == plain(TITLE)
    click(app, "next")  # the profile, then the first dimension: its first statement's help as typed, source too
    first = questionnaire.dimensions[0].items[0]
    [radio] = [r for r in app.radio if r.key and r.key.endswith(first.id)]
    assert radio.help.startswith(plain(HELP) + "\n\n") and "**" not in radio.help.replace("\\*", "")
    app.button(key="back").click().run()
    values = {item.id: 3 for item in questionnaire.items}
    answer_all_steps(app, values, {"organisation": "Association A"})
    click(app, "submit")
    assert any(s.value == translate("results.thanks", "fr") for s in app.success)


@pytest.mark.parametrize("screen", ["dashboard", "projection", "group_results", "plan"])
def test_the_facilitator_s_and_the_room_s_screens_find_the_imported_questionnaire(screen: str) -> None:
    questionnaire = house_questionnaire()
    code, key, _reference = seeded(questionnaire)
    for shift in range(3):
        seeded_answers(code, questionnaire, shift)
    if screen == "group_results":  # shown to the room once closed
        store = Store()
        try:
            assert store.set_workshop_status(key, "closed")
        finally:
            store.close()
    query = {
        "dashboard": {"k": key},
        "projection": {"p": projection_token_for(key)},
        "group_results": {"code": code},
        "plan": {"k": key},
    }[screen]
    app = page(f"app_pages/{screen}.py", **query)
    assert translate("join.unknown_code", "fr") not in [e.value for e in app.error]
    if screen == "dashboard":
        assert app.metric, "the group's figures, computed from the imported questionnaire"
    # The dimension's name as typed wherever Markdown shows it (escaped), never bold or italic.
    shown = [e.value for e in (*app.markdown, *app.caption)]
    assert not [value for value in shown if DIMENSION in value]
    if screen == "dashboard":  # under each statement to discuss
        assert any(plain(DIMENSION) in value for value in app.caption.values)
    if screen == "group_results":  # the dimension's card
        assert f"**{plain(DIMENSION)}**" in app.markdown.values
