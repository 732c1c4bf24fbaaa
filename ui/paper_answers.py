"""Answers given on paper, entered into a workshop: the blank template and the printable questionnaire to
download, then the upload of filled templates, checked like the command line's input, previewed, and imported
only when nothing is wrong.

Imported answers are submitted responses like a phone's (``Store.save_draft`` then ``Store.submit``), so they go
through the same input checks and the same publication by batches: the dashboard treats them no differently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from i18n import translate
from reports.names import report_file_name
from reports.paper import blank_template_xlsx, paper_questionnaire_pdf
from scoring.asking import items_for
from scoring.model import Questionnaire, text_in
from scoring.response_problems import ResponsesError
from scoring.responses_io import read_responses_bytes
from storage import FacilitatorView
from storage.errors import StorageError, WorkshopClosed
from ui import workshops
from ui.downloads import PDF_MIME, XLSX_MIME
from ui.language import current_language, t
from ui.services import get_store

MAX_UPLOAD_BYTES = 1024 * 1024  # a template of 500 people weighs about 60 KB
IMPORTED = "paper_imported"  # session key: hashes of the files already imported from this browser


@dataclass(frozen=True)
class PaperImport:
    """A filled template read and checked: what will be imported, or the problems that prevent it."""

    answers: list[dict[str, int | None]]
    profiles: list[dict[str, str]]
    problems: list[str]  # located messages; nothing is imported while there is one
    warnings: list[str]
    rows: list[int]  # spreadsheet row of each response


def read_paper_answers(
    data: bytes, filename: str, questionnaire: Questionnaire, organisations: list[str], lang: str
) -> PaperImport:
    """The command line's reader (``scoring.responses_io``) plus what a workshop adds: an organisation must be
    one of the workshop's, and a profile value one of its field's options, so that no answer makes a new group."""
    try:
        frame, warnings = read_responses_bytes(data, filename, questionnaire, max_bytes=MAX_UPLOAD_BYTES)
    except ResponsesError as error:
        return PaperImport([], [], [p.describe(lang) for p in error.problems], [], [])
    problems: list[str] = []
    item_ids = questionnaire.item_ids
    columns = list(frame.columns)
    for field in questionnaire.profile:
        if field.id not in frame.columns:
            continue
        allowed = [o.id for o in field.options] or organisations
        for row, value in frame[field.id].items():
            if isinstance(value, str) and value.strip() and value.strip() not in allowed:
                problems.append(
                    t(
                        "paper.unknown_value",
                        row=row,
                        column=field.id,
                        value=value,
                        allowed=", ".join(allowed),
                    )
                )
    answers, profiles = [], []
    for _row, record in frame.iterrows():
        answers.append({item: (None if _missing(record[item]) else int(record[item])) for item in item_ids})
        profiles.append(
            {
                field.id: str(record[field.id]).strip()
                for field in questionnaire.profile
                if field.id in columns and not _missing(record[field.id]) and str(record[field.id]).strip()
            }
        )
    described = [w.describe(lang) for w in warnings if w.code != "unknown_option"]
    # A template has a column for every statement; a row's role is asked only its own (scoring.asking). An answer
    # to another is dropped here, with a line saying so, rather than stored and counted as tampering later.
    dropped = 0
    for given, profile in zip(answers, profiles, strict=True):
        asked = {item.id for item in items_for(questionnaire, profile)}
        for item_id in [item_id for item_id in given if item_id not in asked]:
            dropped += given.pop(item_id) is not None
    if dropped:
        described.append(translate("paper.not_asked", lang, count=dropped))
    return PaperImport(answers, profiles, problems, described, [int(r) for r in frame.index])


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def import_paper_answers(workshop: FacilitatorView, reading: PaperImport) -> int:
    """Submit each response as a phone would; returns how many were added."""
    store = get_store()
    added = 0
    asked = set(workshop.profile_fields)  # a question the workshop did not ask is not recorded
    for answers, given in zip(reading.answers, reading.profiles, strict=True):
        profile = {field: value for field, value in given.items() if field in asked}
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id=workshop.questionnaire_id,
            workshop_id=workshop.id,
            answers=answers,
            profile=profile,
            comments={},
            step=0,
        )
        added += bool(store.submit(token))
    if added:
        # The batch goes through the publication rule once, as a phone's submission does: admitted as a whole
        # when it holds at least min_group_size answers (with any already waiting).
        workshops.publish(workshop)
    return added


def paper_panel(workshop: FacilitatorView, questionnaire: Questionnaire) -> None:
    lang = current_language()
    organisations = list(workshop.organisations)
    st.markdown(t("paper.explained"))
    template, printable = st.columns(2)
    with template:
        st.download_button(
            t("paper.download_template"),
            data=partial(blank_template_xlsx, questionnaire, lang, organisations=organisations),
            file_name=report_file_name(
                f"{workshop.title} {t('paper.template_word')}", pd.Timestamp.now().date(), "xlsx"
            ),
            mime=XLSX_MIME,
            icon=":material/table_view:",
            key="paper_template",
            on_click="ignore",
            width="stretch",
        )
    with printable:
        st.download_button(
            t("paper.download_questionnaire"),
            data=partial(
                paper_questionnaire_pdf, questionnaire, lang, title=workshop.title, organisations=organisations
            ),
            file_name=report_file_name(f"{workshop.title} {t('paper.paper_word')}", _today(), "pdf"),
            mime=PDF_MIME,
            icon=":material/print:",
            key="paper_questionnaire",
            on_click="ignore",
            width="stretch",
        )
    if workshop.status != "open":
        st.info(t("paper.closed"))
        return
    upload = st.file_uploader(t("paper.upload"), type=["xlsx", "csv"], key="paper_upload", max_upload_size=1)
    if upload is None:
        return
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    if digest in st.session_state.get(IMPORTED, set()):
        st.warning(t("paper.already_imported"))
        return
    reading = read_paper_answers(data, upload.name, questionnaire, organisations, lang)
    if reading.problems:
        st.error(t("paper.problems", count=len(reading.problems)))
        st.code("\n".join(reading.problems), language=None, wrap_lines=True)
        return
    for warning in reading.warnings:
        st.caption(warning)
    if not reading.answers:
        st.warning(t("paper.empty"))
        return
    st.success(t("paper.preview", count=len(reading.answers)))
    preview = pd.DataFrame(
        {
            t("paper.col_row"): reading.rows,
            **{
                text_in(field.label, lang): [p.get(field.id, "") for p in reading.profiles]
                for field in questionnaire.profile
            },
            t("paper.col_answered"): [sum(v is not None for v in a.values()) for a in reading.answers],
        }
    )
    st.dataframe(preview, hide_index=True, width="stretch")
    if st.button(t("paper.import", count=len(reading.answers)), type="primary", key="paper_import"):
        try:
            added = import_paper_answers(workshop, reading)
        except WorkshopClosed:
            st.error(t("paper.closed"))
            return
        except StorageError:
            st.error(t("paper.storage_failed"))
            return
        st.session_state.setdefault(IMPORTED, set()).add(digest)
        st.success(t("paper.imported", count=added))


def _today() -> dt.date:
    return dt.date.today()
