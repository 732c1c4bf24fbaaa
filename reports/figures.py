"""The charts drawn for the screen with Plotly. What the radar and the statements chart show is decided in
``reports.charts``, which the PDF's vector renderer (``reports.svg``) draws too; this module only draws it."""

from __future__ import annotations

import html
import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from reports.bands import LINE_COLOUR, SPREAD_COLOUR
from reports.charts import (
    BarChart,
    MultiRadarChart,
    PositionsChart,
    RadarChart,
    Spread,
    item_bars_chart,
    radar_chart,
)
from scoring.model import Questionnaire, text_in
from scoring.privacy import SharedReport
from scoring.results import ScoreReport

# Streamlit's own web font, so that charts read like the rest of the page; dark grey for contrast on projectors.
FONT = {"family": "Source Sans, Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#262730"}
# Long labels are wrapped so that a chart also fits a 390 px phone screen.
AXIS_LABEL_WIDTH = 14
# The radar's own labels one letter narrower: « Gouvernance et » took the side room of a phone whole.
RADAR_LABEL_WIDTH = 13
AXIS_LABEL_PX = 13
# The share of the chart's width left on each side of the radar for a side label: « Communication » or
# « Gouvernance et » in 13 px and the gap Plotly leaves (96 px) in a 358 px chart (a 390 px phone).
SIDE_ROOM = 0.28
# From six axes on, the side labels point 60° from the vertical, nearer the circle's middle: less room is enough.
SIDE_ROOM_MANY = 0.24
WIDE_LABELS_UP_TO = 5  # axes: see _vertical
# On the projector the radar has the room of a wide column: longer lines, fewer of them, in type read from afar.
LARGE_AXIS_LABEL_WIDTH = 18
LARGE_AXIS_LABEL_PX = 22
LABEL_LINE_HEIGHT = 1.3  # Plotly's spacing of <br> lines, in ems
ITEM_LABEL_WIDTH = 48


def _safe(text: str) -> str:
    # Plotly reads a few HTML tags in labels; questionnaire texts may come from an upload, so escape them.
    return html.escape(text, quote=False)


def radar_figure(
    questionnaire: Questionnaire,
    report: ScoreReport | SharedReport,
    lang: str,
    *,
    spread: Spread = None,
    height: int | None = None,
    large: bool = False,
) -> go.Figure:
    """The radar of :func:`reports.charts.radar_chart`, drawn for the screen; ``height=None``: its box's."""
    return radar_plotly(radar_chart(questionnaire, report, lang, spread=spread), height=height, large=large)


