"""The charts of ``reports.charts`` drawn as SVG, for the PDF: vectors that print sharp at any size, written
here without a browser (Plotly's image export needs Chrome through kaleido, which the app must not need).

Paper cannot be hovered, so every score is written by its point or bar. Units are PDF points (1/72 in); a text
from a questionnaire is XML-escaped, never markup.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from reports.bands import LINE_COLOUR
from reports.charts import BandZone, Bar, BarChart, MultiRadarChart, PositionsChart, RadarChart

FONT_FAMILY = "Libertinus Serif"
TEXT_COLOUR = "#262730"
GRID_COLOUR = "#bbbbbb"
# The band rings, as on the screen (13 % of the band's colour on white), but opaque: rings drawn one over the
# other must not mix their colours.
ZONE_OPACITY = 0.13
# Width of an average character, in em, of the serif face: enough to wrap labels without measuring glyphs.
CHAR_EM = 0.48


def _tint(colour: str, opacity: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(255 - (255 - c) * opacity) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most ``width`` characters (a longer word keeps its own line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [""]


def _text(
    x: float, y: float, lines: list[str], size: float, *, anchor: str = "start", fill: str = TEXT_COLOUR, **style: str
) -> str:
    extra = "".join(f" {name.replace('_', '-')}={quoteattr(value)}" for name, value in style.items())
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * 1.15:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT_FAMILY}" font-size="{size:g}" '
        f'fill="{fill}" text-anchor="{anchor}"{extra}>{spans}</text>'
    )


def _svg(width: float, height: float, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}pt" height="{height:.0f}pt" '
        f'viewBox="0 0 {width:.1f} {height:.1f}">' + "".join(body) + "</svg>"
    )


def radar_svg(chart: RadarChart, size: float = 340.0) -> str:
    """The radar, ``size`` points wide: rings for the bands, a spoke per dimension with its label outside, the
    closed line of scores with each score written by its point, and the spread (when asked) as a lighter ring."""
    n = len(chart.axes)
    label_room = 78.0
    radius = (size - 2 * label_room) / 2
    cx = cy = size / 2

    def point(k: int, value: float) -> tuple[float, float]:
        angle = 2 * math.pi * k / n
        return cx + radius * value / 100 * math.sin(angle), cy - radius * value / 100 * math.cos(angle)

    body = _grid(chart.zones, chart.ticks, n, cx, cy, radius)
    if chart.has_spread:
        outer = [point(k, a.high) for k, a in enumerate(chart.axes) if a.high is not None]
        inner = [point(k, a.low) for k, a in enumerate(chart.axes) if a.low is not None]
        path = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in outer) + " Z "
        path += "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in reversed(inner)) + " Z"
        body.append(f'<path d="{path}" fill="#56B4E9" fill-opacity="0.30" fill-rule="evenodd" stroke="none"/>')
    present = [(k, a) for k, a in enumerate(chart.axes) if a.score is not None]
    if len(present) >= 3:
        polygon = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, a.score) for k, a in present))  # type: ignore[arg-type]
        body.append(f'<polygon points="{polygon}" fill="{LINE_COLOUR}" fill-opacity="0.15" stroke="none"/>')
    # The line joins neighbouring scores only: a dimension without a score leaves a gap, as on the screen.
    for k, axis in enumerate(chart.axes):
        following = chart.axes[(k + 1) % n]
        if axis.score is not None and following.score is not None and n > 1:
            x1, y1 = point(k, axis.score)
            x2, y2 = point((k + 1) % n, following.score)
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{LINE_COLOUR}" '
                'stroke-width="2" stroke-linecap="round"/>'
            )
    for k, axis in present:
        x, y = point(k, axis.score)  # type: ignore[arg-type]
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.6" fill="{axis.colour}" stroke="white" stroke-width="1"/>')
        body.append(_text(x + 5, y - 4, [axis.score_text], 8.5, font_weight="bold", fill=LINE_COLOUR))
    body += _axis_labels([(a.label, a.score is None) for a in chart.axes], chart.insufficient, cx, cy, radius)
    return _svg(size, size, body)


def _point(cx: float, cy: float, radius: float, n: int, k: int, value: float) -> tuple[float, float]:
    """Where ``value`` (0–100) lies on spoke ``k`` of ``n``, the first spoke pointing up, clockwise."""
    angle = 2 * math.pi * k / n
    return cx + radius * value / 100 * math.sin(angle), cy - radius * value / 100 * math.cos(angle)


def _grid(
    zones: tuple[BandZone, ...], ticks: tuple[float, ...], n: int, cx: float, cy: float, radius: float
) -> list[str]:
    """A radar's rings for the bands, its circles at the ticks, a spoke per dimension and the tick values."""
    body = []
    for zone in reversed(zones):  # the outer ring first, each inner one over it
        body.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius * zone.high / 100:.1f}" '
            f'fill="{_tint(zone.colour, ZONE_OPACITY)}"/>'
        )
    for tick in ticks:
        body.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius * tick / 100:.1f}" fill="none" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    for k in range(n):
        x, y = _point(cx, cy, radius, n, k, 100)
        body.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    # Tick values between the first two spokes, where no label is.
    for tick in ticks:
        angle = math.pi / n
        tx = cx + radius * tick / 100 * math.sin(angle) + 2
        ty = cy - radius * tick / 100 * math.cos(angle)
        body.append(_text(tx, ty, [f"{tick:g}"], 7, fill="#555555"))
    return body


