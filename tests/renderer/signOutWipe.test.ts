import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { openJiuzhuDatabase } from '../../renderer/data/core/database';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { DataKey } from '../../renderer/data/core/keys/dataKey';
import type { KeyValueStore } from '../../renderer/data/core/keyValueStore';
import { Workspace } from '../../renderer/data/core/workspace';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { addUser } from '../../server/users/userStore';
import { startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';
const UNREACHABLE = 'http://127.0.0.1:9';

function listingStore(): KeyValueStore & { keys(): string[]; values(): string[] } {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    keys: () => [...map.keys()],
    values: () => [...map.values()],
  };
}

const deps = (store: KeyValueStore) => ({ storage: getRxStorageDexie(), store, events: new EventTarget(), isNavigatorOnline: () => true });

/** Signs in (online, or offline against the profile when `serverUrl` is unreachable) and opens the workspace. */
async function open(store: KeyValueStore, serverUrl: string, sessionServer?: string): Promise<Workspace> {
  const outcome = await signIn({ serverUrl, username: 'xieli_a', password: PASSWORD }, store, 'test');
  if (!outcome.ok) throw new Error(outcome.reason);
  return Workspace.open({ ...outcome.session, serverUrl: sessionServer ?? outcome.session.serverUrl }, outcome, deps(store));
}

const form = (name: string, seq: number) => ({
  areaCode: VILLAGE,
  address: '碣石山镇测试村3号',
  members: [{ id: 'm1', name, idNumber: makeIdNumber('371623', '1951-12-01', seq), relation: 'head' as const }],
});

describe('signing out and clearing the laptop', () => {
  let server: TestServer;
  let workspace: Workspace | null = null;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli_a', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
  });
  afterEach(async () => {
    await workspace?.close();
    workspace = null;
  });
  afterAll(async () => server?.close());

  it('signing out keeps unsent work encrypted for the same person, who opens it offline with the password', async () => {
    const store = listingStore();
    // Nothing listens at the session's address: the household waits on the laptop.
    workspace = await open(store, server.url, UNREACHABLE);
    const household = await saveHousehold(workspace, form('周桂芝', 301));
    workspace.drafts.set('visit:x', { findings: '周桂芝' });
    await workspace.close();
    workspace = null;

    expect(store.values().join('\n')).not.toContain('周桂芝');
    workspace = await open(store, UNREACHABLE);
    expect((await workspace.db.households.findOne(household.id).exec())?.toJSON().members[0]?.name).toBe('周桂芝');
    expect(workspace.drafts.get('visit:x')).toEqual({ findings: '周桂芝' });
    expect(workspace.pending.idsOf('households')).toEqual([household.id]);
  });

  it('清除本机数据 leaves no profile, drafts, waiting list or households behind for that user', async () => {
    const store = listingStore();
    workspace = await open(store, server.url, UNREACHABLE);
    const userId = workspace.session.user.id;
    await saveHousehold(workspace, form('吴金花', 302));
    workspace.drafts.set('visit:y', { findings: '吴金花' });
    await workspace.drafts.flushed();
    expect(store.keys().filter((key) => key.includes(userId) || key.includes('xieli_a')).length).toBeGreaterThanOrEqual(3);

    await workspace.wipe();
    workspace = null;

    expect(store.keys().filter((key) => key.includes(userId) || key.includes('xieli_a'))).toEqual([]);
    // No profile: an offline sign-in has nothing to open.
    expect(await signIn({ serverUrl: UNREACHABLE, username: 'xieli_a', password: PASSWORD }, store, 'test')).toEqual({ ok: false, reason: 'no_offline_profile' });
    // The database itself is gone: opening that name finds nothing.
    const db = await openJiuzhuDatabase(`jiuzhu-${userId}`.toLowerCase(), getRxStorageDexie(), { password: await DataKey.generate().databasePassword() });
    try {
      expect(await db.households.count().exec()).toBe(0);
    } finally {
      await db.remove();
    }
  });
});
