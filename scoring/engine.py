"""docs/scoring-method.md, steps 1 to 12: the one function the app, the reports and the command line call.

Respondents are never looped over: answers are a respondents × items matrix and every step is a numpy operation on
it; the loops below run over dimensions, items' scale values or groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.asked_mask import drop_not_asked
from scoring.asking import ROLE_FIELD
from scoring.consensus import code_counts, consensus_from_counts
from scoring.frames import CODE_DTYPE, UNANSWERED, ResponseTable
from scoring.model import RESPONDENT_COLUMN, Bands, Questionnaire
from scoring.recommendations import build_recommendations
from scoring.responses_limits import MAX_GROUPS
from scoring.results import (
    BalancedDimension,
    BalancedReport,
    Band,
    BaselineDimension,
    BaselineItem,
    BaselineReport,
    Delta,
    DimensionStats,
    GroupReport,
    IdDelta,
    ItemStats,
    OverallScore,
    ScoreReport,
)

# Scores are computed in floating point: a score that is 75 by hand may come out as 74.99999999999999. Comparisons
# with a threshold (bands, coverage) and ties (recommendation order) ignore differences below this.
NOISE = 1e-9

# Rows scored at a time in step 2: 65,536 × 10 statements of floats is 5 MB, whatever the file's size.
_ROWS_PER_BLOCK = 65_536


class UnknownGroupField(ValueError):
    """``group_by`` names no profile field of the questionnaire, or no column of the responses."""

    def __init__(self, field: str, available: list[str], *, missing_column: bool = False) -> None:
        self.field = field
        self.available = available
        self.missing_column = missing_column
        where = "column of the responses" if missing_column else "profile field of the questionnaire"
        listed = ", ".join(available) or "none"
        super().__init__(f"cannot group by {field!r}: no such {where} (profile fields: {listed})")


class TooManyGroups(ValueError):
    """``group_by`` has more values than a breakdown may show (each is a full set of figures)."""

    def __init__(self, field: str, count: int, limit: int) -> None:
        self.field, self.count, self.limit = field, count, limit
        super().__init__(f"cannot group by {field!r}: {count} values, {limit} at most")


class InvalidResponses(ValueError):
    """A value that is not a whole number of the scale: the caller should have validated its input."""

    def __init__(self, message: str, *, baseline: bool = False) -> None:
        self.baseline = baseline  # found in the earlier wave of ``score_responses(..., baseline=...)``
        super().__init__(message)


@dataclass(frozen=True)
class _Layout:
    """The questionnaire flattened into arrays, items in questionnaire order (dimension by dimension)."""

    item_ids: list[str]
    item_dimension: list[str]
    item_weights: np.ndarray
    reverse: np.ndarray
    dimension_ids: list[str]
    dimension_weights: np.ndarray
    dimension_slices: list[slice]

    @classmethod
    def of(cls, questionnaire: Questionnaire) -> _Layout:
        slices, start = [], 0
        for dimension in questionnaire.dimensions:
            slices.append(slice(start, start + len(dimension.items)))
            start += len(dimension.items)
        items = questionnaire.items
        return cls(
            item_ids=[item.id for item in items],
            item_dimension=[d.id for d in questionnaire.dimensions for _ in d.items],
            item_weights=np.array([item.weight for item in items], dtype=np.float64),
            reverse=np.array([item.reverse for item in items], dtype=bool),
            dimension_ids=[d.id for d in questionnaire.dimensions],
            dimension_weights=np.array([d.weight for d in questionnaire.dimensions], dtype=np.float64),
            dimension_slices=slices,
        )


def score_responses(
    questionnaire: Questionnaire,
    responses: pd.DataFrame | ResponseTable,
    *,
    group_by: str | None = None,
    balance: str | None = None,
    baseline: pd.DataFrame | ResponseTable | None = None,
) -> ScoreReport:
    """Score a table of responses: one row per respondent.

    Columns: item ids holding raw scale values (NaN = unanswered, "N/A" included; a missing item column = nobody
    answered it), optionally ``respondent`` and profile field ids (strings). Other columns are ignored. A
    :class:`ResponseTable` (a response file as read) is scored without a DataFrame of floats.
    With ``group_by`` (a profile field id that is a column), statistics are also given per value of that column;
    rows whose value is empty belong to no group. With ``balance`` (a profile field), the balanced score of step 12;
    with ``baseline`` (an earlier wave's table, same columns), its scores and the change since (step 11).
    Raises UnknownGroupField, TooManyGroups (``group_by`` with more than MAX_GROUPS values) or InvalidResponses
    (with ``baseline=True`` when in the earlier wave).
    """
    layout = _Layout.of(questionnaire)
    group_keys = _group_keys(questionnaire, responses, group_by) if group_by is not None else None
    balance_keys = _group_keys(questionnaire, responses, balance) if balance is not None else None
    scale = questionnaire.scale
    codes = _answer_codes(responses, layout.item_ids, scale.min, scale.max)
    # A statement not asked of a respondent's role counts for nothing, whoever filled the row in.
    roles = responses[ROLE_FIELD] if ROLE_FIELD in responses.columns else None
    codes = drop_not_asked(questionnaire, codes, roles)
    # Steps 1 to 3: each respondent's dimension and overall scores.
    dimension_scores = _respondent_dimension_scores(codes, layout, scale.max - scale.min, questionnaire.min_coverage)
    overall_scores = _weighted_row_mean(dimension_scores, layout.dimension_weights)

    overall, dimensions, items = _aggregate(codes, dimension_scores, layout, questionnaire)
    groups: dict[str, dict[str, GroupReport]] = {}
    if group_by is not None and group_keys is not None:
        groups[group_by] = _groups(group_by, *group_keys, codes, dimension_scores, layout, questionnaire)
    balanced = None
    if balance is not None and balance_keys is not None:
        balanced = _balanced(balance, *balance_keys, dimension_scores, layout, questionnaire)

    report = ScoreReport(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        language=questionnaire.language,
        n_respondents=len(responses),
        overall=overall,
        dimensions=dimensions,
        items=items,
        recommendations=build_recommendations(questionnaire, dimensions, items),
        group_by=group_by,
        groups=groups,
        balanced=balanced,
        respondents=_respondents_frame(responses, overall_scores, dimension_scores, layout),
    )
    if baseline is None:
        return report
    try:
        then = score_responses(questionnaire, baseline)
    except InvalidResponses as error:
        raise InvalidResponses(str(error), baseline=True) from error
    return with_progress(report, then)


def band_of(score: float | None, bands: Bands) -> Band | None:
    """Step 6."""
    if score is None:
        return None
    if score < bands.watch - NOISE:
        return "priority"
    if score < bands.strength - NOISE:
        return "watch"
    return "strength"


def _answer_codes(
    responses: pd.DataFrame | ResponseTable, item_ids: list[str], scale_min: int, scale_max: int
) -> np.ndarray:
    """Respondents × items answer codes (answer − min, -1 = unanswered), column-major; a bad value raises."""
    if isinstance(responses, ResponseTable):
        return responses.codes  # checked by the reader, already in the questionnaire's order
    codes = np.full((len(responses), len(item_ids)), UNANSWERED, dtype=CODE_DTYPE, order="F")
    for position, item_id in enumerate(item_ids):
        if item_id not in responses.columns:
            continue
        try:
            raw = responses[item_id].to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError) as error:
            raise InvalidResponses(f"column {item_id!r} holds values that are not numbers") from error
        answered = ~np.isnan(raw)
        bad = answered & ((raw != np.floor(raw)) | (raw < scale_min) | (raw > scale_max))
        if bad.any():
            row = int(np.argmax(bad))
            raise InvalidResponses(
                f"{int(bad.sum())} value(s) of {item_id!r} are not whole numbers from {scale_min} to {scale_max}, "
                f"e.g. {raw[row]!r} at row position {row}"
            )
        codes[answered, position] = (raw[answered] - scale_min).astype(CODE_DTYPE)
    return codes


def _respondent_dimension_scores(codes: np.ndarray, layout: _Layout, width: int, min_coverage: float) -> np.ndarray:
    """Steps 1 and 2: respondents × dimensions, NaN where the respondent answered too few of the dimension's items.

    Each statement's weighted item values are looked up by answer code in a small table (a reverse statement's
    table runs backwards), block by block of rows, so that the floats never cost more than a few megabytes.
    """
    n = codes.shape[0]
    scores = np.full((n, len(layout.dimension_ids)), np.nan)
    # Step 1: 100 · (v − min) / (max − min) is 100 · code / width; a reverse item is 100 minus that.
    steps = np.arange(width + 1) * (100.0 / width)
    for column, items in enumerate(layout.dimension_slices):
        weights = layout.item_weights[items]
        count = weights.size
        # Column 0 of each table is the unanswered code (-1 + 1): worth nothing, weighing nothing.
        values = np.zeros((count, width + 2))
        values[:, 1:] = np.where(layout.reverse[items][:, None], 100.0 - steps, steps) * weights[:, None]
        weighing = np.zeros((count, width + 2))
        weighing[:, 1:] = weights[:, None]
        statements = np.arange(count)
        uniform = bool(np.all(weights == weights[0]))
        for start in range(0, n, _ROWS_PER_BLOCK):
            rows = slice(start, min(start + _ROWS_PER_BLOCK, n))
            block = codes[rows, items]
            lookup = block.astype(np.intp) + 1
            total = values[statements, lookup].sum(axis=1)
            answered = (block != UNANSWERED).sum(axis=1)
            # Equal weights (the usual case): the weight answered is the count answered, no second lookup.
            total_weight = answered * weights[0] if uniform else weighing[statements, lookup].sum(axis=1)
            covered = answered >= min_coverage * count - NOISE
            with np.errstate(invalid="ignore", divide="ignore"):
                scores[rows, column] = np.where(covered & (total_weight > 0), total / total_weight, np.nan)
    return scores


def _weighted_row_mean(block: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean of each row's non-NaN values; NaN for a row with none."""
    answered = ~np.isnan(block)
    # Float products (BLAS); a boolean matrix times floats takes numpy's slow generic loop.
    total_weight = answered.astype(np.float64) @ weights
    total = np.where(answered, block, 0.0) @ weights
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total_weight > 0, total / total_weight, np.nan)


