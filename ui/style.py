"""The few layout rules Streamlit's theme does not give: touch targets, focus, contrast, phone layout.

Only constant CSS and scripts written here go through ``st.html``: never a text typed by a user.
"""

import re

import streamlit as st

CSS = """
<style>
/* Answer choices: 44 px touch targets for fingers on a phone. */
div[data-testid="stRadio"] label[data-baseweb="radio"] {
  min-height: 44px;
  align-items: center;
  padding: 0.2rem 0.6rem 0.2rem 0.3rem;
  border-radius: 0.5rem;
}
div[data-testid="stRadio"] label[data-baseweb="radio"]:hover { background: #eef5fb; }
/* Keyboard users must see where they are. */
div[data-testid="stRadio"] label[data-baseweb="radio"]:has(input:focus-visible) {
  outline: 3px solid #0072B2;
  outline-offset: 1px;
}
/* No « Link to heading » anchors: on a phone nobody shares a heading's address, and each was a tab stop (announced
   in English) before the first question. Hidden, they leave the tab order and screen readers too. */
[data-testid="stHeaderActionElements"] a[href^="#"] { display: none !important; }
/* The statement reads before its scale. */
div[data-testid="stRadio"] > label[data-testid="stWidgetLabel"] p { font-size: 1.05rem; font-weight: 600; }
/* Captions dark enough for a projector and for low vision (contrast above 4.5:1). */
div[data-testid="stCaptionContainer"], div[data-testid="stCaptionContainer"] * { color: #4a4f5a !important; }
/* On a phone the scale is a column, in its order, rather than a ragged grid. */
@media (max-width: 640px) {
  div[data-testid="stRadio"] div[role="radiogroup"] { flex-direction: column; align-items: stretch; }
}
/* A link's label wraps rather than being cut: « Qu’est-ce que « Niveau : prioritaire, à surveiller, point fort » ? »
   lost its end on a phone. */
div[data-testid="stPageLink"] a, div[data-testid="stPageLink"] a * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto;
}
/* A radar's height follows its width (issue 18): on a 390 px phone a 460 px tall chart held a 140 px radar between
   blank bands. The chart's own radar is 44 % of its width (reports.figures.SIDE_ROOM), its labels above and below
   take about 80 px (one or two lines each); never taller than the 460 px a desktop column gives it. */
div.st-key-radar { container-type: inline-size; height: auto !important; flex: 0 0 auto !important; }
div.st-key-radar div[data-testid="stFullScreenFrame"] { height: auto !important; }
div.st-key-radar div[data-testid="stPlotlyChart"] { height: min(460px, calc(44cqw + 80px)) !important; }
/* From six axes on, the radar is 52 % of the width (reports.figures.SIDE_ROOM_MANY) and the labels above and
   below keep three lines (reports.figures._vertical). */
div.st-key-radar:has(.angularaxistick:nth-of-type(6)) div[data-testid="stPlotlyChart"] {
  height: min(460px, calc(52cqw + 130px)) !important;
}
div.st-key-radar .js-plotly-plot { height: 100% !important; }
/* Dimension cards two per row on a phone (they took a screen each, stacked) */
@media (max-width: 640px) {
  div.st-key-dimension_cards div[data-testid="stHorizontalBlock"] { flex-wrap: wrap; gap: 0.5rem; }
  div.st-key-dimension_cards div[data-testid="stColumn"] {
    flex: 1 1 calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important;
  }
  div.st-key-dimension_cards h3 { font-size: 1.5rem; padding: 0.2rem 0; }
  /* « Données insuffisantes » lost its end in a half-width card. */
  div.st-key-dimension_cards span { white-space: normal !important; overflow: visible !important; }
}
/* Printing a screen (for minutes, or a paper copy): the content only, within the page. Printing the closed
   dashboard used to give 9 pages with the language switch, the tabs and the buttons, and a table cut on the
   right; one's own results lost the radar's « Communication ». */
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  header[data-testid="stHeader"], section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
  div[data-testid="stToolbar"], div[data-testid="stDecoration"], div[data-testid="stStatusWidget"],
  div[data-testid="stButton"], div[data-testid="stDownloadButton"], div[data-testid="stPageLink"],
  div[data-testid="stFormSubmitButton"], div[data-testid="stButtonGroup"], div.st-key-lang_selector,
  div[data-testid="stTextInput"], div[data-testid="stCheckbox"], div[data-testid="stFileUploader"],
  div[data-testid="stTabs"] [role="tablist"],
  div[data-testid="stElementContainer"]:has(div[data-testid="stButtonGroup"]),
  div[data-testid="stElementContainer"]:has(div[data-testid="stDownloadButton"]),
  div[data-testid="stElementContainer"]:has(div[data-testid="stPageLink"]), iframe {
    display: none !important;
  }
  html, body, div[data-testid="stAppViewContainer"], section[data-testid="stMain"], div[data-testid="stMain"] {
    overflow: visible !important; height: auto !important; position: static !important;
  }
  div[data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; width: 100% !important; padding: 0 !important;
  }
  /* Side-by-side columns stack: each chart gets the page's width instead of being cut at its column's edge. */
  div[data-testid="stHorizontalBlock"] { flex-direction: column !important; }
  div[data-testid="stColumn"] { width: 100% !important; flex: 1 1 100% !important; }
  /* A chart and a table stay within the page, each on one page. */
  div[data-testid="stPlotlyChart"], div[data-testid="stDataFrame"], div[data-testid="stTable"], table,
  div[data-testid="stVerticalBlockBorderWrapper"] {
    break-inside: avoid; page-break-inside: avoid; max-width: 100% !important;
  }
  div[data-testid="stPlotlyChart"] .js-plotly-plot, div[data-testid="stPlotlyChart"] .plot-container,
  div[data-testid="stPlotlyChart"] .svg-container { max-width: 100% !important; }
  h1, h2, h3 { break-after: avoid; }
}
</style>
"""


