"""Naming an earlier workshop as the baseline when creating one (app_pages/workshop.py, ui.baselines): its
facilitator link (or key) links them in storage; a link that is not one, opens nothing, or is of another
questionnaire is refused with a message and no workshop is created."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from i18n import translate
from storage import Store
from tests.app.helpers import assert_no_exception, by_label, new_app
from ui import browser_memory
from ui.catalogue import shipped_questionnaires


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


def remembered(monkeypatch: pytest.MonkeyPatch, *questionnaire_ids: str) -> list[tuple[int, str, str]]:
    """Earlier workshops created on this browser (« Mes ateliers », its memory cookie): (id, key, code) each."""
    store = Store()
    made = []
    try:
        for n, questionnaire_id in enumerate(questionnaire_ids, start=1):
            created = store.create_workshop(
                title=f"Conseil {n} ({questionnaire_id})",
                questionnaire_id=questionnaire_id,
                organisations=[],
                profile_fields=[],
                show_results_to_participants=False,
            )
            made.append((created.workshop_id, created.facilitator_key, created.participant_code))
    finally:
        store.close()
    memory = {browser_memory.workshop_slot(code): {"k": key} for _id, key, code in made}
    cookie = quote(json.dumps(memory))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})
    return made


def create_choosing(title: str, lang: str = "fr", *, pasted: str = ""):
    """Create a workshop choosing the remembered workshop of this title as its baseline."""
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_input, translate("workshop.field_title", lang)).input("Un an après")
    by_label(app.selectbox, translate("workshop.field_questionnaire", lang)).set_value("express")
    if pasted:
        by_label(app.text_input, translate("compare.baseline_field", lang)).input(pasted)
    choice = by_label(app.selectbox, translate("compare.baseline_mine", lang))
    choice.select_index(next(n for n, label in enumerate(choice.options) if label.startswith(title + " · ")))
    by_label(app.button, translate("workshop.create", lang)).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_workshop_of_my_workshops_is_chosen_as_baseline(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    (earlier_id, _key, _code), _other = remembered(monkeypatch, "express", "sante-partenariat")
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    choice = by_label(app.selectbox, translate("compare.baseline_mine", lang))
    assert choice.value is None, "no baseline unless one is chosen"
    # Each workshop by its title, questionnaire and date; never by its key (the options are participant codes).
    labels = choice.options
    assert labels[0] == translate("compare.baseline_mine_none", lang)
    assert any(label.startswith("Conseil 1 (express) · ") for label in labels)
    assert not [label for label in labels if _key in label]
    app = create_choosing("Conseil 1 (express)", lang)
    assert_no_exception(app)
    store = Store()
    try:
        workshop = store.workshop_for_facilitator(new_key(app))
        assert workshop is not None
        baseline = store.baseline_of(workshop.id)
        assert baseline is not None and baseline.id == earlier_id
    finally:
        store.close()


def test_my_workshop_of_another_questionnaire_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    remembered(monkeypatch, "express", "sante-partenariat")
    app = create_choosing("Conseil 2 (sante-partenariat)")
    assert [e.value for e in app.error] == [translate("compare.baseline_other_questionnaire", "fr")]
    assert not app.code


def test_a_pasted_link_and_another_choice_are_refused_the_same_one_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    (_first_id, first_key, _code), (second_id, second_key, _code2) = remembered(monkeypatch, "express", "express")
    app = create_choosing("Conseil 2 (express)", pasted=first_key)
    assert [e.value for e in app.error] == [translate("compare.baseline_both", "fr")]
    assert not app.code
    app = create_choosing("Conseil 2 (express)", pasted=f"http://localhost:8501/dashboard?k={second_key}")
    assert_no_exception(app)
    store = Store()
    try:
        workshop = store.workshop_for_facilitator(new_key(app))
        assert workshop is not None
        baseline = store.baseline_of(workshop.id)
        assert baseline is not None and baseline.id == second_id
    finally:
        store.close()


def test_without_workshops_remembered_there_is_nothing_to_choose() -> None:
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    assert translate("compare.baseline_mine", "fr") not in [s.label for s in app.selectbox]


def response_file(people: int, *, shift: int = 0) -> bytes:
    """A response file of the express questionnaire in the command line's format: one row a person."""
    ids = shipped_questionnaires()["express"].item_ids
    lines = ["respondent," + ",".join(ids)]
    lines += [f"R{n}," + ",".join(str((k + n + shift) % 5 + 1) for k in range(len(ids))) for n in range(people)]
    return ("\n".join(lines) + "\n").encode()


def create_with_file(name: str, data: bytes, lang: str = "fr", *, pasted: str = ""):
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_input, translate("workshop.field_title", lang)).input("Un an après")
    by_label(app.selectbox, translate("workshop.field_questionnaire", lang)).set_value("express")
    if pasted:
        by_label(app.text_input, translate("compare.baseline_field", lang)).input(pasted)
    app.get("file_uploader")[0].set_value((name, data, "text/csv"))
    by_label(app.button, translate("workshop.create", lang)).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_earlier_response_file_is_kept_as_its_published_aggregate_and_compared(lang: str) -> None:
    from tests.app.test_workshop_pages import dashboard, seeded_participant

    app = create_with_file("vague-2025.csv", response_file(4), lang)
    assert_no_exception(app)
    assert translate("compare.baseline_file_kept", lang, name="vague\\-2025\\.csv", count=4) in [
        i.value for i in app.info
    ]
    key = new_key(app)
    store = Store()
    try:
        workshop = store.workshop_for_facilitator(key)
        assert workshop is not None
        kept = store.baseline_file_of(workshop.id)
        assert kept is not None and (kept.name, kept.people) == ("vague-2025.csv", 4)
        # Its figures, never a row: the kept report is the file's shared report (no respondent, no answer).
        assert set(kept.report) >= {"dimensions", "items", "counted"} and "R0" not in str(kept.report)
        code = workshop.participant_code
    finally:
        store.close()
    ids = shipped_questionnaires()["express"].item_ids
    for shift in range(3):
        seeded_participant(code, {i: (k + shift) % 5 + 1 for k, i in enumerate(ids)}, {"role": "administrateur"})
    shown = dashboard(key, lang)
    assert translate("compare.waves_title", lang) in [s.value for s in shown.subheader]
    then = translate("compare.waves_caption_file", lang, title="vague\\-2025\\.csv", count=4)
    assert any(c.value.startswith(then) for c in shown.caption), [c.value for c in shown.caption]
    # The projector's before/after link, as for a baseline workshop.
    assert translate("compare.projection_waves_link", lang) in [link.proto.label for link in shown.get("page_link")]


def test_a_response_file_of_too_few_people_is_refused_and_creates_nothing() -> None:
    app = create_with_file("petit.csv", response_file(2))
    minimum = shipped_questionnaires()["express"].min_group_size
    assert [e.value for e in app.error] == [translate("compare.baseline_file_too_few", "fr", count=minimum, people=2)]
    assert not app.code


def test_a_wrong_response_file_is_refused_with_its_located_problems() -> None:
    data = response_file(4).replace(b"\nR2,", b"\nR2,9", 1)
    app = create_with_file("vague.csv", data)
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and errors[0].startswith("vague.csv\u202f: ligne 4, colonne") and "(B)" in errors[0]
    assert not app.code


def test_a_response_file_and_a_pasted_link_are_refused_together() -> None:
    _earlier_id, earlier_key = earlier()
    app = create_with_file("vague.csv", response_file(4), pasted=earlier_key)
    assert [e.value for e in app.error] == [translate("compare.baseline_both", "fr")]
    assert not app.code
