"""The three steps as a path on the home page and on the results of « Préparer un rapprochement »."""

from __future__ import annotations

from itertools import takewhile

import pytest

from i18n import translate
from scoring.steps import PATH
from tests.app.helpers import assert_no_exception, new_app

STEP_TITLES = [f"path.{step.id}.title" for step in PATH]


def bold_titles(app, lang: str) -> list[str]:
    wanted = {f"**{n}. {translate(key, lang)}**" for n, key in enumerate(STEP_TITLES, start=1)}
    return [m.value for m in app.markdown if m.value in wanted]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_shows_the_three_steps_and_the_decision_with_what_serves_them(lang: str) -> None:
    app = new_app(lang)
    app.run()
    assert_no_exception(app)
    assert translate("path.home_title", lang) in [h.value for h in app.header]
    assert len(bold_titles(app, lang)) == 4
    assert translate("path.opportunite.served", lang) in [c.value for c in app.caption]
    assert translate("path.source", lang) in [c.value for c in app.caption]
    # No state on the home page: no badge says where anyone is.
    assert not [m.value for m in app.markdown if "-badge[" in m.value]


def seeded_results(answers: dict[str, int | None], lang: str = "fr"):
    from storage import Store

    store = Store()
    token = store.new_respondent_token()
    store.save_draft(
        token, questionnaire_id="rapprochement", workshop_id=None, answers=answers, profile={}, comments={}, step=0
    )
    store.submit(token)
    app = new_app(lang, r=token)
    app.run()
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    return app


def test_the_rapprochement_results_say_which_step_one_is_at() -> None:
    app = seeded_results({"dc-1": 5, "dc-8": 2, "dc-3": 1, "pv-1": 4})
    assert translate("path.title", "fr") in [h.value for h in app.header]
    shown = [m.value for m in app.markdown]
    titles = [n for n, value in enumerate(shown) if value in bold_titles(app, "fr")]
    badges = [list(takewhile(lambda value: "-badge[" in value, shown[start + 1 :])) for start in titles]
    assert badges[0] == [f":green-badge[{translate('path.status.done', 'fr')}]"]  # the diagnostic
    assert badges[1] == [  # the opportunity study: one stands here, with 25 it is not made
        f":blue-badge[:material/place: {translate('path.here_own', 'fr')}]",
        f":red-badge[{translate('path.status.not_done', 'fr')}]",
    ]
    assert badges[2] == [f":red-badge[{translate('path.status.not_done', 'fr')}]"]  # the feasibility study
    assert badges[3] == []  # the decision is the board's: no badge


def test_results_with_no_answer_on_the_steps_say_so() -> None:
    app = seeded_results({"pv-1": 4})
    assert translate("path.unknown", "fr") in [i.value for i in app.info]
