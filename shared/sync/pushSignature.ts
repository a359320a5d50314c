/**
 * A device's signature over one push batch, so a township relay can carry the batch up to the
 * central server without being able to change it or make one up (issue 17): the laptop signs with
 * its own device key (the same HMAC key its USB bundles are signed with, `bundleKey` in the sign-in
 * answer), the relay forwards rows and signature as they came, and the central server derives the
 * device's key again and checks before it stores anything as that device's author.
 *
 * Signed over canonical JSON of the rows (`canonical`), so the relay may parse and re-serialise
 * the body; the user, device and collection are in the signed text, so a batch cannot be replayed
 * as another device's or into another collection. Replaying the same batch later is harmless: a
 * push that was stored stores nothing new, and one whose assumed state is gone is a conflict.
 * Pure WebCrypto: the same code runs in the app and in the server.
 */
import { canonical } from './canonicalJson';
import type { SyncedCollection } from './collections';

/** The request header a laptop's push carries its signature in (any server may ignore it). */
export const PUSH_SIGNATURE_HEADER = 'x-jiuzhu-push-signature';

const encoder = new TextEncoder();
const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

export interface PushSigner {
  userId: string;
  deviceId: string;
}

export function pushSignatureText(signer: PushSigner, collection: SyncedCollection, rows: unknown): string {
  return ['jiuzhu-push-v1', signer.userId, signer.deviceId, collection, canonical(rows)].join('\n');
}

async function hmac(keyText: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(keyText), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text))));
}

/** The laptop's side: `signingKey` is the device's bundle key. */
export function signPush(signingKey: string, signer: PushSigner, collection: SyncedCollection, rows: unknown): Promise<string> {
  return hmac(signingKey, pushSignatureText(signer, collection, rows));
}

/** The central server's side: true only when the signature is the device's over exactly these rows. */
export async function verifyPush(signingKey: string, signer: PushSigner, collection: SyncedCollection, rows: unknown, signature: string): Promise<boolean> {
  const expected = await hmac(signingKey, pushSignatureText(signer, collection, rows));
  // Both are base64 of 32 bytes: compared whole, and the lengths say nothing.
  if (expected.length !== signature.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return difference === 0;
}
