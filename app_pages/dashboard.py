"""Facilitator's live dashboard, opened with the secret link: counts, group radar, disagreements first,
breakdowns that respect min_group_size, recommendations, and the workshop's life cycle."""

from datetime import timedelta
from functools import partial

import streamlit as st

from scoring.model import text_in
from ui import baselines, results_view, teaching, urls, workshops
from ui.catalogue import get_questionnaire
from ui.comparison_view import balanced_label, comparison_panel, screen_sections
from ui.downloads import report_downloads
from ui.language import current_language, t
from ui.paper_answers import paper_panel
from ui.services import get_store
from ui.sources_view import glossary_link
from ui.steps_view import show_path_for
from ui.text import plain
from ui.waves_view import waves_panel
from ui.workshop_view import (
    DELETED_HERE,
    FiguresMarker,
    breakdown,
    dimensions_table,
    disagreements,
    figures_marker,
    group_radar,
    live_counts,
    overall,
    positions,
)

REFRESH = timedelta(seconds=4)
BALANCED = "dashboard_balanced"  # the switch « chaque organisation compte pour une voix »
ALL_ITEMS = "dashboard_all_items"  # the folded list of every statement, open or not
lang = current_language()
key = st.query_params.get(urls.KEY)
workshop = workshops.facilitator_view(key)
if workshop is None:
    st.title(t("dashboard.title"))
    st.error(t("dashboard.unknown_key"))
    st.stop()

st.title(plain(workshop.title))
teaching.demo_notice(workshop.demo_case)
if workshop.demo_case:
    st.page_link(
        "app_pages/teaching.py",
        label=t("teaching.reset"),
        icon=":material/restart_alt:",
        query_params=urls.dashboard_params(key, lang),
    )
status_word = t(f"dashboard.status_{workshop.status}")
st.caption(t("dashboard.status_line", status=status_word, code=workshop.participant_code))


# Every 4 s while the workshop is open, only the counts are drawn again (each submission changes them); the figures
# below change only when a round records a new batch, and the whole page is then drawn again. The dashboard used to
# rebuild its radar and 39 distribution charts every 4 s with nothing new to show (issue 11). A closed workshop's
# counts no longer move: no refresh, which also keeps a download button from being redrawn (and its file lost)
# while the facilitator presses it; so a closed dashboard sees a reopening elsewhere at its next reload only.
@st.fragment(run_every=REFRESH if workshop.status == "open" else None)
def counts(drawn: FiguresMarker) -> None:
    if live_counts(key, drawn):
        st.rerun(scope="app")


def live() -> None:
    drawn = figures_marker(workshop)  # before the figures: a batch recorded meanwhile is caught at the next refresh
    counts(drawn)
    results = workshops.results_for(workshop)
    if results is None or results.report is None:  # the counts say why
        return
    questionnaire, report = results.questionnaire, results.report
    radar, discuss = st.columns([1, 1])
    with radar:
        st.subheader(t("dashboard.radar_title"))
        group_radar(questionnaire, report)
        overall(report)
    with discuss:
        st.subheader(t("dashboard.discuss_title"))
        glossary_link("a-discuter")
        disagreements(questionnaire, report, limit=5, with_distribution=True)
    if questionnaire.positions:  # where the relationship stands, today and wished (the continuum)
        st.subheader(t("positions.title"))
        positions(questionnaire, report, key="dashboard_positions")
    st.subheader(t("dashboard.stats_title"))
    dimensions_table(questionnaire, report)
    # Folded, its 34 charts are built only once opened (the expander reruns the page when it opens).
    all_items = st.expander(t("dashboard.all_items_title"), key=ALL_ITEMS, on_change="rerun")
    if all_items.open:
        with all_items:
            disagreements(questionnaire, report, with_distribution=True, key="all_items")
    group_by = st.session_state.get("dashboard_group_by")
    if group_by and questionnaire.profile_field(group_by):
        st.subheader(t("dashboard.breakdown_title", field=_field_label(questionnaire, group_by).lower()))
        comparison_panel(questionnaire, report, group_by, balanced=bool(st.session_state.get(BALANCED)))
        with st.expander(t("compare.groups_detail")):
            breakdown(questionnaire, report, group_by)
    earlier = baselines.earlier_results(workshop.id)
    if earlier is not None:
        st.subheader(t("compare.waves_title"))
        waves_panel(
            questionnaire,
            report,
            earlier.questionnaire,
            earlier.results.report,
            earlier_title=earlier.title,
            from_file=earlier.from_file,
        )
    st.subheader(t("results.recommendations_title"))
    results_view.recommendations(questionnaire, report)
    show_path_for(questionnaire, report, group=True)
    report_downloads(
        questionnaire,
        report,
        title=workshop.title,
        key="dashboard_report",
        plan=drawn.plan,
        extra=partial(screen_sections, questionnaire, report, group_by, earlier),
    )


