"""A respondent's own report: their answers scored by the one scoring function, as a group of one.

Only the statements the respondent is asked count: the others are absent (they weigh on a dimension's coverage,
scoring step 2), never a zero."""

from __future__ import annotations

from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.results import ScoreReport
from ui.flow import Answering


def own_report(answering: Answering) -> ScoreReport:
    state = answering.to_send  # only what is asked: a statement no longer asked is absent, never a zero
    frame = responses_frame(answering.questionnaire, [dict(state.answers)], [dict(state.profile)])
    return score_responses(answering.questionnaire, frame)
