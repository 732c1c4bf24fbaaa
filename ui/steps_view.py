"""The three steps before cooperating, then the decision, as a path drawn across the page (scoring.steps)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from scoring.steps import PATH, PathState, asks_the_path, path_state
from ui.language import t

if TYPE_CHECKING:  # the home page draws the path with no report: scoring.privacy would bring numpy and pandas
    from scoring.model import Questionnaire
    from scoring.privacy import SharedReport
    from scoring.results import ScoreReport

STATUS_COLOURS = {"done": "green", "partly": "orange", "not_done": "red", "unknown": "gray"}
# Where each step is served in the app: (page, label key, icon).
SERVED_BY = {
    "diagnostic": [],
    "opportunite": [("app_pages/guide.py", "path.guide_link", ":material/handshake:")],
    "faisabilite": [("app_pages/guide.py", "path.guide_link", ":material/handshake:")],
    "decision": [("app_pages/workshop.py", "path.workshop_link", ":material/groups:")],
}


def show_path(state: PathState | None = None, *, group: bool = False, links: bool = True) -> None:
    """The four steps side by side (stacked on a phone): what each asks, what serves it, and, with a state,
    whether it was made and where the group, or the respondent, stands."""
    st.caption(t("path.source"))
    columns = st.columns(len(PATH))
    for number, (column, step) in enumerate(zip(columns, PATH, strict=True), start=1):
        with column.container(border=True):
            st.markdown(f"**{number}. {t(f'path.{step.id}.title')}**")
            if state is not None:
                status = state.statuses[step.id]
                if step.id == state.current:
                    st.badge(t("path.here_group" if group else "path.here_own"), color="blue", icon=":material/place:")
                if step.item is not None:
                    st.badge(t(f"path.status.{status}"), color=STATUS_COLOURS[status])  # type: ignore[arg-type]
            st.write(t(f"path.{step.id}.asks"))
            st.caption(t(f"path.{step.id}.served"))
            if links:
                for page, label, icon in SERVED_BY[step.id]:
                    st.page_link(page, label=t(label), icon=icon)


def show_path_for(questionnaire: Questionnaire, report: ScoreReport | SharedReport | None, *, group: bool) -> None:
    """On a results screen of a questionnaire that asks about the steps (« Préparer un rapprochement »)."""
    if not asks_the_path(questionnaire):
        return
    st.header(t("path.title"))
    state = path_state(questionnaire, report)
    if state.current is None:
        st.info(t("path.unknown"))
    show_path(state, group=group)
