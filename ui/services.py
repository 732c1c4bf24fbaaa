"""Long-lived services shared by every session of the server process.

`storage.Store` is imported when the store is first asked for, not when this module is: importing `storage`
costs nothing, but `Store` brings SQLAlchemy, which a page that never touches the database (the home page, the
method) need not load (tests/storage/test_storage_config.py checks it).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from storage import Store

# A solo respondent who leaves without sending has this long to come back through their link.
DRAFT_RETENTION = timedelta(days=30)


def get_store() -> Store:
    store = _store()
    _purge_abandoned_drafts()
    _purge_expired_demos()
    return store


@st.cache_resource(show_spinner=False)
def _store() -> Store:
    from storage import Store

    # One Store (and engine pool) per process: RADAR_DATABASE_URL, or the SQLite file under data/.
    return Store()


# Once a day per server process is enough for a retention counted in weeks; the cached call costs nothing.
@st.cache_resource(ttl=timedelta(days=1), show_spinner=False)
def _purge_abandoned_drafts() -> int:
    return _store().purge_abandoned_drafts(DRAFT_RETENTION)


# Demo workshops of teaching mode live days (ui.teaching.DEMO_LIFETIME): an hour late is soon enough.
@st.cache_resource(ttl=timedelta(hours=1), show_spinner=False)
def _purge_expired_demos() -> int:
    return _store().purge_expired_demos()
