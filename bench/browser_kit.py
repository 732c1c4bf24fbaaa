"""What the browser benchmarks share: serving a Streamlit script, reading its process's CPU time and memory, and
timing, inside the page, from a tap to what it changes on screen.

Timings are taken in the page (``performance.now()``): from the ``pointerdown`` of a tap (the moment the finger
lands) to the first animation frame where a condition holds (the script run it caused has finished and its
output is on screen, a heading is painted, a chart is drawn), so that neither Playwright's round trips nor the
driving process's scheduling weigh on them.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# The project's flags (tests/browser/conftest.py), and three that keep Chromium from slowing down pages it
# considers in the background: with 30 phones in one browser, most pages are.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "fr-FR"}
DESKTOP = {"viewport": {"width": 1366, "height": 900}, "locale": "fr-FR"}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Installed in every page before its scripts: marks the start of each tap, and counts the script runs that end.
# A run's end is read from Streamlit's own websocket, not from the page: the server ends every run with a
# ForwardMsg whose field 6 (`script_finished`, a varint) says how. 0 (finished) and 1 (compile error) count; 2
# (stopped early for a new run) does not, nor 3 (a fragment's run: the answering pages' timed watchers, never what
# a tap causes). Watching the page's running-state attribute missed short runs (the attribute's two changes can
# fall between two observations, or in one render), so that a tap whose output was on screen counted no run.
PROBE_JS = """(() => {
  const r = window.__bench = {t0: 0, t1: null, runs: 0, finished: 0};
  document.addEventListener('pointerdown', () => { r.t0 = performance.now(); r.t1 = null; r.runs = 0; }, true);
  const status = bytes => {  // the script_finished field of a ForwardMsg, or null
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const key = varint(), field = Math.floor(key / 8), wire = key % 8;
      if (wire === 0) { const value = varint(); if (field === 6) return value; }
      else if (wire === 2) { const length = varint(); i += length; }  // not i += varint(): i is read first
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return null;
    }
    return null;
  };
  const seen = data => {
    const finished = status(new Uint8Array(data));
    if (finished === 0 || finished === 1) { r.runs += 1; r.finished += 1; }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        if (event.data instanceof ArrayBuffer) seen(event.data);
        else if (event.data instanceof Blob) event.data.arrayBuffer().then(seen);
      });
    }
  };
})()"""
IDLE = (
    "(document.querySelector('[data-testid=stApp]') || {getAttribute: () => null})"
    ".getAttribute('data-test-script-state') === 'notRunning' && !document.querySelector('[data-stale=true]')"
)
# A script run caused by the last tap has ended and its output replaced the old one.
RERUN_DONE = f"window.__bench.runs >= 1 && {IDLE}"
# Every chart on screen has drawn its SVG (charts inside a folded expander or another tab are not on screen).
CHARTS_DRAWN = (
    "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].filter(e => e.offsetParent)"
    ".every(e => e.querySelector('.main-svg'))"
)
RADAR_DRAWN = "!!document.querySelector('.js-plotly-plot .polarlayer .polar')"


def heading_shown(text: str) -> str:
    """A heading reads ``text`` (white space compared loosely: the French catalogue puts U+202F before « ? »)."""
    quoted = json.dumps(re.sub(r"\s+", " ", text).strip())
    return (
        "[...document.querySelectorAll('h1, h2, h3')]"
        f".some(h => h.textContent.replace(/\\s+/g, ' ').trim() === {quoted})"
    )


def until_js(condition: str) -> str:
    """A function for ``page.wait_for_function`` (polled every animation frame) that notes when ``condition``
    first held."""
    return (
        "() => { const r = window.__bench; "
        f"if (r.t1 === null && ({condition})) r.t1 = performance.now(); return r.t1 !== null; }}"
    )


async def timed(page, condition: str, timeout_ms: float = 300_000) -> float:
    """Milliseconds from the last tap's ``pointerdown`` (or from the navigation's start, if none since) to the
    first frame where ``condition`` holds."""
    await page.wait_for_function(until_js(condition), polling="raf", timeout=timeout_ms)
    return float(await page.evaluate("window.__bench.t1 - window.__bench.t0"))


async def reset_mark(page) -> None:
    """Start the next measure at the next tap: forget the last one's end."""
    await page.evaluate("(() => { const r = window.__bench; r.t1 = null; r.runs = 0; })()")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (all its threads)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")


@contextmanager
def serve(
    script: str,
    env: dict[str, str],
    log: Path,
    *,
    options: list[str] | None = None,
    command: list[str] | None = None,
    cwd: Path = ROOT,
) -> Iterator[Server]:
    """``streamlit run script`` on a free loopback port with the project's config, stopped after (``command``:
    what stands for ``python -m streamlit run``, e.g. a launcher that profiles the script thread; ``cwd``: the
    checkout served, another copy of the app when variants are compared)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        *(command or [sys.executable, "-m", "streamlit", "run"]),
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *(options or []),
    ]
    full_env = {**os.environ, **env}
    if "RADAR_DATABASE_URL" not in env:  # never a developer's database
        full_env.pop("RADAR_DATABASE_URL", None)
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{script} did not start: see {log}")
            time.sleep(0.25)
        yield Server(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
