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

from ui.language import current_language, t

PAGES_DIR = "app_pages"


@dataclass(frozen=True)
class PageSpec:
    file: str  # in PAGES_DIR; the page's URL is its name without .py
    title_key: str
    icon: str
    default: bool = False
    hidden: bool = False  # reached only by link, never listed in the navigation
    # The menu of the navigation bar it is listed under ("": on the bar itself). Ten pages side by side do not fit
    # a laptop's width, and Streamlit then folds the last ones under « 2 more », in English whatever the language.
    section: str = ""
    # The page's address when it is not the file's name. Streamlit serves the default page at the root only: its
    # name is reserved, yet « /name » shows Streamlit's English « Page not found ». So the home page's name is one
    # nobody types, and « /home » or « /accueil », typed by hand, get the page that leads home.
    address: str = ""

    @property
    def path(self) -> str:
        """What ``st.switch_page`` and ``st.page_link`` take: the file, relative to app.py."""
        return f"{PAGES_DIR}/{self.file}"

    @property
    def url_path(self) -> str:
        return self.address or self.file.removesuffix(".py")


PAGES = (
    PageSpec("home.py", "nav.home", ":material/home:", default=True, address="index"),
    PageSpec("questionnaire.py", "nav.questionnaire", ":material/edit_note:"),
    PageSpec("results.py", "nav.results", ":material/radar:"),
    PageSpec("workshop.py", "nav.workshop", ":material/groups:", section="nav.section_lead"),
    PageSpec("join.py", "nav.join", ":material/login:"),
    PageSpec("guide.py", "nav.guide", ":material/handshake:", section="nav.section_learn"),
    PageSpec("method.py", "nav.method", ":material/calculate:", section="nav.section_learn"),
    PageSpec("teaching.py", "nav.teaching", ":material/school:", section="nav.section_lead"),
    # At « /import »: Streamlit's st.context.url trims any page's address that ends the URL (« /import_questionnaire »
    # lost « questionnaire »), and the links built there pointed at « /import_/join ».
    PageSpec(
        "import_questionnaire.py", "nav.import", ":material/upload_file:", section="nav.section_lead", address="import"
    ),
    PageSpec("glossary.py", "nav.glossary", ":material/dictionary:", section="nav.section_learn"),
    PageSpec("sources.py", "nav.sources", ":material/menu_book:", section="nav.section_learn"),
    PageSpec("dashboard.py", "nav.dashboard", ":material/monitoring:", hidden=True),
    PageSpec("projection.py", "nav.projection", ":material/present_to_all:", hidden=True),
    PageSpec("group_results.py", "nav.group_results", ":material/groups:", hidden=True),
    PageSpec("plan.py", "nav.plan", ":material/checklist:", hidden=True),
    PageSpec("plan_view.py", "nav.plan_view", ":material/present_to_all:", hidden=True),
    PageSpec("classroom.py", "nav.classroom", ":material/co_present:", hidden=True),
)


def page(spec: PageSpec, url_path: str | None = None) -> st.Page:
    return st.Page(
        spec.path,
        title=t(spec.title_key),
        icon=spec.icon,
        default=spec.default,
        url_path=url_path or spec.url_path,
        visibility="hidden" if spec.hidden else "visible",
    )


# Shown, in the session's language, for an address that names no page (a link mistyped or cut in an e-mail).
NOT_FOUND = PageSpec("not_found.py", "nav.not_found", ":material/explore_off:", hidden=True)


def requested_page() -> str:
    """The page name the browser asked for: the URL's path below the app's base path, without slashes."""
    from urllib.parse import unquote, urlsplit

    path = unquote(urlsplit(st.context.url or "").path).strip("/")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def names_home(requested: str) -> bool:
    """« /home », « /accueil »: the names people guess for the home page, which is at the root."""
    return requested.lower() in {"home", "accueil"}


def page_specs(requested: str) -> tuple[PageSpec, ...]:
    """Every page, and for an address that names none, one more page at that very address: Streamlit then runs
    it instead of the home page, and does not show its own « Page not found » box, which is in English whatever
    the session's language. Streamlit takes no ``/`` in a page's address, so a nested address keeps its box."""
    known = {spec.url_path for spec in PAGES}
    if not requested or requested in known or "/" in requested:
        return PAGES
    return (*PAGES, NOT_FOUND)


def projecting() -> bool:
    """The projection view shows nothing but the results: no navigation bar, no language control."""
    from urllib.parse import urlsplit

    url = st.context.url or ""
    return urlsplit(url).path.rstrip("/").endswith(("/projection", "/plan_view", "/classroom"))


# The session key of the pages built for this session (see `build_navigation`).
PAGES_KEY = "_navigation_pages"


def _sections(specs: tuple[PageSpec, ...], requested: str) -> dict[str, list[st.Page]]:
    sections: dict[str, list[st.Page]] = {}
    for spec in specs:
        title = t(spec.section) if spec.section else ""
        sections.setdefault(title, []).append(page(spec, requested if spec is NOT_FOUND else None))
    return sections


def build_navigation() -> st.Page:
    """The navigation of every run, its pages built once per session, language and address naming no page.

    Building them was a third of an answer tap's server run (``bench/profile_answer_path.py``): each ``st.Page``
    resolves its file on disk, and each title is looked up in the catalogue. Kept in the session rather than in
    the process: ``st.navigation`` marks the page it returns as the one allowed to run (``Page.run`` clears the
    mark), and two sessions sharing one ``Page`` could clear each other's mark.
    """
    requested = requested_page()
    specs = page_specs(requested)
    wanted = (current_language(), requested if NOT_FOUND in specs else "")
    kept = st.session_state.get(PAGES_KEY)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == wanted:
        sections = kept[1]
    else:
        sections = _sections(specs, requested)
        st.session_state[PAGES_KEY] = (wanted, sections)
    return st.navigation(sections, position="hidden" if projecting() else "top")
