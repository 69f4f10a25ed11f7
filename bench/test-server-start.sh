#!/usr/bin/env bash
# Time from spawning Temporal's time-skipping test server until its port accepts a TCP connection, for plain java,
# java with the wrapper's JIT/GC flags but no archive, and scripts/temporal-test-server (CDS archive + C1), on an idle
# machine and with one core kept busy by a CPU burner. Prints one JSON object on stdout; progress goes to stderr.
#
#   bash bench/test-server-start.sh [RUNS]        (default 5 runs per variant and load; see bench/README.md)
#
# The test server binds its port on every interface and takes no bind address, so the whole benchmark re-runs
# itself in a private network namespace whose only interface is loopback: nothing it starts is reachable from
# outside. --no-netns skips that where user namespaces are not allowed (the server is then briefly reachable).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5
netns=1
for arg in "$@"; do
  case "$arg" in
    --no-netns) netns=0 ;;
    [1-9] | [1-4][0-9]) runs="$arg" ;;
    *) echo "usage: bash bench/test-server-start.sh [RUNS 1..49] [--no-netns]" >&2; exit 2 ;;
  esac
done

say() { printf '[bench] %s\n' "$*" >&2; }

if [ "$netns" = 1 ] && [ "${DONDOC_BENCH_IN_NETNS:-}" != 1 ]; then
  if ! unshare --net --map-root-user true 2> /dev/null; then
    say "unshare --net is not permitted here; rerun with --no-netns to accept a test server bound on all interfaces"
    exit 1
  fi
  exec env DONDOC_BENCH_IN_NETNS=1 unshare --net --map-root-user bash -c 'ip link set lo up && exec bash "$0" "$@"' \
    "${BASH_SOURCE[0]}" "$@"
fi

dir="$root/.tools/test-server"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
wrapper="$root/scripts/temporal-test-server"
main_class=io.temporal.testserver.TestServer
[ -d "$dir/lib" ] || { say "no test server in $dir/lib: run 'bash scripts/install-tools.sh test-server'"; exit 1; }
[ -f "$dir/app.jsa" ] || say "no CDS archive at $dir/app.jsa: the wrapper runs without it, so expect no difference"

START_TIMEOUT_US=30000000 # a start slower than 30 s is a failure, not a figure
BURNER_SECONDS=30         # each burner outlives one start, and dies on its own if this script is killed

port=""
command=()
elapsed_us=0
work="$(mktemp -d "${TMPDIR:-/tmp}/dondoc-bench-test-server.XXXXXX")"
server_pid=""
burner_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -KILL "$server_pid" 2> /dev/null
  [ -n "$burner_pid" ] && kill "$burner_pid" 2> /dev/null
  wait 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A pipe that never delivers data: `read -t` on it is a sleep that forks nothing, so polling costs the JVM no CPU.
exec {sleep_fd}<> <(:)
pause() { read -r -t "$1" -u "$sleep_fd" || true; }
now_us() { local t="$EPOCHREALTIME"; echo "${t/./}"; }
port_open() { { : <> "/dev/tcp/127.0.0.1/$1"; } 2> /dev/null; }

# Sets `port` to one nothing listens on (in the private namespace, any).
pick_port() {
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    port_open "$port" || return 0
  done
  say "no free port found"
  exit 1
}

# Sets `command` to a variant's command line, without the port that comes last.
set_command() {
  case "$1" in
    plain) command=("$java" -cp "$dir/lib/*" "$main_class") ;;
    c1) command=("$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$dir/lib/*" "$main_class") ;;
    wrapper) command=("$wrapper") ;;
  esac
}

stop_server() {
  kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null || true
  server_pid=""
}

# Starts one server, sets `elapsed_us` to the time until its port accepts a connection, and stops it again.
# Not run in a $(…) subshell: the EXIT trap must know the server's pid to kill it on Ctrl-C.
time_start() {
  local variant="$1" started
  pick_port
  set_command "$variant"
  started="$(now_us)"
  "${command[@]}" "$port" > "$work/$variant.log" 2>&1 &
  server_pid=$!
  until port_open "$port"; do
    elapsed_us=$(($(now_us) - started))
    if ! kill -0 "$server_pid" 2> /dev/null || [ "$elapsed_us" -gt "$START_TIMEOUT_US" ]; then
      say "$variant did not open port $port within $((elapsed_us / 1000)) ms:"
      tail -20 "$work/$variant.log" >&2
      exit 1
    fi
    pause 0.005
  done
  elapsed_us=$(($(now_us) - started))
  stop_server
}

