"""Long-lived services shared by every session of the server process."""

from __future__ import annotations

import streamlit as st

from storage import Store


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    # One Store (and engine pool) per process: RADAR_DATABASE_URL, or the SQLite file under data/.
    return Store()
