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
  # Debian's python3 ships without venv/ensurepip: install python3-venv when it is missing.
  if ! "$python" -c 'import ensurepip, venv' 2>/dev/null && command -v apt-get >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >&2
  fi
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