def radar_plotly(chart: RadarChart, *, height: int | None = 460, large: bool = False) -> go.Figure:
    """``height=None`` leaves the height to the box the figure is drawn in (the projector's, sized to its screen)."""
    labels = [_safe(axis.label) for axis in chart.axes]
    width = LARGE_AXIS_LABEL_WIDTH if large else RADAR_LABEL_WIDTH
    # « données insuffisantes » wrapped like the label: in one line it ran past a phone's edge beside the radar.
    axis = [
        _axis_label(label, spec.score is None, chart.insufficient, _vertical(index, len(labels)), width)
        for index, (label, spec) in enumerate(zip(labels, chart.axes, strict=True))
    ]
    label_px = LARGE_AXIS_LABEL_PX if large else AXIS_LABEL_PX
    figure = go.Figure()
    _add_band_rings(figure, chart, axis)
    if chart.has_spread:
        _add_spread(figure, chart, axis)
    hover = [
        f"<b>{label}</b><br>{_safe(chart.score_is)} {spec.score_text}<br>{_safe(spec.band_text)}"
        for label, spec in zip(labels, chart.axes, strict=True)
    ]
    scores = [spec.score for spec in chart.axes]
    closed = scores + scores[:1]
    texts = [spec.score_text if spec.score is not None else "" for spec in chart.axes]
    # The line is closed by repeating the first point; its marker colour must be repeated too.
    colours = [spec.colour for spec in chart.axes]
    figure.add_trace(
        go.Scatterpolar(
            r=closed,
            theta=axis + axis[:1],
            # On a projector, the scores are written by their points: nobody can hover a projected chart.
            mode="lines+markers+text" if large else "lines+markers",
            text=texts + texts[:1] if large else None,
            # Each score outside its point, away from the centre: « top right » put the left and bottom ones
            # on the line itself (the projector's 55,5 and 63,2).
            textposition=[_outward(index, len(axis)) for index in range(len(axis) + 1)] if large else None,
            textfont={"size": 22, "color": LINE_COLOUR},
            fill="toself",
            fillcolor="rgba(0, 114, 178, 0.18)",
            line={"color": LINE_COLOUR, "width": 3},
            marker={"size": 11, "color": colours + colours[:1], "line": {"color": "white", "width": 1.5}},
            name=chart.score_label,
            hovertext=hover + hover[:1],
            hoverinfo="text",
            connectgaps=False,
        )
    )
    top, bottom = _label_room(axis, label_px)
    side = SIDE_ROOM if len(axis) < 6 else SIDE_ROOM_MANY  # ui.style's height of the chart follows these
    figure.update_layout(
        polar={
            # Radial ticks between the first two axes, where they cross no dimension label.
            # Room on both sides for a one-word label such as « Communication » and no more: on a 390 px phone
            # the circle was 140 px wide between 45 px margins and blank bands (ui.style sizes the chart's
            # height from its width); on a projector at 1366 px the radar has 3/5 of the width.
            "domain": {"x": [0.2, 0.8] if large else [side, 1 - side], "y": [0, 1]},
            "radialaxis": {
                "range": [0, 100],
                "tickvals": list(chart.ticks),
                "angle": 90 - 180 / len(axis),
                "tickangle": 0,
                "tickfont": {"size": 12, "color": "#555"},
                "gridcolor": "#ccc",
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90, "tickfont": {"size": label_px}},
            "bgcolor": "white",
        },
        showlegend=False,
        margin={"l": 45 if large else 0, "r": 45 if large else 0, "t": top, "b": bottom},
        height=height,
        font=FONT,
        paper_bgcolor="white",
    )
    return figure


def _outward(index: int, count: int) -> str:
    """Where a point's text goes so that it lies outside the radar: the first axis points up, the others
    clockwise."""
    angle = 2 * math.pi * index / count
    up, right = math.cos(angle), math.sin(angle)
    vertical = "top" if up > 0.38 else "bottom" if up < -0.38 else "middle"
    horizontal = "right" if right > 0.38 else "left" if right < -0.38 else "center"
    return f"{vertical} {horizontal}"


def _vertical(index: int, count: int) -> bool:
    """Whether an axis points straight up or down (the first one, and the middle one of an even count) with its
    neighbours far enough that a wide label does not run into theirs: with six axes, « Personnes accompagnées
    et » ran into the fourth line of « Ressources humaines et dialogue social » on a phone."""
    return count <= WIDE_LABELS_UP_TO and abs(math.cos(2 * math.pi * index / count)) > 0.95


def _axis_label(label: str, insufficient: bool, missing: str, vertical: bool, width: int) -> str:
    """A radar's axis label, wrapped. Above and below the circle a label has the chart's width: twice as long
    lines there, fewer of them, leave the height to the circle (on a phone its height follows its width). Beside
    the circle, « données insuffisantes » is wrapped like the label: in one line it ran past a phone's edge."""
    width = 2 * width if vertical else width
    text = _wrap(label, width)
    if insufficient:
        text += "<br>" + "<br>".join(f"<i>{line}</i>" for line in _wrap(_safe(missing), width).split("<br>"))
    return text


