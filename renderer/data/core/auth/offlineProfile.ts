import { z } from 'zod';
import { sessionUserSchema } from '../../../../shared/sync/wireSchemas';
import type { SessionUser } from '../../../../shared/auth/roles';
import type { SearchKeys } from '../../../../shared/domain/idHash';
import { unwrapWithPassword, wrapForDevice, wrapWithPassword, type DataKey, type PasswordWrap } from '../keys/dataKey';
import { fromBase64, toBase64 } from '../keys/sealing';
import type { KeyValueStore } from '../keyValueStore';

/**
 * What one online sign-in leaves on the device so the same person can sign in offline later:
 * a slow, salted PBKDF2 verifier of the password (never the password), the user, the laptop's
 * data key wrapped twice (by the password, and by the server's per-device key), and the
 * secrets sealed with that data key. Nothing in it opens the data without the password (or a
 * fresh online sign-in).
 */
export interface OfflineProfile {
  serverUrl: string;
  user: SessionUser;
  salt: string;
  verifier: string;
  iterations: number;
  /** The data key, wrapped by a key derived from the password: opens it offline. */
  dataKeyByPassword: PasswordWrap;
  /** The data key, wrapped by the key the server gives this device at online sign-in. */
  dataKeyByDevice: string | null;
  /** `ProfileSecrets` as JSON, sealed with the data key (they change without the password at hand). */
  secrets: string;
  /** Wrong passwords in a row, offline; reset by a right one or an online sign-in. */
  failures?: number;
  /** No offline attempt before this time (epoch millis). */
  waitUntil?: number;
  /** Too many wrong passwords: only an online sign-in opens this profile again. */
  blocked?: boolean;
}

/** What the server gave at sign-in that must not lie around in plain text. */
export interface ProfileSecrets {
  /** Resumes sync once the network is back. */
  refreshToken: string | null;
  /** Keys of the ID-number search hashes, one per township in the user's scope (null: none given yet). */
  searchKeys: SearchKeys | null;
  /** For USB bundles: this device's signing key and the server's public key. */
  bundleKey: string | null;
  bundlePublicKey: JsonWebKey | null;
}

/** From the third wrong password on, each one doubles the wait (15 s, 30 s, 1 min …). */
const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 15_000;
/** After this many wrong passwords the profile is locked until an online sign-in. */
export const MAX_OFFLINE_FAILURES = 10;

const ITERATIONS = 210_000;
const PROFILE_PREFIX = 'jiuzhu:profile:';
const keyFor = (username: string) => `${PROFILE_PREFIX}${username.toLowerCase()}`;

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
    dataKey: DataKey;
    /** The server's per-device key for the data key, when it sends one. */
    deviceDataKey: string | null;
    /** The wrap by that key kept from before, for an answer without it (a relay's own sign-in, issue 17). */
    keptDataKeyByDevice?: string | null;
    secrets: ProfileSecrets;
  },
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const profile: OfflineProfile = {
    serverUrl: input.serverUrl,
    user: input.user,
    salt: toBase64(salt),
    verifier: await derive(input.password, salt, ITERATIONS),
    iterations: ITERATIONS,
    dataKeyByPassword: await wrapWithPassword(input.dataKey, input.password),
    dataKeyByDevice: input.deviceDataKey ? await wrapForDevice(input.dataKey, input.deviceDataKey) : (input.keptDataKeyByDevice ?? null),
    secrets: await input.dataKey.seal(JSON.stringify(input.secrets)),
  };
  store.setItem(keyFor(input.user.username), JSON.stringify(profile));
}

export interface BundleKeys {
  signingKey: string;
  serverPublicKey: JsonWebKey;
}

export function bundleKeysOf(secrets: ProfileSecrets): BundleKeys | null {
  return secrets.bundleKey && secrets.bundlePublicKey ? { signingKey: secrets.bundleKey, serverPublicKey: secrets.bundlePublicKey } : null;
}

/**
 * The profile saved for `username`, or null. A profile from before the data key (plain
 * secrets, no wrapped key) counts as none: only an online sign-in can set the laptop up again.
 */
export function readOfflineProfile(store: KeyValueStore, username: string): OfflineProfile | null {
  const raw = store.getItem(keyFor(username));
  if (!raw) return null;
  try {
    // Checked, not cast: a profile changed by hand or left by another build opens nothing.
    const profile = offlineProfileSchema.safeParse(JSON.parse(raw));
    return profile.success ? (profile.data as OfflineProfile) : null;
  } catch {
    return null;
  }
}

