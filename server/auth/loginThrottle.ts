import { createHash } from 'node:crypto';
import type { Database } from '../db/database';

/** Failed sign-ins allowed per key within the window; the next attempt is refused (429). */
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * What failures are counted under. Every attempt counts under its client address. It also counts
 * under the username — unless it comes from a device that has signed in as that user before and
 * is not revoked, which counts under that device instead: guessing a user's password from
 * elsewhere then locks out new devices for that user, never the laptops the user already signs in
 * from (only the guesser's address, and a device id used for guessing, are locked).
 */
export type ThrottleKey = { kind: 'address'; address: string } | { kind: 'user'; username: string } | { kind: 'device'; userId: string; deviceId: string };

const keyText = (key: ThrottleKey) =>
  key.kind === 'address' ? `addr:${key.address}` : key.kind === 'user' ? `user:${key.username}` : `device:${key.userId}:${key.deviceId}`;

/**
 * Stored as a hash: the table says nothing readable about who tried (a password typed into the
 * username field stays unreadable), and it is only ever looked up by the same key.
 */
const keyHash = (key: ThrottleKey) => createHash('sha256').update(keyText(key)).digest('base64url');

/** Two-int advisory-lock key space: class 7164006 (this table), then a hash of the key. */
const LOCK_CLASS = 7164006;
const lockKey = (hash: string) => Buffer.from(hash, 'base64url').readInt32BE(0);

export type Reservation = { blocked: ThrottleKey['kind'] } | { blocked: null; ids: number[] };

/**
 * Counts failed sign-ins in the database, so every server process sees the same counts, in a
 * sliding window. An attempt is reserved before its password is checked — it counts as a failure
 * under each of its keys until `succeeded` takes back its own rows — under an advisory lock per
 * key, so parallel guesses cannot all slip in below the limit. A success takes back only its own
 * attempt: earlier failures of the address stay counted.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Database,
    private readonly limit = LOGIN_FAILURE_LIMIT,
    private readonly windowSeconds = LOGIN_WINDOW_SECONDS,
  ) {}

  /** Refuses (`blocked`: which key is full) or records the attempt under every key. */
  async reserve(keys: ThrottleKey[]): Promise<Reservation> {
    const hashes = keys.map(keyHash);
    const outcome = await this.db.transaction(async (tx): Promise<Reservation> => {
      const locks = [...new Set(hashes.map(lockKey))].sort((a, b) => a - b);
      await tx.query(
        `SELECT count(pg_advisory_xact_lock($1::int, k))
           FROM (SELECT k FROM unnest($2::int[]) WITH ORDINALITY AS t(k, n) ORDER BY n) AS sorted`,
        [LOCK_CLASS, locks],
      );
      const counts = await tx.query<{ key_hash: string; failures: number }>(
        `SELECT key_hash, count(*)::int AS failures FROM login_failures
          WHERE key_hash = ANY($1::text[]) AND at > now() - make_interval(secs => $2)
          GROUP BY key_hash`,
        [hashes, this.windowSeconds],
      );
      const full = keys.find((_, i) => (counts.find((c) => c.key_hash === hashes[i])?.failures ?? 0) >= this.limit);
      if (full) return { blocked: full.kind };
      const rows = await tx.query<{ id: number }>('INSERT INTO login_failures (key_hash) SELECT unnest($1::text[]) RETURNING id', [hashes]);
      return { blocked: null, ids: rows.map((r) => r.id) };
    });
    await this.prune();
    return outcome;
  }

  /** The attempt succeeded: it is not a failure. Other failures under the same keys stay. */
  async succeeded(reservation: Reservation): Promise<void> {
    if (reservation.blocked !== null || reservation.ids.length === 0) return;
    await this.db.query('DELETE FROM login_failures WHERE id = ANY($1::bigint[])', [reservation.ids]);
  }

  /** Failures older than the window no longer count: they go, a little at every attempt. */
  private async prune(): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)', [this.windowSeconds]);
  }
}
