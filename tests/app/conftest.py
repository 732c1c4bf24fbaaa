"""AppTest runs the real app.py in-process; each test gets its own SQLite file under a temporary folder.

The helpers the tests share are in tests/app/helpers.py (a conftest is pytest's, not a module to import from).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def isolated_storage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("RADAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("RADAR_DATABASE_URL", raising=False)
    # The Store is cached per process; a new one must pick up this test's folder.
    st.cache_resource.clear()
    yield tmp_path
    # Rounds a submit asked for run after it (ui.workshops.ROUNDS): they end with their test, not in the next one.
    workshops = sys.modules.get("ui.workshops")
    if workshops is not None:
        assert workshops.ROUNDS.idle(timeout=300), "a publication round still running after its test"
    st.cache_resource.clear()
