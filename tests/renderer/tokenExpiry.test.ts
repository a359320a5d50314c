import 'fake-indexeddb/auto';
import { filter, firstValueFrom, type Subscription } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { signAccessToken, verifyAccessToken } from '../../server/auth/accessTokens';
import { loadTokenKeys } from '../../server/auth/tokenKeys';
import { addUser } from '../../server/users/userStore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { laptop, openWorkspace, type Laptop } from '../support/laptop';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';
const TWENTY_MINUTES = 20 * 60_000;

/**
 * The laptop goes offline with changes waiting; by the time it is back its 15-minute access
 * token has expired. The TokenKeeper must renew it with the refresh token and every waiting
 * change must arrive, without the person being asked to sign in again.
 */
describe.each(databaseKinds)('an access token that expired while the laptop was offline, on %s', (kind) => {
  let server: TestServer;
  let proxy: FaultProxy;
  let open: Workspace | null = null;
  let watching: Subscription | null = null;
  let seq = 100;

  beforeAll(async () => {
    server = await startTestServer(kind);
    proxy = await startFaultProxy(Number(new URL(server.url).port));
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
  }, 60_000);
  afterEach(async () => {
    watching?.unsubscribe();
    vi.restoreAllMocks();
    proxy.allow();
    await open?.close();
    open = null;
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  const goOffline = (device: Laptop) => {
    device.online = false;
    device.events.dispatchEvent(new Event('offline'));
    proxy.refuse();
    proxy.resetAll();
  };
  const goOnline = (device: Laptop) => {
    proxy.allow();
    device.online = true;
    device.events.dispatchEvent(new Event('online'));
  };

  const household = (name: string) => ({
    areaCode: VILLAGE,
    address: '碣石山镇一村8号',
    members: [{ id: 'm1', name, idNumber: makeIdNumber('371623', '1956-02-03', seq++), relation: 'head' as const }],
  });

  /** What the township sees on the server (asked directly, not through the proxy). */
  async function onServer(ids: string[]): Promise<string[]> {
    const login = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-zhen' });
    const page = await api<PullResponse<{ id: string }>>(server, login.body.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    return page.body.documents.map((d) => d.id).filter((id) => ids.includes(id));
  }

  /** Every error the sync indicator showed from now on. */
  function errorsShown(workspace: Workspace): string[] {
    const shown: string[] = [];
    watching = workspace.sync.status$.subscribe((s) => {
      if (s.lastError) shown.push(s.lastError);
    });
    return shown;
  }

  it('renews the token before sending when the clock shows it has expired', async () => {
    const device = laptop();
    const village = (open = await openWorkspace({ url: proxy.url }, device, 'xieli', PASSWORD));
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.lastSyncAt !== null && s.pending === 0)));
    // The offline profile keeps the refresh token (sealed or not): it changes when the token turns over.
    const profile = () => device.store.getItem('jiuzhu:profile:xieli');
    const profileBefore = profile();
    expect(profileBefore).toBeTruthy();

    goOffline(device);
    const saved = [];
    for (const name of ['赵文龙', '钱玉兰', '孙桂芝']) saved.push(await saveHousehold(village, household(name)));
    expect(village.pending.countOf('households')).toBe(3);

    // Twenty minutes pass (for the laptop and the server alike): the access token is now dead.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + TWENTY_MINUTES);
    const shown = errorsShown(village);
    goOnline(device);

    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.online)));
    const ids = saved.map((h) => h.id);
    expect((await onServer(ids)).sort()).toEqual([...ids].sort());
    expect(shown.filter((e) => /unauthorized|revoked/.test(e))).toEqual([]);
    // The rotated refresh token was kept for the next offline sign-in.
    await vi.waitFor(() => expect(profile()).not.toBe(profileBefore));
  }, 60_000);

  it('renews the token and sends again when the server refuses one the laptop thought still good', async () => {
    const device = laptop();
    const keys = await loadTokenKeys(server.db);
    let forged: string | null = null;
    // The sign-in answer carries a token signed twenty minutes ago (a laptop whose clock ran slow):
    // genuine, but expired for the server, while the laptop counts fifteen minutes from now.
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      if (!String(input).endsWith('/api/v1/auth/login') || !response.ok) return response;
      const tokens = (await response.json()) as TokenResponse;
      const { exp: _exp, ...claims } = verifyAccessToken(tokens.accessToken, keys.publicKey)!;
      forged = signAccessToken(claims, keys.privateKey, Date.now() - TWENTY_MINUTES);
      // The network goes right after the sign-in: the workspace opens offline.
      device.online = false;
      proxy.refuse();
      return new Response(JSON.stringify({ ...tokens, accessToken: forged }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const village = (open = await openWorkspace({ url: proxy.url }, device, 'xieli', PASSWORD));
    vi.mocked(globalThis.fetch).mockRestore();
    expect(forged).not.toBeNull();
    expect(verifyAccessToken(forged!, keys.publicKey)).toBeNull();
    const profileBefore = device.store.getItem('jiuzhu:profile:xieli');
    const saved = [await saveHousehold(village, household('周建国')), await saveHousehold(village, household('吴秀英'))];
    const shown = errorsShown(village);
    goOnline(device);

    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.online)));
    const ids = saved.map((h) => h.id);
    expect((await onServer(ids)).sort()).toEqual([...ids].sort());
    expect(shown.filter((e) => /unauthorized|revoked/.test(e))).toEqual([]);
    // Only a renewal could have got them through: the refresh token has turned over.
    await vi.waitFor(() => expect(device.store.getItem('jiuzhu:profile:xieli')).not.toBe(profileBefore));
  }, 60_000);
});
