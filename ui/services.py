"""Long-lived services shared by every session of the server process.

`storage.Store` is imported when the store is first asked for, not when this module is: importing `storage`
costs nothing, but `Store` brings SQLAlchemy, which a page that never touches the database (the home page, the
method) need not load (tests/storage/test_storage_config.py checks it).
"""

from __future__ import annotations

import threading
import time
from contextlib import suppress
from datetime import timedelta
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from storage import Store

# A solo respondent who leaves without sending has this long to come back through their link.
DRAFT_RETENTION = timedelta(days=30)


def get_store() -> Store:
    store = _store()
    _maintenance(store)
    return store


@st.cache_resource(show_spinner=False)
def _store() -> Store:
    from storage import Store

    # One Store (and engine pool) per process: RADAR_DATABASE_URL, or the SQLite file under data/.
    return Store()


# The purge of abandoned drafts runs once a day for all the app's instances; when it last ran is kept in the
# database (a visitor can send Streamlit's clear-cache message, which empties st.cache_resource: the schedule must
# not live there, or each such message would run the purges). This process asks at most once an hour, so that
# get_store() costs no write: a module global, which no message from a client resets. Demo workshops of teaching
# mode live days (ui.teaching.DEMO_LIFETIME): purged in the same hourly pass, an hour late is soon enough.
PURGE_EVERY = timedelta(days=1)
_ASK_EVERY_S = 3600.0
_next_ask = 0.0
_ask_lock = threading.Lock()


def _maintenance(store: Store) -> None:
    global _next_ask
    with _ask_lock:
        now = time.monotonic()
        if now < _next_ask:
            return
        _next_ask = now + _ASK_EVERY_S
    from storage import StorageUnavailable

    # On a failure the page's own call says what is wrong; the purge is asked again in an hour.
    with suppress(StorageUnavailable):
        store.purge_abandoned_drafts_if_due(DRAFT_RETENTION, every=PURGE_EVERY)
        store.purge_expired_demos()
