"""The page « Choisir une forme de coopération »: its questions, the forms that fit side by side, the others with
their reasons, and the warning that it is not legal advice, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.forms import shipped_forms_guide
from tests.app.helpers import assert_no_exception, new_app

GUIDE = shipped_forms_guide()


def open_guide(lang: str) -> AppTest:
    app = new_app(lang)
    app.run()
    app.switch_page("app_pages/guide.py").run()
    assert_no_exception(app)
    return app


def shown_forms(app: AppTest, lang: str) -> set[str]:
    names = {form.name[lang]: form.id for form in GUIDE.forms}
    return {names[s.value] for s in app.subheader if s.value in names}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_guide_says_it_is_not_legal_advice_and_asks_what_to_pool_first(lang: str) -> None:
    app = open_guide(lang)
    assert app.title[0].value == translate("guide.title", lang)
    assert translate("guide.not_legal_advice", lang) in [w.value for w in app.warning]
    if lang == "fr":
        assert "Ceci n’est pas un conseil juridique" in app.warning[0].value
    assert [i.value for i in app.info] == [translate("guide.pick_pool", lang)]
    assert shown_forms(app, lang) == set()
    assert {c.label for c in app.checkbox} == {
        translate(f"guide.pool.{pool}", lang) for pool in GUIDE.forms[0].pools
    } | {translate(f"guide.pool.{pool}", lang) for pool in ("activites", "autorisations", "voix")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_common_voice_among_private_partners_who_all_stay_is_a_union(lang: str) -> None:
    app = open_guide(lang)
    app.checkbox(key="guide_pool_voix").check().run()
    app.radio(key="guide_public").set_value("no").run()
    app.radio(key="guide_keep").set_value("yes").run()
    assert_no_exception(app)
    assert shown_forms(app, lang) == {"union-federation"}
    assert app.header[0].value == translate("guide.fit_title", lang, count=1)
    # Its trade-offs, each with its sources, and the seven others ruled out with a reason each.
    facts = [m.value for m in app.markdown if m.value.startswith("**")]
    assert f"**{translate('guide.fact.employees', lang)}**" in facts
    assert any(c.value.startswith(translate("guide.sources", lang, sources="")) for c in app.caption)
    assert app.expander[0].label == translate("guide.unfit_title", lang, count=7)
    ruled_out = [m.value for m in app.expander[0].markdown]
    assert len(ruled_out) == 7
    assert any(translate("guide.reason.members_disappear", lang) in line for line in ruled_out)


def test_the_forms_that_fit_are_side_by_side_in_alphabetical_order() -> None:
    app = open_guide("fr")
    app.checkbox(key="guide_pool_personnel").check().run()
    app.radio(key="guide_public").set_value("no").run()
    app.radio(key="guide_keep").set_value("yes").run()
    names = [s.value for s in app.subheader if s.value in {f.name["fr"] for f in GUIDE.forms}]
    assert names == [
        "Convention de coopération",
        "Groupement de coopération sociale ou médico-sociale (GCSMS)",
        "Groupement d’employeurs",
        "Groupement d’intérêt économique (GIE)",
    ]
    assert set(shown_forms(app, "fr")) == {"convention", "groupement-employeurs", "gie", "gcsms"}
    assert translate("guide.order_note", "fr") in [c.value for c in app.caption]
    assert len(app.columns) >= 3


def test_an_unknown_answer_is_a_caution_on_the_form_not_an_exclusion() -> None:
    app = open_guide("fr")
    app.checkbox(key="guide_pool_projet").check().run()
    assert "gip" in shown_forms(app, "fr")
    assert translate("guide.reason.public_required", "fr") in [w.value for w in app.warning]


def test_when_no_single_form_fits_the_page_says_they_combine() -> None:
    app = open_guide("en")
    for pool in ("projet", "personnel", "moyens", "activites", "autorisations", "voix"):
        app.checkbox(key=f"guide_pool_{pool}").check()
    app.run()
    app.radio(key="guide_public").set_value("yes").run()
    assert_no_exception(app)
    assert shown_forms(app, "en") == set()
    assert translate("guide.none_fits", "en") in [i.value for i in app.info]
