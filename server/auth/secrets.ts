import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';

/**
 * Server-wide secrets live in the database so that every server process on it agrees; the first
 * process to start creates each one. Each use has its own secret, so one that leaks (or has to be
 * replaced) gives away nothing else.
 */
async function loadSecret(db: Database, name: string): Promise<string> {
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32).toString('base64url'),
  ]);
  const rows = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [name]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error(`server secret ${name} missing`);
  return secret;
}

/** Signs access tokens. Replacing it only makes every access token expire early (migration 6 did once). */
export const loadTokenSecret = (db: Database) => loadSecret(db, 'access_token_hmac');

/**
 * Derives each device's keys (`deviceDataKey`, `deviceBundleKey`). Never replaced: laptops keep
 * their local data key wrapped with it. Databases older than migration 6 carry over the value
 * that used to sign tokens as well, so those keys did not change.
 */
export const loadDeviceKeySecret = (db: Database) => loadSecret(db, 'device_key_hmac');

/** Derives the refresh token that follows a used one (a retried refresh gets the same answer). */
export const loadRefreshChildSecret = (db: Database) => loadSecret(db, 'refresh_child_hmac');

/**
 * Root of the ID-number search keys: each township's key is derived from it (server/search/), and
 * a user is given only the keys of the townships in their scope. The root itself never leaves the
 * server. (Migration 7 dropped `id_search_key`, the one key every laptop used to be given.)
 */
export const loadSearchKeyRoot = (db: Database) => loadSecret(db, 'id_search_root');
