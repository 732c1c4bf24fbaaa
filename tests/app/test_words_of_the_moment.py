"""Words true to the moment (issue 18): one's own results, after sending them in a workshop, say where the
group's results are as the workshop stands. Once it was closed they still said they would appear « quand la
personne qui anime l’atelier l’aura clôturé »."""

from __future__ import annotations

import pytest

from i18n import translate
from storage import Store
from tests.app.helpers import assert_no_exception, new_app


def sent_in_a_workshop() -> tuple[Store, str, str, str]:
    store = Store()
    created = store.create_workshop(
        title="Conseil du 12 mars",
        questionnaire_id="express",
        organisations=[],
        profile_fields=[],
        show_results_to_participants=True,
    )
    token = store.new_respondent_token()
    store.save_draft(
        token,
        questionnaire_id="express",
        workshop_id=created.workshop_id,
        answers={"ex-eth-1": 4},
        profile={},
        comments={},
        step=0,
    )
    assert store.submit(token)
    return store, token, created.participant_code, created.facilitator_key


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("status", ["open", "closed"])
def test_own_results_say_where_the_group_results_are_as_the_workshop_stands(status: str, lang: str) -> None:
    store, token, code, key = sent_in_a_workshop()
    if status == "closed":
        store.set_workshop_status(key, "closed")
    store.close()
    app = new_app(lang, r=token, code=code)
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    infos = [info.value for info in app.info]
    later, ready = translate("results.group_results_later", lang), translate("results.group_results_ready", lang)
    assert (ready in infos, later in infos) == ((True, False) if status == "closed" else (False, True)), infos
