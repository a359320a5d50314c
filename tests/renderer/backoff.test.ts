import { describe, expect, it } from 'vitest';
import { Backoff } from '../../renderer/data/core/sync/backoff';

describe('retry backoff', () => {
  it('doubles up to a ceiling, with jitter, and starts over after a success', () => {
    const middle = new Backoff(1000, 8000, () => 0.5);
    expect([middle.fail(), middle.fail(), middle.fail(), middle.fail(), middle.fail()]).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(middle.reset()).toBe(1000);
    expect(middle.fail()).toBe(1000);

    const low = new Backoff(1000, 8000, () => 0);
    const high = new Backoff(1000, 8000, () => 0.999);
    expect(low.fail()).toBe(500);
    expect(high.fail()).toBe(1499);
  });
});
