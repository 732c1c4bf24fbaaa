"""The app's pages, titled in the current language. Hidden pages are reached by link (a workshop code...)."""

from __future__ import annotations

import streamlit as st

from ui.language import t

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


def projecting() -> bool:
    """The projection view shows nothing but the results: no navigation bar, no language control."""
    from urllib.parse import urlsplit

    url = st.context.url or ""
    return urlsplit(url).path.rstrip("/").endswith("/projection")


def build_navigation() -> st.Page:
    pages = [
        page("home.py", "nav.home", ":material/home:", default=True),
        page("questionnaire.py", "nav.questionnaire", ":material/edit_note:"),
        page("results.py", "nav.results", ":material/radar:"),
        page("workshop.py", "nav.workshop", ":material/groups:"),
        page("join.py", "nav.join", ":material/login:"),
        page("method.py", "nav.method", ":material/calculate:"),
        page("dashboard.py", "nav.dashboard", ":material/monitoring:", hidden=True),
        page("projection.py", "nav.projection", ":material/present_to_all:", hidden=True),
        page("group_results.py", "nav.group_results", ":material/groups:", hidden=True),
    ]
    return st.navigation(pages, position="hidden" if projecting() else "top")
