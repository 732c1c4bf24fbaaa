"""Blocks shared by the workshop pages: the sharing panel, the live aggregate, the disagreement list, breakdowns.

Every group figure drawn here comes from a `scoring.privacy.SharedReport` (`ui.workshops.results_for`); the
blocks refuse anything else, so that no screen can draw a group figure that did not go through the privacy rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import pandas as pd
import streamlit as st

from reports.bands import band_label
from reports.charts import positions_charts
from scoring.model import Questionnaire
from scoring.privacy import SharedGroup, SharedReport
from ui import urls, workshops
from ui.catalogue import shown_text
from ui.figures import distribution_figure, positions_figure, radar_figure
from ui.language import current_language, t
from ui.results_view import band_badge, card_slots, format_decimal, format_score
from ui.services import get_store
from ui.text import plain

if TYPE_CHECKING:
    from scoring.plan import ActionPlan
    from storage import FacilitatorView


def _shared(report: object) -> SharedReport:
    if not isinstance(report, SharedReport):
        raise TypeError(f"group screens show a SharedReport only, not {type(report).__name__}")
    return report


def share_panel(code: str, *, projected: bool = False) -> None:
    """The participant code, join link and QR code, large enough to be read on a projected screen; ``projected``
    fills the screen (``ui.style.PROJECTOR_CSS``): a QR code two thirds of its height, the code in very large
    type, and the link as one types it."""
    lang = current_language()
    links = urls.links(lang)
    url = links.join(code)
    with st.container(key="projector_join" if projected else None):
        text, qr = st.columns([1, 1] if projected else [3, 2], vertical_alignment="center" if projected else "top")
        with text:
            st.markdown(t("workshop.join_instructions"))
            st.markdown(f"# {code}")
            if projected:
                st.markdown(f"`{links.short_join(code)}`")
            else:
                st.code(url, language=None, wrap_lines=True)
        with qr:
            st.image(workshops.qr_png(url), caption=t("workshop.qr_caption"), width="stretch" if projected else 260)


class FiguresMarker(NamedTuple):
    """What the dashboard's figures show beyond the page's own widgets. The same marker, the same figures."""

    status: str
    publication: tuple[str, int] | None  # the workshop's creation time and publication counter: a new batch
    plan: ActionPlan  # in the report's download


def figures_marker(workshop: FacilitatorView) -> FiguresMarker:
    from ui.action_plan import load

    return FiguresMarker(workshop.status, get_store().publication_key(workshop.id), load(workshop.id).plan)


# The facilitator key of the workshop this session has just deleted from its dashboard.
DELETED_HERE = "dashboard_deleted_here"


def live_counts(key: str, drawn: FiguresMarker) -> bool:
    """The dashboard's part drawn again every few seconds: who joined, who sent, and why answers wait (each
    submission changes them). True when the figures drawn with ``drawn`` (`figures_marker`) are out of date: a
    round recorded a new batch, the workshop was closed, deleted, or its plan changed elsewhere. (Only an open
    workshop's dashboard refreshes: a closed one sees a reopening at its next reload.)"""
    if st.session_state.get(DELETED_HERE) == key:
        # Deleted from this very page: its confirmation stays. The page drawn again would replace it with « ce lien
        # d’animation n’ouvre aucun atelier ».
        return False
    current = workshops.facilitator_view(key)
    if current is None:  # deleted in another tab
        st.warning(t("dashboard.deleted"))
        return True
    results = workshops.results_for(current)
    if results is None:
        st.error(t("dashboard.unknown_questionnaire"))
        return False
    joined_col, submitted_col, notice_col = st.columns([1, 1, 2])
    joined_col.metric(t("dashboard.joined"), results.joined)
    submitted_col.metric(t("dashboard.submitted"), results.submitted)
    with notice_col:  # beside the counts: the results keep the room below (a printed page too)
        results_notice(results, current.status, facilitator=True)
    return figures_marker(current) != drawn


def counts_line(results: workshops.WorkshopResults) -> str:
    """« 3 personnes ont commencé · 1 réponse envoyée »: two texts, so that each number agrees with its noun."""
    joined = t("dashboard.counts_joined", count=results.joined)
    return f"{joined} · {t('dashboard.counts_submitted', count=results.submitted)}"


def results_notice(
    results: workshops.WorkshopResults, status: str, *, facilitator: bool = False, compact: str | None = None
) -> None:
    """Why there are no results yet, or how many answers they count and why the others wait: one sentence, and
    one more when statements have no figure yet. ``compact`` (the projector's counts line) puts them all in one
    caption, so that the projected screen keeps its room for the results."""
    minimum = results.questionnaire.min_group_size
    if results.report is None:
        if compact:
            st.caption(compact)
        st.info(t("dashboard.first_batch" if status == "open" else "dashboard.too_few", count=minimum))
        return
    counted = t("dashboard.counted", count=results.counted)
    if results.waiting:
        if status == "open":
            rest = t("dashboard.waiting", count=results.waiting, minimum=minimum)
        else:  # left over at closing, blank or invalid: they will not be added unless the workshop reopens
            rest = t("dashboard.not_counted", count=results.waiting)
        counted = f"{counted} {rest}"
    report = _shared(results.report)
    hidden = sum(1 for item in report.items if item.status != "shown")
    hidden_text = None
    if hidden:  # the projector's line is short: one line of a 1366 px screen, the results keep the room
        key = "projection.hidden_items" if compact else "dashboard.hidden_items"
        hidden_text = t(key, count=hidden, minimum=minimum)
    if compact:
        st.caption(" ".join(part for part in (f"{compact} · {counted}", hidden_text) if part))
    else:
        st.caption(counted)
    if facilitator and report.excluded_values:
        st.warning(t("dashboard.excluded_values", count=report.excluded_values))
    if hidden_text and not compact:
        st.caption(hidden_text)


def disagreements(
    questionnaire: Questionnaire,
    report: SharedReport,
    *,
    limit: int | None = None,
    with_distribution: bool = True,
    key: str = "discuss",
) -> None:
    """Items by growing consensus: the ones the room disagrees on come first, flagged « À discuter »."""
    report = _shared(report)
    lang = current_language()
    texts = {item.id: shown_text(questionnaire, item.text, lang) for item in questionnaire.items}
    ranked = sorted((s for s in report.items if s.consensus is not None), key=lambda s: s.consensus or 0.0)
    if not ranked:
        st.info(t("dashboard.no_consensus_yet"))
        return
    for position, stats in enumerate(ranked[:limit] if limit else ranked, start=1):
        with st.container(border=True):
            dimension = shown_text(questionnaire, questionnaire.dimension_of(stats.id).label, lang)
            flag = t("dashboard.to_discuss") if stats.dissensus else t("dashboard.agreement")
            st.markdown(f"**{position}. {texts[stats.id]}**")
            st.caption(
                t(
                    "dashboard.item_line",
                    dimension=dimension,
                    flag=flag,
                    consensus=format_decimal(stats.consensus),
                    mean=format_score(stats.mean),
                    count=stats.n or 0,
                )
            )
            if with_distribution:
                st.plotly_chart(
                    distribution_figure(questionnaire, stats.distribution, lang),
                    config={"displayModeBar": False, "staticPlot": True},
                    key=f"{key}_{stats.id}",
                )


def positions(
    questionnaire: Questionnaire,
    report: SharedReport,
    *,
    key: str = "positions",
    height: int | None = None,
    large: bool = False,
    caption: bool = True,
) -> None:
    """Where the group places the relationship on the continuum, today and wished, side by side: the position
    figures of the shared report only (a distribution not shown says why). Nothing when none is asked."""
    lang = current_language()
    for chart in positions_charts(questionnaire, _shared(report), lang):
        st.markdown(f"**{plain(chart.question)}**")
        st.plotly_chart(
            positions_figure(chart, height=height, large=large),
            config={"displayModeBar": False, "staticPlot": True},
            key=f"{key}_{chart.id}",
        )
        if caption:
            st.caption(chart.caption)


def projected_disagreements(questionnaire: Questionnaire, report: SharedReport, *, limit: int = 3) -> None:
    """The statements the room disagrees on most, in type read from the back of the room (``ui.style``): the
    statement, then its dimension and whether views diverge; no consensus figure, nobody reads 0,015 from 8 m."""
    report = _shared(report)
    lang = current_language()
    texts = {item.id: shown_text(questionnaire, item.text, lang) for item in questionnaire.items}
    ranked = sorted((s for s in report.items if s.consensus is not None), key=lambda s: s.consensus or 0.0)
    with st.container(key="projector_discuss"):
        st.markdown(f"### {t('dashboard.discuss_title')}")
        if not ranked:
            st.info(t("dashboard.no_consensus_yet"))
            return
        for position, stats in enumerate(ranked[:limit], start=1):
            dimension = shown_text(questionnaire, questionnaire.dimension_of(stats.id).label, lang)
            flag = t("dashboard.to_discuss") if stats.dissensus else t("dashboard.agreement")
            st.markdown(f"**{position}. {texts[stats.id]}**")
            st.caption(f"{dimension} · {flag}")


def projected_radar(questionnaire: Questionnaire, report: SharedReport, *, key: str) -> None:
    """The group's radar as tall as the projected screen leaves it (its box is sized by ``ui.style``)."""
    lang = current_language()
    with st.container(key="projector_radar"):
        st.plotly_chart(
            radar_figure(questionnaire, _shared(report), lang, height=None, large=True),
            config={"displayModeBar": False, "responsive": True},
            key=key,
            height="stretch",
        )


def group_radar(
    questionnaire: Questionnaire,
    report: SharedReport,
    *,
    height: int | None = None,
    key: str = "radar",
    large: bool = False,
) -> None:
    """``height=None``: as tall as its width asks (``ui.style``: the chart keyed ``radar``), 460 px at most."""
    lang = current_language()
    st.plotly_chart(
        radar_figure(questionnaire, _shared(report), lang, height=height, large=large),
        config={"displayModeBar": False},
        key=key,
    )
    st.caption(t("dashboard.spread_caption"))


def overall(report: SharedReport) -> None:
    """The group's overall score: the weighted mean of the dimension scores shown."""
    report = _shared(report)
    with st.container(border=True):
        st.metric(t("results.overall"), format_score(report.overall.score))
        band_badge(report.overall.band)


def dimensions_table(questionnaire: Questionnaire, report: SharedReport) -> None:
    """The radar as a table: score, level, people counted and consensus (no spread made of single scores). A
    static table: `st.dataframe`'s grid, drawn on a canvas by a script of its own, was about 0.4 s of the
    browser's CPU at the dashboard's first paint for four rows (issue 11; bench/trace_paint.py). Its cells read
    Markdown: the labels go through `shown_text`."""
    report = _shared(report)
    lang = current_language()
    rows = []
    for dimension in questionnaire.dimensions:
        stat = report.dimension(dimension.id)
        rows.append(
            {
                t("results.col_dimension"): shown_text(questionnaire, dimension.label, lang),
                t("results.col_score"): format_score(stat.score),
                t("results.col_band"): band_label(stat.band, lang),
                t("results.col_n"): stat.n if stat.n is not None else "–",
                t("results.col_consensus"): format_decimal(stat.consensus),
            }
        )
    st.table(pd.DataFrame(rows), hide_index=True)


def dimension_cards(questionnaire: Questionnaire, report: SharedReport) -> None:
    report = _shared(report)
    lang = current_language()
    for dimension, slot in card_slots(questionnaire.dimensions):
        stat = report.dimension(dimension.id)
        with slot.container(border=True):
            st.markdown(f"**{shown_text(questionnaire, dimension.label, lang)}**")
            st.markdown(f"### {format_score(stat.score)}")
            band_badge(stat.band)
            if stat.n:
                st.caption(t("dashboard.people", count=stat.n))
            if stat.consensus is not None:
                st.caption(t("results.consensus", value=format_decimal(stat.consensus)))


def _group_reason(group: SharedGroup, minimum: int) -> str:
    if group.status == "too_few":
        return t("dashboard.suppressed", count=minimum)
    if group.people is not None:
        return t("dashboard.withheld", count=group.people)
    return t("dashboard.withheld_unknown")


def breakdown(questionnaire: Questionnaire, report: SharedReport, field_id: str) -> None:
    """Scores per role or organisation; a group not shown says why (too few people, or lest one be deduced)."""
    report = _shared(report)
    lang = current_language()
    groups = report.groups(field_id)
    if not groups:
        st.info(t("dashboard.no_breakdown"))
        return
    field = questionnaire.profile_field(field_id)
    option_labels = {o.id: shown_text(questionnaire, o.label, lang) for o in field.options} if field else {}
    for group in groups:
        with st.container(border=True):
            name = option_labels.get(group.value) or plain(group.value)
            if group.status != "shown":
                st.markdown(f"**{name}**")
                st.caption(_group_reason(group, report.min_group_size))
                continue
            people = t("dashboard.people", count=group.people) if group.people else ""
            st.markdown(f"**{name}** · {people}" if people else f"**{name}**")
            columns = st.columns(len(questionnaire.dimensions))
            for column, dimension in zip(columns, questionnaire.dimensions, strict=True):
                with column:
                    stat = group.dimension(dimension.id)
                    st.caption(shown_text(questionnaire, dimension.label, lang))
                    st.markdown(f"**{format_score(stat.score)}**")
                    band_badge(stat.band)
