import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { searchHouseholds } from '../../renderer/data/households/householdSearch';
import type { Workspace } from '../../renderer/data/core/workspace';
import { townshipsIn, villagesIn } from '../../shared/areas';
import { hashIdNumber, householdIdHashes, idNumberHashes } from '../../shared/domain/idHash';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household } from '../../shared/schemas/household';
import type { TokenResponse } from '../../shared/sync/wire';
import { loadSearchKeyRoot } from '../../server/auth/secrets';
import { rotateSearchKey, townshipSearchKey } from '../../server/search/searchKeys';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, newRow } from '../support/documents';
import { laptop, openWorkspace, type Laptop } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

const PASSWORD = 'password-123';
const TOWNSHIP_A = '371623102'; // 碣石山镇
const TOWNSHIP_B = '371623101'; // 水湾镇, the same county
const VILLAGE_A = villagesIn(TOWNSHIP_A)[0]!.code;
const VILLAGE_B = villagesIn(TOWNSHIP_B)[0]!.code;

/** RxDB's open-core build allows 13 open collections per process: one laptop open at a time. */
let open: Workspace | null = null;

async function openOn(server: TestServer, device: Laptop, username: string): Promise<Workspace> {
  open = await openWorkspace(server, device, username, PASSWORD);
  return open;
}

async function closeOpen(): Promise<void> {
  await open?.close();
  open = null;
}

/** The household list's search for a typed ID number: hashed under every key the laptop holds. */
async function findById(workspace: Workspace, idNumber: string): Promise<string[]> {
  return (await searchHouseholds(workspace.db, { text: idNumber }, await idNumberHashes(workspace.searchKeys, idNumber))).map((h) => h.id);
}

/** Waits until the laptop holds the household with these ID hashes (pulled or streamed). */
async function holds(workspace: Workspace, id: string, idHashes: string[]): Promise<void> {
  await firstValueFrom(workspace.db.households.findOne(id).$.pipe(filter((doc) => doc !== null && JSON.stringify(doc.idHashes) === JSON.stringify(idHashes))));
}

async function pushAs(server: TestServer, username: string, households: Household[]): Promise<void> {
  const tokens = (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId: `dev-${username}-api` })).body;
  expect((await api(server, tokens.accessToken, 'POST', '/api/v1/sync/households/push', households.map(newRow))).status).toBe(200);
}

describe('ID search on laptops with keys per township (PGlite)', () => {
  let server: TestServer;
  let root: string;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    root = await loadSearchKeyRoot(server.db);
    await addUser(server.db, { username: 'xieli_a', password: PASSWORD, role: 'assistant', areaCode: VILLAGE_A });
    await addUser(server.db, { username: 'xieli_b', password: PASSWORD, role: 'assistant', areaCode: VILLAGE_B });
    await addUser(server.db, { username: 'xian', password: PASSWORD, role: 'county', areaCode: '371623000000' });
  });
  afterEach(closeOpen);
  afterAll(async () => server?.close());

  it('a village laptop saves a household and finds it by the whole ID number, hashed with its township’s key', async () => {
    const village = await openOn(server, laptop(), 'xieli_a');
    expect(village.searchKeys).toEqual({ [TOWNSHIP_A]: townshipSearchKey(root, TOWNSHIP_A, 1) });
    const idNumber = makeIdNumber('371623', '1949-10-01', 77);
    const saved = await saveHousehold(village, {
      areaCode: VILLAGE_A,
      address: '碣石山镇测试村3号',
      members: [{ id: 'm1', name: '孙守业', idNumber, relation: 'head' as const }],
    });
    expect(saved.idHashes).toEqual([await hashIdNumber(village.searchKeys[TOWNSHIP_A]!, idNumber)]);
    expect(await findById(village, idNumber)).toEqual([saved.id]);
    // A lower-case x and spaces are the same number.
    expect(await findById(village, ` ${idNumber.toLowerCase()} `)).toEqual([saved.id]);
    // The server stores the same hashes it would have computed itself.
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null)));
    const [row] = await server.db.query<{ data: Household }>("SELECT data FROM documents WHERE collection = 'households' AND id = $1", [saved.id]);
    expect(row!.data.idHashes).toEqual(saved.idHashes);
  });

  it('a county laptop finds households of two of its townships by ID number, and still finds them after a rotation (at the next refresh, and after a new sign-in)', async () => {
    const inA = makeHousehold(VILLAGE_A);
    const inB = makeHousehold(VILLAGE_B);
    await pushAs(server, 'xieli_a', [inA]);
    await pushAs(server, 'xieli_b', [inB]);
    const device = laptop();
    let county = await openOn(server, device, 'xian');
    expect(Object.keys(county.searchKeys).sort()).toEqual(townshipsIn('371623').map((t) => t.code).sort());
    const oldKeyA = county.searchKeys[TOWNSHIP_A]!;
    await holds(county, inA.id, await householdIdHashes(oldKeyA, inA.members));
    await holds(county, inB.id, await householdIdHashes(county.searchKeys[TOWNSHIP_B]!, inB.members));
    for (const household of [inA, inB]) {
      for (const member of household.members) expect(await findById(county, member.idNumber)).toEqual([household.id]);
    }
    // One township's key alone does not find the other's households.
    expect(await searchHouseholds(county.db, { text: inB.members[0]!.idNumber }, await hashIdNumber(oldKeyA, inB.members[0]!.idNumber))).toEqual([]);

    // 碣石山镇 lost a laptop: its key is rotated while this laptop is open. The stream brings the
    // re-hashed households at once; until the laptop's next token refresh its old key misses them.
    expect(await rotateSearchKey(server.db, root, TOWNSHIP_A)).toMatchObject({ version: 2 });
    const newKeyA = townshipSearchKey(root, TOWNSHIP_A, 2);
    await holds(county, inA.id, await householdIdHashes(newKeyA, inA.members));
    expect(await findById(county, inA.members[0]!.idNumber)).toEqual([]);
    expect(await findById(county, inB.members[0]!.idNumber)).toEqual([inB.id]);
    // The next refresh (forced here: the access token is dropped) brings the new key.
    (county as unknown as { tokens: { invalidate(): void } }).tokens.invalidate();
    county.sync.syncNow();
    await firstValueFrom(county.searchKeys$.pipe(filter((keys) => keys[TOWNSHIP_A] === newKeyA)));
    expect(await findById(county, inA.members[0]!.idNumber)).toEqual([inA.id]);
    await closeOpen();
    // …and keeps it sealed in the offline profile: an offline sign-in has it too.
    const offlineKeys = async () => {
      const outcome = await signIn({ serverUrl: 'http://127.0.0.1:9', username: 'xian', password: PASSWORD }, device.store, 'test');
      return outcome.ok && outcome.session.offline ? outcome.searchKeys[TOWNSHIP_A] : null;
    };
    await expect.poll(offlineKeys).toBe(newKeyA);
    expect(device.store.getItem('jiuzhu:profile:xian')).not.toContain(newKeyA);

    // The same laptop signs in again: the new key comes with it, and the rotated versions are there.
    county = await openOn(server, device, 'xian');
    expect(county.searchKeys[TOWNSHIP_A]).toBe(newKeyA);
    await holds(county, inA.id, await householdIdHashes(newKeyA, inA.members));
    for (const household of [inA, inB]) {
      for (const member of household.members) expect(await findById(county, member.idNumber)).toEqual([household.id]);
    }
    // The old key finds nothing of the township any more.
    expect(await searchHouseholds(county.db, { text: inA.members[0]!.idNumber }, await hashIdNumber(oldKeyA, inA.members[0]!.idNumber))).toEqual([]);
  });
});
