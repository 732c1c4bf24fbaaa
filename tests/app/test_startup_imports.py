"""The pages that show no score load no pandas, no numpy and no chart code; the first page no SQLAlchemy either.

In a fresh interpreter (a subprocess), so that what other tests imported does not count: the pages run through
AppTest one after the other, and after each ``sys.modules`` says what had been loaded so far (a page that pulled
pandas in fails, and so would every page after it: the first one named is the culprit). Issue 11 found
``ui.services`` loading SQLAlchemy on the first page of every session, and the home page loading pandas and
numpy through ``ui.steps_view`` → ``scoring.privacy`` and ``scoring.results`` (the report's per-respondent
frame); a module that imports them at the top would bring them back.

Plotly itself cannot be kept out: ``import streamlit`` loads ``plotly.graph_objects`` to set its chart theme
(``streamlit.elements.lib.streamlit_plotly_theme``). What is checked is that a page loads no plotly module beyond
those, and none of the project's chart modules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, os, sys
from streamlit.testing.v1 import AppTest

DATABASE = ("sqlalchemy", "psycopg", "alembic")
SCORES = ("pandas", "numpy")
CHARTS = ("reports.figures", "reports.charts", "ui.figures")
with_streamlit = {{name for name in sys.modules if name.split(".")[0] == "plotly"}}
seen = {{}}


def record(page, app):
    seen[page] = {{
        "exceptions": [str(e.value) for e in app.exception],
        "titles": [t.value for t in app.title],
        "headers": [h.value for h in app.header],
        "database": sorted(name for name in DATABASE if name in sys.modules),
        "files": sorted(os.listdir(os.environ["RADAR_DATA_DIR"])),
        "scores": sorted(name for name in SCORES if name in sys.modules),
        "charts": sorted(name for name in CHARTS if name in sys.modules),
        "plotly": sorted(
            name for name in sys.modules if name.split(".")[0] == "plotly" and name not in with_streamlit
        ),
    }}


app = AppTest.from_file({app!r}, default_timeout=120)
app.query_params["lang"] = "fr"
app.run()
record("home", app)
for page in ("guide", "glossary", "sources"):
    app.switch_page(f"app_pages/{{page}}.py").run()
    record(page, app)
app.switch_page("app_pages/home.py").run()
app.button(key="start_sante-partenariat").click().run()
record("questionnaire", app)
print(json.dumps(seen))
"""
LIGHT_PAGES = ["home", "guide", "glossary", "sources", "questionnaire"]


def test_pages_without_scores_load_no_pandas_and_the_first_page_no_database(tmp_path: Path) -> None:
    env = {**os.environ, "RADAR_DATA_DIR": str(tmp_path)}
    env.pop("RADAR_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(app=str(ROOT / "app.py"))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert list(seen) == LIGHT_PAGES
    for page in LIGHT_PAGES:
        assert seen[page]["exceptions"] == [], page
        assert seen[page]["titles"], f"the page {page} showed no title: it did not run"
        assert seen[page]["scores"] == [], f"by the page {page}, {seen[page]['scores']} had been loaded"
        assert seen[page]["charts"] == [], f"by the page {page}, {seen[page]['charts']} had been loaded"
        assert seen[page]["plotly"] == [], f"by the page {page}, {seen[page]['plotly'][:5]}... had been loaded"
    # The questionnaire's first step ran, not a « choose a questionnaire » screen.
    assert seen["questionnaire"]["titles"] == ["Santé du partenariat"]
    assert seen["questionnaire"]["headers"] == ["Qui répond\u202f?"]
    assert seen["home"]["database"] == [], f"the home page loaded {seen['home']['database']}"
    assert seen["home"]["files"] == [], "the home page created a database file"
    # Read before the questionnaire starts (which saves a draft): the pages before it touched no database.
    assert seen["sources"]["database"] == [], f"the pages before the questionnaire loaded {seen['sources']['database']}"
    assert seen["sources"]["files"] == [], "a page before the questionnaire created a database file"
