"""What each chart shows, decided once: the screen's Plotly figures (``reports.figures``) and the PDF's vector
drawings (``reports.svg``) are two renderers of these descriptions and decide nothing of their own.

A description holds final texts (in the report's language, figures formatted as the JSON rounds them) and plain
numbers; it knows nothing of Plotly, SVG or pixels. A new chart is a new description here plus its renderers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from i18n import translate
from reports.bands import BAND_COLOURS, band_colour, band_label
from scoring.model import Questionnaire, text_in
from scoring.privacy import SharedGroup, SharedReport
from scoring.results import ScoreReport
from scoring.rounding import format_number

if TYPE_CHECKING:  # annotations only (and apart from the imports above, which others change)
    from scoring.privacy.beside import Beside
    from scoring.privacy.comparison import Comparison
    from scoring.privacy.waves import Waves

Spread = Literal["iqr", "range"] | None


@dataclass(frozen=True)
class BandZone:
    """A band's stretch of the 0–100 scale, shaded on a chart."""

    band: str
    low: float
    high: float
    colour: str
    label: str


@dataclass(frozen=True)
class RadarAxis:
    id: str
    label: str
    score: float | None  # None: not enough answers, the axis says so and the line has a gap
    score_text: str  # the score as a board reads it (« 62,5 »), or « insufficient »
    band: str | None
    band_text: str
    colour: str  # the band's colour, for the point
    low: float | None = None  # the spread drawn around the line (the middle half, q1–q3), when asked
    high: float | None = None


@dataclass(frozen=True)
class RadarChart:
    axes: tuple[RadarAxis, ...]
    zones: tuple[BandZone, ...]
    ticks: tuple[float, ...]  # radial ticks: the band limits and 100
    score_label: str  # « Score »
    score_is: str  # « Score : », before a score in a hover text
    insufficient: str  # written under an axis without a score
    spread_label: str | None  # the spread's name when one is drawn

    @property
    def has_spread(self) -> bool:
        # A band needs three corners to be drawn; fewer would be a line or a point, read as a score.
        return self.spread_label is not None and sum(a.low is not None for a in self.axes) >= 3


@dataclass(frozen=True)
class Bar:
    id: str
    label: str  # the statement
    dimension: str
    value: float
    score_text: str  # « 62,5 »
    value_text: str  # « 62,5 · À surveiller »
    band: str | None
    colour: str


@dataclass(frozen=True)
class BarChart:
    """Statements from the weakest; unanswered ones are left out."""

    bars: tuple[Bar, ...]
    limits: tuple[tuple[float, str], ...]  # (x, colour): the dotted band limits
    axis_title: str
    score_is: str  # « Score : » for hover texts


def _fmt(value: float | None, lang: str) -> str:
    return format_number(value, lang, 1, missing=translate("results.insufficient", lang))


def band_zones(questionnaire: Questionnaire, lang: str) -> tuple[BandZone, ...]:
    limits = (0.0, float(questionnaire.bands.watch), float(questionnaire.bands.strength), 100.0)
    return tuple(
        BandZone(band, limits[i], limits[i + 1], BAND_COLOURS[band], band_label(band, lang))
        for i, band in enumerate(("priority", "watch", "strength"))  # from the bottom of the scale up
    )


def radar_chart(
    questionnaire: Questionnaire, report: ScoreReport | SharedReport, lang: str, *, spread: Spread = None
) -> RadarChart:
    """One axis per dimension from 0 to 100, the bands as rings, the scores as a closed line; with ``spread``,
    the band between each dimension's q1 and q3 (``iqr``) or min and max (``range``).

    A group screen's `SharedReport` has no spread: q1, q3, min and max are single people's scores in a small
    group (the spread a group screen shows is each dimension's consensus)."""
    if spread is not None and isinstance(report, SharedReport):
        raise ValueError("a shared report has no quartiles nor extremes: draw its radar without a spread")
    stats = {d.id: d for d in report.dimensions}
    low_attr, high_attr = ("q1", "q3") if spread == "iqr" else ("min", "max")
    with_spread = spread is not None and report.n_respondents > 1
    axes = []
    for dimension in questionnaire.dimensions:
        stat = stats.get(dimension.id)
        score = stat.score if stat else None
        band = stat.band if stat else None
        low = getattr(stat, low_attr, None) if stat and with_spread else None
        high = getattr(stat, high_attr, None) if stat and with_spread else None
        if low is None or high is None:
            low = high = None
        axes.append(
            RadarAxis(
                id=dimension.id,
                label=text_in(dimension.label, lang),
                score=score,
                score_text=_fmt(score, lang),
                band=band,
                band_text=band_label(band, lang),
                colour=band_colour(band),
                low=low,
                high=high,
            )
        )
    return RadarChart(
        axes=tuple(axes),
        zones=band_zones(questionnaire, lang),
        ticks=(float(questionnaire.bands.watch), float(questionnaire.bands.strength), 100.0),
        score_label=translate("results.score", lang),
        score_is=translate("results.score_is", lang),
        insufficient=translate("results.insufficient", lang),
        spread_label=translate(f"figures.spread_{spread}", lang) if with_spread else None,
    )