def _aggregate(
    codes: np.ndarray, dimension_scores: np.ndarray, layout: _Layout, questionnaire: Questionnaire
) -> tuple[OverallScore, list[DimensionStats], list[ItemStats]]:
    """Steps 4 to 8 over one set of respondents (everyone, or one group)."""
    items = _item_stats(codes, layout, questionnaire)
    dimensions = []
    for column, dimension_id in enumerate(layout.dimension_ids):
        consensus = [stats.consensus for stats in items[layout.dimension_slices[column]] if stats.consensus is not None]
        dimensions.append(
            _dimension_stats(
                dimension_id,
                dimension_scores[:, column],
                float(np.mean(consensus)) if consensus else None,
                questionnaire.bands,
            )
        )
    # Step 5: from the group's dimension scores, not from the respondents' overall scores.
    group_scores = np.array([np.nan if d.score is None else d.score for d in dimensions])
    overall_score = _optional(_weighted_row_mean(group_scores[None, :], layout.dimension_weights)[0])
    overall = OverallScore(score=overall_score, band=band_of(overall_score, questionnaire.bands))
    return overall, dimensions, items


def _dimension_stats(dimension_id: str, column: np.ndarray, consensus: float | None, bands: Bands) -> DimensionStats:
    scores = column[~np.isnan(column)]
    n = int(scores.size)
    if n == 0:
        return DimensionStats(
            id=dimension_id,
            score=None,
            band=None,
            n=0,
            median=None,
            sd=None,
            min=None,
            max=None,
            q1=None,
            q3=None,
            consensus=consensus,
        )
    score = float(scores.mean())
    q1, median, q3 = (float(q) for q in np.quantile(scores, [0.25, 0.5, 0.75]))
    return DimensionStats(
        id=dimension_id,
        score=score,
        band=band_of(score, bands),
        n=n,
        median=median,
        sd=float(scores.std(ddof=1)) if n >= 2 else None,
        min=float(scores.min()),
        max=float(scores.max()),
        q1=q1,
        q3=q3,
        consensus=consensus,
    )


