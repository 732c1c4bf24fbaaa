"""A workshop's action plan seen from the pages: loading and saving it, and the labels of its priorities.

The plan's rules and texts are scoring.plan's; storage keeps its document (storage.plans). The priorities come
from the workshop's shown results only (ui.workshops.results_for), never from anybody's own answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from pydantic import ValidationError

from scoring import plan as plan_rules
from scoring.model import Questionnaire
from scoring.plan import (
    STATUSES,
    Action,
    ActionPlan,
    PlanError,
    Priority,
    check_plan,
    plan_from_document,
    suggested_priorities,
)
from ui.language import t
from ui.services import get_store
from ui.text import plain

__all__ = ["STATUSES", "Action", "ActionPlan", "Priority", "suggested_priorities"]


@dataclass(frozen=True)
class LoadedPlan:
    plan: ActionPlan
    revision: int  # 0: nothing saved yet


def load(workshop_id: int) -> LoadedPlan:
    stored = get_store().action_plan(workshop_id)
    if stored is None:
        return LoadedPlan(ActionPlan(), 0)
    return LoadedPlan(plan_from_document(stored.document), stored.revision)


def priority_value(priority: Priority) -> str:
    return f"{priority.kind}:{priority.id}"


def priority_label(questionnaire: Questionnaire, priority: Priority, lang: str) -> str:
    return plan_rules.priority_label(questionnaire, priority, lang)


def candidates(questionnaire: Questionnaire, report) -> list[Priority]:
    """Every priority the facilitator may pick: the suggested ones first, then every dimension and statement
    with a figure on screen (scoring.plan.suggested_priorities with no limit)."""
    return suggested_priorities(report, limit=len(questionnaire.dimensions) + len(questionnaire.items))


def recommendations(questionnaire: Questionnaire, report, lang: str) -> dict[str, str]:
    """The recommendations the screen shows, by their key in a plan."""
    return plan_rules.recommendation_texts(questionnaire, report, lang)


def save(key: str, plan: ActionPlan, revision: int) -> tuple[int | None, str | None]:
    """(the new revision, None), or (None, the i18n key of what went wrong)."""
    from storage import PlanChanged, StorageError

    try:
        checked = check_plan(plan)
    except PlanError as error:
        return None, f"plan.error.{error.code}"
    try:
        return get_store().save_action_plan(key, checked.to_document(), expected_revision=revision), None
    except PlanChanged:
        return None, "plan.error.changed"
    except StorageError:
        return None, "plan.error.storage"


def build(priorities: list[Priority], rows: list[dict]) -> tuple[ActionPlan | None, str | None]:
    """The plan from the page's widgets; rows without a text are left out. (None, i18n key) when invalid."""
    try:
        actions = [Action(**row) for row in rows if str(row.get("what") or "").strip()]
        return ActionPlan(priorities=priorities, actions=actions), None
    except ValidationError:
        return None, "plan.error.invalid"


def format_due(due: dt.date | None, lang: str) -> str:
    return plan_rules.format_due(due, lang)


def actions_table(questionnaire: Questionnaire, plan: ActionPlan, priority: Priority, lang: str) -> pd.DataFrame:
    """One priority's actions as a read-only table: typed texts stay plain text (a table cell is not Markdown)."""
    rows = [
        {
            t("plan.col_what"): action.what,
            t("plan.col_who"): action.who or "—",
            t("plan.col_due"): format_due(action.due, lang),
            t("plan.col_status"): t(f"plan.status.{action.status}"),
        }
        for action in plan.actions_for(priority.id)
    ]
    return pd.DataFrame(rows, columns=[t(f"plan.col_{c}") for c in ("what", "who", "due", "status")])


def escaped(text: str) -> str:
    return plain(text)
