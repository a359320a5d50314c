/**
 * AES-GCM sealing with WebCrypto, the one primitive the laptop's key handling is built on. A
 * sealed value is base64 of a fresh 12-byte IV followed by the ciphertext and its tag, so a
 * changed or foreign value fails to open instead of opening to garbage.
 */

// Chromium (so Electron) has native base64 on Uint8Array, far faster on a sealed index snapshot of megabytes.
type NativeBase64 = { fromBase64?: (text: string) => Uint8Array };
const nativeFromBase64 = (Uint8Array as unknown as NativeBase64).fromBase64?.bind(Uint8Array);
const nativeToBase64 = typeof (new Uint8Array(0) as unknown as { toBase64?: unknown }).toBase64 === 'function';

export const toBase64 = (bytes: ArrayBuffer | Uint8Array): string => {
  const view = new Uint8Array(bytes);
  if (nativeToBase64) return (view as unknown as { toBase64(): string }).toBase64();
  let text = '';
  // In chunks: spreading a large array into fromCharCode overflows the call stack.
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
};

export const fromBase64 = (text: string): Uint8Array => (nativeFromBase64 ? nativeFromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));

/** base64url (as the server's HMAC keys come) to bytes. */
export const fromBase64Url = (text: string): Uint8Array => {
  const plain = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(plain + '='.repeat((4 - (plain.length % 4)) % 4));
};

export const randomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

export function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) throw new Error('an AES key must be 256 bits');
  return crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** A key from a password: PBKDF2-SHA-256, salted, slow on purpose. */
export async function passwordKey(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** `context`, when given, must be given again to open the value (AES-GCM associated data): what the value is of. */
export async function seal(key: CryptoKey, plain: string, context?: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, ...(context === undefined ? {} : { additionalData: new TextEncoder().encode(context) as BufferSource }) },
    key,
    new TextEncoder().encode(plain),
  );
  const out = new Uint8Array(iv.length + cipher.byteLength);
  out.set(iv);
  out.set(new Uint8Array(cipher), iv.length);
  return toBase64(out);
}

/** The plain text, or null when the key is wrong or the value was changed. */
export async function unseal(key: CryptoKey, sealed: string, context?: string): Promise<string | null> {
  try {
    const bytes = fromBase64(sealed);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, 12) as BufferSource, ...(context === undefined ? {} : { additionalData: new TextEncoder().encode(context) as BufferSource }) },
      key,
      bytes.subarray(12) as BufferSource,
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
