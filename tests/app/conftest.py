"""AppTest runs the real app.py in-process; each test gets its own SQLite file under a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 60


@pytest.fixture(autouse=True)
def isolated_storage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("RADAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("RADAR_DATABASE_URL", raising=False)
    # The Store is cached per process; a new one must pick up this test's folder.
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()


def new_app(lang: str = "fr", **query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params["lang"] = lang
    for key, value in query.items():
        app.query_params[key] = value
    return app


def assert_no_exception(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def click(app: AppTest, key: str) -> None:
    app.button(key=key).click().run()
    assert_no_exception(app)


def answer_all_steps(app: AppTest, values: dict[str, int | str], profile: dict[str, str] | None = None) -> None:
    """From the first step of a started questionnaire to the summary, answering what ``values`` holds."""
    for _ in range(50):
        header = app.header[0].value if app.header else ""
        for radio in app.radio:
            key = radio.key or ""
            if key.startswith("profile_") and profile and key.removeprefix("profile_") in profile:
                radio.set_value(profile[key.removeprefix("profile_")])
            elif key.startswith("item_") and key.removeprefix("item_") in values:
                radio.set_value(values[key.removeprefix("item_")])
        app.run()
        assert_no_exception(app)
        if not any(b.key == "next" for b in app.button):
            return
        click(app, "next")
        assert app.header[0].value != header or not header
    raise AssertionError("the questionnaire never reached its summary")
