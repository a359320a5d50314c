import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villagesIn } from '../../shared/areas';
import type { SyncedCollection } from '../../shared/sync/collections';
import { signPush } from '../../shared/sync/pushSignature';
import type { PullResponse, PushRow, TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { relayAccountsAnswerSchema, relayForwardAnswerSchema, type RelayForwardBody } from '../../shared/wire/relay';
import { makeHousehold, newRow, wire } from '../support/documents';
import { openStream } from '../support/sse';
import { api, startTestServer, type TestServer } from '../support/testServer';

/**
 * The central server's side of the township relay (issue 17): a `relay` account reads its township
 * and nothing beyond, writes nothing itself, and hands in each laptop's signed push batch through
 * `POST /api/v1/relay/forward`, stored exactly as the laptop's own push would be; it keeps its
 * township's accounts from `GET /api/v1/relay/accounts`.
 */
const TOWNSHIP = '371623102000';
const VILLAGE = '371623102201';
const FAR_VILLAGE = villagesIn('371621104')[0]!.code;

type Session = Awaited<ReturnType<TestServer['signIn']>>;
type Doc = Record<string, unknown>;
type Signer = { user: { id: string }; deviceId: string; bundleKey: string };

describe('a township relay account on the central server (pglite)', () => {
  let server: TestServer;
  let relay: Session;
  let assistant: Session;
  let county: Session;
  let township: Session;
  let farAssistant: Session;
  /** The assistant's second laptop: its own device key, revoked by the county further down. */
  let secondLaptop: Signer;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    relay = await server.signIn('relay', TOWNSHIP);
    assistant = await server.signIn('assistant', VILLAGE);
    county = await server.signIn('county', '371623000000');
    township = await server.signIn('township', TOWNSHIP);
    farAssistant = await server.signIn('assistant', FAR_VILLAGE);
    const deviceId = `dev-second-${Date.now()}`;
    const second = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: assistant.user.username, password: assistant.password, deviceId });
    expect(second.status).toBe(200);
    secondLaptop = { user: second.body.user, deviceId, bundleKey: second.body.bundleKey };
  });
  afterAll(async () => server?.close());

  /** A batch as the laptop pushed it, and as the relay hands it in: rows and the laptop's signature. */
  async function batchOf(by: Signer, collection: SyncedCollection, rows: PushRow<Doc>[]): Promise<RelayForwardBody> {
    const signature = await signPush(by.bundleKey, { userId: by.user.id, deviceId: by.deviceId }, collection, rows);
    return { batchId: `b-${Math.random().toString(36).slice(2)}`, collection, userId: by.user.id, deviceId: by.deviceId, rows, signature };
  }
  const forward = (body: unknown, token = relay.accessToken) => api<{ conflicts: Doc[] } & ErrorBody>(server, token, 'POST', '/api/v1/relay/forward', body);
  const push = (session: Session, collection: SyncedCollection, rows: unknown[]) =>
    api<{ conflicts: Doc[] } & ErrorBody>(server, session.accessToken, 'POST', `/api/v1/sync/${collection}/push`, rows);
  const pulledIds = async (session: Session, collection: string) =>
    (await api<PullResponse<Doc>>(server, session.accessToken, 'GET', `/api/v1/sync/${collection}/pull?limit=1000`)).body.documents.map((d) => d['id']);
  const stored = async (id: string) => (await server.db.query<{ data: Doc }>("SELECT data FROM documents WHERE collection = 'households' AND id = $1", [id]))[0]?.data;
  const auditOf = (where: string, value: string) =>
    server.db.query<{ user_id: string; device_id: string; role: string; action: string; document_id: string | null; details: Doc }>(
      `SELECT user_id, device_id, role, action, document_id, details FROM audit_log WHERE ${where} = $1 ORDER BY id`,
      [value],
    );

  it('reads its township’s records and streams, nothing beyond, and writes nothing itself', async () => {
    const near = makeHousehold(VILLAGE);
    const far = makeHousehold(FAR_VILLAGE);
    expect((await push(assistant, 'households', [newRow(near)])).status).toBe(200);
    expect((await push(farAssistant, 'households', [newRow(far)])).status).toBe(200);

    const households = await pulledIds(relay, 'households');
    expect(households).toContain(near.id);
    expect(households).not.toContain(far.id);
    // Reference data too: the township's colleagues (a relay is none of them), the county's policies.
    const users = await pulledIds(relay, 'users');
    expect(users).toEqual(expect.arrayContaining([assistant.user.id, township.user.id]));
    expect(users).not.toContain(farAssistant.user.id);
    expect(users).not.toContain(relay.user.id);
    expect((await api(server, relay.accessToken, 'GET', '/api/v1/sync/policies/pull')).status).toBe(200);
    const stream = await openStream(server, relay.accessToken, 'households');
    stream.close();

    const changed = { ...near, address: '中转站自己改的地址' };
    const own = await push(relay, 'households', [{ assumedMasterState: wire(near), newDocumentState: wire(changed) }]);
    expect(own.status).toBe(403);
    expect(own.body).toEqual({ error: { code: 'forbidden', message: '乡镇中转站只能转交村里上报的数据，不能自己修改' } });
    expect((await stored(near.id))?.['address']).toBe(near.address);

    const countyTools: [method: 'GET' | 'POST', path: string, body?: unknown][] = [
      ['GET', '/api/v1/admin/users'],
      ['POST', '/api/v1/admin/users', { username: 'by_relay', password: 'long enough pass', role: 'assistant', areaCode: VILLAGE }],
      ['POST', '/api/v1/admin/users/import', { rows: [] }],
      ['GET', '/api/v1/stats/dashboard'],
      ['GET', '/api/v1/reports/end-of-day'],
      ['POST', '/api/v1/county-settings', { areaCode: '371623', idleMinutes: 10 }],
      ['GET', '/api/v1/audit'],
      ['POST', '/api/v1/audit/exports', { exportId: 'e-1', kind: 'households', areaPrefix: TOWNSHIP.slice(0, 9), rowCount: 1, filter: '', at: Date.now() }],
      ['POST', '/api/v1/bundles/import', {}],
      ['POST', '/api/v1/policies', {}],
    ];
    for (const [method, path, body] of countyTools) {
      const answer = await api<ErrorBody>(server, relay.accessToken, method, path, body);
      expect({ path, status: answer.status, code: answer.body.error.code }).toEqual({ path, status: 403, code: 'forbidden' });
    }
  });

  it('stores a forwarded batch as its author’s own push, audited as theirs and the relay’s, and nothing more when it comes again', async () => {
    const household = makeHousehold(VILLAGE);
    const batch = await batchOf(assistant, 'households', [newRow(household)]);
    const first = await forward(batch);
    expect(first.status).toBe(200);
    expect(relayForwardAnswerSchema.parse(first.body)).toEqual({ conflicts: [] });

    // The laptop sees its record as its own, and the server wrote who made it from the signature's author.
    expect(await pulledIds(assistant, 'households')).toContain(household.id);
    expect(await stored(household.id)).toMatchObject({ address: household.address, createdBy: assistant.user.id, updatedBy: assistant.user.id });
    const ofRecord = await auditOf('document_id', household.id);
    expect(ofRecord.map((e) => [e.action, e.user_id, e.device_id, e.role])).toEqual([['create', assistant.user.id, assistant.deviceId, 'assistant']]);
    const forwards = (await auditOf('user_id', relay.user.id)).filter((e) => e.action === 'forward');
    expect(forwards).toEqual([
      expect.objectContaining({
        device_id: relay.deviceId,
        role: 'relay',
        details: { author: assistant.user.id, deviceId: assistant.deviceId, batchId: batch.batchId, count: 1 },
      }),
    ]);

    const again = await forward(batch);
    expect(again.status).toBe(200);
    expect(again.body.conflicts).toEqual([]);
    expect(await auditOf('document_id', household.id)).toHaveLength(1);
    expect((await auditOf('user_id', relay.user.id)).filter((e) => e.action === 'forward')).toHaveLength(1);
  });

  it('stores an old signed batch nothing when a relay hands it in again after the record came back to what the batch assumed', async () => {
    const household = makeHousehold(VILLAGE);
    expect((await forward(await batchOf(assistant, 'households', [newRow(household)]))).status).toBe(200);
    const master = (await stored(household.id))!;
    const changed = { ...master, address: '村里改的地址' };
    const old = await batchOf(assistant, 'households', [{ assumedMasterState: wire(master), newDocumentState: wire(changed) }]);
    expect((await forward(old)).body.conflicts).toEqual([]);
    // The township puts the address back: the record is again what the old batch assumed.
    const current = (await stored(household.id))!;
    expect((await push(township, 'households', [{ assumedMasterState: wire(current), newDocumentState: wire({ ...current, address: master['address'] }) }])).body.conflicts).toEqual([]);
    const replayed = await forward({ ...old, batchId: 'b-replayed' });
    expect(replayed).toMatchObject({ status: 200, body: { conflicts: [] } });
    expect((await stored(household.id))?.['address']).toBe(master['address']);
  });

  it('answers a stale batch with the county’s version, as a push would', async () => {
    const household = makeHousehold(VILLAGE);
    expect((await forward(await batchOf(assistant, 'households', [newRow(household)]))).status).toBe(200);
    const master = (await stored(household.id))!;
    // The township changes the address meanwhile; the village laptop, not knowing, changed the phone.
    const byTownship = { ...master, address: '乡镇核实后的新地址' };
    expect((await push(township, 'households', [{ assumedMasterState: wire(master), newDocumentState: wire(byTownship) }])).body.conflicts).toEqual([]);
    const byVillage = { ...master, address: '村里记的另一个地址' };
    const answer = await forward(await batchOf(assistant, 'households', [{ assumedMasterState: wire(master), newDocumentState: wire(byVillage) }]));
    expect(answer.status).toBe(200);
    expect(answer.body.conflicts).toHaveLength(1);
    expect(answer.body.conflicts[0]).toMatchObject({ id: household.id, address: '乡镇核实后的新地址', _deleted: false });
    expect((await stored(household.id))?.['address']).toBe('乡镇核实后的新地址');
  });

  it('refuses a batch the author did not sign as it came, one from outside the township, a revoked laptop’s, and a field the author may not set', async () => {
    const refused = async (body: unknown, token?: string) => {
      const answer = await forward(body, token);
      return { status: answer.status, code: answer.body.error?.code, message: answer.body.error?.message };
    };
    const household = makeHousehold(VILLAGE);
    const batch = await batchOf(assistant, 'households', [newRow(household)]);

    // Changed on the way: one field of the row differs from what the laptop signed.
    const changedRows = [newRow({ ...household, address: '半路改过的地址' })];
    expect(await refused({ ...batch, rows: changedRows })).toMatchObject({ status: 422, code: 'signature_refused', message: expect.stringContaining('未保存') });
    // Another laptop's signature (the same person's second laptop) on a batch naming the first.
    const otherDevice = await batchOf(secondLaptop, 'households', [newRow(household)]);
    expect(await refused({ ...otherDevice, deviceId: assistant.deviceId })).toMatchObject({ status: 422, code: 'signature_refused' });
    // The same rows sent as another collection's.
    expect(await refused({ ...batch, collection: 'visits' })).toMatchObject({ status: 422, code: 'signature_refused' });

    // A village of another township: the relay carries only its own township's laptops.
    const far = await batchOf(farAssistant, 'households', [newRow(makeHousehold(FAR_VILLAGE))]);
    expect(await refused(far)).toMatchObject({ status: 403, code: 'out_of_scope' });

    // The county stops the second laptop: its batches, signed before, are no longer taken.
    const revoke = await api(server, county.accessToken, 'POST', `/api/v1/admin/users/${assistant.user.id}/devices/${secondLaptop.deviceId}/revoke`);
    expect(revoke.status).toBe(200);
    expect(await refused(otherDevice)).toMatchObject({ status: 403, code: 'author_revoked', message: expect.stringContaining('已被停用') });

    // 城乡属性 is the township's to set: the assistant's own signed batch is refused as her push would be.
    const withResidence = await batchOf(assistant, 'households', [newRow({ ...household, residence: 'rural' })]);
    const notHers = await forward(withResidence);
    expect(notHers.status).toBe(403);
    expect(notHers.body.error.code).toBe('field_not_allowed');
    const direct = await push(assistant, 'households', withResidence.rows);
    expect(direct.body).toEqual(notHers.body);

    // Only a relay forwards; a malformed body is named.
    expect(await refused(batch, township.accessToken)).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await refused({ ...batch, signature: undefined })).toMatchObject({ status: 400, code: 'bad_request' });
    expect(await stored(household.id)).toBeUndefined();

    // Nothing was wrong with the batch itself: as it came, it is stored.
    expect((await forward(batch)).status).toBe(200);
    expect(await stored(household.id)).toMatchObject({ address: household.address });
  });

  it('lists its township’s accounts with their laptops, revoked or not, and never a password hash', async () => {
    const answer = await api<unknown>(server, relay.accessToken, 'GET', '/api/v1/relay/accounts');
    expect(answer.status).toBe(200);
    // Exactly the shared schema's fields: nothing else (a password hash) rides along.
    const { accounts } = relayAccountsAnswerSchema.parse(answer.body);
    expect({ accounts }).toEqual(answer.body);
    const byId = new Map(accounts.map((a) => [a.userId, a]));
    expect(byId.get(assistant.user.id)).toEqual({
      userId: assistant.user.id,
      username: assistant.user.username,
      displayName: assistant.user.displayName,
      role: 'assistant',
      areaCode: VILLAGE,
      active: true,
      devices: expect.arrayContaining([
        { deviceId: assistant.deviceId, revoked: false, sessionEpoch: expect.any(Number) },
        { deviceId: secondLaptop.deviceId, revoked: true, sessionEpoch: expect.any(Number) },
      ]),
    });
    expect(byId.get(assistant.user.id)!.devices).toHaveLength(2);
    expect(byId.get(township.user.id)?.role).toBe('township');
    expect(byId.has(farAssistant.user.id)).toBe(false);
    expect(byId.has(county.user.id)).toBe(false);
    expect(byId.has(relay.user.id)).toBe(false);
    expect(JSON.stringify(answer.body)).not.toMatch(/password|hash|\$argon|scrypt/i);

    expect((await api<ErrorBody>(server, township.accessToken, 'GET', '/api/v1/relay/accounts')).status).toBe(403);
    expect((await api<ErrorBody>(server, null, 'GET', '/api/v1/relay/accounts')).status).toBe(401);
  });

  it('is made by the county in account administration for one township, and by no township', async () => {
    const account = { username: `relay_${Date.now()}`, password: 'relay-pc-pass-2026', role: 'relay', areaCode: TOWNSHIP, displayName: '碣石山镇中转站' };
    expect((await api<ErrorBody>(server, township.accessToken, 'POST', '/api/v1/admin/users', account)).status).toBe(403);
    expect((await api<ErrorBody>(server, county.accessToken, 'POST', '/api/v1/admin/users', { ...account, areaCode: VILLAGE })).status).toBe(422);
    const made = await api<{ user: { id: string; role: string } }>(server, county.accessToken, 'POST', '/api/v1/admin/users', account);
    expect(made.status).toBe(201);
    expect(made.body.user.role).toBe('relay');

    const signedIn = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: account.username, password: account.password, deviceId: 'relay-pc-1' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ role: 'relay', areaCode: TOWNSHIP });
    expect((await api(server, signedIn.body.accessToken, 'GET', '/api/v1/relay/accounts')).status).toBe(200);
    // No colleague's app lists it: the laptops' `users` records are people's.
    expect(await pulledIds(township, 'users')).not.toContain(made.body.user.id);
  });

  it('lets the app send its push signature across origins (CORS), for a relay to carry it', async () => {
    const answer = await fetch(`${server.url}/api/v1/sync/households/push`, {
      method: 'OPTIONS',
      headers: { origin: 'app://jiuzhu', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-jiuzhu-push-signature' },
    });
    expect(answer.status).toBeLessThan(300);
    expect(answer.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-jiuzhu-push-signature');
  });
});
