#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh Debian machine (root or sudo):
# Chromium and PostgreSQL from apt-get, the Python packages in .venv, then ruff and pytest.
# Extra arguments go to pytest (scripts/test.sh -k scoring).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
# Two steps, so that a failure to start PostgreSQL stops here with its own message.
postgres_env=$(scripts/start-postgres.sh)
eval "$postgres_env"
scripts/setup-python.sh requirements-dev.txt

# Here the browser and PostgreSQL tests must run: a missing piece fails them instead of skipping them.
export RADAR_REQUIRE_POSTGRES=1 RADAR_REQUIRE_BROWSER=1
export RADAR_TEST_POSTGRES_URL

.venv/bin/ruff check .
.venv/bin/ruff format --check .
# PYTEST_WORKERS=2 runs the suite on two pytest-xdist workers (a test file stays on one worker; each worker has its
# own app server and browser). In one process by default: on a loaded machine, two browsers at once missed the
# browser tests' page-load timeouts, and a CI run must not fail for that.
if [ "${PYTEST_WORKERS:-0}" != 0 ]; then
    set -- -n "$PYTEST_WORKERS" --dist loadfile "$@"
fi
# The slowest tests are printed at the end: where the suite's time goes (issue 10) is read from every run.
.venv/bin/python -m pytest --durations=30 "$@"
