import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { Backoff } from '../../renderer/data/core/sync/backoff';
import type { Workspace } from '../../renderer/data/core/workspace';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household } from '../../shared/schemas/household';
import type { TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { expectLaptopMatchesServer, serverDocuments } from '../support/convergence';
import { makeHousehold, newRow, wire } from '../support/documents';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type DatabaseKind, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const TOWNSHIP = '371623102000';
const PASSWORD = 'password-123';
const SEEDED = 1200;

/**
 * The laptop talks to the real server through a TCP proxy that cuts answers halfway, resets
 * connections and slows every chunk. Whatever the link does, the end state must be the same:
 * server and laptop hold the same records, each once, nothing waiting, no invented conflicts.
 */
describe.each<DatabaseKind>(['postgres', 'pglite'])('sync through a bad link, on %s', (kind) => {
  let server: TestServer;
  let proxy: FaultProxy;
  let open: Workspace | null = null;
  const token: Record<'xieli' | 'zhen', string> = { xieli: '', zhen: '' };
  let seq = 200;
  // One laptop per person for the whole run: later tests reopen what earlier ones left behind.
  const xieliLaptop = laptop();
  const zhenLaptop = laptop();
  let zhenUserId = '';

  const login = async (username: 'xieli' | 'zhen') =>
    (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId: `dev-${username}-api` })).body;

  beforeAll(async () => {
    server = await startTestServer(kind);
    proxy = await startFaultProxy(Number(new URL(server.url).port));
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: TOWNSHIP });
    token.xieli = (await login('xieli')).accessToken;
    const zhen = await login('zhen');
    token.zhen = zhen.accessToken;
    zhenUserId = zhen.user.id;
    // A village with a long history: the first sync of a new laptop is many pages.
    const seeded = Array.from({ length: SEEDED }, () => makeHousehold(VILLAGE, { note: '低保户，家中老人常年卧病，需定期走访。'.repeat(4) }));
    for (let i = 0; i < seeded.length; i += 300) {
      const answer = await api(server, token.xieli, 'POST', '/api/v1/sync/households/push', seeded.slice(i, i + 300).map(newRow));
      expect(answer.status).toBe(200);
    }
  }, 120_000);
  afterEach(async () => {
    vi.restoreAllMocks();
    proxy.setDelay(0);
    proxy.cutAfter('down', Number.MAX_SAFE_INTEGER, 1);
    proxy.allow();
    await open?.close();
    open = null;
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  const household = (name: string) => ({
    areaCode: VILLAGE,
    address: '碣石山镇一村15号',
    members: [{ id: 'm1', name, idNumber: makeIdNumber('371623', '1961-06-06', seq++), relation: 'head' as const }],
  });

  const settled = (ws: Workspace) => firstValueFrom(ws.sync.status$.pipe(filter((s) => s.pending === 0 && s.lastSyncAt !== null)));

  /** Counts, from now on, the laptop's households requests (`push` or `pull`) whose request or answer was lost on the link. */
  const countFailed = (request: 'push' | 'pull') => {
    const failed = { count: 0 };
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      try {
        return await realFetch(input, init);
      } catch (error) {
        if (String(input).includes(`/sync/households/${request}`)) failed.count++;
        throw error;
      }
    });
    return failed;
  };

  /**
   * A village laptop, synced, whose link then goes down with every wait after a failure an hour
   * long: only 立即同步 can end such a wait within a test. Counts its failed `request`s from now on.
   */
  const villageWithLinkDown = async (request: 'push' | 'pull') => {
    const village = (open = await openWorkspace({ url: proxy.url }, xieliLaptop, 'xieli', PASSWORD));
    await holding(village, SEEDED);
    await settled(village);
    vi.spyOn(Backoff.prototype, 'fail').mockReturnValue(3_600_000);
    const failed = countFailed(request);
    proxy.refuse();
    proxy.resetAll();
    return { village, failed };
  };

  /** Waits until the laptop holds `count` households (a record appearing is what the person sees). */
  const holding = (ws: Workspace, count: number) =>
    firstValueFrom(ws.db.households.count().$.pipe(filter((n) => n >= count)));

  it('resumes a large first sync cut off mid-answer, and ends with every record exactly once', async () => {
    // Past the sign-in's answer, cut the link after every few kilobytes of answers, five times.
    proxy.cutAfter('down', 12_000, 5);
    const cutsBefore = proxy.cuts;
    // Each retry's page is cut too, so the five failures come in a row and the backoff would wait
    // 1 + 2 + 4 + 8 + 16 s (tests/renderer/backoff.test.ts covers that); what is tested here is
    // where each retry resumes, so it waits a fifth of a second.
    vi.spyOn(Backoff.prototype, 'fail').mockReturnValue(200);
    // Count what each households pull answer delivered whole, from the first request on (the
    // workspace starts syncing before it is handed to the test, so its own events would come late).
    const received = new Map<string, number>();
    let failedPulls = 0;
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const isPull = String(input).includes('/sync/households/pull');
      let response: Response;
      try {
        response = await realFetch(input, init);
      } catch (error) {
        if (isPull) failedPulls++;
        throw error;
      }
      if (isPull && response.ok) {
        response
          .clone()
          .json()
          .then(
            (page: { documents: { id: string }[] }) => page.documents.forEach((doc) => received.set(doc.id, (received.get(doc.id) ?? 0) + 1)),
            () => failedPulls++,
          );
      }
      return response;
    });
    const village = (open = await openWorkspace({ url: proxy.url }, xieliLaptop, 'xieli', PASSWORD));

    await holding(village, SEEDED);
    await settled(village);
    expect(proxy.cuts - cutsBefore).toBe(5);
    expect(failedPulls).toBeGreaterThan(0);
    // Resumed from the checkpoint: no page already taken was fetched again (polled: the copy of the
    // last answer may finish parsing just after the app has stored it).
    await expect.poll(() => received.size).toBe(SEEDED);
    expect([...received.values()].every((n) => n === 1)).toBe(true);
    await expectLaptopMatchesServer(village, { url: server.url, token: token.xieli }, ['households', 'visits', 'applications']);
  }, 180_000);

  it('re-sends a push whose answer was lost after the server stored it, and nothing is stored twice', async () => {
    const village = (open = await openWorkspace({ url: proxy.url }, xieliLaptop, 'xieli', PASSWORD));
    await holding(village, SEEDED);
    await settled(village);
    // Pushes that failed on the way back; the server only answers once it has committed.
    const lostAnswers = countFailed('push');
    const saved: Household[] = [];
    // The push's answer is the first thing to come back after a save; a stream event may beat it, so try a few rounds.
    for (let round = 0; round < 5 && lostAnswers.count === 0; round++) {
      proxy.cutAfter('down', 1, 1);
      for (const name of ['冯国强', '陈玉梅', '褚建华']) saved.push(await saveHousehold(village, household(`${name}${round}`)));
      await settled(village);
    }
    expect(lostAnswers.count).toBeGreaterThan(0);
    const onServer = (await serverDocuments(server.url, token.xieli, 'households'));
    for (const doc of saved) expect(onServer.filter((d) => d.id === doc.id), doc.id).toHaveLength(1);
    await expectLaptopMatchesServer(village, { url: server.url, token: token.xieli }, ['households', 'visits', 'applications']);
  }, 180_000);

  it('reopens the live stream after resets, and a later change still arrives', async () => {
    const township = (open = await openWorkspace({ url: proxy.url }, zhenLaptop, 'zhen', PASSWORD));
    await holding(township, SEEDED);
    await settled(township);
    for (let i = 0; i < 3; i++) {
      proxy.resetAll();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // Pushed at the village, straight to the server: only the township's stream (or its resync) can bring it.
    const later = makeHousehold(VILLAGE, { address: '重置之后新登记的户' });
    expect((await api(server, token.xieli, 'POST', '/api/v1/sync/households/push', [newRow(later)])).status).toBe(200);
    const arrived = await firstValueFrom(township.db.households.findOne(later.id).$.pipe(filter((d) => d !== null)));
    expect(arrived?.address).toBe('重置之后新登记的户');
    await settled(township);
    await expectLaptopMatchesServer(township, { url: server.url, token: token.zhen }, ['households', 'visits', 'applications']);
  }, 180_000);

  it('立即同步 sends a change that was waiting out a long backoff, at once', async () => {
    const { village, failed: failedPushes } = await villageWithLinkDown('push');
    const waiting = await saveHousehold(village, household('柴玉珍'));
    await vi.waitFor(() => expect(failedPushes.count).toBeGreaterThan(0), { timeout: 30_000 });
    proxy.allow();
    village.sync.syncNow();
    await settled(village);
    const onServer = await serverDocuments(server.url, token.xieli, 'households');
    expect(onServer.filter((d) => d.id === waiting.id)).toHaveLength(1);
  }, 120_000);

  it('立即同步 pulls what changed on the server while the link was down, at once', async () => {
    const { village, failed: failedPulls } = await villageWithLinkDown('pull');
    village.sync.syncNow();
    await vi.waitFor(() => expect(failedPulls.count).toBeGreaterThan(0), { timeout: 30_000 });
    // Meanwhile another laptop of the village sends a household to the server: only a pull brings it
    // (the live stream starts from the newest change when it opens).
    const other = makeHousehold(VILLAGE, { note: '断网期间另一台电脑登记' });
    expect((await api(server, token.xieli, 'POST', '/api/v1/sync/households/push', [newRow(other)])).status).toBe(200);
    proxy.allow();
    village.sync.syncNow();
    await vi.waitFor(async () => expect(await village.db.households.findOne(other.id).exec()).not.toBeNull(), { timeout: 30_000, interval: 200 });
  }, 120_000);

  it('still converges when every chunk takes two seconds, with edits on both sides', async () => {
    const village = (open = await openWorkspace({ url: proxy.url }, xieliLaptop, 'xieli', PASSWORD));
    await holding(village, SEEDED);
    await settled(village);
    const first = await saveHousehold(village, household('蒋春花'));
    await settled(village);

    // Offline, the village registers two households and corrects an address…
    proxy.refuse();
    proxy.resetAll();
    const mine = [await saveHousehold(village, household('沈德明')), await saveHousehold(village, household('韩素琴'))];
    const members = first.members.map(({ id, name, idNumber, relation }) => ({ id, name, idNumber, relation }));
    await saveHousehold(village, { areaCode: VILLAGE, address: '村里改：一村16号', members }, first.id);
    // …while the township adds a phone number to the same household (another field: it merges).
    const current = ((await serverDocuments(server.url, token.zhen, 'households')) as unknown as Household[]).find((d) => d.id === first.id)!;
    const { _deleted: _d, ...master } = current as Household & { _deleted?: boolean };
    const edited = { ...master, phone: '13912345678', updatedAt: master.updatedAt + 1, updatedBy: zhenUserId };
    const pushed = await api<{ conflicts: unknown[] }>(server, token.zhen, 'POST', '/api/v1/sync/households/push', [{ assumedMasterState: wire(master), newDocumentState: wire(edited) }]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.conflicts).toEqual([]);
    // The link comes back, slow: every chunk each way waits two seconds.
    proxy.setDelay(2_000);
    proxy.allow();
    village.sync.syncNow();

    const merged = await firstValueFrom(
      village.db.households.findOne(first.id).$.pipe(filter((d) => d?.phone === '13912345678' && d.address === '村里改：一村16号')),
    );
    expect(merged).not.toBeNull();
    await holding(village, SEEDED + 3);
    await settled(village);
    proxy.setDelay(0);
    for (let i = 0; i < 100; i++) {
      const onServer = ((await serverDocuments(server.url, token.zhen, 'households')) as unknown as Household[]);
      if (onServer.find((d) => d.id === first.id)?.address === '村里改：一村16号' && mine.every((m) => onServer.some((d) => d.id === m.id))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await expectLaptopMatchesServer(village, { url: server.url, token: token.xieli }, ['households', 'visits', 'applications']);
  }, 240_000);
});
