import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_PULL_BATCH, FIRST_PULL_FIRST_PAGE } from '../../renderer/data/core/sync/firstPull';
import { firstSyncKeyOf, summarize } from '../../renderer/data/core/sync/firstSyncProgress';
import type { TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, newRow } from '../support/documents';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';
// Three pages of a first sync (firstPull.ts asks for 200 first, then 1,000 at a time), the last one short.
const HOUSEHOLDS = FIRST_PULL_BATCH * 2 + 50;

describe('a township laptop’s first sync through the real server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
    const token = (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-zhen-api' })).body;
    const households = Array.from({ length: HOUSEHOLDS }, () => makeHousehold(VILLAGE));
    for (let i = 0; i < households.length; i += 500) {
      const pushed = await api(server, token.accessToken, 'POST', '/api/v1/sync/households/push', households.slice(i, i + 500).map(newRow));
      expect(pushed.status).toBe(200);
    }
  });
  afterAll(async () => server?.close());

  it('counts each page against the server’s total, then forgets the counts; the next start shows none', async () => {
    const device = laptop();
    const workspace = await openWorkspace(server, device, 'zhen', PASSWORD);
    const seen: number[] = [];
    const watching = workspace.sync.firstSync.progress$.subscribe((progress) => {
      const households = progress.households;
      if (households && seen[seen.length - 1] !== households.arrived) seen.push(households.arrived);
    });
    // As the person sees it: done once the pages are stored too.
    const done = await firstValueFrom(
      workspace.sync.firstSync$.pipe(filter((progress) => progress.households?.done === true && !summarize(progress).running)),
    );
    watching.unsubscribe();
    // The count rises page by page up to the server's total.
    expect(seen).toEqual([FIRST_PULL_FIRST_PAGE, FIRST_PULL_FIRST_PAGE + FIRST_PULL_BATCH, HOUSEHOLDS]);
    expect(done.households).toEqual({ arrived: HOUSEHOLDS, total: HOUSEHOLDS, done: true });
    expect(summarize(done)).toMatchObject({ running: false, remaining: 0 });
    expect(await workspace.db.households.count().exec()).toBe(HOUSEHOLDS);
    expect(device.store.getItem(firstSyncKeyOf(workspace.session.user.id))).toBeNull();
    await workspace.close();

    // Opened again: the pull goes on from its checkpoint, which is no first sync.
    const again = await openWorkspace(server, device, 'zhen', PASSWORD);
    await firstValueFrom(again.sync.status$.pipe(filter((status) => status.lastSyncAt !== null && !status.syncing)));
    expect(summarize(again.sync.firstSync.progress).running).toBe(false);
    expect(again.sync.firstSync.progress.households).toBeUndefined();
    expect(summarize(await firstValueFrom(again.sync.firstSync$)).running).toBe(false);
    await again.close();
  });
});
