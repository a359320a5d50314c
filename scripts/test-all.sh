#!/usr/bin/env bash
# Every test the project has, in the order a failure is cheapest to find: lint, import cycles, types,
# unit and integration (PGlite + PostgreSQL), then the build and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }

step "lint";        npx eslint .
step "import cycles (madge; scripts/checkCycles.ts)"; npx tsx scripts/checkCycles.ts
step "typecheck (one project per layer: tsc -b)";   npx tsc -b
step "Electron security scan (electronegativity; exceptions explained in SECURITY.md)"; npx tsx scripts/electronSecurityScan.ts
step "unit and integration tests (vitest)"; npx vitest run
step "build the Electron app (main, preload, renderer)"; npx electron-vite build --logLevel warn
# Last, so out/renderer holds the web build that the server serves to the browser tests.
step "build the renderer for the browser"; npx vite build --config renderer/vite.config.ts --logLevel warn
step "end-to-end tests (Playwright, Chromium)"
# A failure on CI leaves only this log: print what each failed test's page showed (its accessibility
# snapshot; demo data only) so the cause can be read without the trace.
npx playwright test || {
  status=$?
  # This run's own results only (playwright.config.ts: test-results/<port>; other ports are other runs).
  results="test-results/${E2E_PORT:-8799}"
  if [ -d "$results" ]; then
    find "$results" -name error-context.md | while read -r context; do
      printf '\n--- page at failure: %s\n' "$context"
      sed -n '/^# Page snapshot/,$p' "$context" | head -n 200 || true
    done
  fi
  exit "$status"
}
# The end-to-end run saw realistic demo households: neither the server's log nor the app's console
# output (tests/e2e/appLog.ts) may hold any of their ID or phone numbers.
step "no personal data in the end-to-end server and app logs"; npx tsx scripts/checkLogsForPersonalData.ts .tmp/e2e-server-*.log .tmp/e2e-app-*.log
# The bench itself must not rot: every figure computed on tiny data, no target judged (BENCHMARKS.md).
# Each phase stops its own server and PostgreSQL cluster, also when a figure fails.
step "benchmark smoke run (npm run bench -- --smoke)"; npm run bench -- --smoke
