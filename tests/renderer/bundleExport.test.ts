import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUnsent } from '../../renderer/data/core/sync/bundles';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household } from '../../shared/schemas/household';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';

describe('a village with no network at all hands its changes over on a USB stick', () => {
  let server: TestServer;
  let village: Workspace;
  let township: TokenResponse;
  const device = laptop();
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
    township = (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-zhen-1' })).body;
    village = await openWorkspace(server, device, 'xieli', PASSWORD);
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await village?.close();
    await server?.close();
  });

  it('exports new and edited records; the station imports them once; the laptop later syncs without duplicates', async () => {
    const member = (seq: number) => ({ id: 'm1', name: '韩玉梅', idNumber: makeIdNumber('371623', '1957-09-09', seq), relation: 'head' as const });
    const existing = await saveHousehold(village, { areaCode: VILLAGE, address: '一村2号', members: [member(81)] });
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));

    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    device.online = false;
    const created = await saveHousehold(village, { areaCode: VILLAGE, address: '一村4号', members: [member(83)] });
    await saveHousehold(village, { areaCode: VILLAGE, address: '一村2号（新址）', members: [member(81)] }, existing.id);
    const { file, counts } = await exportUnsent(village);
    expect(counts).toEqual({ households: 2 });
    expect(JSON.stringify(file)).not.toContain('韩玉梅');

    // At the township station: import through the server, twice.
    const importOnce = () =>
      realFetch(`${server.url}/api/v1/bundles/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${township.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(file),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { stored: Record<string, number>; conflicts: Record<string, unknown> } }));
    const first = await importOnce();
    expect(first).toEqual({ status: 200, body: { stored: { households: 2 }, conflicts: {} } });
    expect((await importOnce()).body.stored).toEqual({ households: 0 });
    const onServer = async () =>
      ((await (await realFetch(`${server.url}/api/v1/sync/households/pull?limit=1000`, { headers: { authorization: `Bearer ${township.accessToken}` } })).json()) as PullResponse<Household>).documents;
    const docs = await onServer();
    expect(docs.find((d) => d.id === existing.id)?.address).toBe('一村2号（新址）');
    expect(docs.find((d) => d.id === created.id)?.address).toBe('一村4号');

    // The laptop gets a network later: it pushes the same records, which change nothing.
    globalThis.fetch = realFetch;
    device.online = true;
    village.sync.syncNow();
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.online)));
    const after = await onServer();
    expect(after.filter((d) => d.id === existing.id || d.id === created.id)).toHaveLength(2);
    expect(await village.db.conflicts.find().exec()).toHaveLength(0);
  });
});
