"""The charts of ``reports.charts`` drawn as SVG, for the PDF: vectors that print sharp at any size, written
here without a browser (Plotly's image export needs Chrome through kaleido, which the app must not need).

Paper cannot be hovered, so every score is written by its point or bar. Units are PDF points (1/72 in); a text
from a questionnaire is XML-escaped, never markup.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from reports.bands import LINE_COLOUR
from reports.charts import Bar, BarChart, RadarChart

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

    body = []
    for zone in reversed(chart.zones):  # the outer ring first, each inner one over it
        body.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius * zone.high / 100:.1f}" '
            f'fill="{_tint(zone.colour, ZONE_OPACITY)}"/>'
        )
    for tick in chart.ticks:
        body.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius * tick / 100:.1f}" fill="none" '
            f'stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    for k in range(n):
        x, y = point(k, 100)
        body.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID_COLOUR}" stroke-width="0.6"/>'
        )
    # Tick values between the first two spokes, where no label is.
    for tick in chart.ticks:
        angle = math.pi / n
        tx = cx + radius * tick / 100 * math.sin(angle) + 2
        ty = cy - radius * tick / 100 * math.cos(angle)
        body.append(_text(tx, ty, [f"{tick:g}"], 7, fill="#555555"))
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
    for k, axis in enumerate(chart.axes):
        angle = 2 * math.pi * k / n
        lx = cx + (radius + 10) * math.sin(angle)
        ly = cy - (radius + 10) * math.cos(angle)
        anchor = "middle" if abs(math.sin(angle)) < 0.2 else ("start" if math.sin(angle) > 0 else "end")
        lines = wrap(axis.label, 16)
        if axis.score is None:
            lines.append(f"({chart.insufficient})")
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
    return _svg(size, size, body)


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
