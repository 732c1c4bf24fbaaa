"""ui.figures: a screen's chart is built once per thing it shows, and is the very chart reports.figures draws."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from reports import figures as uncached
from scoring.engine import score_responses
from scoring.privacy import WorkshopSpec
from tests.scoring.privacy_testkit import Workshop
from ui import figures
from ui.catalogue import get_questionnaire

SANTE = get_questionnaire("sante-partenariat")


def report_of(*values: int):
    """One respondent per value, answering every statement with it."""
    return score_responses(SANTE, pd.DataFrame([{item.id: value for item in SANTE.items} for value in values]))


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    for cached in figures.CACHES:
        cached.clear()


def test_the_same_results_reuse_the_same_figures() -> None:
    # Two reports computed apart (a rerun recomputes its report) that show the same figures.
    first, again = report_of(4), report_of(4)
    assert first is not again
    assert figures.item_bars_figure(SANTE, first, "fr") is figures.item_bars_figure(SANTE, again, "fr")
    assert figures.radar_figure(SANTE, first, "fr") is figures.radar_figure(SANTE, again, "fr")
    distribution = {1: 2, 4: 3}
    assert figures.distribution_figure(SANTE, distribution, "fr") is figures.distribution_figure(
        SANTE, dict(distribution), "fr"
    )


def test_other_results_or_another_language_get_their_own_figures() -> None:
    four, two = report_of(4), report_of(2)
    assert figures.item_bars_figure(SANTE, four, "fr") is not figures.item_bars_figure(SANTE, two, "fr")
    assert figures.item_bars_figure(SANTE, four, "fr") is not figures.item_bars_figure(SANTE, four, "en")
    assert figures.radar_figure(SANTE, four, "fr") is not figures.radar_figure(SANTE, four, "fr", large=True)
    assert figures.distribution_figure(SANTE, {1: 2}, "fr") is not figures.distribution_figure(SANTE, {1: 3}, "fr")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_cached_figure_is_the_chart_reports_draws(lang: str) -> None:
    report = report_of(1, 3, 5)
    assert figures.item_bars_figure(SANTE, report, lang) == uncached.item_bars_figure(SANTE, report, lang)
    assert figures.radar_figure(SANTE, report, lang) == uncached.radar_figure(SANTE, report, lang)
    assert figures.distribution_figure(SANTE, {2: 1, 5: 4}, lang) == uncached.distribution_figure(
        SANTE, {2: 1, 5: 4}, lang
    )


def test_a_group_radar_is_a_line_cached_on_its_shown_figures_and_no_screen_draws_a_spread() -> None:
    workshop = Workshop(WorkshopSpec(SANTE, (), ()))
    for value in (1, 2, 4, 5):
        workshop.submit({item.id: value for item in SANTE.items}, publish=False)
    workshop.publish()  # one batch of four
    first, again = workshop.screen(), workshop.screen()
    assert first is not again and first.counted == 4
    radar = figures.radar_figure(SANTE, first, "fr")
    assert radar is figures.radar_figure(SANTE, again, "fr")
    # The same people's radar with the middle half, as a federation's own report may draw it: more traces.
    engine = report_of(1, 2, 4, 5)
    assert len(radar.data) < len(uncached.radar_figure(SANTE, engine, "fr", spread="iqr").data)
    assert radar == figures.radar_figure(SANTE, engine, "fr")  # the same line: the group's means
    with pytest.raises(TypeError):  # the screens' builder has no spread to ask for
        figures.radar_figure(SANTE, engine, "fr", spread="iqr")  # type: ignore[call-arg]


def test_a_cached_figure_gives_streamlit_its_dict_without_copying_it_again() -> None:
    """``st.plotly_chart`` reads ``to_dict()``: a plain figure deep-copies itself there on every rerun."""
    report = report_of(2, 4)
    for cached, fresh in (
        (figures.item_bars_figure(SANTE, report, "fr"), uncached.item_bars_figure(SANTE, report, "fr")),
        (figures.radar_figure(SANTE, report, "fr"), uncached.radar_figure(SANTE, report, "fr")),
    ):
        assert cached.to_dict() is cached.to_dict()
        assert cached.to_dict() == fresh.to_dict()  # the same chart, as Streamlit sends it


def test_a_full_cache_drops_the_least_recently_shown_figure() -> None:
    cache = figures.FigureCache(lambda value: uncached.distribution_plotly((1, 2), ("a", "b"), (value, 1)), size=2)
    one, two = cache(1), cache(2)
    assert cache(1) is one  # shown again: now the most recent
    cache(3)
    assert cache.builds == 3
    assert cache(1) is one and cache.builds == 3
    assert cache(2) is not two and cache.builds == 4  # 2 was dropped for 3, and is built again


def test_a_rerun_of_one_s_results_builds_no_figure_and_copies_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from plotly.basedatatypes import BaseFigure

    from storage import Store
    from tests.app.helpers import assert_no_exception, new_app

    store = Store()
    token = store.new_respondent_token()
    answers = {item.id: 1 + n % 5 for n, item in enumerate(SANTE.items)}
    store.save_draft(
        token, questionnaire_id=SANTE.id, workshop_id=None, answers=answers, profile={}, comments={}, step=0
    )
    store.submit(token)
    app = new_app("fr", r=token)
    app.run()
    app.switch_page("app_pages/results.py").run()
    assert_no_exception(app)
    assert len(app.get("plotly_chart")) == 2 and figures.builds() == 2  # the radar and the statements
    copies = []
    real = BaseFigure.to_dict
    monkeypatch.setattr(BaseFigure, "to_dict", lambda figure: copies.append(figure) or real(figure))
    app.run()  # a rerun: a click on a download, the glossary link, a timer
    assert_no_exception(app)
    assert len(app.get("plotly_chart")) == 2
    assert figures.builds() == 2, "a rerun built a figure again"
    assert copies == [], "a rerun copied a cached figure into a new dict"


def test_the_statements_chart_keeps_a_label_and_a_value_per_statement_and_both_limits() -> None:
    figure = uncached.item_bars_figure(SANTE, report_of(3), "fr")
    bars, labels = figure.data  # the text is the traces', not 2 × 34 annotations (slow to draw: issue 11)
    assert not figure.layout.annotations
    assert len(bars.x) == len(bars.text) == len(labels.text) == len(SANTE.items)
    assert all(text for text in (*bars.text, *labels.text))
    assert list(labels.y) == [y - 0.35 for y in bars.y]  # each statement above its own bar
    assert sorted(shape.x0 for shape in figure.layout.shapes) == [SANTE.bands.watch, SANTE.bands.strength]


def test_the_server_skips_streamlit_s_full_collection_after_each_run() -> None:
    """The app's heap made that pass most of a tap's server time (bench/bench_figures.py)."""
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_a_shared_figure_refuses_to_be_styled_in_place_and_a_copy_leaves_it_as_it_was() -> None:
    """A figure of the cache is every session's: styled in place, its dict (computed once) would no longer say what
    it draws, and the style would reach other sessions' screens."""
    import plotly.graph_objects as go

    from ui.catalogue import shipped_questionnaires
    from ui.figures import distribution_figure

    shared = distribution_figure(shipped_questionnaires()["express"], {1: 2, 3: 1, 5: 3}, "fr")
    before = json.dumps(shared.to_dict(), sort_keys=True)
    for change in (
        lambda f: f.update_layout(height=300),
        lambda f: f.update_traces(textfont={"size": 24}),
        lambda f: f.update_xaxes(tickfont={"size": 20}),
        lambda f: f.add_annotation(text="x"),
    ):
        with pytest.raises(TypeError, match="only read"):
            change(shared)
    styled = go.Figure(shared)
    styled.update_layout(height=300)
    assert styled.to_dict()["layout"]["height"] == 300
    assert json.dumps(shared.to_dict(), sort_keys=True) == before
