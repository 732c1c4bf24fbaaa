"""What each chart shows, decided once: the screen's Plotly figures (``reports.figures``) and the PDF's vector
drawings (``reports.svg``) are two renderers of these descriptions and decide nothing of their own.

A description holds final texts (in the report's language, figures formatted as the JSON rounds them) and plain
numbers; it knows nothing of Plotly, SVG or pixels. A new chart is a new description here plus its renderers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from i18n import translate
from reports.bands import BAND_COLOURS, band_colour, band_label
from scoring.model import Questionnaire, text_in
from scoring.results import ScoreReport
from scoring.rounding import format_number

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


def radar_chart(questionnaire: Questionnaire, report: ScoreReport, lang: str, *, spread: Spread = None) -> RadarChart:
    """One axis per dimension from 0 to 100, the bands as rings, the group's scores as a closed line; with
    ``spread``, the band between each dimension's q1 and q3 (``iqr``) or min and max (``range``)."""
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


def item_bars_chart(questionnaire: Questionnaire, report: ScoreReport, lang: str) -> BarChart:
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
