"""Participants: the group's results, once the facilitator has closed the workshop and chosen to share them."""

import streamlit as st

from ui import flow, me_and_group, results_view, teaching, urls, workshop_state, workshops
from ui.downloads import report_downloads, without_breakdowns
from ui.language import t
from ui.sources_view import glossary_link
from ui.steps_view import show_path_for
from ui.text import plain
from ui.workshop_view import (
    counts_line,
    dimension_cards,
    dimensions_table,
    disagreements,
    group_radar,
    overall,
    positions,
    results_notice,
)

st.title(t("group_results.title"))
code = st.query_params.get(urls.CODE)
workshop = workshops.join(code)
if workshop == "wait":
    st.error(t("join.wait"))
    st.stop()
if workshop is None and workshop_state.held_a_response(code, None):
    workshop_state.deleted_notice()  # this browser answered it: not a mistyped code (issue 18)
    st.stop()
if workshop is None:
    st.error(t("join.unknown_code"))
    st.stop()
st.subheader(plain(workshop.title))
teaching.demo_notice(workshop.demo_case)
if not workshop.show_results_to_participants:
    st.info(t("group_results.not_shared"))
    st.stop()
if workshop.status != "closed":
    st.info(t("group_results.not_yet"))
    st.stop()

results = workshops.results_for(workshop)
if results is None:
    st.error(t("dashboard.unknown_questionnaire"))
    st.stop()
st.caption(counts_line(results))
results_notice(results, workshop.status)
if results.report is None:
    st.stop()
questionnaire, report = results.questionnaire, results.report
# The overall score first, as on one's own results: on a phone the columns stack and it must be on the first screen.
summary, chart = st.columns([2, 3])
with summary:
    overall(report)
with chart:
    group_radar(questionnaire, report)
with st.expander(t("results.table_title")):
    dimensions_table(questionnaire, report)
dimension_cards(questionnaire, report)
if questionnaire.positions:  # where the relationship stands, today and wished (the continuum)
    st.header(t("positions.title"))
    positions(questionnaire, report, key="group_positions")
me_and_group.on_group_results(questionnaire, workshop, flow.state())
st.header(t("dashboard.discuss_title"))
glossary_link("a-discuter")
disagreements(questionnaire, report, limit=8)
st.header(t("results.recommendations_title"))
results_view.recommendations(questionnaire, report)
show_path_for(questionnaire, report, group=True)
# The files hold what this screen shows: not the breakdowns by organisation or role it does not show.
report_downloads(questionnaire, report, title=workshop.title, key="group_report", extra=without_breakdowns)
