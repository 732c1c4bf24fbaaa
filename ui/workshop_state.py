"""Words true to the moment (issue 18): what a participant's page can say of a workshop that no longer exists.

Deleting a workshop erases it with all its answers (DESIGN.md, « Storage and workshops »; `Store.delete_workshop`),
so nothing is left on the server to tell a deleted workshop from a mistyped code. A page tells them apart by what
its visitor holds: a respondent token beside the code (a link the app made: one's results, one's answers), or this
browser's memory of having answered that workshop (`ui.browser_memory`).
"""

from __future__ import annotations

import streamlit as st

from ui import browser_memory
from ui.language import t


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
