"""The comparison of groups and the before/after of a workshop's report, as rows the PDF and the XLSX lay out.

Built from `scoring.privacy.comparison.Comparison` and `scoring.privacy.waves.Waves`, themselves derived from the
shared reports the screens show: nothing here computes a figure, it rounds (as the JSON does) and words them.
:func:`with_comparisons` and :func:`with_waves` add them to a workshop's `ReportContent`.
"""

from __future__ import annotations

import dataclasses

from i18n import translate
from reports.charts import comparison_radar_chart, group_name, waves_radar_chart
from reports.content import ComparisonSection, GapRow, Progress, ProgressRow, ReportContent, banded, field_label
from scoring.model import Questionnaire, text_in
from scoring.privacy import SharedReport
from scoring.privacy.comparison import Comparison, compare
from scoring.privacy.waves import Change, Waves
from scoring.rounding import round_half_up


def comparison_section(
    questionnaire: Questionnaire, report: SharedReport, field_id: str, lang: str
) -> ComparisonSection | None:
    """The comparison of ``field_id``'s groups, or None when fewer than two groups have figures shown."""
    comparison = compare(questionnaire, report, field_id)
    if comparison is None or not comparison.comparable:
        return None
    return _section(questionnaire, report, comparison, lang)


def _section(questionnaire: Questionnaire, report: SharedReport, comparison: Comparison, lang: str):
    compared = [g.value for g in comparison.compared]

    def name(value: str) -> str:
        return group_name(questionnaire, comparison.field, value, lang)

    labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    texts = {i.id: text_in(i.text, lang) for i in questionnaire.items}
    dimensions = tuple(
        GapRow(
            label=labels[gap.id],
            figures=tuple(round_half_up(f.figure, 1) for f in gap.figures if f.value in compared),
            gap=round_half_up(gap.gap, 1),
            balanced=round_half_up(comparison.balanced.dimension(gap.id).score, 1),
        )
        for gap in comparison.dimensions
    )
    items = []
    for item in comparison.items:
        where = ""
        if item.divide == "within":
            where = (
                translate("compare.dissensus_in", lang, groups=", ".join(name(v) for v in item.dissensus_in))
                if item.dissensus_in
                else translate("compare.dissensus_room", lang)
            )
        items.append(
            GapRow(
                label=texts[item.id],
                figures=tuple(round_half_up(f.figure, 1) for f in item.figures if f.value in compared),
                gap=round_half_up(item.gap, 1),
                divide=item.divide,
                where=where,
            )
        )
    people = {g.value: g.people for g in comparison.groups}
    balanced = comparison.balanced
    return ComparisonSection(
        field_id=comparison.field,
        field_label=field_label(questionnaire, comparison.field, lang),
        groups=tuple(f"{name(v)} ({people[v]})" if people[v] is not None else name(v) for v in compared),
        left_out=tuple(name(g.value) for g in comparison.groups if not g.compared),
        radar=comparison_radar_chart(questionnaire, comparison, report, lang),
        dimensions=dimensions,
        items=tuple(items),
        balanced_overall=banded(balanced.overall.score, balanced.overall.band, lang),
    )


def with_comparisons(
    content: ReportContent, questionnaire: Questionnaire, report: SharedReport, fields: list[str]
) -> ReportContent:
    """The content with a comparison of each of ``fields`` that has two groups to compare."""
    sections = tuple(
        section
        for field_id in fields
        if (section := comparison_section(questionnaire, report, field_id, content.lang)) is not None
    )
    return dataclasses.replace(content, comparisons=sections)


def _row(label: str, change: Change, lang: str) -> ProgressRow:
    return ProgressRow(
        label,
        banded(change.then, change.band_then, lang),
        banded(change.now, change.band_now, lang),
        round_half_up(change.delta, 1),
    )


def waves_progress(questionnaire: Questionnaire, waves: Waves, lang: str) -> Progress:
    """Step 11's section from two workshops' shown figures: the overall score, each dimension, each statement
    compared (a statement of either questionnaire that is not compared is listed by ``not_compared``)."""
    labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    texts = {i.id: text_in(i.text, lang) for i in questionnaire.items}
    return Progress(
        n_before=waves.n_then,
        n_now=waves.n_now,
        overall=_row(translate("report.col_overall", lang), waves.overall, lang),
        dimensions=tuple(_row(labels[c.id], c, lang) for c in waves.dimensions),
        items=tuple(_row(texts[c.id], c, lang) for c in waves.items),
    )


def with_waves(
    content: ReportContent, questionnaire: Questionnaire, waves: Waves, earlier: Questionnaire
) -> ReportContent:
    """The content with the before/after: its progress section, the two waves' radar, the statements not compared."""
    lang = content.lang
    texts = {i.id: text_in(i.text, lang) for i in (*earlier.items, *questionnaire.items)}
    return dataclasses.replace(
        content,
        progress=waves_progress(questionnaire, waves, lang),
        waves_radar=waves_radar_chart(questionnaire, waves, lang),
        not_compared=tuple(texts[i] for i in waves.items_not_compared),
    )
