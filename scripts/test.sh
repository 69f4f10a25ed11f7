#!/usr/bin/env bash
# `npm test`: installs what the tests need when missing, then runs every check and every test:
#   static   type check, lint, formatting, the compose file
#   unit     pure code
#   workflow workflows on Temporal's time-skipping test server (Maven Central jars)
#   integration  the Temporal dev server (built from its Go module), a private real PostgreSQL, embedded PGlite
#   browser  the pages in real Chromium (Debian's package), driven by playwright-core
# Arguments go to jest (e.g. `npm test -- --selectProjects unit`, or a file path).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$(date +%s)
step() { printf '\n== %s (%s s)\n' "$*" "$(($(date +%s) - started))" >&2; }

step "install"
bash scripts/ensure-node-modules.sh
bash scripts/install-tools.sh temporal test-server postgres chromium

step "static checks"
npx tsc --noEmit
npx eslint --max-warnings 0 .
npx prettier --check --log-level warn .
bash scripts/check-compose.sh

step "private PostgreSQL"
eval "$(bash scripts/test-postgres.sh start)"
trap 'bash scripts/test-postgres.sh stop "$TEST_PG_DIR"' EXIT
echo "TEST_DATABASE_URL=$TEST_DATABASE_URL" >&2

step "jest"
# Which real servers the suites run on, so the log shows they ran rather than skipped.
temporal_cli="$(PATH="$PATH:$root/.tools/bin" command -v temporal)"
echo "dev server:           $temporal_cli ($("$temporal_cli" --version))" >&2
echo "time-skipping server: $(ls "$root"/.tools/test-server/lib/temporal-test-server-*.jar 2> /dev/null || echo 'SDK download')" >&2
echo "PostgreSQL:           $(psql "$TEST_DATABASE_URL" -Atc 'select version()' | cut -d, -f1)" >&2
report="$(mktemp --suffix=.json)"
status=0
# PGlite loads its WASM with a dynamic import, which jest's module VM allows only with vm modules enabled.
NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --disable-warning=ExperimentalWarning" \
  npx jest --json --outputFile="$report" "$@" || status=$?
node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$report" || true
rm -f "$report"
step "done"
exit "$status"
