"""« Moi et le groupe » through AppTest: on one's own results and on the group's, one's own line beside the
group's once its results are public, and a true sentence before (open, not shared, too few) and after deletion.

Participants are seeded through the Store (answering is tested elsewhere); the one whose screens are looked at
opens their own results by their link, as a participant does, so that this session holds their answers."""

from __future__ import annotations

import json
from urllib.parse import quote

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import text_in
from scoring.privacy import WorkshopSpec
from scoring.rounding import format_number
from storage import Store
from tests.app.helpers import assert_no_exception, new_app
from ui import browser_memory, workshops
from ui.catalogue import shipped_questionnaires

EXPRESS = shipped_questionnaires()["express"]
ORGANISATIONS = ["Association A", "Association B"]


def answers_of(shift: int) -> dict[str, int]:
    return {item.id: ((n * 2 + shift) % 5) + 1 for n, item in enumerate(EXPRESS.items)}


class Room:
    def __init__(self, *, shared: bool = True) -> None:
        self.store = Store()  # the app's own database (tests/app/conftest.py)
        created = self.store.create_workshop(
            title="Bureau du 3 avril",
            questionnaire_id=EXPRESS.id,
            organisations=ORGANISATIONS,
            profile_fields=["role", "organisation"],
            show_results_to_participants=shared,
        )
        self.id, self.key, self.code = created.workshop_id, created.facilitator_key, created.participant_code
        self.spec = WorkshopSpec(EXPRESS, ("role", "organisation"), tuple(ORGANISATIONS))
        self.sent: list[dict[str, int]] = []

    def send(self, shift: int) -> str:
        token = self.store.new_respondent_token()
        answers = answers_of(shift)
        self.store.save_draft(
            token,
            questionnaire_id=EXPRESS.id,
            workshop_id=self.id,
            answers=answers,
            profile={"role": "administrateur", "organisation": ORGANISATIONS[shift % 2]},
            comments={},
            step=6,
        )
        assert self.store.submit(token)
        workshops.publish_round(self.store, self.spec, self.id)
        self.sent.append(answers)
        return token

    def close(self) -> None:
        assert self.store.set_workshop_status(self.key, "closed")
        workshops.publish_round(self.store, self.spec, self.id)


def own_results(room: Room, token: str, lang: str = "fr") -> AppTest:
    app = new_app(lang, r=token, code=room.code)
    app.run()
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    return app


def infos(app: AppTest) -> list[str]:
    return [i.value for i in app.info]


def gap_table(app: AppTest, lang: str = "fr") -> pd.DataFrame:
    column = translate("compare.me_col_gap", lang)
    tables = [d.value for d in app.dataframe if column in d.value.columns]
    assert len(tables) == 1, [list(d.value.columns) for d in app.dataframe]
    return tables[0]


def score(answers: list[dict[str, int]]):
    return score_responses(EXPRESS, responses_frame(EXPRESS, answers, [{} for _ in answers]))