def _axis_labels(labels: list[tuple[str, bool]], insufficient: str, cx: float, cy: float, radius: float) -> list[str]:
    """Each dimension's label outside its spoke, « (insufficient) » under it when it has no score."""
    body = []
    n = len(labels)
    for k, (label, missing) in enumerate(labels):
        angle = 2 * math.pi * k / n
        lx = cx + (radius + 10) * math.sin(angle)
        ly = cy - (radius + 10) * math.cos(angle)
        anchor = "middle" if abs(math.sin(angle)) < 0.2 else ("start" if math.sin(angle) > 0 else "end")
        lines = wrap(label, 16)
        if missing:
            lines.append(f"({insufficient})")
        height = 9 * 1.15 * (len(lines) - 1)
        # Above the top spoke the label grows upwards, below the bottom one downwards, at the sides around it.
        cos = math.cos(angle)
        if cos > 0.2:
            ly -= height + 2
        elif cos > -0.2:
            ly -= height / 2 - 3
        else:
            ly += 9
        body.append(_text(lx, ly, lines, 9, anchor=anchor))
    return body


# Plotly's dash names (reports.charts.TRACE_DASHES) as SVG dash arrays, in points.
DASH_ARRAYS = {
    "solid": None,
    "dash": "6,3",
    "dot": "1.5,2.5",
    "dashdot": "6,2.5,1.5,2.5",
    "longdash": "11,3",
    "longdashdot": "11,3,1.5,3",
}


def _marker(symbol: str, x: float, y: float, colour: str, r: float = 3.4) -> str:
    """Plotly's marker symbols (reports.charts.TRACE_MARKERS) drawn as SVG shapes of about the same size."""
    if symbol == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="{colour}"/>'
    shapes = {
        "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
        "triangle-up": [(0, -1.3), (1.2, 0.9), (-1.2, 0.9)],
        "pentagon": [(math.sin(a) * 1.2, -math.cos(a) * 1.2) for a in (2 * math.pi * i / 5 for i in range(5))],
        "star": [
            (math.sin(a) * (1.4 if i % 2 == 0 else 0.6), -math.cos(a) * (1.4 if i % 2 == 0 else 0.6))
            for i, a in enumerate(math.pi * i / 5 for i in range(10))
        ],
    }
    if symbol in shapes:
        points = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in shapes[symbol])
        return f'<polygon points="{points}" fill="{colour}"/>'
    if symbol in ("x", "cross"):
        d = r if symbol == "x" else r * 1.2
        pairs = ((-d, -d, d, d), (-d, d, d, -d)) if symbol == "x" else ((-d, 0, d, 0), (0, -d, 0, d))
        return "".join(
            f'<line x1="{x + a:.1f}" y1="{y + b:.1f}" x2="{x + c:.1f}" y2="{y + e:.1f}" stroke="{colour}" '
            'stroke-width="1.8"/>'
            for a, b, c, e in pairs
        )
    if symbol == "circle-open":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="white" stroke="{colour}" stroke-width="1.2"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"/>'


