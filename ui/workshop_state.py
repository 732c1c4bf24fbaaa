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


def was_deleted(code: str | None, token: str | None) -> bool:
    """For a page that found no response under the URL's token: whether the workshop of ``code`` this visitor held
    a response to no longer exists."""
    if not held_a_response(code, token):
        return False
    from ui import workshops  # here, not at import: the questionnaire page does without it otherwise

    return workshops.participant_view(code) is None


def deleted_notice() -> None:
    """The workshop was deleted, and one's answers with it: erased for good, the link opens nothing any more."""
    st.warning(t("results.workshop_deleted"), icon=":material/delete_forever:")
