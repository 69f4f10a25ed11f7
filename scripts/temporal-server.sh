#!/usr/bin/env bash
# A production-shaped Temporal for scale runs (benchmarks, fault tests): the server built from go.temporal.io/server
# (scripts/install-tools.sh temporal-server) on PostgreSQL, with the project's config (tools/temporal-server/), on
# loopback only. PostgreSQL is a private one from scripts/test-postgres.sh, or the one at TEMPORAL_PG_URL
# (postgres://user[:password]@127.0.0.1:port, a role allowed to create databases) when that is set.
#   scripts/temporal-server.sh start     prints `export TEMPORAL_ADDRESS=… TEMPORAL_SERVER_DIR=…` for eval
#   scripts/temporal-server.sh stop DIR  stops the server and the private PostgreSQL, and removes DIR
#   scripts/temporal-server.sh restart DIR   stops the server alone and starts it again on the same ports and data
# The `temporal` and `temporal_visibility` databases are created and their schema set up by temporal-sql-tool;
# the namespace `default` is registered. The server's log is DIR/server.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
schema="$root/.tools/temporal-server/schema/postgresql/v12"
config="$root/tools/temporal-server"
say() { printf '[temporal-server] %s\n' "$*" >&2; }

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# A base port with the 7 ports after it free too (the config numbers the internal services' ports from it). Below
# 32768: the server stores membership ports in a smallint column.
free_port_block() {
  local base
  for _ in $(seq 1 50); do
    base=$((20000 + RANDOM % 12000))
    if node -e '
      const net = require("net"); const base = Number(process.argv[1]);
      const tryPort = (p) => new Promise((ok) => { const s = net.createServer().once("error", () => ok(false))
        .listen(p, "127.0.0.1", () => s.close(() => ok(true))); });
      Promise.all([...Array(8).keys()].map((i) => tryPort(base + i))).then((all) => process.exit(all.every(Boolean) ? 0 : 1));
    ' "$base"; then
      echo "$base"
      return
    fi
  done
  say "no block of 8 free ports found"
  exit 1
}

sql_tool() {
  "$bin/temporal-sql-tool" --plugin postgres12 --ep "$pg_host" -p "$pg_port" -u "$pg_user" --pw "$pg_password" "$@"
}

# Registers `namespace` (retention 3 days) once the frontend answers; waits until it can be used. Gives up after a
# minute, or at once when the server process (pid) has exited.
register_namespace() {
  (cd "$root" && node -e '
    const { Connection } = require("@temporalio/client");
    const [address, namespace, pid] = process.argv.slice(1);
    const deadline = Date.now() + 60_000;
    const pause = () => {
      try { process.kill(Number(pid), 0); } catch { throw new Error("the server exited during start-up"); }
      return new Promise((resolve) => setTimeout(resolve, 250));
    };
    (async () => {
      let connection;
      while (!connection) {
        try { connection = await Connection.connect({ address, connectTimeout: 1000 }); }
        catch (error) { if (Date.now() > deadline) throw error; await pause(); }
      }
      const service = connection.workflowService;
      for (;;) {
        try {
          await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: 3 * 24 * 3600 } });
          break;
        } catch (error) {
          if (error.code === 6) break; // ALREADY_EXISTS
          if (Date.now() > deadline) throw error;
          await pause();
        }
      }
      // The frontend serves a namespace from its registry, refreshed every 2 s: wait until a list call succeeds.
      for (;;) {
        try { await service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1 }); break; }
        catch (error) { if (Date.now() > deadline) throw error; await pause(); }
      }
      await connection.close();
    })().catch((error) => { console.error(error.message); process.exit(1); });
  ' "$1" "$2" "$3")
}

