import type { JiuzhuHostApi } from '../../../../shared/ipc/contract';
import type { KeyValueStore } from '../keyValueStore';
import { DataKey } from './dataKey';
import { platform } from '../platform';

/** The Electron host's OS keyring (safeStorage); absent in a plain browser. */
export type SecretProtector = Pick<JiuzhuHostApi, 'protectSecret' | 'unprotectSecret'>;

const SESSION_KEY = 'jiuzhu:sessionDataKey';

/** The host's keyring when the app runs in Electron (the platform chosen at start). */
export function hostProtector(): SecretProtector | null {
  return platform().keyring;
}

/**
 * Keeps the open session's data key where a reload finds it (sessionStorage, gone with the
 * window). In Electron it is sealed by the OS keyring first, so what the browser engine writes
 * to disk for the session is useless without this OS user's login. In a plain browser there is
 * no keyring: the key sits in sessionStorage while the session is open (SECURITY.md says so).
 */
export async function rememberSessionKey(store: KeyValueStore, dataKey: DataKey, host: SecretProtector | null): Promise<void> {
  if (!host) {
    store.setItem(SESSION_KEY, `plain:${dataKey.exportForWrapping()}`);
    return;
  }
  const sealed = await host.protectSecret(dataKey.exportForWrapping());
  // No keyring (e.g. Linux without one): keep nothing; a reload asks for the password again.
  if (sealed.ok) store.setItem(SESSION_KEY, `os:${sealed.value}`);
  else store.removeItem(SESSION_KEY);
}

/** The key a reload needs, or null (signed out, another machine, or no keyring). */
export async function recallSessionKey(store: KeyValueStore, host: SecretProtector | null): Promise<DataKey | null> {
  const value = store.getItem(SESSION_KEY);
  try {
    if (value?.startsWith('plain:') && !host) return DataKey.fromExported(value.slice('plain:'.length));
    if (value?.startsWith('os:') && host) {
      const opened = await host.unprotectSecret(value.slice('os:'.length));
      return opened.ok ? DataKey.fromExported(opened.value) : null;
    }
  } catch {
    // A damaged value: sign in again.
  }
  return null;
}

export function forgetSessionKey(store: KeyValueStore): void {
  store.removeItem(SESSION_KEY);
}
