"""Typed results of the scoring engine, and their JSON form (docs/command-line.md, « The JSON »).

Figures are kept at full precision; only :meth:`ScoreReport.to_json` rounds them. ``None`` means *null* in the
sense of docs/scoring-method.md (no score, fewer than 2 answers, ...), never NaN.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from scoring.model import DEFAULT_LANGUAGE, Citation, text_in
from scoring.rounding import round_half_up

Band = Literal["priority", "watch", "strength"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OverallScore(_Frozen):
    score: float | None
    band: Band | None


class DimensionStats(_Frozen):
    """Step 4 and 8: the respondents' dimension scores summarised; ``q1``/``q3`` serve the dashboard only."""

    id: str
    score: float | None
    band: Band | None
    n: int
    median: float | None
    sd: float | None
    min: float | None
    max: float | None
    q1: float | None
    q3: float | None
    consensus: float | None


class ItemStats(_Frozen):
    """Step 7. ``band``, ``distribution`` (raw scale value -> count) and ``n_unanswered`` serve the app only."""

    id: str
    dimension: str
    n: int
    mean: float | None
    consensus: float | None
    dissensus: bool
    band: Band | None
    distribution: dict[int, int]
    n_unanswered: int


class RecommendationOut(_Frozen):
    """Step 10: one recommendation, with its text in every language of the questionnaire.

    ``source`` holds the citations (``scoring.bibliography.source_text`` makes them readable, as the JSON does);
    ``actor``, who usually acts on it, serves the screens and reports, not the JSON of DESIGN.md.
    """

    dimension: str
    item: str | None
    band: Band
    text: dict[str, str]
    source: list[Citation] | None
    actor: list[str] | None = None
    first: bool = False  # the item's ``first``: shown before the others of its band


class GroupReport(_Frozen):
    """Step 9: a suppressed group has its size only."""

    n_respondents: int
    suppressed: bool
    overall: OverallScore | None = None
    dimensions: list[DimensionStats] | None = None
    items: list[ItemStats] | None = None


class BaselineDimension(_Frozen):
    id: str
    score: float | None
    band: Band | None
    n: int


class BaselineItem(_Frozen):
    id: str
    n: int
    mean: float | None


class BaselineReport(_Frozen):
    """Step 11: the earlier wave, scored with steps 1 to 8 by the same questionnaire."""

    n_respondents: int
    overall: OverallScore
    dimensions: list[BaselineDimension]
    items: list[BaselineItem]


class IdDelta(_Frozen):
    id: str
    delta: float | None


class Delta(_Frozen):
    """Step 11: score now − score then, at full precision; None when either is None."""

    overall: float | None
    dimensions: list[IdDelta]
    items: list[IdDelta]


class BalancedDimension(_Frozen):
    id: str
    score: float | None
    band: Band | None


class BalancedReport(_Frozen):
    """Step 12: each value of the profile field ``by`` (with at least ``min_group_size`` people) counts once."""

    by: str
    groups: list[str]
    left_out: int
    overall: OverallScore
    dimensions: list[BalancedDimension]


