"""Before and after (step 11 of DESIGN.md) between two `SharedReport`s: a workshop and the earlier one it names as
its baseline. Every number is the difference of two shown figures, each protected in its own workshop; a figure
that either wave does not show has no change.

When the questionnaire changed between the waves, only statements with the same id and the same text (in the
later questionnaire's language) are compared; the others are listed. A dimension is compared only when its
statements are all compared and none was added or removed (its score would not measure the same thing); the
overall score only when every dimension is.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from scoring.model import Questionnaire, text_in
from scoring.privacy.report import SharedReport
from scoring.results import Band
from scoring.rounding import round_half_up

Direction = Literal["up", "down", "same"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Change(_Frozen):
    id: str  # "" for the overall score
    now: float | None
    then: float | None
    band_now: Band | None
    band_then: Band | None
    n_now: int | None
    n_then: int | None
    delta: float | None  # now − then, full precision; None when either is not shown or not comparable
    direction: Direction | None  # from the delta as the screens round it (1 decimal)


class Waves(_Frozen):
    n_now: int  # people counted in each wave's shown results
    n_then: int
    version_now: str
    version_then: str
    overall: Change
    dimensions: list[Change]  # the later questionnaire's dimensions, in its order
    items: list[Change]  # the statements compared, in the later questionnaire's order
    items_not_compared: list[str]  # ids of statements of either questionnaire not compared (new, gone, reworded)
    dimensions_not_compared: list[str]

    def dimension(self, dimension_id: str) -> Change:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def item(self, item_id: str) -> Change:
        return next(i for i in self.items if i.id == item_id)


def direction_of(delta: float | None) -> Direction | None:
    rounded = round_half_up(delta, 1)
    if rounded is None:
        return None
    return "up" if rounded > 0 else "down" if rounded < 0 else "same"


def _change(id_: str, now, then, *, comparable: bool) -> Change:
    score_now = getattr(now, "score", getattr(now, "mean", None)) if now is not None else None
    score_then = getattr(then, "score", getattr(then, "mean", None)) if then is not None else None
    delta = score_now - score_then if comparable and score_now is not None and score_then is not None else None
    return Change(
        id=id_,
        now=score_now,
        then=score_then if comparable else None,
        band_now=getattr(now, "band", None),
        band_then=getattr(then, "band", None) if comparable else None,
        n_now=getattr(now, "n", None),
        n_then=getattr(then, "n", None) if comparable else None,
        delta=delta,
        direction=direction_of(delta),
    )


def compare_waves(
    questionnaire_now: Questionnaire, now: SharedReport, questionnaire_then: Questionnaire, then: SharedReport
) -> Waves:
    lang = questionnaire_now.language
    before = {i.id: i for i in questionnaire_then.items}
    same = {
        item.id
        for item in questionnaire_now.items
        if item.id in before and text_in(item.text, lang) == text_in(before[item.id].text, lang)
    }
    ids_now = {i.id for i in questionnaire_now.items}
    not_compared = [i.id for i in questionnaire_now.items if i.id not in same]
    not_compared += [i.id for i in questionnaire_then.items if i.id not in ids_now]
    then_dimensions = {d.id: d for d in questionnaire_then.dimensions}
    comparable_dimensions = {
        d.id
        for d in questionnaire_now.dimensions
        if d.id in then_dimensions
        and [i.id for i in d.items] == [i.id for i in then_dimensions[d.id].items]
        and all(i.id in same for i in d.items)
    }
    shown_then_dims = {d.id: d for d in then.dimensions}
    shown_then_items = {i.id: i for i in then.items}
    dimensions = [
        _change(d.id, d, shown_then_dims.get(d.id), comparable=d.id in comparable_dimensions) for d in now.dimensions
    ]
    items = [_change(i.id, i, shown_then_items.get(i.id), comparable=True) for i in now.items if i.id in same]
    # The overall change only when every dimension is compared, and shown in both waves: an overall score over
    # other dimensions (one too few answers in a wave, so not shown) moved while no dimension did.
    shown_in_both = {c.id for c in dimensions if c.delta is not None} == {d.id for d in questionnaire_now.dimensions}
    all_dimensions = (
        len(comparable_dimensions) == len(questionnaire_now.dimensions)
        and len(questionnaire_then.dimensions) == len(questionnaire_now.dimensions)
        and shown_in_both
    )
    overall = _change("", now.overall, then.overall, comparable=all_dimensions)
    return Waves(
        n_now=now.counted,
        n_then=then.counted,
        version_now=questionnaire_now.version,
        version_then=questionnaire_then.version,
        overall=overall.model_copy(update={"n_now": now.counted, "n_then": then.counted if all_dimensions else None}),
        dimensions=dimensions,
        items=items,
        items_not_compared=not_compared,
        dimensions_not_compared=[d.id for d in questionnaire_now.dimensions if d.id not in comparable_dimensions],
    )
