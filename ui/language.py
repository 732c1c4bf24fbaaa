"""Session state shared across pages: the language, and helpers to read it."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from i18n import LANGUAGE_NAMES, LANGUAGES, normalise_language, translate
from ui import urls

LANG_KEY = "lang"
# The widget has its own key: Streamlit drops a widget's state on a page switch, the language must survive it.
LANG_WIDGET_KEY = "lang_selector"


# The language of each session's script run in progress: session id -> (the run's marker, language). An answer
# tap's run read st.session_state for it 24 times (every `t`, every widget key), and each read goes through
# Streamlit's locks and widget-id mapping: a tenth of the run's own time (bench/profile_answer_path.py). Every
# write of the language goes through this module, which keeps this in step.
_RUN_LANGUAGE: dict[str, tuple[object, str]] = {}
# Sessions end without telling this module: past this many entries the cache starts again (it is only a cache).
_RUN_LANGUAGE_MAX = 512


def _run_marker() -> tuple[str, object] | None:
    """The session and an object Streamlit makes anew for each script run (and each fragment run): the dict of
    the run's cursors, replaced by ``ScriptRunContext.reset``. None outside a script run."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else (ctx.session_id, ctx.cursors)


def _remember_run_language(lang: str) -> str:
    marker = _run_marker()
    if marker is not None:
        if len(_RUN_LANGUAGE) >= _RUN_LANGUAGE_MAX:
            _RUN_LANGUAGE.clear()
        _RUN_LANGUAGE[marker[0]] = (marker[1], lang)
    return lang


def init_language() -> str:
    """French by default; a ``?lang=en`` link (or a reload) keeps the language chosen."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = normalise_language(st.query_params.get(urls.LANG))
    lang = _remember_run_language(normalise_language(st.session_state.get(LANG_KEY)))
    # Page switches drop the query string; putting the language back keeps it across a reload.
    if st.query_params.get(urls.LANG) != lang:
        st.query_params[urls.LANG] = lang
    return lang


def current_language() -> str:
    """The session's language, read from the session state once per script run."""
    marker = _run_marker()
    if marker is not None:
        kept = _RUN_LANGUAGE.get(marker[0])
        # The same dict, not an equal one: an identity check, so that a run never takes an earlier run's language.
        if kept is not None and kept[0] is marker[1]:
            return kept[1]
    lang = normalise_language(st.session_state.get(LANG_KEY))
    return lang if marker is None else _remember_run_language(lang)


def t(key: str, **params: Any) -> str:
    return translate(key, current_language(), **params)


def _on_language_change() -> None:
    lang = _remember_run_language(normalise_language(st.session_state.get(LANG_WIDGET_KEY)))
    st.session_state[LANG_KEY] = lang
    st.query_params[urls.LANG] = lang


def language_selector() -> None:
    lang = current_language()
    # Put back after a page switch (Streamlit drops the widget's state); written only then, since a write makes
    # Streamlit send the value to the browser again.
    if st.session_state.get(LANG_WIDGET_KEY) != lang:
        st.session_state[LANG_WIDGET_KEY] = lang
    st.segmented_control(
        translate("app.language", lang),
        options=list(LANGUAGES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=LANG_WIDGET_KEY,
        required=True,
        label_visibility="collapsed",
        on_change=_on_language_change,
    )
