"""What a report shows, decided once for the PDF and the XLSX: :func:`build_content` turns a scored report into
rows of already rounded figures (the JSON's rounding) and texts in the report's language.

The report given is the one its screen shows: for a workshop, the privacy module's `SharedReport`
(:func:`build_shared_content`: only the figures the screen shows, no median, spread or extremes, group sizes of the
versions shown); for one's own results and ``python -m reports``, the engine's `ScoreReport` (:func:`build_content`).
Nothing here computes a score or unblanks a figure: a figure that is ``None`` in the report is ``None`` here, and
both renderers write it as missing. A file's breakdown goes through ``scoring.privacy.protect_breakdown`` when asked
(``protect_groups``).

To add a section (progress, balanced score, action plan...): a field here, filled by :func:`build_content`, and
one function in ``reports.pdf.SECTIONS`` and ``reports.xlsx.SHEETS``; nothing else changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from i18n import translate
from reports.bands import band_label, band_symbol
from reports.charts import (
    BarChart,
    MultiRadarChart,
    PositionsChart,
    RadarChart,
    Spread,
    item_bars_chart,
    positions_charts,
    radar_chart,
)
from scoring.bibliography import source_text
from scoring.model import Questionnaire, text_in
from scoring.plan import ActionPlan, format_due, priority_label, recommendation_texts
from scoring.privacy import SharedGroup, SharedItem, SharedReport, protect_breakdown
from scoring.results import DimensionStats, GroupReport, ItemStats, RecommendationOut, ScoreReport
from scoring.rounding import round_half_up

Scope = Literal["file", "own", "group"]
# The statements to discuss first, at most: a board discusses a handful, not the whole questionnaire.
DISCUSS_LIMIT = 10


@dataclass(frozen=True)
class Banded:
    value: float | None  # rounded to 1 decimal, as the JSON
    band: str | None
    band_text: str
    symbol: str


@dataclass(frozen=True)
class DimensionRow:
    id: str
    label: str
    score: Banded
    n: int | None  # None: a group's figure not shown
    median: float | None
    sd: float | None
    min: float | None
    max: float | None
    consensus: float | None  # rounded to 3 decimals, as the JSON


@dataclass(frozen=True)
class ItemRow:
    id: str
    dimension: str
    text: str
    n: int | None  # None: a group's figure not shown
    mean: Banded
    consensus: float | None
    dissensus: bool
    reverse: bool


@dataclass(frozen=True)
class RecommendationRow:
    dimension: str
    item: str | None  # the statement's text, for a statement's recommendation
    band: Banded  # value None: the band only
    text: str
    source: str | None  # the readable reference (scoring.bibliography.source_text), as score's JSON gives it


@dataclass(frozen=True)
class GroupRow:
    value: str  # the group's name as shown (an option's label, or the value typed)
    n_respondents: int | None  # None: not shown (a workshop's group of fewer than min_group_size, or withheld)
    suppressed: bool
    overall: Banded | None
    dimensions: tuple[Banded, ...]  # in the questionnaire's order; empty when suppressed
    withheld: bool = False  # suppressed although big enough: it would let another figure give someone away


@dataclass(frozen=True)
class Breakdown:
    field_id: str
    field_label: str
    dimension_labels: tuple[str, ...]
    rows: tuple[GroupRow, ...]
    min_group_size: int


@dataclass(frozen=True)
class ProgressRow:
    """One line of step 11: the earlier wave, now, and the change (the JSON's ``delta``, rounded as it is)."""

    label: str
    before: Banded
    now: Banded
    delta: float | None


@dataclass(frozen=True)
class Progress:
    n_before: int
    n_now: int
    overall: ProgressRow
    dimensions: tuple[ProgressRow, ...]
    items: tuple[ProgressRow, ...]


@dataclass(frozen=True)
class Balanced:
    """Step 12: each value of ``field_label`` counts once; ``left_out`` people are in no group that counts."""

    field_label: str
    groups: tuple[str, ...]  # as shown (an option's label, or the value typed), in the JSON's order
    left_out: int
    overall: Banded
    dimensions: tuple[tuple[str, Banded], ...]  # (dimension label, balanced score) in the questionnaire's order


@dataclass(frozen=True)
class GapRow:
    label: str  # the dimension or the statement
    figures: tuple[float | None, ...]  # one per group compared, rounded to 1 decimal
    gap: float | None
    balanced: float | None = None  # a dimension's score with each group counting once
    # A statement's scoring.privacy.comparison.Divide: the groups differ (between), or people within them (within).
    divide: str | None = None
    where: str = ""  # for « within »: the groups in dissensus, or the room


@dataclass(frozen=True)
class ComparisonSection:
    field_id: str
    field_label: str
    groups: tuple[str, ...]  # the groups compared, as named: « Les Tilleuls (4) »
    left_out: tuple[str, ...]  # the field's groups not compared (too few people, or not shown yet)
    radar: MultiRadarChart
    dimensions: tuple[GapRow, ...]  # largest gap first
    items: tuple[GapRow, ...]  # every statement, largest gap first
    balanced_overall: Banded

    @property
    def between(self) -> tuple[GapRow, ...]:
        return tuple(r for r in self.items if r.divide == "between")

    @property
    def within(self) -> tuple[GapRow, ...]:
        return tuple(r for r in self.items if r.divide == "within")


@dataclass(frozen=True)
class PlanActionRow:
    what: str
    who: str
    due: str  # as people write a date in the report's language; « — » when none
    status: str
    recommendation: str | None  # the text of the recommendation it comes from


@dataclass(frozen=True)
class PlanPriorityRow:
    label: str  # why and what: « À discuter · <statement> »
    actions: tuple[PlanActionRow, ...]


@dataclass(frozen=True)
class ReportContent:
    lang: str
    scope: Scope
    title: str  # the organisation or workshop, or the questionnaire's title when none is given
    questionnaire_title: str
    questionnaire_id: str
    version: str
    date: dt.date
    n_respondents: int
    overall: Banded
    watch: float
    strength: float
    consensus_threshold: float
    min_group_size: int
    min_coverage: float
    scale_min: int
    scale_max: int
    dimensions: tuple[DimensionRow, ...]
    items: tuple[ItemRow, ...]
    discuss: tuple[ItemRow, ...]
    recommendations: tuple[RecommendationRow, ...]
    breakdowns: tuple[Breakdown, ...] = ()
    radar: RadarChart | None = None
    bars: BarChart | None = None
    progress: Progress | None = None
    balanced: Balanced | None = None
    plan: tuple[PlanPriorityRow, ...] = ()  # the workshop's action plan, where there is one
    # A workshop's comparisons of groups and its before/after (reports.comparison_content).
    comparisons: tuple[ComparisonSection, ...] = ()
    waves_radar: MultiRadarChart | None = None
    not_compared: tuple[str, ...] = ()  # statements of either wave not compared (new, gone or reworded)
    # Where the group places the relationship (the continuum), today and wished: a workshop's shared report only.
    positions: tuple[PositionsChart, ...] = ()
    extras: dict[str, object] = field(default_factory=dict)

    def t(self, key: str, **params: object) -> str:
        return translate(key, self.lang, **params)


def banded(value: float | None, band: str | None, lang: str) -> Banded:
    return Banded(round_half_up(value, 1), band, band_label(band, lang), band_symbol(band))


def build_content(
    questionnaire: Questionnaire,
    report: ScoreReport,
    lang: str,
    *,
    scope: Scope = "file",
    title: str | None = None,
    date: dt.date | None = None,
    spread: Spread = None,
    protect_groups: bool = False,
    plan: ActionPlan | None = None,
) -> ReportContent:
    """The report's content. ``protect_groups``: breakdowns as the workshop screens show them (complementary
    suppression); without it, as ``score``'s JSON (step 9 only)."""
    dimension_labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    item_texts = {i.id: text_in(i.text, lang) for i in questionnaire.items}
    reverse = {i.id: i.reverse for i in questionnaire.items}
    dimensions = tuple(_dimension_row(stats, dimension_labels, lang) for stats in report.dimensions)
    items = _item_rows(report.items, dimension_labels, item_texts, reverse, lang)
    recommendations = _recommendation_rows(report.recommendations, dimension_labels, item_texts, report.language, lang)
    breakdowns = tuple(
        _breakdown(questionnaire, report, field_id, groups, lang, protect_groups)
        for field_id, groups in report.groups.items()
    )
    return ReportContent(
        lang=lang,
        scope=scope,
        title=title or text_in(questionnaire.title, lang),
        questionnaire_title=text_in(questionnaire.title, lang),
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        date=date or dt.date.today(),
        n_respondents=report.n_respondents,
        overall=banded(report.overall.score, report.overall.band, lang),
        watch=float(questionnaire.bands.watch),
        strength=float(questionnaire.bands.strength),
        consensus_threshold=float(questionnaire.consensus_threshold),
        min_group_size=questionnaire.min_group_size,
        min_coverage=float(questionnaire.min_coverage),
        scale_min=questionnaire.scale.min,
        scale_max=questionnaire.scale.max,
        dimensions=dimensions,
        items=items,
        discuss=_discuss_first(items, report.items, questionnaire.bands.watch),
        recommendations=recommendations,
        breakdowns=breakdowns,
        radar=radar_chart(questionnaire, report, lang, spread=spread),
        bars=item_bars_chart(questionnaire, report, lang),
        progress=_progress(questionnaire, report, lang),
        balanced=_balanced(questionnaire, report, lang),
        plan=_plan(questionnaire, report, plan, lang) if plan is not None else (),
    )


def _plan(
    questionnaire: Questionnaire, report: ScoreReport | SharedReport, plan: ActionPlan, lang: str
) -> tuple[PlanPriorityRow, ...]:
    """The plan as the facilitator saved it: its priorities in their order, each with its actions."""
    recommendations = recommendation_texts(questionnaire, report, lang)
    return tuple(
        PlanPriorityRow(
            label=priority_label(questionnaire, priority, lang),
            actions=tuple(
                PlanActionRow(
                    what=action.what,
                    who=action.who or "—",
                    due=format_due(action.due, lang),
                    status=translate(f"plan.status.{action.status}", lang),
                    recommendation=recommendations.get(action.recommendation) if action.recommendation else None,
                )
                for action in plan.actions_for(priority.id)
            ),
        )
        for priority in plan.priorities
    )


def _progress(questionnaire: Questionnaire, report: ScoreReport, lang: str) -> Progress | None:
    """Step 11 as ``score``'s JSON has it: each figure then, now, and the delta at full precision, rounded once."""
    baseline, delta = report.baseline, report.delta
    if baseline is None or delta is None:
        return None
    before_dimensions = {d.id: d for d in baseline.dimensions}
    before_items = {i.id: i for i in baseline.items}
    dimension_deltas = {d.id: d.delta for d in delta.dimensions}
    item_deltas = {i.id: i.delta for i in delta.items}
    overall = ProgressRow(
        translate("report.col_overall", lang),
        banded(baseline.overall.score, baseline.overall.band, lang),
        banded(report.overall.score, report.overall.band, lang),
        round_half_up(delta.overall, 1),
    )
    dimensions = tuple(
        ProgressRow(
            text_in(d.label, lang),
            banded(before_dimensions[d.id].score, before_dimensions[d.id].band, lang),
            banded(report.dimension(d.id).score, report.dimension(d.id).band, lang),
            round_half_up(dimension_deltas.get(d.id), 1),
        )
        for d in questionnaire.dimensions
    )
    items = tuple(
        ProgressRow(
            text_in(i.text, lang),
            banded(before_items[i.id].mean, None, lang),
            banded(report.item(i.id).mean, report.item(i.id).band, lang),
            round_half_up(item_deltas.get(i.id), 1),
        )
        for i in questionnaire.items
    )
    return Progress(baseline.n_respondents, report.n_respondents, overall, dimensions, items)


def _balanced(questionnaire: Questionnaire, report: ScoreReport, lang: str) -> Balanced | None:
    balanced = report.balanced
    if balanced is None:
        return None
    profile_field = questionnaire.profile_field(balanced.by)
    options = {o.id: text_in(o.label, lang) for o in profile_field.options} if profile_field else {}
    scores = {d.id: d for d in balanced.dimensions}
    return Balanced(
        field_label=_field_label(questionnaire, balanced.by, lang),
        groups=tuple(options.get(value) or value for value in balanced.groups),
        left_out=balanced.left_out,
        overall=banded(balanced.overall.score, balanced.overall.band, lang),
        dimensions=tuple(
            (text_in(d.label, lang), banded(scores[d.id].score, scores[d.id].band, lang))
            for d in questionnaire.dimensions
            if d.id in scores
        ),
    )


def _field_label(questionnaire: Questionnaire, field_id: str, lang: str) -> str:
    """A profile field as a report names it: the participants' question is « Votre rôle », a report says « Rôle »."""
    standard = {"role": "dashboard.field_role", "organisation": "dashboard.field_organisation"}
    if field_id in standard:
        return translate(standard[field_id], lang)
    profile_field = questionnaire.profile_field(field_id)
    return text_in(profile_field.label, lang) if profile_field else field_id


field_label = _field_label  # for the sections built elsewhere (reports.comparison_content)


def _dimension_row(stats: DimensionStats, labels: dict[str, str], lang: str) -> DimensionRow:
    return DimensionRow(
        id=stats.id,
        label=labels[stats.id],
        score=banded(stats.score, stats.band, lang),
        n=stats.n,
        median=round_half_up(stats.median, 1),
        sd=round_half_up(stats.sd, 1),
        min=round_half_up(stats.min, 1),
        max=round_half_up(stats.max, 1),
        consensus=round_half_up(stats.consensus, 3),
    )


def _discuss_first(rows: tuple[ItemRow, ...], stats: list[ItemStats], watch: float) -> tuple[ItemRow, ...]:
    """The statements the group is split on (dissensus, least consensus first), then the weakest ones (mean
    under the watch limit, lowest first); ties keep the questionnaire's order."""
    by_id = {row.id: row for row in rows}
    split = sorted((s for s in stats if s.dissensus and s.consensus is not None), key=lambda s: s.consensus or 0.0)
    weak = sorted(
        (s for s in stats if not s.dissensus and s.mean is not None and s.mean < watch),
        key=lambda s: s.mean or 0.0,
    )
    return tuple(by_id[s.id] for s in [*split, *weak][:DISCUSS_LIMIT])


def _breakdown(
    questionnaire: Questionnaire,
    report: ScoreReport,
    field_id: str,
    groups: dict[str, GroupReport],
    lang: str,
    protect: bool,
) -> Breakdown:
    if protect:
        groups = protect_breakdown(
            groups,
            report.n_respondents,
            questionnaire.min_group_size,
            dimension_counts={stats.id: stats.n for stats in report.dimensions},
        )
    profile_field = questionnaire.profile_field(field_id)
    options = {o.id: text_in(o.label, lang) for o in profile_field.options} if profile_field else {}
    rows = []
    for value, group in groups.items():
        name = options.get(value) or value
        if group.suppressed:
            rows.append(GroupRow(name, group.n_respondents, True, None, ()))
            continue
        stats = {d.id: d for d in group.dimensions or []}
        assert group.overall is not None
        rows.append(
            GroupRow(
                name,
                group.n_respondents,
                False,
                banded(group.overall.score, group.overall.band, lang),
                tuple(
                    banded(stats[d.id].score, stats[d.id].band, lang) if d.id in stats else banded(None, None, lang)
                    for d in questionnaire.dimensions
                ),
            )
        )
    return Breakdown(
        field_id=field_id,
        field_label=_field_label(questionnaire, field_id, lang),
        dimension_labels=tuple(text_in(d.label, lang) for d in questionnaire.dimensions),
        rows=tuple(rows),
        min_group_size=questionnaire.min_group_size,
    )


def build_shared_content(
    questionnaire: Questionnaire,
    report: SharedReport,
    lang: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    plan: ActionPlan | None = None,
) -> ReportContent:
    """A workshop's report: exactly the figures its screens show (`scoring.privacy.shown_report`), nothing more.

    No spread on the radar and no median, standard deviation, lowest or highest score (each is one person's in a
    small group); a figure the screens do not show is missing here too; a group's size is that of the version
    shown, and a group not shown gives no size."""
    if not isinstance(report, SharedReport):
        raise TypeError("a workshop's report is built from the SharedReport its screens show")
    dimension_labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    item_texts = {i.id: text_in(i.text, lang) for i in questionnaire.items}
    reverse = {i.id: i.reverse for i in questionnaire.items}
    dimensions = tuple(
        DimensionRow(
            id=d.id,
            label=dimension_labels[d.id],
            score=banded(d.score, d.band, lang),
            n=d.n,
            median=None,
            sd=None,
            min=None,
            max=None,
            consensus=round_half_up(d.consensus, 3),
        )
        for d in report.dimensions
    )
    items = _item_rows(report.items, dimension_labels, item_texts, reverse, lang)
    recommendations = _recommendation_rows(report.recommendations, dimension_labels, item_texts, report.language, lang)
    breakdowns = tuple(
        _shared_breakdown(questionnaire, report, field_id, groups, lang)
        for field_id, groups in report.breakdowns.items()
    )
    return ReportContent(
        lang=lang,
        scope="group",
        title=title or text_in(questionnaire.title, lang),
        questionnaire_title=text_in(questionnaire.title, lang),
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        date=date or dt.date.today(),
        n_respondents=report.counted,
        overall=banded(report.overall.score, report.overall.band, lang),
        watch=float(questionnaire.bands.watch),
        strength=float(questionnaire.bands.strength),
        consensus_threshold=float(questionnaire.consensus_threshold),
        min_group_size=report.min_group_size,
        min_coverage=float(questionnaire.min_coverage),
        scale_min=questionnaire.scale.min,
        scale_max=questionnaire.scale.max,
        dimensions=dimensions,
        items=items,
        discuss=_discuss_first(items, report.items, questionnaire.bands.watch),  # type: ignore[arg-type]
        recommendations=recommendations,
        breakdowns=breakdowns,
        radar=radar_chart(questionnaire, report, lang),
        bars=item_bars_chart(questionnaire, report, lang),
        plan=_plan(questionnaire, report, plan, lang) if plan is not None else (),
        positions=positions_charts(questionnaire, report, lang),
    )


def _shared_breakdown(
    questionnaire: Questionnaire, report: SharedReport, field_id: str, groups: list[SharedGroup], lang: str
) -> Breakdown:
    profile_field = questionnaire.profile_field(field_id)
    options = {o.id: text_in(o.label, lang) for o in profile_field.options} if profile_field else {}
    rows = []
    for group in groups:
        name = options.get(group.value) or group.value
        if group.status != "shown":
            rows.append(GroupRow(name, group.people, True, None, (), withheld=group.status == "withheld"))
            continue
        rows.append(
            GroupRow(
                name,
                group.people,
                False,
                banded(group.overall.score, group.overall.band, lang),
                tuple(
                    banded(group.dimension(d.id).score, group.dimension(d.id).band, lang)
                    for d in questionnaire.dimensions
                ),
            )
        )
    label = text_in(profile_field.label, lang) if profile_field else field_id
    standard = {"role": "dashboard.field_role", "organisation": "dashboard.field_organisation"}
    if field_id in standard:
        label = translate(standard[field_id], lang)
    return Breakdown(
        field_id=field_id,
        field_label=label,
        dimension_labels=tuple(text_in(d.label, lang) for d in questionnaire.dimensions),
        rows=tuple(rows),
        min_group_size=report.min_group_size,
    )


def _item_rows(
    stats: Iterable[ItemStats | SharedItem],
    dimension_labels: dict[str, str],
    item_texts: dict[str, str],
    reverse: dict[str, bool],
    lang: str,
) -> tuple[ItemRow, ...]:
    """One row per statement, from one's own report (``ItemStats``) or a shared one (``SharedItem``): both carry
    ``id``, ``dimension``, ``n``, ``mean``, ``band``, ``consensus`` and ``dissensus``."""
    return tuple(
        ItemRow(
            id=s.id,
            dimension=dimension_labels[s.dimension],
            text=item_texts[s.id],
            n=s.n,
            mean=banded(s.mean, s.band, lang),
            consensus=round_half_up(s.consensus, 3),
            dissensus=s.dissensus,
            reverse=reverse[s.id],
        )
        for s in stats
    )


def _recommendation_rows(
    recommendations: Iterable[RecommendationOut],
    dimension_labels: dict[str, str],
    item_texts: dict[str, str],
    report_language: str,
    lang: str,
) -> tuple[RecommendationRow, ...]:
    return tuple(
        RecommendationRow(
            dimension=dimension_labels.get(rec.dimension, rec.dimension),
            item=item_texts.get(rec.item) if rec.item else None,
            band=banded(None, rec.band, lang),
            text=text_in(rec.text, lang, report_language),
            source=source_text(rec.source, lang),
        )
        for rec in recommendations
    )
