"""« Importer un questionnaire » (issue 17): an uploaded YAML file or workbook checked, kept with its workshop.

The upload is checked by scoring's own readers (``scoring.sheet_read`` for a workbook: size, zip parts, hidden
sheets, rows and columns, merged cells, formulas; ``scoring.loader`` for YAML) before anything is kept; every problem
comes out at once, located, in the session's language. A questionnaire that passes is kept, with the workshop created
from it, as its YAML text in the database (`storage.ImportedQuestionnaire`): never a file on the server, never run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scoring.bibliography import default_bibliography
from scoring.loader import MAX_BYTES, parse_questionnaire
from scoring.model import Questionnaire
from scoring.problems import Problem, QuestionnaireError
from scoring.sheet_format import MAX_WORKBOOK_BYTES
from scoring.yaml_write import questionnaire_yaml
from storage import ImportedQuestionnaire, StorageUnavailable, WorkshopCreated
from ui.services import get_store
from ui.workshops import scale_of

# What the page accepts, in MB for Streamlit's uploader (whose limit is checked again here, on the bytes).
MAX_UPLOAD_BYTES = max(MAX_BYTES, MAX_WORKBOOK_BYTES)
MAX_UPLOAD_MB = max(1, MAX_UPLOAD_BYTES // (1024 * 1024))
UPLOAD_TYPES = ["yaml", "yml", "xlsx"]
# The example to download: the express questionnaire's workbook, written by the converter from the shipped YAML
# (``python -m scoring convert questionnaires/express.yaml -o questionnaires/examples/express.xlsx``, tested).
EXAMPLE_WORKBOOK = Path(__file__).resolve().parents[1] / "questionnaires" / "examples" / "express.xlsx"
EXAMPLE_NAME = "radar-questionnaire-exemple.xlsx"


@cache
def example_workbook() -> bytes:
    return EXAMPLE_WORKBOOK.read_bytes()


@dataclass(frozen=True)
class Checked:
    """An upload checked: the questionnaire, or every problem found in it (described in the reader's language)."""

    questionnaire: Questionnaire | None
    problems: list[str]


def check_upload(name: str, data: bytes, lang: str) -> Checked:
    """The questionnaire of an uploaded file (a workbook by its name or its first bytes, else YAML)."""
    shown = Path(name).name[:120] or "questionnaire"
    try:
        if len(data) > MAX_UPLOAD_BYTES:
            too_large = {"size": len(data), "limit": MAX_UPLOAD_BYTES}
            raise QuestionnaireError([Problem(shown, "", "file_too_large", too_large)])
        if shown.lower().endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
            from scoring.sheet_read import parse_workbook

            questionnaire = parse_workbook(data, shown, bibliography=default_bibliography())
        else:
            questionnaire = parse_questionnaire(data, shown, bibliography=default_bibliography())
        stored_form(questionnaire)  # what would be kept must read back as it is
    except QuestionnaireError as error:
        return Checked(None, [problem.describe(lang) for problem in error.problems])
    return Checked(questionnaire, [])


def stored_form(questionnaire: Questionnaire) -> ImportedQuestionnaire:
    """The questionnaire as storage keeps it: its YAML, which reads back as the same questionnaire (else refused)."""
    source = questionnaire_yaml(questionnaire)
    if len(source.encode("utf-8")) > MAX_BYTES:
        raise QuestionnaireError(
            [Problem("questionnaire.yaml", "", "file_too_large", {"size": len(source.encode()), "limit": MAX_BYTES})]
        )
    if parse_questionnaire(source, "questionnaire.yaml") != questionnaire:
        raise QuestionnaireError([Problem("questionnaire.yaml", "", "file_unreadable", {"detail": "round trip"})])
    return ImportedQuestionnaire(questionnaire_id=questionnaire.id, version=questionnaire.version, source=source)


def create_workshop(
    questionnaire: Questionnaire,
    *,
    title: str,
    organisations: list[str],
    profile_fields: list[str],
    show_results_to_participants: bool,
) -> WorkshopCreated | None:
    """A new workshop of an imported questionnaire, kept with it in one transaction; None if storage cannot be
    reached (the page says so; trying again makes at most one more workshop of the same row)."""
    imported = stored_form(questionnaire)
    try:
        return get_store().create_workshop(
            title=title,
            questionnaire_id=imported.reference,
            organisations=organisations,
            profile_fields=profile_fields,
            show_results_to_participants=show_results_to_participants,
            scale=scale_of(questionnaire),
            imported=imported,
        )
    except StorageUnavailable:
        return None