def item_bars_chart(questionnaire: Questionnaire, report: ScoreReport | SharedReport, lang: str) -> BarChart:
    scored = sorted((s for s in report.items if s.mean is not None), key=lambda s: s.mean)  # type: ignore[arg-type, return-value]
    texts = {item.id: text_in(item.text, lang) for item in questionnaire.items}
    dims = {item.id: text_in(questionnaire.dimension_of(item.id).label, lang) for item in questionnaire.items}
    bars = tuple(
        Bar(
            id=s.id,
            label=texts[s.id],
            dimension=dims[s.id],
            value=float(s.mean),  # type: ignore[arg-type]
            score_text=_fmt(s.mean, lang),
            value_text=f"{_fmt(s.mean, lang)} · {band_label(s.band, lang)}",
            band=s.band,
            colour=band_colour(s.band),
        )
        for s in scored
    )
    return BarChart(
        bars=bars,
        limits=(
            (float(questionnaire.bands.watch), BAND_COLOURS["priority"]),
            (float(questionnaire.bands.strength), BAND_COLOURS["strength"]),
        ),
        axis_title=translate("results.score", lang),
        score_is=translate("results.score_is", lang),
    )


# Okabe & Ito's palette, in an order where neighbours differ most for the common colour-vision deficiencies; the
# yellow last (pale on white). A trace never rests on its colour alone: each has its own dash and marker too.
TRACE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
TRACE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
TRACE_MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "star", "pentagon", "cross")
# The room (or the balanced score) drawn beside the groups: dark grey, thin, no fill, so that the groups stand out.
REFERENCE_COLOUR = "#555555"


@dataclass(frozen=True)
class RadarTrace:
    name: str  # the group, the room or the wave: « Les Tilleuls »
    size: str  # its people: « 4 personnes »; "" when not shown
    colour: str
    dash: str  # Plotly's dash names, which the SVG renderer maps to dash arrays
    marker: str  # Plotly's marker symbols
    scores: tuple[float | None, ...]  # one per axis; None: not shown, the line has a gap
    score_texts: tuple[str, ...]
    reference: bool = False  # the room or the balanced score, drawn beside the groups


@dataclass(frozen=True)
class MultiRadarChart:
    """One radar, one closed line per group (or per wave): the comparison and the before/after."""

    axis_ids: tuple[str, ...]
    axis_labels: tuple[str, ...]
    traces: tuple[RadarTrace, ...]
    zones: tuple[BandZone, ...]
    ticks: tuple[float, ...]
    score_is: str
    insufficient: str


@dataclass(frozen=True)
class Series:
    """What a trace shows, before it has a style: its name (final text) and a score per dimension id."""

    name: str
    size: str
    scores: dict[str, float | None]
    reference: bool = False


def multi_radar_chart(questionnaire: Questionnaire, series: tuple[Series, ...], lang: str) -> MultiRadarChart:
    """Each series its own colour, dash and marker, in order; a reference series its own grey line."""
    ids = tuple(d.id for d in questionnaire.dimensions)
    traces = []
    styled = 0
    for one in series:
        scores = tuple(one.scores.get(i) for i in ids)
        if one.reference:
            colour, dash, marker = REFERENCE_COLOUR, "dot", "circle-open"
        else:
            colour = TRACE_COLOURS[styled % len(TRACE_COLOURS)]
            dash = TRACE_DASHES[styled % len(TRACE_DASHES)]
            marker = TRACE_MARKERS[styled % len(TRACE_MARKERS)]
            styled += 1
        traces.append(
            RadarTrace(
                name=one.name,
                size=one.size,
                colour=colour,
                dash=dash,
                marker=marker,
                scores=scores,
                score_texts=tuple(_fmt(s, lang) for s in scores),
                reference=one.reference,
            )
        )
    return MultiRadarChart(
        axis_ids=ids,
        axis_labels=tuple(text_in(d.label, lang) for d in questionnaire.dimensions),
        traces=tuple(traces),
        zones=band_zones(questionnaire, lang),
        ticks=(float(questionnaire.bands.watch), float(questionnaire.bands.strength), 100.0),
        score_is=translate("results.score_is", lang),
        insufficient=translate("results.insufficient", lang),
    )


def group_name(questionnaire: Questionnaire, field_id: str, value: str, lang: str) -> str:
    """A group as a chart or a table names it: its option's label, or the organisation's name as typed."""
    profile_field = questionnaire.profile_field(field_id)
    options = {o.id: text_in(o.label, lang) for o in profile_field.options} if profile_field else {}
    return options.get(value) or value