def _item_stats(codes: np.ndarray, layout: _Layout, questionnaire: Questionnaire) -> list[ItemStats]:
    """Step 7, all items at once from the counts of each raw answer."""
    scale = questionnaire.scale
    counts = code_counts(codes, scale.max - scale.min + 1)
    n = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_raw = (counts @ np.arange(scale.min, scale.max + 1)) / n
    # The mean of the item values is the item value of the mean raw answer: the transformation is affine.
    means = 100.0 * (mean_raw - scale.min) / (scale.max - scale.min)
    means = np.where(layout.reverse, 100.0 - means, means)
    consensus = consensus_from_counts(counts, scale.min, scale.max)
    scale_values = scale.values
    stats = []
    for position, item_id in enumerate(layout.item_ids):
        item_consensus = _optional(consensus[position])
        mean = _optional(means[position])
        stats.append(
            ItemStats(
                id=item_id,
                dimension=layout.item_dimension[position],
                n=int(n[position]),
                mean=mean,
                consensus=item_consensus,
                # No consensus (fewer than 2 answers) is no evidence of disagreement.
                dissensus=item_consensus is not None and item_consensus < questionnaire.consensus_threshold - NOISE,
                band=band_of(mean, questionnaire.bands),
                distribution={value: int(count) for value, count in zip(scale_values, counts[position], strict=True)},
                n_unanswered=int(codes.shape[0] - n[position]),
            )
        )
    return stats


