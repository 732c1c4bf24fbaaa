"""The privacy rule of shared screens, end to end, in pure code (DESIGN.md, « Storage and workshops »).

A figure shown to anyone but its author changes only once at least k = ``min_group_size`` new people have
contributed to that same figure since it was last shown; no figure is one person's own value; no combination of
the figures shown, across screens, breakdowns and time, determines one person's answer (a statement's answer, a
dimension score, or a step chosen on the continuum), as far as linear equations go.

Writing apart from reading:

- `plan_publication` (at writes only: a submission, closing and reopening, an import, demo seeding) decides from
  the submitted responses and the record of earlier rounds which waiting responses to admit (`admission`) and
  which figure versions to record (`plan`, checked by `audit`). Storage records the plan as it is.
- `shown_report` (at every read) computes the `SharedReport` of a workshop from its responses and that record
  (`view`): the only report group screens, their figures and their exports accept.

What it does not protect against is said on the method page: people who all gave the same answer (the
distribution says so), members of a small group who compare notes, a facilitator who submits made-up answers.
"""

from scoring.privacy.admission import CleanResponse, clean, excluded_values
from scoring.privacy.figures import KINDS, FigureKind
from scoring.privacy.plan import PlanMemo, plan_publication
from scoring.privacy.records import (
    EVERYONE,
    LEGACY_ROUND,
    FigureKey,
    Plan,
    PublicationRecord,
    Scope,
    StoredResponse,
    Version,
    WorkshopSpec,
)
from scoring.privacy.report import (
    FigureStatus,
    SharedDimension,
    SharedGroup,
    SharedItem,
    SharedPosition,
    SharedReport,
)
from scoring.privacy.suppression import hide_small_counts, protect_breakdown
from scoring.privacy.view import shown_report

__all__ = [
    "EVERYONE",
    "KINDS",
    "LEGACY_ROUND",
    "CleanResponse",
    "FigureKey",
    "FigureKind",
    "FigureStatus",
    "Plan",
    "PlanMemo",
    "PublicationRecord",
    "Scope",
    "SharedDimension",
    "SharedGroup",
    "SharedItem",
    "SharedPosition",
    "SharedReport",
    "StoredResponse",
    "Version",
    "WorkshopSpec",
    "clean",
    "excluded_values",
    "hide_small_counts",
    "plan_publication",
    "protect_breakdown",
    "shown_report",
]