const offlineProfileSchema = z.object({
  serverUrl: z.string(),
  user: sessionUserSchema,
  salt: z.string(),
  verifier: z.string(),
  iterations: z.number().int().positive(),
  dataKeyByPassword: z.object({ salt: z.string(), iterations: z.number().int().positive(), sealed: z.string() }),
  dataKeyByDevice: z.string().nullable(),
  secrets: z.string(),
  failures: z.number().int().min(0).optional(),
  waitUntil: z.number().optional(),
  blocked: z.boolean().optional(),
});

const profileSecretsSchema = z.object({
  refreshToken: z.string().nullable().optional(),
  searchKeys: z.record(z.string(), z.string()).nullable().optional(),
  bundleKey: z.string().nullable().optional(),
  bundlePublicKey: z.record(z.string(), z.unknown()).nullable().optional(),
});

/**
 * The sealed secrets, or null when the key does not open them. A profile sealed before the keys
 * per township has none (its one `searchKey` opens no household's hashes any more, and is dropped
 * at the next write): ID search waits for the next online sign-in or token refresh.
 */
export async function openProfileSecrets(profile: OfflineProfile, dataKey: DataKey): Promise<ProfileSecrets | null> {
  const json = await dataKey.unseal(profile.secrets);
  if (!json) return null;
  const sealed = profileSecretsSchema.safeParse(JSON.parse(json));
  if (!sealed.success) return null;
  return {
    refreshToken: sealed.data.refreshToken ?? null,
    searchKeys: (sealed.data.searchKeys as SearchKeys | null | undefined) ?? null,
    bundleKey: sealed.data.bundleKey ?? null,
    bundlePublicKey: (sealed.data.bundlePublicKey as JsonWebKey | null | undefined) ?? null,
  };
}

/**
 * The profile and its data key if the password matches; 'none' if this device has no profile
 * for the user; 'wait' while repeated wrong passwords are slowed down; 'blocked' after too many.
 */
export async function unlockOfflineProfile(
  store: KeyValueStore,
  username: string,
  password: string,
  now = Date.now(),
): Promise<{ profile: OfflineProfile; dataKey: DataKey } | 'none' | 'mismatch' | 'wait' | 'blocked'> {
  const profile = readOfflineProfile(store, username);
  if (!profile) return 'none';
  if (profile.blocked) return 'blocked';
  if ((profile.waitUntil ?? 0) > now) return 'wait';
  const attempt = await derive(password, fromBase64(profile.salt), profile.iterations);
  const dataKey = attempt === profile.verifier ? await unwrapWithPassword(profile.dataKeyByPassword, password) : null;
  if (dataKey) {
    const { failures: _f, waitUntil: _w, ...fresh } = profile;
    store.setItem(keyFor(username), JSON.stringify(fresh));
    return { profile: fresh, dataKey };
  }
  const failures = (profile.failures ?? 0) + 1;
  const blocked = failures >= MAX_OFFLINE_FAILURES;
  const waitUntil = failures >= FREE_ATTEMPTS ? now + FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS) : undefined;
  store.setItem(keyFor(username), JSON.stringify({ ...profile, failures, ...(waitUntil ? { waitUntil } : {}), ...(blocked ? { blocked } : {}) }));
  return blocked ? 'blocked' : 'mismatch';
}

/** Keeps the rotated refresh token (and the search keys the refresh answer gave: a township's may have been rotated), sealed like the rest. */
export async function storeRefreshToken(
  store: KeyValueStore,
  username: string,
  dataKey: DataKey,
  refreshToken: string,
  searchKeys: SearchKeys | null,
): Promise<void> {
  const profile = readOfflineProfile(store, username);
  if (!profile) return;
  const secrets = await openProfileSecrets(profile, dataKey);
  if (!secrets) return;
  const next: ProfileSecrets = { ...secrets, refreshToken, searchKeys: searchKeys ?? secrets.searchKeys };
  // Read again: another write may have landed while sealing.
  const latest = readOfflineProfile(store, username) ?? profile;
  store.setItem(keyFor(username), JSON.stringify({ ...latest, secrets: await dataKey.seal(JSON.stringify(next)) }));
}

export function removeOfflineProfile(store: KeyValueStore, username: string): void {
  store.removeItem(keyFor(username));
}
