import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { readOfflineProfile } from '../../renderer/data/core/auth/offlineProfile';
import { Workspace } from '../../renderer/data/core/workspace';
import { nextUpdatedAt, writeDocument } from '../../renderer/data/core/writeDocument';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { reapplyConflict } from '../../renderer/data/core/sync/conflictActions';
import { chinaToday } from '../../shared/domain/chinaTime';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { addCalendarDays } from '../../shared/rules/dates';
import type { Household } from '../../shared/schemas/household';
import { PUSH_SIGNATURE_HEADER, signPush, verifyPush } from '../../shared/sync/pushSignature';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { relayPendingAnswerSchema } from '../../shared/wire/relayStatus';
import { loadTokenKeys } from '../../server/auth/tokenKeys';
import type { Database } from '../../server/db/database';
import { openMemoryDatabase } from '../support/pgliteSnapshots';
import { createRelaySignIn } from '../../server/relay/relaySignIn';
import { buildRelay, type Relay } from '../../server/relay/relayApp';
import { relayDeviceId } from '../../server/relay/relayCommand';
import { UpstreamLink } from '../../server/relay/upstreamLink';
import { UpstreamSession } from '../../server/relay/upstreamSession';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, makeVisit, wire } from '../support/documents';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

/**
 * The laptop's data layer at a township relay (issue 17), with real parts: the central server (on
 * PGlite here), the real relay in-process on its own PGlite, a userspace proxy between them standing
 * for the station's uplink (cut it: the relay answers "pending"), and the relay's rounds run by the
 * test (`worker.runOnce()`), never by the clock. Refusals are the county's own: the laptop pushes
 * what its own checks would stop in the UI, written straight into its RxDB collection as a buggy or
 * tampered laptop would.
 */
const TOWNSHIP = '371623102';
const VILLAGE = '371623102201';
const PASSWORD = 'password-123';
let seq = 300;

const household = (name: string) => ({
  areaCode: VILLAGE,
  address: '碣石山镇一村8号',
  members: [{ id: 'm1', name, idNumber: makeIdNumber('371623', '1956-02-03', seq++), relation: 'head' as const }],
});

/** The sign-in answer the server gives this user on this laptop (the keys the laptop signs with). */
async function signInAnswer(server: { url: string }, username: string, deviceId: string): Promise<TokenResponse> {
  return (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId })).body;
}

/** Each push the laptop sends: collection, rows as sent, signature header. */
function watchPushes(): { collection: string; rows: unknown; signature: string | null }[] {
  const seen: { collection: string; rows: unknown; signature: string | null }[] = [];
  const original = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const match = /\/api\/v1\/sync\/(\w+)\/push$/.exec(url);
    if (match && init?.body) {
      const headers = init.headers as Record<string, string>;
      const body = typeof init.body === 'string' ? init.body : gunzipSync(init.body as Uint8Array).toString('utf8');
      seen.push({ collection: match[1]!, rows: JSON.parse(body), signature: headers[PUSH_SIGNATURE_HEADER] ?? null });
    }
    return original(input, init);
  });
  return seen;
}

