"""The three steps before cooperating, and the decision that follows them, as a path (001:128-137).

The URIOPSS method names three obligatory passages: a diagnostic of each association and establishment, an
opportunity study confirming the choice to cooperate and its themes, a feasibility study of the effects on
associative life, governance and staff; then the leaders decide « en connaissance de cause ». The questionnaire
« Préparer un rapprochement » asks whether each step was made (items dc-1, dc-8, dc-3; dc-8 replaced dc-2 in the
questionnaire's version 2.0): the group's mean answer to that item, as its shown results give it, tells where
the group stands on the path. Nothing here computes a group figure: it reads the report a screen already shows
(a workshop's report has been through the privacy rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from scoring.model import Questionnaire
    from scoring.privacy import SharedReport
    from scoring.results import ScoreReport

StepStatus = Literal["done", "partly", "not_done", "unknown"]


@dataclass(frozen=True)
class PathStep:
    id: str
    item: str | None  # the statement of « Préparer un rapprochement » that asks whether this step was made
    source: str


PATH: tuple[PathStep, ...] = (
    PathStep("diagnostic", "dc-1", "001:128-130"),
    PathStep("opportunite", "dc-8", "001:128-131"),
    PathStep("faisabilite", "dc-3", "001:132-134"),
    PathStep("decision", None, "001:136-137"),
)


@dataclass(frozen=True)
class PathState:
    statuses: dict[str, StepStatus]  # step id -> status; the decision is never « done »: it is the board's
    current: str | None  # the first step not made yet; None when no step's item has a figure to read


def asks_the_path(questionnaire: Questionnaire) -> bool:
    """The questionnaire has the statements of the three steps (« Préparer un rapprochement » does)."""
    return all(step.item is None or step.item in questionnaire.item_ids for step in PATH)


def path_state(questionnaire: Questionnaire, report: ScoreReport | SharedReport | None) -> PathState:
    """One's own report or a group screen's `SharedReport` (a statement it does not show has no mean).

    Each step made (mean at or above the « point fort » band), partly (in « à surveiller »), not made
    (« prioritaire »), or unknown (no figure: too few answers, or a screen that hides it). The group stands at
    the first step not made; once the three are made, at the decision."""
    means = {stats.id: stats.mean for stats in report.items} if report is not None else {}
    statuses: dict[str, StepStatus] = {}
    for step in PATH:
        if step.item is None:
            continue
        statuses[step.id] = _status(means.get(step.item), questionnaire)
    studied = [step for step in PATH if step.item is not None]
    if all(statuses[step.id] == "unknown" for step in studied):
        current = None
    else:
        current = next((step.id for step in studied if statuses[step.id] != "done"), PATH[-1].id)
    statuses[PATH[-1].id] = "unknown"
    return PathState(statuses, current)


def _status(mean: float | None, questionnaire: Questionnaire) -> StepStatus:
    if mean is None:
        return "unknown"
    if mean >= questionnaire.bands.strength:
        return "done"
    if mean >= questionnaire.bands.watch:
        return "partly"
    return "not_done"