start() {
  if [ ! -x "$bin/temporal-server" ] || [ ! -x "$bin/temporal-sql-tool" ] || [ ! -d "$schema" ]; then
    say "Temporal server not built: run scripts/install-tools.sh temporal-server"
    exit 1
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/dondoc-temporal.XXXXXX")"
  # On any failure from here on (set -e), nothing is left running.
  trap 'stop "$dir" > /dev/null 2>&1 || true' EXIT
  local url="${TEMPORAL_PG_URL:-}"
  if [ -z "$url" ]; then
    local vars; vars="$(bash "$root/scripts/test-postgres.sh" start)"
    url="$(sed -n 's/.*TEST_DATABASE_URL=\([^ ]*\).*/\1/p' <<< "$vars")"
    sed -n 's/.*TEST_PG_DIR=\([^ ]*\).*/\1/p' <<< "$vars" > "$dir/private-postgres"
  fi
  # postgres://user[:password]@host:port[/db]
  local rest="${url#*://}" credentials
  credentials="${rest%%@*}"
  pg_user="${credentials%%:*}"
  pg_password=""
  [ "$credentials" != "$pg_user" ] && pg_password="${credentials#*:}"
  rest="${rest#*@}"
  rest="${rest%%/*}"
  pg_host="${rest%%:*}"
  pg_port="${rest##*:}"
  [ "$pg_host" = "127.0.0.1" ] || [ "$pg_host" = "localhost" ] || { say "PostgreSQL must be on loopback: $pg_host"; exit 1; }

  local started; started=$(date +%s)
  for database in temporal:temporal temporal_visibility:visibility; do
    local name="${database%%:*}" folder="${database##*:}"
    # A database kept from an earlier start (TEMPORAL_PG_URL) is only brought up to this version's schema.
    if sql_tool --db "$name" create-database > "$dir/sql-tool.log" 2>&1; then
      sql_tool --db "$name" setup-schema -v 0.0 >> "$dir/sql-tool.log" 2>&1 || { cat "$dir/sql-tool.log" >&2; exit 1; }
    elif ! grep -q 'already exists' "$dir/sql-tool.log"; then
      cat "$dir/sql-tool.log" >&2
      exit 1
    fi
    sql_tool --db "$name" update-schema -d "$schema/$folder/versioned" >> "$dir/sql-tool.log" 2>&1 ||
      { cat "$dir/sql-tool.log" >&2; exit 1; }
  done

  cat > "$dir/server.env" << EOF
TEMPORAL_PG_PORT=$pg_port
TEMPORAL_PG_USER=$pg_user
TEMPORAL_PG_PASSWORD=$pg_password
TEMPORAL_FRONTEND_PORT=$(free_port)
TEMPORAL_PORT_BASE=$(free_port_block)
TEMPORAL_DYNAMIC_CONFIG=$config/dynamic-config.yaml
EOF
  run_server "$dir" || exit 1
  trap - EXIT
  local frontend; frontend="$(sed -n 's/^TEMPORAL_FRONTEND_PORT=//p' "$dir/server.env")"
  say "Temporal server on 127.0.0.1:$frontend, PostgreSQL on $pg_host:$pg_port ($(($(date +%s) - started)) s); log $dir/server.log"
  echo "export TEMPORAL_ADDRESS=127.0.0.1:$frontend TEMPORAL_SERVER_DIR=$dir"
}

# Starts the server of DIR (its ports and database in DIR/server.env) and waits until `default` can be used.
run_server() {
  local dir="$1"
  # Its own session, so a Ctrl-C in the calling shell does not reach it; `stop` ends it by the recorded pid.
  (
    set -a
    # shellcheck disable=SC1091
    . "$dir/server.env"
    set +a
    exec setsid "$bin/temporal-server" --root / --config "$config" --env config --allow-no-auth start
  ) >> "$dir/server.log" 2>&1 < /dev/null &
  echo $! > "$dir/server.pid"
  local frontend; frontend="$(sed -n 's/^TEMPORAL_FRONTEND_PORT=//p' "$dir/server.env")"
  if ! register_namespace "127.0.0.1:$frontend" default "$(cat "$dir/server.pid")" 2>> "$dir/server.log"; then
    tail -30 "$dir/server.log" >&2
    return 1
  fi
}

stop_server() {
  local dir="$1"
  [ -f "$dir/server.pid" ] || return 0
  local pid; pid="$(cat "$dir/server.pid")"
  if kill "$pid" 2> /dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2> /dev/null || true
  fi
  rm -f "$dir/server.pid"
}

stop() {
  local dir="${1:?usage: temporal-server.sh stop DIR}"
  stop_server "$dir"
  if [ -f "$dir/private-postgres" ]; then
    bash "$root/scripts/test-postgres.sh" stop "$(cat "$dir/private-postgres")"
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  restart)
    dir="${2:?usage: temporal-server.sh restart DIR}"
    stop_server "$dir"
    run_server "$dir"
    ;;
  *) echo "usage: temporal-server.sh start | stop DIR | restart DIR" >&2; exit 2 ;;
esac
