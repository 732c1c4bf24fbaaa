"""Every chart of the product, built once here and used by the pages and the exported reports alike."""

from __future__ import annotations

import html
from typing import Literal

import plotly.graph_objects as go

from i18n import translate
from reports.bands import BAND_COLOURS, LINE_COLOUR, SPREAD_COLOUR, band_colour, band_label
from scoring.model import Questionnaire, text_in
from scoring.results import ScoreReport
from scoring.rounding import format_number

Spread = Literal["iqr", "range"] | None
# Streamlit's own web font, so that charts read like the rest of the page; dark grey for contrast on projectors.
FONT = {"family": "Source Sans, Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#262730"}
# Long labels are wrapped so that a chart also fits a 390 px phone screen.
AXIS_LABEL_WIDTH = 14
ITEM_LABEL_WIDTH = 48


def _safe(text: str) -> str:
    # Plotly reads a few HTML tags in labels; questionnaire texts may come from an upload, so escape them.
    return html.escape(text, quote=False)


def _fmt(value: float | None, lang: str) -> str:
    return format_number(value, lang, 1, missing=translate("results.insufficient", lang))


def radar_figure(
    questionnaire: Questionnaire,
    report: ScoreReport,
    lang: str,
    *,
    spread: Spread = None,
    height: int = 460,
    large: bool = False,
) -> go.Figure:
    """One axis per dimension from 0 to 100, the bands as shaded rings, the group's scores as a closed line."""
    labels = [_safe(text_in(d.label, lang)) for d in questionnaire.dimensions]
    stats = {d.id: d for d in report.dimensions}
    scores = [stats[d.id].score if d.id in stats else None for d in questionnaire.dimensions]
    axis = [
        _wrap(label, AXIS_LABEL_WIDTH)
        if score is not None
        else f"{_wrap(label, AXIS_LABEL_WIDTH)}<br><i>{translate('results.insufficient', lang)}</i>"
        for label, score in zip(labels, scores, strict=True)
    ]
    figure = go.Figure()
    _add_band_rings(figure, questionnaire, axis, lang)
    if spread and report.n_respondents > 1:
        _add_spread(figure, questionnaire, report, axis, spread, lang)
    hover = [
        f"<b>{label}</b><br>{translate('results.score_is', lang)} {_fmt(score, lang)}"
        f"<br>{band_label(stats[d.id].band if d.id in stats else None, lang)}"
        for label, score, d in zip(labels, scores, questionnaire.dimensions, strict=True)
    ]
    closed = scores + scores[:1]
    # The line is closed by repeating the first point; its marker colour must be repeated too.
    colours = [band_colour(stats[d.id].band if d.id in stats else None) for d in questionnaire.dimensions]
    figure.add_trace(
        go.Scatterpolar(
            r=closed,
            theta=axis + axis[:1],
            # On a projector, the scores are written by their points: nobody can hover a projected chart.
            mode="lines+markers+text" if large else "lines+markers",
            text=[_fmt(score, lang) if score is not None else "" for score in closed] if large else None,
            textposition="top right",
            textfont={"size": 22, "color": LINE_COLOUR},
            fill="toself",
            fillcolor="rgba(0, 114, 178, 0.18)",
            line={"color": LINE_COLOUR, "width": 3},
            marker={"size": 11, "color": colours + colours[:1], "line": {"color": "white", "width": 1.5}},
            name=translate("results.score", lang),
            hovertext=hover + hover[:1],
            hoverinfo="text",
            connectgaps=False,
        )
    )
    figure.update_layout(
        polar={
            # Radial ticks between the first two axes, where they cross no dimension label.
            # Room on both sides for a one-word label such as « Communication »: on a 390 px phone, and in the
            # large type of a projector at 1366 px, where the radar has 3/5 of the width.
            "domain": {"x": [0.2, 0.8] if large else [0.24, 0.76], "y": [0, 1]},
            "radialaxis": {
                "range": [0, 100],
                "tickvals": [questionnaire.bands.watch, questionnaire.bands.strength, 100],
                "angle": 90 - 180 / len(axis),
                "tickangle": 0,
                "tickfont": {"size": 12, "color": "#555"},
                "gridcolor": "#ccc",
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90, "tickfont": {"size": 20 if large else 13}},
            "bgcolor": "white",
        },
        showlegend=False,
        margin={"l": 45, "r": 45, "t": 80, "b": 80} if large else {"l": 45, "r": 45, "t": 40, "b": 40},
        height=height,
        font=FONT,
        paper_bgcolor="white",
    )
    return figure


def _add_band_rings(figure: go.Figure, questionnaire: Questionnaire, axis: list[str], lang: str) -> None:
    # Full-circle bars from base to band limit: rings that tell at a glance which band a point falls into.
    limits = [
        (0, questionnaire.bands.watch, "priority"),
        (questionnaire.bands.watch, questionnaire.bands.strength, "watch"),
        (questionnaire.bands.strength, 100, "strength"),
    ]
    width = 360 / len(axis)
    for low, high, band in limits:
        figure.add_trace(
            go.Barpolar(
                r=[high - low] * len(axis),
                base=[low] * len(axis),
                theta=axis,
                width=[width] * len(axis),
                marker={"color": BAND_COLOURS[band], "line": {"width": 0}},
                opacity=0.13,
                name=band_label(band, lang),
                hoverinfo="skip",
            )
        )


