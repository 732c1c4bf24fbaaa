"""A respondent's own report: their answers scored by the one scoring function, as a group of one.

Only the statements the respondent is asked count: the others are absent (they weigh on a dimension's coverage,
scoring step 2), never a zero."""

from __future__ import annotations

from collections.abc import Mapping

from i18n import translate
from scoring.answer_rules import position_key
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import Questionnaire, text_in
from scoring.results import ScoreReport
from ui.flow import Answering


def own_report(answering: Answering) -> ScoreReport:
    state = answering.to_send  # only what is asked: a statement no longer asked is absent, never a zero
    frame = responses_frame(answering.questionnaire, [dict(state.answers)], [dict(state.profile)])
    return score_responses(answering.questionnaire, frame)


def position_lines(
    questionnaire: Questionnaire, positions: Mapping[str, str | None], lang: str
) -> list[tuple[str, str]]:
    """One's own answers to the position questions, one line each: (the question's label, « Aujourd’hui :
    coordination · Souhaité : coopération »); a question left unanswered is not shown, « je ne sais pas » is."""
    lines = []
    for position in questionnaire.positions:
        parts = []
        for moment in position.asks:
            key = position_key(position.id, moment)
            if key not in positions:
                continue
            chosen = positions[key]
            step = position.step(chosen) if chosen is not None else None
            shown = text_in(step.label, lang) if step is not None else translate("results.position_blank", lang)
            parts.append(translate(f"results.position_{moment}", lang, step=shown))
        if parts:
            lines.append((text_in(position.label, lang), " · ".join(parts)))
    return lines
