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
  /** For USB bundles: this device's signing key and the server's public key, from the server. */
  bundleKey?: string | null;
  bundlePublicKey?: JsonWebKey | null;
  /** Wrong passwords in a row, offline; reset by a right one or an online sign-in. */
  failures?: number;
  /** No offline attempt before this time (epoch millis). */
  waitUntil?: number;
  /** Too many wrong passwords: only an online sign-in opens this profile again. */
  blocked?: boolean;
}

/** From the third wrong password on, each one doubles the wait (15 s, 30 s, 1 min …). */
const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 15_000;
/** After this many wrong passwords the profile is locked until an online sign-in. */
export const MAX_OFFLINE_FAILURES = 10;

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
  input: {
    serverUrl: string;
    user: SessionUser;
    password: string;
    refreshToken: string;
    searchKey: string | null;
    bundleKey?: string | null;
    bundlePublicKey?: JsonWebKey | null;
  },
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
    bundleKey: input.bundleKey ?? null,
    bundlePublicKey: input.bundlePublicKey ?? null,
  };
  store.setItem(keyFor(input.user.username), JSON.stringify(profile));
}

export interface BundleKeys {
  signingKey: string;
  serverPublicKey: JsonWebKey;
}

export function bundleKeysOf(profile: OfflineProfile): BundleKeys | null {
  return profile.bundleKey && profile.bundlePublicKey ? { signingKey: profile.bundleKey, serverPublicKey: profile.bundlePublicKey } : null;
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

/**
 * The profile if the password matches it; 'none' if this device has no profile for the user;
 * 'wait' while repeated wrong passwords are slowed down; 'blocked' after too many of them.
 */
export async function unlockOfflineProfile(
  store: KeyValueStore,
  username: string,
  password: string,
  now = Date.now(),
): Promise<OfflineProfile | 'none' | 'mismatch' | 'wait' | 'blocked'> {
  const profile = readOfflineProfile(store, username);
  if (!profile) return 'none';
  if (profile.blocked) return 'blocked';
  if ((profile.waitUntil ?? 0) > now) return 'wait';
  const attempt = await derive(password, fromBase64(profile.salt), profile.iterations);
  if (attempt === profile.verifier) {
    const { failures: _f, waitUntil: _w, ...fresh } = profile;
    store.setItem(keyFor(username), JSON.stringify(fresh));
    return fresh;
  }
  const failures = (profile.failures ?? 0) + 1;
  const blocked = failures >= MAX_OFFLINE_FAILURES;
  const waitUntil = failures >= FREE_ATTEMPTS ? now + FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS) : undefined;
  store.setItem(keyFor(username), JSON.stringify({ ...profile, failures, ...(waitUntil ? { waitUntil } : {}), ...(blocked ? { blocked } : {}) }));
  return blocked ? 'blocked' : 'mismatch';
}

export function storeRefreshToken(store: KeyValueStore, username: string, refreshToken: string, searchKey: string | null): void {
  const profile = readOfflineProfile(store, username);
  if (profile) store.setItem(keyFor(username), JSON.stringify({ ...profile, refreshToken, searchKey: searchKey ?? profile.searchKey }));
}