def _add_spread(
    figure: go.Figure, questionnaire: Questionnaire, report: ScoreReport, axis: list[str], spread: Spread, lang: str
) -> None:
    stats = {d.id: d for d in report.dimensions}
    low_attr, high_attr = ("q1", "q3") if spread == "iqr" else ("min", "max")
    lows, highs, names = [], [], []
    for dimension, name in zip(questionnaire.dimensions, axis, strict=True):
        stat = stats.get(dimension.id)
        low = getattr(stat, low_attr, None) if stat else None
        high = getattr(stat, high_attr, None) if stat else None
        if low is None or high is None:
            continue
        lows.append(low)
        highs.append(high)
        names.append(name)
    if len(names) < 3:
        return
    # Outer edge one way and inner edge back the other way: one polygon drawn as a ring.
    figure.add_trace(
        go.Scatterpolar(
            r=highs + highs[:1] + lows[:1] + lows[::-1],
            theta=names + names[:1] + names[:1] + names[::-1],
            mode="lines",
            fill="toself",
            fillcolor=SPREAD_COLOUR,
            line={"width": 0},
            name=translate(f"figures.spread_{spread}", lang),
            hoverinfo="skip",
        )
    )


def item_bars_figure(questionnaire: Questionnaire, report: ScoreReport, lang: str) -> go.Figure:
    """Items from the weakest, each bar coloured and labelled by its band, its statement written above it (so
    that it fits a phone); unanswered items are left out."""
    scored = sorted((s for s in report.items if s.mean is not None), key=lambda s: s.mean)
    texts = {item.id: _safe(text_in(item.text, lang)) for item in questionnaire.items}
    dims = {item.id: _safe(text_in(questionnaire.dimension_of(item.id).label, lang)) for item in questionnaire.items}
    wrapped = [_wrap(texts[s.id], ITEM_LABEL_WIDTH) for s in scored]
    # Each statement takes a slot as tall as its wrapped text plus the bar.
    slots = [label.count("<br>") + 1 for label in wrapped]
    positions, top = [], 0.0
    for lines in slots:
        top += 0.55 * lines + 0.5
        positions.append(top)
        top += 0.45
    figure = go.Figure(
        go.Bar(
            x=[s.mean for s in scored],
            y=positions,
            width=0.6,
            orientation="h",
            marker={"color": [band_colour(s.band) for s in scored]},
            hovertext=[
                f"{dims[s.id]}<br>{texts[s.id]}<br>{translate('results.score_is', lang)} {_fmt(s.mean, lang)}"
                for s in scored
            ],
            hoverinfo="text",
        )
    )
    for stats, label, y in zip(scored, wrapped, positions, strict=True):
        figure.add_annotation(
            x=0,
            y=y - 0.35,
            text=label,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font={"size": 13},
            xref="x",
            yref="y",
        )
        # The value goes inside a long bar, after a short one (a score of 0 has no bar at all).
        inside = (stats.mean or 0) >= 55
        figure.add_annotation(
            x=(stats.mean or 0) - 1 if inside else (stats.mean or 0) + 1,
            y=y,
            text=f"{_fmt(stats.mean, lang)} · {band_label(stats.band, lang)}",
            showarrow=False,
            xanchor="right" if inside else "left",
            font={"size": 13, "color": "white" if inside else "#262730"},
            xref="x",
            yref="y",
        )
    figure.add_vline(x=questionnaire.bands.watch, line_dash="dot", line_color=BAND_COLOURS["priority"])
    figure.add_vline(x=questionnaire.bands.strength, line_dash="dot", line_color=BAND_COLOURS["strength"])
    figure.update_layout(
        xaxis={"range": [0, 100], "title": translate("results.score", lang), "fixedrange": True},
        yaxis={"autorange": "reversed", "visible": False, "range": [top, 0], "fixedrange": True},
        height=max(220, int(34 * top) + 70),
        margin={"l": 8, "r": 8, "t": 10, "b": 45},
        font=FONT,
        showlegend=False,
        paper_bgcolor="white",
        plot_bgcolor="white",
        bargap=0,
    )
    return figure


def distribution_figure(questionnaire: Questionnaire, distribution: dict[int, int], lang: str) -> go.Figure:
    """How many people gave each answer to one item: the shape of an agreement or of a disagreement."""
    values = questionnaire.scale.values
    labels = [_safe(text_in(questionnaire.scale.labels.get(v), lang)) or str(v) for v in values]
    counts = [distribution.get(v, 0) for v in values]
    figure = go.Figure(
        go.Bar(
            x=[f"{v}" for v in values],
            y=counts,
            marker={"color": LINE_COLOUR},
            hovertext=[f"{v} · {label} : {count}" for v, label, count in zip(values, labels, counts, strict=True)],
            hoverinfo="text",
            text=counts,
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
