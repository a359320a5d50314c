import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../db/database';

/** As long as the central server's refresh tokens last: a station's laptop may be away a month. */
const RELAY_SESSION_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The county's refresh token is kept sealed with a key only the laptop's own relay refresh token
 * gives (HKDF of it; the relay keeps that token as a hash alone): a copy of the station's disk opens
 * no county session. The relay unseals it while the laptop refreshes, with the token the laptop sends.
 */
const sealKey = (token: string) => Buffer.from(hkdfSync('sha256', token, Buffer.alloc(0), 'jiuzhu-relay-central-refresh', 32));

function seal(token: string, centralRefresh: string | null): string | null {
  if (centralRefresh === null) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(token), iv);
  const sealed = Buffer.concat([cipher.update(centralRefresh, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url')}`;
}

function unseal(token: string, stored: string | null): string | null {
  if (stored === null || !stored.startsWith('v1.')) return null;
  try {
    const bytes = Buffer.from(stored.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(token), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * A laptop's session at the relay: the relay's own refresh token (random, stored as SHA-256 in
 * relay_sessions) and the central server's refresh token it stands for, when the county was
 * reachable at sign-in. One chain per device, as on the central server: a sign-in drops whatever
 * the device held, each refresh uses its token once and gets the next.
 */
export async function startRelaySession(db: Database, userId: string, deviceId: string, centralRefresh: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM relay_sessions WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
    await tx.query('INSERT INTO relay_sessions (token_hash, user_id, device_id, central_refresh) VALUES ($1, $2, $3, $4)', [
      hashToken(token),
      userId,
      deviceId,
      seal(token, centralRefresh),
    ]);
  });
  // Opportunistic clean-up: a used token is kept (to see it replayed) only until it would have expired.
  await db.query('DELETE FROM relay_sessions WHERE created_at < now() - make_interval(days => $1)', [RELAY_SESSION_DAYS]);
  return token;
}

/** The next token of a chain, after `claimRelaySession` took the previous one. */
export async function continueRelaySession(db: Queryable, userId: string, deviceId: string, centralRefresh: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO relay_sessions (token_hash, user_id, device_id, central_refresh) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    userId,
    deviceId,
    seal(token, centralRefresh),
  ]);
  return token;
}

export type SessionClaim =
  | { kind: 'claimed'; userId: string; deviceId: string; centralRefresh: string | null; release: () => Promise<void> }
  /** Unknown or expired: refused, nothing else happens. */
  | { kind: 'unknown' }
  /** Used before: two holders of one token. The device's chain at the relay has been ended. */
  | { kind: 'replayed'; userId: string; deviceId: string };

/**
 * Takes a refresh token for one use: marks it used in one statement, so two refreshes with one
 * token cannot both pass. `release` gives it back unused (the central server answered neither
 * yes nor no, e.g. 429: the laptop may try again with the same token).
 */
export async function claimRelaySession(db: Database, token: string): Promise<SessionClaim> {
  const hash = hashToken(token);
  const claimed = await db.query<{ user_id: string; device_id: string; central_refresh: string | null }>(
    `UPDATE relay_sessions SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND created_at > now() - make_interval(days => $2)
      RETURNING user_id, device_id, central_refresh`,
    [hash, RELAY_SESSION_DAYS],
  );
  const row = claimed[0];
  if (row) {
    return {
      kind: 'claimed',
      userId: row.user_id,
      deviceId: row.device_id,
      centralRefresh: unseal(token, row.central_refresh),
      release: async () => {
        await db.query('UPDATE relay_sessions SET used_at = NULL WHERE token_hash = $1', [hash]);
      },
    };
  }
  const used = await db.query<{ user_id: string; device_id: string }>(
    'SELECT user_id, device_id FROM relay_sessions WHERE token_hash = $1 AND used_at IS NOT NULL',
    [hash],
  );
  const replayed = used[0];
  if (!replayed) return { kind: 'unknown' };
  await endRelaySessions(db, replayed.user_id, replayed.device_id);
  return { kind: 'replayed', userId: replayed.user_id, deviceId: replayed.device_id };
}

/** Ends the device's session at the relay: every relay refresh token it held stops working. */
export async function endRelaySessions(db: Queryable, userId: string, deviceId: string): Promise<void> {
  await db.query('DELETE FROM relay_sessions WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
}
