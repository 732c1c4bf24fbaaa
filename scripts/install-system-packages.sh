#!/usr/bin/env bash
# The Debian packages the tests need: Chromium for the browser tests, fonts for readable screenshots, poppler's
# pdftoppm to turn downloaded and printed PDF reports into PNG pages to look at.
# PostgreSQL is installed and started by scripts/start-postgres.sh.
set -euo pipefail
if [ "$(id -u)" -eq 0 ]; then as_root() { "$@"; }; else as_root() { sudo "$@"; }; fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-system-packages: installing ${missing[*]}" >&2
  as_root apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi
/usr/bin/chromium --version >&2
