"""The action plan on the projector, read-only: opened with the projection token (``?p=``), never the key."""

import streamlit as st

from ui import action_plan, teaching, urls, workshops
from ui.catalogue import get_questionnaire
from ui.language import current_language, t
from ui.text import plain

lang = current_language()
token = st.query_params.get(urls.PROJECTION)
workshop = workshops.projection_view(token)
if workshop is None:
    st.error(t("projection.unknown_link"))
    st.stop()
questionnaire = get_questionnaire(workshop.questionnaire_id)
st.markdown(f"## {plain(workshop.title)}")
teaching.demo_notice(workshop.demo_case)
st.title(t("plan.title"))
loaded = action_plan.load(workshop.id)
if questionnaire is None or not loaded.plan.priorities:
    st.info(t("plan.none_yet"))
    st.stop()
for number, priority in enumerate(loaded.plan.priorities, start=1):
    # A statement of an imported questionnaire is shown as typed, never as Markdown (ui.text.plain).
    st.subheader(f"{number}. {plain(action_plan.priority_label(questionnaire, priority, lang))}")
    table = action_plan.actions_table(questionnaire, loaded.plan, priority, lang)
    if table.empty:
        st.caption(t("plan.no_action_yet"))
    else:
        st.dataframe(table, hide_index=True, width="stretch")
st.page_link(
    "app_pages/projection.py",
    label=t("projection.show_results"),
    icon=":material/radar:",
    query_params=urls.projection_params(token or "", lang),
)
