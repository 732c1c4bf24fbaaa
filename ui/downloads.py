"""« Télécharger le PDF » and « Télécharger le tableur » under a screen's results.

A report is built from the very report the screen shows: one's own results from the engine's `ScoreReport`, a
workshop's (dashboard, group results) from the privacy module's `SharedReport` that its screen draws, so it never
shows a figure, a spread or a group size the screen does not. The files are made only when a button is pressed
(Streamlit calls ``data`` then), not on every rerun of a live dashboard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import streamlit as st

from reports.content import ReportContent, build_content, build_shared_content
from reports.names import report_file_name
from scoring.model import Questionnaire
from scoring.plan import ActionPlan
from scoring.privacy import SharedReport
from scoring.results import ScoreReport
from ui.language import current_language, t

PDF_MIME = "application/pdf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _content(
    questionnaire: Questionnaire,
    report: ScoreReport | SharedReport,
    lang: str,
    title: str,
    date: dt.date,
    plan: ActionPlan | None = None,
) -> ReportContent:
    if isinstance(report, SharedReport):
        return build_shared_content(questionnaire, report, lang, title=title, date=date, plan=plan)
    if isinstance(report, ScoreReport):
        return build_content(questionnaire, report, lang, scope="own", title=title, date=date)
    raise TypeError("a download is built from the report its screen shows")


def _build(
    kind: str,
    questionnaire: Questionnaire,
    report: ScoreReport | SharedReport,
    lang: str,
    title: str,
    date: dt.date,
    plan: ActionPlan | None = None,
    extra: Callable[[ReportContent], ReportContent] | None = None,
) -> bytes:
    content = _content(questionnaire, report, lang, title, date, plan)
    if extra is not None:  # sections of the screen beside the report's own (the comparison, the before/after)
        content = extra(content)
    if kind == "pdf":
        from reports.pdf import render_pdf

        return render_pdf(content)
    from reports.xlsx import render_xlsx

    return render_xlsx(content)


def without_breakdowns(content: ReportContent) -> ReportContent:
    """The group results as the participants' screen shows them: no figures by organisation or by role, which the
    facilitator shows the room only by choosing a comparison on the dashboard or the projector."""
    return replace(content, breakdowns=())


def report_downloads(
    questionnaire: Questionnaire,
    report: ScoreReport | SharedReport,
    *,
    title: str,
    key: str,
    plan: ActionPlan | None = None,
    extra: Callable[[ReportContent], ReportContent] | None = None,
) -> None:
    """The two buttons: one's own results (`ScoreReport`) or a workshop's shared results (`SharedReport`).
    ``plan``: the workshop's saved action plan, which the files then hold after the statements to discuss."""
    lang = current_language()
    today = dt.date.today()
    files = (("pdf", PDF_MIME, ":material/picture_as_pdf:"), ("xlsx", XLSX_MIME, ":material/table_view:"))
    for column, (kind, mime, icon) in zip(st.columns(len(files)), files, strict=True):
        with column:
            st.download_button(
                t(f"downloads.{kind}"),
                data=partial(_build, kind, questionnaire, report, lang, title, today, plan, extra),
                file_name=report_file_name(title, today, kind),
                mime=mime,
                icon=icon,
                key=f"{key}_{kind}",
                on_click="ignore",
                width="stretch",
            )
    st.caption(t("downloads.help"))
