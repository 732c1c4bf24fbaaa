"""Blocks that show a score report: used by the respondent's results and by the workshop dashboard."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from reports.bands import band_label, band_symbol
from scoring.model import Questionnaire, text_in
from scoring.results import ScoreReport
from scoring.rounding import format_number
from ui.language import current_language, t

BADGE_COLOURS = {"priority": "red", "watch": "orange", "strength": "green", None: "gray"}


def format_score(value: float | None) -> str:
    return format_number(value, current_language(), 1, missing=t("results.insufficient"))


def format_decimal(value: float | None, digits: int = 3) -> str:
    """A consensus, to 3 decimals like the JSON: 0,597 is below the 0,6 threshold, where 0,60 would look equal."""
    return format_number(value, current_language(), digits)


def band_badge(band: str | None) -> None:
    lang = current_language()
    st.badge(f"{band_symbol(band)} {band_label(band, lang)}", color=BADGE_COLOURS.get(band, "gray"))  # type: ignore[arg-type]


def overall(report: ScoreReport) -> None:
    with st.container(border=True):
        st.metric(t("results.overall"), format_score(report.overall.score))
        band_badge(report.overall.band)


def dimension_cards(questionnaire: Questionnaire, report: ScoreReport, *, group: bool = False) -> None:
    lang = current_language()
    stats = {d.id: d for d in report.dimensions}
    columns = st.columns(min(4, len(questionnaire.dimensions)))
    for position, dimension in enumerate(questionnaire.dimensions):
        stat = stats.get(dimension.id)
        with columns[position % len(columns)].container(border=True):
            st.markdown(f"**{text_in(dimension.label, lang)}**")
            score = stat.score if stat else None
            st.markdown(f"### {format_score(score)}")
            band_badge(stat.band if stat else None)
            if group and stat is not None and stat.n:
                st.caption(
                    t(
                        "results.group_stats",
                        count=stat.n,
                        low=format_score(stat.q1),
                        high=format_score(stat.q3),
                    )
                )
                if stat.consensus is not None:
                    st.caption(t("results.consensus", value=format_decimal(stat.consensus)))


def recommendations(questionnaire: Questionnaire, report: ScoreReport) -> None:
    lang = current_language()
    if not report.recommendations:
        st.info(t("results.no_recommendation"))
        return
    labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    items = {i.id: text_in(i.text, lang) for i in questionnaire.items}
    for recommendation in report.recommendations:
        with st.container(border=True):
            about = labels.get(recommendation.dimension, recommendation.dimension)
            if recommendation.item:
                about = f"{about} · {items.get(recommendation.item, recommendation.item)}"
            st.caption(about)
            band_badge(recommendation.band)
            st.markdown(text_in(recommendation.text, lang))
            if recommendation.source:
                st.caption(t("results.source", source=recommendation.source))


def dimensions_table(questionnaire: Questionnaire, report: ScoreReport, *, group: bool = False) -> None:
    """The chart's content as a table, for screen readers, printing and anyone who prefers figures."""
    lang = current_language()
    stats = {d.id: d for d in report.dimensions}
    rows = []
    for dimension in questionnaire.dimensions:
        stat = stats.get(dimension.id)
        row = {
            t("results.col_dimension"): text_in(dimension.label, lang),
            t("results.col_score"): format_score(stat.score if stat else None),
            t("results.col_band"): band_label(stat.band if stat else None, lang),
        }
        if group:
            row[t("results.col_n")] = stat.n if stat else 0
            # The middle half, as on the radar: the lowest, highest and median scores are single people's.
            row[t("results.col_range")] = (
                f"{format_score(stat.q1)} – {format_score(stat.q3)}" if stat and stat.q1 is not None else "–"
            )
            row[t("results.col_consensus")] = format_decimal(stat.consensus if stat else None)
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def items_table(questionnaire: Questionnaire, report: ScoreReport) -> None:
    lang = current_language()
    stats = {s.id: s for s in report.items}
    rows = []
    for item in questionnaire.items:
        stat = stats.get(item.id)
        rows.append(
            {
                t("results.col_dimension"): text_in(questionnaire.dimension_of(item.id).label, lang),
                t("results.col_item"): text_in(item.text, lang),
                t("results.col_score"): format_score(stat.mean if stat else None),
                t("results.col_band"): band_label(stat.band if stat else None, lang),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
