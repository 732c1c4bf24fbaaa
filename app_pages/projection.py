"""A clean view for the projector: the group radar and the points of disagreement, refreshed live; or, with
``show=code``, the code, link and QR code to join.

Opened with the read-only projection token (``?p=``), so that the URL the room sees opens nothing more.
"""

from datetime import timedelta

import streamlit as st

from ui import baselines, teaching, urls, workshops
from ui.comparison_view import comparison_panel, comparison_title
from ui.language import current_language, t
from ui.style import projector_style
from ui.text import plain
from ui.waves_view import waves_panel
from ui.workshop_view import (
    counts_line,
    positions,
    projected_disagreements,
    projected_radar,
    results_notice,
    share_panel,
)

token = st.query_params.get(urls.PROJECTION)
workshop = workshops.projection_view(token)
if workshop is None:
    st.error(t("projection.unknown_link"))
    st.stop()


def switch_link(*, to_code: bool) -> None:
    """From one projected screen to the other, keeping the read-only token and the language."""
    params = urls.projection_params(token or "", current_language(), show_code=to_code)
    if to_code:
        st.page_link(
            "app_pages/projection.py", label=t("projection.show_code"), icon=":material/qr_code_2:", query_params=params
        )
    else:
        st.page_link(
            "app_pages/projection.py", label=t("projection.show_results"), icon=":material/radar:", query_params=params
        )


projector_style(notice=workshop.demo_case is not None)
teaching.demo_notice(workshop.demo_case)


@st.fragment(run_every=timedelta(seconds=4))
def join_screen() -> None:
    """The code to join, while the workshop takes answers: closed or deleted meanwhile, the room is told so
    rather than invited to scan a code that no longer lets anyone in (issue 18)."""
    current = workshops.projection_view(token)
    if current is None:
        st.warning(t("dashboard.deleted"))
        return
    with st.container(key="projector"):
        st.markdown(f"## {plain(current.title)}")
    if current.status == "open":
        share_panel(current.participant_code, projected=True)
    else:
        st.info(t("projection.closed"))


if st.query_params.get(urls.SHOW) == urls.SHOW_CODE:
    join_screen()
    switch_link(to_code=False)
    st.stop()


PROJECTED_POSITIONS_HEIGHT = 270

# What the dashboard chose to project: a comparison of a breakdown's groups, or the before/after (read-only).
show = st.query_params.get(urls.SHOW)
compare_by = st.query_params.get(urls.COMPARE)
balanced = st.query_params.get(urls.BALANCED) == urls.BALANCED_ON


@st.fragment(run_every=timedelta(seconds=4))
def projected() -> None:
    current = workshops.projection_view(token)
    if current is None:
        st.warning(t("dashboard.deleted"))
        return
    results = workshops.results_for(current)
    if results is None:
        return
    with st.container(key="projector"):
        st.markdown(f"## {plain(current.title)}")
        counts = counts_line(results)
        if current.status == "open":  # latecomers can still join
            counts += " · " + t("projection.join_code", code=current.participant_code)
        results_notice(results, current.status, compact=counts)
    if results.report is None:
        return
    if show == urls.SHOW_WAVES:
        earlier = baselines.earlier_results(current.id)
        if earlier is None:
            st.info(t("compare.no_baseline"))
            return
        waves_panel(
            results.questionnaire,
            results.report,
            earlier.questionnaire,
            earlier.results.report,
            earlier_title=earlier.title,
            from_file=earlier.from_file,
            large=True,
            key="projection_waves",
            title=t("compare.waves_title"),
        )
        return
    if compare_by in current.profile_fields and results.questionnaire.profile_field(compare_by):
        comparison_panel(
            results.questionnaire,
            results.report,
            compare_by,
            balanced=balanced,
            large=True,
            key="projection_compare",
            title=comparison_title(results.questionnaire, compare_by),
        )
        return
    radar, discuss = st.columns([3, 2])  # the radar's axis labels need the room (reports.figures)
    with radar:
        projected_radar(results.questionnaire, results.report, key="projection_radar")
    with discuss:
        # Where the relationship stands (today, wished) takes the room of two statements, so that it all fits
        # the first screen at 1366×768 (tests/browser/test_positions_screens.py).
        asks_positions = bool(results.questionnaire.positions)
        projected_disagreements(results.questionnaire, results.report, limit=1 if asks_positions else 3)
        if asks_positions:
            positions(
                results.questionnaire,
                results.report,
                key="projection_positions",
                height=PROJECTED_POSITIONS_HEIGHT,
                large=True,
                caption=False,
            )


projected()
if workshop.status == "open":
    switch_link(to_code=True)
