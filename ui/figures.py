"""The charts of the screens, built once per thing they show.

A Plotly figure costs its validation: 200 to 400 ms for the radar and the statements chart of « Santé du
partenariat » on this machine, paid on every rerun of a page (each tap, each refresh of the dashboard). The
figure is a pure function of its description (``reports.charts``: a frozen dataclass of the rounded values and
texts it shows), so it is cached on that description, shared by every session: a rerun showing the same
figures rebuilds none. Streamlit only reads a figure it is given (it serialises it), so sharing one is safe.

No screen draws a spread around the radar: a group screen's `SharedReport` has no quartiles nor extremes (each is
one person's score in a small group; the spread a group screen shows is each dimension's consensus), and one's
own results are one person's. Drawing a spread is for the command line's reports of one's own response file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go
import streamlit as st

from reports import figures
from reports.charts import BarChart, RadarChart, item_bars_chart, radar_chart
from scoring.model import Questionnaire
from scoring.privacy import SharedReport
from scoring.results import ScoreReport

if TYPE_CHECKING:  # apart from the imports above, which others change
    from reports.charts import MultiRadarChart, PositionsChart

# Distinct figures kept: enough for a few workshops' screens at once, a few MB at most.
MAX_FIGURES = 256


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def _radar(chart: RadarChart, height: int | None, large: bool) -> go.Figure:
    return figures.radar_plotly(chart, height=height, large=large)


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def _item_bars(chart: BarChart) -> go.Figure:
    return figures.item_bars_plotly(chart)


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def _distribution(values: tuple[int, ...], labels: tuple[str, ...], counts: tuple[int, ...]) -> go.Figure:
    return figures.distribution_plotly(values, labels, counts)


def radar_figure(
    questionnaire: Questionnaire,
    report: ScoreReport | SharedReport,
    lang: str,
    *,
    height: int | None = None,
    large: bool = False,
) -> go.Figure:
    """One's own radar (the engine's report) or a group's (the shared report): a line, never a spread. With
    ``height=None`` the chart takes the height of its box (``ui.style`` sizes the one keyed ``radar`` by its width)."""
    return _radar(radar_chart(questionnaire, report, lang), height, large)


def item_bars_figure(questionnaire: Questionnaire, report: ScoreReport, lang: str) -> go.Figure:
    return _item_bars(item_bars_chart(questionnaire, report, lang))


def distribution_figure(questionnaire: Questionnaire, distribution: dict[int, int], lang: str) -> go.Figure:
    values = tuple(questionnaire.scale.values)
    labels = tuple(figures.scale_label(questionnaire, value, lang) for value in values)
    return _distribution(values, labels, tuple(distribution.get(value, 0) for value in values))


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def _multi_radar(chart: MultiRadarChart, height: int, large: bool) -> go.Figure:
    return figures.multi_radar_plotly(chart, height=height, large=large)


def multi_radar_figure(chart: MultiRadarChart, *, height: int = 520, large: bool = False) -> go.Figure:
    """The comparison's or the waves' radar (``reports.charts.comparison_radar_chart``, ``waves_radar_chart``)."""
    return _multi_radar(chart, height, large)


@st.cache_resource(max_entries=MAX_FIGURES, show_spinner=False)
def _positions(chart: PositionsChart, height: int | None, large: bool) -> go.Figure:
    return figures.positions_plotly(chart, height=height, large=large)


def positions_figure(chart: PositionsChart, *, height: int | None = None, large: bool = False) -> go.Figure:
    """Today's and the wished distributions of a position question (``reports.charts.positions_charts``)."""
    return _positions(chart, height, large)
