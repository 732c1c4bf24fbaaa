"""Home: what the tool is, for whom, its uses, and the choice of a questionnaire."""

import streamlit as st

from scoring.model import text_in
from ui import browser_memory, flow, urls
from ui.catalogue import estimated_minutes, shipped_questionnaires
from ui.language import current_language, t
from ui.steps_view import show_path

lang = current_language()
st.title(t("home.title"))
st.markdown(t("home.intro"))

remembered = browser_memory.recall("solo")
if remembered is not None:  # this browser answers a questionnaire alone: a new tab finds it again
    st.page_link(
        "app_pages/questionnaire.py",
        label=t("home.resume"),
        icon=":material/edit_note:",
        query_params=urls.respondent_params(remembered["r"], lang),
    )

st.header(t("home.choose"))
questionnaires = shipped_questionnaires()
if not questionnaires:
    st.error(t("home.no_questionnaire"))
for questionnaire in questionnaires.values():
    with st.container(border=True):
        st.subheader(text_in(questionnaire.title, lang))
        if questionnaire.description:
            st.write(text_in(questionnaire.description, lang))
        st.caption(
            t(
                "home.length",
                statements=t("home.length_statements", count=len(questionnaire.items)),
                dimensions=t("home.length_dimensions", count=len(questionnaire.dimensions)),
                minutes=estimated_minutes(questionnaire),
            )
        )
        if st.button(t("home.start"), key=f"start_{questionnaire.id}", type="primary"):
            flow.start(questionnaire.id)
            st.switch_page("app_pages/questionnaire.py", query_params=flow.url_params())

st.header(t("path.home_title"))
st.markdown(t("path.home_intro"))
show_path()

st.header(t("home.uses_title"))
uses = st.columns(3)
links = {
    "alone": None,
    "workshop": ("app_pages/workshop.py", "home.use_workshop_link", ":material/groups:"),
    "teach": ("app_pages/method.py", "home.method_link", ":material/calculate:"),
}
for column, (use, link) in zip(uses, links.items(), strict=True):
    with column.container(border=True):
        st.subheader(t(f"home.use_{use}_title"))
        st.write(t(f"home.use_{use}_text"))
        if link:
            st.page_link(link[0], label=t(link[1]), icon=link[2])
        if use == "workshop":
            st.page_link("app_pages/join.py", label=t("home.join_link"), icon=":material/login:")
