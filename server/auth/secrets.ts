import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';

/**
 * The token-signing secret lives in the database so that every server process on the same
 * database accepts the same tokens; the first process to start creates it.
 */
export async function loadTokenSecret(db: Database): Promise<string> {
  const candidate = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    'access_token_hmac',
    candidate,
  ]);
  const rows = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [
    'access_token_hmac',
  ]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error('token secret missing');
  return secret;
}
