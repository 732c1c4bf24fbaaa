"""Step 10 of docs/scoring-method.md: which recommendations to give, in which order; and which of them a screen
shows first."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scoring.model import Questionnaire
from scoring.results import DimensionStats, ItemStats, RecommendationOut, ScoreReport

# Same tolerance as the engine's bands: two scores equal by hand are a tie even if floating point differs.
_TIE_DIGITS = 9


def build_recommendations(
    questionnaire: Questionnaire, dimensions: list[DimensionStats], items: list[ItemStats]
) -> list[RecommendationOut]:
    """Dimensions' recommendations by band, lowest score first; then items' whose mean is in ``priority``.

    ``dimensions`` and ``items`` are in questionnaire order; Python's sort is stable, so ties keep that order.
    """
    out: list[RecommendationOut] = []
    by_id = {dimension.id: dimension for dimension in questionnaire.dimensions}
    for stats in sorted(dimensions, key=lambda s: _tie_key(s.score)):
        if stats.band is None:  # no score, no band: nothing to recommend
            continue
        for recommendation in by_id[stats.id].recommendations.for_band(stats.band):
            out.append(
                RecommendationOut(
                    dimension=stats.id,
                    item=None,
                    band=stats.band,
                    text=recommendation.text,
                    source=recommendation.source,
                    actor=recommendation.actor,
                )
            )

    items_by_id = {item.id: item for item in questionnaire.items}
    # "mean < bands.watch" is exactly the item's band being priority (with the bands' tolerance for float noise).
    for stats in sorted(items, key=lambda s: _tie_key(s.mean)):
        recommendation = items_by_id[stats.id].recommendation
        if stats.band == "priority" and recommendation:
            out.append(
                RecommendationOut(
                    dimension=stats.dimension,
                    item=stats.id,
                    band="priority",
                    text=recommendation,
                    source=items_by_id[stats.id].source,
                    actor=items_by_id[stats.id].actor,
                    first=items_by_id[stats.id].first,
                )
            )
    return out


def _tie_key(score: float | None) -> float:
    # Rounded so that two scores equal by hand tie even when floating point differs; None sorts anywhere (skipped).
    return 0.0 if score is None else round(score, _TIE_DIGITS)


# What a screen shows first (issue 12): a struggling group had 37 « prioritaire » recommendations on one screen.
SHOWN_AT_MOST = 5
SHOWN_AT_LEAST = 3
# No more than this many from one dimension among those shown first, while others wait.
SHOWN_PER_DIMENSION = 2
_BAND_RANK = {"priority": 0, "watch": 1, "strength": 2}


@dataclass(frozen=True)
class RecommendationSelection:
    """The recommendations a screen shows first, and the rest (folded); together, the report's whole list."""

    first: list[RecommendationOut]
    rest: list[RecommendationOut]


def select_recommendations(
    questionnaire: Questionnaire,
    report: ScoreReport,
    *,
    at_most: int = SHOWN_AT_MOST,
    at_least: int = SHOWN_AT_LEAST,
    per_dimension: int = SHOWN_PER_DIMENSION,
) -> RecommendationSelection:
    """The 3 to 5 recommendations that matter most, then the others; the JSON keeps step 10's whole list.

    Most urgent band first; within a band, those of a statement marked ``first`` (the type of relationship: it
    changes how the others read), then those on a disputed statement or dimension (the group disagrees: the
    discussion starts there), then the lowest mean or score, then step 10's order. At most ``per_dimension`` of
    one dimension are shown first unless fewer than ``at_least`` would be shown otherwise.
    """
    ranked = sorted(enumerate(report.recommendations), key=lambda pair: _rank(questionnaire, report, pair[1], pair[0]))
    first: list[int] = []
    per: dict[str, int] = {}
    for index, recommendation in ranked:
        if len(first) == at_most:
            break
        if per.get(recommendation.dimension, 0) < per_dimension:
            first.append(index)
            per[recommendation.dimension] = per.get(recommendation.dimension, 0) + 1
    for index, _ in ranked:  # too few, because one dimension holds them all: fill up to at_least
        if len(first) >= min(at_least, at_most):
            break
        if index not in first:
            first.append(index)
    chosen = set(first)
    first.sort(key=[index for index, _ in ranked].index)
    return RecommendationSelection(
        first=[report.recommendations[index] for index in first],
        rest=[recommendation for index, recommendation in ranked if index not in chosen],
    )


def _rank(
    questionnaire: Questionnaire, report: ScoreReport, recommendation: RecommendationOut, position: int
) -> tuple[int, bool, bool, float, int]:
    if recommendation.item is not None:
        stats = next((s for s in report.items if s.id == recommendation.item), None)
        disputed = bool(stats and stats.dissensus)
        value = stats.mean if stats else None
    else:
        dimension = next((d for d in report.dimensions if d.id == recommendation.dimension), None)
        consensus = dimension.consensus if dimension else None
        disputed = consensus is not None and consensus < questionnaire.consensus_threshold
        value = dimension.score if dimension else None
    return (
        _BAND_RANK[recommendation.band],
        not recommendation.first,
        not disputed,
        math.inf if value is None else round(value, _TIE_DIGITS),
        position,
    )