# The standard profile questions are asked as « Votre rôle »: the facilitator compares by « Rôle ».
STANDARD_FIELDS = {"role": "dashboard.field_role", "organisation": "dashboard.field_organisation"}


def _field_label(questionnaire, field_id: str) -> str:
    if field_id in STANDARD_FIELDS:
        return t(STANDARD_FIELDS[field_id])
    field = questionnaire.profile_field(field_id)
    return text_in(field.label, lang) if field else field_id


tabs = st.tabs([t("dashboard.tab_live"), t("dashboard.tab_share"), t("paper.tab"), t("dashboard.tab_manage")])
with tabs[0]:
    questionnaire = get_questionnaire(workshop.questionnaire_id)
    fields = [f for f in workshop.profile_fields if questionnaire and questionnaire.profile_field(f)]
    if questionnaire and fields:
        st.segmented_control(
            t("dashboard.group_by"),
            options=fields,
            format_func=lambda field_id: _field_label(questionnaire, field_id),
            key="dashboard_group_by",
        )
    chosen = st.session_state.get("dashboard_group_by")
    if chosen in fields:
        st.toggle(balanced_label(chosen), key=BALANCED, help=t("compare.balanced_toggle_help"))
    st.page_link(
        "app_pages/projection.py",
        label=t("dashboard.projection_link"),
        icon=":material/present_to_all:",
        # The projector shows what the dashboard compares, read-only: the field and the switch go in its URL.
        query_params=urls.projection_params(
            workshops.projection_token(key) or "",
            lang,
            compare=chosen if chosen in fields else None,
            balanced=bool(st.session_state.get(BALANCED)),
        ),
    )
    st.caption(t("dashboard.projection_help"))
    if baselines.has_baseline(workshop.id):
        st.page_link(
            "app_pages/projection.py",
            label=t("compare.projection_waves_link"),
            icon=":material/compare_arrows:",
            query_params=urls.projection_params(workshops.projection_token(key) or "", lang, waves=True),
        )
    st.page_link(
        "app_pages/plan.py",
        label=t("dashboard.plan_link"),
        icon=":material/checklist:",
        query_params=urls.dashboard_params(key, lang),
    )
    live()
with tabs[1]:
    # Not the code itself: this page's URL carries the facilitator key, and a projected URL bar is read by the room.
    if workshop.status != "open":  # latecomers can no longer join: no screen to project for them (issue 18)
        st.info(t("dashboard.share_closed"))
    else:
        st.markdown(t("dashboard.share_explained"))
        st.page_link(
            "app_pages/projection.py",
            label=t("dashboard.share_link"),
            icon=":material/qr_code_2:",
            query_params=urls.projection_params(workshops.projection_token(key) or "", lang, show_code=True),
        )
with tabs[2]:
    paper_questionnaire = get_questionnaire(workshop.questionnaire_id)
    if paper_questionnaire is not None:
        paper_panel(workshop, paper_questionnaire)
with tabs[3]:
    store = get_store()
    if workshop.status == "open":
        if st.button(t("dashboard.close"), icon=":material/lock:"):
            store.set_workshop_status(key, "closed")
            workshops.publish(workshop)
            st.rerun()
        st.caption(t("dashboard.close_help"))
    else:
        if st.button(t("dashboard.reopen"), icon=":material/lock_open:"):
            store.set_workshop_status(key, "open")
            workshops.publish(workshop)
            st.rerun()
    st.divider()
    st.markdown(t("dashboard.delete_explained"))
    confirm = st.text_input(t("dashboard.delete_confirm", word=t("dashboard.delete_word")), key="delete_confirm")
    if st.button(
        t("dashboard.delete"),
        type="primary",
        icon=":material/delete_forever:",
        disabled=confirm.strip().casefold() != t("dashboard.delete_word").casefold(),
    ):
        store.delete_workshop(key)
        st.session_state[DELETED_HERE] = key  # its refresh then draws nothing more
        st.session_state.pop("workshop_created", None)
        st.success(t("dashboard.deleted_done"))
        st.stop()
