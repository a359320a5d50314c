import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { townshipsIn, villagesIn } from '../../shared/areas';
import { hashIdNumber, householdIdHashes } from '../../shared/domain/idHash';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household } from '../../shared/schemas/household';
import type { PullResponse, PushResponse, SyncCheckpoint, TokenResponse } from '../../shared/sync/wire';
import { loadSearchKeyRoot } from '../../server/auth/secrets';
import { idNumberHash, rotateSearchKey, townshipSearchKey } from '../../server/search/searchKeys';
import { makeHousehold, newRow, wire } from '../support/documents';
import { openStream } from '../support/sse';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const COUNTY = '371623'; // 无棣县
const TOWNSHIP_A = '371623102'; // 碣石山镇
const TOWNSHIP_B = '371623101'; // 水湾镇, same county
const VILLAGE_A = villagesIn(TOWNSHIP_A)[0]!.code;
const VILLAGE_B = villagesIn(TOWNSHIP_B)[0]!.code;
const OTHER_COUNTY_VILLAGE = '371621104303'; // 惠民县胡集镇

type Session = Awaited<ReturnType<TestServer['signIn']>>;
type Stored = Household & { _deleted: boolean };

const pushHouseholds = (server: TestServer, who: Session, rows: unknown[]) =>
  api<PushResponse<Stored>>(server, who.accessToken, 'POST', '/api/v1/sync/households/push', rows);

/** What the server holds of each household: its JSON and its change number. */
async function held(server: TestServer, ids: string[]): Promise<Map<string, { data: Household; seq: number }>> {
  const rows = await server.db.query<{ id: string; data: Household; seq: number }>(
    "SELECT id, data, seq FROM documents WHERE collection = 'households' AND id = ANY($1::text[])",
    [ids],
  );
  return new Map(rows.map((row) => [row.id, { data: row.data, seq: row.seq }]));
}

async function pullFrom(server: TestServer, who: Session, checkpoint: SyncCheckpoint | null): Promise<PullResponse<Stored>> {
  const query = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
  return (await api<PullResponse<Stored>>(server, who.accessToken, 'GET', `/api/v1/sync/households/pull?limit=1000${query}`)).body;
}

