"""A workshop's action plan, in pure code: the priorities to suggest from its shown results, and the plan's model.

From the results a screen shows, the facilitator picks 3 to 5 priorities: the statements the room disagrees on
come first (to be discussed before anything is decided, Dhume 004:88-94), then the lowest dimensions and the
lowest statements. For each priority the board writes actions: what, who (a role or a body, never a person's
answers), by when, a status, and the recommendation it comes from. Few priorities, because a board carries
only a few changes at a time and each takes time (« il est urgent de prendre son temps », 001:67-68; the 7 keys,
001:156-164).

The texts typed here are plain text: checked for length and control characters (a NUL breaks PostgreSQL), and
always shown escaped (ui.text.plain), never as Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Protocol

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from i18n import translate
from scoring.model import Questionnaire, text_in

MIN_PRIORITIES = 3
MAX_PRIORITIES = 5
MAX_ACTIONS = 30  # in the whole plan; a board's plan holds a handful
MAX_WHAT = 300
MAX_WHO = 120
MAX_RECOMMENDATION_KEY = 200

PriorityKind = Literal["item", "dimension"]
PriorityReason = Literal["dissensus", "low_dimension", "low_item"]
ActionStatus = Literal["todo", "doing", "done", "dropped"]
STATUSES: tuple[str, ...] = ("todo", "doing", "done", "dropped")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class PlanError(ValueError):
    """A plan the facilitator cannot save as it is; ``code`` is an i18n key under ``plan.error``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def _plain_line(value: str) -> str:
    """One line of plain text: control and direction characters refused (not silently dropped: a tampered
    request is an error), spaces collapsed."""
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed")
    return " ".join(value.split())


PlainWhat = Annotated[str, AfterValidator(_plain_line), Field(min_length=1, max_length=MAX_WHAT)]
PlainWho = Annotated[str, AfterValidator(_plain_line), Field(max_length=MAX_WHO)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Priority(_Frozen):
    kind: PriorityKind
    id: str = Field(min_length=1, max_length=64)  # the statement's or the dimension's id
    reason: PriorityReason


class Action(_Frozen):
    priority: str = Field(min_length=1, max_length=64)  # the id of the priority it serves
    what: PlainWhat
    who: PlainWho = ""  # a role or a body (« le bureau », « la direction »), not a name; may wait
    due: dt.date | None = None
    status: ActionStatus = "todo"
    recommendation: str | None = Field(default=None, max_length=MAX_RECOMMENDATION_KEY)


class ActionPlan(_Frozen):
    priorities: list[Priority] = Field(default_factory=list, max_length=MAX_PRIORITIES)
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ACTIONS)

    def actions_for(self, priority_id: str) -> list[Action]:
        return [action for action in self.actions if action.priority == priority_id]

    def to_document(self) -> dict[str, Any]:
        """What storage keeps: plain JSON values (dates as ISO text)."""
        return self.model_dump(mode="json")


def plan_from_document(document: Any) -> ActionPlan:
    """The plan storage gave back; an empty plan for a workshop that has none."""
    if not document:
        return ActionPlan()
    return ActionPlan.model_validate(document)


def check_plan(plan: ActionPlan) -> ActionPlan:
    """The rules across the plan: 3 to 5 distinct priorities before any action, each action on one of them."""
    ids = [priority.id for priority in plan.priorities]
    if len(set(ids)) != len(ids):
        raise PlanError("priority_twice")
    if plan.actions and not MIN_PRIORITIES <= len(ids) <= MAX_PRIORITIES:
        raise PlanError("priority_count", minimum=MIN_PRIORITIES, maximum=MAX_PRIORITIES)
    unknown = sorted({action.priority for action in plan.actions} - set(ids))
    if unknown:
        raise PlanError("action_priority_unknown")
    return plan


# ----- suggestions from the shown results --------------------------------------------------------------------


