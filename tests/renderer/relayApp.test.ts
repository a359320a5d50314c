import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { readOfflineProfile } from '../../renderer/data/core/auth/offlineProfile';
import type { Workspace } from '../../renderer/data/core/workspace';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { reapplyConflict } from '../../renderer/data/core/sync/conflictActions';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { PUSH_SIGNATURE_HEADER, verifyPush } from '../../shared/sync/pushSignature';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { laptop, openWorkspace } from '../support/laptop';
import { startRelayDouble, type RelayDouble } from '../support/relayDouble';
import { api, startTestServer, type TestServer } from '../support/testServer';

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
  let relay: RelayDouble;
  let open: Workspace | null = null;

  beforeAll(async () => {
    central = await startTestServer('pglite');
    relay = await startRelayDouble(central.url);
    for (const username of ['xieli', 'xieli2', 'xieli3', 'xieli4']) await addUser(central.db, { username, password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(central.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
  }, 60_000);
  afterEach(async () => {
    vi.restoreAllMocks();
    relay.withoutKeys = false;
    await open?.close();
    open = null;
  });
  afterAll(async () => {
    await relay?.close();
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
    open = await openWorkspace(relay, device, 'xieli2', PASSWORD);
    const workspace = open;
    // Which server: a relay, its uplink down.
    const server = await firstValueFrom(workspace.relay.server$.pipe(filter((s) => s !== null)));
    expect(server).toMatchObject({ mode: 'relay', name: '碣石山镇中转站', upstream: { reachable: false } });

    const saved = await saveHousehold(workspace, household('钱玉兰'));
    const kept = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    expect(kept[0]).toMatchObject({ collection: 'households' });
    expect(kept[0]!.rows.map((row) => row.newDocumentState.id)).toEqual([saved.id]);
    // Handed over: no longer 待同步; the relay got it signed with this device's key.
    await firstValueFrom(workspace.pending.count$.pipe(filter((count) => count === 0)));
    const atRelay = relay.batches.get(kept[0]!.batchId)!;
    const { bundleKey } = await signInAnswer(central, 'xieli2', workspace.deviceId);
    expect(await verifyPush(bundleKey, { userId: workspace.session.user.id, deviceId: workspace.deviceId }, 'households', atRelay.rows, atRelay.signature!)).toBe(true);
    // Kept sealed on the laptop: neither the name nor the ID number is readable in the store.
    await workspace.relay.batches.flushed();
    const stored = device.store.getItem(`jiuzhu:relayBatches:${workspace.session.user.id}`)!;
    expect(stored).toBeTruthy();
    expect(stored).not.toContain('钱玉兰');
    expect(stored).not.toContain(saved.members[0]!.idNumber);

    // What waits at the station (any laptop's), per record and per village.
    relay.pending = { documents: [{ collection: 'households', id: 'other-laptop-household', areaCode: VILLAGE, since: 1 }], villages: [{ areaCode: VILLAGE, count: 2, oldestAt: 1 }] };
    workspace.sync.syncNow();
    const waiting = await firstValueFrom(workspace.relay.waiting$.pipe(filter((w) => (w?.documents.length ?? 0) === 1)));
    expect(waiting!.villages).toEqual([{ areaCode: VILLAGE, count: 2, oldestAt: 1 }]);

    // The county comes back and stores it: the laptop forgets the batch.
    relay.upstreamReachable = true;
    expect((await relay.forward(kept[0]!.batchId)).state).toBe('stored');
    workspace.sync.syncNow();
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 0)));
    await firstValueFrom(workspace.relay.server$.pipe(filter((s) => s?.mode === 'relay' && s.upstream.reachable)));
    expect(await workspace.db.conflicts.count().exec()).toBe(0);
    expect(workspace.relay.batches.refused).toEqual([]);
  });

  it('turns a conflict the county answered into the sync centre’s conflict record', async () => {
    const device = laptop();
    open = await openWorkspace(relay, device, 'xieli3', PASSWORD);
    const workspace = open;
    const saved = await saveHousehold(workspace, household('孙桂芝'));
    const first = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    await relay.forward(first[0]!.batchId);
    workspace.relay.refresh();
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 0)));

    // The village changes the address at the relay; before the relay can carry it up, the township
    // changes it at the county.
    await saveHousehold(workspace, { ...household('孙桂芝'), members: saved.members, address: '碣石山镇一村12号' }, saved.id);
    const second = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    const zhen = await signInAnswer(central, 'zhen', 'dev-zhen');
    const page = await api<PullResponse<Record<string, unknown> & { id: string; updatedAt: number }>>(central, zhen.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    const onServer = page.body.documents.find((d) => d.id === saved.id)!;
    const townshipEdit = await api(central, zhen.accessToken, 'POST', '/api/v1/sync/households/push', [
      { assumedMasterState: onServer, newDocumentState: { ...onServer, address: '碣石山镇一村10号', updatedAt: onServer.updatedAt + 1 } },
    ]);
    expect(townshipEdit.status).toBe(200);
    expect((townshipEdit.body as { conflicts: unknown[] }).conflicts).toEqual([]);
    expect((await relay.forward(second[0]!.batchId)).state).toBe('conflict');
    workspace.relay.refresh();
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 0)));

    const conflicts = await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec();
    expect(conflicts.map((c) => c.documentId)).toEqual([saved.id]);
    expect(conflicts[0]!.fields).toContain('address');
    expect(JSON.parse(conflicts[0]!.localJson)).toMatchObject({ address: '碣石山镇一村12号' });
    expect(JSON.parse(conflicts[0]!.remoteJson)).toMatchObject({ address: '碣石山镇一村10号' });
    // The laptop shows the county's version.
    await firstValueFrom(workspace.db.households.findOne(saved.id).$.pipe(filter((doc) => doc?.address === '碣石山镇一村10号')));
  });

  it('keeps the rows of a batch the county refused, beside its words, so nothing typed is lost', async () => {
    const device = laptop();
    open = await openWorkspace(relay, device, 'xieli4', PASSWORD);
    const workspace = open;
    const saved = await saveHousehold(workspace, household('周凤英'));
    const first = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    await relay.forward(first[0]!.batchId);
    workspace.relay.refresh();
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 0)));

    // 城乡属性 is the township's to mark: a laptop whose rules were older sends it anyway (written
    // here past the laptop's own check), the relay takes it, the county refuses it.
    const current = (await workspace.db.households.findOne(saved.id).exec())!.toMutableJSON();
    workspace.pending.mark('households', saved.id, current.updatedAt + 1);
    await workspace.db.households.upsert({ ...current, residence: 'urban', updatedAt: current.updatedAt + 1 } as never);
    const second = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    const outcome = await relay.forward(second[0]!.batchId);
    const batchesBefore = relay.batches.size;
    expect(outcome.state).toBe('refused');
    workspace.relay.refresh();
    const refusals = await firstValueFrom(workspace.relay.batches.refusals$.pipe(filter((r) => r.length === 1)));
    expect(refusals[0]).toMatchObject({ collection: 'households', documentIds: [saved.id], code: outcome.error!.code, message: outcome.error!.message });
    expect(refusals[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(workspace.relay.batches.kept).toEqual([]);
    const conflicts = await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec();
    expect(conflicts.map((c) => c.documentId)).toEqual([saved.id]);
    expect(conflicts[0]!.fields).toContain('residence');
    expect(JSON.parse(conflicts[0]!.localJson)).toMatchObject({ residence: 'urban' });
    // The laptop shows the county's version again, without sending anything back.
    await firstValueFrom(workspace.db.households.findOne(saved.id).$.pipe(filter((doc) => doc !== null && doc.residence === undefined)));
    await workspace.sync.replicationOf('households')!.awaitInSync();
    expect(relay.batches.size).toBe(batchesBefore);
    expect(workspace.pending.countOf('households')).toBe(0);
    // 知道了: the words go, the record to check stays.
    await workspace.relay.batches.dismissRefusal(refusals[0]!.batchId);
    expect(workspace.relay.batches.refused).toEqual([]);
    expect(await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec()).toHaveLength(1);
  });

  it('a new record the county refused leaves the laptop, and stays in the record to check', async () => {
    await addUser(central.db, { username: 'xieli6', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    const device = laptop();
    open = await openWorkspace(relay, device, 'xieli6', PASSWORD);
    const workspace = open;
    const saved = await saveHousehold(workspace, household('吴春梅'));
    const kept = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    // The county's refusal as the relay carries it back (the double answers it: no central rule refuses a new household).
    const refusal = { code: 'forbidden', message: '这个村不在您的辖区内' };
    relay.batches.get(kept[0]!.batchId)!.outcome = { batchId: kept[0]!.batchId, state: 'refused', conflicts: [], error: refusal };
    workspace.relay.refresh();
    await firstValueFrom(workspace.relay.batches.refusals$.pipe(filter((r) => r.length === 1)));
    await firstValueFrom(workspace.db.households.findOne(saved.id).$.pipe(filter((doc) => doc === null)));
    const conflicts = await workspace.db.conflicts.find({ selector: { state: 'open' } }).exec();
    expect(conflicts.map((c) => c.documentId)).toEqual([saved.id]);
    expect(JSON.parse(conflicts[0]!.localJson)).toMatchObject({ members: [{ name: '吴春梅' }] });
    expect(conflicts[0]!.fields).toEqual(expect.arrayContaining(['members', 'address']));
    // 以本机为准 writes it again whole, and it goes to the relay again.
    await reapplyConflict(workspace, conflicts[0]!.id);
    expect((await workspace.db.households.findOne(saved.id).exec())?.members[0]?.name).toBe('吴春梅');
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
  });

  it('a refusal does not take back what the laptop changed since', async () => {
    await addUser(central.db, { username: 'xieli7', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    open = await openWorkspace(relay, laptop(), 'xieli7', PASSWORD);
    const workspace = open;
    const saved = await saveHousehold(workspace, household('郑玉珍'));
    const first = await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 1)));
    await saveHousehold(workspace, { ...household('郑玉珍'), members: saved.members, address: '碣石山镇一村15号' }, saved.id);
    await firstValueFrom(workspace.relay.batches.batches$.pipe(filter((b) => b.length === 2)));
    const batchId = first[0]!.batchId;
    relay.batches.get(batchId)!.outcome = { batchId, state: 'refused', conflicts: [], error: { code: 'forbidden', message: '不能登记' } };
    workspace.relay.refresh();
    await firstValueFrom(workspace.relay.batches.refusals$.pipe(filter((r) => r.length === 1)));
    await workspace.relay.settled();
    await workspace.sync.replicationOf('households')!.awaitInSync();
    expect((await workspace.db.households.findOne(saved.id).exec())?.address).toBe('碣石山镇一村15号');
  });

  it('a sign-in answer without keys keeps the keys the laptop holds, and is refused on a laptop that never had any', async () => {
    await addUser(central.db, { username: 'xieli5', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    const device = laptop();
    const withKeys = await signIn({ serverUrl: relay.url, username: 'xieli5', password: PASSWORD }, device.store, 'test');
    expect(withKeys.ok).toBe(true);
    if (!withKeys.ok) return;

    // The county is away: the relay signs in on its own and sends no keys.
    relay.withoutKeys = true;
    const again = await signIn({ serverUrl: relay.url, username: 'xieli5', password: PASSWORD }, device.store, 'test');
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.session.offline).toBe(false);
    expect(again.bundle).toEqual(withKeys.bundle);
    expect(again.searchKeys).toEqual(withKeys.searchKeys);
    expect(Object.keys(again.searchKeys)).toEqual(['371623102']);
    expect(again.freshDataKey).toBe(false);
    // The profile still holds them for the next offline start, and its device wrap of the data key.
    expect(readOfflineProfile(device.store, 'xieli5')!.dataKeyByDevice).toEqual(expect.any(String));
    relay.withoutKeys = false;
    const offline = await signIn({ serverUrl: 'http://127.0.0.1:9', username: 'xieli5', password: PASSWORD }, device.store, 'test');
    expect(offline.ok && offline.bundle).toEqual(withKeys.bundle);

    // A new laptop: nothing to keep, and the person is told why in words.
    relay.withoutKeys = true;
    const fresh = await signIn({ serverUrl: relay.url, username: 'xieli5', password: PASSWORD }, laptop().store, 'test');
    expect(fresh).toEqual({ ok: false, reason: 'no_keys_from_relay' });
  });
});
