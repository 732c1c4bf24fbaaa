"""Step 10 of docs/scoring-method.md: which recommendations to show, in which order."""

from __future__ import annotations

from scoring.model import Questionnaire
from scoring.results import DimensionStats, ItemStats, RecommendationOut

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
                )
            )
    return out


def _tie_key(score: float | None) -> float:
    # Rounded so that two scores equal by hand tie even when floating point differs; None sorts anywhere (skipped).
    return 0.0 if score is None else round(score, _TIE_DIGITS)