def _label_room(axis: list[str], label_px: int) -> tuple[int, int]:
    """Room above and below the circle for the labels of the axes that point up or down, from their number of
    lines: a fixed margin cut the bottom label's third line on the projector (« et territoire »)."""
    count = len(axis)
    up = down = 1
    for index, label in enumerate(axis):
        lines = label.count("<br>") + 1
        sine = math.cos(2 * math.pi * index / count)  # the first axis points up, the others clockwise
        if sine > 0.7:
            up = max(up, lines)
        elif sine < -0.7:
            down = max(down, lines)
    line = label_px * LABEL_LINE_HEIGHT
    return round(up * line + label_px), round(down * line + label_px)


def _add_band_rings(figure: go.Figure, chart: RadarChart | MultiRadarChart, axis: list[str]) -> None:
    # Full-circle bars from base to band limit: rings that tell at a glance which band a point falls into.
    width = 360 / len(axis)
    for zone in chart.zones:
        figure.add_trace(
            go.Barpolar(
                r=[zone.high - zone.low] * len(axis),
                base=[zone.low] * len(axis),
                theta=axis,
                width=[width] * len(axis),
                marker={"color": zone.colour, "line": {"width": 0}},
                opacity=0.13,
                name=zone.label,
                hoverinfo="skip",
            )
        )


def _add_spread(figure: go.Figure, chart: RadarChart, axis: list[str]) -> None:
    kept = [(spec, name) for spec, name in zip(chart.axes, axis, strict=True) if spec.low is not None]
    lows = [spec.low for spec, _ in kept]
    highs = [spec.high for spec, _ in kept]
    names = [name for _, name in kept]
    # Outer edge one way and inner edge back the other way: one polygon drawn as a ring.
    figure.add_trace(
        go.Scatterpolar(
            r=highs + highs[:1] + lows[:1] + lows[::-1],
            theta=names + names[:1] + names[:1] + names[::-1],
            mode="lines",
            fill="toself",
            fillcolor=SPREAD_COLOUR,
            line={"width": 0},
            name=chart.spread_label,
            hoverinfo="skip",
        )
    )


def item_bars_figure(questionnaire: Questionnaire, report: ScoreReport | SharedReport, lang: str) -> go.Figure:
    """The statements chart of :func:`reports.charts.item_bars_chart`, drawn for the screen."""
    return item_bars_plotly(item_bars_chart(questionnaire, report, lang))


def item_bars_plotly(chart: BarChart) -> go.Figure:
    """Items from the weakest, each bar coloured and labelled by its band, its statement written above it (so
    that it fits a phone)."""
    wrapped = [_wrap(_safe(bar.label), ITEM_LABEL_WIDTH) for bar in chart.bars]
    # Each statement takes a slot as tall as its wrapped text plus the bar.
    slots = [label.count("<br>") + 1 for label in wrapped]
    positions, top = [], 0.0
    for lines in slots:
        top += 0.55 * lines + 0.5
        positions.append(top)
        top += 0.45
    # The statements and the values are the text of two traces, not 2 × 34 annotations: Plotly.js lays out each
    # annotation on its own; drawing this chart for « Santé du partenariat » took 190 ms in Chromium with them,
    # 60 ms as traces (issue 11; bench/bench_item_bars.py).
    # The value goes inside a long bar, after a short one (a score of 0 has no bar at all).
    figure = go.Figure(
        [
            go.Bar(
                x=[bar.value for bar in chart.bars],
                y=positions,
                width=0.6,
                orientation="h",
                marker={"color": [bar.colour for bar in chart.bars]},
                hovertext=[
                    f"{_safe(bar.dimension)}<br>{_safe(bar.label)}<br>{_safe(chart.score_is)} {bar.score_text}"
                    for bar in chart.bars
                ],
                hoverinfo="text",
                text=[_safe(bar.value_text) for bar in chart.bars],
                textposition=["inside" if bar.value >= 55 else "outside" for bar in chart.bars],
                insidetextanchor="end",
                insidetextfont={"size": 13, "color": "white"},
                outsidetextfont={"size": 13, "color": "#262730"},
                constraintext="none",  # never shrunk to fit: every value in the same size
                cliponaxis=False,
            ),
            # Each statement above its bar, from the left edge, lines aligned on the left.
            go.Scatter(
                x=[0] * len(positions),
                y=[y - 0.35 for y in positions],
                text=wrapped,
                mode="text",
                textposition="top right",
                textfont={"size": 13},
                hoverinfo="skip",
                cliponaxis=False,
            ),
        ]
    )
    limits = [
        {
            "type": "line",
            "x0": x,
            "x1": x,
            "xref": "x",
            "y0": 0,
            "y1": 1,
            "yref": "paper",
            "line": {"dash": "dot", "color": colour},
        }
        for x, colour in chart.limits
    ]
    figure.update_layout(
        xaxis={"range": [0, 100], "title": chart.axis_title, "fixedrange": True},
        # The range as the slots were laid out, first at the top: autorange would pad it for the text trace.
        yaxis={"autorange": False, "visible": False, "range": [top, 0], "fixedrange": True},
        height=max(220, int(34 * top) + 70),
        margin={"l": 8, "r": 8, "t": 10, "b": 45},
        font=FONT,
        showlegend=False,
        paper_bgcolor="white",
        plot_bgcolor="white",
        bargap=0,
        shapes=limits,
    )
    return figure


