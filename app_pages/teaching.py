"""Teaching mode: the case studies, each opening a demo workshop in one click; with ``?k=`` (a demo's facilitator
key), that demo's links and its reset."""

import streamlit as st

from scoring.model import text_in
from ui import browser_memory, teaching, urls, workshop_links, workshops
from ui.catalogue import get_questionnaire
from ui.language import current_language, t
from ui.text import plain
from ui.workshop_view import share_panel

lang = current_language()
st.title(t("teaching.title"))


RESET_CONFIRM = "teaching_reset_confirm"
RESET_DONE = "teaching_reset_done"


def _reset(key: str, case: teaching.Case, lang: str) -> None:
    """The reset, confirmed; its confirmation is asked again for the next one."""
    teaching.reset_demo(key, case, lang)
    st.session_state[RESET_CONFIRM] = False
    st.session_state[RESET_DONE] = True


def demo_panel(key: str) -> None:
    """A demo's links (dashboard, classroom projection, join code) and its reset, for the holder of its key."""
    workshop = workshops.facilitator_view(key)
    case = teaching.shipped_cases().get(workshop.demo_case or "") if workshop else None
    if workshop is None or case is None:
        st.error(t("teaching.not_a_demo"))
        return
    teaching.demo_notice(workshop.demo_case)
    st.subheader(plain(workshop.title))
    # The code first: this screen is the one projected for the students to join. The links below carry the key in
    # their address only, never as text on the screen.
    share_panel(workshop.participant_code)
    with st.container(horizontal=True):
        st.page_link(
            "app_pages/dashboard.py",
            label=t("teaching.dashboard"),
            icon=":material/monitoring:",
            query_params=urls.dashboard_params(key, lang),
        )
        st.page_link(
            "app_pages/classroom.py",
            label=t("teaching.classroom_link"),
            icon=":material/co_present:",
            query_params=urls.projection_params(workshops.projection_token(key) or "", lang),
        )
    if workshop.expires_at is not None:
        st.caption(t("teaching.expires", date=workshop.expires_at.strftime("%d/%m/%Y")))
    st.caption(t("teaching.reset_help"))
    # Confirmed first, as deleting a workshop is: one tap erased the class's answers.
    confirmed = st.checkbox(t("teaching.reset_confirm"), key=RESET_CONFIRM)
    st.button(
        t("teaching.reset"), icon=":material/restart_alt:", key="teaching_reset", disabled=not confirmed,
        on_click=_reset, args=(key, case, lang),
    )  # fmt: skip
    if st.session_state.pop(RESET_DONE, False):
        st.success(t("teaching.reset_done"))
    if st.button(t("teaching.other_case"), key="teaching_other_case"):
        st.session_state.pop(OPENED, None)
        st.query_params.pop(urls.KEY, None)
        st.rerun()


# The key of the demo opened in this session stays out of the URL (this screen may be projected, and the room
# reads a projected URL bar); a link with ``?k=`` (from the dashboard) opens the same panel, and the key moves from
# the URL into the session at once.
OPENED = "teaching_demo_key"
if st.query_params.get(urls.KEY):
    st.session_state[OPENED] = st.query_params.get(urls.KEY)
    st.query_params.pop(urls.KEY, None)
key = st.session_state.get(OPENED)
browser_memory.write_pending()
if key:
    demo_panel(key)
    st.stop()

workshop_links.my_workshops()  # a demo opened earlier on this browser, found again after a reload

st.markdown(t("teaching.intro", days=teaching.DEMO_LIFETIME.days))
cases = teaching.shipped_cases()
if not cases:
    st.info(t("teaching.no_cases"))
for case in cases.values():
    questionnaire = get_questionnaire(case.questionnaire)
    with st.container(border=True):
        st.subheader(text_in(case.title, lang))
        st.markdown(text_in(case.summary, lang))
        count = sum(role.count for role in case.synthetic.roles.values())
        name = text_in(questionnaire.title, lang) if questionnaire else case.questionnaire
        st.caption(t("teaching.summary_questionnaire", questionnaire=name, count=count))
        with st.expander(t("teaching.situation")):
            st.markdown(text_in(case.situation, lang))
            st.caption(t("teaching.sources", sources=", ".join(case.source)))
            st.markdown(f"**{t('teaching.roles')}**")
            for role in case.roles:
                st.markdown(
                    "- " + t("teaching.role_line", label=text_in(role.label, lang), brief=text_in(role.brief, lang))
                )
            st.markdown(f"**{t('teaching.questions')}**")
            for question in case.questions:
                st.markdown("- " + text_in(question.question, lang))
            st.markdown(f"**{t('teaching.texts_say')}**")
            for reading in case.texts_say:
                st.markdown(f"- {text_in(reading.text, lang)} ({', '.join(reading.source)})")
        with st.container(horizontal=True):
            opened = st.button(
                t("teaching.open_demo"), key=f"demo_open_{case.id}", type="primary", icon=":material/science:"
            )
            teaching.sheet_download(case)
        if opened:
            created = teaching.open_demo(case, lang)
            st.session_state[OPENED] = created.facilitator_key
            # In « Mes ateliers » too, as a created workshop is: a reload, or a laptop that slept, left the trainer
            # with the case list and no way back to the demo's dashboard, reset or classroom (review).
            browser_memory.remember_workshop(created.participant_code, created.facilitator_key)
            st.rerun()
