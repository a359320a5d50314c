import { describe, expect, it } from 'vitest';
import { IdleLock } from '../../renderer/data/core/auth/idleLock';
import { MAX_OFFLINE_FAILURES, saveOfflineProfile, unlockOfflineProfile } from '../../renderer/data/core/auth/offlineProfile';
import { DataKey } from '../../renderer/data/core/keys/dataKey';
import { memoryStore } from '../../harness/memoryStore';

const user = { id: 'u-1', username: 'xieli', displayName: '王秀兰', role: 'assistant' as const, areaCode: '371623102201' };
const secrets = { refreshToken: 'r', searchKeys: { '371623102': 'k' }, bundleKey: null, bundlePublicKey: null };

describe('the local profile', () => {
  it('slows repeated wrong passwords down and then locks until an online sign-in', async () => {
    const store = memoryStore();
    await saveOfflineProfile(store, { serverUrl: 'http://x', user, password: 'right-pass', dataKey: DataKey.generate(), deviceDataKey: null, secrets });
    let now = 1_000_000;
    expect(await unlockOfflineProfile(store, 'xieli', 'wrong', now)).toBe('mismatch');
    expect(await unlockOfflineProfile(store, 'xieli', 'wrong', now)).toBe('mismatch');
    expect(await unlockOfflineProfile(store, 'xieli', 'wrong', now)).toBe('mismatch');
    // The third failure starts the wait: even the right password must wait.
    expect(await unlockOfflineProfile(store, 'xieli', 'right-pass', now + 1000)).toBe('wait');
    now += 15_001;
    expect(await unlockOfflineProfile(store, 'xieli', 'right-pass', now)).toMatchObject({ profile: { user } });
    // A right password starts the count again; ten wrong ones in a row lock the profile.
    for (let i = 0; i < MAX_OFFLINE_FAILURES; i++) {
      now += 10 * 60_000 * 2 ** i;
      await unlockOfflineProfile(store, 'xieli', 'wrong', now);
    }
    expect(await unlockOfflineProfile(store, 'xieli', 'right-pass', now + 365 * 86_400_000)).toBe('blocked');
    await saveOfflineProfile(store, { serverUrl: 'http://x', user, password: 'right-pass', dataKey: DataKey.generate(), deviceDataKey: null, secrets });
    expect(await unlockOfflineProfile(store, 'xieli', 'right-pass', now)).toMatchObject({ profile: { user } });
  });
});

describe('the idle lock', () => {
  it('locks after the set time without activity, not while someone works, and at once after sleep', () => {
    const events = new EventTarget();
    let now = 0;
    const lock = new IdleLock(events, 10 * 60_000, () => now, 60_000_000);
    now = 9 * 60_000;
    events.dispatchEvent(new Event('keydown'));
    now = 15 * 60_000;
    lock.check();
    expect(lock.locked$.value).toBe(false);
    now = 19 * 60_000 + 1;
    lock.check();
    expect(lock.locked$.value).toBe(true);
    events.dispatchEvent(new Event('pointermove'));
    expect(lock.locked$.value).toBe(true);
    lock.unlocked();
    now += 3 * 3600_000; // the lid was closed for three hours
    lock.check();
    expect(lock.locked$.value).toBe(true);
    lock.dispose();
  });
});
