"""The comparison of a breakdown's groups on the dashboard and the projector: one radar with a line per group, the
gaps per dimension and per statement (largest first), the statements on which groups differ told apart from those
on which people differ within them, and the balanced score (each group counting once).

Every figure comes from `scoring.privacy.comparison.compare` over the workshop's `SharedReport`: nothing here
computes a group figure. Names of organisations are shown in tables and charts (plain text), never as Markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reports.charts import comparison_radar_chart, group_name
from reports.comparison_content import with_comparisons, with_waves
from reports.content import ReportContent, field_label
from reports.figures import multi_radar_room
from scoring.model import Questionnaire, text_in
from scoring.privacy import SharedReport
from scoring.privacy.comparison import Comparison, ItemGap, compare
from scoring.privacy.waves import compare_waves
from ui.baselines import EarlierResults
from ui.figures import multi_radar_figure
from ui.language import current_language, t
from ui.results_view import band_badge, format_score
from ui.style import follow_width
from ui.text import plain

ORGANISATION = "organisation"


def _variant(key: str, field: str) -> str:
    """Texts that name the groups: « organisations » for the organisation field, « groupes » for any other."""
    return f"{key}_organisation" if field == ORGANISATION else f"{key}_any"


def balanced_label(field: str) -> str:
    return t(_variant("compare.balanced_toggle", field))


def comparison_title(questionnaire: Questionnaire, field: str) -> str:
    """« Comparaison par organisation »: the field as a report names it (« Rôle », not « Votre rôle »)."""
    return t("compare.report_title", field=field_label(questionnaire, field, current_language()).lower())


def comparison_of(questionnaire: Questionnaire, report: object, field: str) -> Comparison | None:
    if not isinstance(report, SharedReport):
        raise TypeError(f"a comparison shows a SharedReport only, not {type(report).__name__}")
    return compare(questionnaire, report, field)


def _name(questionnaire: Questionnaire, comparison: Comparison, value: str | None) -> str:
    """A group's name for Markdown (a caption): as typed, never read as Markdown."""
    return plain(group_name(questionnaire, comparison.field, value or "", current_language()))


def _names(questionnaire: Questionnaire, comparison: Comparison, values: list[str]) -> str:
    return ", ".join(_name(questionnaire, comparison, v) for v in values)


def _unique(headers: list[str]) -> list[str]:
    """Column headers made unique: an organisation may be called like a column (« Écart »)."""
    seen: dict[str, int] = {}
    unique = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        unique.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return unique


def comparison_panel(
    questionnaire: Questionnaire,
    report: SharedReport,
    field: str,
    *,
    balanced: bool = False,
    large: bool = False,
    key: str = "compare",
    title: str | None = None,
) -> Comparison | None:
    """The whole comparison (``large``: the projector's, the radar and the statements that divide in large type,
    ``title`` above the statements, so that the radar starts right under the page's title)."""
    comparison = comparison_of(questionnaire, report, field)
    if comparison is None:
        return None
    lang = current_language()
    minimum = report.min_group_size
    if not comparison.comparable:
        st.info(t("compare.not_comparable", count=minimum))
        return comparison
    chart = comparison_radar_chart(questionnaire, comparison, report, lang, balanced=balanced)
    left_out = [g.value for g in comparison.groups if not g.compared]
    if large:
        # The projector at 1366×768: the radar (its legend above it) and, beside it, what divides the room, all on
        # the first screen under the title.
        radar, side = st.columns([3, 2])
        with radar:
            st.plotly_chart(
                multi_radar_figure(chart, height=550, large=True),
                config={"displayModeBar": False, "staticPlot": True},
                key=f"{key}_radar",
            )
        with side:
            if title:
                st.markdown(f"#### {title}")
            if balanced:
                balanced_block(questionnaire, comparison)
            divided_lists(questionnaire, comparison, limit=3)
            if left_out:
                st.caption(t("compare.not_compared", groups=_names(questionnaire, comparison, left_out), count=minimum))
        return comparison
    figure = multi_radar_figure(chart)
    follow_width(f"{key}_radar", *multi_radar_room(figure))
    st.plotly_chart(figure, config={"displayModeBar": False}, key=f"{key}_radar")
    if left_out:
        st.caption(t("compare.not_compared", groups=_names(questionnaire, comparison, left_out), count=minimum))
    if balanced:
        balanced_block(questionnaire, comparison)
    st.markdown(f"#### {t('compare.dimensions_title')}")
    dimension_gaps(questionnaire, comparison, balanced=balanced)
    divided_lists(questionnaire, comparison)
    with st.expander(t("compare.all_items_title")):
        item_gaps(questionnaire, comparison, comparison.items, key=f"{key}_all")
    return comparison