def _group_keys(
    questionnaire: Questionnaire, responses: pd.DataFrame | ResponseTable, group_by: str
) -> tuple[np.ndarray, list[str]]:
    """Each row's group as a code into the list of values (stripped strings); -1 when the value is empty (the row
    belongs to no group). Factorised from the column as it is (arrow strings): no Python string per row."""
    available = [field.id for field in questionnaire.profile]
    if questionnaire.profile_field(group_by) is None:
        raise UnknownGroupField(group_by, available)
    if group_by not in responses.columns:
        raise UnknownGroupField(group_by, available, missing_column=True)
    column = responses[group_by]
    if not isinstance(responses, ResponseTable):  # a read file's texts are stripped already, empty = missing
        text = column.astype("string").str.strip()
        column = text.where(text != "")
    codes, values = pd.factorize(column)  # missing -> -1
    return np.asarray(codes), [str(value) for value in values]


def _groups(
    field: str,
    group_codes: np.ndarray,
    values: list[str],
    codes: np.ndarray,
    dimension_scores: np.ndarray,
    layout: _Layout,
    questionnaire: Questionnaire,
) -> dict[str, GroupReport]:
    """Step 9: groups sorted by value; a group smaller than ``min_group_size`` shows its size only.

    Respondents are sorted by group once, so that each group is a slice: no pass over the whole file per group.
    """
    if len(values) > MAX_GROUPS:
        raise TooManyGroups(field, len(values), MAX_GROUPS)
    order = np.argsort(group_codes, kind="stable")
    sorted_codes = group_codes[order]
    starts = np.searchsorted(sorted_codes, np.arange(len(values)), side="left")
    ends = np.searchsorted(sorted_codes, np.arange(len(values)), side="right")
    reports: dict[str, GroupReport] = {}
    for code in sorted(range(len(values)), key=lambda c: values[c]):
        size = int(ends[code] - starts[code])
        if size < questionnaire.min_group_size:
            reports[values[code]] = GroupReport(n_respondents=size, suppressed=True)
            continue
        members = order[starts[code] : ends[code]]
        overall, dimensions, items = _aggregate(codes[members], dimension_scores[members], layout, questionnaire)
        reports[values[code]] = GroupReport(
            n_respondents=size, suppressed=False, overall=overall, dimensions=dimensions, items=items
        )
    return reports