async function refresh(server: TestServer, who: Session): Promise<TokenResponse> {
  const answer = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken: who.refreshToken });
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('the server’s ID-number hash', () => {
  it('is the app’s (shared/domain/idHash.ts), for a typed number with spaces and a lower-case x too', async () => {
    for (const idNumber of [makeIdNumber('371623', '1958-04-02', 13), ' 37162319580402013x ', '37162319580402013X']) {
      expect(idNumberHash('a-township-key', idNumber)).toBe(await hashIdNumber('a-township-key', idNumber));
    }
  });

  it('derives a different key for every township and every version, all from the root', () => {
    const keys = [townshipSearchKey('root', TOWNSHIP_A, 1), townshipSearchKey('root', TOWNSHIP_B, 1), townshipSearchKey('root', TOWNSHIP_A, 2), townshipSearchKey('other-root', TOWNSHIP_A, 1)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(townshipSearchKey('root', TOWNSHIP_A, 1)).toBe(keys[0]);
  });
});

describe.each(databaseKinds)('ID-number search keys per township on %s', (kind) => {
  let server: TestServer;
  let assistantA: Session;
  let assistantB: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistantA = await server.signIn('assistant', VILLAGE_A);
    assistantB = await server.signIn('assistant', VILLAGE_B);
  });
  afterAll(async () => server?.close());

  it('gives each caller the keys of its scope’s townships: an assistant its own, a county its own townships’, the city all, an admin none', async () => {
    expect(Object.keys(assistantA.searchKeys)).toEqual([TOWNSHIP_A]);
    expect('searchKey' in assistantA).toBe(false);
    const township = await server.signIn('township', `${TOWNSHIP_A}000`);
    const socialWorker = await server.signIn('social_worker', `${TOWNSHIP_A}000`);
    expect(township.searchKeys).toEqual(assistantA.searchKeys);
    expect(socialWorker.searchKeys).toEqual(assistantA.searchKeys);

    const county = await server.signIn('county', `${COUNTY}000000`);
    const countyTownships = townshipsIn(COUNTY).map((t) => t.code);
    expect(Object.keys(county.searchKeys).sort()).toEqual([...countyTownships].sort());
    expect(countyTownships.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(county.searchKeys).every((code) => code.startsWith(COUNTY))).toBe(true);
    expect(county.searchKeys[TOWNSHIP_A]).toBe(assistantA.searchKeys[TOWNSHIP_A]);
    expect(county.searchKeys[TOWNSHIP_B]).toBe(assistantB.searchKeys[TOWNSHIP_B]);
    expect(new Set(Object.values(county.searchKeys)).size).toBe(countyTownships.length);
    const otherCounty = await server.signIn('county', '371621000000');
    expect(Object.keys(otherCounty.searchKeys).some((code) => code.startsWith(COUNTY))).toBe(false);
    for (const key of Object.values(county.searchKeys)) expect(Object.values(otherCounty.searchKeys)).not.toContain(key);

    const city = await server.signIn('city', '371600000000');
    expect(Object.keys(city.searchKeys)).toHaveLength(townshipsIn('3716').length);
    expect(townshipsIn('3716')).toHaveLength(92);
    expect((await server.signIn('admin', '000000000000')).searchKeys).toEqual({});
    // The refresh answer carries the same keys.
    expect((await refresh(server, county)).searchKeys).toEqual(county.searchKeys);
  });

  it('stores a household pushed with wrong or missing ID hashes with the right ones, and an honest laptop’s re-push changes nothing', async () => {
    const key = assistantA.searchKeys[TOWNSHIP_A]!;
    const wrong = makeHousehold(VILLAGE_A, { idHashes: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'], memberNames: ['张冠', '李戴'] });
    const missing = makeHousehold(VILLAGE_A);
    const honest = makeHousehold(VILLAGE_A);
    const honestDoc = { ...honest, memberNames: honest.members.map((m) => m.name), idHashes: await householdIdHashes(key, honest.members) };
    const answer = await pushHouseholds(server, assistantA, [newRow(wrong), newRow(missing), newRow(honestDoc)]);
    expect(answer).toMatchObject({ status: 200, body: { conflicts: [] } });
    const stored = await held(server, [wrong.id, missing.id, honest.id]);
    for (const sent of [wrong, missing, honest]) {
      const { data } = stored.get(sent.id)!;
      expect(data.idHashes).toEqual(await householdIdHashes(key, sent.members));
      expect(data.memberNames).toEqual(sent.members.map((m) => m.name));
    }
    // The honest laptop sends the same hashes with its next push: no new version, no conflict.
    const again = await pushHouseholds(server, assistantA, [{ assumedMasterState: wire(honestDoc), newDocumentState: wire(honestDoc) }]);
    expect(again).toMatchObject({ status: 200, body: { conflicts: [] } });
    expect((await held(server, [honest.id])).get(honest.id)!.seq).toBe(stored.get(honest.id)!.seq);
    // A laptop that sent no hashes, editing on top of the version it sent: not a conflict, stored with the server's hashes.
    const edited = { ...missing, address: '碣石山镇测试村新址1号' };
    expect(await pushHouseholds(server, assistantA, [{ assumedMasterState: wire(missing), newDocumentState: wire(edited) }])).toMatchObject({
      status: 200,
      body: { conflicts: [] },
    });
    const now = (await held(server, [missing.id])).get(missing.id)!.data;
    expect(now).toMatchObject({ address: edited.address, idHashes: await householdIdHashes(key, missing.members) });
  });

  it('a key from one township does not reproduce another township’s stored hashes', async () => {
    const inA = makeHousehold(VILLAGE_A);
    const inB = makeHousehold(VILLAGE_B);
    expect((await pushHouseholds(server, assistantA, [newRow(inA)])).status).toBe(200);
    expect((await pushHouseholds(server, assistantB, [newRow(inB)])).status).toBe(200);
    const stored = await held(server, [inA.id, inB.id]);
    const hashesB = stored.get(inB.id)!.data.idHashes!;
    const keyA = assistantA.searchKeys[TOWNSHIP_A]!;
    const keyB = assistantB.searchKeys[TOWNSHIP_B]!;
    expect(keyA).not.toBe(keyB);
    // What A's key makes of B's members' numbers is not what B stores; B's own key is.
    const underA = await householdIdHashes(keyA, inB.members);
    expect(underA.filter((hash) => hashesB.includes(hash))).toEqual([]);
    expect(await householdIdHashes(keyB, inB.members)).toEqual(hashesB);
    expect(await householdIdHashes(keyA, inA.members)).toEqual(stored.get(inA.id)!.data.idHashes);
    // The household of another county is hashed with its own township's key, which neither holds.
    const elsewhere = await server.signIn('assistant', OTHER_COUNTY_VILLAGE);
    const inOther = makeHousehold(OTHER_COUNTY_VILLAGE);
    expect((await pushHouseholds(server, elsewhere, [newRow(inOther)])).status).toBe(200);
    const hashesOther = (await held(server, [inOther.id])).get(inOther.id)!.data.idHashes!;
    for (const key of [keyA, keyB]) expect((await householdIdHashes(key, inOther.members)).filter((hash) => hashesOther.includes(hash))).toEqual([]);
  });

  it('rotation changes the township’s stored hashes (no other township’s), pulls and streams deliver them, the old key finds nothing and the refresh gives the new key', async () => {
    const root = await loadSearchKeyRoot(server.db);
    const township = await server.signIn('township', `${TOWNSHIP_A}000`);
    const county = await server.signIn('county', `${COUNTY}000000`);
    const inA = [makeHousehold(VILLAGE_A), makeHousehold(villagesIn(TOWNSHIP_A)[1]!.code)];
    const inB = makeHousehold(VILLAGE_B);
    expect((await pushHouseholds(server, township, inA.map(newRow))).status).toBe(200);
    expect((await pushHouseholds(server, assistantB, [newRow(inB)])).status).toBe(200);
    const oldKey = township.searchKeys[TOWNSHIP_A]!;
    const before = await held(server, [...inA.map((h) => h.id), inB.id]);
    const everyA = await server.db.query<{ id: string }>("SELECT id FROM documents WHERE collection = 'households' AND area_code LIKE $1", [`${TOWNSHIP_A}%`]);
    const checkpoint = (await pullFrom(server, county, null)).checkpoint;
    const stream = await openStream(server, county.accessToken, 'households');
    expect(await stream.next()).toBe('RESYNC');

    const rotation = await rotateSearchKey(server.db, root, TOWNSHIP_A);
    expect(rotation).toEqual({ township: TOWNSHIP_A, version: 2, households: everyA.length });
    const newKey = townshipSearchKey(root, TOWNSHIP_A, 2);
    expect(newKey).not.toBe(oldKey);

    const after = await held(server, [...inA.map((h) => h.id), inB.id]);
    for (const household of inA) {
      const { data, seq } = after.get(household.id)!;
      expect(data.idHashes).toEqual(await householdIdHashes(newKey, household.members));
      // The old key finds nothing of the township any more.
      for (const member of household.members) expect(data.idHashes).not.toContain(await hashIdNumber(oldKey, member.idNumber));
      expect(seq).toBeGreaterThan(before.get(household.id)!.seq);
      // Only the hashes moved: not who wrote it last, nor when.
      const { idHashes: _new, ...rest } = data;
      const { idHashes: _old, ...restBefore } = before.get(household.id)!.data;
      expect(rest).toEqual(restBefore);
    }
    expect(after.get(inB.id)).toEqual(before.get(inB.id));

    // Pulls from where the county was deliver the township's households, and nothing of the other.
    const pulled = await pullFrom(server, county, checkpoint);
    expect(pulled.documents.map((d) => d.id).sort()).toEqual(everyA.map((r) => r.id).sort());
    expect(pulled.documents.find((d) => d.id === inA[0]!.id)!.idHashes).toEqual(await householdIdHashes(newKey, inA[0]!.members));
    // The open stream hears of them at once (NOTIFY).
    const event = (await stream.next()) as PullResponse<Stored>;
    stream.close();
    expect(event.documents.map((d) => d.id)).toEqual(expect.arrayContaining(inA.map((h) => h.id)));

    // The new key comes with the next refresh (and sign-in); the other township's key stays.
    const renewed = await refresh(server, township);
    expect(renewed.searchKeys).toEqual({ [TOWNSHIP_A]: newKey });
    const countyKeys = (await refresh(server, county)).searchKeys;
    expect(countyKeys[TOWNSHIP_A]).toBe(newKey);
    expect(countyKeys[TOWNSHIP_B]).toBe(county.searchKeys[TOWNSHIP_B]);
    // A push made with the old key still ends up under the new one.
    const late = makeHousehold(VILLAGE_A);
    const lateDoc = { ...late, idHashes: await householdIdHashes(oldKey, late.members) };
    expect((await pushHouseholds(server, township, [newRow(lateDoc)])).status).toBe(200);
    expect((await held(server, [late.id])).get(late.id)!.data.idHashes).toEqual(await householdIdHashes(newKey, late.members));
    // Audited as the system's: one entry for the rotation, one change per household.
    const audit = await server.db.query<{ action: string; role: string; user_id: string | null; document_id: string | null; details: Record<string, unknown> }>(
      "SELECT action, role, user_id, document_id, details FROM audit_log WHERE role = 'system' ORDER BY id",
    );
    expect(audit.filter((e) => e.action === 'rotate_search_key')).toEqual([
      expect.objectContaining({ user_id: null, details: { township: TOWNSHIP_A, version: 2, households: everyA.length, reason: 'rotation' } }),
    ]);
    const changes = audit.filter((e) => e.action === 'change');
    expect(changes.map((e) => e.document_id).sort()).toEqual(everyA.map((r) => r.id).sort());
    expect(changes[0]!.details).toEqual({ fields: ['idHashes'], reason: 'search_key_rotation' });
  });
});
