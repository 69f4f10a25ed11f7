#!/usr/bin/env bash
# Runs `npm ci` when node_modules is missing or older than package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  printf '[install] npm ci…\n' >&2
  start=$(date +%s)
  npm ci --no-audit --no-fund --loglevel=error
  printf '[install] node modules ready (%s s)\n' "$(($(date +%s) - start))" >&2
fi
