"""Comparing the groups of a breakdown (organisations, roles) from a `SharedReport`, and step 12's balanced score.

Nothing here reads a response: every number is derived from the figures the shared report shows (a group's
dimension score, a statement's mean and consensus, its people count), so a comparison tells no more than the
breakdown it is drawn from, which the publication rule already protects (suppression, the complementary one, and
figures that move only by ``min_group_size`` people). A group whose figure is not shown takes no part in it.

- **Gaps**: for a dimension or a statement, the highest shown group figure minus the lowest (two groups at least).
  Listed largest first; figures with no gap last, in the questionnaire's order.
- **Where people differ** (for a statement two groups at least show): ``between`` when two groups' means are at
  least one step of the scale apart (the organisations see it differently); ``within`` when they are not, but the
  room or one of the groups is in dissensus (step 7): people differ inside the groups, whatever their organisation.
- **Balanced** (step 12 of DESIGN.md): each group counts once. A balanced dimension score is the mean of the
  groups' shown dimension scores (a shown score has ``min_group_size`` contributors at least); the balanced overall
  is the weighted mean (dimension weights) of the non-null balanced dimension scores. Instead of step 12's count
  of people left out, the groups left out are named: a count would give back the size of a group the breakdown
  hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from scoring.engine import NOISE, band_of
from scoring.model import Questionnaire
from scoring.privacy.report import FigureStatus, SharedGroup, SharedReport
from scoring.results import Band, OverallScore

Divide = Literal["between", "within"]
_Row = TypeVar("_Row", "DimensionGap", "ItemGap")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ComparedGroup(_Frozen):
    """A value of the breakdown field: its people count when shown, and whether it takes part."""

    value: str
    status: FigureStatus
    people: int | None
    compared: bool  # at least one of its dimension scores or statement means is shown


class GroupFigure(_Frozen):
    value: str
    figure: float | None  # the group's shown dimension score or statement mean; None when not shown


class DimensionGap(_Frozen):
    id: str
    figures: list[GroupFigure]  # one per group of the field, in the field's order
    gap: float | None  # highest − lowest shown figure; None with fewer than two
    highest: str | None  # the group of the highest figure (the first in the field's order on a tie)
    lowest: str | None


class ItemGap(_Frozen):
    id: str
    dimension: str
    figures: list[GroupFigure]
    gap: float | None
    highest: str | None
    lowest: str | None
    divide: Divide | None
    dissensus_in: list[str]  # the groups in dissensus on it


class BalancedDimension(_Frozen):
    id: str
    score: float | None
    band: Band | None
    groups: list[str]  # the groups whose score it is the mean of, in the field's order


class Balanced(_Frozen):
    """Step 12 from the shown group scores."""

    by: str
    groups: list[str]  # groups counted in at least one dimension, in the field's order
    left_out: list[str]  # the field's other groups: too few people, or not shown yet
    overall: OverallScore
    dimensions: list[BalancedDimension]

    def dimension(self, dimension_id: str) -> BalancedDimension:
        return next(d for d in self.dimensions if d.id == dimension_id)


class Comparison(_Frozen):
    field: str
    groups: list[ComparedGroup]
    dimensions: list[DimensionGap]  # largest gap first
    items: list[ItemGap]  # largest gap first
    balanced: Balanced

    @property
    def compared(self) -> list[ComparedGroup]:
        return [g for g in self.groups if g.compared]

    @property
    def comparable(self) -> bool:
        """Two groups at least have something shown: otherwise there is nothing to compare."""
        return len(self.compared) >= 2

    def dimension(self, dimension_id: str) -> DimensionGap:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def item(self, item_id: str) -> ItemGap:
        return next(i for i in self.items if i.id == item_id)

    def divided(self, divide: Divide) -> list[ItemGap]:
        return [i for i in self.items if i.divide == divide]


def compare(questionnaire: Questionnaire, report: SharedReport, field: str) -> Comparison | None:
    """The comparison of the groups of ``field`` (a breakdown of the report); None if the report has no such one."""
    if field not in report.breakdowns:
        return None
    groups = report.groups(field)
    scale = questionnaire.scale
    step = 100.0 / (scale.max - scale.min)  # one step of the scale, in item values
    dimensions = [
        _dimension_gap(dimension.id, [(g.value, g.dimension(dimension.id).score) for g in groups])
        for dimension in questionnaire.dimensions
    ]
    items = []
    for item in questionnaire.items:
        shown = [(g, _item(g, item.id)) for g in groups]
        figures = [(g.value, i.mean if i is not None else None) for g, i in shown]
        gap, highest, lowest = _spread(figures)
        dissensus_in = [g.value for g, i in shown if i is not None and i.dissensus]
        room = next((i for i in report.items if i.id == item.id), None)
        divide: Divide | None = None
        if gap is not None and gap >= step - NOISE:
            divide = "between"
        elif gap is not None and (dissensus_in or (room is not None and room.dissensus)):
            divide = "within"
        items.append(
            ItemGap(
                id=item.id,
                dimension=questionnaire.dimension_of(item.id).id,
                figures=[GroupFigure(value=v, figure=f) for v, f in figures],
                gap=gap,
                highest=highest,
                lowest=lowest,
                divide=divide,
                dissensus_in=dissensus_in,
            )
        )
    compared_groups = [
        ComparedGroup(
            value=g.value,
            status=g.status,
            people=g.people,
            compared=any(d.score is not None for d in g.dimensions) or any(i.mean is not None for i in g.items),
        )
        for g in groups
    ]
    return Comparison(
        field=field,
        groups=compared_groups,
        dimensions=_largest_first(dimensions),
        items=_largest_first(items),
        balanced=balance(questionnaire, groups, field),
    )


def balance(questionnaire: Questionnaire, groups: Sequence[SharedGroup], field: str) -> Balanced:
    """Step 12 over the shown group dimension scores: each group counts once, whatever its size."""
    bands = questionnaire.bands
    dimensions = []
    for dimension in questionnaire.dimensions:
        scored = [(g.value, g.dimension(dimension.id).score) for g in groups]
        counted = [(v, s) for v, s in scored if s is not None]
        score = sum(s for _, s in counted) / len(counted) if counted else None
        dimensions.append(
            BalancedDimension(id=dimension.id, score=score, band=band_of(score, bands), groups=[v for v, _ in counted])
        )
    weights = {d.id: d.weight for d in questionnaire.dimensions}
    weighted = [(weights[d.id], d.score) for d in dimensions if d.score is not None]
    total = sum(w for w, _ in weighted)
    overall = sum(w * s for w, s in weighted) / total if weighted else None
    used = {v for d in dimensions for v in d.groups}
    return Balanced(
        by=field,
        groups=[g.value for g in groups if g.value in used],
        left_out=[g.value for g in groups if g.value not in used],
        overall=OverallScore(score=overall, band=band_of(overall, bands)),
        dimensions=dimensions,
    )


def _item(group: SharedGroup, item_id: str):
    return next((i for i in group.items if i.id == item_id and i.status == "shown"), None)


def _spread(figures: Sequence[tuple[str, float | None]]) -> tuple[float | None, str | None, str | None]:
    shown = [(v, f) for v, f in figures if f is not None]
    if len(shown) < 2:
        return None, None, None
    highest = max(shown, key=lambda vf: vf[1])  # max/min keep the first of equals: the field's order
    lowest = min(shown, key=lambda vf: vf[1])
    return highest[1] - lowest[1], highest[0], lowest[0]


def _dimension_gap(dimension_id: str, figures: Sequence[tuple[str, float | None]]) -> DimensionGap:
    gap, highest, lowest = _spread(figures)
    return DimensionGap(
        id=dimension_id,
        figures=[GroupFigure(value=v, figure=f) for v, f in figures],
        gap=gap,
        highest=highest,
        lowest=lowest,
    )


def _largest_first(rows: list[_Row]) -> list[_Row]:
    # sorted() is stable: equal gaps, and the rows without one (last), keep the questionnaire's order.
    return sorted(rows, key=lambda r: (r.gap is None, -(r.gap or 0.0)))
