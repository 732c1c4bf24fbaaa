"""The app under test: ``streamlit run app.py`` on a free loopback port with an empty SQLite folder, and what
a test writes into its database through the ``Store`` instead of walking a whole journey."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT_S = 60


@dataclass(frozen=True)
class AppServer:
    url: str
    data_dir: Path


def free_port() -> int:
    # Ask the kernel for a free port; the tiny race until Streamlit binds it is acceptable for a test run.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _health_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextmanager
def run_app_server(
    workdir: Path,
    *,
    port: int | None = None,
    script: str = "app.py",
    extra_env: dict[str, str] | None = None,
    database_url: str | None = None,
) -> Iterator[AppServer]:
    """``streamlit run app.py`` on a free port, with an empty SQLite database under ``workdir``; stopped after.

    Given the same ``workdir`` and ``port`` again, it serves the same database at the same address: a server
    restart, as the browser sees it. ``script`` serves another Streamlit script of the checkout (a test probe).
    ``database_url`` serves a database the test made for itself instead (a PostgreSQL schema of its own, shared
    by several servers as by several app instances). Fails (never skips) if the server does not answer its
    health check in time: the app is what is tested.
    """
    data_dir = workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ.copy()
    env.update(extra_env or {})
    env["RADAR_DATA_DIR"] = str(data_dir)
    # Never the developer's or CI's PostgreSQL: the journey writes drafts and submissions.
    env.pop("RADAR_DATABASE_URL", None)
    if database_url is not None:
        env["RADAR_DATABASE_URL"] = database_url
    # The shipped questionnaires, not a fixture folder a developer may have exported in the shell.
    env.pop("RADAR_QUESTIONNAIRES_DIR", None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        # Loopback only: a test server has no business being reachable from the network.
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    # Files rather than pipes: nobody reads a pipe while the tests run, and a full pipe would block the server.
    stdout_path, stderr_path = workdir / "server-stdout.log", workdir / "server-stderr.log"
    with stdout_path.open("ab") as stdout, stderr_path.open("ab") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _health_ok(url):
            if process.poll() is not None or time.monotonic() > deadline:
                what = f"exited with code {process.returncode}" if process.poll() is not None else "did not answer"
                pytest.fail(
                    f"The Streamlit server {what} within {SERVER_START_TIMEOUT_S} s ({url}/_stcore/health).\n"
                    f"--- stderr ---\n{stderr_path.read_text(errors='replace')[-5000:]}\n"
                    f"--- stdout ---\n{stdout_path.read_text(errors='replace')[-2000:]}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield AppServer(url=url, data_dir=data_dir)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def seed_submitted_response(server: AppServer, questionnaire_id: str, answers: dict[str, int | None]) -> str:
    """A respondent who has already sent these answers, written straight into the server's database.

    For the tests that check one page (results...) without answering a whole questionnaire first. Returns the
    respondent token, which opens their results at ``/results?r=<token>``.
    """
    from storage import Store  # imported here: SQLAlchemy is only needed by the tests that seed
    from storage.config import DEFAULT_DB_FILENAME

    store = Store(f"sqlite:///{server.data_dir / DEFAULT_DB_FILENAME}")
    try:
        token = store.new_respondent_token()
        store.save_draft(
            token,
            questionnaire_id=questionnaire_id,
            workshop_id=None,
            answers=answers,
            profile={},
            comments={},
            step=0,
        )
        assert store.submit(token), "a fresh token must be submitted the first time"
        return token
    finally:
        store.close()
