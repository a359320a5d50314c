/**
 * What the county signs for each installer it puts in the update folder, and the app checks
 * before running it (scripts/signUpdate.ts signs, electron/main/updateSignature.ts verifies):
 * a fixed label and the installer's SHA-512, signed with the county's Ed25519 key. The label
 * keeps the signature from meaning anything else the same key might sign.
 */
const LABEL = 'jiuzhu-update-v1\n';

/** The `.sig` file beside an installer: its name plus `.sig`, holding the signature in base64. */
export const SIGNATURE_SUFFIX = '.sig';

export function updateSignatureMessage(sha512: Uint8Array): Uint8Array {
  if (sha512.length !== 64) throw new Error('an installer is signed by its SHA-512 (64 bytes)');
  const label = new TextEncoder().encode(LABEL);
  const message = new Uint8Array(label.length + sha512.length);
  message.set(label);
  message.set(sha512, label.length);
  return message;
}
