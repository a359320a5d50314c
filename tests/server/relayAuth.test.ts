import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { verifyAccessToken } from '../../server/auth/accessTokens';
import { loadTokenKeys } from '../../server/auth/tokenKeys';
import type { Database } from '../../server/db/database';
import { openMemoryDatabase } from '../support/pgliteSnapshots';
import { HttpError, sendError } from '../../server/http/errors';
import { createRelayAuth, type RelayAccount, type RelayAuth } from '../../server/relay/auth/relayAuth';
import { relayAccountsAnswerSchema } from '../../server/relay/auth/relayAccounts';
import { UpstreamLink } from '../../server/relay/upstreamLink';
import { addUser } from '../../server/users/userStore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { api, startTestServer, type TestServer } from '../support/testServer';

const TOWNSHIP = '371623102';
const VILLAGE = '371623102201';
const PASSWORD = 'correct horse battery';

type Answer = TokenResponse & ErrorBody;

/**
 * Sign-in at a township relay (issue 17, relay-contract §B): a real central server on PGlite, and
 * the relay's sign-in on a database of its own in a small Fastify app, its uplink through a proxy
 * the test can cut. `GET /api/v1/relay/accounts` is another helper's work: the accounts list the
 * relay stores is built here from the central server's database, in that route's shape.
 */
