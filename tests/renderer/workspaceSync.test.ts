import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { searchHouseholds } from '../../renderer/data/households/householdSearch';
import { saveVisit } from '../../renderer/data/visits/visitRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { hashIdNumber, searchKeyFor } from '../../shared/domain/idHash';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, newRow } from '../support/documents';
import { laptop, openWorkspace, type Laptop } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE_A = '371623102201';
const VILLAGE_B = '371623102202';
const PASSWORD = 'password-123';


/**
 * RxDB's open-core build allows 13 open collections per process and a workspace opens seven,
 * so each test keeps one laptop open at a time; the other side is the server's HTTP API.
 */
let open: Workspace | null = null;

async function openOn(server: TestServer, device: Laptop, username: string): Promise<Workspace> {
  open = await openWorkspace(server, device, username, PASSWORD);
  return open;
}

async function closeOpen(): Promise<void> {
  await open?.close();
  open = null;
}

const form = (areaCode: string, name: string, seq: number) => ({
  areaCode,
  address: '碣石山镇测试村12号',
  members: [
    { id: 'm1', name, idNumber: makeIdNumber('371623', '1958-04-02', seq), relation: 'head' as const },
    { id: 'm2', name: `${name}之妻`, idNumber: makeIdNumber('371623', '1960-10-20', seq + 1), relation: 'spouse' as const },
  ],
});

async function login(server: TestServer, username: string): Promise<TokenResponse> {
  const answer = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId: `dev-${username}-api` });
  return answer.body;
}

describe('a laptop syncing through the real server (PGlite)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli_a', password: PASSWORD, role: 'assistant', areaCode: VILLAGE_A });
    await addUser(server.db, { username: 'xieli_b', password: PASSWORD, role: 'assistant', areaCode: VILLAGE_B });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
  });
  afterEach(closeOpen);
  afterAll(async () => server?.close());

  it('pushes what a village saves; the township pulls it with every member, the other village never', async () => {
    const village = await openOn(server, laptop(), 'xieli_a');
    const saved = await saveHousehold(village, form(VILLAGE_A, '赵文龙', 13));
    const visit = await saveVisit(village, saved.id, {
      type: 'routine',
      visitDate: '2026-11-28',
      investigators: ['王秀兰'],
      findings: '老人腿脚不便，需要冬季取暖补助。',
    });
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null)));
    await closeOpen();

    const township = await openOn(server, laptop(), 'zhen');
    const arrived = await firstValueFrom(township.db.households.findOne(saved.id).$.pipe(filter((doc) => doc !== null)));
    expect(arrived?.members.map((m) => m.name)).toEqual(['赵文龙', '赵文龙之妻']);
    expect(arrived?.members[0]?.birthDate).toBe('1958-04-02');
    await firstValueFrom(township.db.visits.findOne(visit.id).$.pipe(filter((doc) => doc !== null)));
    // Reference data came along: the county's policy (with its placeholders) and colleagues' names.
    await firstValueFrom(township.db.policies.find().$.pipe(filter((docs) => docs.length > 0)));
    await firstValueFrom(township.db.users.find().$.pipe(filter((docs) => docs.length >= 3)));
    await closeOpen();

    const other = await openOn(server, laptop(), 'xieli_b');
    await firstValueFrom(other.sync.status$.pipe(filter((s) => s.lastSyncAt !== null && !s.syncing)));
    const asked = Date.now();
    other.sync.syncNow();
    await firstValueFrom(other.sync.status$.pipe(filter((s) => (s.lastSyncAt ?? 0) >= asked && !s.syncing)));
    expect(await other.db.households.findOne(saved.id).exec()).toBeNull();
    expect(await other.db.users.find({ selector: { role: 'assistant' } }).exec()).toHaveLength(1);
  });

  it('receives a change pushed elsewhere live, through the stream', async () => {
    const township = await openOn(server, laptop(), 'zhen');
    await firstValueFrom(township.sync.status$.pipe(filter((s) => s.lastSyncAt !== null)));
    const elsewhere = makeHousehold(VILLAGE_B);
    const tokens = await login(server, 'xieli_b');
    expect((await api(server, tokens.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(elsewhere)])).status).toBe(200);
    const arrived = await firstValueFrom(township.db.households.findOne(elsewhere.id).$.pipe(filter((d) => d !== null)));
    expect(arrived?.address).toBe(elsewhere.address);
  });

  it('finds a household by ID number through the keyed hash, with no plaintext index', async () => {
    const village = await openOn(server, laptop(), 'xieli_a');
    const saved = await saveHousehold(village, form(VILLAGE_A, '钱玉兰', 41));
    const idNumber = saved.members[0]!.idNumber;
    // The village's laptop holds its own township's key, and only that one.
    expect(Object.keys(village.searchKeys)).toEqual([VILLAGE_A.slice(0, 9)]);
    const key = searchKeyFor(village.searchKeys, VILLAGE_A)!;
    expect(saved.idHashes?.[0]).toBe(await hashIdNumber(key, idNumber));
    expect(saved.idHashes?.join()).not.toContain(idNumber);
    const found = await searchHouseholds(village.db, { text: idNumber }, await hashIdNumber(key, idNumber));
    expect(found.map((d) => d.id)).toEqual([saved.id]);
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));
  });

  it('keeps changes made while the server is unreachable and sends them once it is back', async () => {
    const device = laptop();
    const village = await openOn(server, device, 'xieli_a');
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    try {
      device.online = false;
      device.events.dispatchEvent(new Event('offline'));
      const saved = await saveHousehold(village, form(VILLAGE_A, '张秀英', 61));
      await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending >= 1 && !s.online)));
      globalThis.fetch = realFetch;
      device.online = true;
      device.events.dispatchEvent(new Event('online'));
      await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.online)));
      const tokens = await login(server, 'zhen');
      const pulled = await api<{ documents: { id: string }[] }>(server, tokens.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
      expect(pulled.body.documents.map((d) => d.id)).toContain(saved.id);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
