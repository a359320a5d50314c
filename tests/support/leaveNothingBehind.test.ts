import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

/**
 * Test files share their worker (vitest.config.ts, `isolate: false`). Two files, each leaving a
 * stubbed global and env variable, a spy and fake timers behind, run in one worker with the
 * project's settings: the second must find none of it. Without tests/support/leaveNothingBehind.ts
 * the second file's first check fails.
 */
it('a test file finds nothing an earlier file in its worker left changed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-leave-nothing-'));
  try {
    const pids = path.join(dir, 'pids');
    // The run under test is vitest's own, not this worker's: none of this run's VITEST_* settings.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
    const run = spawnSync('npx', ['vitest', 'run', '--config', 'tests/support/leaveNothingBehind/vitest.config.ts'], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...env, NO_COLOR: '1', LEAVE_NOTHING_BEHIND_PIDS: pids },
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/Test Files\s+\S*2 passed/);
    expect(run.status).toBe(0);
    // Both files ran, in the same worker process: otherwise nothing was shown.
    const workers = readFileSync(pids, 'utf8').trim().split('\n');
    expect(workers).toHaveLength(2);
    expect(new Set(workers).size).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
