import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { Workspace } from '../../renderer/data/core/workspace';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { initI18n } from '../../renderer/i18n';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { appTooOldMessage } from '../../shared/wire/appVersion';
import { addUser } from '../../server/users/userStore';
import { laptop, type Laptop } from '../support/laptop';
import { startTestServer, type TestServer } from '../support/testServer';

/** The desktop host's update check, as the platform adapter offers it (a browser has none). */
const host = { checkForUpdates: vi.fn(async (_serverUrl: string) => ({ ok: true as const, value: null })) };

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';

let server: TestServer;
let open: Workspace | null = null;
beforeAll(async () => {
  server = await startTestServer('pglite', { server: { minAppVersion: '0.3.0' } });
  await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await open?.close();
  open = null;
});
afterAll(async () => server?.close());

/** The app at `appVersion` on this laptop, signed in through the real sign-in path. */
async function appAt(device: Laptop, appVersion: string): Promise<Workspace> {
  const outcome = await signIn({ serverUrl: server.url, username: 'xieli', password: PASSWORD }, device.store, 'test');
  if (!outcome.ok) throw new Error(outcome.reason);
  open = await Workspace.open(outcome.session, outcome, {
    storage: getRxStorageDexie(),
    store: device.store,
    events: device.events,
    isNavigatorOnline: () => true,
    appVersion,
    updates: host,
  });
  return open;
}

async function householdsOnServer(): Promise<string[]> {
  const rows = await server.db.query<{ id: string }>("SELECT id FROM documents WHERE collection = 'households'");
  return rows.map((row) => row.id);
}

it('tells an old app in words which version to update to, stops asking the server, keeps its unsent records and sends them once updated', async () => {
  const device = laptop();
  const old = await appAt(device, '0.2.0');
  const status = await firstValueFrom(old.sync.status$.pipe(filter((s) => s.lastError === 'sync.error.tooOld' && s.requiredAppVersion === '0.3.0')));
  expect(status.requiredAppVersion).toBe('0.3.0');
  // The refusal itself starts the host's look for the update, at the server that refused.
  expect(host.checkForUpdates).toHaveBeenCalledWith(server.url);

  const saved = await saveHousehold(old, {
    areaCode: VILLAGE,
    address: '碣石山镇测试村3号',
    members: [{ id: 'm1', name: '孙秀英', idNumber: makeIdNumber('371623', '1950-03-08', 21), relation: 'head' as const }],
  });
  await firstValueFrom(old.sync.status$.pipe(filter((s) => s.pending === 1)));
  // Nothing is being synced meanwhile: no 正在同步, and 立即同步 stays there to ask again.
  expect(old.sync.status$.value.syncing).toBe(false);
  expect(old.sync.collections$.value.some((c) => c.syncing)).toBe(false);

  // Refused once, the app sends nothing more: no loop of requests the server would refuse again.
  const requests = vi.spyOn(globalThis, 'fetch');
  await expect(old.client.pull('households', null, 10)).rejects.toMatchObject({ kind: 'tooOld', minVersion: '0.3.0' });
  await expect(old.client.push('households', [{ assumedMasterState: null, newDocumentState: { id: saved.id, _deleted: false } }])).rejects.toMatchObject({ kind: 'tooOld' });
  expect(requests).not.toHaveBeenCalled();
  vi.restoreAllMocks();
  expect(await householdsOnServer()).not.toContain(saved.id);

  // What the person reads is the server's own sentence, with the version it named.
  const i18n = await initI18n('zh-CN');
  expect(i18n.t('sync.error.tooOld', { version: status.requiredAppVersion })).toBe(appTooOldMessage('0.3.0'));

  // The updated app opens the same laptop's records: the household is still here and goes up.
  await old.close();
  open = null;
  const updated = await appAt(device, '0.3.0');
  expect((await updated.db.households.findOne(saved.id).exec())?.address).toBe('碣石山镇测试村3号');
  await firstValueFrom(updated.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastError === null && s.lastSyncAt !== null)));
  expect(await householdsOnServer()).toContain(saved.id);
  expect(updated.sync.status$.value.requiredAppVersion ?? null).toBeNull();
}, 60_000);
