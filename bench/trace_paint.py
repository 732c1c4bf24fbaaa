"""Where submit → results painted and the dashboard's first paint spend their time, against the bare page.

    python bench/trace_paint.py [--rounds 3] [--responses 20] [--only submit,dashboard]
                                [--variant NAME=DIR ...]

Serves the bare page (bench/bare_app.py) and the app, or several copies of it (``--variant main=/tmp/main
--variant paint=.``: each a checkout of the project, with its own fresh database seeded as bench/bench_browser.py
seeds it), and measures them in turn, round after round, in a fresh Chromium context each time: the phone's
« Envoyer mes réponses » to the results painted with their radar (the answers before it are not timed), and a
desktop tab opening the dashboard of a closed workshop to every chart on screen drawn. For each measure it notes:

- the total, as bench/bench_browser.py times it (in the page, from the tap's ``pointerdown``, or from the
  navigation's start, to the first frame where the condition holds);
- when the last script run's ``script_finished`` arrived (the server's part, loopback included), and how many
  complete runs there were;
- each script run's wall and thread CPU time in the server (the script thread wrapped as
  bench/profile_answer_path.py does, without the profiler);
- Chromium's own counters over the measure (``Performance.getMetrics`` of the DevTools protocol): time in
  scripts, in style recalculation, in layout, and in tasks of the main thread.

What lies between the last message and the paint is the browser's drawing: Streamlit's React tree and Plotly.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_browser import (
    EXPRESS,
    ORGANISATIONS,
    PAINTED,
    RESULTS_PAINTED,
    WORDS,
    option,
    option_tap,
    seed_app,
    seed_bare,
    starter,
)
from browser_kit import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, PROBE_JS, RADAR_DRAWN, RERUN_DONE, serve, timed

from scoring.model import text_in

ROOT = Path(__file__).resolve().parent.parent
PROFILER = ROOT / "bench" / "profile_answer_path.py"

# Each complete script run's arrival (ms since the page's time origin), installed after PROBE_JS.
TRACE_JS = """(() => {
  const runs = window.__runs = [];
  const Probed = window.WebSocket;
  window.WebSocket = class extends Probed {
    constructor(...args) {
      super(...args);
      let seen = window.__bench.finished;
      this.addEventListener('message', () => {
        // PROBE_JS counts finished runs in its own listener, which may decode a Blob later: poll its counter.
        queueMicrotask(() => {
          if (window.__bench.finished !== seen) { seen = window.__bench.finished; runs.push(performance.now()); }
        });
      });
    }
  };
})()"""
METRICS = ("ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration")
CPU = ("renderer cpu", "browser cpu")


async def metrics(cdp, browser_cdp) -> dict[str, float]:
    found = {m["name"]: m["value"] for m in (await cdp.send("Performance.getMetrics"))["metrics"]}
    measured = {name: found.get(name, 0.0) * 1000 for name in METRICS}
    # CPU time rather than wall time: on 2 cores shared with other work, the wall times above mostly measure the
    # wait for a core, while the processes' CPU time is what the page costs. Only one page is open at a time.
    processes = (await browser_cdp.send("SystemInfo.getProcessInfo"))["processInfo"]
    measured["renderer cpu"] = sum(p["cpuTime"] for p in processes if p["type"] == "renderer") * 1000
    measured["browser cpu"] = sum(p["cpuTime"] for p in processes) * 1000
    return measured


def server_runs(log: Path, since: int) -> list[dict[str, Any]]:
    lines = log.read_text().splitlines() if log.exists() else []
    return [json.loads(line) for line in lines[since:]]


def run_count(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


async def to_summary(page, kind: str, server, seeds: dict[str, str]) -> None:
    """The phone's answers up to the summary, as bench_browser.answer gives them, untimed."""
    await starter(page, kind, server, seeds)()
    await option_tap(page, "organisation", ORGANISATIONS[0])
    await timed(page, RERUN_DONE)
    for index, dimension in enumerate(EXPRESS.dimensions):
        await page.get_by_role("button", name=WORDS["next"], exact=True).tap()
        await timed(page, f"{RERUN_DONE} && !!document.querySelector('[data-testid=stRadio]')")
        for number, item in enumerate(dimension.items, start=1):
            await option(page, number, text_in(item.text, "fr"), 1 + (number + index) % 5).tap()
            await timed(page, RERUN_DONE)
    await page.get_by_role("button", name=WORDS["next"], exact=True).tap()
    await timed(page, f"{RERUN_DONE} && !!document.querySelector('.stButton button[kind=primary]')")


