"""`SharedReport`: what a screen shared by a group may show, and the only report group screens and exports accept.

Every figure in it comes from the contributor set of its latest recorded version (`scoring.privacy.plan`); every
other number is derived from those figures only: the overall score is the weighted mean of the shown dimension
scores, a dimension's consensus the mean of its shown statements' consensus, bands and recommendations follow
from shown scores and means. There is no minimum, maximum, median, quartile or standard deviation: each of those
is one person's score in a small group, or gives one away. A figure not shown says why in its ``status``:

- ``shown``: computed from its latest version (``n`` people);
- ``too_few``: fewer than ``min_group_size`` people have a value for it;
- ``withheld``: enough people, but showing it now would let someone work out one person's answer from the other
  figures (or from the previous screen), so it waits for more answers.

One's own results keep the engine's `scoring.results.ScoreReport`; this type is never built from one.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from scoring.results import Band, OverallScore, RecommendationOut

FigureStatus = Literal["shown", "too_few", "withheld"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SharedDimension(_Frozen):
    """A group dimension score (step 4's mean only) and its derived consensus."""

    id: str
    status: FigureStatus
    n: int | None  # people in the version shown; None when not shown
    score: float | None
    band: Band | None
    consensus: float | None  # derived: mean of the consensus of the dimension's shown statements (step 8)


class SharedItem(_Frozen):
    """A statement's distribution of answers, and what derives from it (step 7)."""

    id: str
    dimension: str
    status: FigureStatus
    n: int | None
    distribution: dict[int, int]  # raw scale value -> how many gave it; empty when not shown
    mean: float | None
    consensus: float | None
    dissensus: bool
    band: Band | None


class SharedPosition(_Frozen):
    """One moment (today, wished) of a position question: how many people chose each step. Nothing else: a mode,
    a median or a « gap » is derived from a shown distribution only (and none is computed here)."""

    id: str  # the position question's id
    moment: str  # "today" or "wished"
    status: FigureStatus
    n: int | None
    distribution: dict[str, int]  # step id -> how many chose it, every step in the continuum's order; {} if not shown


class SharedGroup(_Frozen):
    """One value of a breakdown field (a role, an organisation), listed whether or not anyone gave it."""

    field: str
    value: str
    status: FigureStatus  # shown if any of its figures is
    people: int | None  # people of the group counted, from its own version; None: fewer than min_group_size
    overall: OverallScore
    dimensions: list[SharedDimension]
    items: list[SharedItem]
    positions: list[SharedPosition] = []

    def dimension(self, dimension_id: str) -> SharedDimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def position(self, position_id: str, moment: str) -> SharedPosition:
        return next(p for p in self.positions if p.id == position_id and p.moment == moment)


class SharedReport(_Frozen):
    """The figures one workshop's shared screens may show, for the whole group and for every breakdown."""

    questionnaire_id: str
    version: str
    language: str
    min_group_size: int
    counted: int  # responses in the shown results (admitted); 0: nothing shown yet
    excluded_values: int  # stored values left out as invalid: for the facilitator's notice only
    overall: OverallScore
    dimensions: list[SharedDimension]
    items: list[SharedItem]
    recommendations: list[RecommendationOut]
    breakdowns: dict[str, list[SharedGroup]]  # field id -> its groups, in the field's order
    # Each moment of each position question, in the questionnaire's order (today before wished).
    positions: list[SharedPosition] = []

    @property
    def n_respondents(self) -> int:
        return self.counted

    @property
    def any_shown(self) -> bool:
        figures = (*self.dimensions, *self.items, *self.positions)
        return any(f.status == "shown" for f in figures)

    def dimension(self, dimension_id: str) -> SharedDimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def item(self, item_id: str) -> SharedItem:
        return next(i for i in self.items if i.id == item_id)

    def position(self, position_id: str, moment: str) -> SharedPosition:
        return next(p for p in self.positions if p.id == position_id and p.moment == moment)

    def groups(self, field_id: str) -> list[SharedGroup]:
        return list(self.breakdowns.get(field_id, []))
