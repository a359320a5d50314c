import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Database } from '../db/database';

/**
 * The key pair access tokens are signed with (Ed25519). Asymmetric so that a township relay can
 * check the central server's tokens with the public key alone (GET /api/v1/auth/token-key) and
 * never holds anything that could make one (issue 17). Kept in the database so every server
 * process on it signs with the same key; a relay keeps its own pair in its own database for the
 * tokens it issues while the county is away, which the central server never accepts.
 */
export interface TokenKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

const NAME = 'access_token_ed25519';

export async function loadTokenKeys(db: Database): Promise<TokenKeys> {
  const candidate = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [NAME, candidate]);
  const rows = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [NAME]);
  const pem = rows[0]?.value;
  if (!pem) throw new Error(`server secret ${NAME} missing`);
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A public key as `GET /api/v1/auth/token-key` gives it; null when it is not an Ed25519 key. */
export function publicTokenKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}
