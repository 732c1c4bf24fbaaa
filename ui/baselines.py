"""A workshop's baseline seen from the pages: naming it at creation (from the earlier workshop's facilitator
link), and the earlier workshop's shared results to set beside this one's. No figure is computed here: both come
from `ui.workshops.results_for`, the privacy module's shared reports."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.model import Questionnaire
from storage import InvalidInput, StorageError
from ui import urls, workshops
from ui.catalogue import get_questionnaire
from ui.services import get_store


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
    earlier = workshops.facilitator_view(key)
    if earlier is None:
        return None, "compare.baseline_unknown"
    if earlier.questionnaire_id != questionnaire_id:
        return None, "compare.baseline_other_questionnaire"
    return key, None


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
