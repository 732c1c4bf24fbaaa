"""Benchmark: how long the facilitator's dashboard takes to render with 500 submitted responses.

    python bench/bench_dashboard.py [--responses 500] [--runs 5]

A temporary SQLite database gets one workshop on « Santé du partenariat » and N submitted responses (random
answers, 5 % « Je ne sais pas », roles and three organisations). Three figures, median of --runs:
- aggregate: reading the responses from storage and scoring them (what the live fragment recomputes);
- aggregate by organisation: the same with a breakdown;
- page: a whole server-side run of pages/dashboard.py through Streamlit's AppTest (figures included; the
  browser's drawing is not counted).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed(store, questionnaire, responses: int) -> tuple[str, object]:
    organisations = ["Association A", "Association B", "Association C"]
    created = store.create_workshop(
        title="Banc d'essai",
        questionnaire_id=questionnaire.id,
        organisations=organisations,
        profile_fields=["role", "organisation"],
        show_results_to_participants=False,
    )
    roles = [option.id for option in questionnaire.profile_field("role").options]
    rng = random.Random(7)
    for _ in range(responses):
        token = store.new_respondent_token()
        answers = {
            item.id: (None if rng.random() < 0.05 else rng.randint(questionnaire.scale.min, questionnaire.scale.max))
            for item in questionnaire.items
        }
        profile = {"role": rng.choice(roles), "organisation": rng.choice(organisations)}
        store.save_draft(
            token,
            questionnaire_id=questionnaire.id,
            workshop_id=created.workshop_id,
            answers=answers,
            profile=profile,
            comments={},
            step=0,
        )
        store.submit(token)
    return created.facilitator_key, created


def timed(function, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        os.environ["RADAR_DATA_DIR"] = folder
        os.environ.pop("RADAR_DATABASE_URL", None)
        from streamlit.testing.v1 import AppTest

        from scoring.engine import score_responses
        from scoring.frames import responses_frame
        from scoring.loader import load_questionnaire
        from storage import Store

        questionnaire = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
        store = Store()
        key, created = seed(store, questionnaire, args.responses)

        def aggregate(group_by: str | None = None) -> None:
            rows = store.submitted_responses(created.workshop_id)
            frame = responses_frame(questionnaire, [r.answers for r in rows], [r.profile for r in rows])
            score_responses(questionnaire, frame, group_by=group_by)

        def page() -> None:
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            app.query_params["k"] = key
            app.run()
            app.switch_page("app_pages/dashboard.py").run()
            assert not app.exception, app.exception
            assert app.metric, "the dashboard should show its figures"

        page()  # warm-up: imports, caches, first connection
        figures = {
            "aggregate": timed(aggregate, args.runs),
            "aggregate by organisation": timed(lambda: aggregate("organisation"), args.runs),
            "page (AppTest, server side)": timed(page, args.runs),
        }
        store.close()

    print(f"Dashboard with {args.responses} responses × {len(questionnaire.items)} items, median of {args.runs} runs")
    print(f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})")
    print()
    print("| what | median |")
    print("|---|---|")
    for name, seconds in figures.items():
        print(f"| {name} | {seconds * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
