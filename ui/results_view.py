"""Blocks that show a score report: used by the respondent's results and by the workshop dashboard."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from reports.bands import band_label, band_symbol
from scoring.bibliography import source_text
from scoring.model import Dimension, Questionnaire, text_in
from scoring.privacy import SharedReport
from scoring.recommendations import select_recommendations
from scoring.results import RecommendationOut, ScoreReport
from scoring.rounding import format_number
from ui.catalogue import shown_plain, shown_text
from ui.language import current_language, t

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

BADGE_COLOURS = {"priority": "red", "watch": "orange", "strength": "green", None: "gray"}


def format_score(value: float | None) -> str:
    return format_number(value, current_language(), 1, missing=t("results.insufficient"))


def format_decimal(value: float | None, digits: int = 3) -> str:
    """A consensus, to 3 decimals like the JSON: 0,597 is below the 0,6 threshold, where 0,60 would look equal."""
    return format_number(value, current_language(), digits)


def band_badge(band: str | None) -> None:
    lang = current_language()
    st.badge(f"{band_symbol(band)} {band_label(band, lang)}", color=BADGE_COLOURS.get(band, "gray"))  # type: ignore[arg-type]


def badge_markdown(band: str | None) -> str:
    """The badge of :func:`band_badge` as a Markdown directive, for a block that says more around it."""
    label = in_directive(f"{band_symbol(band)} {band_label(band, current_language())}")
    return f":{BADGE_COLOURS.get(band, 'gray')}-badge[{label}]"


_BRACKET = re.compile(r"(?<!\\)([\[\]])")


def in_directive(text: str) -> str:
    """``text`` (Markdown already: a shipped questionnaire's, or `ui.text.plain`'s) inside ``:gray[...]`` and
    the like: a bracket not yet escaped would end the directive there (as ``st.badge`` escapes its label)."""
    return _BRACKET.sub(r"\\\1", text)


def overall(report: ScoreReport) -> None:
    with st.container(border=True):
        st.metric(t("results.overall"), format_score(report.overall.score))
        band_badge(report.overall.band)


CARDS_PER_ROW = 4


def card_slots(dimensions: Sequence[Dimension]) -> list[tuple[Dimension, DeltaGenerator]]:
    """Where each dimension's card goes: rows of four in a container keyed ``dimension_cards``, which a phone
    shows two per row (``ui.style``), so that the radar and the four scores fit in about two screens; row by row,
    so that both read in the questionnaire's order (columns of stacked cards read 1, 5, 2, 6 on a phone)."""
    box = st.container(key="dimension_cards")
    width = min(CARDS_PER_ROW, len(dimensions))
    slots: list[tuple[Dimension, DeltaGenerator]] = []
    for start in range(0, len(dimensions), width):
        slots.extend(zip(dimensions[start : start + width], box.columns(width), strict=False))
    return slots


def dimension_cards(questionnaire: Questionnaire, report: ScoreReport) -> None:
    """One's own scores by dimension (a group's: `ui.workshop_view.dimension_cards`)."""
    lang = current_language()
    stats = {d.id: d for d in report.dimensions}
    for dimension, slot in card_slots(questionnaire.dimensions):
        stat = stats.get(dimension.id)
        with slot.container(border=True):
            st.markdown(f"**{shown_text(questionnaire, dimension.label, lang)}**")
            score = stat.score if stat else None
            st.markdown(f"### {format_score(score)}")
            band_badge(stat.band if stat else None)


MORE_RECOMMENDATIONS = "recommendations_more"  # the fold of the other recommendations, open or not


def recommendations(questionnaire: Questionnaire, report: ScoreReport | SharedReport) -> None:
    """The 3 to 5 recommendations that matter most (scoring.recommendations.select_recommendations), each with who
    usually acts and its readable source; the others folded below, built only once the fold is opened (it reruns
    the page): folded, their cards were drawn by the browser all the same, on the first paint of the results and
    of the dashboard (issue 11). Shared by own results, group results and the dashboard."""
    if not report.recommendations:
        st.info(t("results.no_recommendation"))
        return
    shown = select_recommendations(questionnaire, report)
    if shown.rest:
        st.caption(t("results.recommendations_first"))
    for recommendation in shown.first:
        _recommendation_card(questionnaire, recommendation)
    if shown.rest:
        more = st.expander(
            t("results.recommendations_more", count=len(shown.rest)), key=MORE_RECOMMENDATIONS, on_change="rerun"
        )
        if more.open:
            with more:
                for recommendation in shown.rest:
                    _recommendation_card(questionnaire, recommendation)


def _recommendation_card(questionnaire: Questionnaire, recommendation: RecommendationOut) -> None:
    """One bordered block of Markdown: what it is about and its level, the advice, who acts, the source. Five
    elements each (caption, badge, two Markdown blocks, caption) made the nine cards about fifty of the results
    page's elements, each one drawn on its own by the browser (issue 11)."""
    lang = current_language()
    dimension = next((d for d in questionnaire.dimensions if d.id == recommendation.dimension), None)
    about = shown_text(questionnaire, dimension.label, lang) if dimension else recommendation.dimension
    if recommendation.item:
        item = next((i for i in questionnaire.items if i.id == recommendation.item), None)
        about = f"{about} · {shown_text(questionnaire, item.text, lang) if item else recommendation.item}"
    parts = [
        f":gray[:small[{in_directive(about)}]]",
        badge_markdown(recommendation.band),
        shown_text(questionnaire, recommendation.text, lang),
    ]
    if recommendation.actor:
        parts.append(t("results.actor", actors=actors_text(recommendation.actor)))
    source = shown_plain(questionnaire, source_text(recommendation.source, lang))
    if source:
        parts.append(f":gray[:small[{in_directive(t('results.source', source=source))}]]")
    with st.container(border=True):
        st.markdown("\n\n".join(parts))


def actors_text(actors: list[str]) -> str:
    """« le conseil d’administration et la direction »: the catalogue's labels, joined as a sentence."""
    labels = [t(f"actor.{actor}") for actor in actors]
    if len(labels) == 1:
        return labels[0]
    return f"{', '.join(labels[:-1])} {t('actor.and')} {labels[-1]}"


def dimensions_table(questionnaire: Questionnaire, report: ScoreReport) -> None:
    """The chart's content as a table, for screen readers, printing and anyone who prefers figures (a group's:
    `ui.workshop_view.dimensions_table`)."""
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
                # Every statement's source, the nine without a recommendation included (issue 12).
                t("results.col_source"): source_text(item.source, lang) or "",
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
