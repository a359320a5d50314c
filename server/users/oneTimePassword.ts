import { randomInt } from 'node:crypto';

// Letters and digits that cannot be mistaken for one another when read off a printed sheet or
// said over the phone: no 0/O/o, 1/l/I/i, 5/S/s, 2/Z/z, 8/B, u/v.
const ALPHABET = 'ACDEFGHJKLMNPQRTUWXYabcdefghjkmnpqrtwxy34679';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A one-time initial password for an account made in bulk: 12 characters drawn with the system's
 * CSPRNG from 44 (≈ 65 bits), in groups of four (`k7Tq-9mPx-R3wy`) so it is copied without errors.
 */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
