import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../shared/ipc/contract';
import { DataKey } from '../../renderer/data/core/keys/dataKey';
import { forgetSessionKey, recallSessionKey, rememberSessionKey, type SecretProtector } from '../../renderer/data/core/keys/sessionKey';
import { memoryStore } from '../../harness/memoryStore';

/** An OS keyring like Electron's safeStorage behind the IPC contract: opens only what it sealed. */
function fakeKeyring(available = true): SecretProtector & { sealed: Map<string, string> } {
  const sealed = new Map<string, string>();
  let n = 0;
  return {
    sealed,
    async protectSecret(plain): Promise<IpcResult<string>> {
      if (!available) return { ok: false, error: { code: 'unavailable', message: 'no keyring' } };
      const token = btoa(`sealed-${n++}`);
      sealed.set(token, plain);
      return { ok: true, value: token };
    },
    async unprotectSecret(token): Promise<IpcResult<string>> {
      const plain = sealed.get(token);
      return plain ? { ok: true, value: plain } : { ok: false, error: { code: 'failed', message: 'not ours' } };
    },
  };
}

describe('the open session’s data key', () => {
  it('in the desktop app is kept only as the OS keyring sealed it, and a reload gets the same key back', async () => {
    const store = memoryStore();
    const keyring = fakeKeyring();
    const key = DataKey.generate();
    await rememberSessionKey(store, key, keyring);
    const kept = store.getItem('jiuzhu:sessionDataKey')!;
    expect(kept).not.toContain(key.exportForWrapping());
    expect((await recallSessionKey(store, keyring))?.exportForWrapping()).toBe(key.exportForWrapping());
    // Another machine's (or OS user's) keyring cannot open it.
    expect(await recallSessionKey(store, fakeKeyring())).toBeNull();
    forgetSessionKey(store);
    expect(await recallSessionKey(store, keyring)).toBeNull();
  });

  it('keeps nothing when the OS has no keyring, so a reload asks for the password', async () => {
    const store = memoryStore();
    await rememberSessionKey(store, DataKey.generate(), fakeKeyring(false));
    expect(store.size()).toBe(0);
  });

  it('in a plain browser sits in session storage until sign-out', async () => {
    const store = memoryStore();
    const key = DataKey.generate();
    await rememberSessionKey(store, key, null);
    expect((await recallSessionKey(store, null))?.exportForWrapping()).toBe(key.exportForWrapping());
    forgetSessionKey(store);
    expect(await recallSessionKey(store, null)).toBeNull();
  });
});
