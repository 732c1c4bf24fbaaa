"""A workshop's baseline seen from the pages: naming it at creation (from the earlier workshop's facilitator
link, or from « Mes ateliers », the workshops this browser created), and the earlier workshop's shared results to
set beside this one's. No figure is computed here: both come from `ui.workshops.results_for`, the privacy module's
shared reports."""

from __future__ import annotations

from dataclasses import dataclass

from reports.workshop_sheet import long_date
from scoring.model import Questionnaire, text_in
from storage import InvalidInput, StorageError
from ui import browser_memory, urls, workshops
from ui.catalogue import get_questionnaire
from ui.services import get_store

# As many as « Mes ateliers » shows (ui.workshop_links.SHOWN_WORKSHOPS): the newest first.
SHOWN_CHOICES = 10


@dataclass(frozen=True)
class EarlierResults:
    title: str
    questionnaire: Questionnaire
    results: workshops.WorkshopResults


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


def earlier_results(workshop_id: int) -> EarlierResults | None:
    """The baseline's title, questionnaire and shared results, or None (no baseline, deleted, or nothing shown)."""
    earlier = get_store().baseline_of(workshop_id)
    if earlier is None:
        return None
    questionnaire = get_questionnaire(earlier.questionnaire_id)
    results = workshops.results_for(earlier)
    if questionnaire is None or results is None or results.report is None:
        return None
    return EarlierResults(earlier.title, questionnaire, results)
