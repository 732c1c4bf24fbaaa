"""Where an answer tap's and a « Suivant »'s script run spends its time, in the live server.

    python bench/profile_answer_path.py [--steps 3] [--top 35] [--no-profile]

It serves ``app.py`` with ``streamlit run`` (the project's .streamlit/config.toml, a fresh SQLite folder with an
open express workshop) in a process whose script thread runs each script run under cProfile, and drives it over
Streamlit's websocket as a phone does (``bench/ws_session.py``'s protocol): join, « Commencer à répondre », the
profile answer, then for each step « Suivant » and one tap per statement. The browser's part of a rerun is its
message: the page, the URL, and the values of every widget it holds (a tap changes one, a button sends a
trigger). Each run's profile is labelled by what caused it (tap, next, ...): the report adds up the runs of each
kind, then prints the functions by cumulative time, and the bytes each kind of run sent back.

Representative because it is the server's own code path (ScriptRunner, the session's widget state, the
forward-message queue, serialisation onto the websocket), unlike AppTest, which neither serialises nor sends.
What it does not see: the browser's own work (rendering the deltas, scripts of the page), for which
``bench/bench_browser.py`` times tap → painted.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# ----- the server side: each script run profiled -----------------------------------------------------------


def serve_profiled(out: Path, profile: bool, argv: list[str]) -> None:
    """Run ``streamlit run ...`` with every ScriptRunner._run_script wrapped: one .prof and one log line per call."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    original = script_runner.ScriptRunner._run_script
    counter = iter(range(1_000_000))

    def run_script(self, rerun_data):  # type: ignore[no-untyped-def]
        number = next(counter)
        # CPU time of the script thread: on a loaded machine wall time mostly measures waiting for a core.
        profiler = cProfile.Profile(time.thread_time) if profile else None
        start_wall, start_cpu = time.perf_counter(), time.thread_time()
        if profiler is not None:
            profiler.enable()
        try:
            return original(self, rerun_data)
        finally:
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(str(out / f"run-{number}.prof"))
            line = {
                "n": number,
                "page": rerun_data.page_name,
                "fragment": bool(rerun_data.fragment_id_queue),
                "wall_ms": (time.perf_counter() - start_wall) * 1000,
                "cpu_ms": (time.thread_time() - start_cpu) * 1000,
            }
            with (out / "runs.jsonl").open("a") as log:
                log.write(json.dumps(line) + "\n")

    script_runner.ScriptRunner._run_script = run_script
    sys.argv = ["streamlit", *argv]
    cli.main()


# ----- the client side: a phone over the websocket ---------------------------------------------------------


