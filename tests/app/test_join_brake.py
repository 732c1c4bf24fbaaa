"""The brake on workshop codes is counted in the database: a new session (a reconnected websocket, another tab)
and Streamlit's clear-cache message (any client can send it; it empties st.cache_resource) reset nothing.
The brake is made small here (2 lookups at once, one more a minute, no waiting) so that it fills in three tries."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ui.workshops
from i18n import translate
from storage import Store
from tests.app.helpers import new_app
from ui.rate_limit import Brake

WRONG = "ZZZZ-ZZZZ"  # made of the codes' letters, so that it is looked up, and opens no workshop


@pytest.fixture(autouse=True)
def small_brake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui.workshops, "JOIN_BRAKE", Brake(name="join", per_minute=1, burst=2, max_wait_s=0))


def _join(code: str) -> AppTest:
    app = new_app("fr", code=code)
    app.run()
    app.switch_page("app_pages/join.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error]


def test_wrong_codes_fill_the_brake_for_new_sessions_and_after_the_cache_is_cleared() -> None:
    unknown, wait = translate("join.unknown_code", "fr"), translate("join.wait", "fr")
    assert _errors(_join(WRONG)) == [unknown]
    assert _errors(_join(WRONG)) == [unknown]
    assert _errors(_join(WRONG)) == [wait]

    st.cache_resource.clear()  # what a client's clear-cache message does: the Store and its caches are made again

    assert _errors(_join(WRONG)) == [wait]  # a new session, after the clear: still braked


def test_codes_that_open_a_workshop_give_their_slot_back() -> None:
    created = Store().create_workshop(
        title="Atelier",
        questionnaire_id="sante-partenariat",
        organisations=["Association A"],
        profile_fields=["organisation"],
        show_results_to_participants=False,
    )
    for _ in range(5):  # a room joining, each in a session of its own: more than the brake lets through
        joined = _join(created.participant_code)
        assert _errors(joined) == []
        assert joined.subheader[0].value == "Atelier"