describe('the laptop at a township relay (issue 17)', () => {
  let central: TestServer;
  let uplink: FaultProxy;
  let relayDb: Database;
  let relay: Relay;
  /** The station's address, as a village laptop signs in to it. */
  const station = { url: '' };
  let open: Workspace | null = null;

  /** What the county holds of a record (null: nothing). */
  const atCounty = async (collection: string, id: string) =>
    (await central.db.query<{ data: Record<string, unknown> }>('SELECT data FROM documents WHERE collection = $1 AND id = $2', [collection, id]))[0]?.data ?? null;
  /** The station's uplink goes down: no new connection, the open ones reset. */
  const cutUplink = () => {
    uplink.refuse();
    uplink.resetAll();
  };
  /** The batches the relay holds, whatever their state. */
  const batchesAtRelay = async () => (await relayDb.query<{ n: number }>('SELECT count(*)::int AS n FROM relay_outbox'))[0]!.n;

  beforeAll(async () => {
    central = await startTestServer('pglite');
    await addUser(central.db, { username: 'relay-102', password: PASSWORD, role: 'relay', areaCode: `${TOWNSHIP}000`, displayName: '碣石山镇中转站' });
    for (const username of ['xieli', 'xieli2', 'xieli2b', 'xieli3', 'xieli4', 'xieli5', 'xieli6', 'xieli7']) {
      await addUser(central.db, { username, password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    }
    await addUser(central.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: `${TOWNSHIP}000` });
    uplink = await startFaultProxy(Number(new URL(central.url).port));
    relayDb = await openMemoryDatabase();
    const link = new UpstreamLink(uplink.url, 3_000);
    const session = new UpstreamSession(link, { username: 'relay-102', password: PASSWORD, deviceId: await relayDeviceId(relayDb), township: '371623102' });
    const signInHere = await createRelaySignIn({ db: relayDb, link, township: TOWNSHIP, tokenKeys: await loadTokenKeys(relayDb) });
    // A round runs when a laptop pushes and when the test asks (runOnce), never by the clock here. A
    // push waits for the county's answer as long as the county answers at all: with the uplink up a
    // push is stored (or refused) directly, with it cut the failed round answers "pending" at once.
    relay = await buildRelay({ db: relayDb, township: TOWNSHIP, link, session, signIn: signInHere, roundEveryMs: 3_600_000, answerWaitMs: 30_000 });
    station.url = await relay.app.listen({ port: 0, host: '127.0.0.1' });
    await relay.worker.start();
    await relay.worker.runOnce();
  }, 120_000);
  afterEach(async () => {
    vi.restoreAllMocks();
    await open?.close();
    open = null;
    // Whatever a test left waiting goes up now, so the next test's station starts empty.
    uplink.allow();
    await relay.worker.runOnce();
  });
  afterAll(async () => {
    await relay?.app.close();
    await relayDb?.close();
    await uplink?.close();
    await central?.close();
  });

  it('signs every push with the device key of its sign-in answer; the central server stores the push and the signature verifies', async () => {
    const device = laptop();
    const pushes = watchPushes();
    open = await openWorkspace(central, device, 'xieli', PASSWORD);
    const workspace = open;
    const deviceId = workspace.deviceId;
    const saved = await saveHousehold(workspace, household('赵文龙'));
    await firstValueFrom(workspace.pending.count$.pipe(filter((count) => count === 0)));

    const sent = pushes.filter((p) => p.collection === 'households');
    expect(sent.length).toBeGreaterThan(0);
    const { bundleKey } = await signInAnswer(central, 'xieli', deviceId);
    const signer = { userId: workspace.session.user.id, deviceId };
    for (const push of sent) {
      expect(push.signature).toEqual(expect.any(String));
      expect(await verifyPush(bundleKey, signer, 'households', push.rows, push.signature!)).toBe(true);
      // The signature holds the rows: any change, another device or another collection does not verify.
      const changed = JSON.parse(JSON.stringify(push.rows).replace('碣石山镇一村8号', '碣石山镇一村9号')) as unknown;
      expect(await verifyPush(bundleKey, signer, 'households', changed, push.signature!)).toBe(false);
      expect(await verifyPush(bundleKey, { ...signer, deviceId: 'dev-other' }, 'households', push.rows, push.signature!)).toBe(false);
      expect(await verifyPush(bundleKey, signer, 'visits', push.rows, push.signature!)).toBe(false);
    }
    // The desktop app (its own origin) may send the header: the preflight allows it.
    const preflight = await fetch(`${central.url}/api/v1/sync/households/push`, {
      method: 'OPTIONS',
      headers: { origin: 'app://jiuzhu', 'access-control-request-method': 'POST', 'access-control-request-headers': `authorization,content-type,${PUSH_SIGNATURE_HEADER}` },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain(PUSH_SIGNATURE_HEADER);
    // The central server ignored the header and stored the household; nothing waits at a relay.
    const zhen = await signInAnswer(central, 'zhen', 'dev-zhen');
    const page = await api<PullResponse<{ id: string }>>(central, zhen.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    expect(page.body.documents.map((d) => d.id)).toContain(saved.id);
    await workspace.relay.settled();
    expect(workspace.relay.server$.value).toEqual({ mode: 'central' });
    expect(workspace.relay.batches.kept).toEqual([]);
    expect(workspace.relay.waiting$.value).toBeNull();
  });

  it('keeps a batch the relay took, sealed, shows what waits at the station, and forgets it once the county stored it', async () => {
    const device = laptop();
    open = await openWorkspace(station, device, 'xieli2', PASSWORD);
    const workspace = open;
    // Which server: a relay, the county reachable from it.
    const server = await firstValueFrom(workspace.relay.server$.pipe(filter((s) => s !== null)));
    expect(server).toMatchObject({ mode: 'relay', name: '碣石山镇中转站', upstream: { reachable: true } });
    // Another laptop of the village at the station, signed in while the county answered.
    const other = { deviceId: 'dev-other-laptop', ...(await signInAnswer(station, 'xieli2b', 'dev-other-laptop')) };

    cutUplink();
    const saved = await saveHousehold(workspace, household('钱玉兰'));
    const kept = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    expect(kept[0]).toMatchObject({ collection: 'households' });
    expect(kept[0]!.rows.map((row) => row.newDocumentState.id)).toEqual([saved.id]);
    // Handed over: no longer 待同步; the relay holds it signed with this device's key; the county has nothing yet.
    await firstValueFrom(workspace.pending.count$.pipe(filter((count) => count === 0)));
    const atRelay = (await relayDb.query<{ rows: unknown[]; signature: string }>('SELECT rows, signature FROM relay_outbox WHERE batch_id = $1', [kept[0]!.batchId]))[0]!;
    const { bundleKey } = await signInAnswer(central, 'xieli2', workspace.deviceId);
    expect(await verifyPush(bundleKey!, { userId: workspace.session.user.id, deviceId: workspace.deviceId }, 'households', atRelay.rows, atRelay.signature)).toBe(true);
    expect(await atCounty('households', saved.id)).toBeNull();
    // Kept sealed on the laptop: neither the name nor the ID number is readable in the store.
    await workspace.relay.batches.flushed();
    const stored = device.store.getItem(`jiuzhu:relayBatches:${workspace.session.user.id}`)!;
    expect(stored).toBeTruthy();
    expect(stored).not.toContain('钱玉兰');
    expect(stored).not.toContain(saved.members[0]!.idNumber);
    // The laptop hears that the station cannot reach the county.
    workspace.sync.syncNow();
    await firstValueFrom(workspace.relay.server$.pipe(filter((s) => s?.mode === 'relay' && !s.upstream.reachable)));

    // What waits at the station, any laptop's, per record and per village.
    const theirs = makeHousehold(VILLAGE, { createdBy: other.user.id, updatedBy: other.user.id });
    const rows = [{ assumedMasterState: null, newDocumentState: wire(theirs) }];
    const signature = await signPush(other.bundleKey!, { userId: other.user.id, deviceId: other.deviceId }, 'households', rows);
    const theirPush = await fetch(`${station.url}/api/v1/sync/households/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.accessToken}`, 'content-type': 'application/json', [PUSH_SIGNATURE_HEADER]: signature },
      body: JSON.stringify(rows),
    });
    expect(await theirPush.json()).toMatchObject({ conflicts: [], relay: { state: 'pending' } });
    workspace.sync.syncNow();
    const waiting = await firstValueFrom(workspace.relay.waiting$.pipe(filter((w) => (w?.documents.length ?? 0) === 2)));
    expect(relayPendingAnswerSchema.parse(waiting).documents.map((d) => d.id).sort()).toEqual([saved.id, theirs.id].sort());
    expect(waiting!.villages).toEqual([{ areaCode: VILLAGE, count: 2, oldestAt: Math.min(...waiting!.documents.map((d) => d.since)) }]);

    // The county comes back and stores both: the laptop forgets its batch, and nothing waits.
    uplink.allow();
    await relay.worker.runOnce();
    expect(await atCounty('households', saved.id)).toMatchObject({ id: saved.id, createdBy: workspace.session.user.id });
    workspace.sync.syncNow();
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 0)));
    await firstValueFrom(workspace.relay.server$.pipe(filter((s) => s?.mode === 'relay' && s.upstream.reachable)));
    await firstValueFrom(workspace.relay.waiting$.pipe(filter((w) => w !== null && w.documents.length === 0 && w.villages.length === 0)));
    expect(await workspace.db.conflicts.count().exec()).toBe(0);
    expect(workspace.relay.batches.refused).toEqual([]);
  });

  it('turns a conflict the county answered into the sync centre’s conflict record', async () => {
    const device = laptop();
    open = await openWorkspace(station, device, 'xieli3', PASSWORD);
    const workspace = open;
    // With the uplink up the county answers the push itself: nothing is kept on the laptop.
    const saved = await saveHousehold(workspace, household('孙桂芝'));
    await firstValueFrom(workspace.pending.count$.pipe(filter((count) => count === 0)));
    expect(await atCounty('households', saved.id)).toMatchObject({ address: '碣石山镇一村8号' });
    expect(workspace.relay.batches.kept).toEqual([]);

    // The village changes the address at the station while its uplink is down; meanwhile the
    // township changes it at the county.
    cutUplink();
    await saveHousehold(workspace, { ...household('孙桂芝'), members: saved.members, address: '碣石山镇一村12号' }, saved.id);
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    const zhen = await signInAnswer(central, 'zhen', 'dev-zhen');
    const page = await api<PullResponse<Record<string, unknown> & { id: string; updatedAt: number }>>(central, zhen.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    const onServer = page.body.documents.find((d) => d.id === saved.id)!;
    const townshipEdit = await api(central, zhen.accessToken, 'POST', '/api/v1/sync/households/push', [
      { assumedMasterState: onServer, newDocumentState: { ...onServer, address: '碣石山镇一村10号', updatedAt: onServer.updatedAt + 1 } },
    ]);
    expect(townshipEdit.status).toBe(200);
    expect((townshipEdit.body as { conflicts: unknown[] }).conflicts).toEqual([]);
    uplink.allow();
    await relay.worker.runOnce();
    workspace.relay.refresh();
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 0)));

    const conflicts = await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec();
    expect(conflicts.map((c) => c.documentId)).toEqual([saved.id]);
    expect(conflicts[0]!.fields).toContain('address');
    expect(JSON.parse(conflicts[0]!.localJson)).toMatchObject({ address: '碣石山镇一村12号' });
    expect(JSON.parse(conflicts[0]!.remoteJson)).toMatchObject({ address: '碣石山镇一村10号' });
    // The laptop shows the county's version, which the county kept.
    await firstValueFrom(workspace.db.households.findOne(saved.id).$.pipe(filter((doc) => doc?.address === '碣石山镇一村10号')));
    expect(await atCounty('households', saved.id)).toMatchObject({ address: '碣石山镇一村10号' });
  });

  it('keeps the rows of a batch the county refused, beside its words, so nothing typed is lost', async () => {
    const device = laptop();
    open = await openWorkspace(station, device, 'xieli4', PASSWORD);
    const workspace = open;
    const saved = await saveHousehold(workspace, household('周凤英'));
    await firstValueFrom(workspace.pending.count$.pipe(filter((count) => count === 0)));
    expect(await atCounty('households', saved.id)).not.toBeNull();

    // 城乡属性 is the township's to mark: a laptop whose rules were older sends it anyway (written
    // here past the laptop's own check), the station takes it while its uplink is down.
    cutUplink();
    const current = (await workspace.db.households.findOne(saved.id).exec())!.toMutableJSON();
    workspace.pending.mark('households', saved.id, current.updatedAt + 1);
    await workspace.db.households.upsert({ ...current, residence: 'urban', updatedAt: current.updatedAt + 1 } as never);
    const kept = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    // The county refuses it when the uplink returns: in the words it gives the same rows pushed to it directly.
    uplink.allow();
    await relay.worker.runOnce();
    const direct = await api<{ error: { code: string; message: string } }>(central, (await signInAnswer(central, 'xieli4', 'dev-check')).accessToken, 'POST', '/api/v1/sync/households/push', kept[0]!.rows);
    expect(direct.status).toBe(403);
    expect(direct.body.error.code).toBe('field_not_allowed');
    const batchesBefore = await batchesAtRelay();
    workspace.relay.refresh();
    const refusals = await firstValueFrom(workspace.relay.batches.refusals$.pipe(filter((r) => r.length === 1)));
    expect(refusals[0]).toMatchObject({ collection: 'households', documentIds: [saved.id], code: 'field_not_allowed', message: direct.body.error.message });
    expect(refusals[0]!.message).toMatch(/城乡属性/);
    expect(workspace.relay.batches.kept).toEqual([]);
    const conflicts = await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec();
    expect(conflicts.map((c) => c.documentId)).toEqual([saved.id]);
    expect(conflicts[0]!.fields).toContain('residence');
    expect(JSON.parse(conflicts[0]!.localJson)).toMatchObject({ residence: 'urban' });
    // The laptop shows the county's version again, without sending anything back.
    await firstValueFrom(workspace.db.households.findOne(saved.id).$.pipe(filter((doc) => doc !== null && doc.residence === undefined)));
    await workspace.sync.replicationOf('households')!.awaitInSync();
    expect(await batchesAtRelay()).toBe(batchesBefore);
    expect(workspace.pending.countOf('households')).toBe(0);
    expect(await atCounty('households', saved.id)).not.toHaveProperty('residence');
    // 知道了: the words go, the record to check stays.
    await workspace.relay.batches.dismissRefusal(refusals[0]!.batchId);
    expect(workspace.relay.batches.refused).toEqual([]);
    expect(await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec()).toHaveLength(1);
  });

  it('a new record the county refused leaves the laptop, and stays in the record to check', async () => {
    const device = laptop();
    open = await openWorkspace(station, device, 'xieli6', PASSWORD);
    const workspace = open;
    const userId = workspace.session.user.id;
    const saved = await saveHousehold(workspace, household('吴春梅'));
    await firstValueFrom(workspace.pending.count$.pipe(filter((count) => count === 0)));

    // A visit dated tomorrow (the app's date picker stops at today; a laptop whose clock runs ahead
    // writes it anyway), taken by the station while its uplink is down, refused by the county.
    cutUplink();
    const tomorrow = addCalendarDays(chinaToday(), 1);
    const visit = makeVisit(saved as Household, { visitDate: tomorrow, createdBy: userId, updatedBy: userId });
    workspace.pending.mark('visits', visit.id, visit.updatedAt);
    await workspace.db.visits.insert(visit as never);
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    uplink.allow();
    await relay.worker.runOnce();
    expect(await atCounty('visits', visit.id)).toBeNull();
    workspace.relay.refresh();
    const refusals = await firstValueFrom(workspace.relay.batches.refusals$.pipe(filter((r) => r.length === 1)));
    expect(refusals[0]).toMatchObject({ collection: 'visits', documentIds: [visit.id], code: 'requirements_not_met' });
    expect(refusals[0]!.message).toMatch(/走访日期不能晚于今天/);
    await firstValueFrom(workspace.db.visits.findOne(visit.id).$.pipe(filter((doc) => doc === null)));
    const conflicts = await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec();
    expect(conflicts.map((c) => c.documentId)).toEqual([visit.id]);
    expect(JSON.parse(conflicts[0]!.localJson)).toMatchObject({ visitDate: tomorrow, findings: visit.findings });
    expect(conflicts[0]!.fields).toEqual(expect.arrayContaining(['visitDate', 'findings', 'householdId']));
    // 以本机为准 writes it again whole, and it goes to the station again.
    cutUplink();
    await reapplyConflict(workspace, conflicts[0]!.id);
    expect((await workspace.db.visits.findOne(visit.id).exec())?.findings).toBe(visit.findings);
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
  });

  it('a refusal does not take back what the laptop changed since', async () => {
    open = await openWorkspace(station, laptop(), 'xieli7', PASSWORD);
    const workspace = open;
    const userId = workspace.session.user.id;
    const saved = await saveHousehold(workspace, household('郑玉珍'));
    await firstValueFrom(workspace.pending.count$.pipe(filter((count) => count === 0)));

    // A visit dated tomorrow goes to the station while its uplink is down; the laptop puts the
    // date right (through the data layer) before the county has answered.
    cutUplink();
    const visit = makeVisit(saved as Household, { visitDate: addCalendarDays(chinaToday(), 1), createdBy: userId, updatedBy: userId });
    workspace.pending.mark('visits', visit.id, visit.updatedAt);
    await workspace.db.visits.insert(visit as never);
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    const today = chinaToday();
    await writeDocument(workspace, 'visits', { ...visit, visitDate: today, updatedAt: nextUpdatedAt(visit.updatedAt) });
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 2)));

    // The county refuses the first and stores the second.
    uplink.allow();
    await relay.worker.runOnce();
    expect(await atCounty('visits', visit.id)).toMatchObject({ visitDate: today });
    workspace.relay.refresh();
    await firstValueFrom(workspace.relay.batches.refusals$.pipe(filter((r) => r.length === 1)));
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 0)));
    await workspace.relay.settled();
    await workspace.sync.replicationOf('visits')!.awaitInSync();
    expect((await workspace.db.visits.findOne(visit.id).exec())?.visitDate).toBe(today);
  });

  it('a sign-in answer without keys keeps the keys the laptop holds, and is refused on a laptop that holds none', async () => {
    const device = laptop();
    const withKeys = await signIn({ serverUrl: station.url, username: 'xieli5', password: PASSWORD }, device.store, 'test');
    expect(withKeys.ok).toBe(true);
    if (!withKeys.ok) return;
    expect(withKeys.bundle).toEqual(expect.objectContaining({ signingKey: expect.any(String) }));

    // The county is away: the relay signs in on its own and sends no keys.
    cutUplink();
    const again = await signIn({ serverUrl: station.url, username: 'xieli5', password: PASSWORD }, device.store, 'test');
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.session.offline).toBe(false);
    expect(again.bundle).toEqual(withKeys.bundle);
    expect(again.searchKeys).toEqual(withKeys.searchKeys);
    expect(Object.keys(again.searchKeys)).toEqual(['371623102']);
    expect(again.freshDataKey).toBe(false);
    // The profile still holds them for the next offline start, and its device wrap of the data key.
    expect(readOfflineProfile(device.store, 'xieli5')!.dataKeyByDevice).toEqual(expect.any(String));
    const offline = await signIn({ serverUrl: 'http://127.0.0.1:9', username: 'xieli5', password: PASSWORD }, device.store, 'test');
    expect(offline.ok && offline.bundle).toEqual(withKeys.bundle);

    // The same laptop after 清除本机数据: the station still knows the device, but the keys are gone
    // and the relay has none to give: the person is told why in words.
    const workspace = await Workspace.open(again.session, again, { storage: getRxStorageDexie(), store: device.store, events: device.events, isNavigatorOnline: () => true });
    await workspace.wipe();
    const wiped = await signIn({ serverUrl: station.url, username: 'xieli5', password: PASSWORD }, device.store, 'test');
    expect(wiped).toEqual({ ok: false, reason: 'no_keys_from_relay' });
    // A laptop the station has never seen is not signed in while the county is away: the person is
    // told so (the same words as for a wrong password there, so it tells no one which accounts it knows).
    const fresh = await signIn({ serverUrl: station.url, username: 'xieli5', password: PASSWORD }, laptop().store, 'test');
    expect(fresh).toEqual({ ok: false, reason: 'invalid_credentials_at_relay' });
  });
});
