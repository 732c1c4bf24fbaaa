"""``python -m scoring score``: a response file in, the JSON of docs/command-line.md out.

Bad input (questionnaire, response file, --group-by, output path) gives exit code 2 and plain messages on stderr,
never a traceback, and never a partial output file. Heavy modules (pandas, pydantic, yaml) are imported inside
:func:`score_file`, and openpyxl only for a workbook, so that ``--help`` stays instant.
"""

from __future__ import annotations

import json
from pathlib import Path

from scoring.cli_output import EXIT_BAD_INPUT, EXIT_OK, emit, write_atomically, write_stdout
from scoring.problems import joined, localise

_MESSAGES = {
    "group_unknown": {
        "fr": "--group-by {field} : ce n’est pas un champ de profil du questionnaire (champs : {available})",
        "en": "--group-by {field}: not a profile field of the questionnaire (fields: {available})",
    },
    "group_missing": {
        "fr": "--group-by {field} : le fichier de réponses n’a pas de colonne « {field} »",
        "en": "--group-by {field}: the response file has no '{field}' column",
    },
    "output_failed": {
        "fr": "impossible d’écrire {path} : {detail}",
        "en": "cannot write {path}: {detail}",
    },
    "warning": {"fr": "attention", "en": "warning"},
    "none": {"fr": "aucun", "en": "none"},
}


def score_file(
    questionnaire: str,
    responses: str,
    *,
    group_by: str | None = None,
    lang: str | None = None,
    output: str | None = None,
) -> int:
    """Score ``responses`` against ``questionnaire``; print or write the JSON; return the exit code."""
    from scoring.loader import load_questionnaire
    from scoring.problems import QuestionnaireError

    messages_lang = lang or "fr"
    try:
        model = load_questionnaire(questionnaire)
    except QuestionnaireError as error:
        _error(error.describe(messages_lang))
        return EXIT_BAD_INPUT
    lang = lang or model.language
    messages_lang = lang if lang in ("fr", "en") else "fr"

    available = ", ".join(field.id for field in model.profile) or _say("none", messages_lang)
    if group_by is not None and model.profile_field(group_by) is None:
        _error(_say("group_unknown", messages_lang, field=group_by, available=available))
        return EXIT_BAD_INPUT

    from scoring.engine import UnknownGroupField, score_responses
    from scoring.response_problems import ResponsesError
    from scoring.responses_io import read_responses

    try:
        frame, warnings = read_responses(responses, model)
    except ResponsesError as error:
        _error(error.describe(messages_lang))
        return EXIT_BAD_INPUT
    for warning in warnings:
        _error(joined(messages_lang, _say("warning", messages_lang), warning.describe(messages_lang, responses)))

    try:
        report = score_responses(model, frame, group_by=group_by)
    except UnknownGroupField:
        _error(_say("group_missing", messages_lang, field=group_by))
        return EXIT_BAD_INPUT

    text = json.dumps(report.to_json(lang), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        write_stdout(text)
        return EXIT_OK
    try:
        write_atomically(Path(output), text)
    except OSError as error:
        _error(_say("output_failed", messages_lang, path=output, detail=error.strerror or error))
        return EXIT_BAD_INPUT
    return EXIT_OK


def _say(key: str, lang: str, **params: object) -> str:
    return localise(_MESSAGES[key], lang, params)


def _error(message: str) -> None:
    emit(message, "stderr")
