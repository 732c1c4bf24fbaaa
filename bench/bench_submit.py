"""Benchmark: many participants answering a workshop at the same time.

    python bench/bench_submit.py [--participants 50] [--drafts 10] [--think-ms 0] [--url URL]

Each participant is a thread with its own respondent token. It saves a draft after each answer (as the page
autosaves), then submits. All start together, with no pause between saves unless --think-ms is given, so this
is a worst case: real people take seconds per question. Without --url the database is a fresh temporary
SQLite file (deleted afterwards); with --url, e.g. a PostgreSQL database, a workshop is created there and
deleted at the end. Prints a Markdown table of latencies.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# A plain script run as `python bench/bench_submit.py`: Python puts bench/, not the repository, on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage import Store


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def run(url: str, participants: int, drafts: int, think_s: float) -> dict[str, list[float]]:
    store = Store(url)
    workshop = store.create_workshop(
        title="Benchmark",
        questionnaire_id="bench",
        organisations=["A", "B"],
        profile_fields=["organisation"],
        show_results_to_participants=False,
    )
    start = threading.Barrier(participants)
    lock = threading.Lock()
    timings: dict[str, list[float]] = {"save_draft": [], "submit": []}

    def participant(i: int) -> None:
        token = store.new_respondent_token()
        answers: dict[str, int | None] = {}
        local: dict[str, list[float]] = {"save_draft": [], "submit": []}
        start.wait()
        for step in range(drafts):
            answers[f"item-{step}"] = None if (i + step) % 7 == 0 else 1 + (i + step) % 5
            t0 = time.perf_counter()
            store.save_draft(
                token,
                questionnaire_id="bench",
                workshop_id=workshop.workshop_id,
                answers=answers,
                profile={"organisation": "A" if i % 2 else "B"},
                comments={"item-0": "Un commentaire assez court."} if step else {},
                step=step,
            )
            local["save_draft"].append(time.perf_counter() - t0)
            if think_s:
                time.sleep(think_s)
        t0 = time.perf_counter()
        if not store.submit(token):
            raise AssertionError("a first submit returned False")
        local["submit"].append(time.perf_counter() - t0)
        with lock:
            for name, values in local.items():
                timings[name].extend(values)

    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=participants) as pool:
        list(pool.map(participant, range(participants)))  # list(): re-raise any thread's exception
    wall = time.perf_counter() - wall

    joined, submitted = store.workshop_counts(workshop.workshop_id)
    if (joined, submitted) != (participants, participants):
        raise AssertionError(f"lost answers: joined={joined} submitted={submitted}, expected {participants}")
    store.delete_workshop(workshop.facilitator_key)
    store.close()
    timings["_wall"] = [wall]
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--drafts", type=int, default=10, help="draft saves per participant before submitting")
    parser.add_argument("--think-ms", type=float, default=0.0, help="pause after each draft save")
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="radar-bench-") as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        timings = run(url, args.participants, args.drafts, args.think_ms / 1000)

    backend = url.split(":", 1)[0] if args.url else f"SQLite {sqlite3.sqlite_version} (temporary file, WAL)"
    print(
        f"{args.participants} concurrent participants x {args.drafts} draft saves + 1 submit, "
        f"think time {args.think_ms:g} ms; {backend}; Python {platform.python_version()}; "
        f"wall time {timings['_wall'][0]:.2f} s\n"
    )
    print("| operation | count | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name in ("save_draft", "submit"):
        ms = [v * 1000 for v in timings[name]]
        print(f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {percentile(ms, 95):.1f} | {max(ms):.1f} |")


if __name__ == "__main__":
    main()
