"""Every URL of the app: its query parameters, and the links built from them. Nothing else builds a URL.

Streamlit drops the query string on a page switch, so whatever a reload must recover is written back into the
URL; these names are the app's public interface (people keep these links), so they never change. Page URLs are
the page file names without ``.py`` (``ui.navigation``).

The pure part (:class:`Links`, :func:`app_root`) takes the address the browser sees as an argument and is tested
by a table (``tests/test_urls.py``); :func:`links` reads it from the running session.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from i18n import DEFAULT_LANGUAGE

LANG = "lang"  # fr (default) or en; rewritten into the URL on every run
TOKEN = "r"  # respondent token: resumes a draft, opens one's own results
CODE = "code"  # participant code of a workshop
KEY = "k"  # secret facilitator key: manage, close, delete
# The projector's URL carries a read-only token, never the facilitator key: the room can read a projected URL bar.
PROJECTION = "p"
# `show=code` turns the projector's screen into the join screen (code, link, QR code), for latecomers.
SHOW = "show"
SHOW_CODE = "code"
# The projector's comparison of a breakdown's groups (a profile field id, « organisation » or « role »), and with
# `eq=1` each group counting once (the dashboard's switch); `show=waves` projects the before/after instead.
COMPARE = "cmp"
BALANCED = "eq"
BALANCED_ON = "1"
SHOW_WAVES = "waves"
# The glossary entry to show first (« consensus », « a-discuter »...), from a link beside the word on a screen.
TERM = "term"

# Every page's path, so that a link built from any page points at the app's root.
PAGE_PATHS = (
    "workshop",
    "join",
    "dashboard",
    "projection",
    "group_results",
    "results",
    "questionnaire",
    "method",
    "guide",
    "plan",
    "plan_view",
    "teaching",
    "classroom",
    "index",
    "sources",
    "glossary",
    "import",
)
DEFAULT_ADDRESS = "http://localhost:8501/"


def app_root(address: str) -> str:
    """The app's root from the address of any of its pages, as the browser sees it (behind a proxy too)."""
    parts = urlsplit(address or DEFAULT_ADDRESS)
    path = parts.path
    last = path.rsplit("/", 1)[-1]
    if "." in last:  # a file such as index.html: its folder is the root
        path = path.rsplit("/", 1)[0]
    path = path.rstrip("/")
    for page in PAGE_PATHS:
        if path.endswith(f"/{page}") or path == page:
            path = path[: -len(page)].rstrip("/")
            break
    return f"{parts.scheme}://{parts.netloc}{path}"


def join_params(code: str, lang: str) -> dict[str, str]:
    return {CODE: code, LANG: lang}


def dashboard_params(key: str, lang: str) -> dict[str, str]:
    return {KEY: key, LANG: lang}


def projection_params(
    token: str,
    lang: str,
    *,
    show_code: bool = False,
    compare: str | None = None,
    balanced: bool = False,
    waves: bool = False,
) -> dict[str, str]:
    params = {PROJECTION: token, LANG: lang}
    if show_code:
        params[SHOW] = SHOW_CODE
    elif waves:
        params[SHOW] = SHOW_WAVES
    elif compare:
        params[COMPARE] = compare
        if balanced:
            params[BALANCED] = BALANCED_ON
    return params


def key_from_link(text: str) -> str | None:
    """The facilitator key in a pasted dashboard link (``.../dashboard?k=KEY&lang=fr``), or the key pasted alone;
    None when the text holds neither. Whether it opens a workshop is storage's to say."""
    text = (text or "").strip()
    if not text:
        return None
    if "?" in text or "://" in text:
        from urllib.parse import parse_qs

        values = parse_qs(urlsplit(text).query).get(KEY)
        return values[0].strip() if values and values[0].strip() else None
    return text if " " not in text and "=" not in text and "/" not in text else None


def glossary_params(term: str, lang: str) -> dict[str, str]:
    return {TERM: term, LANG: lang}


def respondent_params(token: str, lang: str, code: str | None = None) -> dict[str, str]:
    """What a respondent's URL carries: their token and, in a workshop, its participant code."""
    params = {TOKEN: token, LANG: lang}
    if code:
        params[CODE] = code
    return params


@dataclass(frozen=True)
class Links:
    """Absolute links to share (copied, printed, or as a QR code), from the app's root."""

    root: str
    lang: str

    def _page(self, page: str, params: dict[str, str]) -> str:
        return f"{self.root}/{page}?{urlencode(params)}"

    def join(self, code: str) -> str:
        return self._page("join", join_params(code, self.lang))

    def dashboard(self, key: str) -> str:
        return self._page("dashboard", dashboard_params(key, self.lang))

    def short_join(self, code: str) -> str:
        """The join link as a room types it from a projected screen: no scheme (a browser adds it), and no
        language when it is the default (French)."""
        params = {CODE: code} if self.lang == DEFAULT_LANGUAGE else join_params(code, self.lang)
        return self._page("join", params).split("://", 1)[-1]

    def projection(
        self, token: str, *, show_code: bool = False, compare: str | None = None, balanced: bool = False
    ) -> str:
        return self._page(
            "projection", projection_params(token, self.lang, show_code=show_code, compare=compare, balanced=balanced)
        )

    def results(self, token: str, code: str | None = None) -> str:
        return self._page("results", respondent_params(token, self.lang, code))


def links(lang: str) -> Links:
    """The links of the running session, rooted where the browser reached the app."""
    import streamlit as st

    return Links(root=app_root(st.context.url or DEFAULT_ADDRESS), lang=lang)
