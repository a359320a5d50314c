import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Playwright specs (*.spec.ts) run under Playwright, never here.
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['tests/support/globalSetup.ts'],
    setupFiles: ['tests/support/passwordHashMemo.ts', 'tests/support/leaveNothingBehind.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite's start-up is CPU-heavy, so run test files two at a time.
    maxWorkers: 2,
    // A test file runs in a worker that has run others before it, its modules already loaded: on
    // two cores a fresh worker per file spent ~2.5 of the step's 10 minutes importing the same server
    // and RxDB modules again (450 s against 597 s on 7 Dec, same hour). So a file must leave nothing behind:
    // dependencies are passed in (Workspace.open's `updates`, not a vi.mock of the platform), and
    // env variables, fetch and timers are put back by the test that changed them — and again, before
    // each test and as each file ends, by the three settings below and tests/support/leaveNothingBehind.ts.
    isolate: false,
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