def multi_radar_svg(chart: MultiRadarChart, size: float = 340.0) -> str:
    """The comparison's radar on paper: a line per group in its colour, dash and marker, and the legend under it
    (each group with its size). No score is written by its point (the lines would hide one another): the table
    that follows the chart gives them."""
    n = len(chart.axis_labels)
    label_room = 78.0
    radius = (size - 2 * label_room) / 2
    cx = cy = size / 2
    body = _grid(chart.zones, chart.ticks, n, cx, cy, radius)
    for trace in chart.traces:
        dash = DASH_ARRAYS.get(trace.dash)
        style = f' stroke-dasharray="{dash}"' if dash else ""
        for k, score in enumerate(trace.scores):
            following = trace.scores[(k + 1) % n]
            if score is not None and following is not None and n > 1:
                x1, y1 = _point(cx, cy, radius, n, k, score)
                x2, y2 = _point(cx, cy, radius, n, (k + 1) % n, following)
                body.append(
                    f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{trace.colour}" '
                    f'stroke-width="{1.4 if trace.reference else 2}"{style}/>'
                )
        for k, score in enumerate(trace.scores):
            if score is not None:
                body.append(_marker(trace.marker, *_point(cx, cy, radius, n, k, score), trace.colour))
    missing = [all(t.scores[k] is None for t in chart.traces) for k in range(n)]
    body += _axis_labels(list(zip(chart.axis_labels, missing, strict=True)), chart.insufficient, cx, cy, radius)
    # The legend: a sample of each line with its marker, then the name and the size, one entry a line.
    y = size + 4
    for trace in chart.traces:
        dash = DASH_ARRAYS.get(trace.dash)
        style = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<line x1="10" y1="{y:.1f}" x2="40" y2="{y:.1f}" stroke="{trace.colour}" stroke-width="2"{style}/>'
        )
        body.append(_marker(trace.marker, 25, y, trace.colour))
        label = f"{trace.name} · {trace.size}" if trace.size else trace.name
        lines = wrap(label, int((size - 50) / (9 * CHAR_EM)))
        body.append(_text(48, y + 3, lines, 9))
        y += 9 * 1.15 * len(lines) + 6
    return _svg(size, y + 4, body)


BAR_LABEL_SIZE = 8.5
BAR_HEIGHT = 9.0


def bars_layout(bars: tuple[Bar, ...], width: float) -> list[tuple[Bar, list[str], float]]:
    """Each bar with its wrapped statement and the height it takes, so that a caller can cut the chart into
    pieces that fit a page without cutting a bar from its statement."""
    columns = max(20, int(width / (BAR_LABEL_SIZE * CHAR_EM)))
    return [
        (bar, lines := wrap(bar.label, columns), len(lines) * BAR_LABEL_SIZE * 1.15 + BAR_HEIGHT + 9) for bar in bars
    ]


