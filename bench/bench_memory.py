"""Benchmark: the memory of a server holding 40 sessions for half an hour, with and without the post-run collection.

    python bench/bench_memory.py [--sessions 40] [--minutes 30] [--every 30] [--json out.json]

Two app servers run side by side on two fresh SQLite folders: one as configured (``runner.postScriptGC = false``,
.streamlit/config.toml), one with Streamlit's default put back (``--runner.postScriptGC true``: a full
``gc.collect()`` after every script run). Each holds `--sessions` sessions for the whole time, half of them
participants of a workshop on their questionnaire (a draft of « Santé du partenariat » half answered), half
solo respondents on their results page (radar, statements chart, recommendations); every session asks for a
new run of its page every `--every` seconds (spread out), over Streamlit's websocket as a browser does
(bench/ws_session.py, no browser). Every 30 s the resident memory (VmRSS) of both processes is sampled.

Printed: the samples every 5 minutes, and the growth over the second half of the run (MiB per 10 minutes), which
says whether memory grows without bound once the caches are warm.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_kit import Server, serve
from ws_session import Session

from scoring.loader import load_questionnaire

ROOT = Path(__file__).resolve().parent.parent
SANTE = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")


def seed(data_dir: Path, sessions: int) -> list[tuple[str, str]]:
    """Respondents for the sessions: (page, query string) each."""
    from storage import Store
    from storage.config import DEFAULT_DB_FILENAME

    store = Store(f"sqlite:///{data_dir / DEFAULT_DB_FILENAME}")
    workshop = store.create_workshop(
        title="Mémoire",
        questionnaire_id=SANTE.id,
        organisations=["Association A", "Association B"],
        profile_fields=["organisation"],
        show_results_to_participants=True,
    )
    rng = random.Random(3)
    targets = []
    for n in range(sessions):
        token = store.new_respondent_token()
        solo = n % 2 == 1
        items = SANTE.items if solo else SANTE.items[: len(SANTE.items) // 2]
        store.save_draft(
            token,
            questionnaire_id=SANTE.id,
            workshop_id=None if solo else workshop.workshop_id,
            answers={item.id: rng.randint(1, 5) for item in items},
            profile={} if solo else {"organisation": "Association A"},
            comments={},
            step=0 if solo else 3,
        )
        if solo:
            store.submit(token)
            targets.append(("results", f"r={token}&lang=fr"))
        else:
            targets.append(("questionnaire", f"r={token}&code={workshop.participant_code}&lang=fr"))
    store.close()
    return targets


async def hold(server: Server, target: tuple[str, str], every: float, stop: float, counts: dict[str, int]) -> None:
    session = Session(server.url)
    await session.open()
    await asyncio.sleep(random.uniform(0, every))
    while time.monotonic() < stop:
        await session.run(*target)
        counts["runs"] += 1
        await asyncio.sleep(every)
    counts["exceptions"] += session.exceptions
    await session.close()


async def main_async(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="radar-bench-memory-") as tmp:
        folder = Path(tmp)
        configs = {
            "postScriptGC false (configured)": [],
            "postScriptGC true (Streamlit's default)": ["--runner.postScriptGC", "true"],
        }
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
        counts = {name: {"runs": 0, "exceptions": 0} for name in configs}
        loads: list[float] = []
        from contextlib import ExitStack

        with ExitStack() as stack:
            servers = {}
            targets = {}
            for n, (name, options) in enumerate(configs.items()):
                data = folder / f"data-{n}"
                data.mkdir()
                targets[name] = seed(data, args.sessions)
                servers[name] = stack.enter_context(
                    serve("app.py", {"RADAR_DATA_DIR": str(data)}, folder / f"server-{n}.log", options=options)
                )
            start = time.monotonic()
            stop = start + args.minutes * 60
            tasks = [
                asyncio.create_task(hold(servers[name], target, args.every, stop, counts[name]))
                for name in configs
                for target in targets[name]
            ]
            while time.monotonic() < stop:
                for name, server in servers.items():
                    samples[name].append(((time.monotonic() - start) / 60, server.rss_mib()))
                loads.append(os.getloadavg()[0])
                await asyncio.sleep(30)
            await asyncio.gather(*tasks)
            for name, server in servers.items():
                samples[name].append(((time.monotonic() - start) / 60, server.rss_mib()))
    return {"samples": samples, "counts": counts, "loads": loads}


def growth_per_10_min(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of the second half of the samples, in MiB per 10 minutes."""
    half = points[len(points) // 2 :]
    if len(half) < 2:
        return float("nan")
    mean_t = sum(t for t, _ in half) / len(half)
    mean_m = sum(m for _, m in half) / len(half)
    covariance = sum((t - mean_t) * (m - mean_m) for t, m in half)
    variance = sum((t - mean_t) ** 2 for t, _ in half)
    return covariance / variance * 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--every", type=float, default=30, help="seconds between two runs of a session's page")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    data = asyncio.run(main_async(args))
    if args.json:
        args.json.write_text(json.dumps(data, indent=1))
    names = list(data["samples"])
    loads = data["loads"]
    print(
        f"{args.sessions} sessions per server for {args.minutes:g} min, a run every {args.every:g} s each; "
        f"{os.cpu_count()} CPUs; load average (1 min) from {min(loads):.1f} to {max(loads):.1f}, "
        f"median {sorted(loads)[len(loads) // 2]:.1f}\n"
    )
    print("| minutes | " + " | ".join(f"RSS, {name} (MiB)" for name in names) + " |")
    print("|---:|" + "---:|" * len(names))
    series = [data["samples"][name] for name in names]
    for index in range(0, min(len(s) for s in series)):
        minute = series[0][index][0]
        if index % 10 == 0 or index == min(len(s) for s in series) - 1:
            print(f"| {minute:.1f} | " + " | ".join(f"{s[index][1]:.0f}" for s in series) + " |")
    print(
        "| growth over the second half (MiB / 10 min) | "
        + " | ".join(f"{growth_per_10_min(s):+.1f}" for s in series)
        + " |"
    )
    print(
        "| script runs (exceptions) | "
        + " | ".join(f"{data['counts'][n]['runs']} ({data['counts'][n]['exceptions']})" for n in names)
        + " |"
    )


if __name__ == "__main__":
    main()
