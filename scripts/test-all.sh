#!/usr/bin/env bash
# Every test the project has, in the order a failure is cheapest to find: lint, import cycles, types
# (side by side), unit and integration (PGlite + PostgreSQL), then the build and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }

# The four static checks each keep one core busy (eslint and tsc are single-threaded), so they run
# side by side: about 70 s instead of 100 on two cores in CI. Each one's output is printed whole, in this
# order, once all have ended; any failure fails the run.
checks_dir=$(mktemp -d)
bench_pid=
cleanup() {
  # The bench smoke run, if a failure ends the run before it has: its own process group, so its
  # servers and clusters get the signal too (each phase stops them when interrupted).
  [ -n "$bench_pid" ] && kill -- "-$bench_pid" 2>/dev/null
  rm -rf "$checks_dir"
}
trap cleanup EXIT
check_pids=()
check() { # name, command…
  local name=$1; shift
  ( if "$@" > "$checks_dir/$name.log" 2>&1; then echo 0; else echo $?; fi > "$checks_dir/$name.status" ) &
  check_pids+=($!)
}
# The bench must not rot: every figure computed on tiny data, no target judged (BENCHMARKS.md). It
# starts now, beside the static checks, and is reported at the end: it spends most of its ~80 s
# waiting (servers, clusters, Chromium settling: ~65 CPU-s in ~80 s alone) and needs nothing the
# later steps build, so its waits overlap the checks' work instead of adding ~80 s at the end: the
# checks with it beside them took 160 s in a clean-clone run (7 Dec, a slow hour), against ~100 s
# for the checks and ~80 s for the bench one after the other in earlier runs. Its own process group
# (setsid) lets cleanup stop all of it.
setsid -w bash -c 'if npm run bench -- --smoke > "$1/bench.log" 2>&1; then echo 0; else echo $?; fi > "$1/bench.status"' _ "$checks_dir" &
bench_pid=$!
step "static checks side by side: lint, import cycles, typecheck, Electron security scan (the bench smoke run beside them)"
check lint      npx eslint .
check cycles    npx tsx scripts/checkCycles.ts
check typecheck npx tsc -b
check security  npx tsx scripts/electronSecurityScan.ts
wait "${check_pids[@]}"
failed=0
for name in lint cycles typecheck security; do
  case $name in
    lint)      title="lint" ;;
    cycles)    title="import cycles (madge; scripts/checkCycles.ts)" ;;
    typecheck) title="typecheck (one project per layer: tsc -b)" ;;
    security)  title="Electron security scan (electronegativity; exceptions explained in SECURITY.md)" ;;
  esac
  status=$(cat "$checks_dir/$name.status")
  printf '\n-- %s: %s\n' "$title" "$([ "$status" = 0 ] && echo passed || echo "FAILED (exit $status)")"
  cat "$checks_dir/$name.log"
  [ "$status" = 0 ] || failed=1
done
[ "$failed" = 0 ] || exit 1
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
# Each phase of the bench stops its own server and PostgreSQL cluster, also when a figure fails.
step "benchmark smoke run (npm run bench -- --smoke, started beside the static checks)"
wait "$bench_pid" || true
bench_pid=
cat "$checks_dir/bench.log"
bench_status=$(cat "$checks_dir/bench.status" 2>/dev/null || echo "no status")
[ "$bench_status" = 0 ] || { printf '\n-- benchmark smoke run: FAILED (exit %s)\n' "$bench_status"; exit 1; }
