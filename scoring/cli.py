"""``python -m scoring``: validate questionnaires and score response files, for federations' scripts.

Exit codes: 0 success, 2 bad input (with the problems on stderr). A user never sees a traceback, not even when
the reader of the output goes away early (``python -m scoring validate *.yaml | head -1``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from scoring.cli_output import EXIT_BAD_INPUT, EXIT_OK, emit


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scoring",
        description="Radar du partenariat : valider des questionnaires et calculer des scores.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="valider un ou plusieurs questionnaires YAML")
    validate.add_argument("files", nargs="+", metavar="FILE.yaml")
    validate.add_argument("--lang", choices=["fr", "en"], default="fr", help="langue des messages (fr par défaut)")

    score = commands.add_parser("score", help="calculer les scores d’un fichier de réponses (CSV ou XLSX)")
    score.add_argument("questionnaire", metavar="QUESTIONNAIRE.yaml")
    score.add_argument("responses", metavar="RESPONSES.csv|xlsx")
    score.add_argument("--group-by", dest="group_by", metavar="FIELD", help="champ de profil (ex. organisation)")
    score.add_argument("--lang", choices=["fr", "en"], default=None, help="langue des textes du JSON")
    score.add_argument("-o", "--output", metavar="OUT.json", help="fichier JSON à écrire (sinon la sortie standard)")

    commands.add_parser("schema", help="afficher le schéma JSON du format des questionnaires (pour un éditeur)")
    return parser


def run_validate(files: Sequence[str], lang: str) -> int:
    from scoring.loader import load_questionnaire
    from scoring.problems import QuestionnaireError

    status = EXIT_OK
    for file in files:
        try:
            load_questionnaire(file)
        except QuestionnaireError as error:
            status = EXIT_BAD_INPUT
            emit(error.describe(lang), "stderr")
        else:
            emit(f"{file}: OK")
    return status


def run_score(args: argparse.Namespace) -> int:
    from scoring.batch import score_file

    return score_file(args.questionnaire, args.responses, group_by=args.group_by, lang=args.lang, output=args.output)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        return run_validate(args.files, args.lang)
    if args.command == "schema":
        from scoring.schema import schema_text

        emit(schema_text().rstrip("\n"))
        return EXIT_OK
    return run_score(args)
