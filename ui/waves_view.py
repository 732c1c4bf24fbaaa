"""Before and after on the dashboard and the projector: the earlier workshop and this one on one radar, and the
change per dimension and per statement (↑ ↓, coloured, with each wave's size).

Every figure comes from `scoring.privacy.waves.compare_waves` over the two workshops' `SharedReport`s: nothing here
computes a figure. A change is never told by its colour alone: an arrow and its sign go with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from reports.bands import BAND_COLOURS
from reports.charts import waves_radar_chart
from reports.figures import multi_radar_room
from scoring.model import Questionnaire, text_in
from scoring.privacy import SharedReport
from scoring.privacy.waves import Change, Waves, compare_waves
from scoring.rounding import format_number
from ui.figures import multi_radar_figure
from ui.language import current_language, t
from ui.style import follow_width
from ui.text import plain

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

ARROWS = {"up": "↑", "down": "↓", "same": "=", None: ""}
# Okabe & Ito: the bands' green for better, their vermillion for worse (higher is better on every axis: a reverse
# statement is already turned round).
COLOURS = {"up": BAND_COLOURS["strength"], "down": BAND_COLOURS["priority"]}


def waves_of(questionnaire: Questionnaire, report: object, earlier: Questionnaire, earlier_report: object) -> Waves:
    for shown in (report, earlier_report):
        if not isinstance(shown, SharedReport):
            raise TypeError(f"before and after show SharedReports only, not {type(shown).__name__}")
    return compare_waves(questionnaire, report, earlier, earlier_report)  # type: ignore[arg-type]


def change_text(change: Change) -> str:
    """« ↑ +12,5 », « ↓ −3,0 », « = 0,0 », or a dash when either wave does not show the figure."""
    if change.delta is None:
        return "–"
    text = format_number(abs(change.delta), current_language(), 1)
    sign = {"up": "+", "down": "\u2212"}.get(change.direction or "", "")
    return f"{ARROWS[change.direction]} {sign}{text}"


def _colour(column: pd.Series, directions: list[str | None]) -> list[str]:
    return [f"color: {COLOURS[d]}; font-weight: bold" if d in COLOURS else "" for d in directions]


def styled_changes(rows: list[list[str]], headers: list[str], directions: list[str | None]) -> Styler:
    """The table with its second column (the change) green when better, vermillion when worse."""
    frame = pd.DataFrame(rows, columns=headers)
    return frame.style.apply(_colour, directions=directions, subset=[headers[1]])


def _table(rows: list[list[str]], headers: list[str], directions: list[str | None], key: str) -> None:
    st.dataframe(styled_changes(rows, headers, directions), hide_index=True, width="stretch", key=key)


def waves_panel(
    questionnaire: Questionnaire,
    report: SharedReport,
    earlier: Questionnaire,
    earlier_report: SharedReport,
    *,
    earlier_title: str,
    from_file: bool = False,
    large: bool = False,
    key: str = "waves",
    title: str | None = None,
) -> Waves:
    waves = waves_of(questionnaire, report, earlier, earlier_report)
    lang = current_language()
    chart = waves_radar_chart(questionnaire, waves, lang)
    # On the projector, the radar and the table side by side, the radar right under the page's title: both on the
    # first screen at 1366×768.
    radar, table = st.columns([3, 2]) if large else (st.container(), st.container())
    with table if large else radar:
        if title:
            st.markdown(f"#### {title}")
        # Two numbers, two texts: each noun agrees with its own number.
        caption = "compare.waves_caption_file" if from_file else "compare.waves_caption_then"
        then = t(caption, title=plain(earlier_title), count=waves.n_then)
        st.caption(f"{then} {t('compare.waves_caption_now', count=waves.n_now)}")
    with radar:
        figure = multi_radar_figure(chart, height=550 if large else None, large=large)
        if not large:  # the projector's height is its screen's
            follow_width(f"{key}_radar", *multi_radar_room(figure))
        st.plotly_chart(figure, config={"displayModeBar": False, "staticPlot": large}, key=f"{key}_radar")
    labels = {d.id: text_in(d.label, lang) for d in questionnaire.dimensions}
    # The change right after the name: on the projector and a phone, the table's last columns fall off its width.
    headers = [t("results.col_dimension"), t("compare.col_change"), t("compare.col_then"), t("compare.col_now")]
    apart = set(waves.dimensions_not_compared)
    rows = [[t("report.col_overall"), *_figures(waves.overall, compared=not apart)]]
    rows += [[labels[c.id], *_figures(c, compared=c.id not in apart)] for c in waves.dimensions]
    with table:
        _table(rows, headers, [waves.overall.direction, *(c.direction for c in waves.dimensions)], f"{key}_dimensions")
    if large:
        return waves
    texts = {i.id: text_in(i.text, lang) for i in (*earlier.items, *questionnaire.items)}
    changed = sorted(waves.items, key=lambda c: (c.delta is None, -abs(c.delta or 0.0)))
    with st.expander(t("compare.waves_items_title")):
        headers = [t("results.col_item"), t("compare.col_change"), t("compare.col_then"), t("compare.col_now")]
        _table(
            [[texts[c.id], *_figures(c)] for c in changed],
            headers,
            [c.direction for c in changed],
            f"{key}_items",
        )
    if waves.items_not_compared:
        st.markdown(f"#### {t('compare.not_compared_title')}")
        st.caption(t("compare.not_compared_help"))
        for item_id in waves.items_not_compared:
            st.markdown(f"- {plain(texts[item_id])}")
    return waves


def _figure(value: float | None, n: int | None) -> str:
    """« 62,5 (9) »: the score and how many people it counts."""
    text = format_number(value, current_language(), 1, missing=t("results.insufficient"))
    return f"{text} ({n})" if value is not None and n is not None else text


def _figures(change: Change, *, compared: bool = True) -> list[str]:
    then = _figure(change.then, change.n_then) if compared else t("compare.not_comparable_short")
    return [change_text(change), then, _figure(change.now, change.n_now)]
