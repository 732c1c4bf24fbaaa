#!/usr/bin/env bash
# Set up and run the app on a fresh machine: embedded SQLite under data/, no configuration.
# Then open http://localhost:8501 (PORT=8600 scripts/run-app.sh to use another port).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-python.sh requirements.txt
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" --server.headless true
