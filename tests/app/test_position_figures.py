"""Where the group places the relationship on the continuum (issue 15): today's and the wished distributions,
side by side on the dashboard, the projection and the group results, from the shared report's position figures.

A « Rapprochement » workshop (its questionnaire asks the position, today and wished) is seeded through the Store
and published as a submission would; the charts are read back from the Plotly specs the pages send.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.privacy import WorkshopSpec
from storage import Store
from storage.codes import projection_token_for
from tests.app.helpers import assert_no_exception, new_app
from ui import workshops
from ui.catalogue import shipped_questionnaires
from ui.text import plain

RAPPROCHEMENT = shipped_questionnaires()["rapprochement"]
ORGANISATIONS = ["Les Tilleuls", "La Passerelle"]
STEPS_FR = ["Information", "Consultation", "Concertation", "Coordination", "Coopération", "Partenariat"]
STEPS_FR += ["Groupement", "Fusion"]
STEPS_EN = ["Information", "Consultation", "Concertation", "Coordination", "Cooperation", "Partnership"]
STEPS_EN += ["Grouping", "Merger"]


@dataclass
class Room:
    store: Store
    workshop_id: int
    key: str
    code: str

    def send(self, today: str | None, wished: str | None, *, shift: int = 0, publish: bool = True) -> None:
        token = self.store.new_respondent_token()
        self.store.save_draft(
            token,
            questionnaire_id=RAPPROCHEMENT.id,
            workshop_id=self.workshop_id,
            answers={item.id: (n + shift) % 5 + 1 for n, item in enumerate(RAPPROCHEMENT.items)},
            profile={"organisation": ORGANISATIONS[shift % 2]},
            comments={},
            step=1,
            positions={"relation.today": today, "relation.wished": wished},
        )
        assert self.store.submit(token)
        if publish:
            spec = WorkshopSpec(RAPPROCHEMENT, ("organisation",), tuple(ORGANISATIONS))
            workshops.publish_round(self.store, spec, self.workshop_id)


@pytest.fixture
def room() -> Room:
    store = Store()
    created = store.create_workshop(
        title="Rapprochement des Tilleuls et de la Passerelle",
        questionnaire_id=RAPPROCHEMENT.id,
        organisations=ORGANISATIONS,
        profile_fields=["organisation"],
        show_results_to_participants=True,
    )
    return Room(store, created.workshop_id, created.facilitator_key, created.participant_code)


def page(path: str, lang: str = "fr", **query: str) -> AppTest:
    app = new_app(lang, **query)
    app.run()
    app.switch_page(path).run()
    assert_no_exception(app)
    return app


def position_charts(app: AppTest) -> list[dict]:
    """The pages' position charts: Plotly specs whose traces are horizontal bars."""
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return [s for s in specs if s["data"] and all(d.get("orientation") == "h" for d in s["data"])]


def columns(spec: dict) -> list[tuple[list[str], list[int]]]:
    return [(trace["y"], trace["x"]) for trace in spec["data"]]


def titles(spec: dict) -> list[str]:
    return [a["text"] for a in spec["layout"].get("annotations", [])]


def seed_three(room: Room) -> None:
    for shift, (today, wished) in enumerate(
        [("information", "fusion"), ("coordination", "fusion"), ("coordination", "groupement")]
    ):
        room.send(today, wished, shift=shift)


def test_the_dashboard_shows_today_and_wished_side_by_side_on_the_eight_steps_in_order(room: Room) -> None:
    seed_three(room)
    app = page("app_pages/dashboard.py", k=room.key)
    assert translate("positions.title", "fr") in [s.value for s in app.subheader]
    [chart] = position_charts(app)
    today, wished = columns(chart)
    assert today == (STEPS_FR, [1, 0, 0, 2, 0, 0, 0, 0])  # every step named, in the continuum's order
    assert wished == (STEPS_FR, [0, 0, 0, 0, 0, 0, 1, 2])
    assert titles(chart)[:2] == ["<b>Aujourd’hui</b><br>3 réponses", "<b>Souhaitée</b><br>3 réponses"]
    assert chart["layout"]["yaxis"]["autorange"] == "reversed"  # information at the top
    assert translate("positions.caption", "fr") in [c.value for c in app.caption]
    assert f"**{plain(RAPPROCHEMENT.positions[0].label['fr'])}**" in [m.value for m in app.markdown]


def test_a_distribution_not_shown_says_too_few_responses(room: Room) -> None:
    """Three people say where it stands today; only two where they wish it: today is shown, wished is not."""
    room.send("information", "fusion", shift=0)
    room.send("coordination", None, shift=1)
    room.send("coordination", "fusion", shift=2)
    app = page("app_pages/dashboard.py", k=room.key)
    [chart] = position_charts(app)
    today, wished = columns(chart)
    assert today[1] == [1, 0, 0, 2, 0, 0, 0, 0]
    assert wished[1] == [0] * 8  # no bar drawn
    assert "text" not in chart["data"][1] or chart["data"][1]["text"] is None  # and no count written
    assert titles(chart)[1] == "<b>Souhaitée</b><br> "
    notice = translate("positions.too_few", "fr", count=3)  # « Trop peu de réponses : moins de 3 personnes… »
    assert notice.startswith("Trop peu de réponses")
    assert notice in [text.replace("<br>", " ") for text in titles(chart)[2:]]  # written where the bars would be


def test_the_group_results_and_the_projection_show_them_too_in_english(room: Room) -> None:
    seed_three(room)
    assert room.store.set_workshop_status(room.key, "closed")
    shared = page("app_pages/group_results.py", "en", code=room.code)
    assert translate("positions.title", "en") in [h.value for h in shared.header]
    [chart] = position_charts(shared)
    assert columns(chart)[0] == (STEPS_EN, [1, 0, 0, 2, 0, 0, 0, 0])
    assert titles(chart)[:2] == ["<b>Today</b><br>3 responses", "<b>Wished</b><br>3 responses"]
    projected = page("app_pages/projection.py", p=projection_token_for(room.key))
    [chart] = position_charts(projected)
    assert columns(chart)[1] == (STEPS_FR, [0, 0, 0, 0, 0, 0, 1, 2])
    assert chart["layout"]["height"] == 270  # compact: it shares the column with a statement at 1366×768


def test_a_questionnaire_without_positions_shows_no_such_chart() -> None:
    store = Store()
    express = shipped_questionnaires()["express"]
    created = store.create_workshop(
        title="Express",
        questionnaire_id=express.id,
        organisations=[],
        profile_fields=[],
        show_results_to_participants=False,
    )
    for shift in range(3):
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id=express.id,
            workshop_id=created.workshop_id,
            answers={item.id: (n + shift) % 5 + 1 for n, item in enumerate(express.items)},
            profile={},
            comments={},
            step=1,
        )
        store.submit(token)
    workshops.publish_round(store, WorkshopSpec(express, (), ()), created.workshop_id)
    app = page("app_pages/dashboard.py", k=created.facilitator_key)
    assert position_charts(app) == []
    assert translate("positions.title", "fr") not in [s.value for s in app.subheader]
