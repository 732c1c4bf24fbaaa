"""Benchmark: the results page's server-side costs that do not depend on the browser.

    python bench/bench_figures.py [--runs 15]

1. Building the statements chart (``reports.figures.item_bars_figure``) of « Santé du partenariat » for one
   respondent, then getting it again as a rerun does (``ui.figures``, cached), against a baseline built in the
   same run: a bare Plotly bar chart of the same bars with no labels.
2. One full garbage collection (``gc.collect()``, what Streamlit runs after every script run unless
   ``runner.postScriptGC`` is false) in a process holding the app's libraries and a scored questionnaire,
   against the same collection in a process that imported Streamlit alone; each measured in a fresh child process,
   both kinds interleaved so that the machine's load weighs on both, with and without ``gc.freeze()`` first.
Medians of --runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP_HEAP = """
import gc, json, sys, time
sys.path.insert(0, {root!r})
import streamlit, pandas, plotly.graph_objects, pydantic, sqlalchemy
from reports.figures import item_bars_figure, radar_figure
from scoring.engine import score_responses
from scoring.loader import load_questionnaire
q = load_questionnaire({root!r} + "/questionnaires/sante-partenariat.yaml")
report = score_responses(q, pandas.DataFrame([{{i.id: 4 for i in q.items}}]))
figures = [item_bars_figure(q, report, "fr"), radar_figure(q, report, "fr")]
"""
BARE_HEAP = "import gc, json, sys, time\nimport streamlit\n"
MEASURE = """
gc.collect()
if {freeze}:
    gc.freeze()
samples = []
for _ in range(5):
    start = time.perf_counter(); gc.collect(); samples.append(time.perf_counter() - start)
print(json.dumps({{"seconds": sorted(samples)[2], "objects": len(gc.get_objects())}}))
"""


def timed(function, runs: int) -> float:
    function()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def collection(heap: str, freeze: bool) -> dict:
    code = heap.format(root=str(ROOT)) + MEASURE.format(freeze=freeze)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    import pandas as pd
    import plotly.graph_objects as go

    from reports.charts import item_bars_chart
    from reports.figures import item_bars_figure
    from scoring.engine import score_responses
    from scoring.loader import load_questionnaire

    questionnaire = load_questionnaire(ROOT / "questionnaires" / "sante-partenariat.yaml")
    report = score_responses(questionnaire, pd.DataFrame([{i.id: 4 for i in questionnaire.items}]))
    chart = item_bars_chart(questionnaire, report, "fr")

    def bare() -> go.Figure:
        return go.Figure(go.Bar(x=[b.value for b in chart.bars], y=list(range(len(chart.bars))), orientation="h"))

    from ui import figures as screen_figures

    built = timed(lambda: item_bars_figure(questionnaire, report, "fr"), args.runs)
    # What a rerun pays once the figure is cached (ui.figures): the chart's description and its hash.
    cached = timed(lambda: screen_figures.item_bars_figure(questionnaire, report, "fr"), args.runs)
    baseline = timed(bare, args.runs)
    annotations = len(item_bars_figure(questionnaire, report, "fr").layout.annotations)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"statements chart: {built * 1000:.1f} ms ({len(chart.bars)} bars, {annotations} labels)")
    print(f"bare bar chart (baseline): {baseline * 1000:.1f} ms")
    print(f"ratio: {built / baseline:.2f}")
    print(f"statements chart on a rerun (cached, ui.figures): {cached * 1000:.1f} ms, ratio {cached / baseline:.2f}")

    rows = {}
    for freeze in (False, True):
        app, plain = [], []
        for _ in range(max(3, args.runs // 3)):
            app.append(collection(APP_HEAP, freeze))
            plain.append(collection(BARE_HEAP, freeze))
        rows[freeze] = (
            statistics.median(r["seconds"] for r in app),
            statistics.median(r["seconds"] for r in plain),
            statistics.median(r["objects"] for r in app),
            statistics.median(r["objects"] for r in plain),
        )
    for freeze, (app_s, plain_s, app_n, plain_n) in rows.items():
        label = "after gc.freeze()" if freeze else "no freeze"
        print(
            f"full collection, {label}: app heap {app_s * 1000:.1f} ms ({app_n:,} objects), "
            f"bare Streamlit {plain_s * 1000:.1f} ms ({plain_n:,} objects), ratio {app_s / plain_s:.2f}"
        )


if __name__ == "__main__":
    main()
