"""Words true to the moment (issue 18): what a participant's page can say of a workshop that no longer exists.

Deleting a workshop erases it with all its answers (DESIGN.md, « Storage and workshops »; `Store.delete_workshop`),
so nothing is left on the server to tell a deleted workshop from a mistyped code. A page tells them apart by what
its visitor holds: a respondent token beside the code (a link the app made: one's results, one's answers), or this
browser's memory of having answered that workshop (`ui.browser_memory`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui import browser_memory, urls
from ui.language import current_language, t

if TYPE_CHECKING:
    from storage import ParticipantView


def held_a_response(code: str | None, token: str | None) -> bool:
    """Whether this visitor held a response to the workshop of ``code``: a token beside it, or this browser's memory."""
    return bool(code) and (bool(token) or browser_memory.response_for(str(code)) is not None)


def link_opens_nothing(code: str | None, token: str | None) -> bool:
    """For a page that found no response under the URL's token: whether its visitor held one (a token beside a
    code, or this browser's memory), so that « pas encore commencé » would be false.

    No workshop is looked up: telling « deleted » from « this code opens nothing » here would let anyone test codes
    with a made-up token, past the join brake (`ui.rate_limit`); and a link cut short by an e-mail (the code comes
    last) would be told its answers were erased. `gone_notice` says what holds in every such case."""
    return held_a_response(code, token)


def gone_notice() -> None:
    """The link opens no response: cut short, or its workshop deleted and every answer with it."""
    st.warning(t("results.link_gone"), icon=":material/link_off:")


def deleted_notice() -> None:
    """The workshop was deleted, and one's answers with it: erased for good, the link opens nothing any more."""
    st.warning(t("results.workshop_deleted"), icon=":material/delete_forever:")


def demo_was_reset(code: str | None, workshop_id: int | None) -> bool:
    """Whether the demo a response was given in has been reset since: its code now opens a demo workshop under
    another id (`Store.reset_demo` writes it again under a new one). Only for a response this session holds,
    found by its own code: no code is tried for anyone."""
    if workshop_id is None:
        return False
    from ui import workshops  # only then: it loads pandas, which an answering page otherwise never needs

    view = workshops.participant_view(code)
    return view is not None and view.id != workshop_id and view.demo_case is not None


def demo_reset_notice(code: str) -> None:
    """The demo was reset: one's answers went with the others; the way back in, as a new respondent."""
    st.info(t("teaching.demo_was_reset"), icon=":material/restart_alt:")
    st.page_link(
        "app_pages/join.py",
        label=t("teaching.demo_rejoin"),
        icon=":material/login:",
        query_params=urls.join_params(code, current_language()),
    )


def group_results_shown(workshop: ParticipantView) -> bool:
    """Whether the group's results page of ``workshop`` shows figures: enough answers counted (the privacy rule's
    `results_for`), so that a page never sends a participant to « trop peu de réponses »."""
    from ui import workshops  # it loads pandas: the results page has it already, an answering page need not

    results = workshops.results_for(workshop)
    return results is not None and results.report is not None
