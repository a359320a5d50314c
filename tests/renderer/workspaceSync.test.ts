import 'fake-indexeddb/auto';
import { firstValueFrom, filter } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../renderer/data/auth/signIn';
import { saveHousehold } from '../../renderer/data/householdRecords';
import { saveVisit } from '../../renderer/data/visitRecords';
import { Workspace } from '../../renderer/data/workspace';
import { addUser } from '../../server/users/userStore';
import { memoryStore } from '../support/memoryStore';
import { startTestServer, type TestServer } from '../support/testServer';
import { makeIdNumber } from '../../shared/domain/idNumber';

const VILLAGE_A = '371623102201';
const VILLAGE_B = '371623102202';

/** A laptop: its own storage, its own key-value store, its own online/offline events. */
function laptop() {
  const events = new EventTarget();
  return { store: memoryStore(), events, online: true };
}

async function openOn(server: TestServer, device: ReturnType<typeof laptop>, username: string) {
  const outcome = await signIn({ serverUrl: server.url, username, password: 'password-123' }, device.store, 'test');
  if (!outcome.ok) throw new Error(outcome.reason);
  return Workspace.open(outcome.session, outcome, {
    storage: getRxStorageDexie(),
    store: device.store,
    events: device.events,
    isNavigatorOnline: () => device.online,
  });
}

const form = (areaCode: string, name: string) => ({
  areaCode,
  address: '碣石山镇测试村12号',
  members: [
    { id: 'm1', name, idNumber: makeIdNumber('371623', '1958-04-02', 13), relation: 'head' as const },
    { id: 'm2', name: `${name}之妻`, idNumber: makeIdNumber('371623', '1960-10-20', 24), relation: 'spouse' as const },
  ],
});

describe('two laptops syncing through the real server (PGlite)', () => {
  let server: TestServer;
  const opened: Workspace[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli_a', password: 'password-123', role: 'assistant', areaCode: VILLAGE_A });
    await addUser(server.db, { username: 'xieli_b', password: 'password-123', role: 'assistant', areaCode: VILLAGE_B });
    await addUser(server.db, { username: 'zhen', password: 'password-123', role: 'township', areaCode: '371623102000' });
  });
  afterAll(async () => {
    await Promise.all(opened.map((w) => w.close()));
    await server?.close();
  });

  it('a household saved in a village reaches the township live, never the other village, and nothing stays waiting', async () => {
    const village = await openOn(server, laptop(), 'xieli_a');
    const other = await openOn(server, laptop(), 'xieli_b');
    const township = await openOn(server, laptop(), 'zhen');
    opened.push(village, other, township);

    const saved = await saveHousehold(village, form(VILLAGE_A, '赵文龙'));
    const arrived = await firstValueFrom(
      township.db.households.findOne(saved.id).$.pipe(filter((doc) => doc !== null)),
    );
    expect(arrived?.members.map((m) => m.name)).toEqual(['赵文龙', '赵文龙之妻']);
    expect(arrived?.members[0]?.birthDate).toBe('1958-04-02');

    const visit = await saveVisit(village, saved.id, {
      type: 'routine',
      visitDate: '2026-11-28',
      investigators: ['王秀兰'],
      findings: '老人腿脚不便，需要冬季取暖补助。',
    });
    await firstValueFrom(township.db.visits.findOne(visit.id).$.pipe(filter((doc) => doc !== null)));
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null)));

    // The other village pulls after the household is on the server, and still does not get it.
    const asked = Date.now();
    other.sync.syncNow();
    await firstValueFrom(other.sync.status$.pipe(filter((s) => (s.lastSyncAt ?? 0) >= asked && !s.syncing)));
    expect(await other.db.households.findOne(saved.id).exec()).toBeNull();
  });

  it('keeps changes made while the server is unreachable and sends them once it is back', async () => {
    const device = laptop();
    const village = await openOn(server, device, 'xieli_a');
    opened.push(village);
    const serverUrl = server.url;
    // Offline: point the laptop's requests at a closed port by shutting the network off for fetch.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    try {
      device.online = false;
      device.events.dispatchEvent(new Event('offline'));
      const saved = await saveHousehold(village, form(VILLAGE_A, '张秀英'));
      await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending >= 1 && !s.online)));
      globalThis.fetch = realFetch;
      device.online = true;
      device.events.dispatchEvent(new Event('online'));
      await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.online)));
      const response = await realFetch(`${serverUrl}/api/v1/health`);
      expect(response.status).toBe(200);
      const township = await openOn(server, laptop(), 'zhen');
      opened.push(township);
      const arrived = await firstValueFrom(township.db.households.findOne(saved.id).$.pipe(filter((d) => d !== null)));
      expect(arrived?.address).toBe('碣石山镇测试村12号');
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
