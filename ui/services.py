"""Long-lived services shared by every session of the server process."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from storage import Store

# A solo respondent who leaves without sending has this long to come back through their link.
DRAFT_RETENTION = timedelta(days=30)


def get_store() -> Store:
    store = _store()
    _purge_abandoned_drafts()
    return store


@st.cache_resource(show_spinner=False)
def _store() -> Store:
    # One Store (and engine pool) per process: RADAR_DATABASE_URL, or the SQLite file under data/.
    return Store()


# Once a day per server process is enough for a retention counted in weeks; the cached call costs nothing.
@st.cache_resource(ttl=timedelta(days=1), show_spinner=False)
def _purge_abandoned_drafts() -> int:
    return _store().purge_abandoned_drafts(DRAFT_RETENTION)
