"""The app's pages, titled in the current language. Hidden pages are reached by link (a workshop code...).

The page files live in ``app_pages/``, not ``pages/``: a folder named ``pages`` beside ``app.py`` switches
Streamlit to its old multipage mode until ``st.navigation`` has first run in the server process, and in that mode
a kept link (``/results?r=...``) opened after a restart runs the page file alone, outside ``app.py`` (no
language control) and with a sidebar listing every file of the folder, facilitator pages included
(``tests/browser/test_deep_links.py``). Streamlit's docs say ``pages/`` is ignored only once ``st.navigation`` has run
(in any session); its own advice for apps built on ``st.navigation`` is to name the folder otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.language import t

PAGES_DIR = "app_pages"


@dataclass(frozen=True)
class PageSpec:
    file: str  # in PAGES_DIR; the page's URL is its name without .py
    title_key: str
    icon: str
    default: bool = False
    hidden: bool = False  # reached only by link, never listed in the navigation

    @property
    def path(self) -> str:
        """What ``st.switch_page`` and ``st.page_link`` take: the file, relative to app.py."""
        return f"{PAGES_DIR}/{self.file}"

    @property
    def url_path(self) -> str:
        return self.file.removesuffix(".py")


PAGES = (
    PageSpec("home.py", "nav.home", ":material/home:", default=True),
    PageSpec("questionnaire.py", "nav.questionnaire", ":material/edit_note:"),
    PageSpec("results.py", "nav.results", ":material/radar:"),
    PageSpec("workshop.py", "nav.workshop", ":material/groups:"),
    PageSpec("join.py", "nav.join", ":material/login:"),
    PageSpec("guide.py", "nav.guide", ":material/handshake:"),
    PageSpec("method.py", "nav.method", ":material/calculate:"),
    PageSpec("teaching.py", "nav.teaching", ":material/school:"),
    PageSpec("glossary.py", "nav.glossary", ":material/dictionary:"),
    PageSpec("sources.py", "nav.sources", ":material/menu_book:"),
    PageSpec("dashboard.py", "nav.dashboard", ":material/monitoring:", hidden=True),
    PageSpec("projection.py", "nav.projection", ":material/present_to_all:", hidden=True),
    PageSpec("group_results.py", "nav.group_results", ":material/groups:", hidden=True),
    PageSpec("plan.py", "nav.plan", ":material/checklist:", hidden=True),
    PageSpec("plan_view.py", "nav.plan_view", ":material/present_to_all:", hidden=True),
    PageSpec("classroom.py", "nav.classroom", ":material/co_present:", hidden=True),
)


def page(spec: PageSpec) -> st.Page:
    return st.Page(
        spec.path,
        title=t(spec.title_key),
        icon=spec.icon,
        default=spec.default,
        url_path=spec.url_path,
        visibility="hidden" if spec.hidden else "visible",
    )


def projecting() -> bool:
    """The projection view shows nothing but the results: no navigation bar, no language control."""
    from urllib.parse import urlsplit

    url = st.context.url or ""
    return urlsplit(url).path.rstrip("/").endswith(("/projection", "/plan_view", "/classroom"))


def build_navigation() -> st.Page:
    return st.navigation([page(spec) for spec in PAGES], position="hidden" if projecting() else "top")