class Phone:
    """Streamlit's browser side, as far as the server sees it: the widgets it holds and the messages it sends."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ws_url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.conn = None
        self.page = ""
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, object] = {}  # id -> the proto of its element (last seen)
        self.values: dict[str, tuple[str, object]] = {}  # id -> (WidgetState field, value): what it holds
        self.received = 0

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        self.conn = await connect(self.ws_url, max_size=64 * 1024 * 1024, open_timeout=60)

    async def rerun(self, trigger: str | None = None) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.context_info.url = f"{self.url}/{self.page}?{self.query}"
        state.context_info.locale = "fr-FR"
        state.context_info.timezone = "Europe/Paris"
        for widget_id, (field, value) in self.values.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            setattr(widget, field, value)
        if trigger is not None:
            widget = state.widget_states.widgets.add()
            widget.id = trigger
            widget.trigger_value = True
        assert self.conn is not None
        await self.conn.send(back.SerializeToString())
        self.widgets = {}
        while True:
            raw = await self.conn.recv()
            if isinstance(raw, str):
                continue
            self.received += len(raw)
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "navigation":  # st.navigation's pages, and the one this run shows (after a switch)
                pages = {p.page_script_hash: p.url_pathname for p in message.navigation.app_pages}
                self.page_hash = message.navigation.page_script_hash
                self.page = pages.get(self.page_hash, self.page)
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                inner = getattr(element, element.WhichOneof("type") or "", None)
                if inner is not None and getattr(inner, "id", ""):
                    self.widgets[inner.id] = inner
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                    continue
                if message.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    continue
                # As Streamlit's page does after a run: it keeps, and sends, only the widgets it now shows.
                # Sending back every widget of the earlier steps kept their keys in the session, which made
                # every widget of the page slower than in a browser (`filtered_state` copies them all).
                self.values = {key: value for key, value in self.values.items() if key in self.widgets}
                return

    def find(self, label: str) -> str:
        found = [widget_id for widget_id, widget in self.widgets.items() if getattr(widget, "label", None) == label]
        assert len(found) == 1, (label, [getattr(w, "label", None) for w in self.widgets.values()])
        return found[0]

    def radios(self) -> list[tuple[str, object]]:
        return [(i, w) for i, w in self.widgets.items() if type(w).__name__ == "Radio"]

    async def click(self, label: str) -> None:
        await self.rerun(trigger=self.find(label))

    async def tap(self, widget_id: str, option: str) -> None:
        self.values[widget_id] = ("string_value", option)
        await self.rerun()


def seed(data_dir: Path) -> str:
    sys.path.insert(0, str(ROOT))
    from storage import Store
    from storage.config import DEFAULT_DB_FILENAME

    store = Store(f"sqlite:///{data_dir / DEFAULT_DB_FILENAME}")
    created = store.create_workshop(
        title="Atelier du profilage",
        questionnaire_id="express",
        organisations=["Association A", "Association B"],
        profile_fields=["organisation"],
        show_results_to_participants=True,
    )
    store.close()
    return created.participant_code


async def drive(url: str, code: str, steps: int, log: Path) -> dict[int, str]:
    """The runs' labels by run number, as the log of the server names them."""
    phone = Phone(url)
    await phone.open()
    labels: dict[int, str] = {}

    seen = 0

    def label_new(kind: str) -> None:
        # The server logs a run after its last message: wait for its line.
        nonlocal seen
        deadline = time.monotonic() + 30
        while True:
            lines = log.read_text().splitlines() if log.exists() else []
            if len(lines) > seen or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        time.sleep(0.05)
        lines = log.read_text().splitlines()
        seen = len(lines)
        for line in lines:
            run = json.loads(line)
            labels.setdefault(run["n"], "fragment" if run["fragment"] else kind)

    if code:
        phone.page, phone.query = "join", f"code={code}&lang=fr"
        await phone.rerun()
        label_new("open")
        await phone.click("Commencer à répondre")
        label_new("start")
    else:  # the bare page
        await phone.rerun()
        label_new("open")
    (organisation, radio), *_ = phone.radios()
    await phone.tap(organisation, radio.options[0])
    label_new("tap")
    for step in range(steps):
        await phone.click("Suivant")
        label_new("next")
        for number, (widget_id, radio) in enumerate(phone.radios()):
            await phone.tap(widget_id, radio.options[(number + step) % 5])
            label_new("tap")
    await phone.conn.close()
    return labels


def report(out: Path, labels: dict[int, str], top: int, profile: bool) -> None:
    runs = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines()]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for run in runs:
        by_kind[labels.get(run["n"], "other")].append(run)
    print("| runs | count | median wall ms | median thread CPU ms |\n|---|---:|---:|---:|")
    for kind, kind_runs in by_kind.items():
        walls = sorted(r["wall_ms"] for r in kind_runs)
        cpus = sorted(r["cpu_ms"] for r in kind_runs)
        print(f"| {kind} | {len(kind_runs)} | {walls[len(walls) // 2]:.1f} | {cpus[len(cpus) // 2]:.1f} |")
    if not profile:
        return
    for kind in ("tap", "next"):
        files = [str(out / f"run-{r['n']}.prof") for r in by_kind.get(kind, [])]
        if not files:
            continue
        print(f"\n===== {kind}: {len(files)} runs, cumulative =====")
        stats = pstats.Stats(*files)
        stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve_profiled(Path(sys.argv[2]), sys.argv[3] == "1", sys.argv[4:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--bare", action="store_true", help="profile bench/bare_app.py instead")
    parser.add_argument("--keep", type=Path, help="folder to keep the .prof files in")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from browser_kit import serve

    with tempfile.TemporaryDirectory(prefix="radar-profile-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "app").mkdir(exist_ok=True)
        code = "" if args.bare else seed(folder / "app")
        profile = not args.no_profile
        launcher = [sys.executable, __file__, "--serve", str(folder), "1" if profile else "0", "run"]
        script = "bench/bare_app.py" if args.bare else "app.py"
        env = {"RADAR_DATA_DIR": str(folder / "app"), "BARE_DB": str(folder / "bare.sqlite3")}
        with serve(script, env, folder / "server.log", command=launcher) as app:
            labels = asyncio.run(drive(app.url, code, args.steps, folder / "runs.jsonl"))
        report(folder, labels, args.top, profile)


if __name__ == "__main__":
    main()
