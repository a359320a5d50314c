import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse, SyncCheckpoint } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeAttachment, makeHousehold, makeVisit, newRow, wire, withoutProvenance, withoutServerFields } from '../support/documents';
import { openStream } from '../support/sse';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const TOWNSHIP = '371623102'; // 无棣县碣石山镇
const VILLAGE_A = '371623102201';
const VILLAGE_B = '371623102202';
const OTHER_TOWNSHIP_VILLAGE = '371621104303'; // 惠民县胡集镇王惠理联村

type Doc = { id: string; areaCode: string; _deleted: boolean; address?: string };

async function pullAll(server: TestServer, token: string, collection: string, limit = 100): Promise<Doc[]> {
  const docs: Doc[] = [];
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const query: string = `limit=${limit}${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
    const page: { status: number; body: PullResponse<Doc> } = await api<PullResponse<Doc>>(server, token, 'GET', `/api/v1/sync/${collection}/pull?${query}`);
    expect(page.status).toBe(200);
    docs.push(...page.body.documents);
    if (page.body.documents.length < limit) return docs;
    checkpoint = page.body.checkpoint;
  }
}

describe.each(databaseKinds)('sync server on %s', (kind) => {
  let server: TestServer;
  let assistantA: Awaited<ReturnType<TestServer['signIn']>>;
  let assistantB: Awaited<ReturnType<TestServer['signIn']>>;
  let township: Awaited<ReturnType<TestServer['signIn']>>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistantA = await server.signIn('assistant', VILLAGE_A);
    assistantB = await server.signIn('assistant', VILLAGE_B);
    township = await server.signIn('township', `${TOWNSHIP}000`);
  });
  afterAll(async () => server?.close());

  it('answers health with its database kind', async () => {
    const health = await api<{ status: string; db: string }>(server, null, 'GET', '/api/v1/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', db: kind } });
  });

  it('scopes pulls: a village sees its own households, the township sees all its villages', async () => {
    const mine = makeHousehold(VILLAGE_A);
    const theirs = makeHousehold(VILLAGE_B);
    expect((await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(mine)])).status).toBe(200);
    expect((await api(server, assistantB.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(theirs)])).status).toBe(200);

    const seenByA = (await pullAll(server, assistantA.accessToken, 'households')).map((d) => d.id);
    expect(seenByA).toContain(mine.id);
    expect(seenByA).not.toContain(theirs.id);
    const seenByTownship = (await pullAll(server, township.accessToken, 'households')).map((d) => d.id);
    expect(seenByTownship).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('says on a pull from the start how many documents the pages will carry, and only there', async () => {
    expect((await api(server, assistantB.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(makeHousehold(VILLAGE_B))])).status).toBe(200);
    expect((await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(makeHousehold(VILLAGE_A))])).status).toBe(200);
    const everything = await pullAll(server, assistantB.accessToken, 'households', 1000);
    const first = await api<PullResponse<Doc>>(server, assistantB.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1');
    expect(first.body.documents).toHaveLength(1);
    expect(first.body.total).toBe(everything.length);
    expect(first.body.total).toBeGreaterThan(0);
    const query = `limit=1&checkpoint=${encodeURIComponent(JSON.stringify(first.body.checkpoint))}`;
    const next = await api<PullResponse<Doc>>(server, assistantB.accessToken, 'GET', `/api/v1/sync/households/pull?${query}`);
    expect(next.body).not.toHaveProperty('total');
    // The township's scope holds the village's documents and more.
    const townshipFirst = await api<PullResponse<Doc>>(server, township.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1');
    expect(townshipFirst.body.total).toBe((await pullAll(server, township.accessToken, 'households', 1000)).length);
    expect(townshipFirst.body.total).toBeGreaterThan(everything.length);
  });

  it('says a scope with nothing in it holds 0, with an empty first page and no checkpoint', async () => {
    const newcomer = await server.signIn('assistant', '371623102203');
    const first = await api<PullResponse<Doc>>(server, newcomer.accessToken, 'GET', '/api/v1/sync/households/pull?limit=10');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ documents: [], checkpoint: null, total: 0 });
  });

  it('refuses a push outside the caller’s scope and stores nothing of the batch', async () => {
    const mine = makeHousehold(VILLAGE_A);
    const foreign = makeHousehold(OTHER_TOWNSHIP_VILLAGE);
    const refused = await api<ErrorBody>(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [
      newRow(mine),
      newRow(foreign),
    ]);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('out_of_scope');
    expect(refused.body.error.details).toEqual({ ids: [foreign.id] });
    const ids = (await pullAll(server, township.accessToken, 'households')).map((d) => d.id);
    expect(ids).not.toContain(mine.id);
  });

  it('refuses a batch with an invalid document whole, naming the document and field', async () => {
    const good = makeHousehold(VILLAGE_A);
    const bad = makeHousehold(VILLAGE_A);
    const badMembers = bad.members.map((m, i) => (i === 1 ? { ...m, idNumber: `${m.idNumber.slice(0, 16)}${(Number(m.idNumber[16]) + 1) % 10}${m.idNumber[17]}` } : m));
    const withExtra = { ...makeHousehold(VILLAGE_A), secret: 'x' };
    const refused = await api<ErrorBody>(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [
      newRow(good),
      newRow({ ...bad, members: badMembers }),
      newRow(withExtra),
    ]);
    expect(refused.status).toBe(422);
    const problems = (refused.body.error.details as { problems: { id: string; field: string }[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: bad.id, field: 'members.1.idNumber' }),
        expect.objectContaining({ id: withExtra.id, field: 'secret' }),
      ]),
    );
    const ids = (await pullAll(server, township.accessToken, 'households')).map((d) => d.id);
    expect(ids).not.toContain(good.id);
  });

  it('answers a stale write with the server’s state and stores the right one', async () => {
    const v1 = makeHousehold(VILLAGE_A);
    await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(v1)]);
    const townEdit = { ...v1, address: '乡镇改过的地址', updatedAt: v1.updatedAt + 1 };
    const townPush = await api<PushResponse<Doc>>(server, township.accessToken, 'POST', '/api/v1/sync/households/push', [
      { assumedMasterState: wire(v1), newDocumentState: wire(townEdit) },
    ]);
    expect(townPush.body.conflicts).toEqual([]);
    const villageEdit = { ...v1, address: '村里改过的地址', updatedAt: v1.updatedAt + 2 };
    const villagePush = await api<PushResponse<Doc>>(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [
      { assumedMasterState: wire(v1), newDocumentState: wire(villageEdit) },
    ]);
    expect(villagePush.status).toBe(200);
    expect(villagePush.body.conflicts).toHaveLength(1);
    expect(villagePush.body.conflicts[0]).toMatchObject({ id: v1.id, address: '乡镇改过的地址', _deleted: false });
    const stored = (await pullAll(server, township.accessToken, 'households')).find((d) => d.id === v1.id);
    expect(stored?.address).toBe('乡镇改过的地址');
  });

  it('stores nothing new when the same batch is sent twice', async () => {
    const households = [makeHousehold(VILLAGE_A), makeHousehold(VILLAGE_A)];
    const body = households.map(newRow);
    const first = await api<PushResponse<Doc>>(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', body);
    expect(first.body.conflicts).toEqual([]);
    const before = await api<PullResponse<Doc>>(server, assistantA.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    const second = await api<PushResponse<Doc>>(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', body);
    expect(second).toEqual({ status: 200, body: { conflicts: [] } });
    const after = await api<PullResponse<Doc>>(server, assistantA.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    expect(after.body.checkpoint).toEqual(before.body.checkpoint);
    expect(after.body.documents.filter((d) => households.some((h) => h.id === d.id))).toHaveLength(2);
  });

  it('syncs visits with the same rules and answers 405 to a push of reference data', async () => {
    const household = makeHousehold(VILLAGE_A);
    const visit = makeVisit(household);
    const lonelyInvestigation = makeVisit(household, { type: 'investigation', investigators: ['王秀兰'] });
    expect((await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/visits/push', [newRow(visit)])).status).toBe(200);
    const refused = await api<ErrorBody>(server, assistantA.accessToken, 'POST', '/api/v1/sync/visits/push', [newRow(lonelyInvestigation)]);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.error.details)).toContain('investigators');
    expect((await pullAll(server, township.accessToken, 'visits')).map((d) => d.id)).toContain(visit.id);
    const areas = await api<ErrorBody>(server, assistantA.accessToken, 'POST', '/api/v1/sync/areas/push', []);
    expect(areas.status).toBe(405);
  });

  it('serves areas within the scope plus its ancestors', async () => {
    const forA = await pullAll(server, assistantA.accessToken, 'areas');
    expect(forA.map((a) => a.id).sort()).toEqual(['3716', '371623', '371623102', VILLAGE_A]);
    const forTownship = await pullAll(server, township.accessToken, 'areas', 50);
    expect(forTownship.length).toBeGreaterThan(10);
    expect(forTownship.every((a) => a.areaCode.startsWith(TOWNSHIP) || TOWNSHIP.startsWith(a.id))).toBe(true);
  });

  it('refuses missing, forged and malformed requests with the error shape', async () => {
    const noToken = await api<ErrorBody>(server, null, 'GET', '/api/v1/sync/households/pull');
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('unauthorized');
    const [payload, signature] = assistantA.accessToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: 'county', area: '371623000000' })).toString('base64url');
    const forged = await api<ErrorBody>(server, `${forgedPayload}.${signature}`, 'GET', '/api/v1/sync/households/pull');
    expect(forged.status).toBe(401);
    const badCheckpoint = await api<ErrorBody>(server, assistantA.accessToken, 'GET', '/api/v1/sync/households/pull?checkpoint=%7Bnope');
    expect(badCheckpoint.status).toBe(400);
    const notArray = await api<ErrorBody>(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', { rows: 1 });
    expect(notArray.status).toBe(400);
    expect(notArray.body.error.code).toBe('bad_request');
    const unknown = await api<ErrorBody>(server, assistantA.accessToken, 'GET', '/api/v1/sync/secrets/pull');
    expect(unknown.status).toBe(404);
  });

  it('never lets a puller following checkpoints miss a change that commits while it pulls', async () => {
    const pushers = 4;
    const batches = 6;
    const perBatch = 15;
    const expected = new Set<string>();
    const seen = new Set<string>();
    let checkpoint: SyncCheckpoint | null = null;
    let pushing = true;

    const puller = (async () => {
      for (;;) {
        const query: string = `limit=20${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
        const page: { status: number; body: PullResponse<Doc> } = await api<PullResponse<Doc>>(server, township.accessToken, 'GET', `/api/v1/sync/households/pull?${query}`);
        for (const doc of page.body.documents) seen.add(doc.id);
        checkpoint = page.body.checkpoint;
        if (!pushing && page.body.documents.length === 0) return;
      }
    })();
    await Promise.all(
      Array.from({ length: pushers }, async (_, p) => {
        const who = p % 2 === 0 ? assistantA : assistantB;
        const village = p % 2 === 0 ? VILLAGE_A : VILLAGE_B;
        for (let b = 0; b < batches; b++) {
          const docs = Array.from({ length: perBatch }, () => makeHousehold(village));
          docs.forEach((d) => expected.add(d.id));
          const pushed = await api(server, who.accessToken, 'POST', '/api/v1/sync/households/push', docs.map(newRow));
          expect(pushed.status).toBe(200);
        }
      }),
    );
    pushing = false;
    await puller;
    const missed = [...expected].filter((id) => !seen.has(id));
    expect(missed).toEqual([]);
    expect(expected.size).toBe(pushers * batches * perBatch);
  });

  it('streams a pushed change to a listener of the same scope', async () => {
    const stream = await openStream(server, township.accessToken, 'households');
    expect(stream.contentType).toContain('text/event-stream');
    expect(await stream.next()).toBe('RESYNC');
    const household = makeHousehold(VILLAGE_B);
    await api(server, assistantB.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)]);
    const event = (await stream.next()) as PullResponse<Doc>;
    expect(event.documents.map((d) => d.id)).toContain(household.id);
    stream.close();
  });

  it('pulls and streams a record exactly as it was pushed, awkward text included, with the server’s provenance', async () => {
    const awkward = makeHousehold(VILLAGE_A, { address: '“一村”\n8排 {11} 号\\后院 \u2028 🏠 "引号"' });
    const stream = await openStream(server, assistantA.accessToken, 'households');
    expect(await stream.next()).toBe('RESYNC');
    const before = Date.now();
    expect((await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(awkward)])).status).toBe(200);
    const streamed = (await stream.next()) as PullResponse<Doc>;
    const got = streamed.documents.find((d) => d.id === awkward.id) as Doc & Record<string, unknown>;
    expect(withoutServerFields(got)).toEqual({ ...withoutServerFields(awkward), _deleted: false });
    // The search fields are the server's, from the members.
    expect(got['memberNames']).toEqual(awkward.members.map((m) => m.name));
    expect(got['idHashes']).toHaveLength(awkward.members.length);
    // Who and when come from the server: the laptop said 'test' and its own clock.
    expect(got).toMatchObject({ createdBy: assistantA.user.id, updatedBy: assistantA.user.id });
    expect(got['updatedAt']).toBeGreaterThanOrEqual(before);
    stream.close();
    const pulled = (await pullAll(server, assistantA.accessToken, 'households')).find((d) => d.id === awkward.id);
    expect(pulled).toEqual(got);
  });

  it('pulls and streams a deleted record (an attachment taken off by its author) as deleted', async () => {
    const household = makeHousehold(VILLAGE_A);
    const photo = makeAttachment(household);
    expect((await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
    expect((await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/attachments/push', [newRow(photo)])).status).toBe(200);
    const stream = await openStream(server, assistantA.accessToken, 'attachments');
    expect(await stream.next()).toBe('RESYNC');
    const removal = [{ assumedMasterState: wire(photo), newDocumentState: wire(photo, true) }];
    expect((await api(server, assistantA.accessToken, 'POST', '/api/v1/sync/attachments/push', removal)).status).toBe(200);
    const streamed = (await stream.next()) as PullResponse<Doc>;
    stream.close();
    const got = streamed.documents.find((d) => d.id === photo.id);
    expect(got && withoutProvenance(got)).toEqual({ ...withoutProvenance(photo), _deleted: true });
    const pulled = (await pullAll(server, assistantA.accessToken, 'attachments')).find((d) => d.id === photo.id);
    expect(pulled).toEqual(got);
  });
});
