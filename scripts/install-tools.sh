#!/usr/bin/env bash
# Installs the servers Đôn đốc runs on, from package registries only (no binary downloads at run time):
#   temporal     the Temporal CLI (dev server), built from its Go module into .tools/bin
#   test-server  Temporal's time-skipping test server, resolved from Maven Central into .tools/test-server
#   postgres     PostgreSQL server binaries, from Debian's postgresql package (tests only)
#   chromium     Chromium for the browser tests, from Debian's chromium package (tests only)
#   temporal-server  the Temporal server and temporal-sql-tool at the CLI's server version, built from their Go
#                module into .tools/bin (the production-shaped Temporal of the benchmarks; not part of the default)
# Each step is skipped when its tool is already there; run with no argument for the first three.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
TEMPORAL_CLI_VERSION=v1.5.1 # last tag whose go.mod has no replace directive (go install refuses those); server 1.29.1

say() { printf '[install-tools] %s\n' "$*" >&2; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

install_temporal() {
  if [ -n "${TEMPORAL_CLI_PATH:-}" ] || command -v temporal > /dev/null || [ -x "$tools/bin/temporal" ]; then return; fi
  if ! command -v go > /dev/null; then
    say "Không có Go nên không dựng được Temporal CLI. Cài Go ≥ 1.25 (https://go.dev/dl) rồi chạy lại,"
    say "hoặc cài Temporal CLI theo https://docs.temporal.io/cli và đặt nó vào PATH (hoặc TEMPORAL_CLI_PATH)."
    exit 1
  fi
  local version; version="$(go env GOVERSION | sed 's/^go//')"
  if [ "$(printf '1.25\n%s\n' "$version" | sort -V | head -1)" != "1.25" ]; then
    say "Go $version quá cũ: Temporal CLI $TEMPORAL_CLI_VERSION cần Go ≥ 1.25."
    exit 1
  fi
  say "building Temporal CLI $TEMPORAL_CLI_VERSION from its Go module (≈5 min on 2 cores with an empty Go cache)…"
  local start; start=$(date +%s)
  GOBIN="$tools/bin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install \
    -ldflags "-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION#v}" \
    "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  say "Temporal CLI ready at $tools/bin/temporal ($(elapsed "$start"))"
}

install_test_server() {
  local dir="$tools/test-server" src="$root/tools/test-server"
  # Reinstalled when the pom or the launcher changes (a new server version), reused otherwise.
  local stamp; stamp="$(cat "$src/pom.xml" "$src/LoopbackTestServer.java" | sha256sum | cut -c1-16)"
  if [ -f "$dir/app.jsa" ] && [ "$(cat "$dir/stamp" 2> /dev/null)" = "$stamp" ]; then return; fi
  if ! command -v mvn > /dev/null || ! command -v javac > /dev/null; then
    say "Không có Maven/JDK: bài kiểm thử sẽ để SDK tự tải máy chủ time-skipping (cần Internet)."
    return
  fi
  say "resolving io.temporal:temporal-test-server from Maven Central…"
  local start; start=$(date +%s)
  rm -rf "$dir" && mkdir -p "$dir"
  if ! mvn -q -B -f "$src/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$dir/lib" -DincludeScope=runtime > "$dir/mvn.log" 2>&1; then
    cat "$dir/mvn.log" >&2
    exit 1
  fi
  # Our launcher binds the server to 127.0.0.1; the stock main listens on every interface.
  # (A jar, not a folder: class-data sharing refuses non-empty directories on the class path.)
  local classes; classes="$(mktemp -d)"
  javac -d "$classes" -cp "$dir/lib/*" "$src/LoopbackTestServer.java"
  jar cf "$dir/lib/dondoc-loopback-test-server.jar" -C "$classes" .
  rm -rf "$classes"
  # Class-data-sharing archive of the classes the server loads at start: the JVM then maps them instead of parsing jars.
  local port=17299 pid
  java -XX:ArchiveClassesAtExit="$dir/app.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$dir/lib/*" LoopbackTestServer "$port" > "$dir/archive.log" 2>&1 &
  pid=$!
  # (An empty connection: writing to it would make the server log a protocol error.)
  for _ in $(seq 1 300); do (: > "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break; sleep 0.1; done
  sleep 1
  kill "$pid" && wait "$pid" 2> /dev/null || true
  [ -f "$dir/app.jsa" ] || say "CDS archive not built (see $dir/archive.log): the server starts without it, slower."
  echo "$stamp" > "$dir/stamp"
  say "time-skipping test server ready in $dir ($(elapsed "$start"))"
}

require_go() {
  if ! command -v go > /dev/null; then
    say "Không có Go nên không dựng được $1. Cài Go ≥ 1.25 (https://go.dev/dl) rồi chạy lại."
    exit 1
  fi
  local version; version="$(go env GOVERSION | sed 's/^go//')"
  if [ "$(printf '1.25\n%s\n' "$version" | sort -V | head -1)" != "1.25" ]; then
    say "Go $version quá cũ: $1 cần Go ≥ 1.25."
    exit 1
  fi
}

# The server version the CLI embeds, read from the CLI module's go.mod (fetched through the Go module proxy).
cli_server_version() {
  local gomod
  gomod="$(go mod download -json "github.com/temporalio/cli@$TEMPORAL_CLI_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
  awk '$1 == "go.temporal.io/server" { print $2; exit }' "$gomod"
}

install_temporal_server() {
  local schema="$tools/temporal-server/schema/postgresql/v12"
  if [ -x "$tools/bin/temporal-server" ] && [ -x "$tools/bin/temporal-sql-tool" ] && [ -d "$schema" ]; then return; fi
  require_go "Temporal server"
  local version; version="$(cli_server_version)"
  [ -n "$version" ] || { say "go.temporal.io/server not found in the go.mod of CLI $TEMPORAL_CLI_VERSION"; exit 1; }
  say "building Temporal server $version and temporal-sql-tool from go.temporal.io/server (≈5 min on 2 cores with an empty Go cache)…"
  local start; start=$(date +%s)
  # go install names the binaries after their folders (server, sql): built into a temp dir, then renamed.
  local out; out="$(mktemp -d)"
  GOBIN="$out" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install -ldflags "-s -w" \
    "go.temporal.io/server/cmd/server@$version" "go.temporal.io/server/cmd/tools/sql@$version"
  mkdir -p "$tools/bin"
  mv "$out/server" "$tools/bin/temporal-server"
  mv "$out/sql" "$tools/bin/temporal-sql-tool"
  rm -rf "$out"
  # The SQL schema (and its versioned upgrades) of this server version, for temporal-sql-tool: from the module.
  local module; module="$(go mod download -json "go.temporal.io/server@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  rm -rf "$schema" && mkdir -p "$schema"
  cp -R "$module/schema/postgresql/v12/temporal" "$module/schema/postgresql/v12/visibility" "$schema/"
  chmod -R u+w "$tools/temporal-server"
  say "Temporal server $version ready at $tools/bin/temporal-server, temporal-sql-tool beside it, schema in $tools/temporal-server ($(elapsed "$start"))"
}

postgres_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1
}

install_postgres() {
  if [ -n "$(postgres_bindir)" ] && [ -x "$(postgres_bindir)/postgres" ]; then return; fi
  say "installing PostgreSQL from Debian's postgresql package…"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  if ! $sudo true 2> /dev/null; then
    say "Cần quyền root để cài gói postgresql: chạy 'sudo apt-get install -y postgresql' rồi chạy lại."
    exit 1
  fi
  local start; start=$(date +%s)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql > /dev/null
  say "PostgreSQL ready in $(postgres_bindir) ($(elapsed "$start"))"
}

install_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  say "installing Chromium from Debian's chromium package (browser tests only)…"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  if ! $sudo true 2> /dev/null; then
    say "Cần quyền root để cài gói chromium: chạy 'sudo apt-get install -y chromium' rồi chạy lại."
    exit 1
  fi
  local start; start=$(date +%s)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium > /dev/null
  say "Chromium ready at /usr/bin/chromium ($(elapsed "$start"))"
}

[ $# -gt 0 ] || set -- temporal test-server postgres
for tool in "$@"; do
  case "$tool" in
    temporal) install_temporal ;;
    test-server) install_test_server ;;
    postgres) install_postgres ;;
    chromium) install_chromium ;;
    temporal-server) install_temporal_server ;;
    *) say "unknown tool: $tool (temporal, test-server, postgres, chromium, temporal-server)"; exit 2 ;;
  esac
done
