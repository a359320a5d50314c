import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database';

const REFRESH_TOKEN_DAYS = 30;

/**
 * How long a just-used refresh token still works. A laptop on a poor link may lose the answer to
 * its refresh after the server has rotated the token; without a grace period it would be locked
 * out until someone signs in online again. Within the grace the old token works once more, and
 * every other token of that device (the lost answer's) stops working.
 */
export const REFRESH_GRACE_SECONDS = 120;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Issues a refresh token bound to one user and device; only its hash is stored. A device holds
 * one chain: its other tokens are dropped, except `keep` (the one just used, in its grace period).
 */
export async function issueRefreshToken(db: Queryable, userId: string, deviceId: string, keep?: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('DELETE FROM refresh_tokens WHERE user_id = $1 AND device_id = $2 AND token_hash <> $3', [
    userId,
    deviceId,
    keep ? hashToken(keep) : '',
  ]);
  await db.query(
    `INSERT INTO refresh_tokens (token_hash, user_id, device_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
    [hashToken(token), userId, deviceId, REFRESH_TOKEN_DAYS],
  );
  return token;
}

/**
 * Consumes a refresh token (rotation: after use it lives only for the grace period). Returns its
 * user and device when the token is genuine, unexpired, and neither the user nor the device has
 * been revoked.
 */
export async function consumeRefreshToken(
  db: Queryable,
  token: string,
): Promise<{ userId: string; deviceId: string } | null> {
  const rows = await db.query<{ user_id: string; device_id: string }>(
    `UPDATE refresh_tokens t
        SET expires_at = LEAST(t.expires_at, now() + make_interval(secs => $2))
       FROM users u, devices d
      WHERE t.token_hash = $1 AND t.expires_at > now()
        AND u.id = t.user_id AND u.active
        AND d.user_id = t.user_id AND d.device_id = t.device_id AND d.revoked_at IS NULL
      RETURNING t.user_id, t.device_id`,
    [hashToken(token), REFRESH_GRACE_SECONDS],
  );
  const row = rows[0];
  return row ? { userId: row.user_id, deviceId: row.device_id } : null;
}

export async function recordDevice(db: Queryable, userId: string, deviceId: string, deviceName?: string): Promise<boolean> {
  const rows = await db.query<{ revoked_at: string | null }>(
    `INSERT INTO devices (user_id, device_id, device_name) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, device_id) DO UPDATE SET last_seen_at = now(),
       device_name = COALESCE(EXCLUDED.device_name, devices.device_name)
     RETURNING revoked_at`,
    [userId, deviceId, deviceName ?? null],
  );
  return rows[0]?.revoked_at == null;
}

/** Marks a device as seen now (sign-in and every refresh), for the administrators' list. */
export async function touchDevice(db: Queryable, userId: string, deviceId: string): Promise<void> {
  await db.query('UPDATE devices SET last_seen_at = now() WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
}
