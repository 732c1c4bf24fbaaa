"""Blocks shared by the workshop pages: the sharing panel, the live aggregate, the disagreement list."""

from __future__ import annotations

import streamlit as st

from scoring.model import Questionnaire, text_in
from scoring.privacy import protect_breakdown
from scoring.results import ScoreReport
from ui import urls, workshops
from ui.figures import distribution_figure, radar_figure
from ui.language import current_language, t
from ui.results_view import band_badge, format_decimal, format_score
from ui.text import plain


def share_panel(code: str) -> None:
    """The participant code, join link and QR code, large enough to be read on a projected screen."""
    lang = current_language()
    url = urls.links(lang).join(code)
    text, qr = st.columns([3, 2])
    with text:
        st.markdown(t("workshop.join_instructions"))
        st.markdown(f"# {code}")
        st.code(url, language=None, wrap_lines=True)
    with qr:
        st.image(workshops.qr_png(url), caption=t("workshop.qr_caption"), width=260)


def counts_line(results: workshops.WorkshopResults) -> str:
    """« 3 personnes ont commencé · 1 réponse envoyée »: two texts, so that each number agrees with its noun."""
    joined = t("dashboard.counts_joined", count=results.joined)
    return f"{joined} · {t('dashboard.counts_submitted', count=results.submitted)}"


def results_notice(results: workshops.WorkshopResults, status: str) -> None:
    """Why there are no results yet, or how many answers they count: never a silent gap or a silent lag."""
    minimum = results.questionnaire.min_group_size
    if results.report is None:
        if status == "open":  # Store.publish: the first batch goes once a second one is waiting behind it
            st.info(t("dashboard.first_batch", count=minimum, first=2 * minimum))
        else:
            st.info(t("dashboard.too_few", count=minimum))
    elif results.waiting:
        counted = t("dashboard.counted", count=results.counted)
        if status == "open":
            rest = t("dashboard.waiting", count=results.waiting, minimum=minimum)
        else:  # left over after a reopening, or blank: they will not be added any more
            rest = t("dashboard.not_counted", count=results.waiting)
        st.caption(f"{counted} {rest}")


def disagreements(
    questionnaire: Questionnaire,
    report: ScoreReport,
    *,
    limit: int | None = None,
    with_distribution: bool = True,
    key: str = "discuss",
) -> None:
    """Items by growing consensus: the ones the room disagrees on come first, flagged « À discuter »."""
    lang = current_language()
    texts = {item.id: text_in(item.text, lang) for item in questionnaire.items}
    ranked = sorted((s for s in report.items if s.consensus is not None), key=lambda s: s.consensus or 0.0)
    if not ranked:
        st.info(t("dashboard.no_consensus_yet"))
        return
    for position, stats in enumerate(ranked[:limit] if limit else ranked, start=1):
        with st.container(border=True):
            dimension = text_in(questionnaire.dimension_of(stats.id).label, lang)
            flag = t("dashboard.to_discuss") if stats.dissensus else t("dashboard.agreement")
            st.markdown(f"**{position}. {texts[stats.id]}**")
            st.caption(
                t(
                    "dashboard.item_line",
                    dimension=dimension,
                    flag=flag,
                    consensus=format_decimal(stats.consensus),
                    mean=format_score(stats.mean),
                    count=stats.n,
                )
            )
            if with_distribution:
                st.plotly_chart(
                    distribution_figure(questionnaire, stats.distribution, lang),
                    config={"displayModeBar": False, "staticPlot": True},
                    key=f"{key}_{stats.id}",
                )


def group_radar(
    questionnaire: Questionnaire, report: ScoreReport, *, height: int = 460, key: str = "radar", large: bool = False
) -> None:
    lang = current_language()
    st.plotly_chart(
        radar_figure(questionnaire, report, lang, spread="iqr", height=height, large=large),
        config={"displayModeBar": False},
        key=key,
    )
    st.caption(t("dashboard.spread_caption"))


def breakdown(questionnaire: Questionnaire, report: ScoreReport, field_id: str) -> None:
    """Scores per role or organisation; a group under min_group_size shows its size only."""
    lang = current_language()
    groups = protect_breakdown(
        report.groups.get(field_id, {}),
        report.n_respondents,
        questionnaire.min_group_size,
        dimension_counts={stats.id: stats.n for stats in report.dimensions},
    )
    if not groups:
        st.info(t("dashboard.no_breakdown"))
        return
    field = questionnaire.profile_field(field_id)
    option_labels = {o.id: text_in(o.label, lang) for o in field.options} if field else {}
    for value, group in groups.items():
        with st.container(border=True):
            name = option_labels.get(value) or plain(value)
            if group.suppressed:
                st.markdown(f"**{name}**")
                # protect_breakdown also hides a group of min_group_size or more, lest a smaller one be deduced.
                size, minimum = group.n_respondents, questionnaire.min_group_size
                if size < minimum:
                    st.caption(t("dashboard.suppressed", count=size, minimum=minimum))
                else:
                    st.caption(t("dashboard.suppressed_complement", count=size))
                continue
            st.markdown(f"**{name}** · {t('dashboard.people', count=group.n_respondents)}")
            stats = {d.id: d for d in group.dimensions or []}
            columns = st.columns(len(questionnaire.dimensions))
            for column, dimension in zip(columns, questionnaire.dimensions, strict=True):
                with column:
                    stat = stats.get(dimension.id)
                    st.caption(text_in(dimension.label, lang))
                    st.markdown(f"**{format_score(stat.score if stat else None)}**")
                    band_badge(stat.band if stat else None)
