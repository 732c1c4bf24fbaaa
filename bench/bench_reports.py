"""Benchmark: building the dashboard's PDF and XLSX with 500 responses, and their sizes.

    python bench/bench_reports.py [--responses 500] [--runs 5]

The dashboard's report: « Santé du partenariat » scored for N random respondents (5 % « Je ne sais pas ») with a
breakdown by organisation, blanked as a workshop screen blanks it (``scoring.privacy.hide_small_counts``), then:
- baseline: scoring the N responses (``score_responses``), measured in the same run so that the figures below
  can be read as ratios to it on any machine;
- content: what the reports show (``reports.content.build_content``, charts described included);
- PDF: content + typesetting by Typst (``reports.pdf.render_pdf``);
- XLSX: content + the workbook (``reports.xlsx.render_xlsx``).
Median of --runs, after one warm-up run (imports, Typst's fonts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(function, runs: int) -> tuple[float, object]:
    result = function()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from reports.content import build_content
    from reports.pdf import render_pdf
    from reports.xlsx import render_xlsx
    from scoring.engine import score_responses
    from scoring.frames import responses_frame
    from scoring.loader import load_questionnaire
    from scoring.privacy import hide_small_counts

    questionnaire = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
    rng = random.Random(7)
    organisations = ["Association A", "Association B", "Association C"]
    answers = [
        {item.id: (None if rng.random() < 0.05 else rng.randint(1, 5)) for item in questionnaire.items}
        for _ in range(args.responses)
    ]
    profiles = [{"organisation": rng.choice(organisations)} for _ in range(args.responses)]
    frame = responses_frame(questionnaire, answers, profiles)

    def score():
        return score_responses(questionnaire, frame, group_by="organisation")

    baseline, report = timed(score, args.runs)
    shown = hide_small_counts(report, questionnaire.min_group_size)
    today = dt.date(2026, 12, 1)

    def content():
        return build_content(
            questionnaire,
            shown,
            "fr",
            scope="group",
            title="Banc d’essai",
            date=today,
            spread="iqr",
            protect_groups=True,
        )

    content_s, built = timed(content, args.runs)
    pdf_s, pdf = timed(lambda: render_pdf(content()), args.runs)
    xlsx_s, xlsx = timed(lambda: render_xlsx(content()), args.runs)
    print(f"{args.responses} responses, median of {args.runs}, {platform.python_version()}, {platform.machine()}")
    print("| mesure | médiane | rapport au calcul des scores | taille |")
    print("|---|---|---|---|")
    print(f"| calcul des scores (référence) | {baseline * 1000:.0f} ms | 1 | |")
    print(f"| contenu du rapport | {content_s * 1000:.0f} ms | {content_s / baseline:.1f} | |")
    print(f"| PDF (contenu + Typst) | {pdf_s * 1000:.0f} ms | {pdf_s / baseline:.1f} | {len(pdf) / 1024:.0f} Kio |")  # type: ignore[arg-type]
    print(
        f"| XLSX (contenu + classeur) | {xlsx_s * 1000:.0f} ms | {xlsx_s / baseline:.1f} | {len(xlsx) / 1024:.0f} Kio |"
    )  # type: ignore[arg-type]
    del built


if __name__ == "__main__":
    main()
