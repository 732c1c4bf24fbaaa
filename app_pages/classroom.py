"""The projector in a classroom: a demo workshop's disputed statements, one at a time, in large type, each with
the distribution of its answers (from the workshop's shown results, under the same privacy rules as every group
screen) and the case's question to discuss. Opened with the read-only projection token (``?p=``)."""

from datetime import timedelta

import streamlit as st

from scoring.model import text_in
from ui import teaching, urls, workshops
from ui.language import current_language, t
from ui.results_view import format_decimal

lang = current_language()
token = st.query_params.get(urls.PROJECTION)
workshop = workshops.projection_view(token)
case = teaching.shipped_cases().get(workshop.demo_case or "") if workshop else None
if workshop is None or case is None:
    st.error(t("classroom.unknown_link"))
    st.stop()

POSITION = "classroom_position"
disputed = case.disputed
position = min(max(int(st.session_state.get(POSITION, 0)), 0), len(disputed) - 1)


def move(step: int) -> None:
    st.session_state[POSITION] = min(max(position + step, 0), len(disputed) - 1)


teaching.classroom_style()
teaching.demo_notice(workshop.demo_case)
entry = disputed[position]


@st.fragment(run_every=timedelta(seconds=4))
def statement() -> None:
    current = workshops.projection_view(token)
    if current is None:
        st.warning(t("dashboard.deleted"))
        return
    results = workshops.results_for(current)
    if results is None:
        return
    item = next((i for i in results.questionnaire.items if i.id == entry.statement), None)
    with st.container(key="classroom"):
        st.caption(
            t("classroom.position", position=position + 1, total=len(disputed))
            + " · "
            + t("projection.join_code", code=current.participant_code)
        )
        st.markdown(f"## {text_in(item.text, lang) if item else entry.statement}")
        # The question right under its statement: on a 1366×768 projector both must be on the first screen.
        st.markdown(f"### {t('classroom.question', question=text_in(entry.question, lang))}")
        stats = next((s for s in results.report.items if s.id == entry.statement), None) if results.report else None
        if stats is None or not stats.n:
            st.info(t("classroom.waiting"))
        else:
            st.plotly_chart(
                teaching.projected_distribution(results.questionnaire, stats.distribution, lang),
                config={"displayModeBar": False, "staticPlot": True},
                key="classroom_distribution",
            )
            st.markdown(
                t("classroom.answers_line", count=stats.n, consensus=format_decimal(stats.consensus)),
            )


# « Précédent / Suivant » above the statement: on the first screen whatever the length of the text.
with st.container(horizontal=True, key="classroom_nav"):
    st.button(
        t("classroom.previous"),
        icon=":material/arrow_back:",
        disabled=position == 0,
        on_click=move,
        args=(-1,),
        key="classroom_previous",
    )
    st.button(
        t("classroom.next"),
        icon=":material/arrow_forward:",
        disabled=position == len(disputed) - 1,
        on_click=move,
        args=(1,),
        key="classroom_next",
    )
statement()
