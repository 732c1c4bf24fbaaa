"""Participants: join a workshop with its code (typed, or from the projected link / QR code) and answer.

One response per person and phone: a phone that already answered (its browser remembers the token, see
ui.browser_memory) is told so and offered its answers, or a new response for someone else; one that started
goes back to its answers.
"""

import streamlit as st

from ui import browser_memory, flow, teaching, urls, workshop_state, workshops
from ui.catalogue import get_questionnaire, shown_text
from ui.language import current_language, t
from ui.text import plain

lang = current_language()
st.title(t("join.title"))
browser_memory.write_pending()


def start_response(workshop: workshops.ParticipantView, code: str) -> None:
    flow.start(
        workshop.questionnaire_id,
        workshop_id=workshop.id,
        workshop_code=code,
        organisations=list(workshop.organisations),
        asked_profile=list(workshop.profile_fields),
    )


code_in_url = str(st.query_params.get(urls.CODE, ""))
if code_in_url and not st.query_params.get(urls.TOKEN):
    # This phone answered or started here before: the browser remembers under which token.
    remembered = browser_memory.response_for(code_in_url)
    if remembered is not None:
        st.query_params[urls.TOKEN] = remembered["r"]
try:
    resumed = flow.resume_from_url()
except flow.StorageDown:
    flow.storage_down_notice()
    st.stop()
if (
    resumed is not None
    and not resumed.submitted
    and workshops.response_workshop(resumed.respondent.workshop_code, resumed.respondent.workshop_id) is not None
):
    # A participant who already started (reload, phone asleep, a new tab) goes straight back to their answers;
    # not when that workshop is gone (a demo reset since, under the same code): they start anew below.
    st.switch_page("app_pages/questionnaire.py", query_params=flow.url_params())

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
if workshop is None and workshop_state.held_a_response(code_in_url, st.query_params.get(urls.TOKEN)):
    workshop_state.deleted_notice()  # this phone answered it: not a mistyped code (issue 18)
    st.stop()
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
teaching.demo_notice(workshop.demo_case)
st.caption(shown_text(questionnaire, questionnaire.title, lang))

answered = resumed is not None and resumed.submitted and resumed.respondent.workshop_id == workshop.id
if answered:
    st.success(t("join.already_answered"), icon=":material/task_alt:")
    st.page_link(
        "app_pages/results.py", label=t("join.see_my_answers"), icon=":material/radar:", query_params=flow.url_params()
    )
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
if answered:
    st.caption(t("join.someone_else_help"))
    if st.button(t("join.someone_else"), key="join_someone_else", icon=":material/person_add:"):
        start_response(workshop, code.strip().upper())
        st.switch_page("app_pages/questionnaire.py", query_params=flow.url_params())
    st.stop()
st.write(t("join.anonymous"))
if st.button(t("join.start"), type="primary", key="join_start"):
    start_response(workshop, code.strip().upper())
    st.switch_page("app_pages/questionnaire.py", query_params=flow.url_params())
