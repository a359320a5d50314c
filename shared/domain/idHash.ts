/**
 * Keyed hash of a resident ID number, for exact-match search without a plaintext index: the
 * same number and key always give the same hash, and without the key the hash says nothing.
 * Uses WebCrypto, which browsers, Electron's renderer and Node all provide.
 */
export async function hashIdNumber(searchKey: string, idNumber: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(searchKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(idNumber.trim().toUpperCase())));
  let text = '';
  for (const byte of mac.subarray(0, 24)) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The hashes a household document carries: one per member, in member order. */
export async function householdIdHashes(searchKey: string, members: readonly { idNumber: string }[]): Promise<string[]> {
  return Promise.all(members.map((m) => hashIdNumber(searchKey, m.idNumber)));
}