start_burner() {
  timeout "$BURNER_SECONDS" sh -c 'while :; do :; done' &
  burner_pid=$!
}
stop_burner() {
  kill "$burner_pid" 2> /dev/null && wait "$burner_pid" 2> /dev/null || true
  burner_pid=""
}

variants=(plain c1 wrapper)
declare -A samples_ms=()

# One run of every variant per pass, the order rotated each pass so that none always goes first or last.
measure_set() {
  local load="$1" pass i variant
  for pass in $(seq 0 $((runs - 1))); do
    for i in "${!variants[@]}"; do
      variant="${variants[$(((i + pass) % ${#variants[@]}))]}"
      [ "$load" = busy ] && start_burner
      time_start "$variant"
      [ "$load" = busy ] && stop_burner
      samples_ms[$load.$variant]+="$(((elapsed_us + 500) / 1000)) "
      say "$load $variant run $((pass + 1)): $(((elapsed_us + 500) / 1000)) ms"
    done
  done
}

# Whether the wrapper's archive is really used: -Xshare:auto falls back silently when it does not match the JVM.
# Counted on the wrapper's warm-up start (its time is not a figure), from its JVM's class-load log; sets `cds_json`.
cds_check() {
  local log="$work/class-load.log" total shared
  pick_port
  JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$log" "$wrapper" "$port" > "$work/cds-check.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do port_open "$port" && break; pause 0.05; done
  stop_server
  total="$(grep -c 'source:' "$log" || true)"
  shared="$(grep -c 'source: shared objects file' "$log" || true)"
  cds_json="$(printf '{ "classesLoaded": %d, "fromArchive": %d }' "$total" "$shared")"
}

stats_json() {
  # shellcheck disable=SC2086 # the samples are a space-separated list of integers
  printf '%s\n' ${samples_ms[$1]} | sort -n | awk '
    { v[NR] = $1; list = list (NR > 1 ? ", " : "") $1 }
    END { printf "{ \"medianMs\": %d, \"minMs\": %d, \"maxMs\": %d, \"runsMs\": [%s] }", v[int((NR + 1) / 2)], v[1], v[NR], list }'
}

median_ms() {
  # shellcheck disable=SC2086
  printf '%s\n' ${samples_ms[$1]} | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

ratio() { awk -v a="$(median_ms "$1")" -v b="$(median_ms "$2")" 'BEGIN { printf "%.2f", a / b }'; }

began="$(now_us)"
load_at_start="$(cut -d' ' -f1 /proc/loadavg)" # other work on the machine moves these figures: recorded with them
say "warm-up (page cache, and the CDS check)…"
time_start plain
time_start c1
cds_check
say "idle: ${variants[*]} × $runs"
measure_set idle
say "one core busy: ${variants[*]} × $runs"
measure_set busy

cat << EOF
{
  "benchmark": "test-server-start",
  "runsPerVariant": $runs,
  "cpus": $(nproc),
  "loadAverageAtStart": $load_at_start,
  "java": "$("$java" -version 2>&1 | head -1 | sed 's/"/\\"/g')",
  "privateNetworkNamespace": $([ "${DONDOC_BENCH_IN_NETNS:-}" = 1 ] && echo true || echo false),
  "cdsArchive": $cds_json,
  "idle": {
    "plain": $(stats_json idle.plain),
    "c1": $(stats_json idle.c1),
    "wrapper": $(stats_json idle.wrapper)
  },
  "busy": {
    "plain": $(stats_json busy.plain),
    "c1": $(stats_json busy.c1),
    "wrapper": $(stats_json busy.wrapper)
  },
  "ratios": {
    "idle": { "wrapperVsPlain": $(ratio idle.wrapper idle.plain), "c1VsPlain": $(ratio idle.c1 idle.plain) },
    "busy": { "wrapperVsPlain": $(ratio busy.wrapper busy.plain), "c1VsPlain": $(ratio busy.c1 busy.plain) },
    "busyVsIdle": { "plain": $(ratio busy.plain idle.plain), "wrapper": $(ratio busy.wrapper idle.wrapper) }
  },
  "durationSeconds": $((($(now_us) - began) / 1000000))
}
EOF
