#!/usr/bin/env bash
# Start a local PostgreSQL for the storage tests and print how to reach it.
#
#   eval "$(scripts/start-postgres.sh)"      # sets RADAR_TEST_POSTGRES_URL in the calling shell
#
# Idempotent: installs PostgreSQL (Debian/Ubuntu apt) only when no server binary is found, starts the
# cluster only when it is down, creates the role and database only when absent. Meant for CI and for a
# developer's fresh Debian machine, run as root (or as a user with sudo, as on GitHub runners).
# stdout carries exactly one line, the `export ...` line, so that `eval` is safe; everything else goes to
# stderr.
set -euo pipefail

exec 3>&1 1>&2  # fd 3 = the caller's stdout; from here on, plain output goes to stderr

ROLE=radar
PASSWORD=radar
DATABASE=radar_test
CLUSTER=main

log() { printf 'start-postgres: %s\n' "$*"; }

# PostgreSQL refuses to run as root, so server-side commands run as the `postgres` system user.
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
  as_postgres() { runuser -u postgres -- "$@"; }
else
  as_root() { sudo "$@"; }
  as_postgres() { sudo -u postgres "$@"; }
fi

newest_server() {
  # The newest installed major version, found rather than hard-coded (Debian 12 ships 15, 13 ships 17).
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$bin" ] && basename "$(dirname "$(dirname "$bin")")"
}

VERSION=$(newest_server || true)
if [ -z "$VERSION" ]; then
  log "no PostgreSQL server found; installing it with apt-get"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  VERSION=$(newest_server)
fi
log "PostgreSQL $VERSION"

# A fresh package normally creates the cluster; a container image built without it may not have one.
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { f = 1 } END { exit !f }'; then
  log "creating cluster $VERSION/$CLUSTER"
  as_root pg_createcluster "$VERSION" "$CLUSTER"
fi

cluster_field() {  # $1 = column of pg_lsclusters: 3 = port, 4 = status
  pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" -v f="$1" '$1 == v && $2 == c { print $f }'
}

if [ "$(cluster_field 4)" != "online" ]; then
  log "starting cluster $VERSION/$CLUSTER"
  # The server outlives this script, so it must not inherit any pipe beyond stdout and stderr (which
  # pg_ctl sends to the server log): holding fd 3, the caller's `$(...)` pipe, made the caller wait for
  # an end of file that never came, and hung CI until its time limit. Python's subprocess closes every
  # descriptor above 2 in the child, whatever the caller had open.
  if command -v pg_ctlcluster >/dev/null; then
    start_command=(pg_ctlcluster "$VERSION" "$CLUSTER" start)
  else
    start_command=(service postgresql start)
  fi
  as_root python3 -c 'import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:], stdin=subprocess.DEVNULL))' \
    "${start_command[@]}" 3>&-
fi
PORT=$(cluster_field 3)

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" || { log "PostgreSQL did not become ready on port $PORT"; exit 1; }

# psql needs a working directory the postgres user can read, or it prints a warning.
cd /tmp
psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }

psql_admin <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SQL

# CREATE DATABASE cannot run inside a DO block, hence the separate existence check.
if [ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
  log "creating database $DATABASE"
  psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
fi

log "ready on 127.0.0.1:$PORT"
echo "export RADAR_TEST_POSTGRES_URL=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE" >&3
