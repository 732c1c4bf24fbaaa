"""Driving app.py through Streamlit's AppTest, shared by the app tests. Widgets are found by key or by label."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 60

W = TypeVar("W")


def by_label(widgets: Sequence[W], label: str) -> W:
    """The one widget of a list (``app.text_input``, ``app.button``...) whose label is ``label``."""
    found = [widget for widget in widgets if getattr(widget, "label", None) == label]
    assert len(found) == 1, (
        f"{len(found)} widgets labelled {label!r} among {[getattr(w, 'label', None) for w in widgets]}"
    )
    return found[0]


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


def answer_widgets(app: AppTest, kind: str) -> dict[str, Any]:
    """The answer widgets on screen of one kind ("item", "profile", "comment"), by item, question or dimension id.

    Their keys are ui.flow's (``ans.<token digest>.<generation>.<language>.<kind>.<id>``): read through its parser,
    so that the tests find a statement's radio by its item id whatever the digest.
    """
    from ui.flow import parse_widget_key

    widgets = app.text_area if kind == "comment" else app.radio
    found = {}
    for widget in widgets:
        parsed = parse_widget_key(widget.key)
        if parsed is not None and parsed.ref.kind == kind:
            found[parsed.ref.id] = widget
    return found


def item_radio(app: AppTest, item_id: str) -> Any:
    return answer_widgets(app, "item")[item_id]


def profile_radio(app: AppTest, question_id: str) -> Any:
    return answer_widgets(app, "profile")[question_id]


def comment_area(app: AppTest, dimension_id: str) -> Any:
    return answer_widgets(app, "comment")[dimension_id]


def answer_all_steps(app: AppTest, values: dict[str, int | str], profile: dict[str, str] | None = None) -> None:
    """From the first step of a started questionnaire to the summary, answering what ``values`` holds."""
    for _ in range(50):
        header = app.header[0].value if app.header else ""
        for question_id, radio in answer_widgets(app, "profile").items():
            if profile and question_id in profile:
                radio.set_value(profile[question_id])
        for item_id, radio in answer_widgets(app, "item").items():
            if item_id in values:
                radio.set_value(values[item_id])
        app.run()
        assert_no_exception(app)
        if not any(b.key == "next" for b in app.button):
            return
        click(app, "next")
        assert app.header[0].value != header or not header
    raise AssertionError("the questionnaire never reached its summary")
