import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Household } from '../../shared/schemas/household';
import type { SyncedCollection } from '../../shared/sync/collections';
import { PUSH_SIGNATURE_HEADER, signPush } from '../../shared/sync/pushSignature';
import type { TokenResponse } from '../../shared/sync/wire';
import { loadTokenKeys } from '../../server/auth/tokenKeys';
import type { Database } from '../../server/db/database';
import { openMemoryDatabase } from '../support/pgliteSnapshots';
import { storeDocuments } from '../../server/storage/documentStore';
import { createRelaySignIn } from '../../server/relay/relaySignIn';
import { buildRelay, type Relay } from '../../server/relay/relayApp';
import { relayDeviceId } from '../../server/relay/relayCommand';
import { UpstreamLink } from '../../server/relay/upstreamLink';
import { UpstreamSession } from '../../server/relay/upstreamSession';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, wire } from '../support/documents';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { openStream } from '../support/sse';
import { startTestServer, type TestServer } from '../support/testServer';
import { applicationAt, type Staff } from '../support/writePolicyCases';
import { attachFileRecord, fakeJpeg, getBlob, headBlob, sha256Of, tusUpload } from './fileUploads';
import { relayOutcomesAnswerSchema, relayPendingAnswerSchema } from '../../shared/wire/relayStatus';

/**
 * The township relay (issue 17) with real parts: the central server on PostgreSQL, the relay on
 * PGlite with a userspace proxy between them standing for the station's uplink, and laptops that
 * sign in at the station and sync with it over HTTP exactly as the app does (device-signed pushes).
 */
const TOWNSHIP = '371623102';
const VILLAGE_A = '371623102201';
const VILLAGE_B = '371623102202';
const PASSWORD = 'correct horse battery';

interface StationLaptop {
  user: TokenResponse['user'];
  deviceId: string;
  accessToken: string;
  refreshToken: string;
  bundleKey: string;
}

type Answer = { status: number; body: Record<string, unknown> & { conflicts?: Record<string, unknown>[]; relay?: { batchId: string; state: string }; error?: { code: string; message: string; details?: unknown } } };

