"""Benchmark: planning a publication round (`scoring.privacy.plan_publication`) in pure code, no database.

    python bench/bench_privacy.py [--responses 200] [--questionnaire NAME] [--runs 5]

The largest shipped questionnaire (most statements) by default, N responses with random answers (5 % « Je ne sais
pas »), roles and three organisations, submitted one after the other with a round planned after each submission,
as the app does (a round admits people once min_group_size of them wait, so one in three admits). Then, median of
--runs, each as a ratio to the baseline run alongside: scoring the same N responses with the engine
(`score_responses` by organisation), what the screens computed before the privacy rule had versions and an audit.

- session: every round of the whole session, from the first submission to the last (memo of the process);
- last round, memo: the round that admits the last batch, in a process that planned the earlier ones;
- last round, cold: the same round in a process that has not planned this workshop yet (another app instance,
  or after a restart): every version ever recorded is audited again;
- nothing to do: a round after a submission that admits nobody (two of three submissions);
- shared report: `shown_report` once the last round is recorded (a screen after a new round).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ORGANISATIONS = ("Association A", "Association B", "Association C")


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=200)
    parser.add_argument("--questionnaire", help="a shipped questionnaire's file name without .yaml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from scoring.engine import score_responses
    from scoring.frames import responses_frame
    from scoring.loader import load_questionnaire
    from scoring.privacy import (
        PlanMemo,
        PublicationRecord,
        StoredResponse,
        WorkshopSpec,
        plan_publication,
        shown_report,
    )

    shipped = {path.stem: load_questionnaire(path) for path in sorted((ROOT / "questionnaires").glob("*.yaml"))}
    name = args.questionnaire or max(shipped, key=lambda stem: len(shipped[stem].items))
    questionnaire = shipped[name]
    fields = tuple(f for f in ("role", "organisation") if questionnaire.profile_field(f) is not None)
    spec = WorkshopSpec(questionnaire, fields, ORGANISATIONS if "organisation" in fields else ())
    role = questionnaire.profile_field("role")
    roles = [option.id for option in role.options] if role is not None else []
    rng = random.Random(7)

    def response(number: int) -> StoredResponse:
        answers = {
            item.id: (None if rng.random() < 0.05 else rng.randint(questionnaire.scale.min, questionnaire.scale.max))
            for item in questionnaire.items
        }
        profile = {}
        if roles:
            profile["role"] = rng.choice(roles)
        if "organisation" in fields:
            profile["organisation"] = rng.choice(ORGANISATIONS)
        return StoredResponse(number, answers, profile)

    people = [response(number) for number in range(1, args.responses + 1)]
    minimum = questionnaire.min_group_size
    # The round measured admits the last batch: the submission that makes min_group_size wait.
    last_admit = (args.responses // minimum) * minimum
    last = people[:last_admit]

    def play(responses: list[StoredResponse], memo: PlanMemo) -> PublicationRecord:
        record = PublicationRecord()
        for count in range(1, len(responses) + 1):
            record = record.after(plan_publication(spec, responses[:count], record, memo=memo))
        return record

    frame = responses_frame(questionnaire, [r.answers for r in people], [r.profile for r in people])
    by = "organisation" if "organisation" in fields else None
    figures = {
        "baseline: engine scoring by organisation": timed(
            lambda: score_responses(questionnaire, frame, group_by=by), args.runs
        )
    }
    start = time.perf_counter()
    memo = PlanMemo()
    before = play(people[: last_admit - 1], memo)  # the session up to the last round, once
    figures["session up to the last round (all rounds, memo)"] = time.perf_counter() - start
    figures["nothing to do (a submission that admits nobody)"] = timed(
        lambda: plan_publication(spec, people[: last_admit - 1], before, memo=memo), args.runs
    )
    remembered = memo._state  # what the process keeps from its earlier rounds (a copy for each run)
    assert remembered is not None

    def with_memo() -> None:
        warm = PlanMemo()
        warm.remember(remembered[0], remembered[1], remembered[2], remembered[3].copy())
        plan_publication(spec, last, before, memo=warm)

    figures["last round, memo of the process"] = timed(with_memo, args.runs)
    figures["last round, cold (no memo: another instance, a restart)"] = timed(
        lambda: plan_publication(spec, last, before), args.runs
    )
    after = before.after(plan_publication(spec, last, before))
    figures["shared report after the last round"] = timed(lambda: shown_report(spec, last, after), args.runs)

    base = figures["baseline: engine scoring by organisation"]
    print(
        f"« {questionnaire.id} » ({len(questionnaire.items)} statements, {len(questionnaire.dimensions)} dimensions), "
        f"{args.responses} responses, breakdowns {', '.join(fields) or 'none'}; {len(after.admitted)} counted, "
        f"{len(after.versions)} figure versions after the last round; median of {args.runs} runs"
    )
    print(f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})")
    print()
    print("| what | median | ratio to the baseline |")
    print("|---|---|---|")
    for label, seconds in figures.items():
        print(f"| {label} | {seconds * 1000:.0f} ms | {seconds / base:.1f} |")


if __name__ == "__main__":
    main()
