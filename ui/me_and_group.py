"""« Moi et le groupe »: on one's own results and on the group's results, a participant sets their own line beside
their workshop's group line, on one radar, with the gap per dimension.

The group's line comes from the workshop's `SharedReport` only (`ui.workshops.results_for`); one's own line from
one's own answers as this session holds them (`ui.flow`), scored by the engine in this run. The own line is drawn
for its author only: it is not stored, not cached across sessions (its chart is kept in this session only), and
never enters a shared figure. It is offered only once the group's results are public (the workshop is closed and
its facilitator chose to show them to participants); before that, or when the workshop was deleted, one sentence
says which of these holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from reports import figures
from reports.charts import me_and_group_radar_chart
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import Questionnaire, text_in
from scoring.privacy import SharedReport
from scoring.privacy.beside import Beside, me_and_group
from scoring.results import ScoreReport
from scoring.rounding import format_number, round_half_up
from storage import ParticipantView
from ui import browser_memory, urls, workshops
from ui.answer_state import AnswerState, only_asked
from ui.language import current_language, t
from ui.style import follow_width

if TYPE_CHECKING:
    import plotly.graph_objects as go

TOGGLE = "me_and_group"
# This session's own chart, kept between reruns (a Plotly figure costs its validation): never shared with another.
CHART_KEY = "me_and_group_chart"


def own_report(questionnaire: Questionnaire, state: AnswerState) -> ScoreReport:
    """One's own answers as they were sent (only what one is asked), scored as a group of one."""
    sent = only_asked(questionnaire, state)
    return score_responses(questionnaire, responses_frame(questionnaire, [dict(sent.answers)], [dict(sent.profile)]))


def is_public(workshop: ParticipantView) -> bool:
    return workshop.status == "closed" and workshop.show_results_to_participants


def status_sentence(workshop: ParticipantView | None) -> str | None:
    """Why one's results cannot be set beside the group's now (None: they can, the results are public)."""
    if workshop is None:
        return t("compare.me_deleted")
    if not workshop.show_results_to_participants:
        return t("compare.me_not_shared_open" if workshop.status == "open" else "compare.me_not_shared_closed")
    if workshop.status != "closed":
        return t("compare.me_open")
    return None


def _figure(chart) -> go.Figure:
    kept = st.session_state.get(CHART_KEY)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == chart:
        return kept[1]
    figure = figures.multi_radar_plotly(chart)  # as the comparison's: its height follows its width
    st.session_state[CHART_KEY] = (chart, figure)
    return figure


def _score(value: float | None) -> str:
    return format_number(value, current_language(), 1, missing=t("results.insufficient"))


def gap_text(gap: float | None) -> str:
    """« +12,5 », « −3,0 », « 0,0 », or a dash when either side has no score."""
    if gap is None:
        return "–"
    text = format_number(abs(gap), current_language(), 1)
    rounded = round_half_up(gap, 1) or 0.0
    return f"+{text}" if rounded > 0 else f"\u2212{text}" if rounded < 0 else text


def beside_panel(questionnaire: Questionnaire, mine: ScoreReport, group: SharedReport, *, key: str = TOGGLE) -> Beside:
    """The radar with « Mes réponses » and « Le groupe », and the table of gaps per dimension."""
    beside = me_and_group(questionnaire, mine, group)
    lang = current_language()
    chart = me_and_group_radar_chart(questionnaire, beside, lang)
    # Side by side on a computer (the legend stays near its radar), one under the other on a phone.
    radar, table = st.columns([3, 2], vertical_alignment="center")
    with radar:
        figure = _figure(chart)
        follow_width(f"{key}_radar", *figures.multi_radar_room(figure))
        st.plotly_chart(figure, config={"displayModeBar": False}, key=f"{key}_radar")
    labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    headers = [t("results.col_dimension"), t("compare.me_col_gap"), t("compare.me_col_mine"), t("compare.me_col_group")]
    rows = [[t("report.col_overall"), gap_text(beside.overall_gap), _score(beside.overall_mine)]]
    rows[0].append(_score(beside.overall_group))
    for row in beside.dimensions:
        group_text = _score(row.group) if row.group_status == "shown" else t("compare.me_group_hidden")
        rows.append([labels[row.id], gap_text(row.gap), _score(row.mine), group_text])
    with table:
        st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True, width="stretch", key=f"{key}_table")
        st.caption(t("compare.me_gap_help"))
    return beside


def _section(questionnaire: Questionnaire, mine: ScoreReport, results: workshops.WorkshopResults | None) -> None:
    if results is None or results.report is None:
        st.info(t("compare.me_too_few", count=questionnaire.min_group_size))
        return
    if st.toggle(t("compare.me_toggle"), key=TOGGLE, help=t("compare.me_toggle_help")):
        beside_panel(questionnaire, mine, results.report)


def on_own_results(
    questionnaire: Questionnaire, state: AnswerState, mine: ScoreReport, workshop: ParticipantView | None
) -> None:
    """On one's own results (``mine``: the page's own report), in a workshop, once sent: « Moi et le groupe »,
    or why not yet."""
    if state.respondent.workshop_id is None or not state.submitted:
        return
    st.header(t("compare.me_title"))
    sentence = status_sentence(workshop)  # ``workshop``: `workshops.response_workshop`, None once deleted
    if sentence is not None or workshop is None:
        st.info(sentence or t("compare.me_deleted"))
        return
    _section(questionnaire, mine, workshops.results_for(workshop))


def on_group_results(questionnaire: Questionnaire, workshop: ParticipantView, state: AnswerState | None) -> None:
    """On the group's results (public: the page shows nothing else before): one's own line beside, when this
    session holds one's sent answers to this workshop; else the way to them, when this browser remembers them."""
    if not is_public(workshop):
        return
    st.header(t("compare.me_title"))
    if state is not None and state.respondent.workshop_id == workshop.id and state.submitted:
        _section(questionnaire, own_report(questionnaire, state), workshops.results_for(workshop))
        return
    code = st.query_params.get(urls.CODE) or ""
    remembered = browser_memory.response_for(code) if code else None
    if remembered is not None and remembered.get("sent"):
        st.caption(t("compare.me_open_own"))
        st.page_link(
            "app_pages/results.py",
            label=t("compare.me_own_link"),
            icon=":material/person:",
            query_params=urls.respondent_params(remembered["r"], current_language(), code),
        )
        return
    st.caption(t("compare.me_elsewhere"))