def distribution_figure(questionnaire: Questionnaire, distribution: dict[int, int], lang: str) -> go.Figure:
    """How many people gave each answer to one item: the shape of an agreement or of a disagreement."""
    values = tuple(questionnaire.scale.values)
    labels = tuple(scale_label(questionnaire, v, lang) for v in values)
    return distribution_plotly(values, labels, tuple(distribution.get(v, 0) for v in values))


def scale_label(questionnaire: Questionnaire, value: int, lang: str) -> str:
    """A scale value's label as a chart writes it (escaped), or the value itself when it has none."""
    return _safe(text_in(questionnaire.scale.labels.get(value), lang)) or str(value)


def distribution_plotly(values: tuple[int, ...], labels: tuple[str, ...], counts: tuple[int, ...]) -> go.Figure:
    """:func:`distribution_figure` from what it shows: the scale's values, their labels (escaped) and counts."""
    figure = go.Figure(
        go.Bar(
            x=[f"{v}" for v in values],
            y=counts,
            marker={"color": LINE_COLOUR},
            hovertext=[f"{v} · {label} : {count}" for v, label, count in zip(values, labels, counts, strict=True)],
            hoverinfo="text",
            text=list(counts),
            textposition="outside",
        )
    )
    figure.update_layout(
        height=200,
        margin={"l": 10, "r": 10, "t": 10, "b": 55},
        yaxis={"visible": False, "range": [0, max([*counts, 1]) * 1.3]},
        # The two ends of the scale say what 1 and 5 mean; the middle values speak for themselves.
        xaxis={
            "type": "category",
            "tickvals": [f"{v}" for v in values],
            "ticktext": [
                f"{v}<br>{_wrap(label, 16)}" if v in (values[0], values[-1]) and label != str(v) else f"{v}"
                for v, label in zip(values, labels, strict=True)
            ],
        },
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return figure


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


LEGEND_WIDTH = 36


def _legend(name: str, size: str) -> str:
    """« Les Tilleuls · 4 personnes », the size on a line of its own when both do not fit one; wrapped on the text
    as typed, then escaped line by line (an escaped « < » must not count as four letters)."""
    lines = _wrap(name, LEGEND_WIDTH).split("<br>") if "<br>" not in name else [name]
    if size and len(lines[-1]) + len(size) + 3 <= LEGEND_WIDTH:
        lines[-1] = f"{lines[-1]} · {size}"
    elif size:
        lines.append(size)
    return "<br>".join(_safe(line) for line in lines)


# A legend line of the comparison's radar on the screen, in px (14 px type), and the room around the legend.
LEGEND_LINE_PX = 21
LEGEND_ROOM_PX = 16


def multi_radar_plotly(chart: MultiRadarChart, *, height: int | None = None, large: bool = False) -> go.Figure:
    """The comparison's radar (:class:`reports.charts.MultiRadarChart`): a line per group, each with its colour,
    dash and marker, named with its size in the legend below the radar (it fits a phone).

    On a screen (``large=False``) it is laid out as the single radar is: the circle takes the middle of the width
    (``SIDE_ROOM`` each side for the side labels), the labels above and below and the legend under them have
    their room in pixels, so that the chart's height can follow its width (``multi_radar_room``; ``ui.figures``
    sizes its box): a fixed 560 px held a 140 px radar between blank bands on a phone. ``height=None``: its box's.
    On the projector (``large``) the height is the screen's and the radar keeps 3/5 of the width."""
    labels = [_safe(label) for label in chart.axis_labels]
    count = len(labels)
    if large:
        axis = [_wrap(label, AXIS_LABEL_WIDTH) for label in labels]
    else:  # the single radar's labels: wider above and below the circle, narrower beside it
        axis = [
            _axis_label(label, False, "", _vertical(index, count), RADAR_LABEL_WIDTH)
            for index, label in enumerate(labels)
        ]
    figure = go.Figure()
    _add_band_rings(figure, chart, axis)
    # The legend names the groups only: the rings are the bands, which every screen explains beside the radar.
    figure.update_traces(showlegend=False, selector={"type": "barpolar"})
    names = []
    for trace in chart.traces:
        scores = list(trace.scores)
        name = _legend(trace.name, trace.size)
        names.append(name)
        hover = [
            f"<b>{_safe(trace.name)}</b><br>{label}<br>{_safe(chart.score_is)} {text}"
            for label, text in zip(labels, trace.score_texts, strict=True)
        ]
        figure.add_trace(
            go.Scatterpolar(
                r=scores + scores[:1],
                theta=axis + axis[:1],
                mode="lines+markers",
                line={"color": trace.colour, "width": 2 if trace.reference else 3, "dash": trace.dash},
                marker={"size": 13 if large else 10, "symbol": trace.marker, "color": trace.colour},
                name=name,
                hovertext=hover + hover[:1],
                hoverinfo="text",
                connectgaps=False,
                showlegend=True,
            )
        )
    radial = {
        "range": [0, 100],
        "tickvals": list(chart.ticks),
        "angle": 90 - 180 / count,
        "tickangle": 0,
        "tickfont": {"size": 12, "color": "#555"},
        "gridcolor": "#ccc",
    }
    if large:
        # The legend under the radar, inside the figure's lower part, below the bottom axis label: placed on the
        # figure's own layout rather than below the plot area, where it fell on that label (and off the projected
        # screen). Room above for the top axis label, up to four lines.
        rows = max(0, len(chart.traces) - 2)
        legend_room = 0.3 + 0.06 * rows
        polar_domain = {"x": [0.2, 0.8], "y": [legend_room, 1]}
        legend = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom"}
        margin = {"l": 45, "r": 45, "t": 100, "b": 10}
    else:
        top, bottom = _label_room(axis, AXIS_LABEL_PX)
        side = SIDE_ROOM if count < 6 else SIDE_ROOM_MANY
        lines = sum(name.count("<br>") + 1 for name in names)
        polar_domain = {"x": [side, 1 - side], "y": [0, 1]}
        # One group a line, centred under the circle, at the foot of the whole figure (``yref="container"``): a
        # horizontal legend wraps on a phone and not on a desktop, and its height could not be known here.
        legend = {"orientation": "v", "x": 0.5, "xanchor": "center", "yref": "container", "y": 0, "yanchor": "bottom"}
        margin = {"l": 0, "r": 0, "t": top, "b": bottom + LEGEND_LINE_PX * lines + LEGEND_ROOM_PX}
    figure.update_layout(
        polar={
            "domain": polar_domain,
            "radialaxis": radial,
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "tickfont": {"size": 16 if large else AXIS_LABEL_PX},
            },
            "bgcolor": "white",
        },
        showlegend=True,
        legend={**legend, "font": {"size": 17 if large else 14}, "itemclick": False, "itemdoubleclick": False},
        margin=margin,
        height=height,
        font=FONT,
        paper_bgcolor="white",
    )
    return figure


