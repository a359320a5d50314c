import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { isReleaseVersion, updateSignatureMessage } from '../../shared/files/updateSignature';

/** Why an installer is not run; said in the log and on screen. */
export type InstallerRefusal = 'no_public_key' | 'no_signature' | 'bad_signature';

export type InstallerVerdict = { ok: true } | { ok: false; reason: InstallerRefusal };

/**
 * The county's public key built into the app (resources/update-public-key.pem); null when the
 * build holds none (the placeholder), and then no update is ever run.
 */
export function readUpdatePublicKey(pem: string): KeyObject | null {
  if (!pem.includes('BEGIN PUBLIC KEY')) return null;
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The installer's SHA-512 from its bytes, as the signer took it. */
export function sha512Of(bytes: Uint8Array): Buffer {
  return createHash('sha512').update(bytes).digest();
}

/**
 * Whether the county signed exactly these bytes as this version (the one the updater reports from
 * the feed): electron-updater checks the download against the feed's sha512, but whoever can
 * change the feed can change both, or list an old signed installer under a higher version; only
 * the county's private key, kept off the server, makes a valid signature.
 */
export function verifyInstaller(bytes: Uint8Array, version: string, signatureBase64: string | null, publicKey: KeyObject | null): InstallerVerdict {
  if (!publicKey) return { ok: false, reason: 'no_public_key' };
  if (!signatureBase64?.trim()) return { ok: false, reason: 'no_signature' };
  const signature = Buffer.from(signatureBase64.trim(), 'base64');
  const good =
    signature.length === 64 && isReleaseVersion(version) && verify(null, updateSignatureMessage(version, sha512Of(bytes)), publicKey, signature);
  return good ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