async def measure(browser, target: dict[str, Any], what: str) -> dict[str, Any]:
    context = await browser.new_context(**(PHONE if what == "submit" else DESKTOP))
    context.set_default_timeout(300_000)
    await context.add_init_script(PROBE_JS)
    await context.add_init_script(TRACE_JS)
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    log = target["log"]
    if what == "submit":
        await to_summary(page, target["kind"], target["server"], target["seeds"])
        await page.wait_for_timeout(300)
        await page.evaluate("window.__runs.length = 0")
        before_runs, before = run_count(log), await metrics(cdp, target["browser_cdp"])
        await page.get_by_role("button", name=WORDS["submit"], exact=True).tap()
        total = await timed(page, RESULTS_PAINTED)
    else:
        before_runs, before = run_count(log), await metrics(cdp, target["browser_cdp"])
        await page.goto(target["server"].url + target["dashboard"])
        total = await timed(page, f"{RERUN_DONE} && {RADAR_DRAWN} && {PAINTED}")
    after = await metrics(cdp, target["browser_cdp"])
    t0, arrivals = await page.evaluate("[window.__bench.t0, window.__runs]")
    await page.wait_for_timeout(200)  # the server logs a run after its last message
    runs = server_runs(log, before_runs)
    await context.close()
    return {
        "total": total,
        "last run arrived": (arrivals[-1] - t0) if arrivals else float("nan"),
        "complete runs": len(arrivals),
        "server runs": len(runs),
        "server wall": sum(r["wall_ms"] for r in runs),
        "server cpu": sum(r["cpu_ms"] for r in runs),
        **{f"chromium {name}": after[name] - before[name] for name in METRICS},
        **{name: after[name] - before[name] for name in CPU},
    }


async def main_async(args: argparse.Namespace, folder: Path) -> dict[str, dict[str, list[float]]]:
    from contextlib import ExitStack

    from playwright.async_api import async_playwright

    whats = args.only.split(",")
    seed_bare(folder / "bare.sqlite3", args.responses)
    results: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    with ExitStack() as stack:
        targets: list[dict[str, Any]] = []
        bare_runs = folder / "bare-runs"
        bare_runs.mkdir()
        bare = stack.enter_context(
            serve(
                "bench/bare_app.py",
                {"BARE_DB": str(folder / "bare.sqlite3")},
                folder / "bare.log",
                command=[sys.executable, str(PROFILER), "--serve", str(bare_runs), "0", "run"],
            )
        )
        targets.append({"name": "bare", "kind": "bare", "server": bare, "seeds": {}, "log": bare_runs / "runs.jsonl"})
        for name, checkout in args.variant or [("app", ROOT)]:
            data = folder / name
            data.mkdir()
            seeds = seed_app(data, args.responses)
            server = stack.enter_context(
                serve(
                    "app.py",
                    {"RADAR_DATA_DIR": str(data)},
                    folder / f"{name}.log",
                    command=[sys.executable, str(PROFILER), "--serve", str(data), "0", "run"],
                    cwd=Path(checkout),
                )
            )
            targets.append(
                {
                    "name": name,
                    "kind": "app",
                    "server": server,
                    "seeds": seeds,
                    "log": data / "runs.jsonl",
                    "dashboard": f"/dashboard?k={seeds['key']}&lang=fr",
                }
            )
        targets[0]["dashboard"] = "/?view=dashboard"
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=60_000
            )
            browser_cdp = await browser.new_browser_cdp_session()
            for target in targets:
                target["browser_cdp"] = browser_cdp
            for round_number in range(args.rounds + 1):  # the first round warms up (imports, caches)
                load = os.getloadavg()[0]
                for what in whats:
                    for target in targets:
                        measured = await measure(browser, target, what)
                        if round_number:
                            for key, value in measured.items():
                                results[f"{what} {target['name']}"][key].append(value)
                            results[f"{what} {target['name']}"]["load"].append(load)
            await browser.close()
    return results


def report(results: dict[str, dict[str, list[float]]]) -> None:
    keys = next(iter(results.values())).keys()
    names = list(results)
    print("| median | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for key in keys:
        cells = [f"{statistics.median(results[name][key]):.0f}" for name in names]
        print(f"| {key} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--responses", type=int, default=20)
    parser.add_argument("--only", default="submit,dashboard")
    parser.add_argument(
        "--variant",
        action="append",
        type=lambda text: tuple(text.split("=", 1)),
        help="NAME=DIR: a checkout of the app to measure (repeatable; default: this one)",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="radar-trace-paint-") as tmp:
        results = asyncio.run(main_async(args, Path(tmp)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    report(results)


if __name__ == "__main__":
    main()
