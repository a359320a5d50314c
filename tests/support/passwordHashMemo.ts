import { vi } from 'vitest';
import type * as passwords from '../../server/auth/passwords';

/**
 * scrypt is slow on purpose (N=2^15: 150–250 ms of CPU a call on CI's two cores), and the tests
 * sign in again and again, nearly always with one of a handful of passwords. Within a test
 * file the same password is hashed once and the same (password, stored hash) pair verified once:
 * the real scrypt still answers every distinct question, at production strength.
 */
vi.mock('../../server/auth/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof passwords>();
  const hashed = new Map<string, Promise<string>>();
  const verified = new Map<string, Promise<boolean>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, compute: () => Promise<T>): Promise<T> => {
    let answer = cache.get(key);
    if (!answer) {
      answer = compute();
      cache.set(key, answer);
    }
    return answer;
  };
  return {
    ...real,
    hashPassword: (password: string) => once(hashed, password, () => real.hashPassword(password)),
    verifyPassword: (password: string, stored: string) => once(verified, `${stored}\u0000${password}`, () => real.verifyPassword(password, stored)),
  };
});
