import { describe, expect, it } from 'vitest';
import { chineseName, pickSurname } from '../../server/demo/names';
import { createRandom } from '../../server/demo/random';

describe('demo names', () => {
  it('favours the common Shandong surnames', () => {
    const random = createRandom(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const s = pickSurname(random);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([s]) => s);
    expect(new Set(top)).toEqual(new Set(['王', '张', '李', '刘']));
  });

  it('builds 2–3 character names that keep a given surname', () => {
    const random = createRandom(2);
    for (let i = 0; i < 200; i++) {
      const name = chineseName(random, i % 2 ? 'male' : 'female', 1930 + (i % 95));
      expect(name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
    expect(chineseName(random, 'male', 2015, '王').startsWith('王')).toBe(true);
  });

  it('repeats for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 10 }, () => a.next())).toEqual(Array.from({ length: 10 }, () => b.next()));
  });
});
