"""The shared screens (dashboard, projection, group results) in each state of the privacy rule, through AppTest.

Workshops are seeded through the Store and published as a submission would (`ui.workshops.publish_round`), so
that each test is about what the screens say, not about walking participants through the questionnaire.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.asking import items_for
from scoring.privacy import StoredResponse, WorkshopSpec
from storage import Store
from storage.codes import projection_token_for
from tests.app.helpers import assert_no_exception, new_app
from ui import workshops
from ui.catalogue import shipped_questionnaires

EXPRESS = shipped_questionnaires()["express"]
ORGANISATIONS = ["Association A", "Association B"]


@dataclass
class Seeded:
    store: Store
    workshop_id: int
    key: str
    code: str

    @property
    def spec(self) -> WorkshopSpec:
        return WorkshopSpec(EXPRESS, ("role", "organisation"), tuple(ORGANISATIONS))

    def send(
        self,
        shift: int = 0,
        *,
        role: str = "administrateur",
        organisation: str = "Association A",
        publish: bool = True,
        **answers: int | None,
    ) -> None:
        """One participant's answers, submitted, then published as the app does after a submit (unless several
        submit at once: ``publish=False``, and the last of them publishes)."""
        token = self.store.new_respondent_token()
        asked = {item.id for item in items_for(EXPRESS, {"role": role})}  # what the phone asks this role
        given = {item.id: ((n * 2 + shift) % 5) + 1 for n, item in enumerate(EXPRESS.items) if item.id in asked}
        given.update(answers)
        self.store.save_draft(
            token,
            questionnaire_id=EXPRESS.id,
            workshop_id=self.workshop_id,
            answers=given,
            profile={"role": role, "organisation": organisation},
            comments={},
            step=6,
        )
        assert self.store.submit(token)
        if publish:
            workshops.publish_round(self.store, self.spec, self.workshop_id)

    def close(self) -> None:
        assert self.store.set_workshop_status(self.key, "closed")
        workshops.publish_round(self.store, self.spec, self.workshop_id)


@pytest.fixture
def seeded() -> Seeded:
    store = Store()  # the app's own database: RADAR_DATA_DIR of this test (tests/app/conftest.py)
    created = store.create_workshop(
        title="Conseil du 12 mars",
        questionnaire_id=EXPRESS.id,
        organisations=ORGANISATIONS,
        profile_fields=["role", "organisation"],
        show_results_to_participants=True,
    )
    return Seeded(store, created.workshop_id, created.facilitator_key, created.participant_code)


def page(path: str, **query: str) -> AppTest:
    app = new_app("fr", **query)
    app.run()
    app.switch_page(path).run()
    assert_no_exception(app)
    return app


def dashboard(seeded: Seeded, group_by: str | None = None) -> AppTest:
    app = page("app_pages/dashboard.py", k=seeded.key)
    if group_by:
        app.button_group(key="dashboard_group_by").set_value(group_by).run()
        assert_no_exception(app)
    return app


def captions(app: AppTest) -> list[str]:
    return [c.value for c in app.caption]


def overall_shown(app: AppTest) -> str | None:
    return next((m.value for m in app.metric if m.label == translate("results.overall", "fr")), None)


def counted(number: int, rest: str | None = None, **params: int) -> str:
    text = translate("dashboard.counted", "fr", count=number)
    return f"{text} {translate(rest, 'fr', **params)}" if rest else text


def test_nothing_yet_says_when_results_come_and_promises_no_more_than_the_rule(seeded: Seeded) -> None:
    seeded.send(0)
    seeded.send(1)
    for app in (dashboard(seeded), page("app_pages/projection.py", p=projection_token_for(seeded.key))):
        assert [i.value for i in app.info] == [translate("dashboard.first_batch", "fr", count=3)]
        assert overall_shown(app) is None
    text = translate("dashboard.first_batch", "fr", count=3)
    assert "3 nouvelles personnes" in text and "personne ne peut retrouver" not in text
    # It says which computation the rule stops, and where its limits are said (identical answers, collusion).
    assert "par sommes et différences" in text and "La méthode" in text


def test_the_first_batch_shows_at_three_while_the_workshop_is_open(seeded: Seeded) -> None:
    for shift in range(3):
        seeded.send(shift)
    app = dashboard(seeded)
    assert overall_shown(app) is not None
    assert counted(3) in captions(app)
    assert translate("dashboard.discuss_title", "fr") in [s.value for s in app.subheader]


def test_live_results_keep_up_seven_sent_six_in_one_waiting_and_why(seeded: Seeded) -> None:
    for shift in range(7):
        seeded.send(shift)
    app = dashboard(seeded)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[translate("dashboard.submitted", "fr")] == "7"
    sentence = counted(6, "dashboard.waiting", count=1, minimum=3)
    assert sentence in captions(app)
    assert "1 autre réponse n’est pas encore comptée" in sentence and "au moins 3 attendent" in sentence
    projected = page("app_pages/projection.py", p=projection_token_for(seeded.key))
    assert [c for c in captions(projected) if c.endswith(f" · {sentence}")]  # after the counts, in one caption


def test_closed_with_leftovers_says_they_are_not_counted(seeded: Seeded) -> None:
    for shift in range(7):
        seeded.send(shift)
    seeded.close()
    app = dashboard(seeded)
    assert counted(6, "dashboard.not_counted", count=1) in captions(app)
    shared = page("app_pages/group_results.py", code=seeded.code)
    assert counted(6, "dashboard.not_counted", count=1) in captions(shared)
    assert overall_shown(shared) is not None


def test_reading_never_publishes(seeded: Seeded) -> None:
    """Three responses submitted but no publication (a write) yet: the screens show nothing, and write nothing."""
    for shift in range(3):
        token = seeded.store.new_respondent_token()
        seeded.store.save_draft(
            token,
            questionnaire_id=EXPRESS.id,
            workshop_id=seeded.workshop_id,
            answers={item.id: shift + 1 for item in EXPRESS.items},
            profile={},
            comments={},
            step=6,
        )
        seeded.store.submit(token)
    for _ in range(2):
        app = dashboard(seeded)
        assert overall_shown(app) is None
    page("app_pages/projection.py", p=projection_token_for(seeded.key))
    assert seeded.store.publication_counter(seeded.workshop_id) == 0
    seeded.close()  # closing is a write: now the three go in
    assert overall_shown(dashboard(seeded)) is not None


def test_invalid_values_are_left_out_and_the_facilitator_is_told(seeded: Seeded) -> None:
    first = EXPRESS.items[0].id
    seeded.send(0, **{first: 99})  # a tampered client: off the scale (storage takes up to 1000)
    seeded.send(1, organisation="Nobody invited us")
    seeded.send(2)
    seeded.send(3)
    app = dashboard(seeded)
    assert [w.value for w in app.warning] == [translate("dashboard.excluded_values", "fr", count=2)]
    assert overall_shown(app) is not None
    for shared in (
        page("app_pages/projection.py", p=projection_token_for(seeded.key)),
        page("app_pages/group_results.py", code=seeded.code),
    ):
        assert not shared.warning  # the room is not told: the facilitator is


def test_hidden_groups_say_why(seeded: Seeded) -> None:
    """Three board members and one employee in A, three employees in B, all sent at once: A minus the board members
    (or the employees minus B) would be that one employee."""
    for shift in range(3):
        seeded.send(shift, role="administrateur", organisation="Association A", publish=False)
    seeded.send(3, role="salarie", organisation="Association A", publish=False)
    for shift in range(4, 7):
        seeded.send(shift, role="salarie", organisation="Association B", publish=shift == 6)
    by_role = dashboard(seeded, "role")
    assert counted(7) in captions(by_role)
    # Nobody answered as management, volunteer...: fewer than 3, and no size that would move one by one.
    assert translate("dashboard.suppressed", "fr", count=3) in captions(by_role)
    markdown = [m.value for m in by_role.markdown]
    assert "**Administrateur·rice** · 3 personnes" in markdown and "**Salarié·e** · 4 personnes" in markdown
    by_organisation = captions(dashboard(seeded, "organisation"))
    assert translate("dashboard.withheld", "fr", count=3) in by_organisation
    assert translate("dashboard.withheld", "fr", count=3).startswith("3 personnes\u202f: résultats pas encore")
    # Association A keeps only what its employee was not asked (the board's statement, answered by its three board
    # members alone: the board's own figure already). Every dimension of A, which would give them away, is withheld.
    report = workshops.results_for(seeded.store.workshop_for_facilitator(seeded.key)).report
    [association_a] = [g for g in report.breakdowns["organisation"] if g.value == "Association A"]
    assert {d.status for d in association_a.dimensions} == {"withheld"}
    assert [i.id for i in association_a.items if i.status == "shown"] == ["ex-gouv-3"]


def test_the_shared_report_is_computed_once_per_publication(seeded: Seeded, monkeypatch) -> None:
    for shift in range(3):
        seeded.send(shift)
    view = seeded.store.workshop_for_facilitator(seeded.key)
    calls = []
    real = workshops.shown_report
    monkeypatch.setattr(workshops, "shown_report", lambda *a: calls.append(1) or real(*a))
    first = workshops.results_for(view)
    assert workshops.results_for(view) == first and len(calls) == 1  # a refresh: nothing recomputed
    seeded.send(4, **{EXPRESS.items[0].id: 99})  # a submission, no round: only the values left out are counted
    again = workshops.results_for(view)
    assert again.waiting == 1 and again.report.excluded_values == 1 and len(calls) == 1
    for shift in range(5, 7):
        seeded.send(shift)
    assert workshops.results_for(view).counted == 6 and len(calls) == 2


def test_a_blank_response_is_not_told_apart_from_one_waiting_for_others(seeded: Seeded) -> None:
    """The screen must not tell whether the last person to send answered anything: one count for both."""
    for shift in range(6):
        seeded.send(shift)
    seeded.send(0, **dict.fromkeys(EXPRESS.item_ids))  # « je ne sais pas » everywhere
    assert counted(6, "dashboard.waiting", count=1, minimum=3) in captions(dashboard(seeded))
    seeded.close()
    assert counted(6, "dashboard.not_counted", count=1) in captions(dashboard(seeded))


GROUP_SCREENS = ["app_pages/dashboard.py", "app_pages/projection.py", "app_pages/group_results.py"]
GROUP_BLOCKS = ["ui/workshop_view.py", "ui/workshops.py"]


def _imports(path: str) -> set[str]:
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).resolve().parents[2] / path).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize("path", GROUP_SCREENS + GROUP_BLOCKS)
def test_group_screens_cannot_compute_a_group_figure_themselves(path: str) -> None:
    """Only scoring.privacy computes what they show: not the engine, not a frame of answers, not a ScoreReport."""
    forbidden = {"scoring.engine", "scoring.frames", "scoring.results.ScoreReport", "scoring.consensus"}
    assert not _imports(path) & forbidden


def test_a_group_block_refuses_an_engine_report() -> None:
    from scoring.engine import score_responses
    from scoring.frames import responses_frame
    from ui import workshop_view

    report = score_responses(EXPRESS, responses_frame(EXPRESS, [{EXPRESS.items[0].id: 3}]))
    with pytest.raises(TypeError, match="SharedReport"):
        workshop_view.disagreements(EXPRESS, report)  # type: ignore[arg-type]


def test_a_deleted_workshop_s_figures_are_never_shown_for_the_next_one_given_its_id(seeded: Seeded) -> None:
    """SQLite gave the id of a deleted workshop (the newest) to the next one created: a dry run deleted, then the
    real workshop with the same settings. Ids are no longer given twice (storage's id_high_water), and the first
    batch shows its own figures, not the cached ones of the deleted workshop at the same counter and count."""
    for shift in range(3):
        seeded.send(shift)
    before = workshops.results_for(seeded.store.workshop_for_facilitator(seeded.key))
    assert before.counted == 3
    assert seeded.store.delete_workshop(seeded.key)
    created = seeded.store.create_workshop(
        title="Conseil du 12 mars",
        questionnaire_id=EXPRESS.id,
        organisations=ORGANISATIONS,
        profile_fields=["role", "organisation"],
        show_results_to_participants=True,
    )
    assert created.workshop_id > seeded.workshop_id, "a deleted workshop's id is never given again"
    real = Seeded(seeded.store, created.workshop_id, created.facilitator_key, created.participant_code)
    for _ in range(3):
        real.send(4)  # other answers than the dry run's
    after = workshops.results_for(real.store.workshop_for_facilitator(real.key))
    state = real.store.publication_state(real.workshop_id)
    responses = [StoredResponse(r.id, r.answers, r.profile) for r in state.responses]
    own = workshops.shown_report(real.spec, responses, workshops._planner_inputs(state)[1])
    assert after.counted == 3 and after.report == own
    assert after.report != before.report


LIMITS = {
    "fr": [
        "Par lots",
        "trois personnes nouvelles",
        "Aucun recoupement",
        "Des réponses identiques",
        "nouvelles venues",
        "au-delà des sommes",
        "se concertent",
        "triche",
        "Qui a répondu",
    ],
    "en": [
        "By batches",
        "three new people",
        "No cross-checking",
        "Identical answers",
        "newcomers",
        "beyond sums",
        "compare notes",
        "cheats",
        "Who answered",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_method_page_says_what_the_rule_holds_and_what_it_does_not(lang: str) -> None:
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/method.py").run()
    assert_no_exception(app)
    assert translate("method.privacy_title", lang) in [h.value for h in app.header]
    text = translate("method.privacy_text", lang)
    assert text in [m.value for m in app.markdown]
    flowing = " ".join(text.split())  # the catalogue breaks its lines anywhere
    missing = [words for words in LIMITS[lang] if words not in flowing]
    assert missing == []
