import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Playwright specs (*.spec.ts) run under Playwright, never here.
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    globalSetup: ['tests/support/globalSetup.ts'],
    setupFiles: ['tests/support/passwordHashMemo.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite's start-up is CPU-heavy, so run test files two at a time.
    maxWorkers: 2,
  },
});
