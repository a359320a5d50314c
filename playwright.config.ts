import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env['E2E_PORT'] ?? 8799);
// Separate ports, data folders and builds let two people run the suite side by side.
const DATA_DIR = `.tmp/e2e-server-${PORT}`;
// The server as a county runs it: built to JavaScript (scripts/buildServer.ts, ~1 s) and started
// by plain Node, no tsx — rebuilt each run so the tests never meet a stale build.
const SERVER_BUILD_DIR = `.tmp/e2e-build-${PORT}`;
const STATIC_DIR = process.env['E2E_STATIC_DIR'] ?? 'out/renderer';
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// Specs that start a server of their own (a relay, an old-version server) start this same build
// (harness/serverProcess.ts `serverProgram`): the webServer below makes it before any test runs.
process.env['JIUZHU_SERVER_JS'] ??= path.resolve(SERVER_BUILD_DIR, 'main.js');

/**
 * End-to-end tests drive the real app in Debian's Chromium against the real server (PGlite,
 * demo data, a fresh data folder each run), built and started as the install kit runs it. The
 * server serves the built renderer at `/`.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Starts this run's app log (tests/e2e/appLog.ts), scanned for personal data afterwards.
  globalSetup: './tests/e2e/globalSetup.ts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: `test-results/${PORT}`,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app honours the system's reduce-motion setting (no zoom-in dialogs): a click then never
    // lands on a dialog still growing under the pointer (a CI flake in 清除本机数据).
    reducedMotion: 'reduce',
    // CI keeps only its log (scripts/test-all.sh prints each failed test's page snapshot), and
    // recording traces took about 40% of the suite's CPU on two cores (screencast, DOM snapshots):
    // so CI records none. Locally a failed test keeps its trace (`npx playwright show-trace`).
    trace: process.env['CI'] ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `rm -rf ${DATA_DIR} && mkdir -p .tmp && tsx scripts/buildServer.ts ${SERVER_BUILD_DIR} && node ${SERVER_BUILD_DIR}/main.js > ${DATA_DIR}.log 2>&1`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      JIUZHU_DATA_DIR: DATA_DIR,
      JIUZHU_DEMO: '1',
      JIUZHU_STATIC_DIR: STATIC_DIR,
      LOG_LEVEL: 'info',
    },
  },
});
