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
    pdf_column, xlsx_column = st.columns(2)
    with pdf_column:
        st.download_button(
            t("downloads.pdf"),
            data=partial(_build, "pdf", questionnaire, report, lang, **options),
            file_name=report_file_name(title, today, "pdf"),
            mime=PDF_MIME,
            icon=":material/picture_as_pdf:",
            key=f"{key}_pdf",
            on_click="ignore",
            width="stretch",
        )
    with xlsx_column:
        st.download_button(
            t("downloads.xlsx"),
            data=partial(_build, "xlsx", questionnaire, report, lang, **options),
            file_name=report_file_name(title, today, "xlsx"),
            mime=XLSX_MIME,
            icon=":material/table_view:",
            key=f"{key}_xlsx",
            on_click="ignore",
            width="stretch",
        )
    st.caption(t("downloads.help"))
