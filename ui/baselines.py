"""A workshop's baseline seen from the pages: naming it at creation (from the earlier workshop's facilitator
link, or from « Mes ateliers », the workshops this browser created), and the earlier workshop's shared results to
set beside this one's. No figure is computed here: both come from `ui.workshops.results_for`, the privacy module's
shared reports."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reports.workshop_sheet import long_date
from scoring.model import Questionnaire, text_in
from scoring.privacy import SharedReport
from scoring.privacy.baseline_file import file_report
from scoring.response_problems import ResponsesError
from scoring.responses_io import read_responses_bytes
from storage import BaselineFileView, InvalidInput, StorageError
from ui import browser_memory, urls, workshops
from ui.catalogue import get_questionnaire
from ui.language import t
from ui.services import get_store

# A response file of 500 people and 60 statements weighs about 100 KB: 2 MiB is plenty, and refused before parsing.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILE_NAME = 200
# As many as « Mes ateliers » shows (ui.workshop_links.SHOWN_WORKSHOPS): the newest first.
SHOWN_CHOICES = 10


@dataclass(frozen=True)
class EarlierResults:
    title: str
    questionnaire: Questionnaire
    results: workshops.WorkshopResults
    from_file: bool = False  # an earlier response file (named by its file name), not a workshop


@dataclass(frozen=True)
class BaselineFile:
    """An earlier response file read and checked: its published aggregate, or the problems (located, in the
    page's language) that refuse it. Nothing of it is kept but ``report``'s figures."""

    name: str
    people: int  # respondents in the file
    report: SharedReport | None
    problems: list[str]


def read_baseline_file(data: bytes, filename: str, questionnaire: Questionnaire, lang: str) -> BaselineFile:
    """The command line's reader and checks (``scoring.responses_io``, size-limited), then the privacy rule: a
    file is a group of people, shown only from ``min_group_size`` of them (``scoring.privacy.baseline_file``)."""
    name = filename.strip()[:MAX_FILE_NAME] or "responses.csv"
    try:
        frame, _warnings = read_responses_bytes(data, filename, questionnaire, max_bytes=MAX_FILE_BYTES)
    except ResponsesError as error:
        return BaselineFile(name, 0, None, [p.describe(lang, filename) for p in error.problems])
    rows = [
        {item: None if _missing(record[item]) else int(record[item]) for item in questionnaire.item_ids}
        for _row, record in frame.iterrows()
    ]
    report = file_report(questionnaire, rows)
    if not report.counted:
        problem = t("compare.baseline_file_too_few", count=questionnaire.min_group_size, people=len(rows))
        return BaselineFile(name, len(rows), None, [problem])
    return BaselineFile(name, len(rows), report, [])


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def keep_file(key: str, reading: BaselineFile, questionnaire: Questionnaire) -> bool:
    """Keep the file's published aggregate as the baseline of the workshop just created; False when storage
    refused or failed (the workshop is made: the facilitator is told)."""
    if reading.report is None:
        return False
    try:
        return get_store().set_baseline_file(
            key,
            name=reading.name,
            questionnaire_version=questionnaire.version,
            people=reading.report.counted,
            report=reading.report.model_dump(mode="json"),
        )
    except (InvalidInput, StorageError):
        return False


def check_link(text: str, questionnaire_id: str) -> tuple[str | None, str | None]:
    """(the earlier workshop's key, None), or (None, the i18n key of the problem); (None, None) for no link."""
    if not text.strip():
        return None, None
    key = urls.key_from_link(text)
    if key is None:
        return None, "compare.baseline_not_a_link"
    return check_key(key, questionnaire_id)


def check_key(key: str, questionnaire_id: str) -> tuple[str | None, str | None]:
    """(the earlier workshop's key, None), or (None, the i18n key of the problem)."""
    earlier = workshops.facilitator_view(key)
    if earlier is None:
        return None, "compare.baseline_unknown"
    if earlier.questionnaire_id != questionnaire_id:
        return None, "compare.baseline_other_questionnaire"
    return key, None


def remembered_choices(lang: str) -> dict[str, tuple[str, str]]:
    """« Mes ateliers » as baselines to choose from: participant code -> (facilitator key, « Titre · questionnaire
    · date »), the newest first; deleted workshops left out. The key stays on the server: a choice is its code."""
    choices: dict[str, tuple[str, str]] = {}
    for code, key in browser_memory.remembered_workshops()[:SHOWN_CHOICES]:
        view = workshops.facilitator_view(key)
        if view is None:
            continue
        questionnaire = get_questionnaire(view.questionnaire_id)
        name = text_in(questionnaire.title, lang) if questionnaire else view.questionnaire_id
        # A select box shows its options as plain text, not Markdown: the title as typed.
        choices[code] = (key, " · ".join((view.title, name, long_date(view.created_at.date(), lang))))
    return choices


def chosen(text: str, choice: str | None, choices: dict[str, tuple[str, str]], questionnaire_id: str):
    """The baseline named by a pasted link or by a choice among « Mes ateliers » (one of them, not both):
    (the earlier workshop's key or None, the i18n key of the problem or None)."""
    picked = choices.get(choice) if choice else None
    if picked is not None and text.strip():
        by_link = urls.key_from_link(text)
        if by_link != picked[0]:
            return None, "compare.baseline_both"
    if picked is not None:
        return check_key(picked[0], questionnaire_id)
    return check_link(text, questionnaire_id)


def link(key: str, earlier_key: str) -> bool:
    """Name the baseline of a workshop just created; False when storage refused or failed (the workshop is made:
    the facilitator is told, and the link can be given again)."""
    try:
        return get_store().set_baseline(key, earlier_key)
    except (InvalidInput, StorageError):
        return False


def has_baseline(workshop_id: int) -> bool:
    """A baseline workshop or file is named (its results may not be shown yet)."""
    store = get_store()
    return store.baseline_of(workshop_id) is not None or store.baseline_file_of(workshop_id) is not None


def earlier_results(workshop_id: int) -> EarlierResults | None:
    """The baseline's title, questionnaire and shared results, or None (no baseline, deleted, or nothing shown)."""
    store = get_store()
    earlier = store.baseline_of(workshop_id)
    if earlier is None:
        return _file_results(store.baseline_file_of(workshop_id))
    questionnaire = get_questionnaire(earlier.questionnaire_id)
    results = workshops.results_for(earlier)
    if questionnaire is None or results is None or results.report is None:
        return None
    return EarlierResults(earlier.title, questionnaire, results)


def _file_results(kept: BaselineFileView | None) -> EarlierResults | None:
    """A baseline file's kept aggregate, read back as the shared report it was: compared with the questionnaire
    of its time (the same id; its statements as this version has them)."""
    if kept is None:
        return None
    try:
        report = SharedReport.model_validate(kept.report)
    except ValueError:  # written by another version of the app: not shown rather than misread
        return None
    questionnaire = get_questionnaire(report.questionnaire_id)
    if questionnaire is None or not report.counted:
        return None
    results = workshops.WorkshopResults(questionnaire, kept.people, kept.people, report.counted, 0, report)
    return EarlierResults(kept.name, questionnaire, results, from_file=True)