def bars_svg(chart: BarChart, bars: tuple[Bar, ...] | None = None, width: float = 480.0, *, axis: bool = True) -> str:
    """Statements from the weakest: the statement above its bar, the bar coloured by its band, its score and
    band written after it; dotted lines at the band limits; a 0–100 axis under the last bar."""
    layout = bars_layout(chart.bars if bars is None else bars, width)
    # The score and band are written after the bar, never inside: room is kept for them after a bar of 100.
    plot_left, plot_width = 0.0, width - 72
    body = []
    y = 4.0
    for bar, lines, height in layout:
        body.append(_text(plot_left, y + BAR_LABEL_SIZE, lines, BAR_LABEL_SIZE))
        bar_top = y + len(lines) * BAR_LABEL_SIZE * 1.15 + 2
        length = plot_width * bar.value / 100
        # The band limits are marked across each bar's row only, never through a statement's words.
        for x, colour in chart.limits:
            px = plot_left + plot_width * x / 100
            body.append(
                f'<line x1="{px:.1f}" y1="{bar_top - 2:.1f}" x2="{px:.1f}" y2="{bar_top + BAR_HEIGHT + 2:.1f}" '
                f'stroke="{colour}" stroke-width="0.8" stroke-dasharray="1.5,1.5"/>'
            )
        body.append(
            f'<rect x="{plot_left:.1f}" y="{bar_top:.1f}" width="{length:.1f}" height="{BAR_HEIGHT:.1f}" '
            f'fill="{bar.colour}"/>'
        )
        body.append(
            _text(plot_left + length + 3, bar_top + BAR_HEIGHT - 1.5, [bar.value_text], 7.5, font_weight="bold")
        )
        y += height
    bottom = y
    if axis:
        body.append(
            f'<line x1="{plot_left:.1f}" y1="{bottom:.1f}" x2="{plot_left + plot_width:.1f}" y2="{bottom:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
        for tick in (0, 25, 50, 75, 100):
            px = plot_left + plot_width * tick / 100
            anchor = "start" if tick == 0 else ("end" if tick == 100 else "middle")
            body.append(_text(px, bottom + 9, [str(tick)], 7, anchor=anchor, fill="#555555"))
        bottom += 12
    return _svg(width, bottom + 2, body)


# Today's bars in the line's blue, the wished ones in orange, as on the screen (reports.figures.POSITION_COLOURS).
POSITION_FILLS = {"today": LINE_COLOUR, "wished": "#D55E00"}
POSITION_ROW = 15.0
POSITION_BAR = 9.5
POSITION_LABEL_SIZE = 8.5


def positions_svg(chart: PositionsChart, width: float = 480.0) -> str:
    """Today and wished side by side: the steps named once on the left in the continuum's order (information at
    the top), one column of bars per moment on a common scale, each count written after its bar (0 included);
    a column not shown says why where its bars would be."""
    label_width = max(len(step) for step in chart.steps) * POSITION_LABEL_SIZE * CHAR_EM + 8
    gap = 14.0
    count = max(1, len(chart.columns))
    panel = (width - label_width - gap * (count - 1)) / count
    bar_room = panel - 18  # the count after a bar of the peak stays inside the panel
    top = 30.0
    body = []
    for row, step in enumerate(chart.steps):
        y = top + row * POSITION_ROW
        body.append(_text(label_width - 5, y + POSITION_BAR - 1.5, [step], POSITION_LABEL_SIZE, anchor="end"))
    for index, column in enumerate(chart.columns):
        left = label_width + index * (panel + gap)
        body.append(_text(left, 10, [column.title], 9, font_weight="bold"))
        if column.counts is None:
            lines = _wrap_at_spaces(column.caption, max(16, int(panel / (8 * CHAR_EM))))
            middle = top + len(chart.steps) * POSITION_ROW / 2 - len(lines) * 8 * 1.15 / 2
            body.append(_text(left, middle, lines, 8, fill="#555555"))
            continue
        body.append(_text(left, 22, [column.caption], 8, fill="#555555"))
        fill = POSITION_FILLS.get(column.moment, LINE_COLOUR)
        body.append(
            f'<line x1="{left:.1f}" y1="{top - 3:.1f}" x2="{left:.1f}" '
            f'y2="{top + len(chart.steps) * POSITION_ROW - 3:.1f}" stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
        for row, value in enumerate(column.counts):
            y = top + row * POSITION_ROW
            length = bar_room * value / chart.peak
            if length:
                body.append(
                    f'<rect x="{left:.1f}" y="{y:.1f}" width="{length:.1f}" height="{POSITION_BAR:.1f}" fill="{fill}"/>'
                )
            body.append(_text(left + length + 3, y + POSITION_BAR - 1.5, [str(value)], 8, font_weight="bold"))
    return _svg(width, top + len(chart.steps) * POSITION_ROW + 2, body)


def _wrap_at_spaces(text: str, width: int) -> list[str]:
    """As `wrap`, but broken at ordinary spaces only: a no-break space (U+202F before « : ») is kept."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]
