"""« Me and the group »: one person's own results set beside their workshop's shared results, for that person only.

The group's side is the `SharedReport` only (a dimension score the group screens show, with its people count); the
own side is the engine's `ScoreReport` of the person's own answers, computed in their session and shown to them
alone: it never enters a shared figure, and nothing here is stored. A gap is the person's score minus the group's
shown score, for a dimension both have; a dimension the group does not show (too few people, or withheld) has no
group score and no gap, whatever the own score.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from scoring.model import Questionnaire
from scoring.privacy.report import FigureStatus, SharedReport
from scoring.results import Band, ScoreReport


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BesideDimension(_Frozen):
    id: str
    mine: float | None  # the person's own dimension score; None when they answered too little of it
    group: float | None  # the group's shown score; None when not shown
    group_status: FigureStatus
    group_n: int | None
    band_mine: Band | None
    band_group: Band | None
    gap: float | None  # mine − group; None unless both are there


class Beside(_Frozen):
    group_counted: int  # people counted in the group's shown results
    overall_mine: float | None
    overall_group: float | None
    overall_gap: float | None
    dimensions: list[BesideDimension]  # in the questionnaire's order

    def dimension(self, dimension_id: str) -> BesideDimension:
        return next(d for d in self.dimensions if d.id == dimension_id)


def _gap(mine: float | None, group: float | None) -> float | None:
    return mine - group if mine is not None and group is not None else None


def me_and_group(questionnaire: Questionnaire, mine: ScoreReport, group: SharedReport) -> Beside:
    """The person's scores beside the group's shown ones, and the gap per dimension (and overall)."""
    if not isinstance(group, SharedReport):
        raise TypeError(f"the group's side is a SharedReport only, not {type(group).__name__}")
    own = {d.id: d for d in mine.dimensions}
    shown = {d.id: d for d in group.dimensions}
    rows = []
    for dimension in questionnaire.dimensions:
        stat, shared = own.get(dimension.id), shown.get(dimension.id)
        score = stat.score if stat is not None else None
        group_score = shared.score if shared is not None and shared.status == "shown" else None
        rows.append(
            BesideDimension(
                id=dimension.id,
                mine=score,
                group=group_score,
                group_status=shared.status if shared is not None else "too_few",
                group_n=shared.n if group_score is not None and shared is not None else None,
                band_mine=stat.band if stat is not None else None,
                band_group=shared.band if group_score is not None and shared is not None else None,
                gap=_gap(score, group_score),
            )
        )
    # Each overall score is the weighted mean of the dimension scores it has: their gap is told only when both
    # have every dimension (else the two would not weigh the same dimensions).
    complete = all(row.gap is not None for row in rows)
    return Beside(
        group_counted=group.counted,
        overall_mine=mine.overall.score,
        overall_group=group.overall.score,
        overall_gap=_gap(mine.overall.score, group.overall.score) if complete else None,
        dimensions=rows,
    )
