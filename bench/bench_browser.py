"""Benchmark: the app in Debian's Chromium against a bare Streamlit page (bench/bare_app.py), served alongside.

    python bench/bench_browser.py [--rounds 5] [--only tap,next,submit,dashboard,projection,rerun,taps40,phones]
                                  [--phones 30] [--json out.json]

Two servers run side by side for the whole benchmark: the app (``app.py`` on a fresh SQLite folder, with the
project's .streamlit/config.toml) and the bare page (the same widgets and one polar chart, no project module).
Every measure alternates between them, round after round, so that the machine's load weighs on both; each
figure is the median over rounds (p95 for the phones), and its ratio to the bare page's.

- tap: a statement's option tapped on a phone, to the end of the script run it causes (which saves it) with
  its output on screen; « Suivant »: to the next step's heading painted after its run; submit: « Envoyer mes
  réponses » to the results painted with their radar. One phone answers the express questionnaire per round.
- dashboard, projection: a new tab opening the dashboard (then the projection) of a closed workshop of
  « Santé du partenariat » with 500 responses, from the navigation's start to every chart on screen drawn and
  the run ended; baseline: the bare page reading 500 responses and drawing one polar chart (and with 40 bar
  charts more, the dashboard's amount of drawing).
- rerun: the results page's server-side script run (``bench/ws_session.py``: no browser, the run requested
  over Streamlit's websocket as a browser does, timed to its end), against the bare page's results.
- taps40: 40 taps within 4 s on one step (a tap every 100 ms, not waiting for anything), then the server
  process's CPU time from the first tap until the page is idle again; and whether every last tap was saved.
- phones: N phones at once (one Chromium context each, touch, 390×844), each joining, answering every statement
  of the express questionnaire with a pause of 0.5–1.5 s between taps, and sending: p50/p95/p99 of tap → its run
  ended (the run saves the answer before it ends) and « Suivant » → next step painted, over all phones, against
  N phones on the bare page; the server's CPU time for the whole session; and, read in the database after,
  how many sent responses hold every answer their phone tapped (N when no tap is lost).

A script run's end is read from Streamlit's websocket in the page (`browser_kit.PROBE_JS`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_kit import (
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    IDLE,
    PHONE,
    PROBE_JS,
    RADAR_DRAWN,
    RERUN_DONE,
    Server,
    heading_shown,
    percentile,
    reset_mark,
    serve,
    timed,
)
from ws_session import Session

from scoring.loader import load_questionnaire
from scoring.model import text_in

ROOT = Path(__file__).resolve().parent.parent
EXPRESS = load_questionnaire(ROOT / "questionnaires" / "express.yaml")
SANTE = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
ORGANISATIONS = ["Association A", "Association B"]
WORDS = {
    "start": "Commencer à répondre",
    "profile": "Qui répond ?",
    "organisation": "Votre organisation",
    "next": "Suivant",
    "summary": "Récapitulatif avant l’envoi",
    "submit": "Envoyer mes réponses",
}
PAINTED = f"{IDLE} && {CHARTS_DRAWN}"
RESULTS_PAINTED = f"{RADAR_DRAWN} && {PAINTED}"


def option_label(value: int | str) -> str:
    if value == "na":
        return "Je ne sais pas / sans objet"
    return f"{value} · {text_in(EXPRESS.scale.labels[int(value)], 'fr')}"


def option(page, number: int, text: str, value: int | str):
    group = page.get_by_role("radiogroup", name=f"{number}. {text}", exact=True)
    label = re.compile(f"^{re.escape(option_label(value))}$")
    return group.locator('[data-testid="stRadioOption"]').filter(has_text=label)


# ----- seeding -------------------------------------------------------------------------------------------------


def seed_app(data_dir: Path, responses: int) -> dict[str, str]:
    """In the app's database: an open express workshop for the phones, a closed « Santé du partenariat » one
    with `responses` responses, and a solo respondent who has sent the express questionnaire."""
    from bench_dashboard import ORGANISATIONS as SANTE_ORGANISATIONS
    from bench_dashboard import submit

    from scoring.privacy import WorkshopSpec
    from storage import Store
    from storage.codes import projection_token_for
    from storage.config import DEFAULT_DB_FILENAME
    from ui import workshops

    store = Store(f"sqlite:///{data_dir / DEFAULT_DB_FILENAME}")
    phones = store.create_workshop(
        title="Atelier du banc d’essai",
        questionnaire_id="express",
        organisations=ORGANISATIONS,
        profile_fields=["organisation"],
        show_results_to_participants=True,
    )
    # As bench/bench_dashboard.py: the responses, then closed and published as the closing on the dashboard does.
    created = store.create_workshop(
        title="Banc d’essai",
        questionnaire_id=SANTE.id,
        organisations=SANTE_ORGANISATIONS,
        profile_fields=["role", "organisation"],
        show_results_to_participants=False,
    )
    rng = random.Random(7)
    roles = [option.id for option in SANTE.profile_field("role").options]
    for _ in range(responses):
        submit(store, SANTE, created.workshop_id, rng, roles)
    key = created.facilitator_key
    store.set_workshop_status(key, "closed")
    workshops.publish_round(
        store, WorkshopSpec(SANTE, ("role", "organisation"), tuple(SANTE_ORGANISATIONS)), created.workshop_id
    )
    token = store.new_respondent_token()
    store.save_draft(
        token,
        questionnaire_id="express",
        workshop_id=None,
        answers={item.id: 1 + n % 5 for n, item in enumerate(EXPRESS.items)},
        profile={},
        comments={},
        step=0,
    )
    store.submit(token)
    store.close()
    return {"code": phones.participant_code, "key": key, "projection": projection_token_for(key), "token": token}


def seed_bare(path: Path, responses: int) -> None:
    rng = random.Random(7)
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS responses (token TEXT PRIMARY KEY, answers TEXT NOT NULL, "
        "profile TEXT NOT NULL, step INTEGER NOT NULL, submitted INTEGER NOT NULL DEFAULT 0)"
    )
    for n in range(responses):
        answers = {item.id: None if rng.random() < 0.05 else rng.randint(1, 5) for item in EXPRESS.items}
        conn.execute(
            "INSERT INTO responses VALUES (?, ?, ?, 0, 1)",
            (f"seed-{n}", json.dumps(answers), json.dumps({"organisation": rng.choice(ORGANISATIONS)})),
        )
    conn.commit()
    conn.close()


# ----- one phone answering -------------------------------------------------------------------------------------


async def answer(
    page, *, start: Callable[[], Awaitable[None]], pause: Callable[[], Awaitable[None]], times: dict[str, list[float]]
) -> None:
    """From the profile step to the results: every tap timed to its run's end, « Suivant » to the next heading,
    submit to the results drawn. `start` brings the page to the profile step."""
    await start()
    await pause()
    await option_tap(page, "organisation", ORGANISATIONS[0])
    times["tap"].append(await timed(page, RERUN_DONE))
    steps = [text_in(d.label, "fr") for d in EXPRESS.dimensions] + [WORDS["summary"]]
    for index, heading in enumerate(steps):
        await pause()
        await page.get_by_role("button", name=WORDS["next"], exact=True).tap()
        times["next"].append(await timed(page, f"{RERUN_DONE} && {heading_shown(heading)}"))
        if index == len(EXPRESS.dimensions):
            break
        dimension = EXPRESS.dimensions[index]
        for number, item in enumerate(dimension.items, start=1):
            await pause()
            await option(page, number, text_in(item.text, "fr"), 1 + (number + index) % 5).tap()
            times["tap"].append(await timed(page, RERUN_DONE))
    await pause()
    await page.get_by_role("button", name=WORDS["submit"], exact=True).tap()
    times["submit"].append(await timed(page, RESULTS_PAINTED))


def answers_given() -> dict[str, int]:
    """What `answer` taps: every statement once, the same values on every phone."""
    return {
        item.id: 1 + (number + index) % 5
        for index, dimension in enumerate(EXPRESS.dimensions)
        for number, item in enumerate(dimension.items, start=1)
    }


def sent_as_tapped(kind: str, folder: Path, seeds: dict[str, str]) -> int:
    """How many sent responses of the phones' workshop (the bare page: of its file) hold every answer tapped:
    each phone taps each statement once, so a tap lost is a response that differs."""
    wanted = answers_given()
    if kind == "app":
        from storage import Store
        from storage.config import DEFAULT_DB_FILENAME

        store = Store(f"sqlite:///{folder / 'app' / DEFAULT_DB_FILENAME}")
        try:
            view = store.workshop_for_participant(seeds["code"])
            assert view is not None
            sent = [dict(r.answers) for r in store.submitted_responses(view.id)]
        finally:
            store.close()
    else:
        conn = sqlite3.connect(folder / "bare.sqlite3")
        try:
            rows = conn.execute("SELECT answers FROM responses WHERE submitted AND token NOT LIKE 'seed-%'").fetchall()
        finally:
            conn.close()
        sent = [json.loads(answers) for (answers,) in rows]
    return sum(1 for answers in sent if answers == wanted)


async def option_tap(page, group_name: str, label: str) -> None:
    group = page.get_by_role("radiogroup", name=WORDS[group_name], exact=True)
    await group.locator('[data-testid="stRadioOption"]').filter(has_text=re.compile(f"^{re.escape(label)}$")).tap()


OPENING_MS = 600_000  # opening the page and its first step: not measured


def starter(page, kind: str, server: Server, seeds: dict[str, str]) -> Callable[[], Awaitable[None]]:
    async def app() -> None:
        await page.goto(f"{server.url}/join?code={seeds['code']}&lang=fr")
        await timed(page, f"{RERUN_DONE} && {IDLE}", OPENING_MS)
        await page.get_by_role("button", name=WORDS["start"], exact=True).tap()
        await timed(page, f"{RERUN_DONE} && {heading_shown(WORDS['profile'])}", OPENING_MS)

    async def bare() -> None:
        await page.goto(f"{server.url}/")
        await timed(page, f"{RERUN_DONE} && {heading_shown(WORDS['profile'])}", OPENING_MS)

    return app if kind == "app" else bare


async def new_page(browser, options: dict[str, Any]):
    context = await browser.new_context(**options)
    context.set_default_timeout(300_000)
    await context.add_init_script(PROBE_JS)
    return context, await context.new_page()


async def no_pause() -> None:
    return None


# ----- the measures --------------------------------------------------------------------------------------------


async def journey(browser, servers: dict[str, Server], seeds: dict[str, str], results: dict) -> None:
    for kind, server in servers.items():
        context, page = await new_page(browser, PHONE)
        times: dict[str, list[float]] = {"tap": [], "next": [], "submit": []}
        await answer(page, start=starter(page, kind, server, seeds), pause=no_pause, times=times)
        await context.close()
        for measure, values in times.items():
            results[f"{measure} {kind}"].extend(values)


async def first_paint(browser, servers: dict[str, Server], seeds: dict[str, str], results: dict) -> None:
    targets = {
        "dashboard": (servers["app"], f"/dashboard?k={seeds['key']}&lang=fr", RADAR_DRAWN),
        "projection": (servers["app"], f"/projection?p={seeds['projection']}&lang=fr", RADAR_DRAWN),
        "bare one chart": (servers["bare"], "/?view=dashboard", RADAR_DRAWN),
        "bare 40 charts": (servers["bare"], "/?view=dashboard&charts=40", RADAR_DRAWN),
    }
    for name, (server, path, drawn) in targets.items():
        context, page = await new_page(browser, DESKTOP)
        await page.goto(server.url + path)
        results[name].append(await timed(page, f"{RERUN_DONE} && {drawn} && {PAINTED}"))
        await context.close()


async def server_rerun(servers: dict[str, Server], seeds: dict[str, str], results: dict, runs: int = 5) -> None:
    targets = {"app": ("results", f"r={seeds['token']}&lang=fr"), "bare": ("", "view=results")}
    sessions = {}
    for kind, server in servers.items():
        sessions[kind] = Session(server.url)
        await sessions[kind].open()
        await sessions[kind].run(*targets[kind])  # the session's first run
    for _ in range(runs):
        for kind, session in sessions.items():
            results[f"rerun {kind}"].append(await session.run(*targets[kind]) * 1000)
    for session in sessions.values():
        if session.exceptions:
            raise RuntimeError("the results page showed an exception")
        await session.close()


# A phone whose screen is tall enough to show a whole step: taps go to fixed points, with no scrolling between.
TALL_PHONE = {**PHONE, "viewport": {"width": 390, "height": 2400}}


async def taps40(browser, servers: dict[str, Server], seeds: dict[str, str], results: dict, folder: Path) -> None:
    for kind, server in servers.items():
        context, page = await new_page(browser, TALL_PHONE)
        await starter(page, kind, server, seeds)()
        await page.get_by_role("button", name=WORDS["next"], exact=True).tap()
        dimension = EXPRESS.dimensions[0]
        await timed(page, f"{RERUN_DONE} && {heading_shown(text_in(dimension.label, 'fr'))}")
        boxes = {}
        for number, item in enumerate(dimension.items, start=1):
            for value in range(1, 6):
                box = await option(page, number, text_in(item.text, "fr"), value).bounding_box()
                boxes[number, value] = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        await page.wait_for_timeout(1000)
        before = server.cpu_seconds()
        last: dict[int, int] = {}
        for tap in range(40):
            number, value = 1 + tap % 3, 1 + (tap // 3) % 5
            last[number] = value
            await page.touchscreen.tap(*boxes[number, value])
            await asyncio.sleep(0.1)
        await reset_mark(page)
        await page.wait_for_function(f"() => {IDLE}", polling="raf")
        await page.wait_for_timeout(1500)  # anything the server still does for these taps
        await page.wait_for_function(f"() => {IDLE}", polling="raf")
        results[f"taps40 cpu {kind}"].append(server.cpu_seconds() - before)
        checked = {}
        for number, item in enumerate(dimension.items, start=1):
            checked[number] = (
                await page.get_by_role("radiogroup", name=f"{number}. {text_in(item.text, 'fr')}", exact=True)
                .get_by_role("radio", name=option_label(last[number]), exact=True)
                .is_checked()
            )
        results[f"taps40 last taps shown {kind}"].append(all(checked.values()))
        wanted = {item.id: last[number] for number, item in enumerate(dimension.items, start=1)}
        results[f"taps40 last taps saved {kind}"].append(saved_answers(kind, page.url, folder) == wanted)
        await context.close()


def saved_answers(kind: str, url: str, folder: Path) -> dict[str, Any]:
    """What the database holds for the phone's response: the app's through its token in the URL, the bare page's
    as its newest row."""
    if kind == "app":
        from urllib.parse import parse_qs, urlsplit

        from storage import Store
        from storage.config import DEFAULT_DB_FILENAME

        store = Store(f"sqlite:///{folder / 'app' / DEFAULT_DB_FILENAME}")
        try:
            draft = store.load_draft(parse_qs(urlsplit(url).query)["r"][0])
        finally:
            store.close()
        return dict(draft.answers) if draft else {}
    conn = sqlite3.connect(folder / "bare.sqlite3")
    try:
        row = conn.execute("SELECT answers FROM responses WHERE token NOT LIKE 'seed-%' ORDER BY rowid DESC").fetchone()
    finally:
        conn.close()
    return json.loads(row[0]) if row else {}


async def one_phone(page, kind: str, server: Server, seeds: dict[str, str], times: dict, rng: random.Random) -> None:
    """A person in the room: arrives (scans the code) within the first ARRIVALS_S, then 0.5 to 1.5 s between taps.
    Opening the page is not measured: on 2 loaded cores, 30 Streamlit pages loading at once take minutes."""

    async def pause() -> None:
        await asyncio.sleep(rng.uniform(0.5, 1.5))

    page.set_default_navigation_timeout(600_000)
    await asyncio.sleep(rng.uniform(0, ARRIVALS_S))
    await answer(page, start=starter(page, kind, server, seeds), pause=pause, times=times)


ARRIVALS_S = 30


async def phones(
    browser, servers: dict[str, Server], seeds: dict[str, str], results: dict, count: int, folder: Path
) -> None:
    for kind, server in servers.items():
        rng = random.Random(11)
        times: dict[str, list[float]] = {"tap": [], "next": [], "submit": []}
        before = sent_as_tapped(kind, folder, seeds)
        pages = [await new_page(browser, PHONE) for _ in range(count)]
        start_cpu = server.cpu_seconds()
        await asyncio.gather(*(one_phone(page, kind, server, seeds, times, rng) for _context, page in pages))
        results[f"phones cpu {kind}"].append(server.cpu_seconds() - start_cpu)
        for context, _page in pages:
            await context.close()
        for name, values in times.items():
            results[f"phones {name} {kind}"].extend(values)
        # Each tap's run has ended before the next tap (its save is in the run): every phone's answers are sent.
        results[f"phones sent as tapped {kind}"].append(sent_as_tapped(kind, folder, seeds) - before)


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    only = set(args.only.split(",")) if args.only else None
    with tempfile.TemporaryDirectory(prefix="radar-bench-browser-") as tmp:
        folder = Path(tmp)
        (folder / "app").mkdir()
        seeds = seed_app(folder / "app", args.responses)
        seed_bare(folder / "bare.sqlite3", args.responses)
        loads: list[float] = []
        results: dict[str, list] = defaultdict(list)
        with (
            serve("app.py", {"RADAR_DATA_DIR": str(folder / "app")}, folder / "app.log") as app,
            serve("bench/bare_app.py", {"BARE_DB": str(folder / "bare.sqlite3")}, folder / "bare.log") as bare,
        ):
            servers = {"app": app, "bare": bare}
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, timeout=60_000
                )
                warm: dict[str, list] = defaultdict(list)
                # First runs (imports, caches, Plotly's bundle) of what is measured in a browser.
                if not only or only & {"tap", "next", "submit", "phones"}:
                    await journey(browser, servers, seeds, warm)
                if not only or only & {"dashboard", "projection"}:
                    await first_paint(browser, servers, seeds, warm)
                for _ in range(args.rounds):
                    loads.append(os.getloadavg()[0])
                    if not only or only & {"tap", "next", "submit"}:
                        await journey(browser, servers, seeds, results)
                    if not only or only & {"dashboard", "projection"}:
                        await first_paint(browser, servers, seeds, results)
                    if not only or "rerun" in only:
                        await server_rerun(servers, seeds, results)
                    if not only or "taps40" in only:
                        await taps40(browser, servers, seeds, results, folder)
                if only and "phones" in only:
                    loads.append(os.getloadavg()[0])
                    await phones(browser, servers, seeds, results, args.phones, folder)
                loads.append(os.getloadavg()[0])
                await browser.close()
    return {"results": dict(results), "loads": loads}


def report(data: dict[str, Any], args: argparse.Namespace) -> None:
    results = data["results"]

    def med(key: str) -> float:
        return statistics.median(results[key])

    rows = []

    def row(name: str, value: float, baseline: float, unit: str = "ms", base_name: str = "bare page") -> None:
        rows.append(
            f"| {name} | {value:.0f} {unit} | {baseline:.0f} {unit} ({base_name}) | **{value / baseline:.2f}** |"
        )

    if results.get("tap app"):
        for measure, name in (
            ("tap", "answer tap → saved, on screen"),
            ("next", "« Suivant » → next step painted"),
            ("submit", "submit → results painted (radar)"),
        ):
            row(f"{name} (median)", med(f"{measure} app"), med(f"{measure} bare"))
    if results.get("dashboard"):
        row(
            "dashboard, 500 responses, first paint",
            med("dashboard"),
            med("bare one chart"),
            base_name="bare page, one chart",
        )
        row(
            "dashboard, 500 responses, first paint",
            med("dashboard"),
            med("bare 40 charts"),
            base_name="bare page, 40 charts",
        )
        row("projection, first paint", med("projection"), med("bare one chart"), base_name="bare page, one chart")
    if results.get("rerun app"):
        row("results page, server-side rerun", med("rerun app"), med("rerun bare"))
    if results.get("taps40 cpu app"):
        row("40 taps within 4 s, server CPU", med("taps40 cpu app") * 1000, med("taps40 cpu bare") * 1000)
        for what in ("shown", "saved"):
            rows.append(
                f"| 40 taps: the last tap of each statement {what} | app {results[f'taps40 last taps {what} app']} | "
                f"bare {results[f'taps40 last taps {what} bare']} | |"
            )
    if results.get("phones tap app"):
        for measure, name in (
            ("tap", "tap → its run (which saves it) ended, on screen"),
            ("next", "« Suivant » → next step painted"),
            ("submit", "submit → results painted"),
        ):
            for q in (50, 95, 99):
                row(
                    f"{args.phones} phones, {name}, p{q} (of {len(results[f'phones {measure} app'])})",
                    percentile(results[f"phones {measure} app"], q),
                    percentile(results[f"phones {measure} bare"], q),
                )
        row(
            f"{args.phones} phones, server CPU for the whole session",
            sum(results["phones cpu app"]) * 1000,
            sum(results["phones cpu bare"]) * 1000,
        )
        rows.append(
            f"| {args.phones} phones: responses sent with every tap saved | app {results['phones sent as tapped app']} "
            f"| bare {results['phones sent as tapped bare']} | |"
        )
    print(
        f"Chromium (Debian), {os.cpu_count()} CPUs, Python {platform.python_version()}; {args.rounds} rounds; "
        f"load average (1 min) at each round: {', '.join(f'{x:.1f}' for x in data['loads'])}\n"
    )
    print("| measure | app | baseline | ratio |\n|---|---:|---:|---:|")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--responses", type=int, default=500)
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--only", help="comma-separated: tap,next,submit,dashboard,projection,rerun,taps40,phones")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    data = asyncio.run(main_async(args))
    if args.json:
        args.json.write_text(json.dumps(data, indent=1, default=str))
    report(data, args)


if __name__ == "__main__":
    main()
