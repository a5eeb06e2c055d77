#!/usr/bin/env bash
# A PostgreSQL 15 server for the test run, as the tests' own fixture starts one (tests/postgres_server.py): initdb and
# pg_ctl as the postgres user (PostgreSQL refuses to run as root), listening on 127.0.0.1 only on a free port, trust
# authentication for its one local user, data in a temporary folder. No containers.
#   eval "$(bash .ci/postgres.sh start)"   # prints the exports: BEOORDELAAR_TEST_POSTGRES=1 and the server's URL
#   python -m pytest -m postgres             # the tests then use this server instead of starting their own
#   BEOORDELAAR_TEST_ENGINE=postgresql python -m pytest   # or the whole suite on it
#   bash .ci/postgres.sh stop
# A test server only: fsync is off (a crash loses nothing the tests need).
set -euo pipefail

# In memory (/dev/shm) when it has 2 GB free, as the tests' own server (tests/postgres_server.py): a run makes and
# drops thousands of databases, several times faster there than on a disk.
memory=/dev/shm
if [ -d "$memory" ] && [ -w "$memory" ] && [ "$(df --output=avail -B1 "$memory" 2>/dev/null | tail -1)" -gt 2147483648 ]
then default_state="$memory/beoordelaar-ci-postgres"
else default_state="${TMPDIR:-/tmp}/beoordelaar-ci-postgres"
fi
state="${BEOORDELAAR_PG_DIR:-$default_state}"
bin=/usr/lib/postgresql/15/bin

as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_server_programs() {
  if [ ! -x "$bin/initdb" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >&2 && apt-get install -y -qq postgresql-15 >&2
  fi
  if [ ! -x "$bin/initdb" ]; then
    found="$(command -v initdb || true)"
    [ -n "$found" ] || { echo "initdb (PostgreSQL 15) not found" >&2; exit 1; }
    bin="$(dirname "$(readlink -f "$found")")"
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
}

case "${1:-start}" in
  start)
    ensure_server_programs
    rm -rf "$state"
    mkdir -p "$state"
    chmod 700 "$state"
    [ "$(id -u)" = 0 ] && chown postgres "$state"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_server_user "$bin/initdb" -D "$state/data" -U postgres --auth=trust -E UTF8 >"$state/initdb.log" 2>&1 \
      || { cat "$state/initdb.log" >&2; exit 1; }
    as_server_user "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $state -c fsync=off" start >&2
    echo "export BEOORDELAAR_TEST_POSTGRES=1"
    echo "export BEOORDELAAR_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    ensure_server_programs
    if [ -d "$state/data" ]; then
      as_server_user "$bin/pg_ctl" -D "$state/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$state"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
