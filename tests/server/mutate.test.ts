import { describe, expect, it } from 'vitest';
import { mutate } from './mutate';

describe('the fuzz helper mutate', () => {
  it('never shares an inserted value between runs nor builds a cycle', () => {
    const shared: unknown[] = [];
    const once = mutate({ a: 1 }, [
      { at: 1, op: 'replace', key: '', value: shared },
      { at: 1, op: 'addKey', key: '', value: shared },
    ]);
    expect(once).toEqual({ a: [[]] });
    expect(shared).toEqual([]);
    expect(() => JSON.stringify(once)).not.toThrow();
  });
});
