"""ui.figures: a screen's chart is built once per thing it shows, and is the very chart reports.figures draws."""

from __future__ import annotations

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
    for cached in (figures._radar, figures._item_bars, figures._distribution):
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


def test_the_statements_chart_keeps_a_label_and_a_value_per_statement_and_both_limits() -> None:
    figure = uncached.item_bars_figure(SANTE, report_of(3), "fr")
    assert len(figure.layout.annotations) == 2 * len(SANTE.items)
    assert sorted(shape.x0 for shape in figure.layout.shapes) == [SANTE.bands.watch, SANTE.bands.strength]


def test_the_server_skips_streamlit_s_full_collection_after_each_run() -> None:
    """The app's heap made that pass most of a tap's server time (bench/bench_figures.py)."""
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["runner"]["postScriptGC"] is False
