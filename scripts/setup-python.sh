#!/usr/bin/env bash
# Create the project's virtual environment (.venv) and install a requirements file into it.
#   scripts/setup-python.sh requirements.txt        # what the app needs
#   scripts/setup-python.sh requirements-dev.txt    # plus the test tools
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=${1:-requirements.txt}

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Python 3.11 ou plus récent est nécessaire (trouvé : $("$python" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