def balanced_block(questionnaire: Questionnaire, comparison: Comparison) -> None:
    balanced = comparison.balanced
    with st.container(border=True):
        st.metric(t(_variant("compare.balanced_overall", comparison.field)), format_score(balanced.overall.score))
        band_badge(balanced.overall.band)
        st.caption(t("compare.balanced_help", groups=_names(questionnaire, comparison, balanced.groups)))


def dimension_gaps(questionnaire: Questionnaire, comparison: Comparison, *, balanced: bool = False) -> None:
    """One row per dimension, largest gap first: each group's score, the gap, and the balanced score if asked."""
    lang = current_language()
    compared = [g.value for g in comparison.compared]
    labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    headers = _unique(
        [
            t("results.col_dimension"),
            *(group_name(questionnaire, comparison.field, v, lang) for v in compared),
            t("compare.col_gap"),
            *([t("compare.col_balanced")] if balanced else []),
        ]
    )
    rows = []
    for gap in comparison.dimensions:
        figures = {f.value: f.figure for f in gap.figures}
        row = [labels[gap.id], *(format_score(figures[v]) for v in compared), format_score(gap.gap)]
        if balanced:
            row.append(format_score(comparison.balanced.dimension(gap.id).score))
        rows.append(row)
    st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True, width="stretch")


def item_gaps(questionnaire: Questionnaire, comparison: Comparison, items: list[ItemGap], *, key: str) -> None:
    lang = current_language()
    compared = [g.value for g in comparison.compared]
    texts = {i.id: text_in(i.text, lang) for i in questionnaire.items}
    headers = _unique(
        [
            t("results.col_item"),
            *(group_name(questionnaire, comparison.field, v, lang) for v in compared),
            t("compare.col_gap"),
        ]
    )
    rows = []
    for item in items:
        figures = {f.value: f.figure for f in item.figures}
        rows.append([texts[item.id], *(format_score(figures[v]) for v in compared), format_score(item.gap)])
    st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True, width="stretch", key=key)


def divided_lists(questionnaire: Questionnaire, comparison: Comparison, *, limit: int | None = None) -> None:
    """Where the groups see a statement differently, then where people differ within the groups."""
    lang = current_language()
    texts = {i.id: text_in(i.text, lang) for i in questionnaire.items}
    step = 100 / (questionnaire.scale.max - questionnaire.scale.min)
    between, within = comparison.divided("between"), comparison.divided("within")
    st.markdown(f"#### {t(_variant('compare.between_title', comparison.field))}")
    st.caption(t("compare.between_help", step=format_score(step)))
    if not between:
        st.info(t("compare.none_between"))
    for item in between[:limit] if limit else between:
        with st.container(border=True):
            st.markdown(_statement(texts[item.id]))
            st.caption(
                t(
                    "compare.between_line",
                    highest=_name(questionnaire, comparison, item.highest),
                    high=format_score(_figure(item, item.highest)),
                    lowest=_name(questionnaire, comparison, item.lowest),
                    low=format_score(_figure(item, item.lowest)),
                    gap=format_score(item.gap),
                )
            )
    st.markdown(f"#### {t('compare.within_title')}")
    st.caption(t("compare.within_help"))
    if not within:
        st.info(t("compare.none_within"))
    for item in within[:limit] if limit else within:
        with st.container(border=True):
            st.markdown(_statement(texts[item.id]))
            where = (
                t("compare.dissensus_in", groups=_names(questionnaire, comparison, item.dissensus_in))
                if item.dissensus_in
                else t("compare.dissensus_room")
            )
            st.caption(f"{where} · {t('compare.gap_line', gap=format_score(item.gap))}")


def _figure(item: ItemGap, value: str | None) -> float | None:
    return next((f.figure for f in item.figures if f.value == value), None)


def _statement(text: str) -> str:
    return f"**{plain(text)}**"


def screen_sections(
    questionnaire: Questionnaire,
    report: SharedReport,
    field: str | None,
    earlier: EarlierResults | None,
    content: ReportContent,
) -> ReportContent:
    """A download's content with what the dashboard shows beside the results: the comparison of the field it
    compares by, and the before/after when the workshop has a baseline (the same figures as the screen)."""
    if field:
        content = with_comparisons(content, questionnaire, report, [field])
    if earlier is not None and isinstance(earlier.results.report, SharedReport):
        waves = compare_waves(questionnaire, report, earlier.questionnaire, earlier.results.report)
        content = with_waves(content, questionnaire, waves, earlier.questionnaire)
    return content
