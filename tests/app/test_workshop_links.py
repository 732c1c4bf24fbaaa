"""Links kept (issue 18), through AppTest: a new workshop's links and sheet, « Mes ateliers » from this browser's
memory cookie, and the link to one's own results."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from i18n import translate
from storage import Store
from storage.codes import projection_token_for
from tests.app.helpers import assert_no_exception, by_label, new_app
from tests.app.test_answer_flow import answer_current_step, click_next, started
from tests.app.test_workshop_pages import create_workshop
from ui import browser_memory
from ui.catalogue import get_questionnaire


def with_cookie(monkeypatch: pytest.MonkeyPatch, memory: dict) -> None:
    cookie = quote(json.dumps(memory))
    monkeypatch.setattr(browser_memory, "browser_cookies", lambda: {browser_memory.COOKIE: cookie})


def workshop_page(lang: str = "fr"):
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    assert_no_exception(app)
    return app


def test_a_new_workshop_gives_its_projection_link_and_its_sheet() -> None:
    app = new_app("fr")
    app.run()
    app.switch_page("app_pages/workshop.py").run()
    by_label(app.text_input, translate("workshop.field_title", "fr")).input("Bureau")
    by_label(app.button, translate("workshop.create", "fr")).click().run()
    assert_no_exception(app)
    links = [c.value for c in app.code]
    key = next(link for link in links if "/dashboard?" in link).split("k=")[1].split("&")[0]
    assert Store().workshop_for_facilitator(key) is not None
    assert any(f"/projection?p={projection_token_for(key)}&lang=fr" in link for link in links)
    assert [b.label for b in app.get("download_button")] == [translate("workshop_links.sheet", "fr")]
    # Remembered by this browser for « Mes ateliers », the moment it is created.
    changes = app.session_state[browser_memory.SESSION_KEY]["changes"]
    assert next(slot for slot, value in changes.items() if value == {"k": key}).startswith(
        browser_memory.WORKSHOP_PREFIX
    )


def test_my_workshops_lists_the_workshops_this_browser_created(monkeypatch: pytest.MonkeyPatch) -> None:
    first_code, first_key = create_workshop()
    second_code, second_key = create_workshop()
    with_cookie(
        monkeypatch,
        {
            browser_memory.workshop_slot(first_code): {"k": first_key},
            browser_memory.workshop_slot(second_code): {"k": second_key},
        },
    )
    app = workshop_page()
    assert [s.value for s in app.subheader] == [translate("workshop_links.mine", "fr")]
    # The newest first, each reopened by its dashboard link.
    links = app.get("page_link")
    assert [(link.proto.page, link.proto.query_string) for link in links] == [
        ("dashboard", f"k={second_key}&lang=fr"),
        ("dashboard", f"k={first_key}&lang=fr"),
    ]


def test_a_deleted_workshop_leaves_the_list_and_forget_removes_one(monkeypatch: pytest.MonkeyPatch) -> None:
    kept_code, kept_key = create_workshop()
    gone_code, gone_key = create_workshop()
    Store().delete_workshop(gone_key)
    with_cookie(
        monkeypatch,
        {
            browser_memory.workshop_slot(kept_code): {"k": kept_key},
            browser_memory.workshop_slot(gone_code): {"k": gone_key},
        },
    )
    app = workshop_page()
    assert [link.proto.query_string for link in app.get("page_link")] == [f"k={kept_key}&lang=fr"]
    by_label(app.button, translate("workshop_links.forget", "fr")).click().run()
    assert_no_exception(app)
    assert not app.get("page_link")
    assert translate("workshop_links.mine", "fr") not in [s.value for s in app.subheader]


def test_a_forged_workshop_slot_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    with_cookie(monkeypatch, {"workshop:ABCDEFGH": {"k": "K" * 43}, "workshop:<b>": {"k": "K" * 43}})
    app = workshop_page()
    assert translate("workshop_links.mine", "fr") not in [s.value for s in app.subheader]


def test_own_results_offer_their_link_to_copy_download_and_scan() -> None:
    app = started("express", "en")
    click_next(app)
    answer_current_step(app, {item.id: 4 for item in get_questionnaire("express").items})
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    token = app.query_params["r"][0] if isinstance(app.query_params["r"], list) else app.query_params["r"]
    assert any(f"/results?r={token}" in c.value for c in app.code)
    assert translate("workshop_links.own_download", "en") in [b.label for b in app.get("download_button")]


def test_a_response_finds_its_own_workshop_again_and_no_other() -> None:
    """`ui.workshops.response_workshop`, the one rule for « this response's workshop was deleted »: the code of the
    URL must open the very workshop the response was given in; a code opening another one (deleted, its code given
    anew) or none, or a response outside any workshop, finds nothing."""
    from storage import Store
    from tests.workshop_seeds import open_express_workshop
    from ui.workshops import response_workshop

    store = Store()  # the app's own database: RADAR_DATA_DIR of this test (tests/app/conftest.py)
    created = open_express_workshop(store)
    code, workshop_id = created.participant_code, created.workshop_id
    found = response_workshop(code, workshop_id)
    assert found is not None and found.id == workshop_id
    assert response_workshop(code, workshop_id + 1) is None  # the code now opens another workshop
    assert response_workshop(None, workshop_id) is None
    assert response_workshop(code, None) is None  # a solo response
    assert store.delete_workshop(created.facilitator_key)
    assert response_workshop(code, workshop_id) is None
