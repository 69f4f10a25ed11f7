#!/usr/bin/env bash
# A private PostgreSQL for the test suite: its own data folder and loopback port, fsync off (tests need no
# durability), run as the `postgres` user when we are root (PostgreSQL refuses to run as root).
#   scripts/test-postgres.sh start    prints `export TEST_DATABASE_URL=… TEST_PG_DIR=…` for eval
#   scripts/test-postgres.sh stop DIR stops it and removes DIR
set -euo pipefail
bindir="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)"
[ -x "$bindir/postgres" ] || { echo "PostgreSQL not installed: run scripts/install-tools.sh postgres" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir="$(mktemp -d "${TMPDIR:-/tmp}/dondoc-test-pg.XXXXXX")"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync > "$dir/initdb.log"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-F -p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start > /dev/null
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres TEST_PG_DIR=$dir"
    ;;
  stop)
    dir="${2:?usage: test-postgres.sh stop DIR}"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: test-postgres.sh start | stop DIR" >&2; exit 2 ;;
esac
