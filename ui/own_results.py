"""A respondent's own report: their answers scored by the one scoring function, as a group of one."""

from __future__ import annotations

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.results import ScoreReport
from ui import flow


def own_report(ctx: flow.FlowContext) -> ScoreReport:
    snapshot = flow.state_snapshot()
    frame = responses_frame(ctx.questionnaire, [snapshot["answers"]], [snapshot["profile"]])
    return score_responses(ctx.questionnaire, frame)
