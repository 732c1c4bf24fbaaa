"""Suppression for reports made from one's own response file (the command line's): never for workshop screens.

Workshop screens and their exports follow the publication rule of this package (`SharedReport`); these functions
are the rule the app had before it, kept for `python -m reports` on a file, whose JSON follows DESIGN.md's step 9.

What a screen shared by a group may show: complementary suppression of a breakdown, and no small counts.

DESIGN.md suppresses each group under ``min_group_size`` (step 9). On a screen that shows the whole group's
figures too, that is not enough: with 3 board members shown and 1 employee suppressed, the employee's score is
4 × overall − 3 × board members'. So when the people hidden (suppressed groups, plus respondents with no group
value) number from 1 to ``min_group_size`` − 1, the next smallest shown group is hidden too, until they are
at least ``min_group_size`` or nothing is shown; and the same, dimension by dimension. The command line's JSON
keeps DESIGN.md's rule as written.
"""

from __future__ import annotations

import pandas as pd

from scoring.results import DimensionStats, GroupReport, ItemStats, OverallScore, ScoreReport


def protect_breakdown(
    groups: dict[str, GroupReport],
    n_respondents: int,
    min_group_size: int,
    dimension_counts: dict[str, int] | None = None,
) -> dict[str, GroupReport]:
    """Complementary suppression, by group and then, with `dimension_counts` (the whole group's ``n`` per
    dimension), dimension by dimension: a dimension's ``n`` can be smaller than its group's size (people who
    answered too few of its statements), so 3 board members and 3 employees of whom 2 gave no score on
    « Éthique » leave one employee's « Éthique » score as 4 × whole − 3 × board members'.
    """
    protected = dict(groups)
    shown = sorted((g.n_respondents, value) for value, g in protected.items() if not g.suppressed)
    hidden = n_respondents - sum(size for size, _ in shown)
    while shown and 0 < hidden < min_group_size:
        size, value = shown.pop(0)
        protected[value] = GroupReport(n_respondents=size, suppressed=True)
        hidden += size
    for dimension_id, total in (dimension_counts or {}).items():
        counts = sorted(
            (n, value)
            for value, group in protected.items()
            if not group.suppressed and (n := _shown_count(group, dimension_id)) > 0
        )
        hidden = total - sum(n for n, _ in counts)
        while counts and 0 < hidden < min_group_size:
            n, value = counts.pop(0)
            protected[value] = _without_dimension(protected[value], dimension_id)
            hidden += n
    return protected


def _shown_count(group: GroupReport, dimension_id: str) -> int:
    stats = next((d for d in group.dimensions or [] if d.id == dimension_id), None)
    return stats.n if stats is not None and stats.score is not None else 0


def _without_dimension(group: GroupReport, dimension_id: str) -> GroupReport:
    dimensions = [_blank_dimension(stats) if stats.id == dimension_id else stats for stats in group.dimensions or []]
    # The group's overall is a weighted mean of its dimension scores (step 5): it would give the hidden one back.
    return group.model_copy(update={"dimensions": dimensions, "overall": OverallScore(score=None, band=None)})


def hide_small_counts(report: ScoreReport, minimum: int) -> ScoreReport:
    """The report as a screen shared by a group may show it: no figure computed from 1 to ``minimum`` − 1 people.

    Enough people submitting is not enough: a statement that only one of them answered (the others said « je ne
    sais pas ») has that one person's answer as its mean. So every dimension and item figure with ``0 < n <
    minimum`` is blanked, as are the figures that would give it back by subtraction: the overall score (a
    weighted mean of the dimension scores, step 5) when a dimension is blanked, and a dimension's consensus (the
    mean of its items', step 8) when one of its items is. Recommendations drawn from a blanked figure go too,
    since their band tells its range. The per-respondent scores, which no group screen may show, are dropped, and
    so are each dimension's lowest, highest and median scores, which are single people's scores.
    """
    dimensions = [_dimension_shown(stats, minimum) for stats in report.dimensions]
    items = [_item_shown(stats, minimum) for stats in report.items]
    hidden_dimensions = {stats.id for stats in report.dimensions if _too_few(stats.n, minimum)}
    hidden_items = {stats.id for stats in report.items if _too_few(stats.n, minimum)}
    dimensions = [
        stats.model_copy(update={"consensus": None})
        if any(item.dimension == stats.id and item.id in hidden_items for item in report.items)
        else stats
        for stats in dimensions
    ]
    overall = OverallScore(score=None, band=None) if hidden_dimensions else report.overall
    recommendations = [
        rec
        for rec in report.recommendations
        if rec.item not in hidden_items and (rec.item is not None or rec.dimension not in hidden_dimensions)
    ]
    groups = {
        field: {value: _group_shown(group, minimum) for value, group in by_value.items()}
        for field, by_value in report.groups.items()
    }
    return report.model_copy(
        update={
            "overall": overall,
            "dimensions": dimensions,
            "items": items,
            "recommendations": recommendations,
            "groups": groups,
            "respondents": pd.DataFrame(),
        }
    )


def _too_few(n: int, minimum: int) -> bool:
    return 0 < n < minimum


def _dimension_shown(stats: DimensionStats, minimum: int) -> DimensionStats:
    if _too_few(stats.n, minimum):
        return _blank_dimension(stats)
    # The lowest, highest and middle scores are each somebody's own score: a group screen shows the middle half.
    return stats.model_copy(update=dict.fromkeys(("min", "max", "median")))


def _blank_dimension(stats: DimensionStats) -> DimensionStats:
    blank = dict.fromkeys(("score", "band", "median", "sd", "min", "max", "q1", "q3", "consensus"))
    return stats.model_copy(update=blank)


def _item_shown(stats: ItemStats, minimum: int) -> ItemStats:
    if not _too_few(stats.n, minimum):
        return stats
    return stats.model_copy(
        update={"mean": None, "consensus": None, "dissensus": False, "band": None, "distribution": {}}
    )


def _group_shown(group: GroupReport, minimum: int) -> GroupReport:
    if group.suppressed:
        return group
    dimensions = [_dimension_shown(stats, minimum) for stats in group.dimensions or []]
    hidden = any(_too_few(stats.n, minimum) for stats in group.dimensions or [])
    return group.model_copy(
        update={
            "overall": OverallScore(score=None, band=None) if hidden else group.overall,
            "dimensions": dimensions,
            "items": [_item_shown(stats, minimum) for stats in group.items or []],
        }
    )
