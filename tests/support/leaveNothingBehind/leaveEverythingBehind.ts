import { appendFileSync } from 'node:fs';
import { beforeAll, expect, it, vi } from 'vitest';

/**
 * The body of each fixture file (run only by tests/support/leaveNothingBehind.test.ts, both in one
 * worker): it finds nothing another file left, and leaves everything a test can change behind on
 * purpose. A function each file calls, not hooks at this module's top level: the worker imports
 * this module once, so only a call registers them in every file.
 */
export function leaveEverythingBehind(): void {
  beforeAll(() => {
    appendFileSync(process.env['LEAVE_NOTHING_BEHIND_PIDS']!, `${process.pid}\n`);
    expect((globalThis as Record<string, unknown>)['leftBehind']).toBeUndefined();
    expect(process.env['JIUZHU_LEFT_BEHIND']).toBeUndefined();
    expect(vi.isMockFunction(Math.random)).toBe(false);
    expect(vi.isFakeTimers()).toBe(false);
  });

  it('changes a global, an env variable, a method and the clock, and puts none of them back', () => {
    vi.stubGlobal('leftBehind', true);
    vi.stubEnv('JIUZHU_LEFT_BEHIND', '1');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    vi.useFakeTimers();
    expect(Math.random()).toBe(0.5);
  });
}
