import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { firstPullMayWrite, markFirstPullRunning } from '../../renderer/data/core/sync/firstPull';
import type { Household } from '../../shared/schemas/household';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, newRow } from '../support/documents';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

/**
 * A township's first sync fills its empty laptop without RxDB's replication bookkeeping
 * (renderer/data/core/sync/firstPull.ts); what RxDB does afterwards must be exactly what it does
 * after its own pull: nothing sent back, a person's change sent as a change (not a collision), a
 * change made elsewhere arriving.
 */
const VILLAGE = '371623102201';
const TOWNSHIP = '371623102000';
const PASSWORD = 'password-123';
const SEEDED = 40;

let open: Workspace | null = null;

async function login(server: TestServer, username: string): Promise<TokenResponse> {
  return (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId: `dev-${username}-api` })).body;
}

/** The server's current version of a household, as any laptop of the village would pull it. */
async function onServer(server: TestServer, token: string, id: string): Promise<Household & { _deleted: boolean }> {
  const page = await api<PullResponse<Household & { _deleted: boolean }>>(server, token, 'GET', '/api/v1/sync/households/pull?limit=1000');
  const found = page.body.documents.find((doc) => doc.id === id);
  if (!found) throw new Error(`household ${id} is not on the server`);
  return found;
}

const settled = (workspace: Workspace) =>
  firstValueFrom(workspace.sync.status$.pipe(filter((s) => s.lastSyncAt !== null && !s.syncing && s.pending === 0)));

describe("a township's first sync, stored once (PGlite)", () => {
  let server: TestServer;
  let village: TokenResponse;
  const seeded: Household[] = [];

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: TOWNSHIP });
    village = await login(server, 'xieli');
    for (let i = 0; i < SEEDED; i++) seeded.push(makeHousehold(VILLAGE));
    const pushed = await api<{ conflicts: unknown[] }>(server, village.accessToken, 'POST', '/api/v1/sync/households/push', seeded.map(newRow));
    expect(pushed.body.conflicts).toEqual([]);
  });
  afterEach(async () => {
    await open?.close();
    open = null;
  });
  afterAll(async () => server?.close());

  it('brings every household once, keeps no second copy of each, and sends nothing back', async () => {
    const before = await Promise.all(seeded.map((doc) => onServer(server, village.accessToken, doc.id)));
    const township = (open = await openWorkspace(server, laptop(), 'zhen', PASSWORD));
    await firstValueFrom(township.db.households.count().$.pipe(filter((count) => count === SEEDED)));
    await settled(township);
    // RxDB's bookkeeping holds no assumed server state for what the first pull stored.
    expect((await township.sync.assumedMasterStates('households', seeded.map((doc) => doc.id))).size).toBe(0);
    // Nothing went back up: the server's versions are the ones from before.
    const after = await Promise.all(seeded.map((doc) => onServer(server, village.accessToken, doc.id)));
    expect(after.map((doc) => doc.updatedAt)).toEqual(before.map((doc) => doc.updatedAt));
    expect(await township.db.conflicts.count().exec()).toBe(0);
  });

  it("sends a person's first change to a first-pulled household as a change, not a collision", async () => {
    const township = (open = await openWorkspace(server, laptop(), 'zhen', PASSWORD));
    await firstValueFrom(township.db.households.count().$.pipe(filter((count) => count === SEEDED)));
    const target = seeded[3]!;
    const held = (await township.db.households.findOne(target.id).exec())!.toMutableJSON();
    await saveHousehold(
      township,
      {
        areaCode: held.areaCode,
        address: '碣石山镇测试村新址8号',
        members: held.members.map((member) => ({ ...member })),
      } as never,
      target.id,
    );
    await settled(township);
    expect((await onServer(server, village.accessToken, target.id)).address).toBe('碣石山镇测试村新址8号');
    expect(await township.db.conflicts.count().exec()).toBe(0);
    // The change that went up is now RxDB's assumed server state, as after any push.
    expect((await township.sync.assumedMasterStates('households', [target.id])).get(target.id)?.address).toBe('碣石山镇测试村新址8号');
  });

  it('takes a change made elsewhere after the first pull', async () => {
    const township = (open = await openWorkspace(server, laptop(), 'zhen', PASSWORD));
    await firstValueFrom(township.db.households.count().$.pipe(filter((count) => count === SEEDED)));
    await settled(township);
    const target = seeded[7]!;
    const current = await onServer(server, village.accessToken, target.id);
    const changed = { ...current, address: '碣石山镇测试村东头3号' };
    const pushed = await api<{ conflicts: unknown[] }>(server, village.accessToken, 'POST', '/api/v1/sync/households/push', [
      { assumedMasterState: current, newDocumentState: changed },
    ]);
    expect(pushed.body.conflicts).toEqual([]);
    const arrived = await firstValueFrom(
      township.db.households.findOne(target.id).$.pipe(filter((doc) => doc?.address === '碣石山镇测试村东头3号')),
    );
    expect(arrived?.members).toHaveLength(2);
  });

  it('leaves no first pull marked as still writing once RxDB takes over, also after a crash at its very end', async () => {
    const device = laptop();
    let township = (open = await openWorkspace(server, device, 'zhen', PASSWORD));
    await firstValueFrom(township.db.households.count().$.pipe(filter((count) => count === SEEDED)));
    await settled(township);
    await expect.poll(() => firstPullMayWrite(township.db as never, 'households')).toBe(false);
    // The laptop died between storing the last page's record and clearing the mark: until cleared,
    // no index snapshot of households would ever be saved again (each start would read them all).
    await markFirstPullRunning(township.db as never, 'households', true);
    await township.close();
    township = (open = await openWorkspace(server, device, 'zhen', PASSWORD));
    await settled(township);
    await expect.poll(() => firstPullMayWrite(township.db as never, 'households')).toBe(false);
    expect(await township.db.households.count().exec()).toBe(SEEDED);
  });

  it('sends a household saved while the first sync still runs', async () => {
    const township = (open = await openWorkspace(server, laptop(), 'zhen', PASSWORD));
    const saved = await saveHousehold(township, {
      areaCode: VILLAGE,
      address: '碣石山镇测试村西头1号',
      members: seeded[0]!.members.map((member, i) => ({ ...member, id: `new-${i}`, idNumber: makeHousehold(VILLAGE).members[i]!.idNumber })),
    } as never);
    await firstValueFrom(township.db.households.count().$.pipe(filter((count) => count === SEEDED + 1)));
    await settled(township);
    expect((await onServer(server, village.accessToken, saved.id)).address).toBe('碣石山镇测试村西头1号');
  });
});
