"""Participants: join a workshop with its code (typed, or from the projected link / QR code) and answer."""

import streamlit as st

from scoring.model import text_in
from ui import flow, urls, workshops
from ui.catalogue import get_questionnaire
from ui.language import current_language, t
from ui.text import plain

lang = current_language()
st.title(t("join.title"))

if flow.restore_from_url() and st.session_state.get(flow.WORKSHOP):
    # A participant who already started (reload, phone asleep) goes straight back to their answers.
    st.switch_page("app_pages/questionnaire.py", query_params=flow.url_params())

code_in_url = str(st.query_params.get(urls.CODE, ""))
# Arriving by the projected link or QR code, the code is already known: no form to fill, one button to press.
typed = None
if not code_in_url:
    with st.form("join", enter_to_submit=True):
        typed = st.text_input(t("join.code"), max_chars=12, placeholder="ABCD-EFGH")
        joined = st.form_submit_button(t("join.submit"), type="primary")
    if not joined:
        st.stop()
code = code_in_url or typed or ""
workshop = workshops.join(code)
if workshop == "wait":
    st.error(t("join.wait"))
    st.stop()
questionnaire = get_questionnaire(workshop.questionnaire_id) if workshop else None
if workshop is None or questionnaire is None:
    st.error(t("join.unknown_code"))
    if code_in_url:
        st.page_link("app_pages/join.py", label=t("join.type_code"), icon=":material/keyboard:")
    st.stop()
if not code_in_url:
    # A typed code goes into the URL: the next click (« Commencer ») and a reload both find it there.
    st.query_params[urls.CODE] = code.strip().upper()
    st.rerun()
st.subheader(plain(workshop.title))
st.caption(text_in(questionnaire.title, lang))
if workshop.status != "open":
    st.warning(t("join.closed"))
    if workshop.show_results_to_participants:
        st.page_link(
            "app_pages/group_results.py",
            label=t("join.see_group_results"),
            icon=":material/groups:",
            query_params=urls.join_params(code, lang),
        )
    st.stop()
st.write(t("join.anonymous"))
if st.button(t("join.start"), type="primary", key="join_start"):
    flow.start(
        questionnaire.id,
        workshop_id=workshop.id,
        workshop_code=code.strip().upper(),
        organisations=list(workshop.organisations),
        asked_profile=list(workshop.profile_fields),
    )
    st.switch_page("app_pages/questionnaire.py", query_params=flow.url_params())