class _ItemFigure(Protocol):
    id: str
    dimension: str
    mean: float | None
    consensus: float | None
    dissensus: bool


class _DimensionFigure(Protocol):
    id: str
    score: float | None


class _Report(Protocol):
    """A report a group screen shows (scoring.privacy's shared report, or the engine's report it filtered)."""

    @property
    def items(self) -> Sequence[_ItemFigure]: ...

    @property
    def dimensions(self) -> Sequence[_DimensionFigure]: ...


def suggested_priorities(report: _Report, *, limit: int = MAX_PRIORITIES) -> list[Priority]:
    """Disputed statements first (lowest consensus first), then dimensions from the lowest score, then statements
    from the lowest mean; each target once, figures the screen does not show left out."""
    suggestions: list[Priority] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: PriorityKind, target: str, reason: PriorityReason) -> None:
        if (kind, target) not in seen and len(suggestions) < limit:
            seen.add((kind, target))
            suggestions.append(Priority(kind=kind, id=target, reason=reason))

    disputed = sorted((i for i in report.items if i.dissensus and i.consensus is not None), key=lambda i: i.consensus)
    for item in disputed:
        add("item", item.id, "dissensus")
    for dimension in sorted((d for d in report.dimensions if d.score is not None), key=lambda d: d.score):
        add("dimension", dimension.id, "low_dimension")
    for item in sorted((i for i in report.items if i.mean is not None), key=lambda i: i.mean):
        add("item", item.id, "low_item")
    return suggestions


def recommendation_key(dimension: str, item: str | None, band: str, index: int) -> str:
    """A recommendation's stable name in a plan: the statement's for one of a statement, else the dimension's
    band and rank (the questionnaire's order)."""
    return f"item:{item}" if item else f"dimension:{dimension}:{band}:{index}"


def priority_name(questionnaire: Questionnaire, priority: Priority, lang: str) -> str:
    """The statement's text or the dimension's label; the bare id when the questionnaire no longer has it."""
    if priority.kind == "dimension":
        dimension = next((d for d in questionnaire.dimensions if d.id == priority.id), None)
        return text_in(dimension.label, lang) if dimension else priority.id
    item = next((i for i in questionnaire.items if i.id == priority.id), None)
    return text_in(item.text, lang) if item else priority.id


def priority_label(questionnaire: Questionnaire, priority: Priority, lang: str) -> str:
    """« À discuter · <statement> », « Dimension la plus basse · <label> »...: what and why, in plain words."""
    reason = translate(f"plan.reason.{priority.reason}", lang)
    return translate("plan.priority_label", lang, reason=reason, name=priority_name(questionnaire, priority, lang))


class _Recommendation(Protocol):
    dimension: str
    item: str | None
    band: str
    text: dict[str, str]


class _WithRecommendations(Protocol):
    @property
    def recommendations(self) -> Sequence[_Recommendation]: ...


def recommendation_texts(questionnaire: Questionnaire, report: _WithRecommendations, lang: str) -> dict[str, str]:
    """The recommendations a screen shows, by their key in a plan (:func:`recommendation_key`), in ``lang``."""
    found: dict[str, str] = {}
    dimensions = {d.id: d for d in questionnaire.dimensions}
    for rec in report.recommendations:
        if rec.item:
            key = recommendation_key(rec.dimension, rec.item, rec.band, 0)
        else:
            texts = [r.text for r in dimensions[rec.dimension].recommendations.for_band(rec.band)]
            key = recommendation_key(rec.dimension, None, rec.band, texts.index(rec.text) if rec.text in texts else 0)
        found[key] = text_in(rec.text, lang)
    return found


def format_due(due: dt.date | None, lang: str) -> str:
    """A due date as people write it (« 15/03/2027 » in French: the catalogue's ``plan.due_format``); « — » when
    none was set."""
    if due is None:
        return "—"
    return due.strftime(translate("plan.due_format", lang))
