"""The charts of the screens, built once per thing they show, and serialised once.

A Plotly figure costs its validation: 200 to 400 ms for the radar and the statements chart of « Santé du
partenariat » on this machine, paid on every rerun of a page (each tap, each refresh of the dashboard). The
figure is a pure function of its description (``reports.charts``: a frozen dataclass of the rounded values and
texts it shows), so it is cached on that description, shared by every session: a rerun showing the same
figures rebuilds none. Streamlit only reads a figure it is given (it serialises it), so sharing one is safe.

Two costs remained on a rerun that hit the cache (issue 11, the results page's server-side rerun): Streamlit's
``st.cache_resource`` hashes its arguments with its own hasher, which walks the description field by field (2 to
6 ms for the statements chart, per rerun, where the frozen dataclass's own ``hash`` takes 0.02 ms); and
``st.plotly_chart`` calls the figure's ``to_dict``, a deep copy of the whole figure and a walk over it for numpy
arrays (1.5 to 5 ms for the statements chart). So the cache here is keyed by the description itself, and a cached
figure computes its dict once (`ShownFigure`): Streamlit then only encodes that dict to JSON. Passing Streamlit a
dict instead would cost more: it validates a dict by building a new figure from it (15 to 45 ms).

No screen draws a spread around the radar: a group screen's `SharedReport` has no quartiles nor extremes (each is
one person's score in a small group; the spread a group screen shows is each dimension's consensus), and one's
own results are one person's. Drawing a spread is for the command line's reports of one's own response file.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import plotly.graph_objects as go

from reports import figures
from reports.charts import BarChart, RadarChart, item_bars_chart, radar_chart
from scoring.model import Questionnaire
from scoring.privacy import SharedReport
from scoring.results import ScoreReport

if TYPE_CHECKING:  # apart from the imports above, which others change
    from reports.charts import MultiRadarChart, PositionsChart

# Distinct figures kept: enough for a few workshops' screens at once, a few MB at most.
MAX_FIGURES = 256


class ShownFigure(go.Figure):
    """A figure as the screens share it: built once, never changed after, its ``to_dict`` computed once.

    ``to_dict`` is what ``st.plotly_chart`` reads; a plain figure deep-copies itself there on every call. The dict
    handed out is the same each time: like the figure, it is only read."""

    _shown: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        if self._shown is None:
            self._shown = super().to_dict()
        return self._shown

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        # Changed in place, a shared figure would draw its old dict here and the change in other sessions.
        raise TypeError("a figure shared by the screens is only read: style a copy, go.Figure(figure)")

    update_layout = update_traces = update_xaxes = update_yaxes = update_polars = _read_only
    add_trace = add_traces = add_annotation = add_shape = _read_only


def _shown(figure: go.Figure) -> ShownFigure:
    # The same object, now of the subclass (a class with no state of its own): building a ShownFigure from the
    # figure instead would validate every property again, which is the cost the cache is there to avoid.
    figure.__class__ = ShownFigure
    figure.to_dict()
    return figure  # type: ignore[return-value]


K = TypeVar("K", bound=Hashable)


class FigureCache(Generic[K]):
    """Figures by what they show (a hashable key: frozen descriptions, tuples), least recently used dropped first,
    shared by every session of the process. ``builds`` counts the figures built, for tests of what a rerun
    builds; ``clear`` empties it."""

    def __init__(self, build: Callable[..., go.Figure], size: int = MAX_FIGURES) -> None:
        self._build = build
        self._size = size
        self._figures: OrderedDict[Hashable, ShownFigure] = OrderedDict()
        self._lock = threading.Lock()
        self.builds = 0

    def __call__(self, *key: Any) -> ShownFigure:
        with self._lock:
            figure = self._figures.get(key)
            if figure is not None:
                self._figures.move_to_end(key)
                return figure
        figure = _shown(self._build(*key))  # outside the lock: two sessions may build the same figure once each
        with self._lock:
            self.builds += 1
            self._figures[key] = figure
            self._figures.move_to_end(key)
            while len(self._figures) > self._size:
                self._figures.popitem(last=False)
            return self._figures[key]

    def clear(self) -> None:
        with self._lock:
            self._figures.clear()
            self.builds = 0


def _build_radar(chart: RadarChart, height: int | None, large: bool) -> go.Figure:
    return figures.radar_plotly(chart, height=height, large=large)


def _build_item_bars(chart: BarChart) -> go.Figure:
    return figures.item_bars_plotly(chart)


def _build_multi_radar(chart: MultiRadarChart, height: int | None, large: bool) -> go.Figure:
    return figures.multi_radar_plotly(chart, height=height, large=large)


def _build_positions(chart: PositionsChart, height: int | None, large: bool) -> go.Figure:
    return figures.positions_plotly(chart, height=height, large=large)


_radar: FigureCache = FigureCache(_build_radar)
_item_bars: FigureCache = FigureCache(_build_item_bars)
_distribution: FigureCache = FigureCache(figures.distribution_plotly)
_multi_radar: FigureCache = FigureCache(_build_multi_radar)
_positions: FigureCache = FigureCache(_build_positions)
CACHES = (_radar, _item_bars, _distribution, _multi_radar, _positions)


def builds() -> int:
    """Figures built so far by this process's screens (each cache's misses)."""
    return sum(cache.builds for cache in CACHES)


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


def multi_radar_figure(chart: MultiRadarChart, *, height: int | None = None, large: bool = False) -> go.Figure:
    """The comparison's or the waves' radar (``reports.charts.comparison_radar_chart``, ``waves_radar_chart``).
    With ``height=None`` the chart takes the height of its box: ``ui.style.follow_width`` with
    ``reports.figures.multi_radar_room`` sizes it by its width."""
    return _multi_radar(chart, height, large)


def positions_figure(chart: PositionsChart, *, height: int | None = None, large: bool = False) -> go.Figure:
    """Today's and the wished distributions of a position question (``reports.charts.positions_charts``)."""
    return _positions(chart, height, large)
