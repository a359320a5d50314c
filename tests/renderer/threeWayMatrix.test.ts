import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import type { HouseholdFormOutput } from '../../renderer/data/households/householdRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household } from '../../shared/schemas/household';
import { sameJson } from '../../shared/sync/merge';
import { PROVENANCE_FIELDS } from '../../shared/sync/writePolicy';
import type { TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { serverDocuments } from '../support/convergence';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { laptop, openWorkspace, type Laptop } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const TOWNSHIP = '371623102000';
const PASSWORD = 'password-123';

type Who = 'assistant' | 'gridWorker' | 'township';
const usernames: Record<Who, string> = { assistant: 'xieli', gridWorker: 'wangge', township: 'zhen' };

/** Every order in which the three laptops come back online. */
const orders: Who[][] = [
  ['assistant', 'gridWorker', 'township'],
  ['assistant', 'township', 'gridWorker'],
  ['gridWorker', 'assistant', 'township'],
  ['gridWorker', 'township', 'assistant'],
  ['township', 'assistant', 'gridWorker'],
  ['township', 'gridWorker', 'assistant'],
];

// Who wrote a version and when are the server's to say: a laptop keeps its own for its own writes.
const RX_FIELDS = new Set(['_meta', '_rev', '_attachments', '_deleted', ...PROVENANCE_FIELDS]);
const plain = (doc: object) => Object.fromEntries(Object.entries(doc).filter(([key]) => !RX_FIELDS.has(key)));

function formOf(doc: Household, change: Partial<HouseholdFormOutput> = {}): HouseholdFormOutput {
  const { areaCode, address, phone, note, members } = doc;
  return {
    areaCode,
    address,
    ...(phone ? { phone } : {}),
    ...(note ? { note } : {}),
    members: members.map(({ id, name, idNumber, relation }) => ({ id, name, idNumber, relation })),
    ...change,
  } as HouseholdFormOutput;
}

/**
 * The village assistant (laptop 1), the village's grid worker (网格员, an assistant too: laptop 2)
 * and the township (laptop 3) all change the same household while offline, then come back in every order.
 * RxDB's open-core build allows 13 open collections per process: one workspace is open at a time,
 * closed and reopened later on the same laptop, as a person shuts the lid and opens it again.
 */
describe('one household edited offline on three laptops, synced in every order (PostgreSQL)', () => {
  let server: TestServer;
  let zhenToken = '';
  let seq = 300;
  let open: Workspace | null = null;
  const devices = {} as Record<Who, { device: Laptop; proxy: FaultProxy }>;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'wangge', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: TOWNSHIP });
    zhenToken = (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-zhen-api' })).body.accessToken;
    // Each laptop has its own link, so one can be offline while another syncs.
    for (const who of Object.keys(usernames) as Who[]) {
      devices[who] = { device: laptop(), proxy: await startFaultProxy(Number(new URL(server.url).port)) };
    }
  }, 120_000);
  afterEach(async () => {
    await open?.close();
    open = null;
  });
  afterAll(async () => {
    await open?.close();
    for (const { proxy } of Object.values(devices)) await proxy.close();
    await server?.close();
  });

  async function openOn(who: Who, online: boolean): Promise<Workspace> {
    const { device, proxy } = devices[who];
    device.online = online;
    if (online) proxy.allow();
    else proxy.refuse();
    // Offline, the sign-in falls back to the profile the first online sign-in left on the laptop.
    open = await openWorkspace({ url: proxy.url }, device, usernames[who], PASSWORD);
    return open;
  }

  async function closeOpen(): Promise<void> {
    await open?.close();
    open = null;
  }

  async function serverCopy(id: string): Promise<Household> {
    const found = (await serverDocuments(server.url, zhenToken, 'households')).filter((d) => d.id === id);
    expect(found, 'the household is on the server once').toHaveLength(1);
    return found[0] as unknown as Household;
  }

  /** Online until this laptop's copy and the server's agree and nothing waits (bounded by the test's timeout). */
  async function inStep(ws: Workspace, id: string): Promise<Household> {
    await firstValueFrom(ws.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null)));
    for (;;) {
      const local = (await ws.db.households.findOne(id).exec())?.toJSON() as Household | undefined;
      const remote = await serverCopy(id);
      if (local && sameJson(plain(local), plain(remote)) && ws.pending.countOf('households') === 0) return local;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  /** Each person's offline change; the assistant and the township both rewrite the address. */
  const edits: Record<Who, (ws: Workspace, doc: Household) => Promise<void>> = {
    async assistant(ws, doc) {
      const members = [
        ...formOf(doc).members,
        { id: 'm3', name: '赵小龙', idNumber: makeIdNumber('371623', '2010-09-09', seq++), relation: 'child' as const },
      ];
      await saveHousehold(ws, formOf(doc, { address: '村里改：一村21号', members }), doc.id);
    },
    async gridWorker(ws, doc) {
      await saveHousehold(ws, formOf(doc, { phone: '13911112222' }), doc.id);
      await saveHousehold(ws, formOf(doc, { phone: '13911112222', categories: ['elderly', 'disabled'] }), doc.id);
    },
    async township(ws, doc) {
      const members = [
        ...formOf(doc).members.map((m) => (m.id === 'm2' ? { ...m, name: '孙桂枝' } : m)),
        { id: 'm4', name: '赵小凤', idNumber: makeIdNumber('371623', '2012-12-12', seq++), relation: 'child' as const },
      ];
      await saveHousehold(ws, formOf(doc, { address: '乡镇改：一村23号', note: '乡镇核实：户主右腿残疾', members }), doc.id);
    },
  };
  const addressOf: Record<'assistant' | 'township', string> = { assistant: '村里改：一村21号', township: '乡镇改：一村23号' };

  it.each(orders.map((order) => [order.join(' → '), order] as const))('%s', async (_name, order) => {
    const created = await saveHousehold(await openOn('assistant', true), {
      areaCode: VILLAGE,
      address: '一村20号',
      note: '原始备注',
      members: [
        { id: 'm1', name: '赵文龙', idNumber: makeIdNumber('371623', '1955-01-01', seq++), relation: 'head' },
        { id: 'm2', name: '孙桂芝', idNumber: makeIdNumber('371623', '1957-02-02', seq++), relation: 'spouse' },
      ],
    });
    await inStep(open!, created.id);
    await closeOpen();

    // Everyone has the household, then loses the network and changes it.
    for (const who of ['assistant', 'gridWorker', 'township'] as const) {
      const ws = await openOn(who, true);
      const doc = await inStep(ws, created.id);
      devices[who].proxy.refuse();
      devices[who].proxy.resetAll();
      devices[who].device.online = false;
      devices[who].device.events.dispatchEvent(new Event('offline'));
      await edits[who](ws, doc);
      expect(ws.pending.countOf('households')).toBe(1);
      await closeOpen();
    }

    // They come back one after another; each stays online until it and the server agree.
    for (const who of order) {
      await inStep(await openOn(who, true), created.id);
      await closeOpen();
    }

    // Then each opens once more: all three and the server hold the same household.
    const finals: Household[] = [];
    const conflictsOf = {} as Record<Who, { fields: string[]; local: Household }[]>;
    for (const who of ['assistant', 'gridWorker', 'township'] as const) {
      const ws = await openOn(who, true);
      finals.push(await inStep(ws, created.id));
      const records = await ws.db.conflicts.find({ selector: { documentId: created.id } }).exec();
      conflictsOf[who] = records.map((r) => ({ fields: [...r.fields], local: JSON.parse(r.localJson) as Household }));
      await closeOpen();
    }
    const final = await serverCopy(created.id);
    for (const copy of finals) expect(plain(copy)).toEqual(plain(final));

    // Edits to different fields all survive.
    expect(final.categories).toEqual(['elderly', 'disabled']);
    expect(final.phone).toBe('13911112222');
    expect(final.note).toBe('乡镇核实：户主右腿残疾');
    // Both added a child: both are kept (the first to sync comes first), with their search entries.
    const names = final.members.map((m) => `${m.id}:${m.name}`);
    expect([...names].sort()).toEqual(['m1:赵文龙', 'm2:孙桂枝', 'm3:赵小龙', 'm4:赵小凤']);
    expect(final.memberNames).toEqual(final.members.map((m) => m.name));
    expect(final.idHashes).toHaveLength(4);

    // The address collided: whoever came back first keeps it; the other's is in that laptop's conflicts.
    const [first, second] = order.filter((who): who is 'assistant' | 'township' => who !== 'gridWorker');
    expect(final.address).toBe(addressOf[first!]);
    expect(conflictsOf[second!].map((c) => c.fields)).toEqual([['address']]);
    expect(conflictsOf[second!][0]!.local.address).toBe(addressOf[second!]);
    expect(conflictsOf[first!]).toEqual([]);
    expect(conflictsOf.gridWorker).toEqual([]);
  }, 120_000);
});