describe('signing in at a township relay', () => {
  let central: TestServer;
  let proxy: FaultProxy;
  let relayDb: Database;
  let relay: FastifyInstance;
  let relayUrl: string;
  let auth: RelayAuth;

  beforeAll(async () => {
    central = await startTestServer('pglite');
    proxy = await startFaultProxy(Number(new URL(central.url).port));
    relayDb = await openMemoryDatabase();
    auth = createRelayAuth({ db: relayDb, upstream: new UpstreamLink(proxy.url, 10_000), township: TOWNSHIP, tokenKeys: await loadTokenKeys(relayDb) });
    await auth.refreshCentralKey();
    relay = Fastify();
    relay.setErrorHandler((error, _request, reply) => (error instanceof HttpError ? sendError(reply, error) : reply.status(500).send(String(error))));
    auth.register(relay);
    // What every route of the relay does first: who is asking.
    relay.get('/whoami', async (request) => auth.authenticate(request));
    relayUrl = await relay.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await relay?.close();
    await relayDb?.close();
    await proxy?.close();
    await central?.close();
  });

  const atRelay = <T = Answer>(token: string | null, method: 'GET' | 'POST', path: string, body?: unknown) => api<T>({ url: relayUrl }, token, method, path, body);
  const login = (username: string, deviceId: string, password = PASSWORD) => atRelay(null, 'POST', '/api/v1/auth/login', { username, password, deviceId });
  const refresh = (refreshToken: string) => atRelay(null, 'POST', '/api/v1/auth/refresh', { refreshToken });
  const whoami = (token: string) => atRelay<{ userId: string; scope: string } & ErrorBody>(token, 'GET', '/whoami');
  const pullAtCentral = (token: string) => api<ErrorBody>(central, token, 'GET', '/api/v1/sync/households/pull?limit=1');
  const newAssistant = async (areaCode = VILLAGE) => {
    const username = `r${randomUUID().slice(0, 8)}`;
    const user = await addUser(central.db, { username, password: PASSWORD, role: 'assistant', areaCode, displayName: '协理员' });
    return { ...user, deviceId: `dev-${randomUUID()}` };
  };
  /** The township's accounts as the central server's `GET /api/v1/relay/accounts` lists them. */
  const townshipAccounts = async (): Promise<RelayAccount[]> => {
    const users = await central.db.query<{ id: string; username: string; display_name: string; role: string; area_code: string; active: boolean }>(
      "SELECT id, username, display_name, role, area_code, active FROM users WHERE area_code LIKE $1 || '%' ORDER BY id",
      [TOWNSHIP],
    );
    const devices = await central.db.query<{ user_id: string; device_id: string; revoked: boolean; session_epoch: number }>(
      'SELECT user_id, device_id, revoked_at IS NOT NULL AS revoked, session_epoch FROM devices',
    );
    const answer = {
      accounts: users.map((u) => ({
        userId: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role,
        areaCode: u.area_code,
        active: u.active,
        devices: devices.filter((d) => d.user_id === u.id).map((d) => ({ deviceId: d.device_id, revoked: d.revoked, sessionEpoch: d.session_epoch })),
      })),
    };
    return relayAccountsAnswerSchema.parse(answer).accounts;
  };
  const cutUplink = () => {
    proxy.refuse();
    proxy.resetAll();
  };
  const restoreUplink = () => proxy.allow();

  it('signs in through the county: the laptop gets the county’s answer with its keys, and a token both the relay and the county accept', async () => {
    const who = await newAssistant();
    const signedIn = await login(who.username, who.deviceId);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: who.id, areaCode: VILLAGE });
    expect(signedIn.body.bundleKey).toEqual(expect.any(String));
    expect(signedIn.body.searchKeys).toHaveProperty(TOWNSHIP);
    expect((await whoami(signedIn.body.accessToken)).body).toMatchObject({ userId: who.id, scope: VILLAGE });
    expect((await pullAtCentral(signedIn.body.accessToken)).status).toBe(200);

    // The refresh token is the relay's, not the county's: the county does not know it.
    expect((await api<ErrorBody>(central, null, 'POST', '/api/v1/auth/refresh', { refreshToken: signedIn.body.refreshToken })).status).toBe(401);
    const refreshed = await refresh(signedIn.body.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.bundleKey).toBe(signedIn.body.bundleKey);
    expect((await pullAtCentral(refreshed.body.accessToken)).status).toBe(200);
    expect((await whoami(refreshed.body.accessToken)).status).toBe(200);
 
    // What the station's disk keeps of the county's refresh token is sealed with the laptop's own
    // relay token: presented to the county as it lies there, it opens nothing.
    const kept = await relayDb.query<{ central_refresh: string }>('SELECT central_refresh FROM relay_sessions WHERE user_id = $1 AND used_at IS NULL', [who.id]);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.central_refresh).toMatch(/^v1\./);
    expect((await api<ErrorBody>(central, null, 'POST', '/api/v1/auth/refresh', { refreshToken: kept[0]!.central_refresh })).status).toBe(401);
    expect((await api<ErrorBody>(central, null, 'POST', '/api/v1/auth/refresh', { refreshToken: kept[0]!.central_refresh.slice(3) })).status).toBe(401);
  });

  it('passes the county’s refusal of a wrong password through unchanged', async () => {
    const who = await newAssistant();
    const refused = await login(who.username, who.deviceId, 'wrong password!');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({ code: 'invalid_credentials', message: '用户名或密码错误' });
  });

  it('with the uplink cut, signs in and refreshes an account that signed in here before, and no one else', async () => {
    const before = await newAssistant();
    const never = await newAssistant();
    const online = await login(before.username, before.deviceId);
    expect(online.status).toBe(200);
    cutUplink();
    try {
      const offline = await login(before.username, before.deviceId);
      expect(offline.status).toBe(200);
      expect(offline.body.user).toMatchObject({ id: before.id, username: before.username, role: 'assistant', areaCode: VILLAGE });
      // No keys: the laptop keeps those it has.
      for (const key of ['searchKeys', 'bundleKey', 'bundlePublicKey', 'deviceDataKey', 'idleMinutes']) expect(offline.body).not.toHaveProperty(key);
      expect(verifyAccessToken(offline.body.accessToken, (await loadTokenKeys(relayDb)).publicKey)).toMatchObject({ iss: 'relay', sub: before.id, dev: before.deviceId });
      expect((await whoami(offline.body.accessToken)).body).toMatchObject({ userId: before.id, scope: VILLAGE });

      const refreshed = await refresh(offline.body.refreshToken);
      expect(refreshed.status).toBe(200);
      expect((await whoami(refreshed.body.accessToken)).status).toBe(200);
      // One chain a device: the sign-in here ended the one begun with the county.
      expect((await refresh(online.body.refreshToken)).status).toBe(401);
      expect((await refresh(refreshed.body.refreshToken)).status).toBe(200);

      const wrong = await login(before.username, before.deviceId, 'wrong password!');
      expect(wrong.status).toBe(401);
      // Its own code, so the app can say why (the same for a wrong password and an unknown account).
      expect(wrong.body.error.code).toBe('invalid_credentials_at_relay');
      expect(wrong.body.error.message).toMatch(/县级服务器暂时连不上/);
      const stranger = await login(never.username, never.deviceId);
      expect(stranger.status).toBe(401);
      expect(stranger.body.error.code).toBe('invalid_credentials_at_relay');
      // Known account, unknown laptop: not without the county.
      expect((await login(before.username, `dev-${randomUUID()}`)).status).toBe(401);
    } finally {
      restoreUplink();
    }
  });

  it('keeps a county session going through an outage: relay tokens while away, the county’s again once it is back', async () => {
    const who = await newAssistant();
    const online = await login(who.username, who.deviceId);
    cutUplink();
    let away: { status: number; body: Answer };
    try {
      away = await refresh(online.body.refreshToken);
      expect(away.status).toBe(200);
      expect(away.body).not.toHaveProperty('bundleKey');
      expect((await whoami(away.body.accessToken)).status).toBe(200);
    } finally {
      restoreUplink();
    }
    // The county never accepts a token the relay signed.
    const refusedByCounty = await pullAtCentral(away.body.accessToken);
    expect(refusedByCounty.status).toBe(401);
    expect(refusedByCounty.body.error.code).toBe('unauthorized');
    const back = await refresh(away.body.refreshToken);
    expect(back.status).toBe(200);
    expect(back.body.bundleKey).toEqual(expect.any(String));
    expect((await pullAtCentral(back.body.accessToken)).status).toBe(200);
  });

  it('ends the relay session when the county refuses its refresh (the laptop signed out at the county)', async () => {
    const who = await newAssistant();
    const signedIn = await login(who.username, who.deviceId);
    expect((await api(central, signedIn.body.accessToken, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    const refused = await refresh(signedIn.body.refreshToken);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_refresh_token');
    cutUplink();
    try {
      // Not even a relay token while the county is away: the session is over.
      expect((await refresh(signedIn.body.refreshToken)).status).toBe(401);
    } finally {
      restoreUplink();
    }
  });

  it('checks the county’s tokens after a restart with the county away, with the key it kept', async () => {
    const who = await newAssistant();
    const signedIn = await login(who.username, who.deviceId);
    cutUplink();
    try {
      const restarted = createRelayAuth({ db: relayDb, upstream: new UpstreamLink(proxy.url, 10_000), township: TOWNSHIP, tokenKeys: await loadTokenKeys(relayDb) });
      await expect(restarted.refreshCentralKey()).rejects.toThrow('upstream unreachable');
      const request = { headers: { authorization: `Bearer ${signedIn.body.accessToken}` } } as FastifyRequest;
      expect(await restarted.authenticate(request)).toMatchObject({ userId: who.id, deviceId: who.deviceId, role: 'assistant', scope: VILLAGE });
      const forged = { headers: { authorization: `Bearer ${signedIn.body.accessToken.slice(0, -4)}AAAA` } } as FastifyRequest;
      await expect(restarted.authenticate(forged)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    } finally {
      restoreUplink();
    }
  });

  it('takes a relay refresh token once: a replay is refused and ends the session', async () => {
    const who = await newAssistant();
    const signedIn = await login(who.username, who.deviceId);
    const next = await refresh(signedIn.body.refreshToken);
    expect(next.status).toBe(200);
    const replay = await refresh(signedIn.body.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_refresh_token');
    expect((await refresh(next.body.refreshToken)).status).toBe(401);
  });

  it('keeps a laptop that signed in through it after the county made the accounts list it takes next', async () => {
    const who = await newAssistant();
    // The relay asks for the list; meanwhile the laptop signs in; then the (older) list is taken.
    const listedAt = Date.now();
    const list = await townshipAccounts();
    const signedIn = await login(who.username, who.deviceId);
    await auth.storeAccounts(list, listedAt);
    expect((await whoami(signedIn.body.accessToken)).status).toBe(200);
    const refreshed = await refresh(signedIn.body.refreshToken);
    expect(refreshed.status).toBe(200);
    // A list made after the sign-in names the laptop, and is taken as it says.
    await auth.storeAccounts(await townshipAccounts());
    expect((await whoami(refreshed.body.accessToken)).status).toBe(200);
  });

  it('refuses a device revoked at the county once the relay has the new accounts list', async () => {
    const county = await central.signIn('county', '371623000000');
    const who = await newAssistant();
    const signedIn = await login(who.username, who.deviceId);
    await auth.storeAccounts(await townshipAccounts());
    expect((await whoami(signedIn.body.accessToken)).status).toBe(200);

    const revoked = await api(central, county.accessToken, 'POST', `/api/v1/admin/users/${who.id}/devices/${encodeURIComponent(who.deviceId)}/revoke`);
    expect(revoked.status).toBe(200);
    cutUplink();
    try {
      // Before the relay hears of it, its copy still lets the device in (the county refuses it already).
      expect((await whoami(signedIn.body.accessToken)).status).toBe(200);
      restoreUplink();
      await auth.storeAccounts(await townshipAccounts());
      cutUplink();
      const refused = await whoami(signedIn.body.accessToken);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('device_revoked');
      expect((await refresh(signedIn.body.refreshToken)).status).toBe(401);
      const again = await login(who.username, who.deviceId);
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('device_revoked');
    } finally {
      restoreUplink();
    }
  });

  it('ends the sessions of a user stopped at the county: re-enabled later, the user signs in again', async () => {
    const county = await central.signIn('county', '371623000000');
    const who = await newAssistant();
    const signedIn = await login(who.username, who.deviceId);
    expect((await api(central, county.accessToken, 'POST', `/api/v1/admin/users/${who.id}/deactivate`)).status).toBe(200);
    await auth.storeAccounts(await townshipAccounts());
    expect((await whoami(signedIn.body.accessToken)).body.error.code).toBe('device_revoked');
    // Re-enabled at the county (no route for it yet: the column, as an administrator's tool would set it).
    await central.db.query('UPDATE users SET active = true WHERE id = $1', [who.id]);
    await auth.storeAccounts(await townshipAccounts());
    expect((await whoami(signedIn.body.accessToken)).status).toBe(200);
    cutUplink();
    try {
      // The access token lives out its minutes, but the session the stop ended does not come back.
      expect((await refresh(signedIn.body.refreshToken)).status).toBe(401);
      expect((await login(who.username, who.deviceId)).status).toBe(200);
    } finally {
      restoreUplink();
    }
  });

  it('counts failed sign-ins while the county is away, and refuses the eleventh try', async () => {
    const who = await newAssistant();
    expect((await login(who.username, who.deviceId)).status).toBe(200);
    // Earlier tests' failures from this address are not this test's.
    await relayDb.query('DELETE FROM login_failures');
    cutUplink();
    try {
      for (let i = 0; i < 10; i++) expect((await login(who.username, who.deviceId, 'wrong password!')).status).toBe(401);
      const locked = await login(who.username, who.deviceId);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('too_many_attempts');
    } finally {
      restoreUplink();
    }
    await relayDb.query('DELETE FROM login_failures');
  });

  it('signs out: the relay session ends, the token stops working at the relay and at the county', async () => {
    const who = await newAssistant();
    const signedIn = await login(who.username, who.deviceId);
    const out = await atRelay<null>(signedIn.body.accessToken, 'POST', '/api/v1/auth/logout');
    expect(out.status).toBe(204);
    expect((await whoami(signedIn.body.accessToken)).status).toBe(401);
    expect((await refresh(signedIn.body.refreshToken)).status).toBe(401);
    expect((await pullAtCentral(signedIn.body.accessToken)).status).toBe(401);
  });

  it('sends an account of another township to the county', async () => {
    const elsewhere = await newAssistant('371623103201');
    const refused = await login(elsewhere.username, elsewhere.deviceId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('outside_township');
  });
});
