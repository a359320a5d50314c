import type { TokenResponse } from '../../../shared/sync/wire';
import type { KeyValueStore } from '../sync/pendingChanges';
import type { AppSession, SignInFailure, SignInInput } from '../types';
import { bundleKeysOf, saveOfflineProfile, unlockOfflineProfile, type BundleKeys } from './offlineProfile';

export type SignInOutcome =
  | {
      ok: true;
      session: AppSession;
      tokens: TokenResponse | null;
      refreshToken: string | null;
      searchKey: string | null;
      bundle: BundleKeys | null;
    }
  | { ok: false; reason: SignInFailure };

export function normalizeServerUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, '');
}

/** A stable id for this browser profile or laptop, sent with every sign-in so a lost device can be revoked. */
export function deviceIdOf(store: KeyValueStore): string {
  const existing = store.getItem('jiuzhu:deviceId');
  if (existing) return existing;
  const id = `dev-${crypto.randomUUID()}`;
  store.setItem('jiuzhu:deviceId', id);
  return id;
}

/**
 * Signs in against the server; when the server cannot be reached (or fails), against the
 * profile an earlier online sign-in left on this device. A wrong password the server refused
 * is never retried offline.
 */
export async function signIn(input: SignInInput, store: KeyValueStore, deviceName: string): Promise<SignInOutcome> {
  const serverUrl = normalizeServerUrl(input.serverUrl);
  const username = input.username.trim();
  let response: Response | null;
  try {
    response = await fetch(`${serverUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: input.password, deviceId: deviceIdOf(store), deviceName }),
    });
  } catch {
    response = null;
  }
  if (response?.ok) {
    const tokens = (await response.json()) as TokenResponse;
    const searchKey = tokens.searchKey ?? null;
    await saveOfflineProfile(store, {
      serverUrl,
      user: tokens.user,
      password: input.password,
      refreshToken: tokens.refreshToken,
      searchKey,
      bundleKey: tokens.bundleKey ?? null,
      bundlePublicKey: tokens.bundlePublicKey ?? null,
    });
    const bundle = tokens.bundleKey && tokens.bundlePublicKey ? { signingKey: tokens.bundleKey, serverPublicKey: tokens.bundlePublicKey } : null;
    return { ok: true, session: { user: tokens.user, serverUrl, offline: false }, tokens, refreshToken: tokens.refreshToken, searchKey, bundle };
  }
  if (response && response.status === 401) return { ok: false, reason: 'invalid_credentials' };
  if (response && response.status === 429) return { ok: false, reason: 'rate_limited' };
  if (response && response.status < 500) return { ok: false, reason: 'server_error' };

  const profile = await unlockOfflineProfile(store, username, input.password);
  if (profile === 'none') return { ok: false, reason: response ? 'server_error' : 'no_offline_profile' };
  if (profile === 'mismatch') return { ok: false, reason: 'invalid_credentials' };
  if (profile === 'wait') return { ok: false, reason: 'rate_limited' };
  if (profile === 'blocked') return { ok: false, reason: 'profile_locked' };
  return {
    ok: true,
    session: { user: profile.user, serverUrl: profile.serverUrl, offline: true },
    tokens: null,
    refreshToken: profile.refreshToken,
    searchKey: profile.searchKey ?? null,
    bundle: bundleKeysOf(profile),
  };
}
