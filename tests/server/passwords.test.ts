import { describe, expect, it, vi } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';

// The other test files share scrypt's answers (tests/support/passwordHashMemo.ts); this one asks it itself.
vi.unmock('../../server/auth/passwords');

describe('password hashes', () => {
  it('salts each hash anew: the same password hashed twice gives two hashes, each verifying it and nothing else', async () => {
    const [first, second] = await Promise.all([hashPassword('正确的马电池'), hashPassword('正确的马电池')]);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toBe(second);
    for (const hash of [first, second]) {
      expect(await verifyPassword('正确的马电池', hash)).toBe(true);
      expect(await verifyPassword('正确的马电池 ', hash)).toBe(false);
    }
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    expect(await verifyPassword('x', 'plain$x')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});
