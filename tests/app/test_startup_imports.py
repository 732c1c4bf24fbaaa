"""The first page a visitor opens (app.py and the home page) loads no SQLAlchemy: it touches no database.

In a fresh interpreter (a subprocess), so that what other tests imported does not count: the home page runs
through AppTest, then ``sys.modules`` says what it loaded. Issue 11 found ``ui.services`` loading SQLAlchemy
on the first page of every session; a module that imports ``storage.Store``'s machinery at the top would
bring it back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
app = AppTest.from_file({app!r}, default_timeout=120)
app.run()
print(json.dumps({{
    "exceptions": [str(e.value) for e in app.exception],
    "titles": [t.value for t in app.title],
    "loaded": sorted(name for name in ("sqlalchemy", "psycopg", "alembic") if name in sys.modules),
}}))
"""


def test_the_home_page_loads_no_database_library(tmp_path: Path) -> None:
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
    assert seen["exceptions"] == []
    assert seen["titles"], "the home page showed no title: it did not run"
    assert seen["loaded"] == [], f"the home page loaded {seen['loaded']}"
    assert not list(tmp_path.iterdir()), "the home page created a database file"