def test_open_then_closed_my_line_beside_the_group_on_both_pages() -> None:
    room = Room()
    mine = room.send(0)
    room.send(1)
    room.send(2)
    app = own_results(room, mine)
    assert translate("compare.me_title", "fr") in [h.value for h in app.header]
    assert translate("compare.me_open", "fr") in infos(app)
    assert not [w for w in app.toggle if w.key == "me_and_group"], "nothing to set beside while it is open"

    room.close()
    app.run()
    assert_no_exception(app)
    assert translate("compare.me_open", "fr") not in infos(app)
    toggle = app.toggle(key="me_and_group")
    assert toggle.label == translate("compare.me_toggle", "fr") and not toggle.value
    charts_before = len(app.get("plotly_chart"))
    toggle.set_value(True).run()
    assert_no_exception(app)
    assert len(app.get("plotly_chart")) == charts_before + 1, "the radar with both lines"
    table = gap_table(app)
    own, group = score([room.sent[0]]), score(room.sent)
    first = EXPRESS.dimensions[0]
    row = table[table[translate("results.col_dimension", "fr")] == text_in(first.label, "fr")].iloc[0]
    own_score = next(d.score for d in own.dimensions if d.id == first.id)
    group_score = next(d.score for d in group.dimensions if d.id == first.id)
    assert row[translate("compare.me_col_mine", "fr")] == format_number(own_score, "fr", 1)
    assert row[translate("compare.me_col_group", "fr")] == format_number(group_score, "fr", 1)
    gap = own_score - group_score
    sign = "+" if round(gap, 1) > 0 else "\u2212" if round(gap, 1) < 0 else ""
    assert row[translate("compare.me_col_gap", "fr")] == sign + format_number(abs(gap), "fr", 1)

    # The group's results in the same session: the same toggle, the same lines.
    app.query_params["code"] = room.code
    app.switch_page("app_pages/group_results.py").run()
    assert_no_exception(app)
    assert translate("compare.me_title", "fr") in [h.value for h in app.header]
    app.toggle(key="me_and_group").set_value(True).run()
    assert_no_exception(app)
    assert gap_table(app).equals(table)


def test_the_group_results_of_another_browser_show_no_line_of_anyone() -> None:
    room = Room()
    for shift in range(3):
        room.send(shift)
    room.close()
    app = new_app("en", code=room.code)
    app.run()
    app.switch_page("app_pages/group_results.py").run()
    assert_no_exception(app)
    assert translate("compare.me_elsewhere", "en") in [c.value for c in app.caption]
    assert not [w for w in app.toggle if w.key == "me_and_group"]


def test_a_browser_that_answered_is_led_to_its_own_results(monkeypatch: pytest.MonkeyPatch) -> None:
    room = Room()
    mine = room.send(0)
    room.send(1)
    room.send(2)
    room.close()
    memory = {browser_memory.response_slot(room.code): {"r": mine, "sent": True}}
    cookie = quote(json.dumps(memory))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})
    app = new_app("fr", code=room.code)
    app.run()
    app.switch_page("app_pages/group_results.py").run()
    assert_no_exception(app)
    links = [link.proto for link in app.get("page_link") if link.proto.label == translate("compare.me_own_link", "fr")]
    assert len(links) == 1 and links[0].page == "results"
    assert f"r={mine}" in links[0].query_string and f"code={room.code}" in links[0].query_string


def test_too_few_to_show_the_group_says_so() -> None:
    room = Room()
    mine = room.send(0)
    room.close()
    app = own_results(room, mine, "en")
    assert translate("compare.me_too_few", "en", count=EXPRESS.min_group_size) in infos(app)
    assert not [w for w in app.toggle if w.key == "me_and_group"]


@pytest.mark.parametrize("status", ["open", "closed"])
def test_results_not_shared_with_participants_say_so_open_or_closed(status: str) -> None:
    room = Room(shared=False)
    mine = room.send(0)
    room.send(1)
    room.send(2)
    if status == "closed":
        room.close()
    app = own_results(room, mine)
    assert translate(f"compare.me_not_shared_{status}", "fr") in infos(app)
    assert not [w for w in app.toggle if w.key == "me_and_group"]


def test_a_deleted_workshop_says_so_and_shows_no_group_line() -> None:
    room = Room()
    mine = room.send(0)
    room.send(1)
    room.send(2)
    room.close()
    app = own_results(room, mine)
    app.toggle(key="me_and_group").set_value(True).run()
    assert_no_exception(app)
    assert room.store.delete_workshop(room.key)
    app.run()
    assert not app.exception
    assert translate("compare.me_deleted", "fr") in infos(app)
    assert not [w for w in app.toggle if w.key == "me_and_group"]
    assert not [d for d in app.dataframe if translate("compare.me_col_gap", "fr") in d.value.columns]


def test_a_solo_respondent_has_no_group_to_compare_with() -> None:
    app = new_app("fr")
    app.run()
    app.button(key="start_express").click().run()
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    assert translate("compare.me_title", "fr") not in [h.value for h in app.header]
