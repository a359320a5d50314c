import { afterAll, vi } from 'vitest';

/**
 * Test files share their worker (vitest.config.ts, `isolate: false`), so whatever one file leaves
 * changed would meet the next file's `beforeAll`: a spy on fetch, a stubbed env variable or global,
 * fake timers. Each test puts back what it changed; this puts it all back once more as every file
 * ends, so one forgotten line cannot make another file's result depend on the order files ran in.
 * (Setup files run again for every file, so this hook belongs to each file's root suite.)
 */
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
