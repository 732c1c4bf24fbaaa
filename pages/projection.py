"""A clean view for the projector: the group radar and the points of disagreement, refreshed live.

Opened with the read-only projection token (``?p=``), so that the URL the room sees opens nothing more.
"""

from datetime import timedelta

import streamlit as st

from ui import workshops
from ui.entry import ensure_app_shell
from ui.state import t
from ui.text import plain
from ui.workshop_view import counts_line, disagreements, group_radar, results_notice

ensure_app_shell()

token = st.query_params.get(workshops.PROJECTION_PARAM)
workshop = workshops.projection_view(token)
if workshop is None:
    st.error(t("projection.unknown_link"))
    st.stop()


@st.fragment(run_every=timedelta(seconds=4))
def projected() -> None:
    current = workshops.projection_view(token)
    if current is None:
        st.warning(t("dashboard.deleted"))
        return
    results = workshops.results_for(current)
    if results is None:
        return
    st.markdown(f"## {plain(current.title)}")
    counts = counts_line(results)
    if current.status == "open":  # latecomers can still join
        counts += " · " + t("projection.join_code", code=current.participant_code)
    st.caption(counts)
    results_notice(results, current.status)
    if results.report is None:
        return
    radar, discuss = st.columns([3, 2])  # the radar's axis labels need the room (reports.figures)
    with radar:
        group_radar(results.questionnaire, results.report, height=640, key="projection_radar", large=True)
    with discuss:
        st.markdown(f"### {t('dashboard.discuss_title')}")
        disagreements(results.questionnaire, results.report, limit=4, with_distribution=False)


projected()
