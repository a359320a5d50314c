import type { SessionUser } from '../../../shared/auth/roles';
import type { KeyValueStore } from '../sync/pendingChanges';

/**
 * What one online sign-in leaves on the device so the same person can sign in offline later:
 * a slow, salted PBKDF2 verifier of the password (never the password), the user, and the
 * refresh token that resumes sync once the network is back.
 */
export interface OfflineProfile {
  serverUrl: string;
  user: SessionUser;
  salt: string;
  verifier: string;
  iterations: number;
  refreshToken: string | null;
  /** Key of the ID-number search hashes, from the server. */
  searchKey: string | null;
}

const ITERATIONS = 210_000;
const keyFor = (username: string) => `jiuzhu:profile:${username.toLowerCase()}`;

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toBase64(bits);
}

export async function saveOfflineProfile(
  store: KeyValueStore,
  input: { serverUrl: string; user: SessionUser; password: string; refreshToken: string; searchKey: string | null },
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const profile: OfflineProfile = {
    serverUrl: input.serverUrl,
    user: input.user,
    salt: toBase64(salt),
    verifier: await derive(input.password, salt, ITERATIONS),
    iterations: ITERATIONS,
    refreshToken: input.refreshToken,
    searchKey: input.searchKey,
  };
  store.setItem(keyFor(input.user.username), JSON.stringify(profile));
}

export function readOfflineProfile(store: KeyValueStore, username: string): OfflineProfile | null {
  const raw = store.getItem(keyFor(username));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as OfflineProfile;
  } catch {
    return null;
  }
}

/** The profile if the password matches it; 'none' if this device has no profile for the user. */
export async function unlockOfflineProfile(
  store: KeyValueStore,
  username: string,
  password: string,
): Promise<OfflineProfile | 'none' | 'mismatch'> {
  const profile = readOfflineProfile(store, username);
  if (!profile) return 'none';
  const attempt = await derive(password, fromBase64(profile.salt), profile.iterations);
  return attempt === profile.verifier ? profile : 'mismatch';
}

export function storeRefreshToken(store: KeyValueStore, username: string, refreshToken: string, searchKey: string | null): void {
  const profile = readOfflineProfile(store, username);
  if (profile) store.setItem(keyFor(username), JSON.stringify({ ...profile, refreshToken, searchKey: searchKey ?? profile.searchKey }));
}