class ScoreReport(_Frozen):
    """Everything :func:`scoring.engine.score_responses` computes for one set of responses."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    questionnaire_id: str
    version: str
    language: str = DEFAULT_LANGUAGE  # the questionnaire's default language: the fallback for texts
    n_respondents: int
    overall: OverallScore
    dimensions: list[DimensionStats]
    items: list[ItemStats]
    recommendations: list[RecommendationOut]
    group_by: str | None = None
    groups: dict[str, dict[str, GroupReport]] = Field(default_factory=dict)
    # Steps 11 and 12, when asked for (``score --baseline``, ``--balance``).
    baseline: BaselineReport | None = None
    delta: Delta | None = None
    balanced: BalancedReport | None = None
    # One row per respondent, same index as the scored frame: ``respondent`` (when the frame had it), ``overall``
    # and one column per dimension id; NaN = null. Lets the app show a participant their own scores; never exported.
    respondents: pd.DataFrame = Field(default_factory=pd.DataFrame, exclude=True, repr=False)

    def __eq__(self, other: object) -> bool:
        # pydantic compares fields with ==, which a DataFrame answers element-wise.
        if not isinstance(other, ScoreReport):
            return NotImplemented
        return self.model_dump() == other.model_dump() and self.respondents.equals(other.respondents)

    __hash__ = None  # type: ignore[assignment]  # holds lists and a DataFrame

    def dimension(self, dimension_id: str) -> DimensionStats:
        return next(stats for stats in self.dimensions if stats.id == dimension_id)

    def item(self, item_id: str) -> ItemStats:
        return next(stats for stats in self.items if stats.id == item_id)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON of docs/command-line.md, keys in its order, texts in ``lang`` (default: the questionnaire's)."""
        from scoring.bibliography import source_text

        lang = lang or self.language
        document: dict[str, Any] = {
            "questionnaire": {"id": self.questionnaire_id, "version": self.version},
            "n_respondents": self.n_respondents,
            **_aggregates_json(self.overall, self.dimensions, self.items),
            "recommendations": [
                {
                    "dimension": rec.dimension,
                    "item": rec.item,
                    "band": rec.band,
                    "text": text_in(rec.text, lang, self.language),
                    "source": source_text(rec.source, lang),
                }
                for rec in self.recommendations
            ],
        }
        if self.group_by is not None:
            document["groups"] = {
                field: {value: _group_json(group) for value, group in groups.items()}
                for field, groups in self.groups.items()
            }
        if self.baseline is not None and self.delta is not None:
            document["baseline"] = _baseline_json(self.baseline)
            document["delta"] = _delta_json(self.delta)
        if self.balanced is not None:
            document["balanced"] = _balanced_json(self.balanced)
        return document


def _group_json(group: GroupReport) -> dict[str, Any]:
    # docs/command-line.md: only a suppressed group carries the "suppressed" key.
    if group.suppressed:
        return {"n_respondents": group.n_respondents, "suppressed": True}
    assert group.overall is not None and group.dimensions is not None and group.items is not None
    return {"n_respondents": group.n_respondents, **_aggregates_json(group.overall, group.dimensions, group.items)}


def _aggregates_json(overall: OverallScore, dimensions: list[DimensionStats], items: list[ItemStats]) -> dict[str, Any]:
    return {
        "overall": _overall_json(overall),
        "dimensions": [
            {
                "id": stats.id,
                "score": round_half_up(stats.score, 1),
                "band": stats.band,
                "n": stats.n,
                "median": round_half_up(stats.median, 1),
                "sd": round_half_up(stats.sd, 1),
                "min": round_half_up(stats.min, 1),
                "max": round_half_up(stats.max, 1),
                "consensus": round_half_up(stats.consensus, 3),
            }
            for stats in dimensions
        ],
        "items": [
            {
                "id": stats.id,
                "dimension": stats.dimension,
                "n": stats.n,
                "mean": round_half_up(stats.mean, 1),
                "consensus": round_half_up(stats.consensus, 3),
                "dissensus": stats.dissensus,
            }
            for stats in items
        ],
    }


def _overall_json(overall: OverallScore) -> dict[str, Any]:
    return {"score": round_half_up(overall.score, 1), "band": overall.band}


def _baseline_json(baseline: BaselineReport) -> dict[str, Any]:
    return {
        "n_respondents": baseline.n_respondents,
        "overall": _overall_json(baseline.overall),
        "dimensions": [
            {"id": d.id, "score": round_half_up(d.score, 1), "band": d.band, "n": d.n} for d in baseline.dimensions
        ],
        "items": [{"id": i.id, "n": i.n, "mean": round_half_up(i.mean, 1)} for i in baseline.items],
    }


def _delta_json(delta: Delta) -> dict[str, Any]:
    return {
        "overall": round_half_up(delta.overall, 1),
        "dimensions": [{"id": d.id, "delta": round_half_up(d.delta, 1)} for d in delta.dimensions],
        "items": [{"id": i.id, "delta": round_half_up(i.delta, 1)} for i in delta.items],
    }


def _balanced_json(balanced: BalancedReport) -> dict[str, Any]:
    return {
        "by": balanced.by,
        "groups": list(balanced.groups),
        "left_out": balanced.left_out,
        "overall": _overall_json(balanced.overall),
        "dimensions": [{"id": d.id, "score": round_half_up(d.score, 1), "band": d.band} for d in balanced.dimensions],
    }
