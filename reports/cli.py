"""``python -m reports pdf|xlsx``: the board's PDF and the federation's workbook from a response file.

Same input and options as ``python -m scoring score`` (DESIGN.md, « Reports »), read and checked by the same code
(``scoring.batch.score_inputs``), so that bad input gives the same located messages and exit code 2, and no
file is written. The report is written next to its target and renamed, so a failure leaves no half file.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from scoring.cli_output import EXIT_BAD_INPUT, EXIT_OK, emit, write_atomically


def build_parser() -> argparse.ArgumentParser:
    from scoring.cli import add_score_options

    def say(key: str) -> str:  # score's options, with score's help in French
        from i18n import translate

        return translate(f"cli.{key}", "fr")

    parser = argparse.ArgumentParser(
        prog="python -m reports",
        description="Radar du partenariat : rapport PDF (pour un conseil) ou tableur XLSX (pour une fédération).",
    )
    commands = parser.add_subparsers(dest="format", required=True)
    for name, what in (("pdf", "rapport PDF (A4)"), ("xlsx", "tableur XLSX")):
        command = commands.add_parser(name, help=what)
        command.add_argument("questionnaire", metavar="QUESTIONNAIRE.yaml")
        command.add_argument("responses", metavar="RESPONSES.csv|xlsx")
        add_score_options(command, say)
        command.add_argument("--title", metavar="TEXT", help="titre du rapport (organisation, atelier...)")
        command.add_argument("-o", "--output", metavar=f"OUT.{name}", required=True, help="fichier à écrire")
    return parser


def build_report(args: argparse.Namespace) -> int:
    from i18n import translate
    from scoring.batch import score_inputs

    scored = score_inputs(
        args.questionnaire,
        args.responses,
        group_by=args.group_by,
        baseline=args.baseline,
        balance=args.balance,
        lang=args.lang,
    )
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
    args = build_parser().parse_args(argv)
    return build_report(args)
