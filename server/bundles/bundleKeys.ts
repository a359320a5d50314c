import { createHmac } from 'node:crypto';
import { loadDeviceKeySecret } from '../auth/secrets';
import type { Database } from '../db/database';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

export interface BundleKeys {
  publicKey: JsonWebKey;
  privateKey: CryptoKey;
  /** Derives each device's keys (`deviceBundleKey`, `deviceDataKey`); not the token-signing secret. */
  deviceSecret: string;
}

/**
 * The server's key pair for USB bundles, kept in the database so every server process opens
 * what any laptop sealed. Created by the first process to start.
 */
export async function loadBundleKeys(db: Database): Promise<BundleKeys> {
  const pair = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
  const candidate = JSON.stringify(await crypto.subtle.exportKey('jwk', pair.privateKey));
  await db.query('INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', ['bundle_ecdh_private', candidate]);
  const rows = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', ['bundle_ecdh_private']);
  const jwk = JSON.parse(rows[0]!.value) as JsonWebKey;
  const privateKey = await crypto.subtle.importKey('jwk', jwk, ECDH, false, ['deriveBits']);
  const { kty, crv, x, y } = jwk;
  return { publicKey: { kty, crv, x, y }, privateKey, deviceSecret: await loadDeviceKeySecret(db) };
}

/**
 * The key one device signs its bundles with: derived, so the server keeps nothing per device.
 * `secret` is the device-key secret (`BundleKeys.deviceSecret`), which never changes.
 */
export function deviceBundleKey(secret: string, userId: string, deviceId: string): string {
  return createHmac('sha256', secret).update(`bundle:${userId}:${deviceId}`).digest('base64url');
}

/**
 * The key a laptop wraps its local data key with, given only to a signed-in device: derived
 * like the bundle key, so an admin password reset does not lock a laptop out of its unsent data.
 */
export function deviceDataKey(secret: string, userId: string, deviceId: string): string {
  return createHmac('sha256', secret).update(`datakey:${userId}:${deviceId}`).digest('base64url');
}
