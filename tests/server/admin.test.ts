import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import type { AdminUser } from '../../shared/wire/adminUsers';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import { auditEntries, type Session } from './securityFixtures';

const TOWNSHIP = '371623102000'; // 无棣县碣石山镇
const VILLAGE_A = '371623102201';
const VILLAGE_B = '371623102202';
const OTHER_TOWNSHIP_VILLAGE = '371621104303'; // 惠民县胡集镇

type UserList = { users: AdminUser[] };

describe.each(databaseKinds)('account administration on %s', (kind) => {
  let server: TestServer;
  let township: Session;
  let county: Session;
  let otherCounty: Session;
  let admin: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    township = await server.signIn('township', TOWNSHIP);
    county = await server.signIn('county', '371623000000');
    otherCounty = await server.signIn('county', '371621000000');
    admin = await server.signIn('admin', '000000000000');
  });
  afterAll(async () => server?.close());

  const deactivate = (who: Session, userId: string) =>
    api<{ user: AdminUser } & ErrorBody>(server, who.accessToken, 'POST', `/api/v1/admin/users/${userId}/deactivate`);
  const revoke = (who: Session, userId: string, deviceId: string) =>
    api<{ user: AdminUser } & ErrorBody>(server, who.accessToken, 'POST', `/api/v1/admin/users/${userId}/devices/${encodeURIComponent(deviceId)}/revoke`);
  const pull = (token: string) => api(server, token, 'GET', '/api/v1/sync/households/pull');
  const refresh = (refreshToken: string) => api<TokenResponse>(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken });
  const login = (who: Session, deviceId: string) =>
    api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: who.user.username, password: who.password, deviceId });

  it('lists the users a township manages — its villages’ assistants — with their devices and last-seen time', async () => {
    const inVillage = await server.signIn('assistant', VILLAGE_A);
    const colleague = await server.signIn('social_worker', TOWNSHIP);
    const elsewhere = await server.signIn('assistant', OTHER_TOWNSHIP_VILLAGE);
    const listed = await api<UserList>(server, township.accessToken, 'GET', '/api/v1/admin/users');
    expect(listed.status).toBe(200);
    const ids = listed.body.users.map((u) => u.id);
    expect(ids).toContain(inVillage.user.id);
    for (const absent of [colleague.user.id, elsewhere.user.id, township.user.id]) expect(ids).not.toContain(absent);
    const entry = listed.body.users.find((u) => u.id === inVillage.user.id)!;
    expect(entry).toMatchObject({ username: inVillage.user.username, role: 'assistant', areaCode: VILLAGE_A, active: true });
    expect(entry.devices).toEqual([expect.objectContaining({ deviceId: inVillage.deviceId, revokedAt: null })]);
    expect(Date.parse(entry.lastSeenAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|password/i);

    const countyList = await api<UserList>(server, county.accessToken, 'GET', '/api/v1/admin/users');
    expect(countyList.body.users.map((u) => u.id)).toEqual(expect.arrayContaining([inVillage.user.id, colleague.user.id, township.user.id]));
    expect(countyList.body.users.map((u) => u.id)).not.toContain(elsewhere.user.id);
    const outside = await api<ErrorBody>(server, county.accessToken, 'GET', '/api/v1/admin/users?areaPrefix=371621');
    expect(outside.status).toBe(403);
  });

  it('deactivates an assistant: the next request, the refresh and a new sign-in are all refused, and it is audited', async () => {
    const assistant = await server.signIn('assistant', VILLAGE_A);
    expect((await pull(assistant.accessToken)).status).toBe(200);
    const done = await deactivate(township, assistant.user.id);
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ id: assistant.user.id, active: false });

    expect((await pull(assistant.accessToken)).status).toBe(401);
    expect((await refresh(assistant.refreshToken)).status).toBe(401);
    expect((await login(assistant, assistant.deviceId)).status).toBe(401);

    const users = await api<PullResponse<{ id: string; active: boolean }>>(server, township.accessToken, 'GET', '/api/v1/sync/users/pull?limit=1000');
    expect(users.body.documents.find((u) => u.id === assistant.user.id)?.active).toBe(false);
    const [entry] = await auditEntries(server, county, `&documentId=${assistant.user.id}&action=deactivate_user`);
    expect(entry).toMatchObject({ userId: township.user.id, role: 'township', collection: 'users', areaCode: VILLAGE_A, details: { wasActive: true } });
  });

  it('revokes one device: that device is refused and cannot refresh, the user’s other device goes on', async () => {
    const assistant = await server.signIn('assistant', VILLAGE_B);
    const second = await login(assistant, 'dev-second-laptop-1');
    expect(second.status).toBe(200);
    const done = await revoke(county, assistant.user.id, assistant.deviceId);
    expect(done.status).toBe(200);
    expect(done.body.user.devices.find((d) => d.deviceId === assistant.deviceId)?.revokedAt).toEqual(expect.any(String));
    expect(done.body.user.active).toBe(true);

    expect((await pull(assistant.accessToken)).status).toBe(401);
    expect((await refresh(assistant.refreshToken)).status).toBe(401);
    expect((await login(assistant, assistant.deviceId)).status).toBe(401);
    expect((await pull(second.body.accessToken)).status).toBe(200);
    expect((await refresh(second.body.refreshToken)).status).toBe(200);

    const [entry] = await auditEntries(server, county, `&documentId=${assistant.user.id}&action=revoke_device`);
    expect(entry).toMatchObject({ userId: county.user.id, details: { deviceId: assistant.deviceId, wasActive: true } });
    const unknown = await revoke(county, assistant.user.id, 'dev-never-seen-1');
    expect(unknown.status).toBe(404);
  });

  it('lets nobody administer outside their reach', async () => {
    const assistant = await server.signIn('assistant', VILLAGE_A);
    const colleague = await server.signIn('social_worker', TOWNSHIP);
    const elsewhere = await server.signIn('assistant', OTHER_TOWNSHIP_VILLAGE);
    const refusals: [Session, string][] = [
      [township, colleague.user.id], // a township manages its villages, not its own colleagues
      [township, elsewhere.user.id],
      [township, county.user.id],
      [otherCounty, assistant.user.id],
      [county, otherCounty.user.id],
      [admin, admin.user.id], // no one locks themself out
    ];
    for (const [who, target] of refusals) {
      const answer = await deactivate(who, target);
      expect(answer.status, `${who.user.role} → ${target}`).toBe(403);
      expect(answer.body.error.code).toBe('out_of_scope');
      expect((await revoke(who, target, 'dev-x-00000001')).status).toBe(403);
    }
    for (const role of ['assistant', 'social_worker'] as const) {
      const who = role === 'assistant' ? assistant : colleague;
      for (const answer of [
        await api<ErrorBody>(server, who.accessToken, 'GET', '/api/v1/admin/users'),
        await deactivate(who, elsewhere.user.id),
        await revoke(who, elsewhere.user.id, elsewhere.deviceId),
      ]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
    }
    expect((await deactivate(county, 'u-no-such-user')).status).toBe(404);
    // Everyone refused is still active, and a city or admin may act where a township may not.
    expect((await pull(colleague.accessToken)).status).toBe(200);
    expect((await deactivate(admin, county.user.id)).status).toBe(200);
    expect((await pull(county.accessToken)).status).toBe(401);
  });

  it('updates a device’s last-seen time when its token is refreshed', async () => {
    const assistant = await server.signIn('assistant', VILLAGE_B);
    const seen = async () => {
      const list = await api<UserList>(server, township.accessToken, 'GET', `/api/v1/admin/users?areaPrefix=${VILLAGE_B}`);
      return list.body.users.find((u) => u.id === assistant.user.id)!.lastSeenAt!;
    };
    const before = await seen();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await refresh(assistant.refreshToken)).status).toBe(200);
    expect(Date.parse(await seen())).toBeGreaterThan(Date.parse(before));
  });
});