def with_progress(now: ScoreReport, then: ScoreReport) -> ScoreReport:
    """``now`` with step 11 filled in against ``then`` (its ``baseline`` and ``delta``)."""
    baseline, delta = progress(now, then)
    return now.model_copy(update={"baseline": baseline, "delta": delta})


def progress(now: ScoreReport, then: ScoreReport) -> tuple[BaselineReport, Delta]:
    """Step 11: the earlier wave's figures, and now − then from full precision (None when either is None).

    ``then`` is any report of the same questionnaire (``score_responses`` of the earlier file, or the figures an
    earlier workshop may show); only whole-group figures are used. An id that ``then`` lacks (a statement added
    since) has a None delta.
    """
    baseline = BaselineReport(
        n_respondents=then.n_respondents,
        overall=then.overall,
        dimensions=[BaselineDimension(id=d.id, score=d.score, band=d.band, n=d.n) for d in then.dimensions],
        items=[BaselineItem(id=i.id, n=i.n, mean=i.mean) for i in then.items],
    )
    then_dimensions = {d.id: d.score for d in then.dimensions}
    then_items = {i.id: i.mean for i in then.items}
    delta = Delta(
        overall=_difference(now.overall.score, then.overall.score),
        dimensions=[IdDelta(id=d.id, delta=_difference(d.score, then_dimensions.get(d.id))) for d in now.dimensions],
        items=[IdDelta(id=i.id, delta=_difference(i.mean, then_items.get(i.id))) for i in now.items],
    )
    return baseline, delta


def _difference(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else now - then


def _balanced(
    field: str,
    codes: np.ndarray,
    values: list[str],
    dimension_scores: np.ndarray,
    layout: _Layout,
    questionnaire: Questionnaire,
) -> BalancedReport:
    """Step 12: each group of at least ``min_group_size`` respondents counts once, whatever its size."""
    sizes = np.bincount(codes[codes >= 0], minlength=len(values))
    taking_part = sizes >= questionnaire.min_group_size
    counted = np.zeros(len(codes), dtype=bool)
    counted[codes >= 0] = taking_part[codes[codes >= 0]]
    member_codes = codes[counted]
    scores = []
    for column in range(len(layout.dimension_ids)):
        column_scores = dimension_scores[counted, column]
        known = ~np.isnan(column_scores)
        n = np.bincount(member_codes[known], minlength=len(values))
        total = np.bincount(member_codes[known], weights=column_scores[known], minlength=len(values))
        with_score = taking_part & (n > 0)
        # Each group's mean dimension score (step 4 within the group), then the plain mean of those means.
        scores.append(float(np.mean(total[with_score] / n[with_score])) if with_score.any() else None)
    overall_score = _optional(
        _weighted_row_mean(np.array([[np.nan if v is None else v for v in scores]]), layout.dimension_weights)[0]
    )
    bands = questionnaire.bands
    return BalancedReport(
        by=field,
        groups=sorted(str(values[code]) for code in np.flatnonzero(taking_part)),
        left_out=int(len(codes) - counted.sum()),
        overall=OverallScore(score=overall_score, band=band_of(overall_score, bands)),
        dimensions=[
            BalancedDimension(id=dimension_id, score=score, band=band_of(score, bands))
            for dimension_id, score in zip(layout.dimension_ids, scores, strict=True)
        ],
    )


def _respondents_frame(
    responses: pd.DataFrame, overall: np.ndarray, dimension_scores: np.ndarray, layout: _Layout
) -> pd.DataFrame:
    frame = pd.DataFrame(dimension_scores, columns=layout.dimension_ids, index=responses.index)
    frame.insert(0, "overall", overall)
    if RESPONDENT_COLUMN in responses.columns:
        frame.insert(0, RESPONDENT_COLUMN, responses[RESPONDENT_COLUMN].array)  # no Python string per row
    return frame


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)
