"""A respondent's own results: radar, overall score, dimension cards, weakest items, recommendations."""

import streamlit as st

from scoring.model import text_in
from ui import browser_memory, flow, me_and_group, results_view, teaching, urls, workshop_state, workshops
from ui.catalogue import shown_text
from ui.downloads import report_downloads
from ui.figures import item_bars_figure, radar_figure
from ui.language import current_language, t
from ui.own_results import own_report, position_lines
from ui.sources_view import glossary_link
from ui.steps_view import show_path_for
from ui.workshop_links import own_results_link

ERASED = "results_erased"
SCORES_TABLE = "results_scores_table"  # the expanders of the tables, open or not
ITEMS_TABLE = "results_items_table"


def erase_answers() -> None:
    st.session_state[ERASED] = flow.erase()


lang = current_language()
erased = st.session_state.pop(ERASED, False)
if erased:
    browser_memory.write_pending()
    st.success(t("results.erased"))
    st.page_link("app_pages/home.py", label=t("questionnaire.choose"), icon=":material/home:")
    st.stop()
if erased is None:
    st.warning(t("results.erase_failed"), icon=":material/cloud_off:")
answering = flow.current()
flow.take_just_submitted()  # arrived here from « Envoyer mes réponses »: the questionnaire need not switch again
browser_memory.write_pending()
if answering is None:
    if workshop_state.link_opens_nothing(st.query_params.get(urls.CODE), st.query_params.get(urls.TOKEN)):
        workshop_state.gone_notice()  # not « pas encore »: cut short, or deleted with its answers (issue 18)
        st.stop()
    st.info(t("results.none"))
    st.page_link("app_pages/home.py", label=t("questionnaire.choose"), icon=":material/home:")
    st.stop()

questionnaire = answering.questionnaire
report = own_report(answering)
code = answering.respondent.workshop_code
workshop = workshops.response_workshop(code, answering.respondent.workshop_id)
# Deleted while this session still held the answers: they stay on screen until it ends (a PDF can still be kept),
# under the notice, without what no longer holds: no link to keep, nothing sent, nothing provisional (issue 18).
deleted = answering.in_workshop and workshop is None
demo_case = workshop.demo_case if workshop is not None else None
st.title(t("results.title", questionnaire=shown_text(questionnaire, questionnaire.title, lang)))
if deleted and workshop_state.demo_was_reset(code, answering.respondent.workshop_id):
    workshop_state.demo_reset_notice(code or "")
elif deleted:
    workshop_state.deleted_notice()
else:
    st.caption(t("results.private_note"))
teaching.demo_notice(demo_case)
if answering.in_workshop and answering.state.submitted and not deleted:
    st.success(t("results.thanks"))
    shared = workshop is not None and workshop.show_results_to_participants
    if shared and workshop.status == "closed" and not workshop_state.group_results_shown(workshop):
        # Closed with too few answers counted: the group's page shows nothing, so no link to it (review).
        st.info(t("results.group_results_too_few", count=questionnaire.min_group_size))
    elif shared:
        # Words true to the moment: once closed, the group's results are there, not « later » (issue 18).
        st.info(t("results.group_results_ready" if workshop.status == "closed" else "results.group_results_later"))
        st.page_link(
            "app_pages/group_results.py",
            label=t("join.see_group_results"),
            icon=":material/groups:",
            query_params=urls.join_params(code or "", lang),
        )
closed_unsent = answering.in_workshop and workshop is not None and workshop.status == "closed"
if not answering.state.submitted and closed_unsent:  # too late to send them, unless the workshop reopens
    st.info(t("results.not_submitted_closed"))
elif not answering.state.submitted and not deleted:
    st.info(t("results.not_submitted"))
    st.page_link(
        "app_pages/questionnaire.py",
        label=t("results.back_to_questionnaire"),
        icon=":material/edit_note:",
        query_params=flow.url_params(),
    )

# The overall score first: on a phone the columns stack and it must be on the first screen.
summary, chart = st.columns([2, 3])
with chart:
    st.plotly_chart(radar_figure(questionnaire, report, lang), config={"displayModeBar": False}, key="radar")
with summary:
    results_view.overall(report)
    st.caption(
        t(
            "results.bands_explained",
            watch=f"{questionnaire.bands.watch:g}",
            strength=f"{questionnaire.bands.strength:g}",
        )
    )
    glossary_link("niveau")

positions = position_lines(questionnaire, answering.state.positions, lang)
for label, line in positions:  # each question is its own title (« Où en est la relation… ? »)
    st.subheader(label)
    st.text(line)
if positions:
    glossary_link("continuum")
me_and_group.on_own_results(questionnaire, answering.state, report, workshop)

# The two tables (the charts' content, for screen readers and for anyone who prefers figures) are built only once
# their expander is opened, which reruns the page: drawn folded on every rerun, they were about a sixth of its
# server time (issue 11).
scores_table = st.expander(t("results.table_title"), key=SCORES_TABLE, on_change="rerun")
if scores_table.open:
    with scores_table:
        results_view.dimensions_table(questionnaire, report)

st.header(t("results.dimensions_title"))
results_view.dimension_cards(questionnaire, report)

st.header(t("results.items_title"))
st.caption(t("results.items_help"))
st.plotly_chart(item_bars_figure(questionnaire, report, lang), config={"displayModeBar": False}, key="items")
items_table = st.expander(t("results.items_table_title"), key=ITEMS_TABLE, on_change="rerun")
if items_table.open:
    with items_table:
        results_view.items_table(questionnaire, report)

show_path_for(questionnaire, report, group=False)

st.header(t("results.recommendations_title"))
results_view.recommendations(questionnaire, report)
report_downloads(
    questionnaire,
    report,
    title=teaching.report_title(text_in(questionnaire.title, lang), demo_case),
    key="own_report",
)
if not deleted:
    own_results_link(answering.respondent.token, code)

comments = answering.to_send.comments
if comments:
    st.header(t("results.comments_title"))
    for dimension in questionnaire.dimensions:
        if dimension.id in comments:
            st.markdown(f"**{shown_text(questionnaire, dimension.label, lang)}**")
            st.text(comments[dimension.id])

st.divider()
st.page_link("app_pages/method.py", label=t("home.method_link"), icon=":material/calculate:")

if not answering.in_workshop:  # a workshop response goes with its workshop (storage.Store.delete_solo_response)
    with st.expander(t("results.erase_title"), icon=":material/delete:"):
        st.markdown(t("results.erase_text"))
        confirmed = st.checkbox(t("results.erase_confirm"), key="erase_confirm")
        st.button(t("results.erase_button"), key="erase_answers", on_click=erase_answers, disabled=not confirmed)