def comparison_radar_chart(
    questionnaire: Questionnaire,
    comparison: Comparison,
    report: SharedReport,
    lang: str,
    *,
    balanced: bool = False,
) -> MultiRadarChart:
    """A line per group compared (its size in the legend), and the room's line, or with ``balanced`` the balanced
    score's (each group counting once), as the reference."""
    series = []
    for group in comparison.compared:
        scores = {d.id: next(f.figure for f in d.figures if f.value == group.value) for d in comparison.dimensions}
        size = translate("compare.people", lang, count=group.people) if group.people is not None else ""
        series.append(Series(group_name(questionnaire, comparison.field, group.value, lang), size, scores))
    if balanced:
        groups = translate("compare.groups", lang, count=len(comparison.balanced.groups))
        scores = {d.id: d.score for d in comparison.balanced.dimensions}
        key = "compare.balanced_trace" if comparison.field == "organisation" else "compare.balanced_trace_any"
        reference = Series(translate(key, lang), groups, scores, reference=True)
    else:
        people = translate("compare.people", lang, count=report.counted)
        reference = Series(
            translate("compare.room_trace", lang), people, {d.id: d.score for d in report.dimensions}, reference=True
        )
    return multi_radar_chart(questionnaire, (*series, reference), lang)


def waves_radar_chart(questionnaire: Questionnaire, waves: Waves, lang: str) -> MultiRadarChart:
    """The earlier wave and this one on one radar, each with its size; a dimension not compared shows now only."""
    then = Series(
        translate("compare.wave_then", lang),
        translate("compare.people", lang, count=waves.n_then),
        {d.id: d.then for d in waves.dimensions},
    )
    now = Series(
        translate("compare.wave_now", lang),
        translate("compare.people", lang, count=waves.n_now),
        {d.id: d.now for d in waves.dimensions},
    )
    return multi_radar_chart(questionnaire, (then, now), lang)


@dataclass(frozen=True)
class PositionColumn:
    """One moment of a position question: how many people chose each step, or why it is not shown."""

    moment: str  # "today" or "wished"
    title: str  # « Aujourd’hui »
    caption: str  # « 6 réponses », or « Trop peu de réponses… » when not shown
    counts: tuple[int, ...] | None  # one per step, in the continuum's order; None: not shown
    n: int | None = None  # the people counted when shown

    @property
    def shown(self) -> bool:
        return self.counts is not None


@dataclass(frozen=True)
class PositionsChart:
    """Where the group places the relationship, today and wished, side by side on the same steps.

    The steps keep the continuum's order (information at the top, fusion at the bottom), every step named, and
    are never sorted by count: the chart shows a distribution over an ordered list, not a ranking."""

    id: str
    question: str  # the position question's label
    steps: tuple[str, ...]  # the steps' labels, in order
    columns: tuple[PositionColumn, ...]  # today, then wished when asked
    caption: str  # what the counts are, and that no step is a goal

    @property
    def peak(self) -> int:
        """The largest count of the columns shown (the common scale of their bars), at least 1."""
        return max([1, *(c for column in self.columns if column.counts for c in column.counts)])


def positions_charts(
    questionnaire: Questionnaire, shown: SharedReport | SharedGroup, lang: str
) -> tuple[PositionsChart, ...]:
    """One chart per position question, from the shared report's (or a group's) position figures only."""
    if not isinstance(shown, SharedReport | SharedGroup):
        raise TypeError("positions are drawn from a SharedReport (or one of its groups) only")
    minimum = questionnaire.min_group_size
    charts = []
    for position in questionnaire.positions:
        columns = []
        for figure in (p for p in shown.positions if p.id == position.id):
            if figure.status == "shown":
                counts = tuple(figure.distribution.get(step.id, 0) for step in position.steps)
                caption = translate("positions.count", lang, count=figure.n or 0)
            else:
                counts = None
                key = "positions.too_few" if figure.status == "too_few" else "positions.withheld"
                caption = translate(key, lang, count=minimum)
            title = translate(f"positions.{figure.moment}", lang)
            columns.append(PositionColumn(figure.moment, title, caption, counts, figure.n if counts else None))
        charts.append(
            PositionsChart(
                id=position.id,
                question=text_in(position.label, lang),
                steps=tuple(text_in(step.label, lang) for step in position.steps),
                columns=tuple(columns),
                caption=translate("positions.caption", lang),
            )
        )
    return tuple(charts)


def me_and_group_radar_chart(questionnaire: Questionnaire, beside: Beside, lang: str) -> MultiRadarChart:
    """« Mes réponses » and « Le groupe » (its size) on one radar: the person's own line first, the group's from
    its shared report (a dimension the group does not show leaves a gap in its line)."""
    mine = Series(translate("compare.me_trace", lang), "", {d.id: d.mine for d in beside.dimensions})
    group = Series(
        translate("compare.group_trace", lang),
        translate("compare.people", lang, count=beside.group_counted),
        {d.id: d.group for d in beside.dimensions},
    )
    return multi_radar_chart(questionnaire, (mine, group), lang)
