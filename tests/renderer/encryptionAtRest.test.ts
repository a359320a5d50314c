import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { searchHouseholds } from '../../renderer/data/households/householdSearch';
import type { KeyValueStore } from '../../renderer/data/core/keyValueStore';
import { saveVisit } from '../../renderer/data/visits/visitRecords';
import { Workspace } from '../../renderer/data/core/workspace';
import { idNumberHashes } from '../../shared/domain/idHash';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { resetPassword } from '../../server/admin/userAdmin';
import { addUser, findUserByUsername } from '../../server/users/userStore';
import { startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';
const ID_NUMBER = makeIdNumber('371623', '1955-08-09', 417);
const PHONE = '13955501234';
const ILLNESS = '尿毒症晚期每周透析';
const FINDINGS = '户主透析费用无力承担';

/** localStorage on a Map, listing what it holds: the test reads every value a laptop keeps. */
function listingStore(): KeyValueStore & { values(): string[]; keys(): string[] } {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    values: () => [...map.values()],
    keys: () => [...map.keys()],
  };
}

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Everything in every IndexedDB database of this process, as text: what lies on the disk. */
async function indexedDbText(): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    const open = indexedDB.open(info.name!);
    const db = await request(open);
    for (const storeName of [...db.objectStoreNames]) {
      const rows = await request(db.transaction(storeName, 'readonly').objectStore(storeName).getAll());
      parts.push(JSON.stringify(rows));
    }
    db.close();
  }
  return parts.join('\n');
}

const deps = (store: KeyValueStore) => ({ storage: getRxStorageDexie(), store, events: new EventTarget(), isNavigatorOnline: () => true });

async function open(server: { url: string }, store: KeyValueStore, password = PASSWORD, serverUrl = server.url): Promise<Workspace> {
  const outcome = await signIn({ serverUrl, username: 'xieli_a', password }, store, 'test');
  if (!outcome.ok) throw new Error(outcome.reason);
  return Workspace.open(outcome.session, outcome, deps(store));
}

const synced = (workspace: Workspace) => firstValueFrom(workspace.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null)));

describe('personal data at rest on the laptop', () => {
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

  it('keeps ID numbers, phones, diagnoses and notes out of IndexedDB and localStorage in plain text; the household is still found by ID number and by name', async () => {
    const store = listingStore();
    workspace = await open(server, store);
    const household = await saveHousehold(workspace, {
      areaCode: VILLAGE,
      address: '碣石山镇测试村8号',
      phone: PHONE,
      members: [{ id: 'm1', name: '钱守田', idNumber: ID_NUMBER, relation: 'head', seriousIllness: true, illnessNote: ILLNESS }],
    });
    await saveVisit(workspace, household.id, { type: 'routine', visitDate: '2026-11-20', investigators: ['王秀兰'], findings: FINDINGS });
    // Pushed: the replication's record of the server state (assumed master state) is on disk too.
    await synced(workspace);
    await workspace.close();
    workspace = null;

    const disk = await indexedDbText();
    // The scan sees the stored records (their plain ids), so the absences below mean something.
    expect(disk).toContain(household.id);
    // Nothing names the person: not the name, the address, the ID number, the phone, the diagnosis.
    const secrets = [ID_NUMBER, PHONE, ILLNESS, FINDINGS, '钱守田', '碣石山镇测试村8号'];
    for (const secret of secrets) expect(disk).not.toContain(secret);
    const local = store.values().join('\n');
    for (const secret of secrets) expect(local).not.toContain(secret);
    // Nor the secrets the server gave at sign-in.
    const login = await signIn({ serverUrl: server.url, username: 'xieli_a', password: PASSWORD }, listingStore(), 'peek');
    const searchKeys = login.ok ? Object.values(login.searchKeys) : [];
    expect(searchKeys).toHaveLength(1);
    for (const key of searchKeys) expect(local).not.toContain(key);

    // Offline (no server at that address), the password opens it all again.
    workspace = await open(server, store, PASSWORD, 'http://127.0.0.1:9');
    expect(workspace.session.offline).toBe(true);
    const byId = await searchHouseholds(workspace.db, { text: ID_NUMBER }, await idNumberHashes(workspace.searchKeys, ID_NUMBER));
    expect(byId.map((d) => d.members[0]?.illnessNote)).toEqual([ILLNESS]);
    const byName = await searchHouseholds(workspace.db, { text: '守田' }, null);
    expect(byName.map((d) => d.phone)).toEqual([PHONE]);
  });

  it('after an administrator resets the password, an online sign-in with the new one still opens the unsent changes', async () => {
    const store = listingStore();
    const first = await signIn({ serverUrl: server.url, username: 'xieli_a', password: PASSWORD }, store, 'test');
    if (!first.ok) throw new Error(first.reason);
    // Written while the server is out of reach (nothing listens at that address): it waits on the laptop.
    workspace = await Workspace.open({ ...first.session, serverUrl: 'http://127.0.0.1:9' }, first, deps(store));
    const household = await saveHousehold(workspace, {
      areaCode: VILLAGE,
      address: '碣石山镇测试村9号',
      members: [{ id: 'm1', name: '孙有福', idNumber: makeIdNumber('371623', '1949-02-11', 233), relation: 'head' }],
    });
    expect(workspace.pending.idsOf('households')).toContain(household.id);
    await workspace.close();
    workspace = null;

    const user = await findUserByUsername(server.db, 'xieli_a');
    await resetPassword(server.db, user!.id, 'new-password-456');
    // The new password cannot open the old password's wrap; the server's per-device key can.
    workspace = await open(server, store, 'new-password-456');
    expect(workspace.session.offline).toBe(false);
    expect((await workspace.db.households.findOne(household.id).exec())?.toJSON().members[0]?.name).toBe('孙有福');
    expect(workspace.pending.idsOf('households')).toContain(household.id);
  });
});
