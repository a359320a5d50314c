import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database';

const REFRESH_TOKEN_DAYS = 30;

/**
 * How long a just-used refresh token may be tried once more. A laptop on a poor link may lose the
 * answer to its refresh after the server has rotated the token; without a grace period it would be
 * locked out until someone signs in online again. Within the grace the old token gets the same
 * answer once more (the same next refresh token), as long as that next token has not been used.
 */
export const REFRESH_GRACE_SECONDS = 120;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The refresh token that follows the one with `parentHash`: derived under a secret of its own, so
 * a retried refresh gets the same token again while the server stores only hashes.
 */
const childToken = (parentHash: string, secret: string) =>
  createHmac('sha256', secret).update(`refresh-child:${parentHash}`).digest('base64url');

const insertToken = (db: Queryable, token: string, userId: string, deviceId: string) =>
  db.query(
    `INSERT INTO refresh_tokens (token_hash, user_id, device_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(days => $4)) ON CONFLICT (token_hash) DO NOTHING`,
    [hashToken(token), userId, deviceId, REFRESH_TOKEN_DAYS],
  );

/**
 * Starts a device's token chain at sign-in: a random refresh token bound to the user and device,
 * stored as a hash. Whatever the device held before (used or not) is dropped: one chain a device.
 */
export async function startRefreshChain(db: Database, userId: string, deviceId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM refresh_tokens WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
    await insertToken(tx, token, userId, deviceId);
  });
  // Opportunistic clean-up: a used token is kept only until it would have expired.
  await db.query('DELETE FROM refresh_tokens WHERE expires_at < now()');
  return token;
}

/** Why a refresh token was taken as stolen: its device's session ends. */
export type ReplayReason = 'used_twice' | 'after_grace' | 'next_token_used';

export type RefreshOutcome =
  /** Genuine: `refreshToken` is the next one (the same again for a retry within the grace). */
  | { kind: 'renewed'; userId: string; deviceId: string; refreshToken: string; sessionEpoch: number; retry: boolean }
  /** Unknown, expired, or its user or device stopped: refused, nothing else happens. */
  | { kind: 'refused'; userId: string | null; deviceId: string | null; reason: 'unknown' | 'expired' | 'stopped' }
  /** Used before and not a lawful retry: refused, and the device's session has been ended. */
  | { kind: 'replayed'; userId: string; deviceId: string; reason: ReplayReason };

/**
 * Uses a refresh token. The first use marks it used and returns the next token. A second use
 * within `REFRESH_GRACE_SECONDS`, while that next token is still unused, returns the same next
 * token (a laptop whose answer was lost retries). Any other use of a used token means two holders
 * of one token: the device's session ends (`endDeviceSession`) and the caller is told `replayed`.
 * One transaction, the token's row locked: concurrent uses are decided one after the other.
 */
export async function useRefreshToken(db: Database, token: string, childSecret: string): Promise<RefreshOutcome> {
  const parentHash = hashToken(token);
  const next = childToken(parentHash, childSecret);
  return db.transaction(async (tx): Promise<RefreshOutcome> => {
    const rows = await tx.query<{
      user_id: string;
      device_id: string;
      used: boolean;
      current: boolean;
      in_grace: boolean;
      retried: boolean;
      allowed: boolean;
      session_epoch: number;
    }>(
      `SELECT t.user_id, t.device_id, t.used_at IS NOT NULL AS used, t.expires_at > now() AS current,
              COALESCE(t.used_at > now() - make_interval(secs => $2), false) AS in_grace,
              t.replayed_at IS NOT NULL AS retried, (u.active AND d.revoked_at IS NULL) AS allowed, d.session_epoch
         FROM refresh_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN devices d ON d.user_id = t.user_id AND d.device_id = t.device_id
        WHERE t.token_hash = $1
          FOR UPDATE OF t`,
      [parentHash, REFRESH_GRACE_SECONDS],
    );
    const row = rows[0];
    if (!row) return { kind: 'refused', userId: null, deviceId: null, reason: 'unknown' };
    const { user_id: userId, device_id: deviceId } = row;
    if (!row.allowed) return { kind: 'refused', userId, deviceId, reason: 'stopped' };
    if (!row.used) {
      if (!row.current) return { kind: 'refused', userId, deviceId, reason: 'expired' };
      await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [parentHash]);
      await insertToken(tx, next, userId, deviceId);
      return { kind: 'renewed', userId, deviceId, refreshToken: next, sessionEpoch: row.session_epoch, retry: false };
    }
    const children = await tx.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = $1', [
      hashToken(next),
    ]);
    const child = children[0];
    if (!row.retried && row.in_grace && child && !child.used) {
      await tx.query('UPDATE refresh_tokens SET replayed_at = now() WHERE token_hash = $1', [parentHash]);
      return { kind: 'renewed', userId, deviceId, refreshToken: next, sessionEpoch: row.session_epoch, retry: true };
    }
    const reason: ReplayReason = row.retried ? 'used_twice' : !row.in_grace ? 'after_grace' : 'next_token_used';
    await endDeviceSession(tx, userId, deviceId);
    return { kind: 'replayed', userId, deviceId, reason };
  });
}

/**
 * Ends a device's session (sign-out, or a refresh token used by two holders): every refresh token
 * of the device goes, and its session epoch moves on, so access tokens issued before now are
 * refused at their next request (`authenticate`). Signing in again with the password starts anew.
 */
export async function endDeviceSession(db: Queryable, userId: string, deviceId: string): Promise<void> {
  await db.query('DELETE FROM refresh_tokens WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
  await db.query('UPDATE devices SET session_epoch = session_epoch + 1 WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
}

/**
 * Records a sign-in from a device. Returns whether the device may be used (not revoked) and the
 * session epoch its access tokens are to carry.
 */
export async function recordDevice(
  db: Queryable,
  userId: string,
  deviceId: string,
  deviceName?: string,
): Promise<{ allowed: boolean; sessionEpoch: number }> {
  const rows = await db.query<{ revoked_at: string | null; session_epoch: number }>(
    `INSERT INTO devices (user_id, device_id, device_name) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, device_id) DO UPDATE SET last_seen_at = now(),
       device_name = COALESCE(EXCLUDED.device_name, devices.device_name)
     RETURNING revoked_at, session_epoch`,
    [userId, deviceId, deviceName ?? null],
  );
  const row = rows[0];
  return { allowed: row?.revoked_at == null, sessionEpoch: row?.session_epoch ?? 0 };
}

/** Whether the user has signed in from this device before and the device is not revoked. */
export async function isKnownDevice(db: Queryable, userId: string | null, deviceId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM devices WHERE user_id = $1 AND device_id = $2 AND revoked_at IS NULL', [userId ?? '', deviceId]);
  return rows.length > 0;
}

/** Marks a device as seen now (sign-in and every refresh), for the administrators' list. */
export async function touchDevice(db: Queryable, userId: string, deviceId: string): Promise<void> {
  await db.query('UPDATE devices SET last_seen_at = now() WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
}
