"""Benchmark of the scoring engine and of ``python -m scoring score``.

    .venv/bin/python bench/bench_score.py [--respondents 10000] [--runs 3] [--update-docs]

Generates a questionnaire of 6 dimensions × 10 items (some reverse) and a CSV of respondents with a profile field
``organisation`` (8 values) and about 5 % unanswered cells, then reports medians of ``--runs`` runs:
(a) ``score_responses`` in process, without and with ``group_by``;
(b) the whole command in a fresh process, against a fresh process that only runs ``pandas.read_csv`` on the file.
The target is (b) ≤ 2 × the bare read. ``--update-docs`` rewrites this benchmark's section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.engine import score_responses  # noqa: E402
from scoring.loader import load_questionnaire  # noqa: E402
from scoring.responses_io import read_responses  # noqa: E402

SECTION = "## Calcul des scores (bench/bench_score.py)"
DIMENSIONS, ITEMS_PER_DIMENSION, ORGANISATIONS = 6, 10, 8
UNANSWERED = 0.05


def write_questionnaire(path: Path) -> None:
    lines = [
        "id: bench",
        'version: "1.0"',
        "language: fr",
        "title: {fr: Banc d'essai, en: Benchmark}",
        "scale: {min: 1, max: 5}",
        "profile:",
        "  - id: organisation",
        "    label: {fr: Organisation, en: Organisation}",
        "dimensions:",
    ]
    for d in range(DIMENSIONS):
        lines += [f"  - id: d{d}", f"    label: {{fr: Dimension {d}, en: Dimension {d}}}", "    items:"]
        for i in range(ITEMS_PER_DIMENSION):
            reverse = "true" if i % 4 == 3 else "false"
            lines.append(
                f"      - {{id: d{d}-{i}, text: {{fr: Question {d}.{i}, en: Question {d}.{i}}}, reverse: {reverse}}}"
            )
        lines += [
            "    recommendations:",
            f"      priority: [{{text: {{fr: Priorité {d}, en: Priority {d}}}}}]",
            f"      watch: [{{text: {{fr: Vigilance {d}, en: Watch {d}}}}}]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_responses(path: Path, respondents: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    items = [f"d{d}-{i}" for d in range(DIMENSIONS) for i in range(ITEMS_PER_DIMENSION)]
    answers = rng.integers(1, 6, size=(respondents, len(items))).astype(float)
    answers[rng.random(answers.shape) < UNANSWERED] = np.nan
    frame = pd.DataFrame(answers, columns=items).astype("Int64")
    frame.insert(
        0, "organisation", rng.choice([f"Association {chr(65 + k)}" for k in range(ORGANISATIONS)], respondents)
    )
    frame.insert(0, "respondent", [f"R{n:05d}" for n in range(respondents)])
    frame.to_csv(path, index=False)


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_median_times(first: Callable[[], object], second: Callable[[], object], runs: int) -> tuple[float, float]:
    """Alternate the two so that a busy moment of the machine weighs on both alike."""
    first_times, second_times = [], []
    for _ in range(runs):
        first_times.append(median_time(first, 1))
        second_times.append(median_time(second, 1))
    return statistics.median(first_times), statistics.median(second_times)


def run_process(arguments: list[str]) -> None:
    completed = subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{completed.stderr}")


def measure(respondents: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        questionnaire_path, responses_path = directory / "Q.yaml", directory / "R.csv"
        write_questionnaire(questionnaire_path)
        write_responses(responses_path, respondents)
        questionnaire = load_questionnaire(questionnaire_path)
        frame, _ = read_responses(responses_path, questionnaire)
        command = [sys.executable, "-m", "scoring", "score", str(questionnaire_path), str(responses_path)]
        command += ["-o", str(directory / "out.json")]
        bare = [sys.executable, "-c", f"import pandas; pandas.read_csv({str(responses_path)!r})"]
        run_process(command)  # warm the file cache and the .pyc files before timing
        run_process(bare)
        command_time, bare_time = paired_median_times(lambda: run_process(command), lambda: run_process(bare), runs)
        return {
            "engine": median_time(lambda: score_responses(questionnaire, frame), runs),
            "engine_grouped": median_time(lambda: score_responses(questionnaire, frame, group_by="organisation"), runs),
            "questionnaire": median_time(lambda: load_questionnaire(questionnaire_path), runs),
            "read": median_time(lambda: read_responses(responses_path, questionnaire), runs),
            "command": command_time,
            "bare": bare_time,
            "size_mb": responses_path.stat().st_size / 1e6,
        }


def markdown(figures: dict[str, float], respondents: int, runs: int) -> str:
    ratio = figures["command"] / figures["bare"]
    verdict = "objectif tenu" if ratio <= 2 else "objectif NON tenu"
    today = datetime.date.today().isoformat()
    cpus = os.cpu_count()
    items = DIMENSIONS * ITEMS_PER_DIMENSION
    return "\n".join(
        [
            SECTION,
            "",
            f"{respondents} répondants × {items} questions ({DIMENSIONS} dimensions, des questions inversées, "
            f"{ORGANISATIONS} organisations, ~{UNANSWERED:.0%} sans réponse ; CSV de {figures['size_mb']:.1f} Mo). "
            f"Médiane de {runs} exécutions, le {today}, {cpus} cœurs, Python {platform.python_version()}, "
            f"pandas {pd.__version__}.",
            "",
            "| mesure | durée |",
            "|---|---|",
            f"| `score_responses` (dans le processus) | {figures['engine'] * 1000:.0f} ms |",
            f'| `score_responses(..., group_by="organisation")` | {figures["engine_grouped"] * 1000:.0f} ms |',
            f"| `load_questionnaire` (YAML, validation pydantic) | {figures['questionnaire'] * 1000:.0f} ms |",
            f"| `read_responses` (lecture et contrôle du CSV) | {figures['read'] * 1000:.0f} ms |",
            f"| `python -m scoring score Q.yaml R.csv -o out.json` (nouveau processus) | {figures['command']:.2f} s |",
            f"| `python -c \"import pandas; pandas.read_csv('R.csv')\"` (nouveau proc.) | {figures['bare']:.2f} s |",
            f"| rapport commande / lecture seule (objectif ≤ 2) | **{ratio:.2f}** ({verdict}) |",
            "",
            "La commande fait en plus de la lecture seule : importer pydantic et PyYAML, valider le questionnaire, "
            "contrôler chaque cellule, calculer et écrire le JSON ; openpyxl n'est importé que pour un .xlsx. "
            "Les deux processus sont lancés en alternance pour que la charge de la machine pèse sur les deux.",
            "",
            "Reproduire : `.venv/bin/python bench/bench_score.py --update-docs`",
            "",
        ]
    )


def update_docs(section: str) -> Path:
    """Replace this benchmark's section of docs/benchmarks.md (other sections are left as they are)."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Mesures de performance\n\n"
    start = text.find(SECTION)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + ("\n" + text[end + 1 :] if end >= 0 else "")
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--update-docs", action="store_true", help="write the figures into docs/benchmarks.md")
    args = parser.parse_args()
    figures = measure(args.respondents, args.runs)
    section = markdown(figures, args.respondents, args.runs)
    print(section)
    if args.update_docs:
        print(f"-> {update_docs(section).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
