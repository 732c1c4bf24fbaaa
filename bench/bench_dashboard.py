"""Benchmark: what the shared screens cost with N submitted responses, under the privacy rule.

    python bench/bench_dashboard.py [--responses 200] [--every 3] [--runs 5]
    python bench/bench_dashboard.py --left-open 60 [--responses 200] [--runs 2]

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

With ``--left-open SECONDS``, instead: what a dashboard left open costs, server and browser. Two servers side by
side (``bench/browser_kit.serve``): the app, with an open workshop of « Santé du partenariat » holding N published
responses, and the bare page (``bench/bare_app.py``) drawing a polar chart and 40 bar charts from N responses in a
fragment that runs every 4 s, as the dashboard's did. Each measure opens the dashboard in a Chromium of its own
(Debian's, 1366 × 900), waits for every chart to be drawn, then counts for SECONDS the CPU time of the server
process and of the browser's processes, with nothing new submitted; app and bare page alternate, --runs rounds.
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


def tree_cpu_seconds(tag: str) -> float:
    """User + system CPU time of the Chromium launched with ``--bench-tag=<tag>`` and of all its descendants."""
    from browser_kit import CLOCK_TICKS

    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    root = None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        if f"--bench-tag={tag}".encode() in command and not any(c.startswith(b"--type=") for c in command):
            root = pid
    if root is None:
        raise RuntimeError(f"no Chromium tagged {tag}")
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        grown = bool(more)
        tree |= more
    return sum(times[pid] for pid in tree)


def seed_open_workshop(data_dir: Path, responses: int) -> str:
    """An open workshop of « Santé du partenariat » with ``responses`` submitted and published; its key."""
    from scoring.loader import load_questionnaire
    from scoring.privacy import WorkshopSpec
    from storage import Store
    from storage.config import DEFAULT_DB_FILENAME
    from ui import workshops

    questionnaire = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{data_dir / DEFAULT_DB_FILENAME}")
    created = store.create_workshop(
        title="Banc d’essai, atelier ouvert",
        questionnaire_id=questionnaire.id,
        organisations=ORGANISATIONS,
        profile_fields=["role", "organisation"],
        show_results_to_participants=False,
    )
    rng = random.Random(7)
    roles = [option.id for option in questionnaire.profile_field("role").options]
    for _ in range(responses):
        submit(store, questionnaire, created.workshop_id, rng, roles)
    spec = WorkshopSpec(questionnaire, ("role", "organisation"), tuple(ORGANISATIONS))
    workshops.publish_round(store, spec, created.workshop_id)
    store.close()
    return created.facilitator_key


def left_open(seconds: float, responses: int, runs: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_browser import seed_bare
    from browser_kit import CHARTS_DRAWN, CHROMIUM, CHROMIUM_ARGS, DESKTOP, IDLE, RADAR_DRAWN, serve
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        key = seed_open_workshop(folder / "app", responses)
        seed_bare(folder / "bare.sqlite3", responses)
        samples: dict[str, list[tuple[float, float]]] = {"app": [], "bare": []}
        loads = [os.getloadavg()[0]]
        with (
            serve("app.py", {"RADAR_DATA_DIR": str(folder / "app")}, folder / "app.log") as app,
            serve("bench/bare_app.py", {"BARE_DB": str(folder / "bare.sqlite3")}, folder / "bare.log") as bare,
            sync_playwright() as playwright,
        ):
            pages = {
                "app": (app, f"{app.url}/dashboard?k={key}&lang=fr"),
                "bare": (bare, f"{bare.url}/?view=dashboard&charts=40&every=4"),
            }
            for round_number in range(runs + 1):  # the first round warms both up (imports, caches), not counted
                for kind, (server, url) in pages.items():
                    tag = f"{kind}-{round_number}-{os.getpid()}"
                    browser = playwright.chromium.launch(
                        executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, f"--bench-tag={tag}"]
                    )
                    page = browser.new_context(**DESKTOP).new_page()
                    page.goto(url)
                    page.wait_for_function(f"{IDLE} && {RADAR_DRAWN} && {CHARTS_DRAWN}", timeout=600_000)
                    time.sleep(4)  # the first refresh after the first paint
                    server_start, browser_start = server.cpu_seconds(), tree_cpu_seconds(tag)
                    time.sleep(seconds)
                    server_used = server.cpu_seconds() - server_start
                    browser_used = tree_cpu_seconds(tag) - browser_start
                    browser.close()
                    if round_number:
                        samples[kind].append((server_used / seconds, browser_used / seconds))
                loads.append(os.getloadavg()[0])

    def med(kind: str, which: int) -> float:
        return statistics.median(sample[which] for sample in samples[kind])

    print(
        f"A dashboard left open {seconds:.0f} s, {responses} responses, nothing new submitted; median of {runs} "
        f"rounds; load {min(loads):.1f} to {max(loads):.1f}"
    )
    print(f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})")
    print()
    print("| what | app | bare page, 40 charts in a fragment every 4 s | ratio |")
    print("|---|---:|---:|---:|")
    for name, which in (("server process, share of a core", 0), ("browser, share of a core", 1)):
        value, base = med("app", which), med("bare", which)
        print(f"| {name} | {value * 100:.1f} % | {base * 100:.1f} % | **{value / base:.2f}** |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=200)
    parser.add_argument("--every", type=int, default=3, help="submissions between two publication rounds")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--left-open", type=float, metavar="SECONDS", help="measure a dashboard left open instead")
    args = parser.parse_args()
    if args.left_open:
        left_open(args.left_open, args.responses, args.runs)
        return

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