def multi_radar_room(figure: go.Figure) -> tuple[float, int]:
    """How a screen's comparison radar (``multi_radar_plotly``, not large) is sized by its width ``w``: its height
    is ``share × w + room`` px, the circle as wide as its share of the width, the labels and the legend in the
    room. Read off the figure itself, so that the box and the layout cannot disagree."""
    domain = figure.layout.polar.domain.x
    margin = figure.layout.margin
    return float(domain[1] - domain[0]), int(margin.t + margin.b)


# Today's bars in the line's blue, the wished ones in a distinct orange (Okabe & Ito): each column also has its
# title, so that colour is never the only cue.
POSITION_COLOURS = {"today": LINE_COLOUR, "wished": "#D55E00"}


def positions_plotly(chart: PositionsChart, *, height: int | None = None, large: bool = False) -> go.Figure:
    """The two distributions side by side (:class:`reports.charts.PositionsChart`): one column of horizontal bars
    per moment on the same steps, in the continuum's order from the top, each count written after its bar; a
    column not shown says why instead of its bars."""
    columns = chart.columns or ()
    count = max(1, len(columns))
    # The count on a line of its own: two titles side by side on a 390 px phone must not run into each other.
    titles = [f"<b>{_safe(c.title)}</b>" + (f"<br>{_safe(c.caption)}" if c.shown else "<br> ") for c in columns]
    figure = make_subplots(rows=1, cols=count, shared_yaxes=True, horizontal_spacing=0.06, subplot_titles=titles)
    labels = [_safe(step) for step in chart.steps]
    peak = chart.peak
    size = 17 if large else 13
    for index, column in enumerate(columns, start=1):
        counts = list(column.counts) if column.counts is not None else [0] * len(labels)
        figure.add_trace(
            go.Bar(
                y=labels,
                x=counts,
                orientation="h",
                marker={"color": POSITION_COLOURS.get(column.moment, LINE_COLOUR)},
                text=[str(c) for c in counts] if column.shown else None,
                textposition="outside",
                cliponaxis=False,
                hovertext=[f"{label} : {c}" for label, c in zip(labels, counts, strict=True)],
                hoverinfo="text" if column.shown else "skip",
                showlegend=False,
            ),
            row=1,
            col=index,
        )
        figure.update_xaxes(visible=False, range=[0, peak * 1.25], row=1, col=index)
        if not column.shown:
            figure.add_annotation(
                # Narrow lines: on a 390 px phone each column is about 110 px wide beside the steps.
                text=_wrap_spaces(_safe(column.caption), 14),
                xref=f"x{index if index > 1 else ''} domain",
                yref="y domain",
                x=0.5,
                y=0.5,
                showarrow=False,
                font={**FONT, "size": size - 1, "color": "#555555"},
            )
    figure.update_yaxes(autorange="reversed", type="category", tickfont={"size": size})
    for annotation in figure.layout.annotations[: len(columns)]:
        annotation.font = {**FONT, "size": size}
    figure.update_layout(
        height=height or (24 * len(labels) + 70),
        margin={"l": 10, "r": 10, "t": 56 if large else 48, "b": 10},
        bargap=0.25,
        font={**FONT, "size": size},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return figure


def _wrap_spaces(text: str, width: int) -> str:
    """Lines of at most ``width`` characters broken at ordinary spaces only: a no-break space (U+00A0, U+202F
    before « : » or after « « ») holds its neighbours together, as French typography wants."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)
