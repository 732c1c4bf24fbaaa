"""A respondent's own report: their answers scored by the one scoring function, as a group of one.

Only the statements the respondent is asked count: the others are absent (they weigh on a dimension's coverage,
scoring step 2), never a zero."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping

from i18n import translate
from scoring.answer_rules import position_key
from scoring.engine import score_responses
from scoring.frames import responses_frame
from scoring.model import Questionnaire, text_in
from scoring.results import ScoreReport
from ui.flow import Answering

# The last reports scored, by questionnaire and answers: the results page reruns on every click (a download, the
# glossary, the language) with the same answers, and scoring them again was a good part of each rerun. Keyed by the
# questionnaire object itself (the catalogue keeps one per file or stored version), so two questionnaires with the
# same id and version never share a report.
_REPORTS: OrderedDict[tuple[int, tuple, tuple], tuple[Questionnaire, ScoreReport]] = OrderedDict()
_REPORTS_KEPT = 64
_REPORTS_LOCK = threading.Lock()


def own_report(answering: Answering) -> ScoreReport:
    """The respondent's report; callers read it, never change it (it may be handed to the next rerun too)."""
    state = answering.to_send  # only what is asked: a statement no longer asked is absent, never a zero
    questionnaire = answering.questionnaire
    key = (id(questionnaire), tuple(sorted(state.answers.items())), tuple(sorted(state.profile.items())))
    with _REPORTS_LOCK:
        kept = _REPORTS.get(key)
        if kept is not None and kept[0] is questionnaire:
            _REPORTS.move_to_end(key)
            return kept[1]
    frame = responses_frame(questionnaire, [dict(state.answers)], [dict(state.profile)])
    report = score_responses(questionnaire, frame)
    with _REPORTS_LOCK:
        _REPORTS[key] = (questionnaire, report)
        while len(_REPORTS) > _REPORTS_KEPT:
            _REPORTS.popitem(last=False)
    return report


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
