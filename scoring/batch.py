"""``python -m scoring score``: a response file in, the JSON of docs/command-line.md out.

Bad input (questionnaire, response files, --group-by, --balance, output path) gives exit code 2 and plain
messages on stderr, never a traceback, and never a partial output file. Heavy modules (pandas, pydantic, yaml) are
imported inside the functions, and openpyxl only for a workbook, so that ``--help`` stays instant.

``python -m reports`` reads its input the same way: :func:`score_inputs` returns the typed report or the messages,
and prints nothing, so that both commands say the same things about the same files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import translate
from scoring.cli_output import EXIT_BAD_INPUT, EXIT_OK, emit, write_atomically, write_stdout
from scoring.problems import joined

if TYPE_CHECKING:
    from scoring.model import Questionnaire
    from scoring.results import ScoreReport


@dataclass
class ScoredInputs:
    """What :func:`score_inputs` found: the report (None when the input is bad), and what to tell the user."""

    report: ScoreReport | None
    questionnaire: Questionnaire | None
    lang: str  # the language of the texts and messages: --lang, else the questionnaire's
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def score_inputs(
    questionnaire: str | Path,
    responses: str | Path,
    *,
    group_by: str | None = None,
    baseline: str | Path | None = None,
    balance: str | None = None,
    lang: str | None = None,
) -> ScoredInputs:
    """Load, read, check and score, as ``score`` does; every problem becomes a located message, nothing is printed.

    Messages are in ``lang``, or the questionnaire's language, or French when that is neither French nor English.
    """
    from scoring.loader import load_questionnaire
    from scoring.problems import QuestionnaireError

    messages_lang = _messages_language(lang)
    try:
        model = load_questionnaire(questionnaire)
    except QuestionnaireError as error:
        return ScoredInputs(None, None, messages_lang, errors=[error.describe(messages_lang)])
    lang = lang or model.language
    messages_lang = _messages_language(lang)
    result = ScoredInputs(None, model, lang)

    available = ", ".join(f.id for f in model.profile) or translate("cli.none", messages_lang)
    for option, value in (("group", group_by), ("balance", balance)):
        if value is not None and model.profile_field(value) is None:
            result.errors.append(translate(f"cli.{option}_unknown", messages_lang, field=value, available=available))
    if result.errors:
        return result

    from scoring.engine import InvalidResponses, TooManyGroups, UnknownGroupField, score_responses
    from scoring.response_problems import ResponsesError
    from scoring.responses_io import read_response_table

    frames = []
    for path in [responses] if baseline is None else [responses, baseline]:
        try:
            frame, warnings = read_response_table(path, model)
        except ResponsesError as error:
            result.errors.append(error.describe(messages_lang))
            continue
        frames.append(frame)
        warning_word = translate("messages.warning", messages_lang)
        result.warnings += [
            joined(messages_lang, warning_word, warning.describe(messages_lang, str(path))) for warning in warnings
        ]
    if result.errors:
        return result

    for option, value in (("group", group_by), ("balance", balance)):
        if value is not None and value not in frames[0].columns:
            result.errors.append(translate(f"cli.{option}_missing", messages_lang, field=value))
    if result.errors:
        return result
    try:
        result.report = score_responses(
            model, frames[0], group_by=group_by, balance=balance, baseline=frames[1] if baseline else None
        )
    except TooManyGroups as error:
        params = {"option": "group-by", "field": error.field, "count": error.count, "limit": error.limit}
        result.errors.append(translate("cli.too_many_groups", messages_lang, **params))
    except (UnknownGroupField, InvalidResponses) as error:  # the reader's checks should make these impossible
        result.errors.append(str(error))
    return result


def score_file(
    questionnaire: str,
    responses: str,
    *,
    group_by: str | None = None,
    baseline: str | None = None,
    balance: str | None = None,
    lang: str | None = None,
    output: str | None = None,
) -> int:
    """Score ``responses`` against ``questionnaire``; print or write the JSON; return the exit code."""
    scored = score_inputs(questionnaire, responses, group_by=group_by, baseline=baseline, balance=balance, lang=lang)
    for message in scored.errors + scored.warnings:
        emit(message, "stderr")
    if scored.report is None:
        return EXIT_BAD_INPUT

    text = json.dumps(scored.report.to_json(scored.lang), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        write_stdout(text)
        return EXIT_OK
    try:
        write_atomically(Path(output), text)
    except OSError as error:
        detail = error.strerror or str(error)
        emit(translate("cli.output_failed", _messages_language(scored.lang), path=output, detail=detail), "stderr")
        return EXIT_BAD_INPUT
    return EXIT_OK


def _messages_language(lang: str | None) -> str:
    return lang if lang in ("fr", "en") else "fr"