class _ConstantHtml:
    """A constant block of HTML, given to ``st.html`` through ``_repr_html_``: Streamlit then takes it as it is,
    where a string is dedented first, which for these 6 kB cost about 0.3 ms on every run of every page (a fifth of
    what the app added to an answer tap's run, bench/profile_answer_path.py)."""

    def __init__(self, html: str) -> None:
        self._html = html

    def _repr_html_(self) -> str:
        return self._html


def _minified(css: str) -> str:
    """The CSS without its comments and runs of blanks, once at import: Streamlit scans what ``st.html`` is sent
    on every run (to tell a block of style tags from content), and the browser receives it every run too. The
    comments are for whoever reads this file; no selector or value here holds ``/*`` or significant blanks."""
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return re.sub(r"\s+", " ", without_comments).strip()


_STYLE = _ConstantHtml(_minified(CSS))


def apply_style() -> None:
    st.html(_STYLE)


# A chart's key as CSS may name it: the keys are the code's own (``dashboard_compare_radar``), never a user's text.
_CSS_KEY = re.compile(r"[A-Za-z0-9_-]+")


def follow_width(key: str, share: float, room: int, *, most: int = 560) -> None:
    """The chart keyed ``key`` as tall as its width asks: ``share`` of the width for a circle and ``room`` px for
    its labels and legend (``reports.figures.multi_radar_room``), never taller than ``most`` px. A fixed height
    held a 140 px radar between blank bands on a phone; the single radar's rule is in ``CSS``, this one's numbers
    depend on the chart (its labels' lines, its legend's groups)."""
    if not _CSS_KEY.fullmatch(key):
        raise ValueError(f"not a key CSS can name: {key!r}")
    box = f"div.st-key-{key}"
    st.html(
        "<style>"
        f"{box} {{ container-type: inline-size; height: auto !important; flex: 0 0 auto !important; }}"
        f'{box} div[data-testid="stFullScreenFrame"] {{ height: auto !important; }}'
        f'{box} div[data-testid="stPlotlyChart"] {{ height: min({int(most)}px, calc({100 * share:.2f}cqw + '
        f"{int(room)}px)) !important; }}"
        f"{box} .js-plotly-plot {{ height: 100% !important; }}"
        "</style>"
    )


def scroll_to_top(step: int) -> None:
    """A new step starts at its heading: a rerun keeps the scroll position, at the bottom of the last step."""
    script = (
        f"<script>/* step {int(step)} */ (() => {{"
        + "const main = document.querySelector('[data-testid=stMain]');"
        + "if (main) { main.scrollTo({top: 0}); } window.scrollTo({top: 0});"
        + "})();</script>"
    )
    st.html(script, unsafe_allow_javascript=True, width="content")


# The projector shows one screen and nobody scrolls it (issue 18): at 1366×768 the radar's lower labels and the
# statements were below the fold, the page 1167 px tall. Sizes follow the screen's height (vh), because what a
# room reads depends on the image's physical size, not on its pixels: type at 3.2 % of the height is 32 px at
# 1080 and 25 px at 768, both about 6 cm tall on a 2 m image (tests/browser/test_projector.py says why that
# reads from 8 m). The radar's box takes what the title, the counts and the link leave.
PROJECTOR_CSS = """
<style>
header[data-testid="stHeader"] { display: none; }
div[data-testid="stMainBlockContainer"] { padding: 2vh 3vw 0 3vw !important; max-width: none !important; }
div.st-key-projector { gap: 0.6vh; }
div.st-key-projector h2 {
  font-size: 4.6vh !important; line-height: 1.15; padding: 0 !important;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
div.st-key-projector div[data-testid="stCaptionContainer"] p { font-size: max(14px, 2.2vh) !important; }
div.st-key-projector_radar {
  flex: none !important; height: calc(88vh - 5rem - var(--projector-notice, 0px)) !important; min-height: 300px;
}
div.st-key-projector_radar div[data-testid="stPlotlyChart"], div.st-key-projector_radar .js-plotly-plot {
  height: 100% !important;
}
div.st-key-projector_discuss h3 { font-size: 3.4vh !important; padding: 0 0 0.6vh 0 !important; }
div.st-key-projector_discuss div[data-testid="stMarkdownContainer"] p { font-size: 3.2vh; line-height: 1.25; }
div.st-key-projector_discuss div[data-testid="stCaptionContainer"] p { font-size: 2.4vh !important; }
div.st-key-projector_join h1 { font-size: 13vh !important; line-height: 1.1; padding: 0 !important; }
div.st-key-projector_join p { font-size: 3.2vh; line-height: 1.3; }
div.st-key-projector_join code { font-size: 3.6vh !important; }
div.st-key-projector_join div[data-testid="stImage"] { align-items: center; }
div.st-key-projector_join img {
  width: min(66vh, 100%) !important; height: auto !important; aspect-ratio: 1 / 1; object-fit: contain;
  image-rendering: pixelated;
}
div[data-testid="stPageLink"] a p { font-size: max(14px, 2vh); }
</style>
"""
# A demo workshop's « Données fictives » banner takes one line more.
PROJECTOR_NOTICE_CSS = "<style>:root { --projector-notice: 4.8rem; }</style>"


def projector_style(*, notice: bool = False) -> None:
    st.html(PROJECTOR_CSS + (PROJECTOR_NOTICE_CSS if notice else ""))
