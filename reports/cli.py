"""``python -m reports pdf|xlsx``: the board's PDF and the federation's workbook from a response file.

Same input and options as ``python -m scoring score`` (DESIGN.md, « Reports »), read and checked by the same code
(``scoring.batch.score_inputs``), so that bad input gives the same located messages and exit code 2, and no
file is written. The report is written next to its target and renamed, so a failure leaves no half file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from scoring.cli_output import EXIT_BAD_INPUT, EXIT_OK, emit, write_atomically


def build_parser(lang: str = "fr") -> argparse.ArgumentParser:
    """The parser, its help in ``lang`` (``--lang``'s, as for ``python -m scoring``)."""
    from i18n import translate
    from scoring.cli import add_score_options

    def say(key: str) -> str:
        return translate(f"cli.{key}", lang)

    parser = argparse.ArgumentParser(prog="python -m reports", description=say("help.reports"))
    commands = parser.add_subparsers(dest="format", required=True)
    for name in ("pdf", "xlsx"):
        command = commands.add_parser(name, help=say(f"help.reports_{name}"))
        command.add_argument("questionnaire", metavar="QUESTIONNAIRE.yaml", help=say("help.questionnaire"))
        command.add_argument("responses", metavar="RESPONSES.csv|xlsx", help=say("help.responses"))
        add_score_options(command, say)
        command.add_argument("--title", metavar="TEXT", help=say("help.title"))
        command.add_argument("-o", "--output", metavar=f"OUT.{name}", required=True, help=say("help.output_report"))
    return parser


def build_report(args: argparse.Namespace) -> int:
    from i18n import translate
    from scoring.batch import score_inputs
    from scoring.cli import score_options

    scored = score_inputs(args.questionnaire, args.responses, **score_options(args))
    for message in scored.errors + scored.warnings:
        emit(message, "stderr")
    if scored.report is None or scored.questionnaire is None:
        return EXIT_BAD_INPUT
    from reports.content import build_content

    title = " ".join(args.title.split()) if args.title else None
    content = build_content(scored.questionnaire, scored.report, scored.lang, scope="file", title=title)
    if args.format == "pdf":
        from reports.pdf import render_pdf

        data = render_pdf(content)
    else:
        from reports.xlsx import render_xlsx

        data = render_xlsx(content)
    try:
        write_atomically(Path(args.output), data)
    except OSError as error:
        messages_lang = scored.lang if scored.lang in ("fr", "en") else "fr"
        detail = error.strerror or str(error)
        emit(translate("cli.output_failed", messages_lang, path=args.output, detail=detail), "stderr")
        return EXIT_BAD_INPUT
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    from scoring.cli import help_language

    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(help_language(argv)).parse_args(argv)
    return build_report(args)
