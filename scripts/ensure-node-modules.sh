#!/usr/bin/env bash
# Installs the locked node modules when node_modules is missing or older than package-lock.json.
# `npm install --no-save` rather than `npm ci`: both install exactly the locked versions, but the npm 11 on these
# machines records only the current platform's optional binaries (@swc/core-*, …) in the lock file and then its own
# `npm ci` rejects that lock as out of sync. --no-save never rewrites package.json or the lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  printf '[install] npm install (locked versions)…\n' >&2
  start=$(date +%s)
  npm install --no-save --no-audit --no-fund --loglevel=error
  printf '[install] node modules ready (%s s)\n' "$(($(date +%s) - start))" >&2
fi
