#!/usr/bin/env bash
# `npm start`: install what is missing, then run the whole service on embedded defaults (see README).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-node-modules.sh
# The Temporal CLI is needed only when no external Temporal is configured.
[ -n "${TEMPORAL_ADDRESS:-}" ] || bash scripts/install-tools.sh temporal
exec node --import tsx app/start.ts
