"""Benchmark: drawing the statements chart in Chromium, its text as annotations (before issue 11) or as traces.

    python bench/bench_item_bars.py [--rounds 8]

Builds the chart of « Santé du partenariat » (34 statements, the scores of tests/app/test_figure_cache.report_of)
twice: as ``reports.figures.item_bars_plotly`` draws it, and with the statements and values moved back into
2 × 34 layout annotations (the former drawing); then times ``Plotly.newPlot`` of each in one page of Debian's
Chromium (Plotly.js from the installed plotly package), alternating, to the next animation frame; medians after
a first round. Screenshots of both go to the folder given by ``--shots``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_kit import CHROMIUM, CHROMIUM_ARGS

DRAW_JS = """async (figure) => {
  const element = document.getElementById('chart');
  Plotly.purge(element);
  const start = performance.now();
  await Plotly.newPlot(element, figure.data, figure.layout, {displayModeBar: false});
  await new Promise(resolve => requestAnimationFrame(() => resolve()));
  return performance.now() - start;
}"""


def figures() -> dict[str, dict[str, Any]]:
    import plotly.io

    from reports.charts import item_bars_chart
    from reports.figures import item_bars_plotly
    from tests.app.test_figure_cache import SANTE, report_of

    traces = item_bars_plotly(item_bars_chart(SANTE, report_of(3), "fr"))
    as_traces = plotly.io.to_json(traces)
    bar, labels = traces.data
    annotations = [
        {
            "x": 0,
            "y": y,
            "text": text,
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "font": {"size": 13},
        }
        for y, text in zip(labels.y, labels.text, strict=True)
    ] + [
        {"x": x, "y": y, "text": text, "showarrow": False, "xanchor": "left", "font": {"size": 13}}
        for x, y, text in zip(bar.x, bar.y, bar.text, strict=True)
    ]
    before = plotly.io.from_json(as_traces)
    before.data = before.data[:1]
    before.data[0].text = None
    before.update_layout(annotations=annotations, yaxis={"autorange": "reversed"})
    import json

    return {"annotations": json.loads(plotly.io.to_json(before)), "traces": json.loads(as_traces)}


async def main_async(rounds: int, shots: Path | None) -> dict[str, list[float]]:
    import plotly
    from playwright.async_api import async_playwright

    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    drawn = figures()
    times: dict[str, list[float]] = {name: [] for name in drawn}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 760, "height": 900})
        await page.set_content("<html><body><div id='chart' style='width: 700px'></div></body></html>")
        await page.add_script_tag(path=str(bundle))
        for round_number in range(rounds + 1):  # the first round warms up
            for name, figure in drawn.items():
                milliseconds = await page.evaluate(DRAW_JS, figure)
                if round_number:
                    times[name].append(milliseconds)
                if shots is not None and round_number == rounds:
                    await page.screenshot(path=str(shots / f"item-bars-{name}.png"), full_page=True)
        await browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--shots", type=Path)
    args = parser.parse_args()
    times = asyncio.run(main_async(args.rounds, args.shots))
    for name, values in times.items():
        print(f"| statements chart, text as {name} | {statistics.median(values):.0f} ms |")


if __name__ == "__main__":
    main()
