/**
 * Keyed hash of a resident ID number, for exact-match search without a plaintext index: the
 * same number and key always give the same hash, and without the key the hash says nothing.
 * Each township has its own key (the server derives them and hands each user those of the
 * townships in their scope), so a hash is only ever compared with hashes under the same key.
 * Uses WebCrypto, which browsers, Electron's renderer and Node all provide.
 */

/** The search keys a signed-in user holds: township code (9 digits) → key. */
export type SearchKeys = Readonly<Record<string, string>>;

/** What is hashed: the number as a person may type it, with spaces around and a lower-case x. */
export const normalizeIdNumber = (idNumber: string): string => idNumber.trim().toUpperCase();

/** Bytes of the HMAC kept (base64url without padding: 32 characters). */
export const ID_HASH_BYTES = 24;

const encoder = new TextEncoder();

/** Imported keys by key text: a search under a city's 92 keys imports each once, not per keystroke. */
const imported = new Map<string, Promise<CryptoKey>>();
const MAX_IMPORTED = 256;

function hmacKey(searchKey: string): Promise<CryptoKey> {
  let key = imported.get(searchKey);
  if (!key) {
    if (imported.size >= MAX_IMPORTED) imported.clear();
    key = crypto.subtle.importKey('raw', encoder.encode(searchKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    imported.set(searchKey, key);
    // A failed import is not kept: the next call tries again.
    key.catch(() => imported.delete(searchKey));
  }
  return key;
}

export async function hashIdNumber(searchKey: string, idNumber: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(searchKey), encoder.encode(normalizeIdNumber(idNumber))));
  let text = '';
  for (const byte of mac.subarray(0, ID_HASH_BYTES)) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The hashes a household document carries: one per member, in member order. */
export async function householdIdHashes(searchKey: string, members: readonly { idNumber: string }[]): Promise<string[]> {
  return Promise.all(members.map((m) => hashIdNumber(searchKey, m.idNumber)));
}

/** The township whose key a household's hashes are made with: the first 9 digits of its village. */
export const townshipOf = (areaCode: string): string => areaCode.slice(0, 9);

/** The key for a household in `areaCode`, if the user holds it. */
export function searchKeyFor(keys: SearchKeys, areaCode: string): string | null {
  const township = townshipOf(areaCode);
  return Object.hasOwn(keys, township) ? (keys[township] ?? null) : null;
}

/**
 * A typed ID number's hash under every key held, for looking up households of any township in
 * scope: one HMAC each, computed only once a whole 18-character number is typed (a county's dozen
 * keys or the city's 92 take about a millisecond together).
 */
export async function idNumberHashes(keys: SearchKeys, idNumber: string): Promise<string[]> {
  const distinct = [...new Set(Object.values(keys))];
  return Promise.all(distinct.map((key) => hashIdNumber(key, idNumber)));
}
