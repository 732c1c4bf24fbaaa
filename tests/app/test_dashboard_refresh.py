"""A dashboard left open: every 4 s only its counts are drawn again; its figures only when a round records a new
batch, and the folded list of every statement builds its charts only once opened (issue 11).

The refresh is the page's fragment (`app_pages/dashboard.py`), whose body is `ui.workshop_view.live_counts`: AppTest
cannot fire a fragment's timer, so the body runs alone here (`AppTest.from_function`), as the timer runs it, with
the marker of the figures the page drew. What is counted is what gets built and drawn, not time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.privacy import WorkshopSpec
from storage import Store
from tests.app.helpers import assert_no_exception, new_app
from ui import figures, workshops
from ui.catalogue import get_questionnaire
from ui.workshop_view import DELETED_HERE, figures_marker

SANTE = get_questionnaire("sante-partenariat")
ORGANISATIONS = ["Association A", "Association B"]
ALL_ITEMS = "dashboard_all_items"  # the folded section's key in app_pages/dashboard.py


@dataclass
class Room:
    store: Store
    workshop_id: int
    key: str
    sent: int = 0

    def send(self, *, publish: bool = True) -> None:
        token = self.store.new_respondent_token()
        answers = {item.id: 1 + (n + self.sent) % 5 for n, item in enumerate(SANTE.items)}
        self.store.save_draft(
            token,
            questionnaire_id=SANTE.id,
            workshop_id=self.workshop_id,
            answers=answers,
            profile={"role": "administrateur", "organisation": ORGANISATIONS[self.sent % 2]},
            comments={},
            step=0,
        )
        assert self.store.submit(token)
        self.sent += 1
        if publish:
            spec = WorkshopSpec(SANTE, ("role", "organisation"), tuple(ORGANISATIONS))
            workshops.publish_round(self.store, spec, self.workshop_id)

    def marker(self) -> Any:
        return figures_marker(self.store.workshop_for_facilitator(self.key))


def seeded_room(people: int = 3) -> Room:
    store = Store()  # the app's own database: RADAR_DATA_DIR of this test (tests/app/conftest.py)
    created = store.create_workshop(
        title="Conseil du 12 mars",
        questionnaire_id=SANTE.id,
        organisations=ORGANISATIONS,
        profile_fields=["role", "organisation"],
        show_results_to_participants=False,
    )
    room = Room(store, created.workshop_id, created.facilitator_key)
    for _ in range(people):
        room.send()
    return room


def dashboard(room: Room) -> AppTest:
    app = new_app("fr", k=room.key)
    app.run()
    app.switch_page("app_pages/dashboard.py").run()
    assert_no_exception(app)
    return app


def refresh_script(key, drawn):  # no annotations: AppTest runs its source alone, without this module's imports
    """What the dashboard's timer runs every 4 s (its fragment's body), alone."""
    import streamlit as st

    from ui.workshop_view import live_counts

    st.session_state["stale"] = live_counts(key, drawn)


def refresh(room: Room, drawn: Any, **session: Any) -> AppTest:
    app = AppTest.from_function(refresh_script, args=(room.key, drawn), default_timeout=60)
    for name, value in session.items():
        app.session_state[name] = value
    app.run()
    assert_no_exception(app)
    return app


def metric(app: AppTest, label_key: str) -> str:
    return next(m.value for m in app.metric if m.label == translate(label_key, "fr"))


def test_a_refresh_with_no_new_batch_draws_the_counts_and_builds_no_figure() -> None:
    room = seeded_room()
    page = dashboard(room)
    assert page.get("plotly_chart"), "the dashboard drew no chart: the test would prove nothing"
    drawn = room.marker()  # what the page drew
    built = figures.builds()
    room.send(publish=False)  # a fourth person sends: waiting for two more before a new batch
    app = refresh(room, drawn)
    assert metric(app, "dashboard.submitted") == "4"  # the counts move with every submission
    assert not app.get("plotly_chart")
    assert figures.builds() == built
    assert app.session_state["stale"] is False  # the page's figures are not drawn again


def test_a_new_batch_has_the_page_draw_its_figures_again() -> None:
    room = seeded_room()
    dashboard(room)
    drawn = room.marker()
    for _ in range(3):
        room.send()  # the third is published: a new batch of three
    assert refresh(room, drawn).session_state["stale"] is True
    page = dashboard(room)  # the page's rerun: the figures of six people, and a new marker
    assert metric(page, "dashboard.submitted") == "6"
    assert refresh(room, room.marker()).session_state["stale"] is False


def test_closing_the_workshop_elsewhere_has_the_page_drawn_again() -> None:
    room = seeded_room()
    drawn = room.marker()
    assert room.store.set_workshop_status(room.key, "closed")
    assert refresh(room, drawn).session_state["stale"] is True


def test_the_folded_list_of_every_statement_builds_its_charts_only_once_opened() -> None:
    room = seeded_room()
    app = dashboard(room)
    [folded] = [e for e in app.expander if e.label == translate("dashboard.all_items_title", "fr")]
    assert not folded.get("plotly_chart")
    drawn_closed = len(app.get("plotly_chart"))
    app.session_state[ALL_ITEMS] = True  # the facilitator opens it: the expander reruns the page
    app.run()
    assert_no_exception(app)
    [folded] = [e for e in app.expander if e.label == translate("dashboard.all_items_title", "fr")]
    assert len(folded.get("plotly_chart")) == len(SANTE.items)
    assert len(app.get("plotly_chart")) == drawn_closed + len(SANTE.items)


def test_deleted_from_this_dashboard_its_refresh_keeps_the_confirmation_in_place() -> None:
    """The delete button's run shows « L’atelier et toutes ses réponses ont été supprimés » and stops; the timer set
    by an earlier run still fires: it must not have the page drawn again, which would replace the confirmation with
    « ce lien d’animation n’ouvre aucun atelier ». Deleted from another tab, it still says so and redraws."""
    room = seeded_room()
    drawn = room.marker()
    assert room.store.delete_workshop(room.key)
    here = refresh(room, drawn, **{DELETED_HERE: room.key})
    assert here.session_state["stale"] is False
    assert not here.warning and not here.metric
    elsewhere = refresh(room, drawn)
    assert elsewhere.session_state["stale"] is True
    assert [w.value for w in elsewhere.warning] == [translate("dashboard.deleted", "fr")]
