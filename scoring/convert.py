"""``python -m scoring convert``: a questionnaire from its workbook (XLSX) to YAML, or from YAML to a workbook.

The source is validated first (a workbook's problems located by sheet, row and column); nothing is written when it
has any. The output's kind is its suffix: ``.yaml``/``.yml`` or ``.xlsx``.
"""

from __future__ import annotations

from pathlib import Path

from scoring.cli_output import EXIT_BAD_INPUT, EXIT_OK, emit, write_atomically
from scoring.model import Questionnaire
from scoring.problems import QuestionnaireError

YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx",)


def read_questionnaire_file(path: str | Path) -> Questionnaire:
    """A questionnaire from a YAML file or a workbook; raise QuestionnaireError with every problem located."""
    from scoring.loader import parse_questionnaire, read_file

    path = Path(path)
    data = read_file(path)
    if path.suffix.lower() in XLSX_SUFFIXES or data.startswith(b"PK\x03\x04"):
        from scoring.sheet_read import parse_workbook

        return parse_workbook(data, str(path))
    return parse_questionnaire(data, str(path))


def converted(questionnaire: Questionnaire, suffix: str) -> bytes:
    if suffix in XLSX_SUFFIXES:
        from scoring.sheet_write import workbook_bytes

        return workbook_bytes(questionnaire)
    from scoring.yaml_write import questionnaire_yaml

    return questionnaire_yaml(questionnaire).encode("utf-8")


def run_convert(source: str, output: str, lang: str) -> int:
    from i18n import translate

    suffix = Path(output).suffix.lower()
    if suffix not in YAML_SUFFIXES + XLSX_SUFFIXES:
        emit(translate("cli.convert_suffix", lang, path=output), "stderr")
        return EXIT_BAD_INPUT
    try:
        questionnaire = read_questionnaire_file(source)
    except QuestionnaireError as error:
        emit(error.describe(lang), "stderr")
        return EXIT_BAD_INPUT
    try:
        write_atomically(Path(output), converted(questionnaire, suffix))
    except OSError as error:
        emit(translate("cli.output_failed", lang, path=output, detail=error.strerror or error), "stderr")
        return EXIT_BAD_INPUT
    emit(f"{source} -> {output}: OK")
    return EXIT_OK
