"""The app's pages, titled in the current language. Hidden pages are reached by link (a workshop code...)."""

from __future__ import annotations

import streamlit as st

from ui.state import t

PAGES_DIR = "pages"


def page(file: str, title_key: str, icon: str, *, default: bool = False, hidden: bool = False) -> st.Page:
    return st.Page(
        f"{PAGES_DIR}/{file}",
        title=t(title_key),
        icon=icon,
        default=default,
        url_path=file.removesuffix(".py"),
        visibility="hidden" if hidden else "visible",
    )


def build_navigation() -> st.Page:
    pages = [
        page("home.py", "nav.home", ":material/home:", default=True),
        page("questionnaire.py", "nav.questionnaire", ":material/edit_note:"),
        page("results.py", "nav.results", ":material/radar:"),
        page("method.py", "nav.method", ":material/calculate:"),
    ]
    return st.navigation(pages, position="top")