async function call(url: string, token: string | null, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

async function signInAt(url: string, username: string): Promise<StationLaptop> {
  const deviceId = `dev-${randomUUID()}`;
  const answer = await call(url, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const tokens = answer.body as unknown as TokenResponse;
  return { user: tokens.user, deviceId, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, bundleKey: tokens.bundleKey! };
}

/** A push as the app sends it: the rows, signed with the laptop's device key. */
async function push(url: string, laptop: StationLaptop, collection: SyncedCollection, rows: unknown[]): Promise<Answer> {
  const signature = await signPush(laptop.bundleKey, { userId: laptop.user.id, deviceId: laptop.deviceId }, collection, rows);
  return call(url, laptop.accessToken, 'POST', `/api/v1/sync/${collection}/push`, rows, { [PUSH_SIGNATURE_HEADER]: signature });
}

/** Every page from the start: the laptop's view of a collection. */
async function pullAll(url: string, laptop: StationLaptop, collection: SyncedCollection): Promise<Map<string, Record<string, unknown>>> {
  const seen = new Map<string, Record<string, unknown>>();
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '200', ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
    const page = await call(url, laptop.accessToken, 'GET', `/api/v1/sync/${collection}/pull?${query}`);
    expect(page.status).toBe(200);
    const documents = page.body['documents'] as Record<string, unknown>[];
    for (const doc of documents) seen.set(String(doc['id']), doc);
    if (documents.length === 0) return seen;
    checkpoint = page.body['checkpoint'];
  }
}

const centralVersion = async (central: TestServer, collection: string, id: string) =>
  (await central.db.query<{ data: Record<string, unknown> }>('SELECT data FROM documents WHERE collection = $1 AND id = $2', [collection, id]))[0]?.data ?? null;

describe('the township relay: villages sync through the station, the central server decides (issue 17)', () => {
  let central: TestServer;
  let uplink: FaultProxy;
  let relayDb: Database;
  let relay: Relay;
  let relayUrl: string;
  let villageA: StationLaptop;
  let station: StationLaptop;
  let staff: Staff;

  beforeAll(async () => {
    central = await startTestServer('postgres');
    await addUser(central.db, { username: 'relay-102', password: PASSWORD, role: 'relay', areaCode: `${TOWNSHIP}000`, displayName: '碣石山镇中转站' });
    await addUser(central.db, { username: 'xieli-a', password: PASSWORD, role: 'assistant', areaCode: VILLAGE_A, displayName: '王秀兰' });
    await addUser(central.db, { username: 'zhan-102', password: PASSWORD, role: 'township', areaCode: `${TOWNSHIP}000`, displayName: '刘建华' });
    await addUser(central.db, { username: 'xian-1623', password: PASSWORD, role: 'county', areaCode: '371623000000', displayName: '赵县民政' });
    uplink = await startFaultProxy(Number(new URL(central.url).port));
    relayDb = await openMemoryDatabase();
    const link = new UpstreamLink(uplink.url, 3_000);
    const session = new UpstreamSession(link, { username: 'relay-102', password: PASSWORD, deviceId: await relayDeviceId(relayDb), township: TOWNSHIP });
    const signIn = await createRelaySignIn({ db: relayDb, link, township: TOWNSHIP, tokenKeys: await loadTokenKeys(relayDb) });
    // A round runs when a laptop pushes and when the test asks (runOnce), never by the clock here.
    relay = await buildRelay({ db: relayDb, township: TOWNSHIP, link, session, signIn, roundEveryMs: 3_600_000, answerWaitMs: 5_000 });
    relayUrl = await relay.app.listen({ port: 0, host: '127.0.0.1' });
    await relay.worker.start();
    await relay.worker.runOnce();
    villageA = await signInAt(relayUrl, 'xieli-a');
    station = await signInAt(relayUrl, 'zhan-102');
    const county = (await central.db.query<{ id: string; display_name: string }>("SELECT id, display_name FROM users WHERE username = 'xian-1623'"))[0]!;
    staff = {
      assistant: { id: villageA.user.id, role: 'assistant', displayName: '王秀兰' },
      township: { id: station.user.id, role: 'township', displayName: '刘建华' },
      county: { id: county.id, role: 'county', displayName: county.display_name },
    };
  }, 120_000);

  afterAll(async () => {
    await relay?.app.close();
    await relayDb?.close();
    await uplink?.close();
    await central?.close();
  });

  it('says at /health that it is a relay, for which township, and whether the county is reachable', async () => {
    const health = await call(relayUrl, null, 'GET', '/api/v1/health');
    expect(health.body).toMatchObject({ status: 'ok', mode: 'relay', area: TOWNSHIP, name: '碣石山镇中转站', upstream: { reachable: true } });
  });

  it('gives a laptop at the station the county’s holiday years and 码上查 address, as the county answers them', async () => {
    for (const path of ['/api/v1/reference/calendar', '/api/v1/status-check/settings']) {
      const atCounty = await call(central.url, (await central.signIn('assistant', VILLAGE_A)).accessToken, 'GET', path);
      const atStation = await call(relayUrl, villageA.accessToken, 'GET', path);
      // Without a public address of its own, the county's receipts name the county as the station reaches it.
      const expected = path.includes('status-check') && (atCounty.body as { publicUrl: unknown }).publicUrl === null ? { ...atCounty, body: { publicUrl: uplink.url } } : atCounty;
      expect(atStation, path).toEqual(expected);
      expect((await call(relayUrl, null, 'GET', path)).status).toBe(401);
    }
  });

  it('carries a new household up at once while the uplink works: stored as the village assistant’s, and back to the station with the central server’s provenance', async () => {
    const household = makeHousehold(VILLAGE_A, { createdBy: 'someone-else', updatedBy: 'someone-else' });
    const answer = await push(relayUrl, villageA, 'households', [{ assumedMasterState: null, newDocumentState: wire(household) }]);
    expect(answer).toMatchObject({ status: 200, body: { conflicts: [] } });
    expect(answer.body.relay).toBeUndefined();
    expect(await centralVersion(central, 'households', household.id)).toMatchObject({ id: household.id, createdBy: villageA.user.id, updatedBy: villageA.user.id });
    const audit = await central.db.query<{ action: string; user_id: string }>("SELECT action, user_id FROM audit_log WHERE document_id = $1 OR details->>'batchId' IS NOT NULL ORDER BY id", [household.id]);
    expect(audit).toEqual(expect.arrayContaining([{ action: 'create', user_id: villageA.user.id }, { action: 'forward', user_id: expect.any(String) }]));
    // The round that carried it up settles the station's copy to the county's version once it has pulled that.
    await relay.worker.runOnce();
    const seen = await pullAll(relayUrl, station, 'households');
    expect(seen.get(household.id)).toMatchObject({ createdBy: villageA.user.id });
  });

  it('with the uplink cut keeps the villages in sync, shows the batch as pending, and carries it up once when the uplink returns', async () => {
    uplink.refuse();
    uplink.resetAll();
    try {
      const household = makeHousehold(VILLAGE_A);
      const answer = await push(relayUrl, villageA, 'households', [{ assumedMasterState: null, newDocumentState: wire(household) }]);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ conflicts: [], relay: { state: 'pending', batchId: expect.any(String) } });
      const batchId = answer.body.relay!.batchId;

      // The second laptop at the station sees it, marked as waiting; the county has nothing yet.
      expect((await pullAll(relayUrl, station, 'households')).has(household.id)).toBe(true);
      const waiting = await call(relayUrl, station.accessToken, 'GET', '/api/v1/relay/pending');
      expect(relayPendingAnswerSchema.parse(waiting.body)).toMatchObject({
        documents: [{ collection: 'households', id: household.id, areaCode: VILLAGE_A, since: expect.any(Number) }],
        villages: [{ areaCode: VILLAGE_A, count: 1 }],
      });
      expect(await centralVersion(central, 'households', household.id)).toBeNull();
      expect((await call(relayUrl, null, 'GET', '/api/v1/health')).body).toMatchObject({ upstream: { reachable: false }, waitingBatches: 1 });
      // Only the device that pushed it learns its batch's fate.
      expect((await call(relayUrl, villageA.accessToken, 'GET', `/api/v1/relay/outcomes?batch=${batchId}`)).body).toEqual({ outcomes: [{ batchId, state: 'pending', conflicts: [], error: null }] });
      expect((await call(relayUrl, station.accessToken, 'GET', `/api/v1/relay/outcomes?batch=${batchId}`)).body).toEqual({ outcomes: [] });

      uplink.allow();
      await relay.worker.runOnce();
      expect(await centralVersion(central, 'households', household.id)).toMatchObject({ createdBy: villageA.user.id });
      expect((await call(relayUrl, villageA.accessToken, 'GET', `/api/v1/relay/outcomes?batch=${batchId}`)).body).toEqual({ outcomes: [{ batchId, state: 'stored', conflicts: [], error: null }] });
      expect((await call(relayUrl, station.accessToken, 'GET', '/api/v1/relay/pending')).body).toEqual({ documents: [], villages: [] });
      // Going up twice (a relay restarted mid-forward) stores it once.
      const creates = await central.db.query("SELECT 1 FROM audit_log WHERE action = 'create' AND document_id = $1", [household.id]);
      expect(creates).toHaveLength(1);
    } finally {
      uplink.allow();
    }
  });

  it('brings the central server’s refusal back to the laptop that made the change, and undoes the pending version at the station', async () => {
    const household = makeHousehold(VILLAGE_A);
    const approved = applicationAt('approved', household, staff);
    await central.db.transaction(async (tx) => {
      await storeDocuments(tx, 'households', [{ doc: household as unknown as Record<string, unknown>, deleted: false }]);
      await storeDocuments(tx, 'applications', [{ doc: approved as unknown as Record<string, unknown>, deleted: false }]);
    });
    await relay.worker.runOnce();
    const raised = { ...approved, decision: { approvedMonthlyAmount: 3000, method: 'gap' as const }, updatedAt: approved.updatedAt + 1 };
    uplink.refuse();
    uplink.resetAll();
    let batchId: string;
    try {
      const answer = await push(relayUrl, villageA, 'applications', [{ assumedMasterState: wire(approved), newDocumentState: wire(raised) }]);
      expect(answer.body.relay?.state).toBe('pending');
      batchId = answer.body.relay!.batchId;
      expect((await pullAll(relayUrl, station, 'applications')).get(approved.id)).toMatchObject({ decision: { approvedMonthlyAmount: 3000 } });
    } finally {
      uplink.allow();
    }
    await relay.worker.runOnce();
    const outcome = await call(relayUrl, villageA.accessToken, 'GET', `/api/v1/relay/outcomes?batch=${batchId}`);
    expect(outcome.body).toMatchObject({ outcomes: [{ batchId, state: 'refused', error: { status: 403, code: 'field_not_allowed', details: { problems: [{ id: approved.id, field: 'decision' }] } } }] });
    // With the county's version of the refused row, which the laptop shows again (its own is kept in a conflict record).
    expect(relayOutcomesAnswerSchema.parse(outcome.body).outcomes[0]!.conflicts).toEqual([{ ...approved, _deleted: false }]);
    expect(await centralVersion(central, 'applications', approved.id)).toEqual(approved);
    expect((await pullAll(relayUrl, station, 'applications')).get(approved.id)).toMatchObject({ decision: approved.decision });

    // With the uplink up too, the refusal comes back as the batch's outcome, never as an error the
    // laptop would answer by sending the batch again and again.
    const direct = await push(relayUrl, villageA, 'applications', [{ assumedMasterState: wire(approved), newDocumentState: wire(raised) }]);
    expect(direct).toMatchObject({ status: 200, body: { conflicts: [], relay: { state: 'pending' } } });
    const directOutcome = await call(relayUrl, villageA.accessToken, 'GET', `/api/v1/relay/outcomes?batch=${direct.body.relay!.batchId}`);
    expect(directOutcome.body).toMatchObject({ outcomes: [{ state: 'refused', error: { code: 'field_not_allowed' } }] });
  });

  it('surfaces a conflict on the laptop that made it: the central server’s version comes back, the station shows that version again', async () => {
    const household: Household = makeHousehold(VILLAGE_A);
    await central.db.transaction((tx) => storeDocuments(tx, 'households', [{ doc: household as unknown as Record<string, unknown>, deleted: false }]));
    await relay.worker.runOnce();
    // The township changes it at the county's server meanwhile; the village changes it at the station.
    const atCentral = await call(central.url, (await central.signIn('township', `${TOWNSHIP}000`)).accessToken, 'POST', '/api/v1/sync/households/push', [
      { assumedMasterState: wire(household), newDocumentState: wire({ ...household, address: '大山中村三组12号', updatedAt: household.updatedAt + 5 }) },
    ]);
    expect(atCentral).toMatchObject({ status: 200, body: { conflicts: [] } });
    uplink.refuse();
    uplink.resetAll();
    let batchId: string;
    try {
      const answer = await push(relayUrl, villageA, 'households', [{ assumedMasterState: wire(household), newDocumentState: wire({ ...household, address: '大山中村五组3号', updatedAt: household.updatedAt + 9 }) }]);
      batchId = answer.body.relay!.batchId;
    } finally {
      uplink.allow();
    }
    await relay.worker.runOnce();
    const outcome = await call(relayUrl, villageA.accessToken, 'GET', `/api/v1/relay/outcomes?batch=${batchId}`);
    expect(outcome.body).toMatchObject({ outcomes: [{ batchId, state: 'conflict', conflicts: [{ id: household.id, address: '大山中村三组12号' }], error: null }] });
    expect((await pullAll(relayUrl, station, 'households')).get(household.id)).toMatchObject({ address: '大山中村三组12号' });
  });

  it('refuses a laptop whose device the county revoked, once the relay has pulled again', async () => {
    const laptop = await signInAt(relayUrl, 'xieli-a');
    expect((await call(relayUrl, laptop.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1')).status).toBe(200);
    await central.db.query('UPDATE devices SET revoked_at = now() WHERE user_id = $1 AND device_id = $2', [laptop.user.id, laptop.deviceId]);
    await relay.worker.runOnce();
    const refused = await call(relayUrl, laptop.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'device_revoked' });
    // Another laptop of the same assistant goes on.
    expect((await call(relayUrl, villageA.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1')).status).toBe(200);
  });

  it('ends a laptop’s live stream at the station once its session has ended: signed out there, or ended at the county', async () => {
    /** The stream's events before the relay ended it; fails if it is still open after a while. */
    const endedWithin = (stream: Awaited<ReturnType<typeof openStream>>) =>
      Promise.race([stream.untilEnd(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the stream at the station is still open')), 15_000))]).finally(() => stream.close());

    // 退出登录 at the station: the county is told too, and the relay's next round ends the stream.
    const signedOut = await signInAt(relayUrl, 'xieli-a');
    const first = await openStream({ url: relayUrl }, signedOut.accessToken, 'households');
    expect(await first.next()).toBe('RESYNC');
    const firstEnded = endedWithin(first);
    expect((await call(relayUrl, signedOut.accessToken, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    await relay.worker.runOnce();
    expect(await firstEnded).toEqual([]);

    // The county ends a session (a replayed refresh token moves the device's epoch on there).
    const laptop = await signInAt(relayUrl, 'xieli-a');
    const second = await openStream({ url: relayUrl }, laptop.accessToken, 'households');
    expect(await second.next()).toBe('RESYNC');
    const secondEnded = endedWithin(second);
    await central.db.query('UPDATE devices SET session_epoch = session_epoch + 1 WHERE user_id = $1 AND device_id = $2', [laptop.user.id, laptop.deviceId]);
    await relay.worker.runOnce();
    expect(await secondEnded).toEqual([]);
    expect((await call(relayUrl, laptop.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1')).status).toBe(401);
    // The assistant's other laptop streams on.
    const other = await openStream({ url: relayUrl }, villageA.accessToken, 'households');
    expect(await other.next()).toBe('RESYNC');
    other.close();
  });

  it('keeps a laptop signed out at the station while the county was away signed out once the county is back', async () => {
    const laptop = await signInAt(relayUrl, 'xieli-a');
    uplink.refuse();
    uplink.resetAll();
    try {
      expect((await call(relayUrl, laptop.accessToken, 'POST', '/api/v1/auth/logout')).status).toBe(204);
      expect((await call(relayUrl, laptop.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1')).status).toBe(401);
    } finally {
      uplink.allow();
    }
    // The county never heard of it: its list still has the device's old epoch.
    await relay.worker.runOnce();
    expect((await call(relayUrl, laptop.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1')).status).toBe(401);
    expect((await call(relayUrl, villageA.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1')).status).toBe(200);
  });

  it('passes a laptop’s attachment through to the county under its own token, and says “later” while the county is away', async () => {
    const photo = fakeJpeg(200 * 1024);
    const sha = sha256Of(photo);
    // Its record went up as usual; the bytes go through the station.
    await attachFileRecord(central, villageA.accessToken, VILLAGE_A, photo);
    expect(await tusUpload(relayUrl, villageA.accessToken, photo, { areaCode: VILLAGE_A })).toMatchObject({ ok: true });
    expect(await headBlob(central.url, villageA.accessToken, sha)).toMatchObject({ status: 200, length: String(photo.length) });
    const back = await getBlob(relayUrl, villageA.accessToken, sha);
    expect(back.status).toBe(200);
    expect(sha256Of(back.bytes)).toBe(sha);
    // The station keeps no file: the county decides who may read it, here the township's laptop at the station.
    const other = await signInAt(relayUrl, 'zhan-102');
    expect((await getBlob(relayUrl, other.accessToken, sha)).status).toBe(200);

    uplink.refuse();
    uplink.resetAll();
    try {
      const later = fakeJpeg(50 * 1024);
      const refused = await tusUpload(relayUrl, villageA.accessToken, later, { areaCode: VILLAGE_A });
      expect(refused).toMatchObject({ ok: false, status: 503 });
      expect(refused.body).toContain('附件先保存在本机');
    } finally {
      uplink.allow();
    }
  });

  it('passes the county’s online-only pages through while the county answers (the township’s end-of-day report, the dashboard), under the laptop’s own role', async () => {
    for (const path of ['/api/v1/reports/end-of-day', '/api/v1/stats/dashboard']) {
      const viaStation = await call(relayUrl, station.accessToken, 'GET', path);
      const atCounty = await call(central.url, station.accessToken, 'GET', path);
      expect(viaStation.status, path).toBe(200);
      expect(Object.keys(viaStation.body)).toEqual(Object.keys(atCounty.body));
    }
    // The county still checks the role: account administration is not the township's here either.
    expect((await call(relayUrl, villageA.accessToken, 'GET', '/api/v1/admin/users')).status).toBe(403);
    uplink.refuse();
    uplink.resetAll();
    try {
      const away = await call(relayUrl, station.accessToken, 'GET', '/api/v1/reports/end-of-day');
      expect(away.status).toBe(503);
      expect(away.body.error?.message).toContain('县级服务器暂时连不上');
    } finally {
      uplink.allow();
    }
  });

  it('passes on only the routes it names: a path that resolves elsewhere is refused, not sent to the county', async () => {
    for (const path of ['/api/v1/files/../auth/login', '/api/v1/files/%2e%2e/auth/login', '/api/v1/stats/../../v1/auth/token-key']) {
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(relayUrl);
        const request = httpRequest({ host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end(JSON.stringify({ username: 'xieli-a', password: 'guess', deviceId: 'dev-guessing-0001' }));
      });
      expect(status, path).toBe(404);
    }
    const guesses = await central.db.query("SELECT 1 FROM audit_log WHERE action = 'login_failed' AND details->>'reason' = 'wrong_password'");
    expect(guesses).toHaveLength(0);
  });

  it('serves each laptop only its own scope from the township replica', async () => {
    const other = makeHousehold(VILLAGE_B);
    await central.db.transaction((tx) => storeDocuments(tx, 'households', [{ doc: other as unknown as Record<string, unknown>, deleted: false }]));
    await relay.worker.runOnce();
    expect((await pullAll(relayUrl, station, 'households')).has(other.id)).toBe(true);
    const ownVillage = await pullAll(relayUrl, villageA, 'households');
    expect(ownVillage.has(other.id)).toBe(false);
    expect([...ownVillage.values()].every((doc) => String(doc['areaCode']).startsWith(VILLAGE_A))).toBe(true);
    // And a village laptop cannot push into another village through the station: neither a record
    // naming that village, nor another village's record renamed into its own (the station would
    // otherwise serve it meanwhile, and hand the other village's version back with a refusal).
    const foreign = await push(relayUrl, villageA, 'households', [{ assumedMasterState: null, newDocumentState: wire(makeHousehold(VILLAGE_B)) }]);
    expect(foreign.status).toBe(403);
    const taken = await push(relayUrl, villageA, 'households', [{ assumedMasterState: wire(other), newDocumentState: wire({ ...other, areaCode: VILLAGE_A, address: '改写' }) }]);
    expect(taken).toMatchObject({ status: 403, body: { error: { code: 'out_of_scope' } } });
    expect((await pullAll(relayUrl, station, 'households')).get(other.id)).toMatchObject({ areaCode: VILLAGE_B, address: other.address });
  });
});
