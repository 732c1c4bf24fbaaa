"""Session state shared across pages: the language, and helpers to read it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from i18n import LANGUAGE_NAMES, LANGUAGES, normalise_language, translate
from ui import urls

LANG_KEY = "lang"
# The widget has its own key: Streamlit drops a widget's state on a page switch, the language must survive it.
LANG_WIDGET_KEY = "lang_selector"


def init_language() -> str:
    """French by default; a ``?lang=en`` link (or a reload) keeps the language chosen."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = normalise_language(st.query_params.get(urls.LANG))
    lang = current_language()
    # Page switches drop the query string; putting the language back keeps it across a reload.
    if st.query_params.get(urls.LANG) != lang:
        st.query_params[urls.LANG] = lang
    return lang


def current_language() -> str:
    return normalise_language(st.session_state.get(LANG_KEY))


def t(key: str, **params: Any) -> str:
    return translate(key, current_language(), **params)


def _on_language_change() -> None:
    st.session_state[LANG_KEY] = normalise_language(st.session_state.get(LANG_WIDGET_KEY))
    st.query_params[urls.LANG] = current_language()


def language_selector() -> None:
    st.session_state[LANG_WIDGET_KEY] = current_language()
    st.segmented_control(
        translate("app.language", current_language()),
        options=list(LANGUAGES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_WIDGET_KEY,
        required=True,
        label_visibility="collapsed",
        on_change=_on_language_change,
    )
