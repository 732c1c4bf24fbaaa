"""« Télécharger le PDF » and « Télécharger le tableur » under a screen's results.

A report is built from the very report the screen shows (own results, or the privacy module's output for a
workshop), with the same breakdown protection, so it never shows more than the screen. The files are made only
when a button is pressed (Streamlit calls ``data`` then), not on every rerun of a live dashboard.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from reports.charts import Spread
from reports.content import Scope, build_content
from reports.names import report_file_name
from scoring.model import Questionnaire
from scoring.plan import ActionPlan
from scoring.results import ScoreReport
from ui.language import current_language, t

PDF_MIME = "application/pdf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _build(kind: str, questionnaire: Questionnaire, report: ScoreReport, lang: str, **options: object) -> bytes:
    content = build_content(questionnaire, report, lang, **options)  # type: ignore[arg-type]
    if kind == "pdf":
        from reports.pdf import render_pdf

        return render_pdf(content)
    from reports.xlsx import render_xlsx

    return render_xlsx(content)


def report_downloads(
    questionnaire: Questionnaire,
    report: ScoreReport,
    *,
    scope: Scope,
    title: str,
    key: str,
    spread: Spread = None,
    protect_groups: bool = False,
    plan: ActionPlan | None = None,
) -> None:
    """``plan``: the workshop's saved action plan, which the files then hold after the statements to discuss."""
    lang = current_language()
    today = dt.date.today()
    options = {
        "scope": scope,
        "title": title,
        "date": today,
        "spread": spread,
        "protect_groups": protect_groups,
        "plan": plan,
    }
    files = (("pdf", PDF_MIME, ":material/picture_as_pdf:"), ("xlsx", XLSX_MIME, ":material/table_view:"))
    for column, (kind, mime, icon) in zip(st.columns(len(files)), files, strict=True):
        with column:
            st.download_button(
                t(f"downloads.{kind}"),
                data=partial(_build, kind, questionnaire, report, lang, **options),
                file_name=report_file_name(title, today, kind),
                mime=mime,
                icon=icon,
                key=f"{key}_{kind}",
                on_click="ignore",
                width="stretch",
            )
    st.caption(t("downloads.help"))
