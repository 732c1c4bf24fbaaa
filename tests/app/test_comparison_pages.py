"""The comparison and the before/after on the dashboard and the projector, through AppTest: two organisations of
4 and 3 people (seeded through the Store and published as the app does), compared by organisation and by role,
the balanced switch, the projector's read-only comparison, and a workshop « a year later » with the first as its
baseline. Every figure is the one `scoring.privacy.comparison` / `waves` derives from the shared reports."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from i18n import translate
from scoring.privacy.comparison import compare
from storage import Store
from tests.app.helpers import assert_no_exception, by_label, new_app
from tests.compare_seeds import RAPPROCHEMENT, rapprochement_workshop
from ui import workshops
from ui.results_view import format_score


@pytest.fixture
def store():
    store = Store()  # the app's own database: RADAR_DATA_DIR of this test (tests/app/conftest.py)
    yield store
    store.close()


def shared(store: Store, key: str):
    view = store.workshop_for_facilitator(key)
    assert view is not None
    results = workshops.results_for(view)
    assert results is not None and results.report is not None
    return results.report


def dashboard(key: str, lang: str = "fr", group_by: str | None = None) -> AppTest:
    app = new_app(lang, k=key)
    app.run()
    app.switch_page("app_pages/dashboard.py").run()
    assert_no_exception(app)
    if group_by:
        app.button_group(key="dashboard_group_by").set_value(group_by).run()
        assert_no_exception(app)
    return app


def texts(app: AppTest) -> str:
    return "\n".join(e.value for e in (*app.markdown, *app.caption, *app.info, *app.subheader))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_dashboard_compares_the_organisations_largest_gap_first(store: Store, lang: str) -> None:
    seeded = rapprochement_workshop(store, title="Rapprochement 2025")
    app = dashboard(seeded.key, lang, group_by="organisation")
    comparison = compare(RAPPROCHEMENT, shared(store, seeded.key), "organisation")
    frame = next(f.value for f in app.dataframe if translate("compare.col_gap", lang) in list(f.value.columns))
    assert list(frame.columns)[1:3] == ["Les Tilleuls", "L’Entraide"]
    # The first row is the largest gap, as the comparison computed it from the shared figures.
    first = comparison.dimensions[0]
    assert frame.iloc[0].tolist()[-1] == format_score(first.gap).replace(",", "." if lang == "en" else ",")
    shown = texts(app)
    assert translate("compare.between_title_organisation", lang) in shown
    assert translate("compare.within_title", lang) in shown
    # The switch is there, off: the room's figures, each person counting once.
    toggle = by_label(app.toggle, translate("compare.balanced_toggle_organisation", lang))
    assert toggle.value is False
    assert not [m for m in app.metric if m.label == translate("compare.balanced_overall_organisation", lang)]


def test_the_switch_shows_the_balanced_score_and_the_projector_link_carries_it(store: Store) -> None:
    seeded = rapprochement_workshop(store, title="Rapprochement 2025")
    app = dashboard(seeded.key, group_by="organisation")
    by_label(app.toggle, "Chaque organisation compte pour une voix").set_value(True).run()
    assert_no_exception(app)
    comparison = compare(RAPPROCHEMENT, shared(store, seeded.key), "organisation")
    metric = by_label(app.metric, "Score global, chaque organisation comptant pour une voix")
    assert metric.value == format_score(comparison.balanced.overall.score)
    frame = next(f.value for f in app.dataframe if "Une voix par groupe" in list(f.value.columns))
    assert len(frame) == len(RAPPROCHEMENT.dimensions)
    links = [p for p in app.get("page_link") if p.proto.label == translate("dashboard.projection_link", "fr")]
    assert links and "cmp=organisation" in links[0].proto.query_string and "eq=1" in links[0].proto.query_string


def test_by_role_the_switch_says_each_group(store: Store) -> None:
    seeded = rapprochement_workshop(store, title="Rapprochement 2025")
    app = dashboard(seeded.key, group_by="role")
    assert by_label(app.toggle, "Chaque groupe compte pour une voix").value is False
    assert translate("compare.between_title_any", "fr") in texts(app)


@pytest.mark.parametrize("balanced", [False, True])
def test_the_projector_shows_the_comparison_read_only(store: Store, balanced: bool) -> None:
    seeded = rapprochement_workshop(store, title="Rapprochement 2025")
    query = {"p": seeded.projection, "cmp": "organisation"}
    if balanced:
        query["eq"] = "1"
    app = new_app("fr", **query)
    app.run()
    app.switch_page("app_pages/projection.py").run()
    assert_no_exception(app)
    shown = texts(app)
    assert "Comparaison par organisation" in shown
    assert "Les organisations voient ces affirmations différemment" in shown
    assert not app.toggle and not app.button  # read-only: nothing to switch, nothing to close
    assert bool(app.metric) is balanced
    # A field the workshop does not ask falls back to the usual projected results.
    other = new_app("fr", p=seeded.projection, cmp="nothing")
    other.run()
    other.switch_page("app_pages/projection.py").run()
    assert_no_exception(other)
    assert "Comparaison par" not in texts(other)


def test_a_year_later_the_dashboard_and_the_projector_show_before_and_after(store: Store) -> None:
    first = rapprochement_workshop(store, title="Rapprochement 2025", sizes=(3, 3))
    later = rapprochement_workshop(store, title="Rapprochement 2026", later=True)
    assert store.set_baseline(later.key, first.key)
    app = dashboard(later.key)
    shown = texts(app)
    assert "Avant et après" in shown
    assert "Comparé à l’atelier «\u00a0Rapprochement 2025\u00a0» (6 personnes comptées) et à celui-ci (7" in shown
    frame = next(f.value for f in app.dataframe if "Évolution" in list(f.value.columns))
    assert frame.iloc[0].tolist()[0] == "Global"
    assert any(cell.startswith("↑ +") for cell in frame["Évolution"])  # the organisations came closer
    projector = new_app("fr", p=later.projection, show="waves")
    projector.run()
    projector.switch_page("app_pages/projection.py").run()
    assert_no_exception(projector)
    assert "Avant et après" in texts(projector)
    # The earlier workshop deleted: the dashboard simply has no before/after any more.
    assert store.delete_workshop(first.key)
    assert "Avant et après" not in texts(dashboard(later.key))
