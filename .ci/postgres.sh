#!/usr/bin/env bash
# Install PostgreSQL from Debian's packages (if missing) and start a throw-away cluster on
# loopback for the store tests. Writes the URL to .ci/postgres.env for the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=55432
url="postgresql+psycopg://workbench@127.0.0.1:$port/postgres"
if "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then
  echo "WORKBENCH_TEST_POSTGRES_URL=$url" > .ci/postgres.env
  echo "postgres already running on 127.0.0.1:$port"
  exit 0
fi
data=$(mktemp -d /tmp/wb-pg.XXXXXX)
chown postgres "$data" 2>/dev/null || true
run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
run_pg "$bin/initdb -D $data -A trust -U workbench >/dev/null"
run_pg "$bin/pg_ctl -D $data -o '-k /tmp -p $port -c listen_addresses=127.0.0.1' -l $data/log -w start >/dev/null"
echo "WORKBENCH_TEST_POSTGRES_URL=$url" > .ci/postgres.env
echo "postgres running on 127.0.0.1:$port ($data)"
