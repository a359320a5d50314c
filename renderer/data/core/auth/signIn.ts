import type { SearchKeys } from '../../../../shared/domain/idHash';
import type { TokenAnswer } from '../../../../shared/sync/wire';
import { tokenAnswerSchema } from '../../../../shared/sync/wireSchemas';
import type { KeyValueStore } from '../keyValueStore';
import { appVersionHeaders } from '../appVersion';
import type { AppSession, SignInFailure, SignInInput } from '../types';
import { DataKey, unwrapForDevice, unwrapWithPassword } from '../keys/dataKey';
import {
  bundleKeysOf,
  openProfileSecrets,
  readOfflineProfile,
  saveOfflineProfile,
  unlockOfflineProfile,
  type BundleKeys,
  type ProfileSecrets,
} from './offlineProfile';

export type SignInOutcome =
  | {
      ok: true;
      session: AppSession;
      tokens: TokenAnswer | null;
      refreshToken: string | null;
      /** ID-number search keys by township; empty for a profile saved before the server sent them. */
      searchKeys: SearchKeys;
      bundle: BundleKeys | null;
      /** Opens this user's local database (and seals the profile and drafts). */
      dataKey: DataKey;
      /**
       * A new key: whatever an earlier key sealed on this laptop cannot be read any more and
       * is removed before the database opens.
       */
      freshDataKey: boolean;
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
      headers: { ...appVersionHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: input.password, deviceId: deviceIdOf(store), deviceName }),
    });
  } catch {
    response = null;
  }
  // An answer that is not the contract's (a proxy's page, another program at that address) is
  // treated as a server that failed: the offline profile may still open.
  let tokens: TokenAnswer | null = null;
  if (response?.ok) {
    const parsed = tokenAnswerSchema.safeParse(await response.json().catch(() => undefined));
    if (parsed.success) tokens = parsed.data as TokenAnswer;
  }
  if (tokens) {
    const { dataKey, fresh } = await dataKeyAtOnlineSignIn(store, tokens, username, input.password);
    const keys = await keysOfAnswer(store, tokens, username, dataKey, fresh);
    // A relay that signed the person in while the county was away sends no keys: a laptop that has
    // never held them cannot sign its pushes or find ID numbers, so it must meet the county once.
    if (!keys) return { ok: false, reason: 'no_keys_from_relay' };
    const kept = readOfflineProfile(store, username);
    await saveOfflineProfile(store, {
      serverUrl,
      user: tokens.user,
      password: input.password,
      dataKey,
      deviceDataKey: tokens.deviceDataKey ?? null,
      keptDataKeyByDevice: !fresh && kept?.user.id === tokens.user.id ? kept.dataKeyByDevice : null,
      secrets: { refreshToken: tokens.refreshToken, ...keys },
    });
    return {
      ok: true,
      session: { user: tokens.user, serverUrl, offline: false },
      tokens,
      refreshToken: tokens.refreshToken,
      searchKeys: keys.searchKeys,
      bundle: bundleKeysOf({ refreshToken: tokens.refreshToken, ...keys }),
      dataKey,
      freshDataKey: fresh,
    };
  }
  if (response && response.status === 401) {
    const code = await response.json().then((body: { error?: { code?: unknown } }) => body.error?.code, () => null);
    return { ok: false, reason: code === 'invalid_credentials_at_relay' ? 'invalid_credentials_at_relay' : 'invalid_credentials' };
  }
  if (response && response.status === 429) return { ok: false, reason: 'rate_limited' };
  if (response && !response.ok && response.status < 500) return { ok: false, reason: 'server_error' };

  const unlocked = await unlockOfflineProfile(store, username, input.password);
  if (unlocked === 'none') return { ok: false, reason: response ? 'server_error' : 'no_offline_profile' };
  if (unlocked === 'mismatch') return { ok: false, reason: 'invalid_credentials' };
  if (unlocked === 'wait') return { ok: false, reason: 'rate_limited' };
  if (unlocked === 'blocked') return { ok: false, reason: 'profile_locked' };
  const { profile, dataKey } = unlocked;
  const secrets = await openProfileSecrets(profile, dataKey);
  if (!secrets) return { ok: false, reason: 'no_offline_profile' };
  return {
    ok: true,
    session: { user: profile.user, serverUrl: profile.serverUrl, offline: true },
    tokens: null,
    refreshToken: secrets.refreshToken,
    searchKeys: secrets.searchKeys ?? {},
    bundle: bundleKeysOf(secrets),
    dataKey,
    freshDataKey: false,
  };
}

type AnswerKeys = Pick<ProfileSecrets, 'bundleKey' | 'bundlePublicKey'> & { searchKeys: SearchKeys };

/**
 * The keys a sign-in answer gives, or, for an answer without them (a township relay signing the
 * person in on its own while the county is away, issue 17), those this laptop's profile already
 * holds for the same user. Null when there are none to keep: a first sign-in on this laptop.
 */
async function keysOfAnswer(store: KeyValueStore, tokens: TokenAnswer, username: string, dataKey: DataKey, fresh: boolean): Promise<AnswerKeys | null> {
  if (tokens.bundleKey && tokens.bundlePublicKey) {
    return { searchKeys: tokens.searchKeys ?? {}, bundleKey: tokens.bundleKey, bundlePublicKey: tokens.bundlePublicKey };
  }
  const profile = readOfflineProfile(store, username);
  const secrets = !fresh && profile && profile.user.id === tokens.user.id ? await openProfileSecrets(profile, dataKey) : null;
  if (!secrets?.bundleKey || !secrets.bundlePublicKey) return null;
  return { searchKeys: tokens.searchKeys ?? secrets.searchKeys ?? {}, bundleKey: secrets.bundleKey, bundlePublicKey: secrets.bundlePublicKey };
}

/**
 * The laptop's data key for this user, kept across online sign-ins. The server's per-device key
 * opens it even after an admin reset the password (the old password's wrap no longer opens);
 * the password opens it when the server sent no such key. Only when neither does is a new key
 * made — and then the old local data is unreadable and goes.
 */
async function dataKeyAtOnlineSignIn(
  store: KeyValueStore,
  tokens: TokenAnswer,
  username: string,
  password: string,
): Promise<{ dataKey: DataKey; fresh: boolean }> {
  const existing = readOfflineProfile(store, username);
  if (existing && existing.user.id === tokens.user.id) {
    const byDevice = tokens.deviceDataKey && existing.dataKeyByDevice ? await unwrapForDevice(existing.dataKeyByDevice, tokens.deviceDataKey) : null;
    const dataKey = byDevice ?? (await unwrapWithPassword(existing.dataKeyByPassword, password));
    if (dataKey) return { dataKey, fresh: false };
  }
  return { dataKey: DataKey.generate(), fresh: true };
}
