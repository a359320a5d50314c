/**
 * What the county signs for each installer it puts in the update folder, and the app checks
 * before running it (scripts/signUpdate.ts signs, electron/main/updateSignature.ts verifies):
 * a fixed label, the version the installer is released as and its SHA-512, signed with the
 * county's Ed25519 key. The label keeps the signature from meaning anything else the same key
 * might sign; the version keeps an old signed installer from being listed in the feed as a newer
 * release (electron-updater's hash check would pass, and allowDowngrade would not see a rollback).
 */
const LABEL = 'jiuzhu-update-v2\n';

/** The `.sig` file beside an installer: its name plus `.sig`, holding the signature in base64. */
export const SIGNATURE_SUFFIX = '.sig';

/** A release version as electron-builder writes it in latest*.yml (package.json's `version`). */
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function isReleaseVersion(version: string): boolean {
  return VERSION.test(version);
}

export function updateSignatureMessage(version: string, sha512: Uint8Array): Uint8Array {
  if (sha512.length !== 64) throw new Error('an installer is signed by its SHA-512 (64 bytes)');
  if (!isReleaseVersion(version)) throw new Error(`not a release version: ${JSON.stringify(version)}`);
  const head = new TextEncoder().encode(`${LABEL}${version}\n`);
  const message = new Uint8Array(head.length + sha512.length);
  message.set(head);
  message.set(sha512, head.length);
  return message;
}
