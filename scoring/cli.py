"""``python -m scoring``: validate questionnaires and score response files, for federations' scripts.

Exit codes: 0 success, 2 bad input (with the problems on stderr). A user never sees a traceback, not even when
the reader of the output goes away early (``python -m scoring validate *.yaml | head -1``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from scoring.cli_output import EXIT_BAD_INPUT, EXIT_OK, emit

LANGUAGE_CHOICES = ("fr", "en")


def build_parser(lang: str = "fr", *, with_help: bool = True) -> argparse.ArgumentParser:
    """The parser; its help in ``lang``. Without ``with_help`` the catalogue is not read (a plain run needs none)."""

    def say(key: str) -> str | None:
        if not with_help:
            return None
        from i18n import translate

        return translate(f"cli.{key}", lang)

    parser = argparse.ArgumentParser(prog="python -m scoring", description=say("description"))
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help=say("help.validate"))
    validate.add_argument("files", nargs="+", metavar="FILE.yaml", help=say("help.files"))
    validate.add_argument("--lang", choices=LANGUAGE_CHOICES, default="fr", help=say("help.lang_validate"))

    score = commands.add_parser("score", help=say("help.score"))
    score.add_argument("questionnaire", metavar="QUESTIONNAIRE.yaml", help=say("help.questionnaire"))
    score.add_argument("responses", metavar="RESPONSES.csv|xlsx", help=say("help.responses"))
    add_score_options(score, say)
    score.add_argument("-o", "--output", metavar="OUT.json", help=say("help.output"))

    commands.add_parser("schema", help=say("help.schema"))

    convert = commands.add_parser("convert", help=say("help.convert"))
    convert.add_argument("source", metavar="FILE.xlsx|yaml", help=say("help.convert_source"))
    convert.add_argument("-o", "--output", required=True, metavar="FILE.yaml|xlsx", help=say("help.convert_output"))
    convert.add_argument("--lang", choices=LANGUAGE_CHOICES, default="fr", help=say("help.lang_validate"))
    return parser


def add_score_options(parser: argparse.ArgumentParser, say: Callable[[str], str | None]) -> None:
    """The options that ``score`` and ``python -m reports`` share (DESIGN.md: « score's options »)."""
    parser.add_argument("--group-by", dest="group_by", metavar="FIELD", help=say("help.group_by"))
    parser.add_argument("--baseline", metavar="EARLIER.csv|xlsx", help=say("help.baseline"))
    parser.add_argument("--balance", metavar="FIELD", help=say("help.balance"))
    parser.add_argument("--lang", choices=LANGUAGE_CHOICES, default=None, help=say("help.lang_score"))


def help_language(argv: Sequence[str]) -> str:
    """The language asked by ``--lang`` (``--lang en`` or ``--lang=en``), read before parsing, for the help."""
    for position, argument in enumerate(argv):
        value = argument.partition("=")[2] if argument.startswith("--lang=") else None
        if argument == "--lang" and position + 1 < len(argv):
            value = argv[position + 1]
        if value in LANGUAGE_CHOICES:
            return value
    return "fr"


def run_validate(files: Sequence[str], lang: str) -> int:
    from scoring.data_files import load_data_file
    from scoring.problems import QuestionnaireError

    status = EXIT_OK
    for file in files:
        try:
            load_data_file(file)
        except QuestionnaireError as error:
            status = EXIT_BAD_INPUT
            emit(error.describe(lang), "stderr")
        else:
            # A status line for scripts (docs/command-line.md: « FILE: OK »), the same in every language.
            emit(f"{file}: OK")
    return status


def run_score(args: argparse.Namespace) -> int:
    from scoring.batch import score_file

    return score_file(args.questionnaire, args.responses, **score_options(args), output=args.output)


def score_options(args: argparse.Namespace) -> dict[str, str | None]:
    """The values of :func:`add_score_options`' options, as ``score_inputs`` and ``score_file`` take them."""
    return {"group_by": args.group_by, "baseline": args.baseline, "balance": args.balance, "lang": args.lang}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    wants_help = any(argument in ("-h", "--help") for argument in argv)
    parser = build_parser(help_language(argv), with_help=wants_help)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return run_validate(args.files, args.lang)
    if args.command == "schema":
        from scoring.schema import schema_text

        emit(schema_text().rstrip("\n"))
        return EXIT_OK
    if args.command == "convert":
        from scoring.convert import run_convert

        return run_convert(args.source, args.output, args.lang)
    return run_score(args)
