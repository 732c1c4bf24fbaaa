"""Benchmark: what the shared screens cost with N submitted responses, under the privacy rule.

    python bench/bench_dashboard.py [--responses 200] [--every 3] [--runs 5]

A temporary SQLite database gets one workshop on « Santé du partenariat » and N submitted responses (random
answers, 5 % « Je ne sais pas », roles and three organisations), with a publication round after every
``--every`` submissions, as the app runs one after each submission (a round admits people once
min_group_size of them wait). Figures, median of --runs, each also as a ratio to the baseline run alongside:
scoring the same responses with the engine (`score_responses`, by organisation), the figure the screens computed
before the privacy rule had versions and an audit.
- round: one publication round at the end (read the state, plan with the audit, record), with the process's memo;
- round, cold: the same for an app instance that has not planned this workshop yet (no memo);
- shared report: computing the SharedReport from the record (a screen after a new round);
- refresh: `results_for` when nothing moved (what the dashboard and projector do every 4 s);
- page: a whole server-side run of the dashboard through Streamlit's AppTest (figures included; the browser's
  drawing is not counted).
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
ORGANISATIONS = ["Association A", "Association B", "Association C"]


def submit(store, questionnaire, workshop_id: int, rng: random.Random, roles: list[str]) -> None:
    token = store.new_respondent_token()
    answers = {
        item.id: (None if rng.random() < 0.05 else rng.randint(questionnaire.scale.min, questionnaire.scale.max))
        for item in questionnaire.items
    }
    profile = {"role": rng.choice(roles), "organisation": rng.choice(ORGANISATIONS)}
    store.save_draft(
        token,
        questionnaire_id=questionnaire.id,
        workshop_id=workshop_id,
        answers=answers,
        profile=profile,
        comments={},
        step=0,
    )
    store.submit(token)


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
    parser.add_argument("--every", type=int, default=3, help="submissions between two publication rounds")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        os.environ["RADAR_DATA_DIR"] = folder
        os.environ.pop("RADAR_DATABASE_URL", None)
        from streamlit.testing.v1 import AppTest

        from scoring.engine import score_responses
        from scoring.frames import responses_frame
        from scoring.loader import load_questionnaire
        from scoring.privacy import WorkshopSpec, shown_report
        from storage import Store
        from ui import workshops

        questionnaire = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
        store = Store()
        created = store.create_workshop(
            title="Banc d'essai",
            questionnaire_id=questionnaire.id,
            organisations=ORGANISATIONS,
            profile_fields=["role", "organisation"],
            show_results_to_participants=False,
        )
        workshop_id = created.workshop_id
        spec = WorkshopSpec(questionnaire, ("role", "organisation"), tuple(ORGANISATIONS))
        roles = [option.id for option in questionnaire.profile_field("role").options]
        rng = random.Random(7)
        for number in range(args.responses):
            submit(store, questionnaire, workshop_id, rng, roles)
            if (number + 1) % args.every == 0:
                workshops.publish_round(store, spec, workshop_id)
        workshops.publish_round(store, spec, workshop_id)
        view = store.workshop_for_facilitator(created.facilitator_key)

        def baseline() -> None:
            rows = store.submitted_responses(workshop_id)
            frame = responses_frame(questionnaire, [r.answers for r in rows], [r.profile for r in rows])
            score_responses(questionnaire, frame, group_by="organisation")

        def one_round(*, cold: bool) -> None:
            # min_group_size new submissions, then the round that admits them; timed: the round only.
            for _ in range(questionnaire.min_group_size):
                submit(store, questionnaire, workshop_id, rng, roles)
            if cold:
                workshops._memos.clear()
            start = time.perf_counter()
            workshops.publish_round(store, spec, workshop_id)
            rounds.append(time.perf_counter() - start)

        def shared() -> None:
            shown_report(spec, *workshops._planner_inputs(store.publication_state(workshop_id)))

        def page() -> None:
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            app.query_params["k"] = created.facilitator_key
            app.run()
            app.switch_page("app_pages/dashboard.py").run()
            assert not app.exception, app.exception
            assert app.metric, "the dashboard should show its figures"

        figures = {"baseline: engine scoring by organisation": timed(baseline, args.runs)}
        rounds: list[float] = []
        for _ in range(args.runs):
            one_round(cold=False)
        figures["round"] = statistics.median(rounds)
        rounds = []
        for _ in range(args.runs):
            one_round(cold=True)
        figures["round, cold (no memo)"] = statistics.median(rounds)
        figures["shared report"] = timed(shared, args.runs)
        workshops.results_for(view)
        figures["refresh (cached)"] = timed(lambda: workshops.results_for(view), args.runs)
        page()  # warm-up: imports, caches, first connection
        figures["page (AppTest, server side)"] = timed(page, args.runs)
        counted = store.publication_state(workshop_id)
        store.close()

    base = figures["baseline: engine scoring by organisation"]
    print(
        f"Dashboard with {len(counted.responses)} responses ({len(counted.admitted)} counted) × "
        f"{len(questionnaire.items)} items, {len(counted.versions)} figure versions, a round every {args.every} "
        f"submissions; median of {args.runs} runs"
    )
    print(f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})")
    print()
    print("| what | median | ratio to the baseline |")
    print("|---|---|---|")
    for name, seconds in figures.items():
        print(f"| {name} | {seconds * 1000:.0f} ms | {seconds / base:.1f} |")


if __name__ == "__main__":
    main()
